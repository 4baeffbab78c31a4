"""Penn World Table 10.01 (Feenstra, Inklaar & Timmer 2015, AER 105(10): 3150–82; www.ggdc.net/pwt).

One reader for the layouts PWT is distributed in, chosen by suffix:

==========  ===========================================================================
``.parquet`` the project's data folder ``macro/pwt/pwt1001.parquet`` (the default; PWT 10.01 as
             in the CRAN ``pwt10`` package, ``isocode`` renamed ``iso3``)
``.xlsx``    the GGDC workbook ``pwt1001.xlsx``: sheets ``Info``, ``Legend``, ``Data``; the
             ``Data`` sheet has ``countrycode, country, currency_unit, year, rgdpe, …``
``.dta``     the GGDC Stata file ``pwt1001.dta`` (same columns as the ``Data`` sheet)
``.csv``     a CSV export of the ``Data`` sheet
==========  ===========================================================================

The country column may be called ``countrycode`` (GGDC), ``isocode`` (CRAN) or ``iso3``.
Output: ``country, year, variable, value`` for the numeric variables only (the ``i_*``
indicator flags and the currency name are text; asking for one is an error); missing cells
are no rows. Units as in PWT's Legend: e.g. ``rnna`` capital stock at constant 2017 national
prices (mil. 2017 USD), ``emp`` persons engaged (millions), ``delta`` average depreciation
rate of the capital stock (share per year).
"""

from __future__ import annotations

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

__all__ = ["PWT_DEFAULT", "load_pwt"]

#: The default file, relative to the data folder.
PWT_DEFAULT: tuple[str, ...] = ("macro", "pwt", "pwt1001.parquet")
_COUNTRY = ("iso3", "countrycode", "isocode")
_TEXT = {"country", "currency", "currency_unit", *_COUNTRY}


def _read_any(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return read_parquet_file(path, "PWT Parquet")
        if suffix == ".dta":
            return pd.read_stata(path)
        if suffix == ".xlsx":
            with pd.ExcelFile(path) as book:
                if "Data" not in book.sheet_names:
                    raise LayoutError(
                        f"PWT workbook has no sheet 'Data' (sheets: {book.sheet_names})", file=path
                    )
                return pd.read_excel(book, sheet_name="Data")
        if suffix == ".csv":
            return pd.read_csv(path)
    except ValueError as exc:
        if isinstance(exc, InputError):
            raise
        raise LayoutError(f"cannot read PWT file: {exc}", file=path) from None
    except (OSError, EOFError, KeyError) as exc:
        raise LayoutError(f"cannot read PWT file: {exc!r}", file=path) from None
    except Exception as exc:  # zipfile.BadZipFile, pandas' Stata errors …
        raise LayoutError(
            f"cannot read PWT file ({type(exc).__name__}: {exc})", file=path
        ) from None
    raise InputError(
        f"unsupported PWT file type {suffix!r}: use .parquet, .xlsx, .dta or .csv", file=path
    )


def _long(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    country = next((c for c in _COUNTRY if c in df.columns), None)
    if country is None or "year" not in df.columns:
        raise LayoutError(
            f"not a PWT layout: need a country code column ({' or '.join(_COUNTRY)}) and "
            f"'year'; columns are {list(df.columns)[:8]}",
            file=path,
        )
    years = pd.to_numeric(df["year"], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(years) | (years != np.round(years))
    fail_at_first(bad, lambda i: f"year {df['year'].iloc[i]!r} is not an integer", file=path)
    codes = df[country].astype(str).to_numpy(dtype=object)
    numeric = [
        c
        for c in df.columns
        if c not in _TEXT and c != "year" and pd.api.types.is_numeric_dtype(df[c])
    ]
    frames = []
    for var in numeric:
        v = df[var].to_numpy(dtype=float)
        ok = ~np.isnan(v)
        if np.isinf(v).any():
            i = int(np.flatnonzero(np.isinf(v))[0])
            raise InputError(f"infinite value of {var!r}", file=path, label=f"row {i}")
        frames.append(
            pd.DataFrame(
                {
                    "country": codes[ok],
                    "year": years[ok].astype(np.int64),
                    "variable": var,
                    "value": v[ok],
                }
            )
        )
    if not frames:
        raise LayoutError("PWT file has no numeric variables", file=path)
    out = pd.concat(frames, ignore_index=True)
    out.attrs["text_columns"] = sorted(set(df.columns) - set(numeric) - {"year", country})
    return out


def load_pwt(
    variables: Iterable[str] | None = None,
    *,
    countries: Sequence[str] | None = None,
    years: Iterable[int] | None = None,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """PWT observations as ``country, year, variable, value`` (sorted, no NaN).

    ``path`` defaults to ``<data>/macro/pwt/pwt1001.parquet``; ``.xlsx``, ``.dta`` and ``.csv``
    in the GGDC layout are read too. A requested variable, country or year absent from the
    file is an :class:`InputError` naming it and the file.
    """
    p = data_path(*PWT_DEFAULT) if path is None else check_exists(path, "PWT file")
    df = _long(_read_any(p), p)
    dup = df.duplicated(["country", "year", "variable"])
    if dup.any():
        r = df[dup].iloc[0]
        raise InputError(f"duplicate PWT row for {r['country']} {r['year']}", file=p)
    if variables is not None:
        wanted = [variables] if isinstance(variables, str) else [str(v) for v in variables]
        text = [v for v in wanted if v in df.attrs.get("text_columns", [])]
        if text:
            raise InputError(f"PWT variable {text[0]!r} is text, not a number", file=p)
        variables = wanted
    out = select_rows(
        df,
        column="variable",
        wanted=variables,
        countries=countries,
        years=years,
        file=p,
        what="PWT",
    )
    return out[list(MACRO_COLUMNS["pwt"])]
