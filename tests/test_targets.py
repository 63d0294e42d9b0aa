"""The targets register: the embedded data is well-formed, and the filters and timeline are right."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analytics.errors import DataError
from analytics.targets import (
    ASSESSMENTS,
    COMPARISONS,
    DOCUMENT_DATES,
    DOCUMENTS,
    DOMAINS,
    NOT_ASSESSED,
    filter_targets,
    load_targets,
    parse_deadline,
    status_counts,
    timeline,
)

REGISTER = load_targets()
DOCUMENT_NUMBER = re.compile(r"吉民发〔\d{4}〕\d+号")
HEADER = "id,document,section,target,value,unit,comparison,deadline,domain,responsible,assessment,assessed_on,basis,note"


# ---- the embedded register ----

def test_register_has_targets_from_every_document():
    assert 30 <= len(REGISTER) <= 80
    assert set(REGISTER["document"]) == set(DOCUMENTS)


def test_every_document_number_cited_is_one_of_the_five():
    cited = set(REGISTER["document"])
    for column in ("basis", "note"):
        for text in REGISTER[column]:
            cited |= set(DOCUMENT_NUMBER.findall(text))
    assert cited <= set(DOCUMENTS), sorted(cited - set(DOCUMENTS))
    assert set(DOCUMENT_DATES) == set(DOCUMENTS)


@pytest.mark.parametrize("row", REGISTER.to_dict("records"), ids=lambda r: r["id"])
def test_every_deadline_parses_within_the_documents_span(row):
    deadline = parse_deadline(row["deadline"])
    assert deadline == row["deadline_date"]
    assert date(2016, 1, 1) <= deadline <= date(2025, 12, 31)
    # a target is never due before the document that sets it was issued (bar the year it was issued)
    assert deadline.year >= DOCUMENT_DATES[row["document"]].year


@pytest.mark.parametrize("row", REGISTER.to_dict("records"), ids=lambda r: r["id"])
def test_every_value_parses_or_is_explained(row):
    if pd.isna(row["value"]):
        assert row["note"].strip(), f"{row['id']}: empty value without a note"
    else:
        assert float(row["value"]) >= 0
        assert row["unit"], f"{row['id']}: a number needs a unit"
    if row["comparison"] == "deadline":
        assert pd.isna(row["value"])


def test_ids_are_unique_and_sequential():
    assert REGISTER["id"].is_unique
    assert REGISTER["id"].tolist() == [f"T{i:03d}" for i in range(1, len(REGISTER) + 1)]


def test_codes_are_from_the_declared_lists():
    assert set(REGISTER["domain"]) <= set(DOMAINS)
    assert set(REGISTER["assessment"]) <= set(ASSESSMENTS)
    assert set(REGISTER["comparison"]) <= set(COMPARISONS)


def test_paraphrases_are_short():
    too_long = REGISTER.loc[REGISTER["target"].str.len() > 40, "id"].tolist()
    assert not too_long


def test_assessments_are_dated_by_a_document_that_says_so():
    """An assessment other than 未评估 cites a later document in the set, dated by that document."""
    assessed = REGISTER[REGISTER["assessment"] != NOT_ASSESSED]
    assert len(assessed) >= 1
    for row in assessed.itertuples():
        cited = DOCUMENT_NUMBER.findall(row.basis)
        assert cited, row.id
        assert date.fromisoformat(row.assessed_on) == DOCUMENT_DATES[cited[0]]
        assert DOCUMENT_DATES[cited[0]] > DOCUMENT_DATES[row.document]


def test_the_indicator_table_is_in_the_register():
    sections = set(REGISTER.loc[REGISTER["document"] == "吉民发〔2022〕24号", "section"])
    assert {f"§二(三) 指标{n}" for n in range(1, 9)} <= sections


def test_status_counts_sum_to_the_row_count():
    counts = status_counts(REGISTER)
    assert list(counts.index) == list(ASSESSMENTS)
    assert counts.sum() == len(REGISTER)
    assert counts["已完成"] >= 1


def test_timeline_covers_every_target_once():
    line = timeline(REGISTER)
    assert line["year"].tolist() == list(range(2016, 2026))
    assert line["count"].sum() == len(REGISTER)
    assert sorted(i for ids in line["ids"] for i in ids) == sorted(REGISTER["id"])


# ---- filters and timeline on a tiny inline frame ----

TINY = pd.read_csv(io.StringIO(
    "id,document,domain,deadline,assessment\n"
    "T001,吉民发〔2016〕18号,救助,2016,未评估\n"
    "T002,吉民发〔2016〕18号,养老,2018-12-31,已完成\n"
    "T003,吉民发〔2021〕22号,养老,2022-12-31,进行中\n"
    "T004,吉民发〔2022〕4号,基层治理,2022,未评估\n"
    "T005,吉民发〔2022〕24号,救助,2025,未评估\n"
), dtype=str)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["T001", "T002", "T003", "T004", "T005"]),
        ({"documents": []}, ["T001", "T002", "T003", "T004", "T005"]),
        ({"documents": ["吉民发〔2016〕18号"]}, ["T001", "T002"]),
        ({"domains": ["养老"]}, ["T002", "T003"]),
        ({"domains": ["救助"], "statuses": ["未评估"]}, ["T001", "T005"]),
        ({"due_from": 2018, "due_to": 2022}, ["T002", "T003", "T004"]),
        ({"due_to": date(2018, 12, 30)}, ["T001"]),
        ({"due_from": date(2022, 12, 31)}, ["T003", "T004", "T005"]),
        ({"statuses": ["未完成"]}, []),
    ],
)
def test_filter_targets(filters, expected):
    assert filter_targets(TINY, **filters)["id"].tolist() == expected


def test_timeline_on_a_tiny_frame():
    line = timeline(TINY).set_index("year")
    assert list(line.index) == list(range(2016, 2026))
    assert line.loc[2022, "count"] == 2
    assert line.loc[2022, "ids"] == ["T003", "T004"]
    assert line.loc[2017, "count"] == 0
    assert line["count"].sum() == len(TINY)


def test_a_target_outside_the_span_widens_the_timeline():
    frame = pd.DataFrame({"id": ["T001"], "deadline": ["2030"]})
    assert timeline(frame)["year"].tolist() == list(range(2016, 2031))


def test_status_counts_list_every_status():
    counts = status_counts(TINY)
    assert counts.to_dict() == {"未评估": 3, "已完成": 1, "进行中": 1, "未完成": 0}
    assert counts.sum() == len(TINY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025", date(2025, 12, 31)), ("2016-06-30", date(2016, 6, 30)), ("2018-12-31", date(2018, 12, 31))],
)
def test_parse_deadline(text, expected):
    assert parse_deadline(text) == expected


@pytest.mark.parametrize("text", ["2022年底", "2022-02-30", "22", ""])
def test_parse_deadline_refuses(text):
    with pytest.raises(ValueError):
        parse_deadline(text)


# ---- a deliberately broken register gives a Chinese message naming the line ----

GOOD_ROW = "T001,吉民发〔2022〕4号,§三(八),每县至少1所养老机构,1,所/县,at_least,2022-12-31,养老,,未评估,,,"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([GOOD_ROW, "T002,吉民发〔2022〕99号,§一,某目标,5,个,count,2022,救助,,未评估,,,"],
         "第 3 行「document」列：文号「吉民发〔2022〕99号」不在五份来源文件之列"),
        ([GOOD_ROW, "T002,民发2022-4,§一,某目标,5,个,count,2022,救助,,未评估,,,"],
         "第 3 行「document」列：值「民发2022-4」不符合格式"),
        ([GOOD_ROW, "T002,吉民发〔2022〕4号,§一,某目标,5,个,count,2022年底,救助,,未评估,,,"],
         "第 3 行「deadline」列：值「2022年底」不符合格式"),
        ([GOOD_ROW, "T002,吉民发〔2022〕4号,§一,某目标,5,个,count,2022-02-30,救助,,未评估,,,"],
         "第 3 行「deadline」列：期限「2022-02-30」不是有效日期"),
        (["T001,吉民发〔2022〕4号,§一,某目标,5,个,count,2022,救助,,已完成,,,"],
         "第 2 行「assessed_on」列：评估为「已完成」时必须填写评估日期"),
        (["T001,吉民发〔2022〕4号,§一,某目标,5,个,count,2022,救助,,未评估,2022-07-08,,"],
         "第 2 行「assessed_on」列：评估为「未评估」时评估日期应为空"),
        (["T001,吉民发〔2022〕4号,§一,某目标,,,deadline,2022,救助,,未评估,,,"],
         "第 2 行「note」列：数值为空时须在 note 列说明原因"),
        (["T001,吉民发〔2022〕4号,§一,某目标,5,个,count,2022,救助,,进行中,2022-07-08,见吉民发〔2023〕1号,"],
         "第 2 行「basis」列：引用的文号「吉民发〔2023〕1号」不在五份来源文件之列"),
        (["T001,吉民发〔2022〕4号,§一,某目标,5,个,count,2022,民政,,未评估,,,"],
         "第 2 行「domain」列：值「民政」不在允许的取值中"),
    ],
)
def test_broken_register_names_the_line(tmp_path: Path, rows, message):
    bad = tmp_path / "targets_register_bad.csv"
    bad.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_targets(path=bad)
    assert str(caught.value).startswith("数据文件「targets_register_bad.csv」")
    assert message in str(caught.value)


def test_an_edited_register_may_have_another_length(tmp_path: Path):
    edited = tmp_path / "targets_register.csv"
    edited.write_text(HEADER + "\n" + GOOD_ROW + "\n", encoding="utf-8")
    frame = load_targets(path=edited)
    assert frame["deadline_date"].tolist() == [date(2022, 12, 31)]


def test_an_edited_embedded_register_is_refused_by_its_checksum(data_copy: Path):
    path = data_copy / "targets_register.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("T064,", "T065,"), encoding="utf-8")
    with pytest.raises(DataError, match="SHA-256"):
        load_targets(data_copy)
