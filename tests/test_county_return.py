"""An uploaded county return gets every problem reported, each where it is, and a valid one none at all.

The corpus (`tests/assets/uploads/`, `cases.yml`, built by `tests/upload_corpus.py`) pairs each broken file
with the problem code, message fragment, severity, line and column the report must contain; the valid files
(every encoding, Excel, one county) must read into exactly the illustrative table's rows. The checker must
also agree with the folder loader wherever both look at the same file (one rule, one implementation), stop
the limit cases before reading them, and never raise whatever the bytes.
"""

from __future__ import annotations

import codecs
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.county_data import COLUMN_BY_CODE, COLUMNS, load_county_table
from analytics.county_return import (
    ERROR,
    FORMULA,
    JUMP_COLUMNS,
    LIMITS,
    THRESHOLDS,
    WARNING,
    PlausibilityThresholds,
    UploadLimits,
    check_county_return,
    check_county_return_file,
    load_reference,
)
from analytics.errors import DataError
from analytics.loaders import load_table
from tests import upload_corpus
from tests.conftest import REPO_ROOT

SPEC = upload_corpus._spec()
BROKEN = SPEC["broken"]
GENERATED = {e["file"] for e in BROKEN if e.get("generated")}
LIMIT_SECONDS = 10  # the limit cases take milliseconds; this only catches a parser reading them whole
BAD_COUNTY = REPO_ROOT / "tests" / "assets" / "bad_county"


@pytest.fixture(scope="module")
def reference():
    return load_reference()


@pytest.fixture(scope="module")
def illustrative() -> pd.DataFrame:
    return load_table("county_indicators")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[tuple[str, str, int | None], upload_corpus.Case]:
    cases = upload_corpus.cases(tmp_path_factory.mktemp("uploads"))
    return {(c.name, c.expected_code, c.line): c for c in cases}


@pytest.fixture(scope="module")
def check(reference, illustrative):
    def run(path, **options):
        return check_county_return_file(path, reference=reference, active=illustrative, **options)
    return run


def _case_id(entry: dict) -> str:
    return f"{entry['file']}-{entry['code']}" + (f"-L{entry['line']}" if entry.get("line") else "")


# ----------------------------------------------------------------------------------------- the corpus
@pytest.mark.parametrize("entry", BROKEN, ids=_case_id)
def test_each_broken_upload_reports_its_problem_where_it_is(entry, corpus, check):
    case = corpus[(entry["file"], entry["code"], entry.get("line"))]
    started = time.perf_counter()
    result = check(case.path, allowed_codes=case.allowed_codes)
    seconds = time.perf_counter() - started
    same_code = [p for p in result.problems if p.code == case.expected_code]
    assert same_code, [(p.code, p.message) for p in result.problems]
    matching = [p for p in same_code if case.fragment in p.message
                and (case.line is None or p.line == case.line) and (case.column is None or p.column == case.column)]
    assert matching, [(p.line, p.column, p.message) for p in same_code]
    assert {p.severity for p in matching} == {case.severity}
    if case.severity == ERROR:
        assert not result.ok
    else:  # a warning never blocks: the warning files are otherwise valid
        assert result.ok and not result.errors, [p.message for p in result.errors]
        assert result.table is not None and len(result.table)
    if case.name in GENERATED:
        print(f"{case.name}: {case.path.stat().st_size / 2**20:.1f} MB refused in {seconds * 1000:.1f} ms")
        assert seconds < LIMIT_SECONDS
        assert result.table is None and len(result.problems) == 1


@pytest.mark.parametrize("entry", BROKEN, ids=_case_id)
def test_every_message_is_a_whole_inert_sentence(entry, corpus, check):
    case = corpus[(entry["file"], entry["code"], entry.get("line"))]
    for problem in check(case.path, allowed_codes=case.allowed_codes).problems:
        assert problem.message.endswith("。"), problem.message
        assert "<" not in problem.message and ">" not in problem.message, problem.message
        assert problem.severity in (ERROR, WARNING)
        assert problem.value is None or len(problem.value) <= LIMITS.value_chars + 1
        if problem.line is not None and problem.line > 1 and problem.code not in ("merged_cells", "header_row"):
            assert f"第 {problem.line} 行" in problem.message, problem.message


def test_every_upload_has_a_case_and_the_big_ones_are_not_committed():
    on_disk = {p.name for p in upload_corpus.UPLOADS.iterdir() if p.name != "cases.yml"}
    listed = {e["file"] for e in BROKEN if not e.get("generated")} | {e["file"] for e in SPEC["valid"]}
    assert on_disk == listed
    assert not GENERATED & on_disk
    assert {"too_large.csv", "million_rows.csv", "zip_bomb.xlsx"} == GENERATED
    assert len({e["file"] for e in BROKEN}) >= 30


def test_committed_uploads_are_exactly_what_the_generator_writes():
    """Regenerate with `python -m tests.upload_corpus` instead of editing a file by hand."""
    for name, content in upload_corpus.small_files().items():
        assert (upload_corpus.UPLOADS / name).read_bytes() == content, name


def test_the_generated_uploads_are_past_the_limits(corpus):
    paths = {c.name: c.path for c in corpus.values()}
    assert paths["too_large.csv"].stat().st_size > 3 * LIMITS.max_bytes
    assert paths["million_rows.csv"].stat().st_size < LIMITS.max_bytes  # refused for its rows, not its size
    assert paths["million_rows.csv"].read_bytes().count(b"\n") == upload_corpus.MILLION + 1
    assert paths["zip_bomb.xlsx"].stat().st_size < LIMITS.max_bytes / 10


# ----------------------------------------------------------------------------------------- valid returns
@pytest.mark.parametrize("upload", upload_corpus.valid_uploads(), ids=lambda u: u.name)
def test_valid_uploads_read_into_the_illustrative_rows(upload, check, illustrative):
    result = check(upload.path)
    assert result.problems == (), [p.message for p in result.problems]
    assert result.ok and len(result.table) == upload.rows
    assert list(result.table.columns) == list(illustrative.columns)
    assert result.table.dtypes.to_dict() == illustrative.dtypes.to_dict()
    keys = result.table.set_index(["code", "year"]).index
    expected = illustrative.set_index(["code", "year"]).loc[keys].reset_index()[list(illustrative.columns)]
    pd.testing.assert_frame_equal(result.table, expected)
    if upload.same_as:
        pd.testing.assert_frame_equal(result.table, check(upload_corpus.UPLOADS / upload.same_as).table)


@pytest.mark.parametrize("year", sorted(int(y) for y in load_table("county_indicators")["year"].unique()))
def test_a_full_60_county_return_of_any_year_has_no_error(year, reference, illustrative):
    """No errors; the only warnings are the year-on-year jumps the table really has (2021: the first guidance
    notice lifted low urban standards by up to 38 %; 2022: the 特困 standards follow), computed here by hand."""
    rows = illustrative[illustrative["year"] == year]
    raw = rows.to_csv(index=False).encode("utf-8")
    result = check_county_return(raw, f"county_{year}.csv", reference=reference, active=illustrative)
    assert result.ok and result.counties == tuple(sorted(load_table("counties")["code"])) and result.years == (year,)
    pd.testing.assert_frame_equal(result.table, rows.reset_index(drop=True))
    before = illustrative[illustrative["year"] == year - 1].set_index("code")
    expected = set()
    for line, row in enumerate(rows.itertuples(index=False), start=2):
        for column in JUMP_COLUMNS if row.code in before.index else ():
            now = float(getattr(row, column)) if pd.notna(getattr(row, column)) else float("nan")
            then = float(before.at[row.code, column]) if pd.notna(before.at[row.code, column]) else float("nan")
            if then > 0 and abs(now / then - 1) > THRESHOLDS.max_change:
                expected.add((line, COLUMN_BY_CODE[column].zh))
    assert {(p.line, p.column) for p in result.problems} == expected
    assert {p.code for p in result.problems} <= {"jump"}
    assert bool(expected) == (year in (2021, 2022))


def test_a_one_county_return_covers_that_county_only(check):
    result = check(upload_corpus.UPLOADS / "one_county.csv")
    assert result.ok and result.counties == ("220122",) and result.years == (2023, 2024)
    assert list(result.table["name"]) == ["农安县", "农安县"]


def test_tab_separated_utf8_reads_too(reference):
    text = upload_corpus.csv_text(upload_corpus.base_rows(), sep="\t")
    result = check_county_return(text.encode("utf-8"), "tabs.csv", reference=reference)
    assert result.ok and len(result.table) == 60


def test_the_folder_loader_still_refuses_utf16_but_accepts_tabs(tmp_path):
    """UTF-16 is an upload feature; the loader's case file pins its refusal (tests/assets/bad_county)."""
    with pytest.raises(DataError, match="无法识别文件编码（已尝试 UTF-8、GBK/GB18030"):
        load_county_table(upload_corpus.UPLOADS / "valid_utf16.csv")
    tabs = tmp_path / "tabs.csv"
    tabs.write_text(upload_corpus.csv_text(upload_corpus.base_rows(), sep="\t"), encoding="utf-8")
    assert len(load_county_table(tabs)) == 60


# ----------------------------------------------------------------------------------------- one rule
@pytest.mark.parametrize("path", sorted(p for p in BAD_COUNTY.iterdir() if p.suffix in (".csv", ".xlsx")),
                         ids=lambda p: p.name)
def test_the_checker_reports_the_loaders_first_error_at_the_same_cell(path, reference):
    """Both read the same file with the same rules: the loader's first error is among the checker's."""
    try:
        load_county_table(path)
    except DataError as exc:
        if "缺少" in exc.problem and "个县级行政区" in exc.problem:
            return  # a year without all 60 counties: the loader's folder rule, not a return's
        if path.name == "utf16.csv":
            return  # read by the checker on purpose (test above)
        result = check_county_return(path.read_bytes(), path.name, reference=reference)
        assert not result.ok
        assert any(p.line == exc.line and p.column == exc.column and p.severity == ERROR
                   for p in result.problems), (str(exc), [(p.line, p.column, p.message) for p in result.problems])
        return
    assert check_county_return(path.read_bytes(), path.name, reference=reference).ok


def test_every_bad_cell_is_reported_not_just_the_first(reference):
    rows = upload_corpus.base_rows()
    bad = {3: ("urban_standard_month", "约600"), 9: ("rural_recipients", "-5"), 20: ("nursing_bed_share", "85"),
           41: ("year", "二〇二四"), 60: ("tekun_persons", "12.5")}
    for line, (column, value) in bad.items():
        rows = upload_corpus._set(rows, line, column, value)
    result = check_county_return(upload_corpus.csv_text(rows).encode(), "many.csv", reference=reference)
    labels = {c.code: c.zh for c in COLUMNS}
    assert {(p.line, p.column) for p in result.errors} == {(line, labels[c]) for line, (c, _) in bad.items()}
    assert len(result.table) == 59  # the row without a readable year is left out of the preview


# ----------------------------------------------------------------------------------------- limits as data
def test_the_list_is_capped_with_a_count_of_the_rest(reference):
    raw = (upload_corpus.UPLOADS / "many_problems.csv").read_bytes()
    result = check_county_return(raw, "many.csv", reference=reference, limits=UploadLimits(max_problems=5))
    assert len(result.problems) == 6 and result.problems[-1].code == "more_problems"
    assert "另有 535 个问题未列出（其中错误 535 个；上面只列出前 5 个）" in result.problems[-1].message
    assert [p.line for p in result.problems[:5]] == [2, 3, 4, 5, 6]  # in sheet order: the first cells first


def test_a_search_stopped_early_says_at_least(reference):
    rows = [upload_corpus._set([r], 2, "urban_standard_month", f"约{i}")[0]
            for i, r in enumerate(upload_corpus.base_rows() * 6)]  # 360 distinct bad texts
    raw = upload_corpus.csv_text(rows, header=[c.header for c in COLUMNS]).encode()
    result = check_county_return(raw, "distinct.csv", reference=reference, limits=UploadLimits(max_problems=20))
    assert "另有至少" in result.problems[-1].message and result.problems[-1].severity == ERROR
    assert result.table is None


@pytest.mark.parametrize(("limits", "name", "code", "fragment"), [
    (UploadLimits(max_bytes=2048), "valid_utf8.csv", "too_large", "超过 2.0 KB 的上限"),
    (UploadLimits(max_rows=10), "valid_utf8.csv", "too_many_rows", "数据超过 10 行的上限（文件约有 60 行）"),
    (UploadLimits(max_rows=10), "valid.xlsx", "too_many_rows", "数据超过 10 行的上限"),
    (UploadLimits(max_unzipped_bytes=10_000), "valid.xlsx", "zip_bomb", "超过解压后 9.8 KB"),
], ids=["bytes", "csv-rows", "xlsx-rows", "unzipped"])
def test_limits_come_from_the_limits_object(limits, name, code, fragment, reference):
    raw = (upload_corpus.UPLOADS / name).read_bytes()
    assert check_county_return(raw, name, reference=reference).ok
    result = check_county_return(raw, name, reference=reference, limits=limits)
    assert [p.code for p in result.problems] == [code] and fragment in result.problems[0].message


def test_a_bomb_is_refused_by_its_ratio_alone(corpus, reference):
    bomb = next(c.path for c in corpus.values() if c.name == "zip_bomb.xlsx")
    result = check_county_return_file(bomb, reference=reference, limits=UploadLimits(max_unzipped_bytes=2**40))
    assert [p.code for p in result.problems] == ["zip_bomb"] and "压缩比最高 229 倍" in result.problems[0].message


def test_the_bytes_api_refuses_60_mb_as_fast_as_the_file_api(corpus):
    raw = next(c.path for c in corpus.values() if c.name == "too_large.csv").read_bytes()
    started = time.perf_counter()
    result = check_county_return(raw, "too_large.csv")  # no reference: nothing is loaded before the limit
    seconds = time.perf_counter() - started
    print(f"60 MB as bytes refused in {seconds * 1000:.2f} ms")
    assert [p.code for p in result.problems] == ["too_large"] and seconds < LIMIT_SECONDS


def test_thresholds_come_from_the_thresholds_object(check):
    path = upload_corpus.UPLOADS / "valid_utf8.csv"
    assert check(path).problems == ()
    strict = check(path, thresholds=PlausibilityThresholds(max_change=0.01, max_dibao_share=0.01,
                                                           max_tekun_share=0.001),
                   limits=UploadLimits(max_problems=10_000))
    assert {p.code for p in strict.problems} == {"jump", "caseload_share"}
    assert strict.ok  # warnings only
    assert any("变化超过 1.0%" in p.message for p in strict.problems)


# ----------------------------------------------------------------------------------------- details
def test_html_is_kept_as_typed_in_value_but_never_in_the_message(check):
    result = check(upload_corpus.UPLOADS / "html_name.csv")
    (problem,) = result.problems
    assert problem.value.startswith("<script>alert('x')</script>")
    assert "<" not in problem.message and "＜script＞" in problem.message
    assert result.table.loc[result.table["code"] == "220103", "name"].item() == "宽城区"  # name from counties.csv


def test_an_editor_may_import_their_own_counties(check):
    path = upload_corpus.UPLOADS / "not_my_county.csv"
    assert check(path).ok
    assert check(path, allowed_codes=["220102", "220103"]).ok
    refused = check(path, allowed_codes=["220102"])
    assert [(p.code, p.line) for p in refused.problems] == [("not_allowed", 3)]


def test_a_name_that_does_not_match_is_replaced_by_the_counties_name(check):
    result = check(upload_corpus.UPLOADS / "name_mismatch.csv")
    assert result.ok and result.table["name"].iloc[0] == "南关区"


def test_a_guidance_warning_needs_a_notice_year(reference, illustrative):
    """2023 has no guidance notice: the same shortfall that warns in 2024 is silent in 2023."""
    rows = upload_corpus._set(upload_corpus.base_rows("2023"), 2, "urban_standard_month", "600")
    result = check_county_return(upload_corpus.csv_text(rows).encode(), "y2023.csv", reference=reference)
    assert "below_guidance" not in {p.code for p in result.problems}
    rows = upload_corpus._set(upload_corpus.base_rows("2024"), 2, "urban_standard_month", "600")
    result = check_county_return(upload_corpus.csv_text(rows).encode(), "y2024.csv", reference=reference)
    assert [p.code for p in result.problems] == ["below_guidance"]


@pytest.mark.parametrize(("text", "is_formula"), [
    ("=1+1", True), ("=SUM(D2:D3)", True), ("+A1", True), ("@SUM(A1)", True), ("-cmd|' /C calc'!A0", True),
    ("- A1", True), ("-12", False), ("+86", False), ("600", False), ("南关区", False), ("-", False), ("", False),
])
def test_what_counts_as_a_formula(text, is_formula):
    assert bool(FORMULA.match(text)) is is_formula


def test_bom_encodings_read_the_same_characters():
    rows = upload_corpus.base_rows()[:2]
    text = upload_corpus.csv_text(rows)
    for raw in (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), codecs.BOM_UTF8 + text.encode(),
                text.encode("gb18030")):
        result = check_county_return(raw, "x.csv")
        assert result.ok and list(result.table["name"]) == ["南关区", "宽城区"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]),
       header=st.booleans())
def test_no_bytes_make_the_checker_raise(data, suffix, header, reference):
    raw = (upload_corpus.csv_text([]).encode() + data) if header else data
    result = check_county_return(raw, f"fuzz{suffix}", reference=reference)
    assert isinstance(result.problems, tuple)
    assert result.ok == (not result.errors)
