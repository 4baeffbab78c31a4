"""The tidy indicator schema and the *coverage* of a stored frame (what a dataset spans).

Every indicator row has the tidy schema ``(source, year, country, sector, partner, indicator,
value)``; ``sector`` and ``partner`` may be null for country-level or non-bilateral measures.
Coverage (rows, years, countries, indicators …) is what the store compares before it replaces
a dataset, so that a later call cannot silently narrow a broader result.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from chainpower.errors import InputError

__all__ = [
    "TIDY_COLUMNS",
    "coverage",
    "describe_coverage",
    "lost_coverage",
    "tidy_to_wide",
    "validate_tidy",
]

TIDY_COLUMNS: tuple[str, ...] = (
    "source",
    "year",
    "country",
    "sector",
    "partner",
    "indicator",
    "value",
)
#: coverage keys that are lists of labels (compared as sets), in the order they are reported
_LIST_KEYS: tuple[str, ...] = ("years", "countries", "sectors", "indicators", "columns")
_SINGULAR = {"countries": "country", "sectors": "sector", "indicators": "indicator",
             "columns": "column"}  # fmt: skip
_COUNTRY_COLUMNS: tuple[str, ...] = ("country", "iso3", "from_country")


def validate_tidy(df: pd.DataFrame, *, what: str = "indicators") -> pd.DataFrame:
    """Check and normalise a tidy indicator frame; return a copy with the canonical columns.

    Raises :class:`InputError` naming the first bad row when a column is missing, a key is
    null, or a value is not finite.
    """
    missing = [c for c in TIDY_COLUMNS if c not in df.columns and c not in ("sector", "partner")]
    if missing:
        raise InputError(f"{what}: missing tidy columns {missing}")
    out = df.copy()
    for col in ("sector", "partner"):
        if col not in out.columns:
            out[col] = None
    out = out[list(TIDY_COLUMNS)]
    for col in ("source", "year", "country", "indicator"):
        bad = out[col].isna().to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(f"{what}: null {col!r}", label=f"row {i}")
    values = pd.to_numeric(out["value"], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        row = out.iloc[i]
        raise InputError(
            f"{what}: non-finite value {df['value'].iloc[i]!r} for indicator {row['indicator']!r}",
            label=f"row {i} ({row['country']}/{row['sector']}/{row['partner']}, {row['year']})",
        )
    out["value"] = values
    out["year"] = out["year"].astype("int64")
    for col in ("source", "country", "sector", "partner", "indicator"):
        out[col] = out[col].astype("string")
    return out.reset_index(drop=True)


def _labels(series: pd.Series) -> list[Any]:
    values = series.dropna().unique().tolist()
    if series.name == "year":
        return sorted(int(v) for v in values)
    return sorted(str(v) for v in values)


def coverage(df: pd.DataFrame, kind: str) -> dict[str, Any]:
    """What ``df`` spans: ``rows`` plus label lists (years, countries, sectors, indicators for
    indicator datasets; columns and, where present, years and countries for tables)."""
    cov: dict[str, Any] = {"rows": len(df)}
    if kind == "indicators":
        cov["years"] = _labels(df["year"])
        cov["countries"] = _labels(df["country"])
        cov["sectors"] = _labels(df["sector"])
        cov["indicators"] = _labels(df["indicator"])
        return cov
    cov["columns"] = [str(c) for c in df.columns]
    if "year" in df.columns:
        cov["years"] = _labels(df["year"])
    for col in _COUNTRY_COLUMNS:
        if col in df.columns:
            cov["countries"] = _labels(df[col])
            break
    return cov


def _span(values: list[Any]) -> str:
    if not values:
        return "none"
    ints = all(isinstance(v, int) for v in values)
    if ints and values == list(range(values[0], values[-1] + 1)):
        return str(values[0]) if len(values) == 1 else f"{values[0]}–{values[-1]}"
    shown = ", ".join(str(v) for v in values[:6])
    return shown + (f" … ({len(values)})" if len(values) > 6 else "")


def describe_coverage(cov: dict[str, Any]) -> str:
    """One line: ``'1,200 rows, years 2010–2012, 5 countries, 30 indicators'``."""
    parts = [f"{cov.get('rows', 0):,} rows"]
    if "years" in cov:
        parts.append(f"years {_span(cov['years'])}")
    for key in ("countries", "sectors", "indicators", "columns"):
        if cov.get(key):
            n = len(cov[key])
            parts.append(f"{n} {key if n != 1 else _SINGULAR[key]}")
    return ", ".join(parts)


def lost_coverage(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What ``new`` would lose against ``old`` (empty when ``new`` is at least as broad)."""
    lost = []
    for key in _LIST_KEYS:
        if key in old and key in new:
            gone = [v for v in old[key] if v not in set(new[key])]
            if gone:
                lost.append(f"{key} {_span(gone)}")
    if new.get("rows", 0) < old.get("rows", 0):
        lost.append(f"rows {old['rows']:,} → {new['rows']:,}")
    return lost


def tidy_to_wide(df: pd.DataFrame) -> pd.DataFrame:
    """Tidy long rows → a wide panel: one row per ``(source, year, country, sector, partner)``
    (and ``sector_name`` when present), one column per indicator.

    Raises :class:`InputError` when a key appears twice for one indicator (the long frame is
    not tidy), naming the first duplicate.
    """
    keys = [c for c in ("source", "year", "country", "sector", "sector_name", "partner")
            if c in df.columns]  # fmt: skip
    dup = df.duplicated([*keys, "indicator"], keep=False)
    if dup.any():
        row = df[dup].iloc[0]
        raise InputError(
            "cannot widen: a key appears twice for one indicator",
            label=f"{row['indicator']} at {'/'.join(str(row[k]) for k in keys)}",
        )
    filled = df[[*keys, "indicator", "value"]].copy()
    text = [k for k in keys if k != "year"]
    filled[text] = filled[text].astype(object).where(filled[text].notna(), "")
    wide = filled.set_index([*keys, "indicator"])["value"].unstack("indicator").reset_index()
    wide.columns.name = None
    for k in text:
        wide[k] = wide[k].where(wide[k] != "", None)
    order = list(dict.fromkeys(df["indicator"]))
    return wide[[*keys, *order]]
