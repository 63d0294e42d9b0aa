"""Streamlit AppTest: every registered page runs, and a few interactions behave."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.paths import DATA_ENV_VAR
from analytics.provenance import all_sidecars
from dashboard.i18n import EN
from dashboard.registry import PAGES
from tests.conftest import DATA, REPO_ROOT, open_app_page

APP = str(REPO_ROOT / "dashboard" / "app.py")
TIMEOUT = 60


def open_page(spec_path: str) -> AppTest:
    return open_app_page(None if spec_path == PAGES[0].path else spec_path)


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_every_page_runs_without_exception(spec):
    at = open_page(spec.path)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value  # the page drew its header


def test_overview_headlines_show_the_sourced_figures():
    at = open_page("pages/overview.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["城市低保标准"] == "6,552 元"
    assert metrics["农村低保标准"] == "4,372 元"
    assert metrics["农村/城市低保标准比"] == "66.7%"
    assert metrics["常住人口"] == "2,407.3 万人"
    assert metrics["低保对象"] == "77.9 万人"  # 2024-11: 257,980 urban + 520,948 rural
    # Recalled income figures carry the visible 待核实 mark.
    assert sum("待核实" in m.value for m in at.markdown) >= 2  # st.badge renders as markdown


def test_language_toggle_switches_to_english():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert at.title[0].value == "概览"
    at.toggle(key="lang_en").set_value(True).run()
    assert at.title[0].value == "Overview"
    assert "Urban dibao standard" in [m.label for m in at.metric]


def test_data_page_lists_every_dataset_and_parameter():
    at = open_page("pages/data_methods.py")
    def frame(column: str):  # AppTest keeps no element keys for data frames: find each by a column of its own
        return next(df.value for df in at.dataframe if column in df.value.columns)

    catalogue, params, indicators = frame("行数"), frame("依据（文号与条款）"), frame("序号")
    assert len(catalogue) == len(all_sidecars(DATA))
    assert "counties.csv" in set(catalogue["文件"])
    assert params["依据（文号与条款）"].str.startswith("吉民发").all()
    assert len(indicators) == 8
    assert len(at.get("download_button")) == len(catalogue) + 1  # one per dataset + parameters CSV
    tiers = frame("文号")
    assert set(tiers["文号"].str.split("《").str[0]) == {"吉民发〔2022〕15号", "吉民发〔2023〕67号"}
    assert len(tiers) == 3 + 3 + 4  # 2021, 2022 (three tiers), 2024 (four)
    calibration = frame("推定档次（县）")
    assert (calibration["依据"] == "全省平均标准（核对）").sum() == 2  # the 2020 check, urban and rural
    assignment = frame("2024年农村")
    assert len(assignment) == 60 and (assignment == "未知").sum().sum() == 36


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: (d / "counties.csv").unlink(), "数据文件「counties.csv」：找不到数据文件"),
        (lambda d: (d / "province_annual.csv").write_bytes(b"year,indicator\n2020,x\n"),
         "数据文件「province_annual.csv」：文件内容与说明文件记录的 SHA-256 校验和不符"),
    ],
    ids=["missing", "corrupt"],
)
def test_bad_data_shows_a_chinese_error_not_a_traceback(monkeypatch, data_copy, damage, expected):
    damage(data_copy)
    monkeypatch.setenv(DATA_ENV_VAR, str(data_copy))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any(expected in e.value for e in at.error), [e.value for e in at.error]


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_every_page_runs_in_english(spec):
    at = open_app_page(None if spec is PAGES[0] else spec.path, {"lang_en": "true"})
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == EN[spec.title_key]
