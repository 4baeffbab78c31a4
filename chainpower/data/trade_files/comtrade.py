"""UN Comtrade: reporter-declared flows from the v1 API / bulk CSV downloads.

The v1 API (``comtradeapicall``) and its CSV downloads carry, among ~47 fields, ``refYear``,
``reporterCode``, ``partnerCode`` (UN M49 numeric; 0 = World), ``flowCode`` (``M`` import,
``X`` export; re-exports ``RM``/``RX`` are left out), ``cmdCode``, ``primaryValue`` (USD; CIF for
imports, FOB for exports), ``netWgt`` (kg). The stored extract in ``$CHAINPOWER_DATA/trade/
baci_critical_materials_cma/comtrade_raw_*.parquet`` uses the short names ``year, reporter,
partner, cmd, flow, value, netwgt``; both layouts are read.

:func:`read_comtrade` returns the flow schema (exporter → importer) for one flow direction:
``flow="M"`` (importers' declarations, CIF; the default, as BACI starts from them) or ``"X"``.
World (0) partner rows are dropped (they are totals); special areas keep codes of
:data:`COMTRADE_EXTRA_CODES`; codes are mapped to ISO3 through a BACI
country-code file (BACI's numeric codes are Comtrade's).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

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

__all__ = ["COMTRADE_EXTRA_CODES", "read_comtrade"]

#: Comtrade partner codes that BACI's code list lacks: three territories and the "nes" areas,
#: bunkers and free zones (kept under ``X`` + code so no value is silently dropped).
COMTRADE_EXTRA_CODES: dict[int, str] = {
    10: "ATA",
    234: "FRO",
    336: "VAT",
    581: "UMI",
    **{c: f"X{c}" for c in (527, 568, 577, 636, 837, 838, 839, 899)},
}

_API = {
    "refYear": "year",
    "reporterCode": "reporter",
    "partnerCode": "partner",
    "flowCode": "flow",
    "cmdCode": "cmd",
    "primaryValue": "value",
    "netWgt": "netwgt",
}


def read_comtrade(
    path: str | Path,
    country_codes: str | Path | dict[int, str],
    *,
    flow: Literal["M", "X"] = "M",
    year: int | None = None,
) -> pd.DataFrame:
    """Read a Comtrade download (CSV or Parquet) into the flow schema (values in USD).

    A row without a year is an error naming it, unless ``year`` is given for a one-year file
    whose year column is empty.
    """
    from chainpower.data.trade_files.baci import read_baci_country_codes

    p = Path(path)
    if not p.is_file():
        raise DataNotFoundError("Comtrade file not found", file=p)
    if flow not in ("M", "X"):
        raise InputError("flow must be 'M' or 'X'", label=str(flow))
    df = pd.read_parquet(p) if p.suffix.lower() == ".parquet" else pd.read_csv(p, dtype=str)
    df = df.rename(columns=_API)
    check_columns(list(df.columns), ("year", "reporter", "partner", "flow", "cmd", "value"), file=p)
    codes = (
        country_codes if isinstance(country_codes, dict) else read_baci_country_codes(country_codes)
    )
    codes = {**COMTRADE_EXTRA_CODES, **codes, 0: "WLD"}
    df = df.reset_index(drop=True)
    rows = np.flatnonzero((df["flow"].astype(str).str.strip() == flow).to_numpy())
    sel = df.iloc[rows]
    value = pd.to_numeric(sel["value"], errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(np.isnan(value))
    if bad.size:
        raise InputError("value is not a number", file=p, label=f"row {rows[bad[0]] + 1}")
    check_nonnegative(value, column="value", file=p)
    product = sel["cmd"].astype(str).str.strip()
    check_product_codes(product, digits=6, file=p)
    rep = pd.to_numeric(sel["reporter"], errors="coerce").fillna(-1).astype(int).to_numpy()
    par = pd.to_numeric(sel["partner"], errors="coerce").fillna(-1).astype(int).to_numpy()
    rep3 = map_codes(rep, codes, what="M49 country code", file=p, column="reporter")
    par3 = map_codes(par, codes, what="M49 country code", file=p, column="partner")
    keep = par3 != "WLD"
    qty = (
        pd.to_numeric(sel["netwgt"], errors="coerce").to_numpy(dtype=float) / 1000.0
        if "netwgt" in sel.columns
        else np.full(len(sel), np.nan)
    )
    years = pd.to_numeric(sel["year"], errors="coerce").to_numpy(dtype=float)
    if year is not None:
        years = np.where(np.isnan(years), float(year), years)
    bad = np.flatnonzero(np.isnan(years))
    if bad.size:
        raise InputError(
            f"year missing ({bad.size} rows; pass year= for a one-year file)",
            file=p,
            label=f"row {rows[bad[0]] + 1}",
        )
    imp = flow == "M"
    out = finish_frame(
        {
            "year": years[keep].astype(int),
            "exporter": (par3 if imp else rep3)[keep],
            "importer": (rep3 if imp else par3)[keep],
            "product": product.to_numpy()[keep],
            "value": value[keep],
            "qty": qty[keep],
        },
        source=f"comtrade_{flow.lower()}",
        hs_vintage=None,
        value_unit="USD",
        qty_unit="t",
        valuation="CIF" if imp else "FOB",
        files=[p],
    )
    keys = ["year", "exporter", "importer", "product"]
    attrs = out.attrs
    out = out.groupby(keys, observed=True, as_index=False).sum(min_count=1)
    out.attrs = attrs
    return out
