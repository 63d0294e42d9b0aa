"""Small numeric helpers shared by the analytics modules."""

from __future__ import annotations

import math

import pandas as pd


def finite_or_none(value: object) -> float | None:
    """`value` as a float, or None when it is missing (None, NaN, pd.NA), infinite or not a number.

    Sentences and statuses must say "no data" rather than print "nan": every caller branches on None.
    """
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
