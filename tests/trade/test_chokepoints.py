"""Betweenness, single points of failure and export-side dependence on hand-built networks."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from chainpower.trade.chokepoints import betweenness, export_dependence, single_points_of_failure
from chainpower.trade.flows import TradeFlows


def _flows(rows: list[tuple[str, str, str, float]]) -> TradeFlows:
    df = pd.DataFrame(rows, columns=["exporter", "importer", "product", "value"]).assign(year=2024)
    return TradeFlows.from_frame(df)


ROWS = [
    # product M: CHN ships 95 of DEU's 100 (USA 5); FRA buys 50/50 from CHN and AUS
    ("CHN", "DEU", "M", 95.0),
    ("USA", "DEU", "M", 5.0),
    ("CHN", "FRA", "M", 50.0),
    ("AUS", "FRA", "M", 50.0),
    ("CHN", "JPN", "M", 100.0),  # JPN: a single supplier
    ("DEU", "POL", "M", 10.0),  # DEU re-exports a little
]


def test_single_points_of_failure_by_hand() -> None:
    spof = single_points_of_failure(_flows(ROWS), year=2024, alternative_share=0.1)
    s = spof.set_index("importer")
    assert set(s.index) == {"DEU", "JPN", "POL"}  # FRA has AUS at 50 %
    assert s.loc["DEU", "supplier"] == "CHN" and s.loc["DEU", "share"] == pytest.approx(0.95)
    assert s.loc["DEU", "best_alternative"] == "USA" and s.loc[
        "DEU", "alternative_share"
    ] == pytest.approx(0.05)
    # world exports of M 310; less CHN's 245 and DEU's own 10 → 55 per 95 lost
    assert s.loc["DEU", "replacement_ratio"] == pytest.approx(55 / 95)
    assert s.loc["JPN", "best_alternative"] == "" and s.loc["JPN", "alternative_share"] == 0.0
    assert s.loc["JPN", "replacement_ratio"] == pytest.approx((310 - 245) / 100)


def test_betweenness_matches_networkx_by_hand() -> None:
    bc = betweenness(_flows(ROWS), "M", year=2024, min_share=0.0).set_index("country")[
        "betweenness"
    ]
    g = nx.DiGraph(
        [
            ("CHN", "DEU"),
            ("USA", "DEU"),
            ("CHN", "FRA"),
            ("AUS", "FRA"),
            ("CHN", "JPN"),
            ("DEU", "POL"),
        ]
    )
    ref = nx.betweenness_centrality(g)
    assert bc.to_dict() == pytest.approx(ref)
    # DEU lies on CHN→POL and USA→POL; directed normalisation 1/((n−1)(n−2)) = 1/30 (n = 7)
    assert bc["DEU"] == pytest.approx(2 / 30)
    # with a share threshold of 10 % the USA→DEU edge (5 %) drops and DEU lies on CHN→POL only
    bc10 = betweenness(_flows(ROWS), "M", year=2024, min_share=0.1).set_index("country")[
        "betweenness"
    ]
    assert bc10["DEU"] == pytest.approx(1 / 30)


def test_export_dependence() -> None:
    dep = export_dependence(_flows(ROWS), "CHN", year=2024, threshold=0.9)
    d = dep.set_index("importer")
    assert d["share"].to_dict() == pytest.approx({"JPN": 1.0, "DEU": 0.95, "FRA": 0.5})
    assert d["dependent"].to_dict() == {"JPN": True, "DEU": True, "FRA": False}
