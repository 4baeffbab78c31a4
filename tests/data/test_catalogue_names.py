"""The indicator catalogue: every name a writer emits is catalogued, under the one naming rule.

Each writer is run on small synthetic input (a seeded MRIO world, an ideal-point frame, the
shipped knowledge base) and the distinct ``indicator`` values of its tidy frame are looked up.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from chainpower.alignment.trust import trust, trust_indicators
from chainpower.alliances.exposure import exposure_panel, exposure_tidy
from chainpower.data.catalogue import (
    ALIASES,
    CATALOGUE,
    NAME_RULE,
    Indicator,
    axis_label,
    canonical,
    canonical_frame,
    catalogue_frame,
    lookup,
)
from chainpower.errors import InputError
from chainpower.gvc.indicators import compute_indicators, strategic_indicators
from chainpower.mrio import synthetic_table


def _gvc() -> pd.DataFrame:
    return compute_indicators(synthetic_table(3, 12, seed=2))


def _gvc_strategic() -> pd.DataFrame:
    return strategic_indicators(_gvc())


def _trust() -> pd.DataFrame:
    ideal = pd.DataFrame(
        {"iso3": ["USA", "CHN", "USA", "CHN"], "year": [2018, 2018, 2019, 2019],
         "ideal": [2.0, -1.0, 2.1, -0.9]}
    )  # fmt: skip
    return trust_indicators(trust(ideal, reference="USA"), source="own")


def _ideal_points() -> pd.DataFrame:
    import numpy as np

    from chainpower.alignment.idealpoints import IdealPointResult

    res = IdealPointResult(
        iso3=np.array(["USA", "CHN"]), session=np.array([74, 74]), ideal=np.array([2.0, -1.0]),
        se=np.array([0.1, 0.2]), level=0.9, z=1.645, beta=np.ones(1), tau=np.zeros((1, 2)),
        item_rcids=[np.array([1])], n_votes=np.array([50, 50]),
    )  # fmt: skip
    tidy = res.to_indicators()
    assert tidy["year"].tolist() == [2019, 2019, 2019, 2019]
    return tidy


def _alliances() -> pd.DataFrame:
    return exposure_tidy(exposure_panel(["USA", "JPN", "VNM"], [2021, 2023]))


def _flows(rows: list[tuple[int, str, str, str, float]]) -> object:
    from chainpower.trade.flows import TradeFlows

    cols = ["year", "exporter", "importer", "product", "value"]
    return TradeFlows.from_frame(pd.DataFrame(rows, columns=cols), source="fixture")


ROWS = [(2020, "CHN", "AAA", "P1", 80.0), (2020, "USA", "BBB", "P1", 20.0),
        (2020, "AAA", "USA", "P1", 50.0), (2021, "CHN", "AAA", "P1", 60.0),
        (2021, "JPN", "BBB", "P1", 40.0), (2021, "BBB", "JPN", "P1", 10.0),
        (2022, "CHN", "AAA", "P1", 90.0), (2022, "AAA", "JPN", "P1", 5.0)]  # fmt: skip


def _screens() -> pd.DataFrame:
    from chainpower.trade.screens import screen_dependencies

    return pd.concat(
        [screen_dependencies(_flows(ROWS), ["AAA", "BBB"], rules=r).to_frame()
         for r in ("eu2021", "geodep")]
    )  # fmt: skip


def _friendshoring() -> pd.DataFrame:
    from chainpower.trade.friendshoring import compute_friendshoring

    return compute_friendshoring(_flows(ROWS), "AAA", ["JPN"]).to_frame()


def _networks_and_hubs() -> pd.DataFrame:
    from chainpower.trade.hubs import compute_hubs
    from chainpower.trade.networks import value_added_networks

    nets = value_added_networks([synthetic_table(3, 4, seed=1, year=y) for y in (2010, 2011)])
    return pd.concat([nets.to_frame(), compute_hubs(nets).to_frame()])


def _interdependence() -> pd.DataFrame:
    from chainpower.trade.interdependence import COMPONENTS, interdependence_index

    rows = [
        {
            "side": s,
            "partner": "BBB" if s == "AAA" else "AAA",
            "year": y,
            "component": c,
            "value": 0.1 * (k + 1) + 0.05 * (y - 2000),
        }
        for s in ("AAA", "BBB")
        for k, c in enumerate(COMPONENTS)
        for y in (2000, 2001)
    ]
    return interdependence_index(pd.DataFrame(rows)).to_frame()  # fmt: skip


def _scenarios() -> pd.DataFrame:
    from chainpower.scenarios import Scenario, ScenarioSet, run_scenarios
    from chainpower.scenarios.exposure import compute_exposure

    t = synthetic_table(3, 4, seed=1)
    sset = ScenarioSet.of([
        Scenario.extraction("cut", origin="C1", sectors=["S1"]),
        Scenario.demand_shock("dem", destination="C3", change=-0.1),
        Scenario.supply_shock("sup", origin="C1", change=0.05, kind="relative"),
    ])  # fmt: skip
    return pd.concat([run_scenarios(t, sset).to_frame(), compute_exposure(t, "C2").to_frame()])


def _adb_files() -> pd.DataFrame:
    from chainpower.data.indicator_files import ADB_INDICATORS

    return pd.DataFrame({"indicator": list(ADB_INDICATORS)})


EMITTERS: dict[str, Callable[[], pd.DataFrame]] = {
    "gvc.compute_indicators": _gvc,
    "gvc.strategic_indicators": _gvc_strategic,
    "alignment.trust_indicators": _trust,
    "alignment.IdealPointResult.to_indicators": _ideal_points,
    "alliances.exposure_tidy": _alliances,
    "trade.screens": _screens,
    "trade.friendshoring": _friendshoring,
    "trade.networks_hubs": _networks_and_hubs,
    "trade.interdependence": _interdependence,
    "scenarios": _scenarios,
    "data.indicator_files": _adb_files,
}


@pytest.mark.parametrize("emitter", list(EMITTERS))
def test_every_emitted_name_is_catalogued(emitter: str) -> None:
    names = set(EMITTERS[emitter]()["indicator"].astype(str))
    assert names, f"{emitter} emitted no rows"
    missing = sorted(n for n in names if n not in CATALOGUE)
    assert not missing, f"{emitter} emits names missing from the catalogue: {missing}"


def test_entries_follow_the_rule() -> None:
    assert len(CATALOGUE) >= 150
    for ind in CATALOGUE.values():
        assert NAME_RULE.match(ind.name) and ind.name == ind.name.lower()
        assert ind.name.startswith(ind.family + "_")
        assert ind.label and ind.definition and ind.source
        if ind.kind == "ratio":
            assert ind.unit in ("share", "stages"), ind.name
        if ind.kind in ("flag", "count"):
            assert ind.unit == "", ind.name
    with pytest.raises(InputError, match="naming rule"):
        Indicator("bm_GVC_trade", "bm", "level", "", "x", "x", "x")
    with pytest.raises(InputError, match="family"):
        Indicator("gvc_trade", "bm", "level", "", "x", "x", "x")


def test_old_names_are_aliases() -> None:
    assert canonical("bm_GVCP_trade_f") == "bm_gvcp_trade_f"
    assert canonical("kww_IV") == "kww_iv" and canonical("kww_participation") == "kww_gvcpt"
    assert canonical("vax_ratio") == "jn_vax_ratio" and canonical("va_fd") == "jn_va_fd"
    assert canonical("trust_USA") == "trust_score"
    assert canonical("ideal_distance_CHN") == "trust_ideal_distance"
    assert all(new in CATALOGUE for new in ALIASES.values())
    assert not set(ALIASES) & set(CATALOGUE)
    with pytest.raises(InputError, match="'wwyz_nonsense'"):
        canonical("wwyz_nonsense")
    old = pd.DataFrame({"indicator": ["vax", "wwyz_va", "trust_USA"], "value": [1.0, 2, 3]})
    assert canonical_frame(old)["indicator"].tolist() == ["jn_vax", "wwyz_va", "trust_score"]


def test_labels_and_frame() -> None:
    assert axis_label("wwyz_gvcpt_f") == "forward GVC participation (GVCPt_f) (share)"
    assert lookup("bm_GVCP_trade_b").label.startswith("backward trade-based")
    frame = catalogue_frame()
    assert list(frame.columns) == [
        "name", "family", "kind", "unit", "label", "definition", "source", "aliases",
    ]  # fmt: skip
    assert frame["name"].is_unique and len(frame) == len(CATALOGUE)


def test_docs_table_in_sync() -> None:
    from pathlib import Path

    from chainpower.data.catalogue import catalogue_markdown

    doc = (Path(__file__).resolve().parents[2] / "docs" / "catalogue.md").read_text()
    assert catalogue_markdown() in doc, "docs/catalogue.md is stale: paste catalogue_markdown()"


def test_decomposition_frames_are_catalogued() -> None:
    from chainpower.gvc import borin_mancini, decompose_exports

    t = synthetic_table(3, 4, seed=1)
    for res in (decompose_exports(t), borin_mancini(t)):
        for level in ("bilateral", "sector", "country_bilateral", "country"):
            names = set(res.to_frame(level)["indicator"])
            assert names and names <= set(CATALOGUE), sorted(names - set(CATALOGUE))
    e = decompose_exports(t).to_frame("country")
    assert {"wwz_dva_fin", "wwz_vax", "wwz_e"} <= set(e["indicator"])


def test_term_lists_agree_with_gvc() -> None:
    """The data layer cannot import gvc, so the catalogue keeps its own copy of the term codes."""
    from chainpower.data import _catalogue_entries as entries
    from chainpower.gvc.borin_mancini import BM_TERMS
    from chainpower.gvc.wwz import WWZ_TERMS

    assert entries._WWZ_TERMS == WWZ_TERMS and entries._BM_TERMS == BM_TERMS
