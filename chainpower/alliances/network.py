"""Country × alliance networks with networkx.

* bipartite graph ``B`` (as of a date): country nodes (``kind="country"``) and alliance nodes
  (``kind="alliance"``), an edge for each membership (organisations resolved to states);
* co-membership graph ``G``: the weighted one-mode projection on countries, where the weight of
  edge (i, j) is the number of alliances both belong to. With the 0/1 incidence matrix ``B``
  (countries × alliances, shape n × m), ``W = B Bᵀ`` (n × n) and ``w_ij = W_ij`` for i ≠ j.

Centralities of the co-membership graph: degree (number of partners), strength (Σ_j w_ij),
betweenness (shortest paths with distance 1/w) and eigenvector centrality of ``W``.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd

from chainpower.alliances.load import KnowledgeBase, load_knowledge_base
from chainpower.alliances.membership import membership_table

__all__ = ["bipartite_graph", "centrality", "comembership_graph"]


def bipartite_graph(
    as_of: str | dt.date = "2024-06-30", kb: KnowledgeBase | None = None, *, expand: bool = True
) -> nx.Graph:
    """Country–alliance bipartite graph on ``as_of`` (node attribute ``kind``)."""
    kb = kb or load_knowledge_base()
    table = membership_table(as_of, kb, expand=expand)
    g = nx.Graph()
    for a in sorted(set(table["alliance"])):
        g.add_node(a, kind="alliance", bipartite=1, label=kb.alliances[a].abbreviation)
    for c in sorted(set(table["country"])):
        g.add_node(c, kind="country", bipartite=0, label=c)
    g.add_edges_from(zip(table["country"], table["alliance"], strict=True))
    return g


def comembership_graph(
    as_of: str | dt.date = "2024-06-30", kb: KnowledgeBase | None = None, *, expand: bool = True
) -> nx.Graph:
    """Weighted co-membership graph of countries (weight = shared alliances)."""
    b = bipartite_graph(as_of, kb, expand=expand)
    countries = [n for n, d in b.nodes(data=True) if d["kind"] == "country"]
    g: nx.Graph = nx.bipartite.weighted_projected_graph(b, countries)
    for _, _, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    return g


def centrality(
    as_of: str | dt.date = "2024-06-30", kb: KnowledgeBase | None = None, *, expand: bool = True
) -> pd.DataFrame:
    """Per country: alliances, degree, strength, betweenness, eigenvector centrality."""
    b = bipartite_graph(as_of, kb, expand=expand)
    g = comembership_graph(as_of, kb, expand=expand)
    between = nx.betweenness_centrality(g, weight="distance", normalized=True)
    eig = nx.eigenvector_centrality_numpy(g, weight="weight") if g.number_of_edges() else {}
    rows = [
        {
            "country": c,
            "alliances": b.degree(c),
            "degree": g.degree(c),
            "strength": float(g.degree(c, weight="weight")),
            "betweenness": float(between.get(c, 0.0)),
            "eigenvector": float(abs(eig.get(c, 0.0))),
        }
        for c in g.nodes
    ]
    df = pd.DataFrame(
        rows, columns=["country", "alliances", "degree", "strength", "betweenness", "eigenvector"]
    )
    return df.sort_values(["strength", "country"], ascending=[False, True]).reset_index(drop=True)
