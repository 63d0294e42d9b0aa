"""简报: build a deck of slides from the analysis, present it full screen, take it away as PDF / PPTX.

`?present=1` opens the presentation view (no Streamlit chrome; keys → ← PgDn PgUp Space Home End, F, Esc).
Without it the page is the deck editor with a preview of the slide being edited and the exports.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from analytics.briefing import (
    SLIDE_KINDS,
    Deck,
    Slide,
    add_slide,
    check_slide,
    default_deck,
    encode_deck,
    move_slide,
    remove_slide,
    update_slide,
)
from analytics.provenance import STATUS_MARKS
from analytics.scenario import baseline_scenario, scenario_to_query
from dashboard import briefing_ui as ui
from dashboard import data, saved_ui
from dashboard.accounts_ui import current_account
from dashboard.briefing_slides import as_of_year, load_inputs, vocabulary
from dashboard.registry import BRIEFING
from dashboard.scenario_ui import current_scenario, saved_scenarios
from dashboard.ui import guard, lang, page_footer, page_header, t
from exports.content import DeckContent
from store.engine import StoreUnavailable
from store.saved import SavedError

scenario, _ = current_scenario(baseline_scenario(guard(data.parameters)))
inputs = guard(lambda: load_inputs(scenario, lang()))
vocab = guard(lambda: vocabulary(inputs))
deck, notices = ui.current_deck(vocab)
index = st.session_state[ui.INDEX_KEY]
total = len(deck.slides)
today = date.today()


def content(i: int):
    return data.slide_content(deck.slides[i], scenario, lang())


def deck_content() -> DeckContent:
    slides = tuple(content(i) for i in range(total))
    present = {m for s in slides for m in s.marks}
    statuses = tuple(m for m in STATUS_MARKS.values() if m in present)
    link = st.context.url.split("?")[0].rsplit("/", 1)[0] if st.context.url else ""
    return DeckContent(title=f"吉林省社会救助政策简报：{deck.name}", slides=slides, as_of_year=as_of_year(inputs),
                       link=ui.deck_link(deck, vocab, link), generated=today, statuses=statuses)


st.html(ui.SLIDE_CSS)
if ui.presenting():
    st.html(ui.PRESENT_CSS)
    st.html(ui.PRESENT_JS, unsafe_allow_javascript=True)
    for notice in notices:
        st.toast(notice, icon=":material/link_off:")
    with st.container(key="brief_slide"):
        ui.draw_slide(content(index), index, total, today, chart_key=f"brief_chart_{index}",
                      width=ui.SLIDE_CHART_WIDTH)
        ui.draw_navigation({"prev": t("brief.prev"), "next": t("brief.next"), "exit": t("brief.exit"),
                            "first": t("brief.first"), "last": t("brief.last")}, ui.go_to)
    ui.write_url(deck, vocab)
    st.stop()

# ---------------------------------------------------------------------------------------------- editor
page_header("page.briefing", "brief.intro")
st.html(ui.PREVIEW_CSS)
for notice in notices:
    st.warning(notice, icon=":material/link_off:")

top = st.columns([2, 3, 2, 2], vertical_alignment="bottom")
top[0].button(t("brief.present"), key="brief_start", icon=":material/slideshow:", type="primary",
              on_click=ui.start_presenting, help=t("brief.keys_help"))


def rename() -> None:
    ui.set_deck(Deck(st.session_state["brief_name"].strip()[:40] or deck.name, st.session_state[ui.DECK_KEY].slides))


st.session_state.setdefault("brief_name", deck.name)
top[1].text_input(t("brief.name"), key="brief_name", on_change=rename, max_chars=40)
saved = st.session_state.setdefault(ui.SAVED_KEY, {})


def save_deck() -> None:
    current = st.session_state[ui.DECK_KEY]
    if current.name not in saved and len(saved) >= ui.MAX_SAVED_DECKS:
        st.session_state["brief_save_notice"] = t("brief.save_full", n=ui.MAX_SAVED_DECKS)
        return
    saved[current.name] = current
    account = current_account()
    try:
        item = saved_ui.save("deck", current.name, account.name if account else "", BRIEFING.url_path,
                             {ui.DECK_PARAM: encode_deck(current)}, deck_headlines())
    except (SavedError, StoreUnavailable) as exc:
        st.session_state["brief_save_notice"] = str(exc)
        return
    st.session_state["brief_save_notice"] = t("brief.saved_link", name=current.name, link=saved_ui.short_link(item))


def deck_headlines() -> dict[str, str]:
    """What a saved deck keeps to set beside newer data: each slide's generated headline."""
    return {f"第 {i + 1} 页 · {content(i).title}": content(i).headline for i in range(total)}


top[2].button(t("brief.save"), key="brief_save", icon=":material/bookmark_add:", on_click=save_deck)


def load_saved() -> None:
    name = st.session_state.get("brief_load")
    if name in saved:
        ui.set_deck(saved[name], index=0)
        st.session_state["brief_name"] = name


top[3].selectbox(t("brief.load"), [None, *saved], key="brief_load", on_change=load_saved,
                 format_func=lambda n: t("brief.load_pick") if n is None else n)
if st.session_state.get("brief_save_notice"):
    st.caption(st.session_state.pop("brief_save_notice"))
saved_ui.stale_notice(BRIEFING.url_path, deck_headlines)

left, right = st.columns([2, 3], gap="large")
with left:
    st.subheader(t("brief.slides", n=total))
    for i, slide in enumerate(deck.slides):
        kind = SLIDE_KINDS[slide.kind]
        params = "，".join(vocab.label(spec.vocabulary, slide.param(spec.name)) for spec in kind.params)
        with st.container(border=True, key=f"brief_row_{i}"):
            row = st.columns([6, 1, 1, 1], vertical_alignment="center", gap="small")
            chosen = i == index
            row[0].button(f"{i + 1}. {kind.title}" + (f"：{params}" if params else ""), key=f"brief_pick_{i}",
                          type="primary" if chosen else "tertiary", width="stretch",
                          on_click=ui.set_deck, args=(deck,), kwargs={"index": i})
            row[1].button("", key=f"brief_up_{i}", icon=":material/arrow_upward:", help=t("brief.up"),
                          disabled=i == 0, on_click=lambda i=i: ui.set_deck(move_slide(deck, i, -1), index=i - 1))
            row[2].button("", key=f"brief_down_{i}", icon=":material/arrow_downward:", help=t("brief.down"),
                          disabled=i == total - 1,
                          on_click=lambda i=i: ui.set_deck(move_slide(deck, i, 1), index=i + 1))
            row[3].button("", key=f"brief_remove_{i}", icon=":material/delete:", help=t("brief.remove"),
                          disabled=total == 1, on_click=lambda i=i: ui.set_deck(remove_slide(deck, i),
                                                                                index=min(i, total - 2)))
    add = st.columns([3, 2], vertical_alignment="bottom")
    new_kind = add[0].selectbox(t("brief.add_kind"), list(SLIDE_KINDS), key="brief_add_kind",
                                format_func=lambda k: SLIDE_KINDS[k].title)
    add[1].button(t("brief.add"), key="brief_add", icon=":material/add:",
                  on_click=lambda: ui.set_deck(add_slide(deck, new_kind, vocab, index), index=index + 1))
    scenarios = {t("brief.scenario_current"): None} | {
        name: scenario_to_query(s, inputs.baseline) for name, s in saved_scenarios().items()}
    st.button(t("brief.reset"), key="brief_reset", icon=":material/restart_alt:",
              on_click=lambda: ui.set_deck(default_deck(vocab), index=0))

with right:
    slide = deck.slides[index]
    kind = SLIDE_KINDS[slide.kind]
    st.subheader(t("brief.edit", n=index + 1, kind=kind.title))
    rev = ui.revision()

    def edit(name: str, key: str) -> None:
        value = st.session_state[key]
        current = st.session_state[ui.DECK_KEY]
        updated = current.slides[index]
        if name == "headline":
            updated = Slide(updated.kind, updated.params, value.strip(), updated.notes)
        elif name == "notes":
            updated = Slide(updated.kind, updated.params, updated.headline, value)
        elif name == "scenario":
            updated = updated.with_params(scenario=scenarios.get(value))
            if scenarios.get(value) is None:
                updated = Slide(updated.kind, tuple(p for p in updated.params if p[0] != "scenario"),
                                updated.headline, updated.notes)
        else:
            updated = updated.with_params(**{name: value})
        checked, _ = check_slide(updated, vocab, index + 1)
        st.session_state[ui.DECK_KEY] = update_slide(current, index, checked)

    cols = st.columns(max(len(kind.params), 1))
    for col, spec in zip(cols, kind.params, strict=False):
        key = f"brief_p_{spec.name}_{index}_{rev}"
        options = list(vocab.choices[spec.vocabulary])
        value = slide.param(spec.name)
        col.selectbox(spec.label, options, index=options.index(value) if value in options else 0, key=key,
                      on_change=edit, args=(spec.name, key), format_func=lambda v, s=spec: vocab.label(s.vocabulary, v))
    if slide.kind == "projection":
        key = f"brief_p_scenario_{index}_{rev}"
        names = list(scenarios)
        chosen = next((n for n, q in scenarios.items() if q == slide.param("scenario")), names[0])
        st.selectbox(t("brief.scenario"), names, index=names.index(chosen), key=key, on_change=edit,
                     args=("scenario", key), help=t("brief.scenario_help"))
    built = guard(lambda: content(index))
    key = f"brief_headline_{index}_{rev}"
    st.text_input(t("brief.headline"), value=slide.headline, key=key, on_change=edit, args=("headline", key),
                  placeholder=built.headline if slide.headline else "", max_chars=80,
                  help=t("brief.headline_help", generated=built.headline))
    key = f"brief_notes_{index}_{rev}"
    st.text_area(t("brief.notes"), value=slide.notes, key=key, on_change=edit, args=("notes", key), height=90,
                 max_chars=1500, help=t("brief.notes_help"))
    with st.container(border=True, key="brief_preview"):
        ui.draw_slide(built, index, total, today, chart_key="brief_preview_chart", height=420)
    with st.expander(t("brief.notes_generated")):
        st.text(built.notes)

ui.write_url(deck, vocab)

st.subheader(t("brief.export"))
st.caption(t("brief.export_note"))
ex = st.columns(4, vertical_alignment="bottom")
with_notes = ex[0].checkbox(t("brief.with_notes"), key="brief_with_notes", value=True)


def pdf_bytes() -> bytes:
    from exports.pdf_deck import deck_pdf

    return deck_pdf(deck_content(), with_notes=with_notes)


def pptx_bytes() -> bytes:
    from exports.images import chart_image
    from exports.pptx_deck import deck_pptx

    return deck_pptx(deck_content(), lambda s: chart_image(s, "png"))


def image_bytes(fmt: str):
    def make() -> bytes:
        from exports.images import chart_image

        return chart_image(content(index), fmt)
    return make


stem = f"jilin_briefing_{today.isoformat()}"
ex[1].download_button(t("brief.pdf"), pdf_bytes, f"{stem}.pdf", "application/pdf", key="brief_pdf",
                      icon=":material/picture_as_pdf:", on_click="ignore")
ex[2].download_button(t("brief.pptx"), pptx_bytes, f"{stem}.pptx",
                      "application/vnd.openxmlformats-officedocument.presentationml.presentation", key="brief_pptx",
                      icon=":material/co_present:", on_click="ignore")
if built.figure is not None:
    with ex[3]:
        png, svg = st.columns(2)
        png.download_button(t("brief.png"), image_bytes("png"), f"{stem}_slide{index + 1}.png", "image/png",
                            key="brief_png", icon=":material/image:", on_click="ignore")
        svg.download_button(t("brief.svg"), image_bytes("svg"), f"{stem}_slide{index + 1}.svg", "image/svg+xml",
                            key="brief_svg", icon=":material/draw:", on_click="ignore")

page_footer(inputs.sidecars[n] for n in ("province_annual", "assistance_monthly", "indicators_14th_fyp",
                                         "county_indicators", "targets_register"))
