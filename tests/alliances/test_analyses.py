"""Membership, exposure panel (acceptance 4), networks, the pattern test and figures."""

from __future__ import annotations

import datetime as dt
from math import comb
from pathlib import Path

import numpy as np
import pytest

from chainpower.alliances import (
    PAPER_000_ECONOMIES,
    PartialDate,
    bipartite_graph,
    comembership_graph,
    exposure_panel,
    exposure_tidy,
    load_knowledge_base,
    members_as_of,
    membership_table,
    pattern_tests,
)
from chainpower.alliances.dates import parse_partial_date
from chainpower.alliances.patterns import alliance_features
from chainpower.data.store.schema import TIDY_COLUMNS


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


@pytest.fixture(scope="module")
def panel(kb):
    return exposure_panel(PAPER_000_ECONOMIES, range(2018, 2023), kb)


def test_partial_dates() -> None:
    d = parse_partial_date("2024-02")
    assert (d.earliest, d.latest) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    by = parse_partial_date("by 2024-06")
    assert by.by and str(by) == "by 2024-06" and by.latest == dt.date(2024, 6, 30)
    assert parse_partial_date(2005).latest == dt.date(2005, 12, 31)
    assert parse_partial_date(dt.date(2020, 7, 1)) == PartialDate(2020, 7, 1)
    with pytest.raises(ValueError):
        parse_partial_date("2023-02-30")


def test_eu_membership_resolved_with_dates(kb) -> None:
    ttc = kb.alliances["ttc"]
    members = members_as_of(ttc, "2022-01-01", kb)
    assert len(members) == 28 and {"USA", "DEU", "FRA", "HRV"} <= members  # US + EU27
    assert "GBR" not in members  # left the EU 2020-01-31
    eu_2020_01_31 = {m.code for m in kb.organisations["EU"] if m.active(dt.date(2020, 1, 31))}
    eu_2020_02_01 = {m.code for m in kb.organisations["EU"] if m.active(dt.date(2020, 2, 1))}
    assert eu_2020_01_31 - eu_2020_02_01 == {"GBR"} and len(eu_2020_02_01) == 27
    assert members_as_of(ttc, "2021-05-31", kb) == set()  # before founding
    # MSP: India joins 2023-06-22
    msp = kb.alliances["msp"]
    assert "IND" not in members_as_of(msp, "2023-06-21", kb)
    assert "IND" in members_as_of(msp, "2023-06-22", kb)
    # PGII lists DEU directly and via the EU: counted once
    t = membership_table("2024-06-30", kb)
    assert len(t[(t.alliance == "pgii") & (t.country == "DEU")]) == 1
    assert t[(t.alliance == "pgii") & (t.country == "DEU")]["via"].item() == ""


# Hand count from paper 002 table 1 (founding dates; USMCA from 2020-07-01, NALS from 2005,
# IPEF from its 2022-05 launch; MSP's India from 2023-06) — number of alliances per year.
HAND_N = {
    "USA": [1, 1, 2, 6, 12],
    "CAN": [1, 1, 2, 2, 5],
    "MEX": [1, 1, 2, 2, 3],
    "JPN": [0, 0, 0, 3, 6],
    "AUS": [0, 0, 0, 1, 3],
    "IND": [0, 0, 0, 1, 3],
    "KOR": [0, 0, 0, 0, 3],
    "DEU": [0, 0, 0, 1, 3],
    "FRA": [0, 0, 0, 1, 3],
    "GBR": [0, 0, 0, 0, 2],
    "PHL": [0, 0, 0, 0, 1],
    "VNM": [0, 0, 0, 0, 1],
    "SGP": [0, 0, 0, 0, 1],
    "CHN": [0] * 5,
    "RUS": [0] * 5,
}


def test_exposure_panel_counts_by_hand(panel) -> None:
    assert len(panel) == 15 * 5
    wide = panel.pivot(index="country", columns="year", values="n_alliances")
    for c, values in HAND_N.items():
        assert list(wide.loc[c]) == values, c


def test_exposure_changes_when_ipef_starts(panel) -> None:
    p = panel.set_index(["country", "year"])
    for c in ("PHL", "VNM", "SGP"):
        assert p.loc[(c, 2021), "n_alliances"] == 0
        assert p.loc[(c, 2022), "alliances"] == "ipef"
    # the cells add up; the index follows its formula Σ (1 + action + high)
    assert (panel.n_action + panel.n_consultative == panel.n_alliances).all()
    assert (panel.n_high + panel.n_low == panel.n_alliances).all()
    assert (
        panel.n_action_high
        + panel.n_action_low
        + panel.n_consultative_high
        + panel.n_consultative_low
        == panel.n_alliances
    ).all()
    assert np.allclose(panel.exposure_index, panel.n_alliances + panel.n_action + panel.n_high)


def test_exposure_types_as_of_year_end(panel) -> None:
    p = panel.set_index(["country", "year"])
    # JPN 2022: QUAD (action: standards 2021-09; high: working groups 2021-03), CoRe and JUCIP
    # (action: export control 2022-12; low: their bodies are only known by 2024-06), PGII
    # (consultative, low), MSP (action: standards 2022-06; low), IPEF (nothing before 2023-05)
    row = p.loc[("JPN", 2022)]
    assert (row.n_action, row.n_high, row.exposure_index) == (4, 1, 3 + 2 + 2 + 1 + 2 + 1)
    # KOR 2022: SCCD action/high (2022-05, 2022-11), MSP action/low, IPEF consultative/low
    row = p.loc[("KOR", 2022)]
    assert (row.n_action_high, row.n_action_low, row.n_consultative_low) == (1, 1, 1)


def test_exposure_tidy_schema(panel) -> None:
    tidy = exposure_tidy(panel)
    assert tuple(tidy.columns) == TIDY_COLUMNS
    assert len(tidy) == len(panel) * 10
    v = tidy[
        (tidy.country == "USA") & (tidy.year == 2022) & (tidy.indicator == "alliance_n_alliances")
    ]["value"].item()
    assert v == 12.0


def test_comembership_equals_incidence_product(kb) -> None:
    b = bipartite_graph("2024-06-30", kb)
    g = comembership_graph("2024-06-30", kb)
    countries = sorted(n for n, d in b.nodes(data=True) if d["kind"] == "country")
    alliances = sorted(n for n, d in b.nodes(data=True) if d["kind"] == "alliance")
    inc = np.array([[1.0 if b.has_edge(c, a) else 0.0 for a in alliances] for c in countries])
    w = inc @ inc.T  # independent: W = B Bᵀ
    for i, ci in enumerate(countries):
        for j in range(i + 1, len(countries)):
            cj = countries[j]
            expect = w[i, j]
            got = g[ci][cj]["weight"] if g.has_edge(ci, cj) else 0.0
            assert got == expect
    # by hand: USA and JPN share QUAD, CoRe, JUCIP, PGII, MSP, CHIP 4, US-JP-NL, IPEF, US-JP-ROK
    assert g["USA"]["JPN"]["weight"] == 9
    assert b.degree("USA") == 16


def _fisher_two_sided(a: int, b: int, c: int, d: int) -> float:
    """Independent two-sided Fisher p: sum of hypergeometric probabilities ≤ the observed."""
    a, b, c, d = int(a), int(b), int(c), int(d)
    r1, c1, n = a + b, a + c, a + b + c + d

    def prob(x: int) -> float:
        return comb(c1, x) * comb(n - c1, r1 - x) / comb(n, r1)

    p_obs = prob(a)
    lo, hi = max(0, r1 - (n - c1)), min(r1, c1)
    return sum(prob(x) for x in range(lo, hi + 1) if prob(x) <= p_obs * (1 + 1e-7))


def test_pattern_crosstab_and_exact_test(kb) -> None:
    res = pattern_tests("2024-06-30", kb).set_index(["feature", "outcome"])
    row = res.loc[("asia_pacific", "action")]
    # Asia-Pacific: QUAD CoRe JUCIP SCCD IPEF US-JP-ROK action, CHIP 4 not;
    # elsewhere action: TTC MSP US-JP-NL; not: iCET NALS USMCA PGII APEP PAC
    assert (row.a, row.b, row.c, row.d) == (6, 1, 3, 6)
    assert row.odds_ratio == pytest.approx(6 * 6 / (1 * 3))
    for (_, _), r in res.iterrows():
        assert r.p_value == pytest.approx(_fisher_two_sided(r.a, r.b, r.c, r.d), rel=1e-9)
        assert r.n == 16
    assert row.p_value == pytest.approx(0.0601398, abs=1e-6)


def test_pattern_with_paper_labels(kb) -> None:
    """With the paper's own label for iCET (action) the Asia-Pacific table is [[6,1],[4,5]]."""
    feats = alliance_features("2024-06-30", kb)
    feats.loc[feats.id == "icet", "action"] = True
    feats["action_high"] = feats["action"] & feats["high"]
    r = (
        pattern_tests(features=feats)
        .set_index(["feature", "outcome"])
        .loc[("asia_pacific", "action")]
    )
    assert (r.a, r.b, r.c, r.d) == (6, 1, 4, 5)
    assert r.p_value == pytest.approx(_fisher_two_sided(6, 1, 4, 5))


def test_figures_written(tmp_path: Path, kb) -> None:
    from chainpower.alliances.figures import plot_all

    paths = plot_all(tmp_path, "2024-06-30", kb)
    assert [p.name for p in paths] == [
        "alliances_typology.png",
        "alliances_bipartite.png",
        "alliances_timeline.png",
        "instruments_heatmap.png",
    ]
    for p in paths:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert p.stat().st_size > 15_000, p
