"""A minimal Streamlit client that speaks the browser's protocol, for load benchmarks (bench/load.py).

One `Session` is one browser tab without the browser: the HTTP requests the frontend makes before it
connects, then the websocket and its protobufs, as Streamlit 1.67's frontend does (checked against
`streamlit/static/static/js/index.*.js` and `streamlit/web/server/starlette/starlette_websocket.py`):

- HTTP: `GET <page>` (the HTML; its static assets are not fetched: nginx gives them a year's cache), then
  `GET /_stcore/health` and `GET /_stcore/host-config` together, as the frontend's ping does (first under
  the page's path, `/<page>/_stcore/...`, the other base URL the frontend probes, then at the root). The health
  answer sets the `_streamlit_xsrf` cookie (server.enableXsrfProtection, on by default). Every request
  carries the session's cookies: its own `jilin_route` (nginx's sticky routing) and what the server set.
- Websocket `/_stcore/stream`, with `Sec-WebSocket-Protocol: streamlit, <xsrf token>` (the frontend
  passes the `_streamlit_xsrf` cookie's value as the second entry), the cookies, and `Origin`. The server
  accepts the connection whatever the token; it checks the token against the cookie (and needs Origin)
  only before reading the auth cookie, so a wrong token would still connect, just never logged in.
- First run: BackMsg `rerun_script` with the page's `page_name` (the URL path, "standards"), an empty
  `page_script_hash`, the query string and browser context (timezone, locale, URL). The run is over at
  ForwardMsg `script_finished` (FINISHED_EARLY_FOR_RERUN means another run follows: keep waiting).
- A widget change: `rerun_script` with `page_script_hash` (from `new_session`), the query string the
  server last wrote (`page_info_changed`), `widget_states` with the changed widget, and, for a widget
  drawn inside an `st.fragment`, that fragment's id (the delta's `fragment_id`), exactly as the
  frontend's WidgetStateManager does. Only the changed widget is sent; the frontend sends every widget's
  value, but the server keeps the others' previous values anyway (SessionState._compact_state), and the
  fragment's widgets are what a fragment run reads.

No cached-message hashes are sent, so the server never replaces a message with a reference.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

XSRF_COOKIE = "_streamlit_xsrf"
ROUTE_COOKIE = "jilin_route"
STREAM_PATH = "/_stcore/stream"
TIMEOUT_S = 180.0
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
CONTEXT = {"timezone": "Asia/Shanghai", "timezone_offset": -480, "locale": "zh-CN", "color_scheme": "light"}


class ProtocolError(RuntimeError):
    """The server answered, but not as a browser would expect (HTTP status, exception element, ...)."""


@dataclass
class HttpResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass
class Widget:
    """An element with an id as last received: a widget, or a keyed chart."""

    kind: str  # the Element oneof: "slider", "plotly_chart", ...
    id: str
    element: Any  # the element's proto (Slider, PlotlyChart, ...)
    fragment_id: str  # "" outside any fragment


@dataclass
class Run:
    """One script run, from sending its BackMsg (or opening the websocket) to its `script_finished`."""

    started: float
    seconds: float = 0.0
    messages: int = 0
    bytes: int = 0
    status: int | None = None
    elements: dict[str, Widget] = field(default_factory=dict)  # elements with an id sent in this run
    exceptions: list[str] = field(default_factory=list)


def _dechunk(body: bytes) -> bytes:
    out, rest = bytearray(), body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2:]
    return bytes(out)


class Session:
    """One simulated browser tab on `base_url` (http://host:port), with its own cookies."""

    def __init__(self, base_url: str, route: str | None = None, timeout_s: float = TIMEOUT_S) -> None:
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookies: dict[str, str] = {ROUTE_COOKIE: route or secrets.token_hex(8)}
        self.timeout_s = timeout_s
        self.widgets: dict[str, Widget] = {}
        self.page_script_hash = ""
        self.query_string = ""
        self.served_by: str | None = None  # nginx's X-Served-By of the page
        self.page_name = ""
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self._run: Run | None = None
        self._done: asyncio.Future | None = None

    # HTTP ----------------------------------------------------------------------------------------------
    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    async def get(self, path: str, check: bool = True) -> HttpResponse:
        """A plain HTTP/1.1 GET (no gzip, Connection: close); keeps the cookies the answer sets. With check,
        a status other than 200 raises ProtocolError."""
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), self.timeout_s)
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nCookie: {self._cookie_header()}\r\n"
                         "Accept: */*\r\nConnection: close\r\n\r\n".encode("latin-1"))
            await writer.drain()
            raw = await asyncio.wait_for(reader.read(), self.timeout_s)
        finally:
            writer.close()
        head, _, body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = [(k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in lines[1:])]
        for name, value in headers:
            if name.lower() == "set-cookie":
                key, _, val = value.split(";", 1)[0].partition("=")
                self.cookies.setdefault(key.strip(), val.strip())  # a route cookie we sent is kept
                if key.strip() == XSRF_COOKIE:
                    self.cookies[XSRF_COOKIE] = val.strip()
        response = HttpResponse(status, headers, body)
        if (response.header("Transfer-Encoding") or "").lower() == "chunked":
            response.body = _dechunk(body)
        if check and status != 200:
            raise ProtocolError(f"GET {path}: HTTP {status}")
        return response

    # Websocket -----------------------------------------------------------------------------------------
    async def open(self, page_name: str, query_string: str = "") -> tuple[float, Run]:
        """Load a page as the frontend does. Returns (seconds of the HTTP requests before the websocket,
        the first run: from opening the websocket to its `script_finished`)."""
        start = time.perf_counter()
        self.page_name = page_name
        page = await self.get(f"/{page_name}" + (f"?{query_string}" if query_string else ""))
        self.served_by = page.header("X-Served-By")
        # The frontend probes two base URLs: the page's path (an app served under a prefix), then the root.
        await asyncio.gather(self.get(f"/{page_name}/_stcore/health", check=False),
                             self.get(f"/{page_name}/_stcore/host-config", check=False))
        await asyncio.gather(self.get("/_stcore/health"), self.get("/_stcore/host-config"))
        http_s = time.perf_counter() - start
        run = self._begin()
        tokens = ["streamlit", self.cookies.get(XSRF_COOKIE, "PLACEHOLDER_AUTH_TOKEN")]
        origin = f"http://{self.host}:{self.port}"
        self._ws = await websockets.connect(
            f"ws://{self.host}:{self.port}{STREAM_PATH}", subprotocols=tokens, origin=origin,
            additional_headers={"Cookie": self._cookie_header()}, max_size=None, open_timeout=self.timeout_s)
        if self._ws.subprotocol != "streamlit":
            raise ProtocolError(f"websocket subprotocol {self._ws.subprotocol!r}, expected 'streamlit'")
        self._reader = asyncio.create_task(self._read())
        self.query_string = query_string
        await self._send(page_name=page_name, page_script_hash="")
        return http_s, await self._wait(run)

    async def set_widget(self, widget: Widget, state: WidgetState) -> Run:
        """Send one widget's new state (state.id is set here) and wait for the rerun it causes."""
        state.id = widget.id
        run = self._begin()
        await self._send(page_name="", page_script_hash=self.page_script_hash, widget_states=(state,),
                         fragment_id=widget.fragment_id)
        return await self._wait(run)

    async def set_slider(self, widget: Widget, value: float) -> Run:
        state = WidgetState()
        state.double_array_value.data.append(value)
        return await self.set_widget(widget, state)

    def find(self, kind: str, key: str) -> Widget:
        """The element of this kind whose id ends with its user key (`$$ID-<hash>-<key>`)."""
        for widget in self.widgets.values():
            if widget.kind == kind and widget.id.endswith(f"-{key}"):
                return widget
        raise ProtocolError(f"no {kind} with key {key!r} received")

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)

    # Internals -----------------------------------------------------------------------------------------
    def _begin(self) -> Run:
        if self._done is not None and not self._done.done():
            raise ProtocolError("a run is already under way")
        self._run = Run(started=time.perf_counter())
        self._done = asyncio.get_running_loop().create_future()
        return self._run

    async def _send(self, page_name: str, page_script_hash: str, widget_states: tuple[WidgetState, ...] = (),
                    fragment_id: str = "") -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_name = page_name
        state.page_script_hash = page_script_hash
        state.fragment_id = fragment_id
        state.widget_states.widgets.extend(widget_states)
        for key, value in CONTEXT.items():
            setattr(state.context_info, key, value)
        query = f"?{self.query_string}" if self.query_string else ""
        state.context_info.url = f"{self.base_url}/{self.page_name}{query}"
        await self._ws.send(msg.SerializeToString())

    async def _wait(self, run: Run) -> Run:
        try:
            await asyncio.wait_for(asyncio.shield(self._done), self.timeout_s)
        except TimeoutError:
            raise ProtocolError(f"no script_finished within {self.timeout_s:.0f} s "
                                f"({run.messages} messages received)") from None
        if run.exceptions:
            raise ProtocolError(f"exception in the page: {run.exceptions[0]}")
        return run

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                self._handle(data)
        except websockets.ConnectionClosed as closed:
            if self._done is not None and not self._done.done():
                self._done.set_exception(ProtocolError(f"websocket closed: {closed}"))
        except Exception as exc:  # noqa: BLE001 - handed to the waiting run
            if self._done is not None and not self._done.done():
                self._done.set_exception(exc)
        else:
            if self._done is not None and not self._done.done():
                self._done.set_exception(ProtocolError("websocket closed by the server"))

    def _handle(self, data: bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(data)
        run = self._run
        if run is not None:
            run.messages += 1
            run.bytes += len(data)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_script_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "ref_hash" and run is not None:
            run.exceptions.append("the server sent a cached-message reference")
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element_kind = msg.delta.new_element.WhichOneof("type")
            element = getattr(msg.delta.new_element, element_kind)
            if element_kind == "exception" and run is not None:
                run.exceptions.append(f"{element.type}: {element.message}")
            elif "id" in element.DESCRIPTOR.fields_by_name and element.id:
                widget = Widget(element_kind, element.id, element, msg.delta.fragment_id)
                self.widgets[element.id] = widget
                if run is not None:
                    run.elements[element.id] = widget
        elif kind == "script_finished" and run is not None and self._done is not None and not self._done.done():
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                self._done.set_exception(ProtocolError("script finished with a compile error"))
            elif status in FINISHED:
                run.status = status
                run.seconds = time.perf_counter() - run.started
                self._done.set_result(run)
