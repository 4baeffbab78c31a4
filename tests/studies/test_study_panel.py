"""assemble_panel: the join, the merge report, and errors before any estimation."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from chainpower.errors import InputError
from chainpower.studies.panel import REPORT_COLUMNS, assemble_panel
from chainpower.studies.spec import StudySpec
from chainpower.studies.synthetic import synthetic_sources


@pytest.fixture(scope="module")
def spec() -> StudySpec:
    return StudySpec.default()


def test_synthetic_panel_joins_every_cell(spec: StudySpec) -> None:
    src = synthetic_sources(spec, seed=3)
    panel = assemble_panel(spec, src)
    f = panel.frame
    assert len(f) == 15 * 5 * 3 and panel.report.empty
    assert list(panel.report.columns) == list(REPORT_COLUMNS)
    # the outcome is the sum of the two indicators of the industry's sector
    raw = src.outcome
    aus = raw[(raw["country"] == "AUS") & (raw["year"] == 2019) & (raw["sector"] == "c15")]
    row = f[(f["country"] == "AUS") & (f["year"] == 2019) & (f["industry"] == "vehicles")]
    assert row["gvcpt"].iloc[0] == pytest.approx(aus["value"].sum(), rel=1e-12)
    # trust comes from the trust table, controls from the controls frame
    t = src.trust.set_index(["iso3", "year"])["trust"]
    keys = zip(f["country"], f["year"], strict=True)
    assert np.allclose(f["trust"], [t[k] for k in keys])
    assert f.loc[f["country"] == "USA", "trust"].eq(0).all()
    assert set(f["unit"]) == {f"{c}:{i}" for c in spec.economies for i in panel.industries}


def test_missing_cells_are_listed_and_left_out(spec: StudySpec) -> None:
    src = synthetic_sources(spec, seed=3)
    out = src.outcome
    drop = (out["country"] == "KOR") & (out["year"] == 2020) & (out["sector"] == "c2")
    ctl = src.controls.copy()
    ctl.loc[(ctl["country"] == "MEX") & (ctl["year"] == 2022), "ln_gov_share"] = np.nan
    trust = src.trust[~((src.trust["iso3"] == "JPN") & (src.trust["year"] == 2018))]
    src2 = dataclasses.replace(src, outcome=out[~drop], controls=ctl, trust=trust)
    panel = assemble_panel(spec, src2)
    rep = panel.report
    assert len(panel.frame) == 225 - 1 - 3 - 3
    kor = rep[(rep["country"] == "KOR") & (rep["variable"] == "gvcpt")]
    assert kor[["year", "industry", "status"]].values.tolist() == [[2020, "minerals", "missing"]]
    assert "c2/bm_gvcp_trade_b" in kor["reason"].iloc[0]
    mex = rep[rep["country"] == "MEX"]
    assert set(mex["variable"]) == {"ln_gov_share"} and len(mex) == 3
    assert "'extend'" in mex["reason"].iloc[0]
    jpn = rep[rep["country"] == "JPN"]
    assert set(jpn["variable"]) == {"trust"} and set(jpn["year"]) == {2018}
    assert not ((panel.frame["country"] == "MEX") & (panel.frame["year"] == 2022)).any()


def test_denominator_at_or_below_zero_is_undefined(spec: StudySpec) -> None:
    s2 = spec.replace(outcome={"indicators": ["kww_iv", "kww_fv"], "denominator": "kww_e"})
    src = synthetic_sources(s2, seed=4)
    out = src.outcome.copy()
    hit = (
        (out["country"] == "RUS") & (out["year"] == 2021) & (out["sector"] == "c2")
        & (out["indicator"] == "kww_e")
    )
    out.loc[hit, "value"] = -5.0
    panel = assemble_panel(s2, dataclasses.replace(src, outcome=out))
    rep = panel.report
    assert rep[["country", "year", "industry", "status"]].values.tolist() == [
        ["RUS", 2021, "minerals", "undefined"]
    ]
    assert "≤ 0" in rep["reason"].iloc[0]
    # with a denominator the outcome is Σ numerators / Σ denominator
    o = src.outcome.set_index(["country", "year", "sector", "indicator"])["value"]
    got = panel.frame.set_index(["country", "year", "industry"])["gvcpt"][("CAN", 2019, "chips")]
    want = (o[("CAN", 2019, "c14", "kww_iv")] + o[("CAN", 2019, "c14", "kww_fv")]) / o[
        ("CAN", 2019, "c14", "kww_e")
    ]
    assert got == pytest.approx(want, rel=1e-12)


def test_unknown_economy_or_year_is_an_error_before_estimation(spec: StudySpec) -> None:
    src = synthetic_sources(spec, seed=5)
    with pytest.raises(InputError, match=r"economies \['ZZZ'\]"):
        assemble_panel(spec.replace(economies=[*spec.economies, "ZZZ"]), src)
    with pytest.raises(InputError, match=r"years \[2023\] are outside"):
        assemble_panel(spec.replace(years=[2018, 2023]), src)


def test_duplicate_outcome_rows_are_refused(spec: StudySpec) -> None:
    src = synthetic_sources(spec, seed=6)
    out = pd.concat([src.outcome, src.outcome.iloc[:1]], ignore_index=True)
    with pytest.raises(InputError, match="two outcome rows"):
        assemble_panel(spec, dataclasses.replace(src, outcome=out))


@pytest.mark.shared_data
def test_real_panel_matches_its_sources(spec: StudySpec) -> None:
    from chainpower.alignment.trust import trust
    from chainpower.data.indicator_files import load_adb_indicators

    with pytest.warns(UserWarning):
        adb = load_adb_indicators(countries=list(spec.economies), years=spec.year_list,
                                  sectors=["c14", "c15", "c2"])
    panel = assemble_panel(spec)
    f = panel.frame.set_index(["country", "year", "industry"])
    a = adb[adb["indicator"].isin(["bm_gvcp_trade_f", "bm_gvcp_trade_b"])]
    a = a.groupby(["country", "year", "sector"])["value"].sum()
    for c, y, ind, code in (("VNM", 2019, "chips", "c14"), ("DEU", 2022, "vehicles", "c15"),
                            ("AUS", 2020, "minerals", "c2")):
        assert f.loc[(c, y, ind), "gvcpt"] == pytest.approx(a[(c, y, code)], rel=1e-12)
    # Singapore's mining cells are left out by the loader: listed, not silently dropped
    rep = panel.report
    sgp = rep[(rep["country"] == "SGP") & (rep["variable"] == "gvcpt")]
    assert sorted(sgp["year"]) == [2018, 2019, 2020, 2021, 2022]
    assert set(sgp["industry"]) == {"minerals"} and len(panel.frame) == 225 - 5
    t = trust("published", reference="USA", countries=list(spec.economies), years=(2018, 2022))
    t = t.set_index(["iso3", "year"])["trust"]
    assert f.loc[("CHN", 2021, "chips"), "trust"] == pytest.approx(t[("CHN", 2021)], abs=0)
    assert "note 1" in panel.provenance and "SGP/c2" in panel.provenance["note 1"]
    # the controls' own filling rules appear in the merge report
    assert {"extended", "carried_forward"} <= set(rep["status"])
