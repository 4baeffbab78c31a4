"""Acceptance 2: RE, FE and two-way FE on Grunfeld equal R plm + sandwich/clubSandwich to 1e-6.

Reference numbers: ``tests/reference/plm/grunfeld_reference.csv``, written by
``tests/reference/plm/grunfeld.R`` (plm 2.6.2, sandwich 3.0.2, clubSandwich 0.5.8) from
``grunfeld.csv`` (statsmodels' 11-firm Grunfeld panel). R is not needed here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
import pytest

from chainpower.studies import COEFFICIENT_COLUMNS, ModelResult, estimate, hausman, mundlak_test

HERE = Path(__file__).resolve().parents[1] / "reference" / "plm"
TERMS = ["value", "capital"]
RTOL = 1e-6


@pytest.fixture(scope="module")
def grunfeld() -> pd.DataFrame:
    return pd.read_csv(HERE / "grunfeld.csv")


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return pd.read_csv(HERE / "grunfeld_reference.csv", keep_default_na=False)


def _ref(reference: pd.DataFrame, model: str, quantity: str) -> np.ndarray:
    rows = reference[(reference["model"] == model) & (reference["quantity"] == quantity)]
    return rows.set_index("term").loc[TERMS, "value"].astype(float).to_numpy()


def _scalar(reference: pd.DataFrame, model: str, quantity: str) -> float:
    rows = reference[(reference["model"] == model) & (reference["quantity"] == quantity)]
    return float(rows["value"].iloc[0])


def _fit(df: pd.DataFrame, model: Any, **kw: Any) -> ModelResult:
    return estimate(df, outcome="invest", terms=TERMS, model=model, unit="firm", time="year",
                    cluster="firm", inference=("crv1", "cr3", "cr3_mnw"), seed=1, **kw)


def _col(res, method: str, column: str) -> np.ndarray:
    f = res.to_frame()
    return f[f["method"] == method].set_index("term").loc[TERMS, column].to_numpy(dtype=float)


@pytest.mark.parametrize("model", ["pooled", "fe", "twfe", "re"])
def test_coefficients_and_clustered_se_equal_plm(grunfeld, reference, model):
    res = _fit(grunfeld, model, k_fixef="none")
    np.testing.assert_allclose(_col(res, "crv1", "estimate"), _ref(reference, model, "estimate"),
                               rtol=RTOL)
    # CR1 with K = slopes (+ intercept): plm vcovHC(type="sss") = clubSandwich CR1S
    np.testing.assert_allclose(_col(res, "crv1", "se"), _ref(reference, model, "se_plm_sss"),
                               rtol=RTOL)
    np.testing.assert_allclose(_col(res, "crv1", "se"), _ref(reference, model, "se_club_cr1s"),
                               rtol=RTOL)
    # CR3: leave-one-firm-out jackknife refits, Σ (b_(g) − b)(b_(g) − b)'
    np.testing.assert_allclose(_col(res, "cr3", "se"), _ref(reference, model, "se_jackknife"),
                               rtol=RTOL)
    g = res.n_clusters
    np.testing.assert_allclose(_col(res, "cr3_mnw", "se"),
                               np.sqrt((g - 1) / g) * _col(res, "cr3", "se"), rtol=1e-12)
    assert res.n_obs == int(_scalar(reference, model, "n_obs")) and g == 11


@pytest.mark.parametrize("model", ["pooled", "fe"])
def test_cr3_equals_clubsandwich_where_fixed_effects_nest_in_clusters(grunfeld, reference, model):
    res = _fit(grunfeld, model)
    np.testing.assert_allclose(_col(res, "cr3", "se"), _ref(reference, model, "se_club_cr3"),
                               rtol=RTOL)


def test_twfe_cr3_differs_from_clubsandwich_transformed_design(grunfeld, reference):
    """clubSandwich's CR3 on plm's two-way demeaned design keeps the full-sample year means; the
    refit jackknife does not: documented difference (docs/studies_inference.md)."""
    res = _fit(grunfeld, "twfe")
    ours, club = _col(res, "cr3", "se"), _ref(reference, "twfe", "se_club_cr3")
    assert np.all(ours > 1.4 * club)


@pytest.mark.parametrize(("model", "k"), [("pooled", 3), ("fe", 3), ("twfe", 22), ("re", 3)])
def test_default_small_sample_factor_relation(grunfeld, reference, model, k):
    """Default k_fixef="nonnested" (fixest/Stata): K hand-counted — FE: 2 slopes + 1 for the
    nested firm effect; TWFE: 2 + 19 non-nested year levels + 1. Relation to plm's sss:
    se = se_sss · sqrt((N − K_plm)/(N − K))."""
    res = _fit(grunfeld, model)
    n, g = 220, 11
    k_plm = 3 if model in ("pooled", "re") else 2
    assert res.info["df_k"] == k
    assert res.info["small_sample_factor"] == pytest.approx(g / (g - 1) * (n - 1) / (n - k), 1e-14)
    expected = _ref(reference, model, "se_plm_sss") * np.sqrt((n - k_plm) / (n - k))
    np.testing.assert_allclose(_col(res, "crv1", "se"), expected, rtol=RTOL)
    # the factor is deterministic (pyfixest's own nested-FE count varies with PYTHONHASHSEED)
    assert _fit(grunfeld, model).info["df_k"] == k


def test_random_effects_variance_components_equal_swamy_arora(grunfeld, reference):
    res = _fit(grunfeld, "re")
    assert res.info["sigma2_idiosyncratic"] == pytest.approx(
        _scalar(reference, "re", "sigma2_idios"), rel=RTOL)
    assert res.info["sigma2_unit"] == pytest.approx(_scalar(reference, "re", "sigma2_id"), rel=RTOL)
    assert res.info["theta_mean"] == pytest.approx(_scalar(reference, "re", "theta"), rel=RTOL)


def test_hausman_classic_and_mundlak_equal_r(grunfeld, reference):
    h = hausman(grunfeld, outcome="invest", regressors=TERMS, unit="firm")
    assert h.statistic == pytest.approx(_scalar(reference, "hausman", "statistic"), rel=RTOL)
    assert h.p == pytest.approx(_scalar(reference, "hausman", "p"), rel=RTOL)
    assert h.df == 2 and "invalid under clustering" in h.note
    m = mundlak_test(grunfeld, outcome="invest", regressors=TERMS, unit="firm", cluster="firm")
    assert m.statistic == pytest.approx(_scalar(reference, "mundlak", "statistic"), rel=RTOL)
    # Mundlak's within coefficients are the FE estimates (Mundlak 1978)
    np.testing.assert_allclose(m.detail["within"].to_numpy(), _ref(reference, "fe", "estimate"),
                               rtol=1e-9)
    assert m.p_f is not None and m.p < m.p_f < 1
    assert list(h.to_frame().columns) == list(m.to_frame().columns)


def test_result_contract(grunfeld, tmp_path):
    res = _fit(grunfeld, "fe")
    assert "\n" not in repr(res) and repr(res).startswith("ModelResult(")
    frame = res.to_frame()
    assert tuple(frame.columns) == COEFFICIENT_COLUMNS
    assert set(frame["status"]) == {"ok"} and (frame["df"] == 10).all()
    summ = res.summary
    assert isinstance(summ, pd.DataFrame) and "agree" in summ.columns
    meta = res.meta
    for key in ("formula", "fixed_effects", "cluster", "G", "df", "seed", "versions"):
        assert key in meta
    assert meta["formula"] == "invest ~ value + capital | firm"
    assert "pyfixest" in meta["versions"]
    path = res.write(tmp_path / "fe.csv")
    back = pd.read_csv(path)
    np.testing.assert_allclose(back["se"].to_numpy(), frame["se"].to_numpy(), rtol=1e-15)
    assert json.loads(Path(str(path) + ".meta.json").read_text())["G"] == 11
    before = dict(matplotlib.rcParams)
    backend = matplotlib.get_backend()
    fig = res.plot()
    assert len(fig.axes) == 1 and matplotlib.get_backend() == backend
    assert dict(matplotlib.rcParams) == before
    png = res.plot(path=tmp_path / "coef.png")
    assert png.axes[0].get_yticklabels()[0].get_text() == "value"
    assert (tmp_path / "coef.png").stat().st_size > 1000


def test_agreement_line(grunfeld):
    res = _fit(grunfeld, "fe")
    agree = res.agreement
    # value: CR1 p < 1e-4 and CR3 p = 0.012 both reject; capital: CR1 rejects, CR3 (p = 0.06) not
    assert agree["value"] == "yes: reject"
    assert agree["capital"].startswith("no: only crv1")
