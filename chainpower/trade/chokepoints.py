"""Chokepoints on product trade networks: betweenness, single points of failure, and
export-side dependence (Farrell & Newman 2019, "Weaponized Interdependence", *International
Security* 44(1): 42–79, read on product-level trade).

For one product ``k`` and year ``t``, the network has a node per economy and an edge
``s → c`` with weight ``v_{s→c}`` (value). Let ``M_c = Σ_s v_{s→c}`` (importer's imports,
shape: one per importer) and ``σ_{s,c} = v_{s→c} / M_c`` (supplier shares).

- **Betweenness** (Freeman 1977; networkx's Brandes algorithm): edges with ``σ_{s,c} ≥
  min_share`` only; ``weight_as="none"`` counts hops (the default), ``"distance"`` uses
  ``1/σ_{s,c}`` as edge length, so strong ties are short (networkx issue #3921 explains why a
  strength must not be passed as a distance).
- **Single point of failure**: supplier ``s`` is one for importer ``c`` when, with ``s``
  removed, no remaining supplier has ``σ ≥ alternative_share`` (default 0.1) of ``M_c``.
  ``replacement_ratio = (W − W_s − v_{c→·}) / v_{s→c}``: the rest of the world's exports of k
  (less the importer's own) per unit lost; below 1 the world market cannot replace ``s``.
- **Export-side dependence**: for an exporter ``e``, each importer's ``σ_{e,c}``; importers with
  ``σ ≥ threshold`` depend on ``e``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from chainpower.errors import InputError
from chainpower.trade.flows import TradeFlows

__all__ = ["betweenness", "export_dependence", "single_points_of_failure", "trade_betweenness"]


def _slice(flows: TradeFlows, year: int, products: Iterable[str] | None) -> pd.DataFrame:
    f = flows.frame
    f = f[f["year"] == int(year)]
    if products is not None:
        f = f[f["product"].astype(str).str.startswith(tuple(str(p) for p in products))]
    if f.empty:
        raise InputError("no flows for this year and these products", label=str(year))
    f = f[f["value"] > 0]
    return pd.DataFrame(
        {
            "product": f["product"].astype(str).to_numpy(),
            "exporter": f["exporter"].astype(str).to_numpy(),
            "importer": f["importer"].astype(str).to_numpy(),
            "value": f["value"].to_numpy(dtype=float),
        }
    )


def _with_shares(df: pd.DataFrame) -> pd.DataFrame:
    tot = df.groupby(["product", "importer"])["value"].transform("sum")
    return df.assign(share=df["value"] / tot, importer_total=tot)


def betweenness(
    flows: TradeFlows,
    product: str,
    *,
    year: int,
    min_share: float = 0.05,
    weight_as: Literal["none", "distance"] = "none",
) -> pd.DataFrame:
    """Betweenness centrality of every economy in the network of ``product`` (normalised)."""
    import networkx as nx

    df = _with_shares(_slice(flows, year, [product]))
    df = df[df["product"] == str(product)]
    if df.empty:
        raise InputError("product not traded in this year", label=f"{product} {year}")
    if weight_as not in ("none", "distance"):
        raise InputError("weight_as must be none or distance", label=str(weight_as))
    keep = df[df["share"] >= min_share]
    g = nx.DiGraph()
    g.add_nodes_from(sorted(set(df["exporter"]) | set(df["importer"])))
    for s, c, sh in zip(keep["exporter"], keep["importer"], keep["share"], strict=True):
        g.add_edge(s, c, distance=1.0 / sh)
    bc = nx.betweenness_centrality(g, weight="distance" if weight_as == "distance" else None)
    out = pd.DataFrame({"country": list(bc), "betweenness": list(bc.values())})
    out.insert(0, "product", str(product))
    out.insert(1, "year", int(year))
    return out.sort_values(["betweenness", "country"], ascending=[False, True]).reset_index(
        drop=True
    )


def single_points_of_failure(
    flows: TradeFlows,
    *,
    year: int,
    importers: Iterable[str] | None = None,
    products: Iterable[str] | None = None,
    alternative_share: float = 0.1,
) -> pd.DataFrame:
    """Every (product, importer, supplier) where the supplier is a single point of failure.

    Columns: ``product, importer, supplier, share, best_alternative, alternative_share,
    replacement_ratio``.
    """
    df = _with_shares(_slice(flows, year, products))
    world = df.groupby(["product", "exporter"])["value"].sum()
    world_total = df.groupby("product")["value"].sum()
    if importers is not None:
        wanted = {str(c).upper() for c in importers}
        df = df[df["importer"].isin(wanted)]
    df = df.sort_values(
        ["product", "importer", "share", "exporter"], ascending=[True, True, False, True]
    )
    rank = df.groupby(["product", "importer"]).cumcount()
    first = df[rank == 0].set_index(["product", "importer"])
    second = df[rank == 1].set_index(["product", "importer"])["share"]
    second_name = df[rank == 1].set_index(["product", "importer"])["exporter"]
    alt = second.reindex(first.index).fillna(0.0)
    spof = first[alt.to_numpy() < alternative_share].copy()
    spof["best_alternative"] = second_name.reindex(spof.index).fillna("").to_numpy()
    spof["alternative_share"] = alt.reindex(spof.index).to_numpy()
    keys = list(zip(spof.index.get_level_values(0), spof["exporter"], strict=True))
    own = [
        world.get((p, c), 0.0)
        for p, c in zip(spof.index.get_level_values(0), spof.index.get_level_values(1), strict=True)
    ]
    lost = spof["value"].to_numpy()
    rest = (
        world_total.reindex(spof.index.get_level_values(0)).to_numpy()
        - np.array([world.get(k, 0.0) for k in keys])
        - np.asarray(own)
    )
    spof["replacement_ratio"] = rest / lost
    out = spof.reset_index().rename(columns={"exporter": "supplier"})
    out.insert(2, "year", int(year))
    return out[
        [
            "product",
            "importer",
            "year",
            "supplier",
            "share",
            "best_alternative",
            "alternative_share",
            "replacement_ratio",
        ]
    ].reset_index(drop=True)


def export_dependence(
    flows: TradeFlows,
    exporter: str,
    *,
    year: int,
    products: Iterable[str] | None = None,
    threshold: float = 0.5,
) -> pd.DataFrame:
    """Who depends on ``exporter``: each importer's share of its imports from it, per product
    (rows with ``share ≥ threshold`` carry ``dependent = True``), largest shares first."""
    df = _with_shares(_slice(flows, year, products))
    e = str(exporter).upper()
    sel = df[df["exporter"] == e]
    if sel.empty:
        raise InputError("exporter ships none of these products in this year", label=f"{e} {year}")
    out = sel[["product", "importer", "value", "share", "importer_total"]].copy()
    out.insert(0, "exporter", e)
    out.insert(1, "year", int(year))
    out["dependent"] = out["share"] >= threshold
    return out.sort_values(
        ["share", "product", "importer"], ascending=[False, True, True]
    ).reset_index(drop=True)


#: The top-level name (``chainpower.trade_betweenness``), distinct from network centralities.
trade_betweenness = betweenness
