"""The documented long format for UIBE / OECD TiVA indicator downloads.

One row per observation, in the store's tidy schema: ``source, year, country, [sector],
[partner], indicator, value`` (CSV, CSV.gz or Parquet). :func:`read_indicator_long` validates
columns, codes and values; every error names the file and the line (CSV, header = line 1) or
the row (Parquet, 0-based).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.store import TIDY_COLUMNS
from chainpower.errors import DataNotFoundError, InputError, LayoutError

__all__ = ["LONG_AGGREGATES", "LONG_COLUMNS", "read_indicator_long"]

#: Columns of the long format: required, then optional.
LONG_COLUMNS: dict[str, bool] = {
    "source": True,
    "year": True,
    "country": True,
    "sector": False,
    "partner": False,
    "indicator": True,
    "value": True,
}
#: Group codes accepted besides ISO3 (UIBE's rest of the world, TiVA's aggregates).
LONG_AGGREGATES: frozenset[str] = frozenset(
    {
        "ROW",
        "WLD",
        "EU27",
        "EU28",
        "EU15",
        "EA19",
        "EA20",
        "EU27_2020",
        "OECD",
        "NONOECD",
        "APEC",
        "ASEAN",
        "G20",
        "EASIA",
        "EUR",
        "NAFTA",
        "SEASIA",
        "ZEUR",
        "ZASI",
        "ZNAM",
    }
)
_INDICATOR = re.compile(r"^[a-z][a-z0-9_]*$")
_SECTOR = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")


@lru_cache(maxsize=1)
def _iso3_codes() -> frozenset[str]:
    import country_converter.country_converter as ccm

    table = pd.read_csv(
        Path(ccm.COUNTRY_DATA_FILE), sep="\t", dtype=str, keep_default_na=False, usecols=["ISO3"]
    )
    return frozenset(c for c in table["ISO3"] if c)


def _read_long_file(p: Path) -> tuple[pd.DataFrame, int]:
    """The raw frame and the offset from a 0-based row to the label shown (line or row)."""
    name = p.name.lower()
    try:
        if name.endswith(".parquet"):
            return pd.read_parquet(p), 0
        if name.endswith((".csv", ".csv.gz")):
            df = pd.read_csv(p, dtype=str, keep_default_na=False, on_bad_lines="error")
            return df, 2
    except (OSError, ValueError, EOFError, pd.errors.ParserError) as exc:
        raise LayoutError(f"cannot read indicator file: {exc}", file=p) from None
    raise InputError("indicator long files are .csv, .csv.gz or .parquet", file=p)


def read_indicator_long(path: str | Path) -> pd.DataFrame:
    """Read an indicator file in the documented long format (``docs/data_indicators.md``).

    Columns ``source, year, country, [sector], [partner], indicator, value``; ``country`` and
    ``partner`` are ISO3 or one of :data:`LONG_AGGREGATES`; ``indicator`` follows the naming
    rule (lower-case ``family_quantity…``); values finite; no duplicate keys. Returns the store's
    tidy frame. Every error names the file and the line (CSV, header = line 1) or row (Parquet).
    """
    p = Path(path).expanduser()
    if not p.is_file():
        raise DataNotFoundError("indicator file not found", file=p)
    df, offset = _read_long_file(p)
    unit = "line" if offset else "row"
    cols = [str(c).strip() for c in df.columns]
    df.columns = cols
    missing = [c for c, req in LONG_COLUMNS.items() if req and c not in cols]
    extra = [c for c in cols if c not in LONG_COLUMNS]
    if missing or extra:
        raise LayoutError(
            f"long format needs columns {[c for c, r in LONG_COLUMNS.items() if r]} (optional "
            f"sector, partner); missing {missing}, unknown {extra}",
            file=p,
        )
    if df.empty:
        raise InputError("indicator file has no rows", file=p)

    def fail(msg: str, mask: np.ndarray) -> None:
        i = int(np.flatnonzero(mask)[0])
        raise InputError(msg, file=p, label=f"{unit} {i + offset}")

    out = pd.DataFrame(index=df.index)
    text = {c: df[c].astype("string").str.strip() if c in df else None for c in LONG_COLUMNS}
    for c in ("source", "country", "indicator"):
        s = text[c]
        assert s is not None
        empty = (s.isna() | (s == "")).to_numpy()
        if empty.any():
            fail(f"empty {c}", empty)
        out[c] = s.to_numpy(dtype=object)
    year = pd.to_numeric(df["year"], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(year) | (year != np.round(year)) | (year < 1900) | (year > 2100)
    if bad.any():
        fail(f"year {df['year'].iloc[int(np.flatnonzero(bad)[0])]!r} is not a year 1900–2100", bad)
    out["year"] = year.astype(np.int64)
    codes = _iso3_codes() | LONG_AGGREGATES
    for c in ("country", "partner"):
        s = text[c]
        if s is None:
            out[c] = None
            continue
        vals = s.fillna("").to_numpy(dtype=object)
        given = vals != ""
        if c == "country":
            given[:] = True
        bad = given & ~np.isin(vals, list(codes))
        if bad.any():
            fail(f"unknown {c} code {vals[np.flatnonzero(bad)[0]]!r} (ISO3 or a listed group)", bad)
        out[c] = [v if g else None for v, g in zip(vals, given, strict=True)]
    sec = text["sector"]
    if sec is None:
        out["sector"] = None
    else:
        vals = sec.fillna("").to_numpy(dtype=object)
        bad = np.array([v != "" and not _SECTOR.match(v) for v in vals])
        if bad.any():
            fail(
                f"sector code {vals[np.flatnonzero(bad)[0]]!r} has characters outside A–Z0–9_.-",
                bad,
            )
        out["sector"] = [v if v != "" else None for v in vals]
    bad = np.array([not _INDICATOR.match(v) for v in out["indicator"]])
    if bad.any():
        fail(
            f"indicator {out['indicator'].iloc[int(np.flatnonzero(bad)[0])]!r} breaks the naming "
            "rule (lower-case family_quantity, e.g. tiva_exgr_dvash)",
            bad,
        )
    value = pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(value)
    if bad.any():
        fail(f"value {df['value'].iloc[int(np.flatnonzero(bad)[0])]!r} is not a finite number", bad)
    out["value"] = value
    keys = ["source", "year", "country", "sector", "partner", "indicator"]
    dup = out.fillna({"sector": "", "partner": ""}).duplicated(keys, keep=False).to_numpy()
    if dup.any():
        rows = np.flatnonzero(dup)[:2] + offset
        fail(f"duplicate key (also at {unit} {rows[1]})", dup)
    return out[list(TIDY_COLUMNS)].reset_index(drop=True)
