"""The status of every value of the county table: official, derived, recalled or illustrative, with its source.

The embedded county table is illustrative except where a real figure exists: the standards counties
actually set (``county_standards_observed``: the 2018 provincial approval table and a few county notices)
are written into it unchanged by `data/scripts/build_county_illustrative.py`. The status therefore belongs
to the value, not to the file: a county-year can be official for its urban standard and illustrative for
everything else. An imported file's values are all official, with the file as their source.

`value_status` gives two frames aligned with the table's rows and value columns: the status of each cell
("" where the cell is empty) and its source. Charts use them to draw illustrative cells lighter and to put
示例 in hovers and tables; a chart whose cells are all real carries no 示例数据 badge.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.county_data import STATUS_ILLUSTRATIVE, STATUS_OFFICIAL, VALUE_COLUMNS

OBSERVED_DATASET = "county_standards_observed"
MONTHS_PER_YEAR = 12
YEARLY_UNIT = "元/人·年"
# (measure, side) of an observed standard -> the county-table column it fills.
OBSERVED_COLUMN: dict[tuple[str, str], str] = {
    ("dibao", "urban"): "urban_standard_month",
    ("dibao", "rural"): "rural_standard_month",
    ("tekun", "urban"): "tekun_urban_standard_month",
    ("tekun", "rural"): "tekun_rural_standard_month",
}
def observed_months(observed: pd.DataFrame) -> pd.DataFrame:
    """The observed standards in the table's units: code, year, column, value_month, status, source.

    Values published per year (元/人·年) are divided by 12; nothing else changes.
    """
    keys = list(zip(observed["measure"], observed["side"], strict=True))
    unknown = [k for k in keys if k not in OBSERVED_COLUMN]
    if unknown:
        raise ValueError(f"未知的标准类别 {unknown[0]}")
    value = observed["value"].astype(float)
    month = value.where(observed["unit"] != YEARLY_UNIT, value / MONTHS_PER_YEAR)
    return pd.DataFrame({
        "code": observed["code"].to_numpy(), "year": observed["year"].astype(int).to_numpy(),
        "column": [OBSERVED_COLUMN[k] for k in keys], "value_month": month.to_numpy(),
        "status": observed["status"].to_numpy(), "source": observed["source"].to_numpy(),
    })


def value_status(table: pd.DataFrame, origin: str, observed: pd.DataFrame | None = None, *,
                 imported_source: str = "", imported: pd.Series | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(status, source) of every value cell of the county table, aligned with `table` (VALUE_COLUMNS).

    `origin` is what `analytics.county_data.county_table` returned: STATUS_OFFICIAL for an imported table
    (every value official, source = `imported_source`, the file names), STATUS_ILLUSTRATIVE for the embedded
    one (illustrative, except the cells `observed` holds, which take the observed row's status and source).
    `imported` (aligned with `table`) names the source of each row a department imported into the store
    ("" for rows carried over from the embedded table): those rows' values are official, whatever `origin`.
    """
    values = table[list(VALUE_COLUMNS)]
    present = values.notna().to_numpy()
    status = np.full(present.shape, "", dtype=object)
    source = np.full(present.shape, "", dtype=object)
    if origin == STATUS_OFFICIAL:
        status[present] = STATUS_OFFICIAL
        source[present] = imported_source
    else:
        status[present] = STATUS_ILLUSTRATIVE
        if observed is not None and len(observed):
            months = observed_months(observed)
            rows = pd.Series(np.arange(len(table)), index=pd.MultiIndex.from_arrays(
                [table["code"].to_numpy(), table["year"].astype(int).to_numpy()]))
            keys = pd.MultiIndex.from_arrays([months["code"], months["year"]])
            position = rows.reindex(keys).to_numpy()
            column = pd.Index(VALUE_COLUMNS).get_indexer(months["column"])
            hit = ~np.isnan(position)
            r, c = position[hit].astype(int), column[hit]
            filled = present[r, c]
            status[r[filled], c[filled]] = months["status"].to_numpy(dtype=object)[hit][filled]
            source[r[filled], c[filled]] = months["source"].to_numpy(dtype=object)[hit][filled]
    if imported is not None:
        rows = (imported.fillna("").astype(str) != "").to_numpy()
        cells = present & rows[:, None]
        status[cells] = STATUS_OFFICIAL
        source[cells] = np.broadcast_to(imported.fillna("").astype(str).to_numpy(dtype=object)[:, None],
                                        present.shape)[cells]
    columns = list(VALUE_COLUMNS)
    return (pd.DataFrame(status, index=table.index, columns=columns),
            pd.DataFrame(source, index=table.index, columns=columns))
