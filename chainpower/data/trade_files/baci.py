"""CEPII BACI: reconciled bilateral trade at HS6 (Gaulier & Zignago 2010, CEPII WP 2010-23).

A BACI release ships one CSV per year, ``BACI_HS17_Y2022_V202401.csv``, with the columns
``t,i,j,k,v,q``: year, exporter and importer (numeric codes, close to UN M49), HS6 product,
value in **thousands of USD** (FOB, as reconciled by CEPII) and quantity in **tonnes** (``NA``
or blank when missing, often padded with spaces), plus ``country_codes_V2024xx.csv``. The
reader uses DuckDB's CSV scanner (no pandas row loop): a full year (~10 million rows) reads in a
few seconds and is held as categorical codes (~300 MB).

:func:`read_baci` returns the schema of :mod:`chainpower.data.trade_files._common` with ``value``
in USD (``v × 1000``) and ``qty`` in tonnes. Checks (each error names the file and the row):
wrong columns; an exporter or importer code not in the country-code file; a product code that
is not six digits or not in the file's HS vintage (from the name, e.g. ``HS17``, or given);
negative values. BACI also uses ``271000`` (heading 2710, petroleum oils, where reporters give
no six-digit split), which is not a code of any vintage; it is accepted (:data:`BACI_EXTRA_CODES`).
BACI's code 490 "Other Asia, nes" (Taiwan in practice) keeps BACI's ISO3
``S19``.

:func:`read_baci_extract` reads the stored extracts of ``$CHAINPOWER_DATA/trade/
baci_critical_materials_cma`` (ISO3 columns already; values in USD or kUSD).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.trade_files._common import (
    check_columns,
    check_nonnegative,
    check_product_codes,
    finish_frame,
    map_codes,
)
from chainpower.errors import DataNotFoundError, InputError, LayoutError

__all__ = [
    "BACI_COLUMNS",
    "BACI_EXTRA_CODES",
    "read_baci",
    "read_baci_country_codes",
    "read_baci_extract",
]

BACI_COLUMNS: tuple[str, ...] = ("t", "i", "j", "k", "v", "q")
#: Codes BACI ships that are not six-digit codes of the HS vintage itself.
BACI_EXTRA_CODES: frozenset[str] = frozenset({"271000"})
_NAME = re.compile(r"BACI_(HS\d\d)_Y(\d{4})", re.IGNORECASE)


def read_baci_country_codes(path: str | Path) -> dict[int, str]:
    """BACI numeric code → ISO3 from a ``country_codes_V*.csv`` (both the V2021– layout
    ``country_code,country_name_abbreviation,…,iso_3digit_alpha`` and the V2024+ layout
    ``country_code,country_name,country_iso2,country_iso3``; UTF-8 or Latin-1)."""
    p = Path(path)
    if not p.is_file():
        raise DataNotFoundError("BACI country-code file not found", file=p)
    try:
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
    except UnicodeDecodeError:
        df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="latin-1")
    iso_col = next((c for c in ("country_iso3", "iso_3digit_alpha") if c in df.columns), None)
    if "country_code" not in df.columns or iso_col is None:
        raise LayoutError(
            f"not a BACI country-code file: columns {list(df.columns)}; expected country_code "
            "and country_iso3 (or iso_3digit_alpha)",
            file=p,
        )
    out: dict[int, str] = {}
    for n, (code, iso) in enumerate(zip(df["country_code"], df[iso_col], strict=True)):
        if not code.strip().isdigit() or not iso.strip():
            raise InputError("country code or ISO3 missing", file=p, label=f"row {n + 1}")
        out[int(code)] = iso.strip().upper()
    return out


def _scan(path: Path) -> pd.DataFrame:
    """Typed DuckDB scan; a cell that does not parse → :class:`InputError` naming the line."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("SET preserve_insertion_order = true")
        head = con.execute(
            "SELECT * FROM read_csv(?, all_varchar = true, header = true) LIMIT 0", [str(path)]
        ).fetchdf()
        check_columns([c.strip() for c in head.columns], BACI_COLUMNS, file=path)
        try:
            tbl = con.sql(
                """
                SELECT t, i, j, lpad(trim(k), 6, '0') AS k, v,
                       CASE WHEN trim(q) IN ('', 'NA') THEN NULL ELSE CAST(trim(q) AS DOUBLE)
                       END AS q
                FROM read_csv(?, header = true, columns = {'t': 'INTEGER', 'i': 'INTEGER',
                     'j': 'INTEGER', 'k': 'VARCHAR', 'v': 'DOUBLE', 'q': 'VARCHAR'})
                """,
                params=[str(path)],
            ).to_arrow_table()
        except duckdb.Error as exc:
            text = str(exc).splitlines()
            where = next((ln.strip() for ln in text if "line" in ln.lower()), "")
            raise InputError(
                f"a cell does not parse as BACI's t,i,j,k,v,q types: {text[0][:200]}",
                file=path,
                label=where[:120] or None,
            ) from None
    finally:
        con.close()
    k = tbl.column("k").combine_chunks().dictionary_encode()
    return pd.DataFrame(
        {
            "t": tbl.column("t").to_numpy(),
            "i": tbl.column("i").to_numpy(),
            "j": tbl.column("j").to_numpy(),
            "k": pd.Categorical.from_codes(
                k.indices.to_numpy(zero_copy_only=False), k.dictionary.to_pylist()
            ),
            "v": tbl.column("v").to_numpy(),
            "q": tbl.column("q").to_numpy(),
            "q_bad": False,
        }
    )


def _iso_categorical(
    codes: np.ndarray, mapping: dict[int, str], *, file: Path, column: str
) -> pd.Categorical:
    """Numeric codes → categorical ISO3 through the unique codes only (fast on 10 M rows)."""
    if codes.size and codes.min() >= 0 and codes.max() < 100_000:  # O(n) instead of a sort
        present = np.zeros(int(codes.max()) + 1, dtype=bool)
        present[codes] = True
        uniq = np.flatnonzero(present)
        rank = np.cumsum(present) - 1
        inverse = rank[codes]
    else:
        uniq, inverse = np.unique(codes, return_inverse=True)
    iso = map_codes(uniq, mapping, what="BACI country code", file=file, column=column)
    if len(set(iso)) < len(iso):  # two codes for one ISO3 (e.g. 56 and 58 → BEL)
        cats, remap = np.unique(iso.astype(str), return_inverse=True)
        return pd.Categorical.from_codes(remap[inverse], pd.Index(cats))
    return pd.Categorical.from_codes(inverse.reshape(-1), pd.Index(iso.astype(str)))


def read_baci(
    path: str | Path,
    country_codes: str | Path | dict[int, str],
    *,
    hs_vintage: str | None = None,
    check_products: bool = True,
) -> pd.DataFrame:
    """Read one BACI year file (CSV as CEPII ships it, or Parquet with the same columns).

    ``hs_vintage`` defaults to the one in the file name (``BACI_HS17_…``); with
    ``check_products`` every product must be a code of that vintage (needs the concordance
    folder of the real-data directory).
    """
    p = Path(path)
    if not p.is_file():
        raise DataNotFoundError("BACI file not found", file=p)
    codes = (
        country_codes if isinstance(country_codes, dict) else read_baci_country_codes(country_codes)
    )
    m = _NAME.search(p.name)
    vintage = hs_vintage or (m.group(1).upper() if m else None)
    if p.suffix.lower() == ".parquet":
        raw = pd.read_parquet(p)
        check_columns(list(raw.columns), BACI_COLUMNS, file=p)
        raw["k"] = raw["k"].astype(str).str.strip().str.zfill(6)
        raw["q_bad"] = False
    else:
        raw = _scan(p)
    for col, what in (("t", "year"), ("i", "exporter code"), ("j", "importer code")):
        bad = np.flatnonzero(pd.isna(raw[col]).to_numpy())
        if bad.size:
            raise InputError(f"{what} is not an integer", file=p, label=f"row {bad[0] + 1}")
    bad = np.flatnonzero(pd.isna(raw["v"]).to_numpy() | raw["q_bad"].to_numpy(dtype=bool))
    if bad.size:
        raise InputError("value or quantity is not a number", file=p, label=f"row {bad[0] + 1}")
    check_nonnegative(raw["v"].to_numpy(), column="value v", file=p)
    check_nonnegative(raw["q"].to_numpy(dtype=float, na_value=np.nan), column="quantity q", file=p)
    known = None
    if check_products and vintage is not None:
        from chainpower.data.hs import hs_codes

        known = hs_codes(vintage) | BACI_EXTRA_CODES
    check_product_codes(raw["k"], digits=6, file=p, known=known, vintage=vintage)
    i_codes = raw["i"].to_numpy(dtype=np.int64)
    j_codes = raw["j"].to_numpy(dtype=np.int64)
    try:
        ex = _iso_categorical(i_codes, codes, file=p, column="i")
        im = _iso_categorical(j_codes, codes, file=p, column="j")
    except InputError as exc:  # name the first row of the unknown code, not its rank
        ok_rows = np.isin(i_codes, list(codes)) & np.isin(j_codes, list(codes))
        row = int(np.flatnonzero(~ok_rows)[0])
        raise InputError(exc.reason, file=p, label=f"row {row + 1} (line {row + 2})") from None
    return finish_frame(
        {
            "year": raw["t"].to_numpy(),
            "exporter": ex,
            "importer": im,
            "product": raw["k"],
            "value": raw["v"].to_numpy() * 1000.0,
            "qty": raw["q"].to_numpy(dtype=float, na_value=np.nan),
        },
        source=f"baci_{(vintage or 'hs').lower()}",
        hs_vintage=vintage,
        value_unit="USD",
        qty_unit="t",
        valuation="FOB",
        files=[p],
    )


def read_baci_extract(path: str | Path) -> pd.DataFrame:
    """Read a stored BACI extract with ISO3 columns (the CMA fixture or full-2024 file).

    Layouts: ``year, exporter_iso3, importer_iso3, hs6, value_usd`` or ``year, exporter,
    importer, hs6, value_kusd, qty_t``. Values come back in USD.
    """
    p = Path(path)
    if not p.is_file():
        raise DataNotFoundError("BACI extract not found", file=p)
    df = pd.read_parquet(p)
    if "value_usd" in df.columns:
        check_columns(list(df.columns), ("year", "exporter_iso3", "importer_iso3", "hs6"), file=p)
        ex, im, value = df["exporter_iso3"], df["importer_iso3"], df["value_usd"].to_numpy()
        qty = np.full(len(df), np.nan)
    else:
        check_columns(
            list(df.columns), ("year", "exporter", "importer", "hs6", "value_kusd"), file=p
        )
        ex, im = df["exporter"], df["importer"]
        value = df["value_kusd"].to_numpy() * 1000.0
        qty = (
            df["qty_t"].to_numpy(dtype=float, na_value=np.nan)
            if "qty_t" in df
            else np.full(len(df), np.nan)
        )
    check_nonnegative(value, column="value", file=p)
    check_product_codes(df["hs6"].astype(str), digits=6, file=p)
    return finish_frame(
        {
            "year": df["year"].to_numpy(),
            "exporter": ex.astype(str).to_numpy(),
            "importer": im.astype(str).to_numpy(),
            "product": df["hs6"].astype(str).to_numpy(),
            "value": value,
            "qty": qty,
        },
        source="baci_hs17",
        hs_vintage="HS17",
        value_unit="USD",
        qty_unit="t",
        valuation="FOB",
        files=[p],
    )
