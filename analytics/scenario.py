"""Scenarios: named, frozen sets of rule-parameter overrides (issue 3).

A scenario is what PolicyEngine calls a reform: the rules of 吉民发〔2022〕24号 §三(二)1 (dibao
standard = ratio × income of year t−lag; 特困 standard = multiplier × dibao standard) with some
constants changed. The baseline scenario is the rules as they stand in `data/parameters.yml`; every
other scenario is stored and shared as its *difference* from that baseline, so that a link stays
short and keeps meaning "the current rules, except …" when the parameter file is revised.

Everything a widget or a validator needs to know about a field — kind, bounds, step, choices,
labels — lives in `SCENARIO_FIELDS` as data: the page builds its sliders from it and the URL / JSON
reader checks values against it, so the two cannot drift apart.

Links are typed by people and shared through chat apps, so reading one must never fail: a value
that cannot be used is replaced by the baseline's, a value out of range is clamped to the bound, and
either way the user gets a Chinese notice naming the parameter and what was in the link. Float noise
and digits beyond the stored precision are rounded away silently; they change nothing a user can see.

Decision on the ratio step: the calibrated defaults (0.21716 urban, 0.31801 rural) reproduce the 2020
standards to the yuan only with five decimals, so ratios are *stored and serialised* on a 0.00001
grid (`step`, `precision` 5) while the slider moves in 0.001 (`ui_step`) — a slider with 40,000
positions is unusable, and a 0.001 grid would move the baseline off the calibrated values.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from analytics.parameters import PolicyParameter

INCOME_PATHS = ("forecast", "lower80", "upper80", "custom")
INCOME_PATH_LABELS: dict[str, str] = {
    "forecast": "模型预测（中位）",
    "lower80": "80%区间下限",
    "upper80": "80%区间上限",
    "custom": "自定义年增速",
}
INCOME_PATH_LABELS_EN: dict[str, str] = {
    "forecast": "Model forecast (median)",
    "lower80": "Lower 80% bound",
    "upper80": "Upper 80% bound",
    "custom": "Custom annual growth",
}

FIELD_KINDS = ("float", "choice", "optional_int", "text", "values", "moves")
GUIDANCE_MODE_LABELS: dict[str, str] = {"ratio": "按比例推算（沿用最新分档比例）", "tiers": "逐档设定"}
GUIDANCE_MODE_LABELS_EN: dict[str, str] = {"ratio": "From the ratio (latest tier proportions)",
                                           "tiers": "Set tier by tier"}
# A tier move is written side letter + county code + ":" + tier, e.g. "u220122:2" (urban 农安县 to tier 2).
MOVE_SIDES = {"u": "urban", "r": "rural"}
_MOVE = re.compile(r"([ur])(22\d{4}):(\d{1,2})")
LIST_SEPARATORS = re.compile(r"[,，;；\s]+")
QUERY_PREFIX = "sc_"
BASELINE_NAME = "基准情景"
# Raw values are echoed back in notices; a pasted paragraph must not flood the page.
NOTICE_VALUE_MAX_CHARS = 40
# Spellings of "no value" accepted for an optional field ("none" is what we write).
NONE_SPELLINGS = ("none", "null")

_QUERY_SOURCE = "链接参数"
_JSON_SOURCE = "情景文件中的参数"
# A plain decimal number, ASCII only (full-width digits are folded to ASCII by NFKC first). Stricter
# than float(): no "1_000", no "nan"/"inf" spellings, no Arabic-Indic digits.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


@dataclass(frozen=True)
class FieldSpec:
    """How one scenario field is chosen, checked and written.

    `step` and `precision` define the grid values are stored and serialised on (lossless round
    trip); `ui_step` is the coarser step a slider should use. For kind "text", `max_length` bounds
    the length. `choice_labels` maps each choice (or, for lag/horizon, each int) to its Chinese label;
    `none_label` names the None value of an optional field; the `*_en` fields are the same words for the
    English interface (every field has them; tested). The baseline value comes from the policy
    parameter named by `parameter` when the rules fix it, else from `default` (a neutral choice the
    documents leave open).
    """

    kind: str
    label_zh: str
    label_short: str
    unit: str = ""
    min: float | None = None
    max: float | None = None
    step: float | None = None
    ui_step: float | None = None
    precision: int = 0
    choices: tuple[object, ...] = ()
    choice_labels: dict[object, str] = field(default_factory=dict, hash=False)
    none_label: str = ""
    max_length: int | None = None
    max_items: int | None = None  # kinds "values" and "moves": at most this many entries
    parameter: str = ""
    default: object = None
    label_en: str = ""
    label_short_en: str = ""
    unit_en: str = ""
    choice_labels_en: dict[object, str] = field(default_factory=dict, hash=False)
    none_label_en: str = ""

    @property
    def ui_decimals(self) -> int:
        """Decimals a reader expects to see (those of the slider step), e.g. 3 for the ratios."""
        if self.ui_step is None or self.kind != "float":
            return 0
        return max(0, -math.floor(math.log10(self.ui_step) + 1e-9))


def _tier_values_field(side_zh: str, side_en: str) -> FieldSpec:
    """Next year's tier values of one side: whole yuan a month, at most nine tiers (the notices have 3–4)."""
    return FieldSpec(
        kind="values", label_zh=f"下一年度{side_zh}各档指导标准（第1档起）", label_short=f"{side_zh}各档标准",
        unit="元/人·月", min=100.0, max=5000.0, step=1.0, ui_step=1.0, precision=0, max_items=9, default=(),
        label_en=f"Next year's {side_en} guidance standard of each tier (tier 1 first)",
        label_short_en=f"{side_en.capitalize()} tiers", unit_en="yuan/person/month",
    )


SCENARIO_FIELDS: dict[str, FieldSpec] = {
    "urban_ratio": FieldSpec(
        kind="float",
        label_zh="城市低保标准占城镇居民收入比例",
        label_short="城市比例",
        unit="比例",
        min=0.10,
        max=0.50,
        step=0.00001,
        ui_step=0.001,
        precision=5,
        parameter="dibao_income_ratio_urban",
        label_en="Urban dibao standard as a share of urban income",
        label_short_en="Urban ratio",
        unit_en="share",
    ),
    "rural_ratio": FieldSpec(
        kind="float",
        label_zh="农村低保标准占农村居民收入比例",
        label_short="农村比例",
        unit="比例",
        min=0.10,
        max=0.60,
        step=0.00001,
        ui_step=0.001,
        precision=5,
        parameter="dibao_income_ratio_rural",
        label_en="Rural dibao standard as a share of rural income",
        label_short_en="Rural ratio",
        unit_en="share",
    ),
    "lag": FieldSpec(
        kind="choice",
        label_zh="测算所依据居民收入的滞后年数",
        label_short="滞后年数",
        unit="年",
        choices=(1, 2),
        choice_labels={1: "上年度（t−1）", 2: "上上年度（t−2）"},
        parameter="dibao_income_lag_years",
        label_en="Years between the income used and the standard",
        label_short_en="Income lag",
        unit_en="years",
        choice_labels_en={1: "Previous year (t−1)", 2: "Two years earlier (t−2)"},
    ),
    "income_path": FieldSpec(
        kind="choice",
        label_zh="居民人均可支配收入路径",
        label_short="收入路径",
        choices=INCOME_PATHS,
        choice_labels=dict(INCOME_PATH_LABELS),
        default="forecast",
        label_en="Path of per-capita disposable income",
        label_short_en="Income path",
        choice_labels_en=dict(INCOME_PATH_LABELS_EN),
    ),
    "custom_growth_pct": FieldSpec(
        kind="float",
        label_zh="自定义居民收入年增速（自末个观测年起）",
        label_short="自定义增速",
        unit="%",
        min=-5.0,
        max=15.0,
        step=0.1,
        ui_step=0.1,
        precision=1,
        default=5.0,
        label_en="Custom annual income growth (from the last observed year)",
        label_short_en="Custom growth",
        unit_en="%",
    ),
    "catch_up_year": FieldSpec(
        kind="optional_int",
        label_zh="农村标准追赶至城乡比目标的年份",
        label_short="追赶年份",
        unit="年",
        min=2023,
        max=2035,
        step=1,
        ui_step=1,
        none_label="不设追赶目标",
        default=None,
        label_en="Year rural standards catch up with the rural/urban target",
        label_short_en="Catch-up year",
        unit_en="year",
        none_label_en="No catch-up target",
    ),
    "tekun_multiplier": FieldSpec(
        kind="float",
        label_zh="特困人员基本生活标准相对低保标准的倍数",
        label_short="特困倍数",
        unit="倍",
        min=1.0,
        max=2.5,
        step=0.05,
        ui_step=0.05,
        precision=2,
        parameter="tekun_multiplier",
        label_en="Tekun basic-living standard as a multiple of the dibao standard",
        label_short_en="Tekun multiple",
        unit_en="x",
    ),
    "horizon": FieldSpec(
        kind="choice",
        label_zh="测算截止年份",
        label_short="测算期末",
        unit="年",
        choices=(2025, 2030),
        choice_labels={2025: "2025年（“十四五”末）", 2030: "2030年"},
        default=2030,
        label_en="Last projected year",
        label_short_en="Horizon",
        unit_en="year",
        choice_labels_en={2025: "2025 (end of the 14th FYP)", 2030: "2030"},
    ),
    "guidance_mode": FieldSpec(
        kind="choice",
        label_zh="下一年度省定最低指导标准的设定方式",
        label_short="指导标准设定",
        choices=("ratio", "tiers"),
        choice_labels=dict(GUIDANCE_MODE_LABELS),
        default="ratio",
        label_en="How next year's provincial minimum guidance standards are set",
        label_short_en="Guidance setting",
        choice_labels_en=dict(GUIDANCE_MODE_LABELS_EN),
    ),
    "urban_tiers": _tier_values_field("城市", "urban"),
    "rural_tiers": _tier_values_field("农村", "rural"),
    "tier_moves": FieldSpec(
        kind="moves",
        label_zh="调整档次的县（市、区）",
        label_short="调整档次",
        max_items=120,
        default=(),
        label_en="Counties moved to another tier",
        label_short_en="Tier moves",
    ),
    "name": FieldSpec(
        kind="text",
        label_zh="情景名称",
        label_short="情景名称",
        max_length=40,
        default=BASELINE_NAME,
        label_en="Scenario name",
        label_short_en="Scenario name",
    ),
}


@dataclass(frozen=True)
class Scenario:
    """One set of rule parameters; frozen so it can key caches and be compared with ==."""

    urban_ratio: float
    rural_ratio: float
    lag: int
    income_path: str
    custom_growth_pct: float
    catch_up_year: int | None
    tekun_multiplier: float
    horizon: int
    guidance_mode: str = "ratio"
    urban_tiers: tuple[float, ...] = ()  # set tier values (元/人·月) in "tiers" mode; () = derived
    rural_tiers: tuple[float, ...] = ()
    tier_moves: tuple[tuple[str, str, int], ...] = ()  # (side, code, tier), sorted
    name: str = BASELINE_NAME

    def tier_values(self, side: str) -> tuple[float, ...]:
        return self.urban_tiers if side == "urban" else self.rural_tiers


@dataclass(frozen=True)
class _Checked:
    """A raw value after validation: the value to use (or `use_baseline`) and what went wrong."""

    value: object = None
    problem: str = ""  # "" = used as given (possibly rounded within precision)
    use_baseline: bool = False


# --------------------------------------------------------------------------- formatting


def format_value(name: str, value: object) -> str:
    """A field value as written in links and notices: on the field's grid, no float noise.

    Floats keep at least the slider's decimals ("0.350", "1.30") and at most the stored precision
    ("0.31801"), so equal values always print alike and the text parses back to the same float.
    """
    spec = SCENARIO_FIELDS[name]
    if value is None:
        return NONE_SPELLINGS[0]
    if spec.kind == "values":
        return ",".join(f"{round(float(v), spec.precision) + 0.0:.{spec.precision}f}" for v in value)
    if spec.kind == "moves":
        return ",".join(f"{side[0]}{code}:{tier}" for side, code, tier in value)
    if spec.kind == "float" and isinstance(value, int | float):
        text = f"{round(float(value), spec.precision) + 0.0:.{spec.precision}f}"
        keep = spec.ui_decimals
        if "." in text:
            whole, decimals = text.split(".")
            decimals = decimals.rstrip("0")
            decimals += "0" * max(0, keep - len(decimals))
            text = f"{whole}.{decimals}" if decimals else whole
        return "0" if text in ("-0", "+0") else text
    return str(value)


def display_value(name: str, value: object) -> str:
    """A field value for people: choice labels, unit suffixes, the None label."""
    spec = SCENARIO_FIELDS[name]
    if value is None:
        return spec.none_label
    if spec.kind == "values":
        return "、".join(f"{float(v):,.0f}" for v in value) + f" {spec.unit}" if value else "按比例推算"
    if spec.kind == "moves":
        return "、".join(f"{'城市' if side == 'urban' else '农村'}{code}→第{tier}档" for side, code, tier in value) or "无"
    if spec.choice_labels and value in spec.choice_labels:
        return spec.choice_labels[value]
    suffix = spec.unit if spec.unit in ("%", "倍", "年") else ""
    return f"{format_value(name, value)}{suffix}"


def _bounds_text(name: str) -> str:
    spec = SCENARIO_FIELDS[name]
    if spec.kind == "values":  # the bounds of each item
        return f"{spec.min:.{spec.precision}f}～{spec.max:.{spec.precision}f}"
    return f"{format_value(name, spec.min)}～{format_value(name, spec.max)}"


def _notice_value(name: str, value: object) -> str:
    """A value inside a notice: as written in links, except None and free text, which need words."""
    if value is None:
        return SCENARIO_FIELDS[name].none_label
    if SCENARIO_FIELDS[name].kind == "text":
        return f"「{value}」"
    if SCENARIO_FIELDS[name].kind in ("values", "moves"):
        return display_value(name, value)
    return format_value(name, value)


def _quote(raw: str) -> str:
    if len(raw) > NOTICE_VALUE_MAX_CHARS:
        return raw[:NOTICE_VALUE_MAX_CHARS] + "…"
    return raw


# --------------------------------------------------------------------------- validation


def _number(raw: str) -> float | None:
    """A finite number from text, or None. NaN, ±inf and overflow (1e999) are not numbers here."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _snap(spec: FieldSpec, value: float) -> float:
    """Nearest grid point min + k·step, rounded to the precision so it prints and compares exactly."""
    assert spec.min is not None and spec.step is not None
    steps = round((value - spec.min) / spec.step)
    return round(spec.min + steps * spec.step, spec.precision) + 0.0


def _check_float(name: str, raw: str) -> _Checked:
    spec = SCENARIO_FIELDS[name]
    assert spec.min is not None and spec.max is not None
    number = _number(raw)
    if number is None:
        return _Checked(use_baseline=True, problem="无法识别")
    rounded = round(number, spec.precision) + 0.0
    if rounded < spec.min or rounded > spec.max:
        bound = spec.min if rounded < spec.min else spec.max
        return _Checked(value=float(bound), problem=f"超出范围 {_bounds_text(name)}")
    snapped = _snap(spec, rounded)
    if snapped != rounded:
        # Only coarse grids (the multiplier's 0.05) get here: a value the slider cannot show.
        return _Checked(value=snapped, problem=f"不在步长 {format_value(name, spec.step)} 的刻度上")
    return _Checked(value=snapped)


def _check_choice(name: str, raw: str) -> _Checked:
    spec = SCENARIO_FIELDS[name]
    text = unicodedata.normalize("NFKC", raw).strip().lower()
    for choice in spec.choices:
        if text == str(choice).lower():
            return _Checked(value=choice)
    number = _number(raw)
    if number is not None and all(isinstance(c, int) for c in spec.choices):
        for choice in spec.choices:
            if number == choice:
                return _Checked(value=choice)
    allowed = "、".join(str(c) for c in spec.choices)
    return _Checked(use_baseline=True, problem=f"不是可选值（{allowed}）")


def _check_optional_int(name: str, raw: str) -> _Checked:
    spec = SCENARIO_FIELDS[name]
    assert spec.min is not None and spec.max is not None
    if unicodedata.normalize("NFKC", raw).strip().lower() in NONE_SPELLINGS:
        return _Checked(value=None)
    number = _number(raw)
    if number is None or number != int(number):
        return _Checked(use_baseline=True, problem="无法识别")
    if number < spec.min or number > spec.max:
        bound = spec.min if number < spec.min else spec.max
        return _Checked(value=int(bound), problem=f"超出范围 {_bounds_text(name)}")
    return _Checked(value=int(number))


def _clean_text(raw: str) -> str:
    """Control characters (newlines, NULs) removed and outer whitespace stripped: they cannot show."""
    return "".join(ch for ch in raw if unicodedata.category(ch) != "Cc").strip()


def _check_text(name: str, raw: str) -> _Checked:
    spec = SCENARIO_FIELDS[name]
    cleaned = _clean_text(raw)
    if not cleaned:
        # An emptied name box means "no name of my own", not a mistake.
        return _Checked(use_baseline=True)
    if spec.max_length is not None and len(cleaned) > spec.max_length:
        return _Checked(value=cleaned[: spec.max_length].rstrip(), problem=f"超过 {spec.max_length} 个字")
    return _Checked(value=cleaned)


def _items(raw: str) -> list[str]:
    return [part for part in LIST_SEPARATORS.split(unicodedata.normalize("NFKC", raw).strip()) if part]


def _check_values(name: str, raw: str) -> _Checked:
    """Tier values: numbers separated by commas, each within the field's bounds; "" = none set.

    A value that is not a number makes the whole list unusable (which tier would the rest be?); a value out
    of range is clamped. Whether the count matches the tiers of the data is checked against the data
    (`analytics.guidance.check_scenario`), not here.
    """
    spec = SCENARIO_FIELDS[name]
    assert spec.min is not None and spec.max is not None and spec.max_items is not None
    parts = _items(raw)
    if not parts:
        return _Checked(value=())
    if len(parts) > spec.max_items:
        return _Checked(use_baseline=True, problem=f"超过 {spec.max_items} 个数值")
    numbers = [_number(part) for part in parts]
    if any(n is None for n in numbers):
        return _Checked(use_baseline=True, problem="含有无法识别的数值")
    values = tuple(round(float(n), spec.precision) + 0.0 for n in numbers if n is not None)
    clamped = tuple(min(max(v, spec.min), spec.max) for v in values)
    if clamped != values:
        return _Checked(value=clamped, problem=f"有数值超出范围 {_bounds_text(name)}")
    return _Checked(value=values)


def _check_moves(name: str, raw: str) -> _Checked:
    """Tier moves "u220122:2,r220183:3": side letter, county code, tier; the last move of a county wins.

    Entries that do not parse are dropped (with one notice listing them); the rest are kept, sorted, so
    equal sets of moves always write the same link.
    """
    spec = SCENARIO_FIELDS[name]
    parts = _items(raw)
    moves: dict[tuple[str, str], int] = {}
    bad = []
    for part in parts:
        match = _MOVE.fullmatch(part.lower())
        if not match or int(match.group(3)) < 1:
            bad.append(part)
            continue
        moves[(MOVE_SIDES[match.group(1)], match.group(2))] = int(match.group(3))
    if spec.max_items is not None and len(moves) > spec.max_items:
        return _Checked(use_baseline=True, problem=f"超过 {spec.max_items} 项")
    value = tuple(sorted((side, code, tier) for (side, code), tier in moves.items()))
    if bad:
        return _Checked(value=value, problem=f"无法识别「{_quote('、'.join(bad))}」（应为如 u220122:2 的写法），已忽略该项")
    return _Checked(value=value)


_CHECKERS = {
    "float": _check_float,
    "choice": _check_choice,
    "optional_int": _check_optional_int,
    "text": _check_text,
    "values": _check_values,
    "moves": _check_moves,
}


def _check(name: str, raw: str) -> _Checked:
    return _CHECKERS[SCENARIO_FIELDS[name].kind](name, raw)


def _scenario_from_raw(raw: Mapping[str, str], baseline: Scenario, source: str) -> tuple[Scenario, list[str]]:
    """The shared reader behind the URL and JSON paths: baseline + the usable raw values + notices."""
    changes: dict[str, object] = {}
    notices: list[str] = []
    for name in SCENARIO_FIELDS:
        if name not in raw:
            continue
        checked = _check(name, raw[name])
        label = SCENARIO_FIELDS[name].label_short
        if checked.use_baseline:
            if checked.problem:
                default = _notice_value(name, getattr(baseline, name))
                notices.append(
                    f"{source}「{label}」的值「{_quote(raw[name])}」{checked.problem}，已使用默认值 {default}。"
                )
            continue
        changes[name] = checked.value
        if checked.problem:
            notices.append(
                f"{source}「{label}」的值「{_quote(raw[name])}」{checked.problem}，"
                f"已调整为 {_notice_value(name, checked.value)}。"
            )
    return replace(baseline, **changes), notices


# --------------------------------------------------------------------------- public API


def baseline_scenario(parameters: Mapping[str, PolicyParameter]) -> Scenario:
    """The rules as they stand: ratios, lag and multiplier from the parameter file (吉民发〔2022〕24号 §三(二)1).

    Income follows the central forecast, the custom growth rate is a neutral 5.0%, no catch-up rule
    is imposed and the projection runs to 2030. The parameter values are checked against
    `SCENARIO_FIELDS` rather than silently rounded: a baseline off the grid would no longer
    reproduce the published standards, so a parameter file that moves outside the scenario bounds
    must fail loudly here (a ValueError naming the field) and be met by widening the bounds.
    """
    values = {
        name: parameters[spec.parameter].current.value if spec.parameter else spec.default
        for name, spec in SCENARIO_FIELDS.items()
    }
    checked: dict[str, object] = {}
    for name, value in values.items():
        result = _check(name, _json_raw(value))
        if result.problem or result.use_baseline or result.value != value:
            raise ValueError(
                f"基准情景的「{SCENARIO_FIELDS[name].label_zh}」= {value!r} 不符合情景参数设定"
                f"（{result.problem or '不在取值刻度上'}）：请调整 analytics/scenario.py 中的 SCENARIO_FIELDS。"
            )
        checked[name] = result.value
    return Scenario(**checked)


def _differs(name: str, s: Scenario, baseline: Scenario) -> bool:
    """Compared as written, so float noise from a widget (0.30000000000000004) is not a change."""
    return format_value(name, getattr(s, name)) != format_value(name, getattr(baseline, name))


def scenario_to_query(s: Scenario, baseline: Scenario) -> dict[str, str]:
    """URL query parameters for the fields that differ from the baseline ("sc_rural_ratio": "0.350").

    Only differences are written so a shared link reads as "the current rules, except …" and stays
    short; `scenario_from_query` with the same baseline gives back `s` exactly.
    """
    return {
        QUERY_PREFIX + name: format_value(name, getattr(s, name))
        for name in SCENARIO_FIELDS
        if _differs(name, s, baseline)
    }


def _last(value: object) -> str | None:
    """Streamlit repeats a key as a list when a URL does: the last occurrence wins, as in a form."""
    if isinstance(value, list | tuple):
        if not value:
            return None
        value = value[-1]
    return value if isinstance(value, str) else str(value)


def scenario_from_query(
    query: Mapping[str, str | list[str]], baseline: Scenario
) -> tuple[Scenario, list[str]]:
    """The scenario a link describes, and Chinese notices for whatever in it could not be used as given.

    Keys without the "sc_" prefix belong to other widgets and are ignored; an unknown "sc_" key is
    probably a typo or a link from a newer version, so it is reported. Never raises: a link is user
    input, and a broken one must still open the page on the baseline.
    """
    raw: dict[str, str] = {}
    notices: list[str] = []
    for key, value in query.items():
        if not isinstance(key, str) or not key.startswith(QUERY_PREFIX):
            continue
        name = key[len(QUERY_PREFIX) :]
        if name not in SCENARIO_FIELDS:
            notices.append(f"未知的链接参数「{_quote(key)}」已忽略。")
            continue
        text = _last(value)
        if text is not None:
            raw[name] = text
    scenario, field_notices = _scenario_from_raw(raw, baseline, _QUERY_SOURCE)
    return scenario, field_notices + notices


def scenario_to_json(s: Scenario) -> str:
    """Every field (not only the differences: a saved file must mean the same after the rules change)."""
    data = {}
    for f in fields(s):
        value = getattr(s, f.name)
        kind = SCENARIO_FIELDS[f.name].kind
        if kind == "float":
            value = round(float(value), SCENARIO_FIELDS[f.name].precision) + 0.0
        elif kind in ("values", "moves"):
            value = format_value(f.name, value)  # the link's spelling: one reader for both
        data[f.name] = value
    return json.dumps(data, ensure_ascii=False, indent=2)


def _json_raw(value: object) -> str:
    """A JSON value as the text the shared validator reads (null → "null", true → "true": malformed)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, tuple) and all(isinstance(v, int | float) for v in value):
        return ",".join(repr(float(v)) for v in value)
    if isinstance(value, tuple):  # tier moves
        return ",".join(f"{side[0]}{code}:{tier}" for side, code, tier in value)
    return json.dumps(value, ensure_ascii=False)


def scenario_from_json(text: str, baseline: Scenario) -> tuple[Scenario, list[str]]:
    """A scenario from `scenario_to_json` text, validated like a link; never raises.

    Fields missing from the file take the baseline's values silently (a hand-written file may set
    only what it changes); unreadable JSON gives the baseline and one notice.
    """
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return baseline, ["情景文件无法解析（不是有效的 JSON），已使用基准情景。"]
    if not isinstance(data, dict):
        return baseline, ["情景文件的内容应为以参数名为键的对象，已使用基准情景。"]
    raw = {name: _json_raw(value) for name, value in data.items() if name in SCENARIO_FIELDS}
    scenario, notices = _scenario_from_raw(raw, baseline, _JSON_SOURCE)
    unknown = [f"情景文件中未知的字段「{_quote(str(k))}」已忽略。" for k in data if k not in SCENARIO_FIELDS]
    return scenario, notices + unknown


def describe_changes(s: Scenario, baseline: Scenario) -> list[str]:
    """One Chinese line per parameter that differs from the baseline ("农村比例 0.318 → 0.350").

    For the scenario comparison table; the name is not a parameter and is left out, so an empty list
    means "same rules as the baseline".
    """
    return [
        f"{spec.label_short} {display_value(name, getattr(baseline, name))} → {display_value(name, getattr(s, name))}"
        for name, spec in SCENARIO_FIELDS.items()
        if spec.kind != "text" and _differs(name, s, baseline)
    ]
