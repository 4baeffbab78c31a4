"""World Bank World Development Indicators (WDI): one reader for the three layouts in use.

Source: World Bank, *World Development Indicators* (CC BY 4.0), https://datacatalog.worldbank.org.
Three layouts are read, chosen by the file's content (not only its name):

==============  =========================================================================
tidy Parquet    the project's data folder ``macro/wdi/wdi_selected.parquet`` (the default):
                columns ``iso3, year, indicator, value[, source]``, one row per observation
bulk CSV        ``WDICSV.csv`` (2023– bulk download) / ``WDIData.csv`` (older, trailing comma):
                ``Country Name, Country Code, Indicator Name, Indicator Code, 1960, 1961, …``,
                one row per country × indicator, empty cell = no observation
API CSV         ``API_<code>_DS2_<lang>_csv_v2_<n>.csv`` (one indicator per file): four
                preamble lines (``"Data Source",…``, blank, ``"Last Updated Date",…``, blank),
                then the bulk header, every cell quoted, every line ending in a comma
==============  =========================================================================

All three give the same long frame ``country, year, indicator, value`` (ISO3 ``Country Code``
as the country; WB aggregates such as ``WLD``/``EUU`` are kept, as in the files; empty cells
are no rows, never NaN). A value read from any of the three layouts is bit-identical (tested).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.macro._common import (
    MACRO_COLUMNS,
    check_exists,
    read_parquet_file,
    select_rows,
)
from chainpower.data.paths import data_path
from chainpower.data.reading import fail_at_first
from chainpower.errors import InputError, LayoutError

__all__ = ["WDI_DEFAULT", "load_wdi", "read_wdi_api_csv", "read_wdi_bulk_csv"]

#: The default file, relative to the data folder.
WDI_DEFAULT: tuple[str, ...] = ("macro", "wdi", "wdi_selected.parquet")
_ID_COLUMNS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")
_YEAR = re.compile(r"^\d{4}$")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        # WB files are UTF-8; older downloads are Windows-1252.
        return path.read_text(encoding="cp1252")


def _melt_wide(
    text: Iterable[str],
    path: Path,
    first_line: int,
    wanted_codes: set[str] | None = None,
    wanted_countries: set[str] | None = None,
) -> pd.DataFrame:
    """Long rows from the wide WB block that starts at 1-based line ``first_line``.

    Rows of other indicator codes / countries than ``wanted_*`` are skipped before their
    numbers are parsed (a bulk file holds ~1,500 indicators × 266 economies)."""
    reader = csv.reader(text)
    try:
        header = next(reader)
    except StopIteration:
        raise LayoutError("empty WDI file: no header", file=path) from None
    header = [h.strip() for h in header]
    # The API files and WDIData.csv end every line with a comma: one empty trailing cell.
    width = len(header)
    while width and header[width - 1] == "":
        width -= 1
    if tuple(header[:4]) != _ID_COLUMNS:
        raise LayoutError(
            f"not a WDI wide layout: header starts {header[:4]}, expected {list(_ID_COLUMNS)}",
            file=path,
            label=f"line {first_line}",
        )
    years = header[4:width]
    bad = [y for y in years if not _YEAR.match(y)]
    if bad or not years:
        raise LayoutError(
            f"WDI year columns must be four-digit years; found {bad[:3] or 'none'}",
            file=path,
            label=f"line {first_line}",
        )
    year_arr = np.asarray([int(y) for y in years], dtype=np.int64)
    countries: list[str] = []
    codes: list[str] = []
    yrs: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for k, row in enumerate(reader):
        line = first_line + 1 + k
        if not row or all(not c.strip() for c in row):
            continue
        if wanted_codes is not None and row[3].strip() not in wanted_codes:
            continue
        if wanted_countries is not None and row[1].strip() not in wanted_countries:
            continue
        if len(row) < width or any(c.strip() for c in row[width:]):
            raise LayoutError(
                f"row has {len(row)} cells, the header {width} (truncated or shifted row)",
                file=path,
                label=f"line {line}",
            )
        cells = [c.strip() for c in row[4:width]]
        filled = np.asarray([c != "" for c in cells])
        if not filled.any():
            continue
        try:
            numbers = np.asarray([float(c) for c in np.asarray(cells)[filled]], dtype=float)
        except ValueError:
            culprit = next(c for c in cells if c and not _is_number(c))
            raise InputError(
                f"non-numeric value {culprit!r} for {row[3]!r}", file=path, label=f"line {line}"
            ) from None
        if not np.isfinite(numbers).all():
            raise InputError(f"non-finite value for {row[3]!r}", file=path, label=f"line {line}")
        code = row[1].strip()
        if not code:
            raise InputError("empty Country Code", file=path, label=f"line {line}")
        countries.append(code)
        codes.append(row[3].strip())
        yrs.append(year_arr[filled])
        vals.append(numbers)
    if not countries and wanted_codes is None and wanted_countries is None:
        raise InputError("WDI file has no observations", file=path)
    reps = [len(v) for v in vals]
    return pd.DataFrame(
        {
            "country": np.repeat(np.asarray(countries, dtype=object), reps),
            "year": np.concatenate(yrs),
            "indicator": np.repeat(np.asarray(codes, dtype=object), reps),
            "value": np.concatenate(vals),
        }
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_wdi_bulk_csv(
    path: str | Path, *, codes: Iterable[str] | None = None, countries: Iterable[str] | None = None
) -> pd.DataFrame:
    """Read a WDI bulk CSV (``WDICSV.csv`` / ``WDIData.csv``) into ``country, year, indicator,
    value``. Raises :class:`LayoutError` naming the file and line on a wrong header or a
    truncated row, :class:`InputError` on a non-numeric or non-finite cell."""
    p = check_exists(path, "WDI bulk CSV")
    try:  # streamed: a full bulk file is ~200 MB
        with p.open(encoding="utf-8-sig", newline="") as fh:
            return _melt_wide(fh, p, 1, _set(codes), _set(countries))
    except UnicodeDecodeError:
        with p.open(encoding="cp1252", newline="") as fh:
            return _melt_wide(fh, p, 1, _set(codes), _set(countries))


def read_wdi_api_csv(
    path: str | Path, *, codes: Iterable[str] | None = None, countries: Iterable[str] | None = None
) -> pd.DataFrame:
    """Read a WDI API CSV (``API_<code>_DS2_…csv``: 4 preamble lines, quoted cells, trailing
    comma) into ``country, year, indicator, value``."""
    p = check_exists(path, "WDI API CSV")
    text = _read_text(p)
    lines = text.splitlines(keepends=True)
    head = next(
        (i for i, ln in enumerate(lines[:12]) if ln.lstrip().startswith('"Country Name"')), None
    )
    if head is None or not lines[0].startswith('"Data Source"'):
        raise LayoutError(
            'not a WDI API CSV: expected a "Data Source" preamble and a "Country Name" header '
            "within the first lines",
            file=p,
        )
    return _melt_wide(lines[head:], p, head + 1, _set(codes), _set(countries))


def _set(items: Iterable[str] | None) -> set[str] | None:
    return None if items is None else {str(x) for x in items}


def _read_tidy(path: Path) -> pd.DataFrame:
    df = read_parquet_file(path, "WDI tidy Parquet")
    country = "iso3" if "iso3" in df.columns else "country"
    need = [country, "year", "indicator", "value"]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise LayoutError(
            f"WDI tidy Parquet lacks columns {missing} (has {list(df.columns)})", file=path
        )
    out = pd.DataFrame(
        {
            "country": df[country].astype(str).to_numpy(dtype=object),
            "year": pd.to_numeric(df["year"], errors="coerce").to_numpy(),
            "indicator": df["indicator"].astype(str).to_numpy(dtype=object),
            "value": pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype=float),
        }
    )
    bad = ~np.isfinite(out["value"].to_numpy()) | ~np.isfinite(out["year"].to_numpy(dtype=float))
    fail_at_first(
        bad, lambda i: f"non-finite year or value for {out['indicator'].iloc[i]!r}", file=path
    )
    out["year"] = out["year"].astype(np.int64)
    return out


def _layout(path: Path) -> str:
    """``parquet``, ``api`` or ``bulk``, from the file's first bytes."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"PAR1"):
        return "parquet"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    if text.startswith('"Data Source"'):
        return "api"
    first = text.splitlines()[0] if text else ""
    if first.replace('"', "").startswith(",".join(_ID_COLUMNS)):
        return "bulk"
    raise LayoutError(
        "not a WDI file: expected Parquet, a WB bulk CSV (header 'Country Name,Country Code,"
        "Indicator Name,Indicator Code,1960,…') or a WB API CSV (a 'Data Source' preamble)",
        file=path,
    )


def load_wdi(
    codes: Iterable[str] | None = None,
    *,
    countries: Sequence[str] | None = None,
    years: Iterable[int] | None = None,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """WDI observations as ``country, year, indicator, value`` (sorted, no NaN).

    ``path`` is a tidy Parquet, a bulk CSV or an API CSV (chosen by content); the default is
    ``<data>/macro/wdi/wdi_selected.parquet``. ``codes`` selects indicator codes (e.g.
    ``"NY.GDP.TOTL.RT.ZS"``), ``countries`` ISO3 codes, ``years`` calendar years. A requested
    code, country or year absent from the file is an :class:`InputError` naming it and the
    file — never an empty frame.
    """
    p = data_path(*WDI_DEFAULT) if path is None else check_exists(path, "WDI file")
    if isinstance(codes, str):
        codes = [codes]
    if isinstance(countries, str):
        countries = [countries]
    codes = None if codes is None else [str(c) for c in codes]
    kind = _layout(p)
    if kind == "parquet":
        df = _read_tidy(p)
    elif kind == "api":
        df = read_wdi_api_csv(p, codes=codes, countries=countries)
    else:
        df = read_wdi_bulk_csv(p, codes=codes, countries=countries)
    dup = df.duplicated(["country", "year", "indicator"])
    if dup.any():
        r = df[dup].iloc[0]
        raise InputError(
            f"duplicate observation {r['indicator']} for {r['country']} {r['year']}", file=p
        )
    out = select_rows(
        df, column="indicator", wanted=codes, countries=countries, years=years, file=p, what="WDI"
    )
    return out[list(MACRO_COLUMNS["wdi"])]
