"""CRMA 65 % check and JRC criticality on hand-worked fixtures; the real-data verdicts."""

from __future__ import annotations

import pandas as pd
import pytest

from chainpower.trade.criticality import (
    import_reliance,
    jrc_criticality,
    jrc_economic_importance,
    jrc_supply_risk,
    wgi_hhi,
)
from chainpower.trade.minerals import (
    CRMA_THRESHOLD,
    STRATEGIC_RAW_MATERIALS,
    crma_check,
    stage_concentration,
)


def _shares(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["material", "stage", "iso3", "share"])
    return df.assign(year=2024, value=float("nan"), source="fixture")


def test_crma_excludes_member_states_and_handles_the_tie_at_65() -> None:
    shares = _shares(
        [
            ("x", "processing", "FRA", 0.70),  # a member state: not a third country
            ("x", "processing", "CHN", 0.20),
            ("x", "processing", "USA", 0.10),
            ("y", "extraction", "CHN", 0.65),  # exactly 65 %: "not more than 65 %" holds
            ("y", "extraction", "AUS", 0.35),
            ("z", "extraction", "COD", 0.66),
            ("z", "extraction", "ZMB", 0.34),
        ]
    )
    c = crma_check(shares).set_index("material")
    assert c.loc["x", "largest_third_country"] == "CHN" and bool(c.loc["x", "meets_benchmark"])
    assert bool(c.loc["y", "meets_benchmark"]) and c.loc["y", "margin"] == pytest.approx(0.0)
    assert not bool(c.loc["z", "meets_benchmark"]) and c.loc["z", "margin"] == pytest.approx(-0.01)
    assert CRMA_THRESHOLD == 0.65 and len(STRATEGIC_RAW_MATERIALS) == 17


def test_stage_concentration_ties_and_hhi() -> None:
    conc = stage_concentration(
        _shares([("w", "processing", "USA", 0.5), ("w", "processing", "CHN", 0.5)])
    )
    assert conc["top_country"].iloc[0] == "CHN"  # tie → alphabetical
    assert conc["hhi_listed"].iloc[0] == 0.5


def test_jrc_formulas_by_hand() -> None:
    # supply risk: HHI_WGI,GS = .8²·6 + .2²·2 = 3.92; HHI_WGI,EU = .5²·6 + .5²·2 = 2.0
    gs = wgi_hhi({"CHN": 0.8, "AUS": 0.2}, {"CHN": 6.0, "AUS": 2.0})
    eu = wgi_hhi({"CHN": 0.5, "AUS": 0.5}, {"CHN": 6.0, "AUS": 2.0})
    assert gs == pytest.approx(3.92) and eu == pytest.approx(2.0)
    ir = import_reliance(imports=90, exports=10, production=20)  # 80 / 100
    assert ir == pytest.approx(0.8)
    sr = jrc_supply_risk(gs, eu, ir, eol_rir=0.1, si_sr=0.9)
    assert sr == pytest.approx((3.92 * 0.4 + 2.0 * 0.6) * 0.9 * 0.9)
    ei = jrc_economic_importance(
        {"C24": 0.6, "C27": 0.4}, {"C24": 50.0, "C27": 100.0}, si_ei=0.95, q_max=200.0
    )
    assert ei == pytest.approx(0.95 * 10 * (30 + 40) / 200)
    table = jrc_criticality(
        {
            "x": {
                "global_shares": {"CHN": 0.8, "AUS": 0.2},
                "eu_shares": {"CHN": 0.5, "AUS": 0.5},
                "wgi": {"CHN": 6.0, "AUS": 2.0},
                "ir": ir,
                "eol_rir": 0.1,
                "si_sr": 0.9,
                "end_use": {"C24": 0.6, "C27": 0.4},
                "value_added": {"C24": 50.0, "C27": 100.0},
                "si_ei": 0.95,
                "q_max": 200.0,
            },
            "gallium": {"global_shares": {"CHN": 0.98}},
        }
    ).set_index("material")
    assert table.loc["x", "status"] == "ok" and table.loc["x", "sr"] == pytest.approx(sr)
    assert bool(table.loc["x", "critical"]) == (ei >= 2.8 and sr >= 1.0)
    assert table.loc["gallium", "status"] == "unavailable"
    assert table.loc["gallium", "reason"].startswith("missing: eu_shares, wgi, ir")


@pytest.mark.shared_data
def test_real_crma_verdicts_for_gallium_ndpr_dytb() -> None:
    from chainpower.trade.minerals import crma_from_data

    res = crma_from_data(year=2024, materials=["gallium", "nd_pr", "dy_tb"])
    c = res.check.set_index(["material", "stage", "source"])
    ga_usgs = c.loc[("gallium", "processing", "USGS MCS2024 Primary production")]
    assert ga_usgs["largest_third_country"] == "CHN" and ga_usgs["share"] == pytest.approx(
        600 / 610
    )
    assert not bool(ga_usgs["meets_benchmark"])
    imports = c.xs("comext_cn8 extra-EU imports", level="source")
    assert imports.loc[("gallium", "processing"), "largest_third_country"] == "CHN"
    assert imports.loc[("gallium", "processing"), "share"] == pytest.approx(0.6794, abs=5e-4)
    # Nd/Pr: oxides (separation) mostly from Malaysia, 42.9 % — meets; metals from China 90.8 %
    assert imports.loc[("nd_pr", "separation"), "largest_third_country"] == "MYS"
    assert imports.loc[("nd_pr", "separation"), "share"] == pytest.approx(0.429, abs=5e-4)
    assert bool(imports.loc[("nd_pr", "separation"), "meets_benchmark"])
    assert imports.loc[("nd_pr", "metal"), "largest_third_country"] == "CHN"
    assert not bool(imports.loc[("nd_pr", "metal"), "meets_benchmark"])
    # Dy/Tb: compounds from Norway 66.8 %, metals from China 69.2 % — both above 65 %
    assert imports.loc[("dy_tb", "separation"), "largest_third_country"] == "NOR"
    assert imports.loc[("dy_tb", "metal"), "share"] == pytest.approx(0.692, abs=5e-4)
    assert not imports.loc[["dy_tb"], "meets_benchmark"].any()
    # extraction (all rare earths, USGS 2023e): China 240 of 350 kt REO
    ext = res.check[(res.check["stage"] == "extraction") & (res.check["material"] == "nd_pr")]
    assert ext["share"].iloc[0] == pytest.approx(240 / 350)
    assert res.to_frame()["indicator"].isin(["crma_top_third_share", "crma_meets_benchmark"]).all()


@pytest.mark.shared_data
def test_real_bgs_stage_shares() -> None:
    from chainpower.data.minerals_files import read_stage_shares
    from chainpower.trade.minerals import world_supply_shares

    s = world_supply_shares(stage_shares=read_stage_shares())
    c = crma_check(s[s["year"] == 2024]).set_index(["material", "stage"])
    # BGS 2024 (integer percent): refined germanium and magnesium China 94 %, refined cobalt 82 %
    assert c.loc[("germanium", "processing"), ["largest_third_country", "share"]].tolist() == [
        "CHN",
        0.94,
    ]
    assert c.loc[("cobalt", "processing"), "share"] == 0.82
    assert c.loc[("cobalt", "extraction"), "largest_third_country"] == "COD"
    assert bool(c.loc[("fluorspar", "extraction"), "meets_benchmark"])  # exactly 65 %
