"""Turn a Plotly map selection event into county codes.

With ``st.plotly_chart(fig, on_select="rerun", selection_mode="points")`` Streamlit returns an event that
behaves like ``{"selection": {"points": [...], "point_indices": [...], "box": [], "lasso": []}}`` (checked
with Streamlit 1.67 and plotly 7.1, geo ``px.choropleth``). A click on a choropleth region gives a point
whose ``location`` is the county code; a click on a marker layer (e.g. invisible points at the county
centroids) has no ``location`` and carries the code in ``customdata``, either as a scalar or as the first
element of a list. The feature's GeoJSON ``properties`` come along too.

The page must never fail because of a click, so every malformed shape (None, empty dicts, wrong types,
int or float codes, codes outside Jilin) yields fewer codes, never an exception. This module is pure:
no Streamlit import, so it is tested with plain dicts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence

CODE_PATTERN = re.compile(r"[0-9]{6}")  # GB/T 2260 county-level code; ASCII digits only (\d takes ２)
# Where a point may carry the code, in the order tried: the choropleth location, the trace's customdata
# (centroid marker layer), then the GeoJSON feature properties.
POINT_CODE_KEYS: tuple[str, ...] = ("location", "customdata")
PROPERTY_CODE_KEYS: tuple[str, ...] = ("code", "adcode")
# customdata may be nested ([[code, name]] for some trace types); look this deep for a first element.
_MAX_NESTING = 3


def _get(container: object, key: str) -> object:
    """container[key] for a mapping, else the attribute (Streamlit's event also allows ev.selection)."""
    if isinstance(container, Mapping):
        try:
            return container.get(key)
        except Exception:  # a broken mapping must not break the page
            return None
    if container is None or isinstance(container, str | bytes | int | float | Sequence):
        return None
    try:
        return getattr(container, key, None)
    except Exception:  # an attribute that raises on access counts as absent
        return None


def normalise_code(raw: object) -> str | None:
    """A 6-digit code as a string, from a str, an int or a whole float; None for anything else.

    The first element of a list or tuple counts (customdata rows put the code first).
    """
    for _ in range(_MAX_NESTING):
        if isinstance(raw, list | tuple):
            if not raw:
                return None
            raw = raw[0]
    if isinstance(raw, bool):  # True is an int in Python, never a code
        return None
    if isinstance(raw, int):
        text = str(raw)
    elif isinstance(raw, float):
        if not math.isfinite(raw) or not raw.is_integer():
            return None
        text = str(int(raw))
    elif isinstance(raw, str):
        text = raw.strip()
    else:
        return None
    return text if CODE_PATTERN.fullmatch(text) else None


def _point_code(point: object, valid: frozenset[str]) -> str | None:
    """The first valid code a point carries, looking in `POINT_CODE_KEYS` then the feature properties."""
    candidates = [_get(point, key) for key in POINT_CODE_KEYS]
    properties = _get(point, "properties")
    candidates += [_get(properties, key) for key in PROPERTY_CODE_KEYS]
    for raw in candidates:
        code = normalise_code(raw)
        if code is not None and code in valid:
            return code
    return None


def selected_codes(event: Mapping | None, valid_codes: Collection[str]) -> list[str]:
    """The valid county codes in a selection event: unique, in order of appearance.

    Only codes in `valid_codes` are returned (a stale figure or another layer cannot select a county that
    does not exist). ``point_indices`` are ignored: without the figure an index says nothing about a county.
    """
    points = _get(_get(event, "selection"), "points")
    if not isinstance(points, Sequence) or isinstance(points, str | bytes):
        return []
    try:
        valid = frozenset(str(code) for code in valid_codes)
    except TypeError:
        return []
    found: list[str] = []
    for point in points:
        code = _point_code(point, valid)
        if code is not None and code not in found:
            found.append(code)
    return found


def first_selected(event: Mapping | None, valid_codes: Collection[str]) -> str | None:
    """The first selected county code, or None when nothing valid is selected."""
    codes = selected_codes(event, valid_codes)
    return codes[0] if codes else None
