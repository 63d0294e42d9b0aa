"""Saved scenarios and decks end to end: save on the page, open by ?s=<id>, 数据已更新 after an import."""

from __future__ import annotations

import pytest

from tests.conftest import open_app_page


@pytest.fixture
def store(data_copy, monkeypatch):
    from store.engine import dispose_all, get_engine

    monkeypatch.setenv("JILIN_DATA_DIR", str(data_copy))
    dispose_all()
    yield get_engine()
    dispose_all()


def _texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
                     + [s.value for s in at.success] + [c.value for c in at.caption])


def _save_on_standards(store, query: dict[str, str]):
    from store.saved import saved_items

    at = open_app_page("pages/standards.py", query)
    at.button(key="standards_save").click().run()
    items = saved_items(store, kind="scenario")
    assert len(items) == 1
    return at, items[0]


def test_saving_a_scenario_stores_it_with_its_results_and_a_short_link(store):
    at, item = _save_on_standards(store, {"sc_rural_ratio": "0.400"})
    assert f"?s={item.id}" in _texts(at)
    assert item.query["sc_rural_ratio"] == "0.400" and item.page == "standards"
    assert any("2025" in label for label in item.results) and item.vintages["county_indicators"]


def test_the_short_link_opens_the_scenario_on_its_page(store):
    _, item = _save_on_standards(store, {"sc_rural_ratio": "0.400"})
    at = open_app_page(None, {"s": item.id})
    assert at.title[0].value == "标准测算"
    assert at.query_params.get("sc_rural_ratio") in ("0.400", ["0.400"])
    assert "已打开保存的" in _texts(at) and "数据已更新" not in _texts(at)


def test_after_an_import_the_link_says_data_updated_and_sets_then_beside_now(store):
    from analytics.loaders import load_table
    from analytics.vintage_changes import vintage_csv
    from store.vintages import add_vintage

    _, item = _save_on_standards(store, {})
    table = load_table("county_indicators")
    table.loc[table["year"] == table["year"].max(), "rural_standard_month"] = 300.0  # all counties fall below
    add_vintage(store, "county_indicators", vintage_csv(table), author="t", file_name="x.csv",
                file_sha256="0" * 64, note="", provenance={}, label="导入 x.csv")
    from dashboard import data

    data.refresh_versions()  # another session's import: this process would see it within STORE_POLL_S
    at = open_app_page(None, {"s": item.id})
    assert "数据已更新" in _texts(at)
    compare = next(df.value for df in at.dataframe if "保存时" in df.value.columns)
    below = next(label for label in compare.index if "低于" in label)
    assert compare.loc[below, "保存时"] != compare.loc[below, "当前数据"]


def test_an_unknown_or_malformed_link_says_so_in_chinese(store):
    at = open_app_page(None, {"s": "nosuchid1"})
    assert "找不到编号为「nosuchid1」" in _texts(at)
    at = open_app_page(None, {"s": "<b>x"})
    assert "格式不对" in _texts(at)
