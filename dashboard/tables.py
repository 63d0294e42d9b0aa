"""Styled tables (pandas Styler) shared by pages: cheaper to redraw than a Plotly figure on every rerun."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from pandas.io.formats.style import Styler

MET_STYLE = "background-color: #b9d7ea; color: #0b3954"  # Okabe-Ito blue, light: met
UNMET_STYLE = "background-color: #f4c7b8; color: #6b1d00"  # Okabe-Ito vermillion, light: not met


def indicator_status_table(projection: pd.DataFrame, t: Callable[..., str]) -> Styler:
    """Indicators 1–3 by year: each cell states the margin and 达标/未达标 in words, and colours it.

    Rows: indicator 1 (urban and rural growth margins, percentage points), indicator 2 (rural/urban
    ratio, %), indicator 3 (tekun / previous dibao, %). Columns: projection years.
    """
    rows = {
        t("std.ind.1u"): (projection["ind1_urban_margin_pp"] >= 0, projection["ind1_urban_margin_pp"], "{:+.1f}pp"),
        t("std.ind.1r"): (projection["ind1_rural_margin_pp"] >= 0, projection["ind1_rural_margin_pp"], "{:+.1f}pp"),
        t("std.ind.2"): (projection["ind2_met"], projection["rural_urban_ratio"], "{:.1f}%"),
        t("std.ind.3"): (projection["ind3_met"], projection["tekun_ratio"], "{:.0f}%"),
    }
    met = pd.DataFrame({label: flags.astype(bool) for label, (flags, _, _) in rows.items()}).T
    text = pd.DataFrame(
        {
            label: [f"{fmt.format(v)} {t('std.ind.met') if ok else t('std.ind.unmet')}"
                    for ok, v in zip(flags, values, strict=True)]
            for label, (flags, values, fmt) in rows.items()
        },
        index=projection.index,
    ).T
    text.columns = [f"{year}年" for year in text.columns]
    met.columns = text.columns
    return text.style.apply(lambda _: met.map(lambda ok: MET_STYLE if ok else UNMET_STYLE), axis=None)
