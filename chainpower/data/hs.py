"""Harmonized System vintages and HS → ISIC / BEC / MRIO-sector concordances.

Source: the R package *concordance* 2.1.0 (Kim, Liao & Imai; MIT licence), converted to Parquet
under ``$CHAINPOWER_DATA/trade/concordance_insongkim/`` (see its PROVENANCE.md). Vintages are
named as CEPII BACI names them:

=========  =====  ====================  =========  =====  ====================
BACI name  year   concordance prefix    BACI name  year   concordance prefix
=========  =====  ====================  =========  =====  ====================
HS92       1992   ``hs0``               HS12       2012   ``hs4``
HS96       1996   ``hs1``               HS17       2017   ``hs5``
HS02       2002   ``hs2``               HS22       2022   ``hs6``
HS07       2007   ``hs3``
=========  =====  ====================  =========  =====  ====================

Between vintages a code can be *merged* (HS22 811231 hafnium and 811241 rhenium were both in
HS17 811292) or *split* (HS17 854140 → HS22 854141–854149). :func:`convert_products` maps a
flow frame to another vintage and sums merged codes; a split has no exact answer, so mapping
onto the vintage where a code splits raises :class:`~chainpower.errors.InputError` naming it.

MRIO sectors: HS6 → ISIC Rev.3 class (one per code in ``hs5_isic3``) → division → WIOD 35-sector
code (:data:`ISIC3_DIVISION_TO_WIOD`), e.g. chips HS 8541/8542 → ISIC 3210 → division 32 →
``c14`` electrical and optical equipment.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from chainpower.data.paths import data_path
from chainpower.errors import InputError

__all__ = [
    "HS_VINTAGES",
    "ISIC3_DIVISION_TO_WIOD",
    "convert_products",
    "hs_codes",
    "hs_mapping",
    "hs_to_bec",
    "hs_to_isic3",
    "hs_to_sector",
    "vintage_of_year",
]

#: BACI vintage name → (first year of use, concordance-file prefix).
HS_VINTAGES: dict[str, tuple[int, str]] = {
    "HS92": (1992, "hs0"),
    "HS96": (1996, "hs1"),
    "HS02": (2002, "hs2"),
    "HS07": (2007, "hs3"),
    "HS12": (2012, "hs4"),
    "HS17": (2017, "hs5"),
    "HS22": (2022, "hs6"),
}
_FOLDER = ("trade", "concordance_insongkim")

#: ISIC Rev.3 division (2 digits) → WIOD 2013 sector code (goods sectors c1–c17).
ISIC3_DIVISION_TO_WIOD: dict[str, str] = {
    **{d: "c1" for d in ("01", "02", "05")},
    **{d: "c2" for d in ("10", "11", "12", "13", "14")},
    **{d: "c3" for d in ("15", "16")},
    **{d: "c4" for d in ("17", "18")},
    "19": "c5",
    "20": "c6",
    **{d: "c7" for d in ("21", "22")},
    "23": "c8",
    "24": "c9",
    "25": "c10",
    "26": "c11",
    **{d: "c12" for d in ("27", "28")},
    "29": "c13",
    **{d: "c14" for d in ("30", "31", "32", "33")},
    **{d: "c15" for d in ("34", "35")},
    **{d: "c16" for d in ("36", "37")},
    **{d: "c17" for d in ("40", "41")},
}


def _vintage(name: str) -> str:
    key = str(name).upper().replace(" ", "")
    if key.startswith("HS") and len(key) == 6 and key[2:].isdigit():  # HS2017 → HS17
        key = "HS" + key[4:]
    if key not in HS_VINTAGES:
        raise InputError(f"unknown HS vintage; use one of {', '.join(HS_VINTAGES)}", label=name)
    return key


def vintage_of_year(year: int) -> str:
    """The HS vintage in force in ``year`` (the latest whose first year ≤ ``year``)."""
    best = None
    for name, (first, _p) in HS_VINTAGES.items():
        if first <= year:
            best = name
    if best is None:
        raise InputError("no HS vintage before 1992", label=str(year))
    return best


def _read(name: str) -> pd.DataFrame:
    return pd.read_parquet(data_path(*_FOLDER, f"{name}.parquet"))


@lru_cache(maxsize=8)
def hs_codes(vintage: str) -> frozenset[str]:
    """The six-digit codes of one HS vintage (HS17: 5,388 codes)."""
    prefix = HS_VINTAGES[_vintage(vintage)][1]
    desc = _read(f"{prefix}_desc")
    codes = desc["code"].astype(str)
    return frozenset(codes[codes.str.fullmatch(r"\d{6}")])


_PAIRS = {("HS22", "HS17"): "hs6_hs5", ("HS17", "HS12"): "hs5_hs4", ("HS22", "HS12"): "hs6_hs4"}


@lru_cache(maxsize=8)
def hs_mapping(from_vintage: str, to_vintage: str) -> pd.DataFrame:
    """Six-digit correspondence ``(from_code, to_code)`` between two vintages.

    Stored pairs: HS22→HS17, HS17→HS12, HS22→HS12, and their inverses.
    """
    a, b = _vintage(from_vintage), _vintage(to_vintage)
    if a == b:
        codes = sorted(hs_codes(a))
        return pd.DataFrame({"from_code": codes, "to_code": codes})
    name, inverse = _PAIRS.get((a, b)), False
    if name is None:
        name, inverse = _PAIRS.get((b, a)), True
    if name is None:
        raise InputError(f"no stored concordance between {a} and {b}", label=f"{a}->{b}")
    df = _read(name)
    new, old = f"{name[:3].upper()}_6d", f"{name[4:].upper()}_6d"
    src, dst = (old, new) if inverse else (new, old)
    return pd.DataFrame({"from_code": df[src].astype(str), "to_code": df[dst].astype(str)})


def convert_products(frame: pd.DataFrame, from_vintage: str, to_vintage: str) -> pd.DataFrame:
    """Re-code a flow frame's ``product`` column to another HS vintage, summing merged codes.

    Raises :class:`InputError` naming the first code that splits (one code → several) or that
    the concordance does not know.
    """
    mapping = hs_mapping(from_vintage, to_vintage)
    counts = mapping.groupby("from_code")["to_code"].nunique()
    present = pd.Index(frame["product"].astype(str).unique())
    unknown = present[~present.isin(counts.index)]
    if len(unknown):
        raise InputError(
            f"HS code not in the {from_vintage}→{to_vintage} concordance", label=str(unknown[0])
        )
    split = counts[counts.index.isin(present) & (counts > 1)]
    if len(split):
        code = str(split.index[0])
        targets = sorted(mapping.loc[mapping.from_code == code, "to_code"])
        raise InputError(
            f"HS code splits into {targets} in {to_vintage}; no exact conversion "
            f"(convert towards the vintage where codes merge instead)",
            label=code,
        )
    one = mapping.drop_duplicates("from_code").set_index("from_code")["to_code"]
    out = frame.copy()
    out["product"] = out["product"].astype(str).map(one)
    keys = [c for c in ("year", "exporter", "importer", "product") if c in out.columns]
    agg = {c: "sum" for c in ("value", "qty") if c in out.columns}
    out = out.groupby(keys, observed=True, as_index=False).agg(agg)
    if "qty" in agg:  # a sum of all-missing quantities stays missing
        q = frame.assign(product=frame["product"].astype(str).map(one))
        has = q.groupby(keys, observed=True)["qty"].count().to_numpy()
        out.loc[has == 0, "qty"] = np.nan
    out.attrs = {**frame.attrs, "hs_vintage": _vintage(to_vintage)}
    return out


def hs_to_isic3(codes: Iterable[str], vintage: str = "HS17") -> pd.Series:
    """ISIC Rev.3 class (4 digits) of each six-digit code (one per code; unknown → error)."""
    v = _vintage(vintage)
    if v not in ("HS12", "HS17", "HS22"):
        raise InputError("HS→ISIC3 is stored for HS12, HS17 and HS22", label=v)
    prefix = HS_VINTAGES[v][1]
    df = _read(f"{prefix}_isic3").drop_duplicates(f"{prefix.upper()}_6d")
    table = df.set_index(f"{prefix.upper()}_6d")["ISIC3_4d"].astype(str)
    idx = pd.Index([str(c) for c in codes])
    missing = idx[~idx.isin(table.index)]
    if len(missing):
        raise InputError(f"unknown {v} code (not in the HS→ISIC3 table)", label=str(missing[0]))
    out = pd.Series(table.reindex(idx).to_numpy(), index=idx, name="isic3")
    none = out.index[out.isna() | (out == "nan")]
    if len(none):
        raise InputError(
            f"{v} code has no ISIC3 class (e.g. 999999, not specified)", label=str(none[0])
        )
    return out


def hs_to_sector(codes: Iterable[str], vintage: str = "HS17") -> pd.Series:
    """WIOD 2013 sector code (``c1``–``c17``) of each six-digit code, via ISIC Rev.3."""
    isic = hs_to_isic3(codes, vintage)
    div = isic.str[:2]
    out = div.map(ISIC3_DIVISION_TO_WIOD)
    if out.isna().any():
        code = str(out.index[out.isna()][0])
        raise InputError(f"ISIC3 division {div[code]!r} has no WIOD goods sector", label=code)
    return out.rename("sector")


def hs_to_bec(codes: Iterable[str], vintage: str = "HS17") -> pd.DataFrame:
    """BEC Rev.4 categories of each code (many-to-many): columns ``product, bec4``."""
    v = _vintage(vintage)
    prefix = HS_VINTAGES[v][1]
    df = _read(f"{prefix}_bec4")
    col = f"{prefix.upper()}_6d"
    wanted = pd.Index([str(c) for c in codes])
    sel = df[df[col].isin(wanted)]
    missing = wanted[~wanted.isin(sel[col])]
    if len(missing):
        raise InputError(f"unknown {v} code (not in the HS→BEC4 table)", label=str(missing[0]))
    return pd.DataFrame({"product": sel[col].astype(str), "bec4": sel["BEC4_3d"].astype(str)})
