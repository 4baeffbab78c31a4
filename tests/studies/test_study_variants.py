"""Acceptance 4: changing the spec changes the results accordingly (real data).

Variants of the default study (DiD + TWFE, CR1 only, to stay fast): another reference country,
another industry mapping, another dependent-variable source (a long-format file, and the WIOD
tables through the GVC engine), own instead of published ideal points.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.studies.spec import StudySpec
from chainpower.studies.study import Study, StudyResult

pytestmark = pytest.mark.shared_data

FAST = {"methods": ["crv1"]}


def _run(spec: StudySpec) -> StudyResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return Study(spec).run(progress=False)


def _did(res: StudyResult) -> pd.DataFrame:
    c = res.coefficients
    return c[(c["model"] == "did") & (c["method"] == "crv1")].set_index("outcome")


@pytest.fixture(scope="module")
def base_spec() -> StudySpec:
    return StudySpec.default().replace(models={"include": ["twfe", "did"]}, inference=FAST)


@pytest.fixture(scope="module")
def base(base_spec: StudySpec) -> StudyResult:
    return _run(base_spec)


def test_reference_country(base_spec: StudySpec, base: StudyResult) -> None:
    from chainpower.alignment.trust import trust

    res = _run(base_spec.replace(alignment={"reference": "CHN"}))
    f = res.panel.frame
    assert f.loc[f["country"] == "CHN", "trust"].eq(0).all()
    assert f.loc[f["country"] == "USA", "trust"].lt(-1).all()
    t = trust("published", reference="CHN", countries=list(base_spec.economies),
              years=(2018, 2022)).set_index(["iso3", "year"])["trust"]
    keys = zip(f["country"], f["year"], strict=True)
    assert np.allclose(f["trust"], [t[k] for k in keys], rtol=0, atol=0)
    a, b = _did(base), _did(res)
    assert not np.allclose(a["estimate"], b["estimate"])
    # the outcome and the controls did not change
    pd.testing.assert_series_equal(base.panel.frame["gvcpt"], f["gvcpt"])


def test_industry_mapping(base_spec: StudySpec, base: StudyResult) -> None:
    from chainpower.data.indicator_files import load_adb_indicators

    inds = [i.model_dump() for i in base_spec.industries]
    inds[0]["sectors"]["adb"] = ["c13"]  # chips → machinery n.e.c. instead of electrical
    res = _run(base_spec.replace(industries=inds))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        adb = load_adb_indicators(countries=list(base_spec.economies), years=range(2018, 2023),
                                  sectors=["c13"])
    want = adb[adb["indicator"].isin(["bm_gvcp_trade_f", "bm_gvcp_trade_b"])].groupby(
        ["country", "year"])["value"].sum()
    chips = res.panel.industry("chips").set_index(["country", "year"])["gvcpt"]
    assert np.allclose(chips.to_numpy(), want.reindex(chips.index).to_numpy(), rtol=1e-12)
    a, b = _did(base), _did(res)
    assert a.loc["gvcpt_chips", "estimate"] != pytest.approx(b.loc["gvcpt_chips", "estimate"])
    # the industries whose mapping did not change give the same estimates, to the last digit
    for o in ("gvcpt_vehicles", "gvcpt_minerals"):
        assert a.loc[o, "estimate"] == pytest.approx(b.loc[o, "estimate"], rel=1e-10)
        assert a.loc[o, "se"] == pytest.approx(b.loc[o, "se"], rel=1e-10)


def test_dependent_variable_from_a_long_file(base_spec: StudySpec, base: StudyResult,
                                             tmp_path: Path) -> None:
    """The same cells, scaled by 2 in a long-format file: every coefficient doubles and every
    t statistic stays (OLS is equivariant in the outcome's scale)."""
    from chainpower.data.indicator_files import load_adb_indicators

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        adb = load_adb_indicators(countries=list(base_spec.economies), years=range(2018, 2023),
                                  sectors=["c14", "c15", "c2"])
    rows = adb[adb["indicator"].isin(["bm_gvcp_trade_f", "bm_gvcp_trade_b"])].copy()
    rows["value"] = 2.0 * rows["value"]
    rows["source"] = "uibe_test"
    path = tmp_path / "uibe.csv"
    rows.to_csv(path, index=False)
    res = _run(base_spec.replace(outcome={"source": "long", "path": str(path)}))
    a, b = _did(base), _did(res)
    assert np.allclose(b["estimate"], 2 * a["estimate"], rtol=1e-8)
    assert np.allclose(b["stat"], a["stat"], rtol=1e-8)
    assert "long-format indicator file" in res.panel.provenance["outcome"]


@pytest.mark.slow
def test_dependent_variable_from_wiod_tables() -> None:
    """source = mrio: Koopman participation of WIOD 2013 through the GVC engine; pooled from
    levels it equals the engine's own ratio, and an exporting sector with gross exports ≤ 0
    (KOR mining 2010, an inventory draw-down) is listed as undefined, not used."""
    from chainpower.gvc import compute_indicators
    from chainpower.mrio.io import read_wiod2013

    twelve = ["AUS", "CAN", "CHN", "IND", "JPN", "KOR", "MEX", "RUS", "USA", "DEU", "FRA", "GBR"]
    spec = StudySpec.default().replace(
        economies=twelve, years=[2009, 2011], models={"include": ["did"]}, inference=FAST,
        design={"policy_year": 2010, "event_reference": 2009, "placebo_years": [2009, 2011],
                "placebo_year": 2010},
        outcome={"source": "mrio", "table": "wiod2013", "indicators": ["kww_iv", "kww_fv"],
                 "denominator": "kww_e"},
    )
    res = _run(spec)
    rep = res.panel.report
    bad = rep[rep["status"] == "undefined"]
    cells = set(zip(bad["country"], bad["year"], bad["industry"], strict=True))
    assert ("KOR", 2010, "minerals") in cells
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        ind = compute_indicators(read_wiod2013(2011))
    k = ind[(ind["indicator"] == "kww_gvcpt") & ind["partner"].isna()].set_index(
        ["country", "sector"])["value"]
    f = res.panel.frame.set_index(["country", "year", "industry"])["gvcpt"]
    for c, ind_name, code in (("CHN", "chips", "c14"), ("DEU", "vehicles", "c15"),
                              ("AUS", "minerals", "c2")):
        assert f[(c, 2011, ind_name)] == pytest.approx(k[(c, code)], rel=1e-9)
        assert 0 < f[(c, 2011, ind_name)] <= 1  # exporting-sector perspective: bounded
    assert len(_did(res)) == 3


@pytest.mark.slow
def test_own_against_published_ideal_points() -> None:
    spec = StudySpec.default().replace(
        years=[2017, 2019], models={"include": ["did"]}, inference=FAST,
        design={"policy_year": 2019, "event_reference": 2018, "placebo_year": 2018,
                "placebo_years": [2017, 2019]},
    )
    pub = _run(spec)
    own = _run(spec.replace(alignment={"source": "own", "window": 2013}))
    tp, to = pub.panel.frame["trust"].to_numpy(), own.panel.frame["trust"].to_numpy()
    assert not np.allclose(tp, to)
    assert np.corrcoef(tp, to)[0, 1] > 0.9  # the same ordering, another scale
    assert "own dynamic ideal points" in own.panel.provenance["trust"]
    pd.testing.assert_series_equal(pub.panel.frame["gvcpt"], own.panel.frame["gvcpt"])
    a, b = _did(pub), _did(own)
    assert not np.allclose(a["estimate"], b["estimate"])


def test_own_estimates_from_a_file(base_spec: StudySpec, base: StudyResult,
                                   tmp_path: Path) -> None:
    """alignment.source = own with ``estimates = FILE``: the file's ideal points are used as
    given. Written from the published BSV points, the study reproduces the published run."""
    from chainpower.data.bsv import load_bsv

    bsv = load_bsv()[["iso3", "year", "ideal"]]
    path = tmp_path / "ideal.parquet"
    bsv.to_parquet(path, index=False)
    res = _run(base_spec.replace(alignment={"source": "own", "estimates": str(path)}))
    assert str(path) in res.panel.provenance["trust"]
    pd.testing.assert_series_equal(res.panel.frame["trust"], base.panel.frame["trust"])
    a, b = _did(base), _did(res)
    assert np.allclose(a["estimate"], b["estimate"], rtol=1e-12)
