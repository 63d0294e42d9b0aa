"""The 14th Five-Year-Plan indicator table (吉民发〔2022〕24号 §二(三)) as typed definitions."""

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


def indicator_definitions(frame: pd.DataFrame) -> list[IndicatorDefinition]:
    return [
        IndicatorDefinition(
            number=int(row.number),
            code=row.code,
            name=row.name,
            name_en=row.name_en,
            unit=row.unit,
            target_value=None if pd.isna(row.target_value) else float(row.target_value),
            target_text=row.target_text,
            comparison=row.comparison,
            direction=row.direction,
            kind=row.kind,
            citation=row.citation,
        )
        for row in frame.sort_values("number").itertuples(index=False)
    ]


def load_indicators(root: Path | None = None) -> list[IndicatorDefinition]:
    return indicator_definitions(load_table(INDICATORS_DATASET, root))
