"""Eurostat Comext (dataset DS-045409, "EU trade since 1988 by CN8") extracts.

Comext bulk files and extracts have one row per declarant × partner × CN8 product × flow ×
period with (at least) ``DECLARANT_ISO, PARTNER_ISO, PRODUCT_NC, FLOW, PERIOD,
VALUE_IN_EUROS`` and, in the bulk files, ``QUANTITY_IN_KG``. ``FLOW`` 1 = import (partner →
declarant), 2 = export (declarant → partner). ``PERIOD`` is ``YYYY``, ``YYYY52`` (annual) or
``YYYYMM`` (monthly, summed to the year). Values are in euro at the declarant's border: imports
CIF, exports FOB. Country codes are Eurostat's ISO 3166 alpha-2 with its own additions (``EL``
Greece, ``XK`` Kosovo, ``XS`` Serbia, ``XC`` Ceuta, ``XL`` Melilla).

:func:`read_comext` returns the schema of :mod:`chainpower.data.trade_files._common` with
products as 8-digit CN codes (their first six digits are the HS6 code) and ``value`` in EUR.
"""

from __future__ import annotations

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
from chainpower.errors import DataNotFoundError, InputError

__all__ = ["COMEXT_COLUMNS", "EUROSTAT_EXTRA_CODES", "read_comext"]

COMEXT_COLUMNS: tuple[str, ...] = (
    "DECLARANT_ISO",
    "PARTNER_ISO",
    "PRODUCT_NC",
    "FLOW",
    "PERIOD",
    "VALUE_IN_EUROS",
)
#: Eurostat partner codes that are not ISO 3166 alpha-2 (XC/XL get non-ISO 3-letter codes).
EUROSTAT_EXTRA_CODES: dict[str, str] = {"EL": "GRC", "XS": "SRB", "XC": "XCE", "XL": "XML"}


def _iso3_map(codes: np.ndarray) -> dict[str, str]:
    from chainpower.data.countries import iso2_to_iso3

    out = {}
    for code in np.unique(codes.astype(str)):
        if code in EUROSTAT_EXTRA_CODES:
            out[code] = EUROSTAT_EXTRA_CODES[code]
            continue
        try:
            out[code] = str(iso2_to_iso3([code])[0])
        except InputError:
            continue  # left out: map_codes reports the file and row
    return out


def read_comext(path: str | Path) -> pd.DataFrame:
    """Read a Comext extract (CSV, or Parquet with the same columns) into the flow schema."""
    p = Path(path)
    if not p.is_file():
        raise DataNotFoundError("Comext file not found", file=p)
    if p.suffix.lower() == ".parquet":
        df = pd.read_parquet(p)
    else:
        df = pd.read_csv(p, dtype={"PRODUCT_NC": str, "DECLARANT_ISO": str, "PARTNER_ISO": str})
    df.columns = [str(c).strip().upper() for c in df.columns]
    check_columns(list(df.columns), COMEXT_COLUMNS, file=p)
    flow = pd.to_numeric(df["FLOW"], errors="coerce").to_numpy()
    bad = np.flatnonzero(~np.isin(flow, (1, 2)))
    if bad.size:
        raise InputError("FLOW must be 1 (import) or 2 (export)", file=p, label=f"row {bad[0] + 1}")
    period = df["PERIOD"].astype(str).str.strip()
    ok = period.str.fullmatch(r"\d{4}|\d{6}").to_numpy()
    if not ok.all():
        pos = int(np.flatnonzero(~ok)[0])
        raise InputError("PERIOD must be YYYY, YYYY52 or YYYYMM", file=p, label=f"row {pos + 1}")
    year = period.str[:4].astype(int).to_numpy()
    value = pd.to_numeric(df["VALUE_IN_EUROS"], errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(np.isnan(value))
    if bad.size:
        raise InputError("VALUE_IN_EUROS is not a number", file=p, label=f"row {bad[0] + 1}")
    check_nonnegative(value, column="VALUE_IN_EUROS", file=p)
    qty = (
        pd.to_numeric(df["QUANTITY_IN_KG"], errors="coerce").to_numpy(dtype=float)
        if "QUANTITY_IN_KG" in df.columns
        else np.full(len(df), np.nan)
    )
    check_nonnegative(qty, column="QUANTITY_IN_KG", file=p)
    product = df["PRODUCT_NC"].astype(str).str.strip()
    check_product_codes(product, digits=8, file=p)
    decl = df["DECLARANT_ISO"].astype(str).str.strip().str.upper().to_numpy()
    part = df["PARTNER_ISO"].astype(str).str.strip().str.upper().to_numpy()
    mapping = _iso3_map(np.concatenate([decl, part]))
    decl3 = map_codes(decl, mapping, what="country code", file=p, column="DECLARANT_ISO")
    part3 = map_codes(part, mapping, what="country code", file=p, column="PARTNER_ISO")
    imp = flow == 1
    out = finish_frame(
        {
            "year": year,
            "exporter": np.where(imp, part3, decl3),
            "importer": np.where(imp, decl3, part3),
            "product": product.to_numpy(),
            "value": value,
            "qty": qty / 1000.0,
        },
        source="comext_cn8",
        hs_vintage=None,
        value_unit="EUR",
        qty_unit="t",
        valuation="CIF imports / FOB exports",
        files=[p],
    )
    keys = ["year", "exporter", "importer", "product"]
    if out.duplicated(keys).any():  # monthly periods (or both flows) → one row per year
        attrs = out.attrs
        out = out.groupby(keys, observed=True, as_index=False).sum(min_count=1)
        out.attrs = attrs
    return out
