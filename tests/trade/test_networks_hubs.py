"""Edge rules, hub measures on small graphs with known answers, and the WIOD hub shift."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.errors import InputError
from chainpower.gvc.va_flows import FLOW_TYPES
from chainpower.trade.hubs import (
    DEFAULT_RULES,
    centralities,
    compute_hubs,
    hub_sensitivity,
    largest_partner_counts,
    regional_hubs,
)
from chainpower.trade.networks import EdgeRule, ValueAddedNetworks, select_edges

#: origin (row) → partner (column)
W4 = np.array([[0, 10, 1, 0.5], [2, 0, 3, 0], [8, 1, 0, 4], [0, 0, 6, 0]], dtype=float)


def edges(mask: np.ndarray) -> set[tuple[int, int]]:
    return {(int(i), int(j)) for i, j in zip(*np.nonzero(mask), strict=True)}


def test_edge_rules_by_hand() -> None:
    assert edges(select_edges(W4, EdgeRule("all"))) == edges(W4 > 0)
    assert edges(select_edges(W4, EdgeRule("threshold", min_flow=2))) == {
        (0, 1), (1, 0), (1, 2), (2, 0), (2, 3), (3, 2)}
    # each destination keeps its largest source
    assert edges(select_edges(W4, EdgeRule("largest_partner"))) == {
        (2, 0), (0, 1), (3, 2), (2, 3)}
    assert edges(select_edges(W4, EdgeRule("top_k", k=1))) == {(2, 0), (0, 1), (3, 2), (2, 3)}
    # each origin keeps its largest destination
    assert edges(select_edges(W4, EdgeRule("largest_partner", side="out"))) == {
        (0, 1), (1, 2), (2, 0), (3, 2)}
    assert edges(select_edges(W4, EdgeRule("top_k", k=2, side="out"))) == {
        (0, 1), (0, 2), (1, 2), (1, 0), (2, 0), (2, 3), (3, 2)}
    # shares of the origin's outflow: 10/11.5, 3/5, 8/13, 6/6 pass 0.5
    assert edges(select_edges(W4, EdgeRule("share", min_share=0.5, side="out"))) == {
        (0, 1), (1, 2), (2, 0), (3, 2)}
    # shares of the destination's inflow: col 2 = 1+3+6 → only 6/10 passes 0.5
    assert edges(select_edges(W4, EdgeRule("share", min_share=0.5))) == {
        (2, 0), (0, 1), (3, 2), (2, 3)}
    with pytest.raises(InputError, match="unknown edge rule"):
        EdgeRule("backbone")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="k ≥ 1"):
        EdgeRule("top_k", k=0)


def test_largest_partner_counts() -> None:
    keep = W4 > 0
    n_sup, n_abs = largest_partner_counts(W4, keep)
    # largest sources: dest0←2, dest1←0, dest2←3, dest3←2
    assert n_sup.tolist() == [1, 0, 2, 1]
    # largest destinations: 0→1, 1→2, 2→0, 3→2
    assert n_abs.tolist() == [1, 1, 2, 0]
    among = np.array([True, True, False, False])
    assert largest_partner_counts(W4, keep, among)[0].tolist() == [1, 0, 1, 0]


def star_networks() -> ValueAddedNetworks:
    """H sends 10 to each of four leaves; every leaf sends 1 to each other leaf and to H,
    except L1, which sends 2 to H (so L1 is H's largest source)."""
    names = ("HUB", "L1", "L2", "L3", "L4")
    W = np.ones((5, 5))
    W[0, 1:] = 10.0
    W[1, 0] = 2.0
    np.fill_diagonal(W, 0.0)
    mats = {(2000, k): W.copy() for k in FLOW_TYPES}
    return ValueAddedNetworks(mats, {2000: W.sum(axis=1)}, names, EdgeRule("all"))


def test_star_hub_known_answers() -> None:
    nets = star_networks()
    df = centralities(nets.graph("simple_gvc", 2000))
    assert df["n_supplied"].tolist() == [4, 1, 0, 0, 0]
    # ties count for every tied partner: H ties over 4 leaves, L2–L4 over 4 partners each,
    # L1's largest destination is H → H: 1 + 3, L1: 1 + 3, L2..L4: 1 + 2
    assert df["n_absorbed"].tolist() == [4, 4, 3, 3, 3]
    assert df.loc["HUB", "out_strength"] == 40 and df.loc["L1", "out_strength"] == 5
    for m in ("pagerank_supply", "hits_hub", "eigenvector_supply"):
        assert df[m].idxmax() == "HUB", m
        leaves = df.loc[["L2", "L3", "L4"], m].to_numpy()
        np.testing.assert_allclose(leaves, leaves[0], rtol=1e-6)  # symmetric leaves
    # the hub sends more than it receives, so it is the weakest authority / demand node
    assert df["hits_authority"].idxmin() == "HUB"
    assert df["in_strength"].idxmin() == "HUB" and df.loc["HUB", "in_strength"] == 5
    res = compute_hubs(nets)
    assert set(res.summary["supply_hub"]) == {"HUB"}
    assert res.top("n_supplied")["country"].unique().tolist() == ["HUB"]


def test_betweenness_uses_distances() -> None:
    """A→B→C carries 10 per link, A→C only 1: with length = 1/flow the strong route is the
    short one, so B lies on the only shortest A→C path: normalised betweenness 1/2."""
    W = np.array([[0, 10, 1], [0, 0, 10], [0, 0, 0]], dtype=float)
    nets = ValueAddedNetworks({(2000, k): W for k in FLOW_TYPES}, {2000: W.sum(axis=1)},
                              ("AAA", "BBB", "CCC"), EdgeRule("all"))
    df = centralities(nets.graph("traditional", 2000))
    assert df.loc["BBB", "betweenness"] == pytest.approx(0.5)
    assert df.loc["AAA", "betweenness"] == 0 and df.loc["CCC", "betweenness"] == 0
    g = nets.graph("traditional", 2000)
    assert g["AAA"]["CCC"]["distance"] == 1.0 and g["AAA"]["BBB"]["distance"] == 0.1


def test_empty_network_is_an_error() -> None:
    W = np.zeros((3, 3))
    nets = ValueAddedNetworks({(2000, k): W for k in FLOW_TYPES}, {2000: W.sum(axis=1)},
                              ("AAA", "BBB", "CCC"), EdgeRule("all"))
    with pytest.raises(InputError, match="no edges"):
        nets.hubs()


def test_sensitivity_and_frames() -> None:
    nets = star_networks()
    rules = [EdgeRule("threshold", min_flow=5.0) if r.name == "threshold" else r
             for r in DEFAULT_RULES]
    table = hub_sensitivity(nets, rules=rules, top=1)
    assert list(table.columns) == [r.label for r in rules]
    assert (table.xs("HUB", level="country") == 1).all().all()
    frame = nets.to_frame()
    assert len(frame) == 3 * 20 and set(frame["indicator"]) == {
        "wwyz_vat_rt", "wwyz_vat_gvc_s", "wwyz_vat_gvc_c"}
    thr = nets.with_rule(name="threshold", min_flow=5.0)
    assert len(thr.to_frame()) == 3 * 4 and thr.summary["share_kept"].iloc[0] == pytest.approx(
        40 / 57)
    hubs = thr.hubs().to_frame()
    assert {"hub_n_supplied_simple_gvc", "hub_betweenness_traditional"} <= set(
        hubs["indicator"])


@pytest.mark.slow
@pytest.mark.shared_data
def test_wiod_china_overtakes_japan_as_asian_supply_hub() -> None:
    """Under every edge rule that keeps each economy's largest sources (and the WDR
    threshold), Japan is Asia-Pacific's leading supply hub in 1995 and China in 2011, in all
    three networks; rules that rank the exporter's own destinations (top-3 / share 'out')
    do not show it for every type (docs/networks.md)."""
    from chainpower.mrio.io import read_wiod2013
    from chainpower.trade.networks import value_added_networks

    nets = value_added_networks([read_wiod2013(1995), read_wiod2013(2011)])
    asia = ["AUS", "CHN", "IDN", "IND", "JPN", "KOR", "TWN"]
    r = regional_hubs(nets, asia)
    lead = r[r["rank"] == 1].set_index(["rule", "year", "kind"])["country"]
    for rule in DEFAULT_RULES:
        if rule.side == "out" and rule.name in ("top_k", "share"):
            continue
        for kind in FLOW_TYPES:
            assert lead[(rule.label, 1995, kind)] == "JPN", (rule.label, kind)
            assert lead[(rule.label, 2011, kind)] == "CHN", (rule.label, kind)
    assert lead[("top-3 (out)", 2011, "traditional")] == "JPN"
    n = r.set_index(["rule", "year", "kind", "country"])["n_supplied"]
    assert n[("largest partner (in)", 1995, "simple_gvc", "JPN")] == 5
    assert n[("largest partner (in)", 2011, "simple_gvc", "CHN")] == 5
