"""The stored BACI "top flows" series, 2002–2024 (CMA repo), read into the flow schema.

``$CHAINPOWER_DATA/trade/baci_critical_materials_cma/baci_topflows_2002_2024_critical32.parquet``
has, per material and year, only each country's top-6 suppliers and top-6 customers
(**truncated**: 94.7–100 % of each code's value in 2022 and 2024), ISO2 codes and USD; years
2002–2016 come from BACI HS02, 2017–2024 from HS17 (``source`` column). Two rules from its
PROVENANCE.md are applied:

* ``gallium``, ``germanium`` and ``hafnium`` are the same HS 811292 rows repeated, so they are
  mapped to one product ``811292`` and de-duplicated by (year, product, exporter, importer);
* every other material becomes its HS17 "title" code from ``material_hs_crosswalk.csv`` (for
  HS02 years this is the repo's aggregate of the HS02 codes, e.g. boron 2528).

The frame's ``attrs["truncated"]`` is true: HHIs computed from it are upper bounds and shares of
small suppliers are missing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.paths import data_path
from chainpower.data.trade_files._common import check_columns, check_nonnegative, finish_frame
from chainpower.errors import InputError

__all__ = ["SHARED_811292", "read_baci_topflows"]

#: Materials that the file carries as copies of the same HS 811292 rows.
SHARED_811292: tuple[str, ...] = ("gallium", "germanium", "hafnium")
_EXTRA_ISO2 = {"AN": "ANT", "CS": "SCG"}  # Netherlands Antilles, Serbia and Montenegro


def read_baci_topflows(
    path: str | Path | None = None, crosswalk: str | Path | None = None
) -> pd.DataFrame:
    """Read the top-flows file (de-duplicated, HS6 products, USD)."""
    from chainpower.data.countries import iso2_to_iso3

    folder = ("trade", "baci_critical_materials_cma")
    p = Path(path) if path else data_path(*folder, "baci_topflows_2002_2024_critical32.parquet")
    cw = Path(crosswalk) if crosswalk else data_path(*folder, "material_hs_crosswalk.csv")
    df = pd.read_parquet(p)
    check_columns(
        list(df.columns),
        ("year", "material", "exporter_iso2", "importer_iso2", "value_usd"),
        file=p,
    )
    codes = pd.read_csv(cw, dtype={"title_code": str}).set_index("material")["title_code"]
    mapping = {m: str(c).zfill(6) for m, c in codes.items()}
    mapping.update({m: "811292" for m in SHARED_811292})
    material = df["material"].astype(str)
    unknown = sorted(set(material) - set(mapping))
    if unknown:
        pos = int(np.flatnonzero(material.to_numpy() == unknown[0])[0])
        raise InputError(
            f"material {unknown[0]!r} not in the crosswalk", file=p, label=f"row {pos + 1}"
        )
    df = df.assign(product=material.map(mapping))
    df = df.drop_duplicates(["year", "product", "exporter_iso2", "importer_iso2"])
    value = df["value_usd"].to_numpy(dtype=float)
    check_nonnegative(value, column="value_usd", file=p)

    def iso3(col: str) -> np.ndarray:
        raw = df[col].astype(str).to_numpy()
        fixed = np.array([_EXTRA_ISO2.get(c, "") for c in raw], dtype=object)
        need = fixed == ""
        if need.any():
            fixed[need] = iso2_to_iso3(raw[need], file=p)
        return fixed

    out = finish_frame(
        {
            "year": df["year"].to_numpy(),
            "exporter": iso3("exporter_iso2"),
            "importer": iso3("importer_iso2"),
            "product": df["product"].to_numpy(),
            "value": value,
            "qty": np.full(len(df), np.nan),
        },
        source="baci_topflows",
        hs_vintage="HS17",
        value_unit="USD",
        qty_unit=None,
        valuation="FOB",
        files=[p, cw],
    )
    out.attrs["truncated"] = True
    return out
