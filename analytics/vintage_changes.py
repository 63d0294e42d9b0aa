"""What an import changes: merge a partial county return into the table in force, and diff two versions.

Pure functions over data frames, shared by the import preview, the history page's diff between any two
vintages, and the store's content format. The unit of a county return is the county-year row: a row in
the file replaces that row in force entirely (a blank cell means "not reported", and an invented
illustrative value must not survive beside official ones); rows the file does not hold are carried over
with their own source, so a one-county return becomes a full new vintage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

SOURCE_COLUMN = "source"  # per-row source in a stored vintage: "" for rows carried from the embedded table


@dataclass(frozen=True)
class Changes:
    """Rows added and removed, cells changed (old → new), and how many cells stayed the same."""

    key: tuple[str, ...]
    added: pd.DataFrame  # whole rows of `new` not in `old`
    removed: pd.DataFrame  # whole rows of `old` not in `new`
    changed: pd.DataFrame  # key columns + column, old, new
    unchanged_cells: int
    unchanged_rows: int

    @property
    def empty(self) -> bool:
        return self.added.empty and self.removed.empty and self.changed.empty


def merge_return(active: pd.DataFrame, sources: pd.Series, incoming: pd.DataFrame, source: str,
                 key: tuple[str, ...] = ("code", "year")) -> tuple[pd.DataFrame, pd.Series]:
    """(table, per-row sources) after `incoming` replaces its rows of `active`; other rows are kept.

    Sorted by `key`, columns as in `active`. `sources` is aligned with `active`; the incoming rows get
    `source`.
    """
    columns = list(active.columns)
    keys = list(key)
    incoming = incoming[columns]
    replaced = pd.MultiIndex.from_frame(active[keys]).isin(pd.MultiIndex.from_frame(incoming[keys]))
    kept = active[~replaced]
    table = pd.concat([kept, incoming], ignore_index=True)
    all_sources = pd.concat([sources[~replaced].reset_index(drop=True).fillna("").astype(str),
                             pd.Series([source] * len(incoming), dtype=object)], ignore_index=True)
    for column in columns:  # concat of Int64 with Int64 stays Int64; keep every dtype as in force
        table[column] = table[column].astype(active[column].dtype)
    order = table.sort_values(keys, kind="stable").index
    return table.loc[order].reset_index(drop=True), all_sources.loc[order].reset_index(drop=True)


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Element-wise equality where two blanks are equal and 620 equals 620.0."""
    blank_a, blank_b = a.isna().to_numpy(), b.isna().to_numpy()
    left = pd.to_numeric(a, errors="coerce") if a.dtype != object else a
    right = pd.to_numeric(b, errors="coerce") if b.dtype != object else b
    try:
        equal = np.isclose(left.astype(float), right.astype(float), rtol=0, atol=1e-9, equal_nan=True)
    except (TypeError, ValueError):
        equal = (a.astype(str) == b.astype(str)).to_numpy()
    return (blank_a & blank_b) | (~blank_a & ~blank_b & equal)


def changes(old: pd.DataFrame, new: pd.DataFrame, key: tuple[str, ...] = ("code", "year")) -> Changes:
    """Cell-by-cell differences from `old` to `new` (same columns; rows matched on `key`)."""
    keys = list(key)
    columns = [c for c in new.columns if c not in keys and c in old.columns]
    old_i, new_i = old.set_index(keys), new.set_index(keys)
    common = old_i.index.intersection(new_i.index)
    added = new_i.loc[new_i.index.difference(old_i.index)].reset_index()
    removed = old_i.loc[old_i.index.difference(new_i.index)].reset_index()
    a, b = old_i.loc[common, columns], new_i.loc[common, columns]
    parts, unchanged, row_changed = [], 0, np.zeros(len(common), dtype=bool)
    for column in columns:
        same = _same(a[column], b[column])
        unchanged += int(same.sum())
        row_changed |= ~same
        if (~same).any():
            where = common[~same]
            part = where.to_frame(index=False)
            part["column"] = column
            part["old"] = a[column].to_numpy(dtype=object)[~same]
            part["new"] = b[column].to_numpy(dtype=object)[~same]
            parts.append(part)
    changed = (pd.concat(parts, ignore_index=True).sort_values(keys + ["column"], kind="stable").reset_index(drop=True)
               if parts else pd.DataFrame(columns=keys + ["column", "old", "new"]))
    return Changes(key=tuple(key), added=added, removed=removed, changed=changed, unchanged_cells=unchanged,
                   unchanged_rows=int((~row_changed).sum()))


def vintage_csv(table: pd.DataFrame, sources: pd.Series | None = None) -> bytes:
    """A table as a stored vintage: the embedded file's CSV layout, plus per-row sources when given."""
    out = table.copy()
    if sources is not None and (sources.fillna("") != "").any():
        out[SOURCE_COLUMN] = sources.fillna("").astype(str).to_numpy()
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")
