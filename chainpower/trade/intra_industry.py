"""Grubel–Lloyd intra-industry trade, at product level and at MRIO-sector level.

Source: H. G. Grubel and P. J. Lloyd (1975), *Intra-Industry Trade*, Macmillan, ch. 2:
for one product (or industry) ``k`` with exports ``X_k`` and imports ``M_k`` of a country to and
from a partner,

    GL_k = 1 − |X_k − M_k| / (X_k + M_k)            (eq. 2.2)        0 = one-way, 1 = balanced

Over a group of products there are two conventions (both offered, ``aggregation=``):

* ``"products"`` (default): the trade-weighted mean of the product indices,
  ``GL = 1 − Σ_k |X_k − M_k| / Σ_k (X_k + M_k)`` (Grubel & Lloyd 1975, eq. 2.7), so imbalances
  of different products do not cancel;
* ``"totals"``: the index of the group's totals, ``1 − |ΣX − ΣM| / Σ(X + M)``, which treats the
  whole group as one industry (the reading of paper 001's formula at the "machinery" level).

Where ``X + M = 0`` the index is undefined: the row keeps ``gl`` NaN with ``status = "no
trade"``, never a silent number.

At MRIO-sector level (:func:`sector_grubel_lloyd`) exports of sector ``i`` from ``s`` to ``r``
are gross bilateral exports ``E_sr,i = Σ_j Z[(s,i),(r,j)] + Σ_f Y[(s,i),(r,f)]`` (intermediate
plus final; Miller & Blair 2009, eq. 3.1 layout), with shapes ``Z (n, n)``, ``Yc (n, G)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from chainpower.errors import InputError
from chainpower.mrio.table import MRIOTable

__all__ = [
    "HS_TECH_GROUPS",
    "WIOD_TECH_SECTORS",
    "gl_index",
    "grubel_lloyd",
    "sector_grubel_lloyd",
]

Aggregation = Literal["products", "totals"]
#: Paper 001's technology groups by HS chapter: machinery (HS 84), electrical equipment (HS 85).
HS_TECH_GROUPS: dict[str, str] = {"84": "machinery", "85": "electrical"}
#: The same groups in the WIOD 2013 / ADB 35-sector classification (ISIC Rev. 3): c13 = machinery
#: n.e.c. (ISIC 29), c14 = electrical and optical equipment (ISIC 30–33).
WIOD_TECH_SECTORS: dict[str, str] = {"c13": "machinery", "c14": "electrical"}


def gl_index(exports: ArrayLike, imports: ArrayLike) -> NDArray[np.float64]:
    """``1 − |X − M| / (X + M)`` elementwise (Grubel & Lloyd 1975, eq. 2.2); NaN where
    ``X + M = 0``. Negative values are an error."""
    X = np.asarray(exports, dtype=np.float64)
    M = np.asarray(imports, dtype=np.float64)
    if (X < 0).any() or (M < 0).any():
        raise InputError("trade values must be ≥ 0 for a Grubel–Lloyd index")
    tot = X + M
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, 1.0 - np.abs(X - M) / np.where(tot > 0, tot, 1.0), np.nan)


def _aggregate(df: pd.DataFrame, keys: list[str], aggregation: Aggregation) -> pd.DataFrame:
    if aggregation not in ("products", "totals"):
        raise InputError(f"unknown aggregation {aggregation!r}; use 'products' or 'totals'")
    df = df.assign(absdiff=(df["exports"] - df["imports"]).abs())
    g = df.groupby(keys, sort=True, observed=True).agg(
        exports=("exports", "sum"), imports=("imports", "sum"), absdiff=("absdiff", "sum"),
        n_products=("exports", "size"))
    tot = g["exports"] + g["imports"]
    num = g["absdiff"] if aggregation == "products" else (g["exports"] - g["imports"]).abs()
    with np.errstate(invalid="ignore", divide="ignore"):
        g["gl"] = np.where(tot > 0, 1.0 - num / tot.where(tot > 0, 1.0), np.nan)
    g["status"] = np.where(tot > 0, "ok", "no trade")
    return g.drop(columns="absdiff").reset_index()


def grubel_lloyd(
    trade: pd.DataFrame,
    country: str,
    partner: str,
    *,
    groups: Mapping[str, str] | Callable[[str], str | None] | None = None,
    aggregation: Aggregation = "products",
    exporter: str = "exporter",
    importer: str = "importer",
    product: str = "product",
    value: str = "value",
    year: str = "year",
) -> pd.DataFrame:
    """Grubel–Lloyd index of ``country`` with ``partner`` from a product-level trade frame.

    ``trade`` has one row per flow (columns named by the keyword arguments; any HS level).
    Exports are flows ``country → partner``, imports ``partner → country`` (both as reported in
    the frame). ``groups`` maps a product code's leading digits to a group (a dict such as
    :data:`HS_TECH_GROUPS`: the longest matching prefix wins; or a function returning the
    group or ``None`` to leave the product out); without it each product is its own group.
    Returns ``year, group, exports, imports, n_products, gl, status``.
    """
    need = [exporter, importer, product, value, year]
    missing = [c for c in need if c not in trade.columns]
    if missing:
        raise InputError(f"trade frame lacks column(s) {missing}; has {list(trade.columns)}")
    t = trade[need]
    ex = t[(t[exporter] == country) & (t[importer] == partner)]
    im = t[(t[exporter] == partner) & (t[importer] == country)]
    if ex.empty and im.empty:
        raise InputError(f"no trade between {country} and {partner} in the frame")
    key = [year, product]
    both = pd.merge(
        ex.groupby(key, observed=True)[value].sum().rename("exports"),
        im.groupby(key, observed=True)[value].sum().rename("imports"),
        left_index=True, right_index=True, how="outer",
    ).fillna(0.0).reset_index()  # a product traded one way only has 0 the other way
    codes = both[product].astype(str)
    if groups is None:
        both["group"] = codes
    elif callable(groups):
        both["group"] = [groups(c) for c in codes]
    else:
        prefixes = sorted(groups, key=len, reverse=True)
        both["group"] = [next((groups[p] for p in prefixes if c.startswith(p)), None)
                         for c in codes]
    both = both[both["group"].notna()].rename(columns={year: "year"})
    if both.empty:
        raise InputError("no product of the frame falls into the given groups")
    return _aggregate(both, ["year", "group"], aggregation)


def sector_grubel_lloyd(
    table: MRIOTable,
    country: str,
    partner: str,
    *,
    groups: Mapping[str, str] | None = None,
    sectors: Sequence[str] | None = None,
    aggregation: Aggregation = "products",
) -> pd.DataFrame:
    """Grubel–Lloyd index of ``country`` with ``partner`` per MRIO sector (or group of
    sectors, ``groups`` sector → group, e.g. :data:`WIOD_TECH_SECTORS`) from gross bilateral
    exports (module docstring). Columns ``year, country, partner, group, exports, imports,
    n_products, gl, status`` (``n_products`` counts sectors)."""
    for c in (country, partner):
        if c not in table.countries:
            raise InputError(f"economy {c!r} not in the table", label=table.source)
    G, N = table.G, table.N
    s, r = table.countries.index(country), table.countries.index(partner)
    Zb = np.asarray(table.Z).reshape(G, N, G, N)
    Yb = np.asarray(table.Yc).reshape(G, N, G)
    exports = Zb[s, :, r, :].sum(axis=1) + Yb[s, :, r]
    imports = Zb[r, :, s, :].sum(axis=1) + Yb[r, :, s]
    df = pd.DataFrame({"sector": table.sectors, "exports": exports, "imports": imports})
    if groups is not None:
        unknown = [k for k in groups if k not in table.sectors]
        if unknown:
            raise InputError(f"sectors not in the table: {unknown}", label=table.source)
        df["group"] = df["sector"].map(dict(groups))
        df = df[df["group"].notna()]
    else:
        df["group"] = df["sector"]
        if sectors is not None:
            df = df[df["sector"].isin(list(sectors))]
    df["year"] = table.year if table.year is not None else -1
    out = _aggregate(df, ["year", "group"], aggregation)
    out.insert(1, "country", country)
    out.insert(2, "partner", partner)
    return out
