"""A plain-pandas reference implementation of the EU 2021 screen, the peer that the engine
(:mod:`chainpower.trade.screens`) is tested and benchmarked against.

European Commission (2021), *Strategic dependencies and capacities*, SWD(2021) 352, Annex 5:
a product is dependent for group ``G`` when, over the group's imports of it,

* ``import_hhi``  = ``Σ_s (M_s / M)²`` > 0.4, with ``M_s`` the group's imports from the
  extra-group supplier ``s`` and ``M = Σ_s M_s``;
* ``extra_share`` = ``M / (M + intra-group imports)`` > 0.5;
* ``ratio``       = ``M / X`` > 1, with ``X`` the group's exports to the world (``X = 0`` → ∞).

Shapes: one row per product with extra-group imports. Written with groupbys only, independently
of the engine's rule files, so that the two can check each other.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

__all__ = ["eu2021_by_pandas"]


def eu2021_by_pandas(
    df: pd.DataFrame,
    group: Collection[str],
    *,
    exporter: str = "exporter",
    importer: str = "importer",
    product: str = "product",
    value: str = "value",
) -> pd.DataFrame:
    """The EU 2021 metrics (module docstring) of ``df``'s flows, indexed by product, with
    columns ``import_hhi``, ``extra_share``, ``ratio`` and ``dependent``."""
    members = set(group)
    into = df[df[importer].isin(members)]
    extra = into[~into[exporter].isin(members)]
    by_sup = extra.groupby([product, exporter])[value].sum()
    m = by_sup.groupby(level=0).sum()
    hhi = (by_sup**2).groupby(level=0).sum() / m**2
    share = m / into.groupby(product)[value].sum().reindex(m.index)
    x = df[df[exporter].isin(members)].groupby(product)[value].sum().reindex(m.index).fillna(0)
    ratio = np.where(x > 0, m / x.where(x > 0, 1), np.inf)
    return pd.DataFrame(
        {
            "import_hhi": hhi,
            "extra_share": share,
            "ratio": ratio,
            "dependent": (hhi > 0.4) & (share > 0.5) & (ratio > 1),
        }
    )
