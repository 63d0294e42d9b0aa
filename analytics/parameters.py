"""Policy parameters as dated, cited values (after PolicyEngine's parameter files).

`data/parameters.yml` holds every rule constant the analytics uses: the code never writes 1.3 or
0.75 itself. Each parameter has a history of values, each in force from its effective date and
carrying the document number and section it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from analytics.errors import DataError
from analytics.paths import data_dir
from analytics.provenance import read_sidecar, verify_checksum

PARAMETERS_FILE = "parameters.yml"
VALUE_STATUSES = ("official", "derived", "not_set")
CITATION_PATTERN = re.compile(r"^吉民发〔\d{4}〕\d+号")


@dataclass(frozen=True)
class DatedValue:
    value: float | None
    effective: date
    status: str
    citation: str
    note: str = ""


@dataclass(frozen=True)
class PolicyParameter:
    name: str
    label: str
    label_en: str
    unit: str
    description: str
    values: tuple[DatedValue, ...]

    def at(self, on: date) -> DatedValue:
        """The value in force on a date (the latest whose effective date is not after it)."""
        in_force = [v for v in self.values if v.effective <= on]
        if not in_force:
            raise KeyError(f"{self.name} has no value in force on {on.isoformat()}")
        return in_force[-1]

    @property
    def current(self) -> DatedValue:
        return self.values[-1]


def _parse_value(name: str, raw: dict, file: str) -> DatedValue:
    where = f"参数「{name}」"
    try:
        effective = date.fromisoformat(str(raw["effective"]))
    except (KeyError, ValueError) as exc:
        raise DataError(file, f"{where}的生效日期缺失或不是 YYYY-MM-DD") from exc
    status = raw.get("status")
    if status not in VALUE_STATUSES:
        raise DataError(file, f"{where}的 status「{status}」无效，应为 {' / '.join(VALUE_STATUSES)}")
    citation = str(raw.get("citation", ""))
    if not CITATION_PATTERN.match(citation):
        raise DataError(file, f"{where}缺少文号出处（应以“吉民发〔年〕号”开头），实际为「{citation}」")
    value = raw.get("value")
    if (value is None) != (status == "not_set"):
        raise DataError(file, f"{where}：只有 status 为 not_set（文件未规定）的参数才可以没有数值")
    if value is not None and not isinstance(value, int | float):
        raise DataError(file, f"{where}的值「{value}」不是数字")
    return DatedValue(
        value=None if value is None else float(value),
        effective=effective,
        status=status,
        citation=citation,
        note=str(raw.get("note", "")),
    )


def parse_parameters(text: str, file: str = PARAMETERS_FILE) -> dict[str, PolicyParameter]:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(file, f"无法解析 YAML：{exc}") from exc
    if not isinstance(raw, dict) or not raw:
        raise DataError(file, "应为以参数名为键的映射")
    parameters: dict[str, PolicyParameter] = {}
    for name, entry in raw.items():
        for key in ("label", "unit", "values"):
            if not entry.get(key):
                raise DataError(file, f"参数「{name}」缺少字段 {key}")
        values = tuple(_parse_value(name, v, file) for v in entry["values"])
        if list(values) != sorted(values, key=lambda v: v.effective):
            raise DataError(file, f"参数「{name}」的取值应按生效日期从早到晚排列")
        parameters[name] = PolicyParameter(
            name=name,
            label=str(entry["label"]),
            label_en=str(entry.get("label_en", "")),
            unit=str(entry["unit"]),
            description=str(entry.get("description", "")),
            values=values,
        )
    return parameters


def load_parameters(root: Path | None = None) -> dict[str, PolicyParameter]:
    root = root or data_dir()
    sidecar = read_sidecar(root / "parameters.meta.yml")
    verify_checksum(sidecar)
    return parse_parameters(sidecar.data_path.read_text(encoding="utf-8"))


def parameter_table(parameters: dict[str, PolicyParameter]) -> list[dict[str, object]]:
    """One row per dated value: what the 数据与方法 page lists and offers as CSV."""
    return [
        {
            "name": p.name,
            "label": p.label,
            "value": v.value,
            "unit": p.unit,
            "effective": v.effective.isoformat(),
            "status": v.status,
            "citation": v.citation,
            "note": v.note,
        }
        for p in parameters.values()
        for v in p.values
    ]
