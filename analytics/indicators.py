"""The 14th Five-Year-Plan indicator table (吉民发〔2022〕24号 §二(三)) as typed definitions.

Each row says not only what the plan targets but how this project measures it, so the behaviour of an
indicator is data rather than a branch on its number (as sdg-build's ``ProgressMeasure`` reads direction,
limit and target from each indicator's metadata): ``limit`` (the value's natural limit, which decides the met
rule), ``value_source`` (which `analytics.indicator_values.VALUE_SOURCES` entry computes the value),
``county_column`` (the county-table column a county-sourced value aggregates) and ``county_metric`` (the map
metric drawn under the indicator chart). The sidecar's schema lists the allowed values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytics.loaders import load_table

INDICATORS_DATASET = "indicators_14th_fyp"


@dataclass(frozen=True)
class IndicatorDefinition:
    number: int
    code: str
    name: str
    name_en: str
    unit: str
    target_value: float | None
    target_text: str
    comparison: str  # "at_least" or "growth_vs_income"
    direction: str  # "up": a higher value is better
    kind: str  # "binding" (约束性) or "expected" (预期性)
    citation: str
    # Natural limit of the value (100 for a share of a whole), None for a ratio that may pass 100 %: a target
    # at the limit is met within rounding of it, any other within float rounding only.
    limit: float | None
    value_source: str  # a key of analytics.indicator_values.VALUE_SOURCES
    county_column: str  # county-table column aggregated by a county source; "" for the others
    county_metric: str  # analytics.county_metrics key shown under the chart; "" for none


def _number_or_none(value: object) -> float | None:
    return None if pd.isna(value) else float(value)  # type: ignore[arg-type]


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)  # type: ignore[arg-type]


def indicator_definitions(frame: pd.DataFrame) -> list[IndicatorDefinition]:
    return [
        IndicatorDefinition(
            number=int(row.number),
            code=row.code,
            name=row.name,
            name_en=row.name_en,
            unit=row.unit,
            target_value=_number_or_none(row.target_value),
            target_text=row.target_text,
            comparison=row.comparison,
            direction=row.direction,
            kind=row.kind,
            citation=row.citation,
            limit=_number_or_none(row.limit),
            value_source=_text(row.value_source),
            county_column=_text(row.county_column),
            county_metric=_text(row.county_metric),
        )
        for row in frame.sort_values("number").itertuples(index=False)
    ]


def load_indicators(root: Path | None = None) -> list[IndicatorDefinition]:
    return indicator_definitions(load_table(INDICATORS_DATASET, root))
