"""Tables drawn as Markdown: a few dozen cells that change on every slider step.

A Markdown table is one small element: it costs the server no pandas Styler pass (about 7 ms) and the
browser no data-grid canvas, and it reads well on a projector. Cell colours use Streamlit's background
directives, and every cell also says 达标 / 未达标 in words, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

MET_COLOUR = "blue"  # blue / orange: a pair the common colour-vision deficiencies keep apart
UNMET_COLOUR = "orange"


def indicator_status_markdown(projection: pd.DataFrame, t: Callable[..., str]) -> str:
    """Indicators 1–3 by year (rows): each cell states the margin and 达标/未达标, on its status colour.

    Columns: indicator 1 (urban and rural growth margins, percentage points), indicator 2 (rural/urban
    ratio, %), indicator 3 (tekun / previous dibao, %).
    """
    columns = {
        t("std.ind.1u"): (projection["ind1_urban_margin_pp"] >= 0, projection["ind1_urban_margin_pp"], "{:+.1f}pp"),
        t("std.ind.1r"): (projection["ind1_rural_margin_pp"] >= 0, projection["ind1_rural_margin_pp"], "{:+.1f}pp"),
        t("std.ind.2"): (projection["ind2_met"], projection["rural_urban_ratio"], "{:.1f}%"),
        t("std.ind.3"): (projection["ind3_met"], projection["tekun_ratio"], "{:.0f}%"),
    }
    met, unmet = t("std.ind.met"), t("std.ind.unmet")
    header = [t("std.ind.year"), *columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    cells = {
        label: [f":{MET_COLOUR if ok else UNMET_COLOUR}-background[{fmt.format(value)} {met if ok else unmet}]"
                for ok, value in zip(flags.astype(bool), values, strict=True)]
        for label, (flags, values, fmt) in columns.items()
    }
    for row, year in enumerate(projection.index):
        lines.append(f"| {year} | " + " | ".join(c[row] for c in cells.values()) + " |")
    return "\n".join(lines)
