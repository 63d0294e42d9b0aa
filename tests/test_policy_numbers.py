"""No policy number is written out in a UI sentence or a page: each is filled in from data.

Why this test exists. A number typed into a sentence does not move when its parameter does: edit
`data/parameters.yml` or the indicator table and the chart draws the new line while the caption under it
still quotes the old value, and every other test passes. datasette's `tests/test_docs.py` fails when a
setting is not documented; this is its mirror: it fails when a documented number (a parameter value or an
indicator target) appears in the UI as text instead of through a `{placeholder}` filled at the call site
from `load_parameters()` / `load_indicators()` (code review, item 3).

What counts as a policy number: every dated value of every parameter and every indicator target, in the
spellings a sentence would use: 4000 and 4,000; 0.75 and 75 (%); 1.3 and 130 (%); 0.02 and 2 (%); 30;
the derived ratios as decimals and as percentages (0.31801, 31.8). The targets register is not included.
Matching is on digit boundaries after the `{placeholders}` are removed, so "2025年" does not contain 25,
"2020" does not contain 20 and "1.35" does not contain 1.3.

Single digits and 100 are also ordinary words of the UI (指标1–3, §三(二)1, "1–3 年" forecast horizons,
"1 + 增幅", "province = 100", "100m yuan"), so they count only with the unit a sentence gives that policy
number: "2%", "t−2", "2 年", "1 个月". Any other genuine non-policy use is an entry of `ALLOWED` with
its reason; an entry that no longer matches anything fails `test_every_allowed_entry_is_still_needed`.

Where: both languages of `dashboard/i18n.py` (by key), the map metrics' labels and notes
(`analytics.county_metrics.METRICS`), and every string literal and bare numeric constant in `pages/*.py`
and `dashboard/*.py` (by `path:context`, the dict key, keyword, assigned name or function it sits in;
docstrings are developer notes and skipped). Bare constants are compared by value, leaving out single
digits and 100 (indices, `* 100` for percent, `/ 12` for months are everywhere).
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from analytics.county_metrics import METRICS
from analytics.indicators import load_indicators
from analytics.parameters import load_parameters
from dashboard.i18n import EN, ZH
from tests.conftest import REPO_ROOT

# (where, number as written) -> why it is not a policy number. `where` is an i18n key, a map metric
# ("METRICS[key].note"), or "path:context" for code. Keep it short: each entry is a place a stale number
# could hide.
ALLOWED: dict[tuple[str, str], str] = {
    # Plotly geometry in the map figures that happens to equal a policy value.
    ("dashboard/map_figures.py:len", "0.75"): "colour-bar length, a fraction of the plot height",
    ("dashboard/map_figures.py:y", "0.02"): "legend position, a fraction of the plot height",
    ("dashboard/map_figures.py:b", "30"): "bottom margin of the peer dot plot, in pixels",
    ("dashboard/map_figures.py:t", "30"): "top margin of the all-metrics dot plot, in pixels",
}
# Policy numbers in code another change owns: allowed while it lands, not checked for staleness.
OWNED_ELSEWHERE: dict[tuple[str, str], str] = {}

PERCENT_SUFFIX = r"\s*(?:%|％|percent\b)"
UNIT_SUFFIX = {"年": r"\s*(?:年|years?\b)", "月": r"\s*(?:个月|months?\b)", "日": r"\s*(?:日|天|days?\b)"}
LAG_PREFIX = r"t\s*[−-]\s*"  # t−2: the income year of a lag
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Spelling:
    text: str  # as a sentence writes it: "4,000", "75"; a lag's "t−2" is text "2" with a prefix pattern
    value: float  # the number it spells
    source: str  # the parameter or indicator it comes from
    pattern: re.Pattern[str]


def _ordinary_word(value: float) -> bool:
    """Single digits and 100: counted only next to their unit (see the module docstring)."""
    return value == int(value) and (abs(value) < 10 or value == 100)


def _bounded(text: str) -> str:
    return rf"(?<!\d)(?<!\d[.,]){re.escape(text)}(?!\d|[.,]\d)"


def _spellings(value: float, kind: str, source: str, unit: str = "") -> list[Spelling]:
    """The ways a sentence writes `value`: kind "share" (0.75), "percent" (75, 75.0) or "plain" (4000, 4,000)."""
    if kind == "share":
        texts = {f"{value:g}"} | ({f"{value:.2f}"} if float(f"{value:.2f}") == value else set())
    elif kind == "percent":
        texts = {f"{value:g}", f"{value:.1f}", f"{value:.2f}"}
    else:
        texts = {f"{value:g}"} | ({f"{value:,.0f}"} if value >= 1000 and value == int(value) else set())
    out = []
    for text in sorted(texts):
        if not _ordinary_word(value):
            patterns = [_bounded(text)]
        elif kind == "percent":
            patterns = [_bounded(text) + PERCENT_SUFFIX]
        elif kind == "plain" and unit in UNIT_SUFFIX:
            patterns = [_bounded(text) + UNIT_SUFFIX[unit]]
            if unit == "年":
                patterns.append(LAG_PREFIX + re.escape(text) + r"(?!\d)")
        else:
            continue  # a share of 1 or 2 has no unit to tell it from an ordinary word
        out.append(Spelling(text, value, source, re.compile("|".join(patterns), re.IGNORECASE)))
    return out


@cache
def policy_spellings() -> tuple[Spelling, ...]:
    """Every parameter value (each dated value) and every indicator target, in every spelling."""
    spellings: list[Spelling] = []
    for name, parameter in load_parameters().items():
        for dated in parameter.values:
            if dated.value is None:
                continue
            value = dated.value
            if parameter.unit in ("比例", "倍"):  # a share, or a multiple: 0.75 / 75 %, 1.3 / 130 %
                spellings += _spellings(value, "share", name)
                spellings += _spellings(round(value * 100, 10), "percent", name)
            elif parameter.unit == "%":
                spellings += _spellings(value, "percent", name)
            else:
                spellings += _spellings(value, "plain", name, parameter.unit)
    for indicator in load_indicators():
        if indicator.target_value is None:
            continue
        source = f"indicator {indicator.number} target"
        if indicator.unit == "%":
            spellings += _spellings(indicator.target_value, "percent", source)
            spellings += _spellings(round(indicator.target_value / 100, 10), "share", source)
        else:
            spellings += _spellings(indicator.target_value, "plain", source, indicator.unit)
    return tuple(spellings)


@cache
def policy_values() -> frozenset[float]:
    """The numbers a bare constant in code may not be (single digits and 100 left out)."""
    return frozenset(s.value for s in policy_spellings() if not _ordinary_word(s.value))


@dataclass(frozen=True)
class Finding:
    where: str
    number: str
    source: str
    excerpt: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.where, self.number)

    def __str__(self) -> str:
        return f"{self.where}: {self.number} ({self.source}) in …{self.excerpt}…"


def scan_text(where: str, text: str, spellings: Iterable[Spelling]) -> list[Finding]:
    """Policy numbers written out in one UI text (placeholders removed first)."""
    bare = PLACEHOLDER.sub("{}", text)
    found = {}
    for spelling in spellings:
        if match := spelling.pattern.search(bare):
            excerpt = bare[max(0, match.start() - 15): match.end() + 10].replace("\n", " ")
            found.setdefault((spelling.text, spelling.source), Finding(where, spelling.text, spelling.source, excerpt))
    return list(found.values())


def scan_strings(strings: Mapping[str, str], spellings: Iterable[Spelling]) -> list[Finding]:
    spellings = list(spellings)
    return [f for key, text in strings.items() for f in scan_text(key, text, spellings)]


def _docstrings(tree: ast.AST) -> set[int]:
    """Ids of string statements (docstrings and bare string expressions): developer notes, not UI."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}


def _context(node: ast.AST, parents: Mapping[int, ast.AST]) -> str:
    """The nearest name a constant sits under: dict key, keyword argument, assigned name, function or class."""
    child, parent = node, parents.get(id(node))
    while parent is not None:
        if isinstance(parent, ast.Dict) and child in parent.values:
            key = parent.keys[parent.values.index(child)]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                return key.value
        elif isinstance(parent, ast.keyword) and parent.arg:
            return parent.arg
        elif isinstance(parent, ast.Assign | ast.AnnAssign):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if names:
                return names[0]
        elif isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return parent.name
        child, parent = parent, parents.get(id(parent))
    return "<module>"


def scan_source(label: str, source: str, spellings: Iterable[Spelling], values: Collection[float]) -> list[Finding]:
    """Policy numbers in a module's string literals (f-string parts included) and bare numeric constants."""
    spellings = list(spellings)
    tree = ast.parse(source)
    parents = {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    notes = _docstrings(tree)
    findings = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in notes:
            continue
        where = f"{label}:{_context(node, parents)}"
        if isinstance(node.value, str):
            findings += scan_text(where, node.value, spellings)
        elif (isinstance(node.value, int | float) and not isinstance(node.value, bool)
              and any(math.isclose(node.value, v, rel_tol=1e-9) for v in values)):
            findings.append(Finding(where, f"{node.value:g}", "a policy value", f"line {node.lineno}"))
    return findings


def code_files() -> list[Path]:
    # i18n.py is checked string by string, with its keys, by the tests on ZH and EN.
    files = [*(REPO_ROOT / "pages").glob("*.py"), *(REPO_ROOT / "dashboard").glob("*.py")]
    return sorted(p for p in files if p.name != "i18n.py")


def metric_texts() -> dict[str, str]:
    texts = {}
    for metric in METRICS:
        texts[f"METRICS[{metric.key}].label"] = metric.label
        texts[f"METRICS[{metric.key}].note"] = metric.note
    return texts


def all_findings() -> list[Finding]:
    spellings, values = policy_spellings(), policy_values()
    findings = [*scan_strings(ZH, spellings), *scan_strings(EN, spellings), *scan_strings(metric_texts(), spellings)]
    for path in code_files():
        label = path.relative_to(REPO_ROOT).as_posix()
        findings += scan_source(label, path.read_text(encoding="utf-8"), spellings, values)
    return findings


def unexplained(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.key not in ALLOWED and f.key not in OWNED_ELSEWHERE]


def _report(findings: list[Finding]) -> str:
    return ("policy numbers written out instead of filled from data/parameters.yml or the indicator table "
            "(use a {placeholder} and pass the value at the call site, or add an ALLOWED entry with a reason):\n"
            + "\n".join(f"  {f}" for f in findings))


# ------------------------------------------------------------------------------------------- the checks
def test_the_policy_numbers_are_collected():
    """The checker is only as good as its list: the numbers the review names must be on it."""
    texts = {s.text for s in policy_spellings()}
    assert {"4000", "4,000", "0.75", "75", "1.3", "130", "0.02", "2", "30", "0.3", "31.8"} <= texts
    assert {4000, 0.75, 75, 1.3, 130, 0.02, 30} <= policy_values()
    assert not {1, 2, 100} & policy_values()


@pytest.mark.parametrize("lang, strings", [("zh", ZH), ("en", EN)], ids=["zh", "en"])
def test_no_ui_string_writes_a_policy_number(lang, strings):
    findings = unexplained(scan_strings(strings, policy_spellings()))
    assert not findings, _report(findings)


def test_no_map_metric_note_writes_a_policy_number():
    findings = unexplained(scan_strings(metric_texts(), policy_spellings()))
    assert not findings, _report(findings)


@pytest.mark.parametrize("path", code_files(), ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_no_page_or_dashboard_module_writes_a_policy_number(path):
    label = path.relative_to(REPO_ROOT).as_posix()
    findings = unexplained(scan_source(label, path.read_text(encoding="utf-8"), policy_spellings(),
                                       policy_values()))
    assert not findings, _report(findings)


def test_every_allowed_entry_is_still_needed():
    """The allow-list only shrinks: an entry that matches nothing any more is removed, not kept "just in case"."""
    seen = {f.key for f in all_findings()}
    stale = sorted(set(ALLOWED) - seen)
    assert not stale, f"ALLOWED entries that no longer match anything: {stale}"
    assert all(ALLOWED.values()) and all(OWNED_ELSEWHERE.values()), "every entry needs its reason"


# ---------------------------------------------------------------------------- the checker checks itself
def test_the_checker_flags_a_typed_policy_number():
    """Would this test have failed? A sentence with the 75 % target typed in must be caught."""
    spellings = policy_spellings()
    fake = {
        "fake.target": "目标75%",
        "fake.floor": "农村不低于4,000元/人·年",
        "fake.floor_plain": "floor 4000 yuan",
        "fake.tekun": "特困标准为低保的1.3倍",
        "fake.tekun_pct": "不低于130%",
        "fake.ratio": "比例 0.75",
        "fake.cap": "不超过2%",
        "fake.lag": "按 t−2 年收入",
        "fake.days": "30日内办结",
        "fake.months": "先行发放1个月",
        "fake.derived": "农村比例 31.8%",
    }
    flagged = {f.where for f in unexplained(scan_strings(fake, spellings))}
    assert flagged == set(fake), sorted(set(fake) - flagged)
    assert ("fake.target", "75") in {f.key for f in scan_strings(fake, spellings)}


def test_the_checker_leaves_ordinary_numbers_alone():
    spellings = policy_spellings()
    ordinary = {
        "fake.year": "2025年目标",
        "fake.years": "2015、2020 年有公开数据",
        "fake.decimals": "1.35 倍与 0.755",
        "fake.thousands": "14,000 元",
        "fake.horizon": "预测 1–3 年的 MAPE",
        "fake.interval": "80%/95% 预测区间",
        "fake.indicator": "指标1–3；指标2",
        "fake.section": "吉民发〔2022〕24号 §三(二)1",
        "fake.formula": "2020 年标准 ÷ (1 + 增幅)",
        "fake.province": "各指标以全省水平为 100",
        "fake.placeholder": "目标 {target:.0f}%，下限 {floor:,.0f} 元，{lag} 年",
        "fake.scenarios": "最多保存 5 个情景",
    }
    findings = scan_strings(ordinary, spellings)
    assert not findings, _report(findings)


def test_the_code_checker_flags_literals_and_constants():
    source = (
        '"""A docstring may say 75 %: it is a developer note."""\n'
        'caption = f"目标75%，{x:g}"\n'
        "FLOOR = 4000\n"
        'layout = {"len": 0.75, "width": 2}\n'
        "share = value * 100\n"
    )
    findings = scan_source("fake.py", source, policy_spellings(), policy_values())
    assert {f.key for f in findings} == {("fake.py:caption", "75"), ("fake.py:FLOOR", "4000"),
                                         ("fake.py:len", "0.75")}
