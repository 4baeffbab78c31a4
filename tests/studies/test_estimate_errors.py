"""estimate() refuses what cannot be estimated, and says why (model, term, column)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chainpower.errors import EstimationError, InputError
from chainpower.studies import estimate
from chainpower.studies.results import check_coefficients


def panel(n_units: int = 6, years: range = range(2016, 2022), industries: int = 1,
          seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_units):
        trust = float(rng.normal())
        for k in range(industries):
            for y in years:
                post = int(y >= 2019)
                x = float(rng.normal())
                out = 0.5 * x + 0.8 * trust * post + 0.3 * k + float(rng.normal())
                rows.append((f"C{i}", f"ind{k}", y, trust, post, x, out))
    return pd.DataFrame(rows, columns=["country", "industry", "year", "trust_pre", "post", "x",
                                       "y"])


def test_term_absorbed_by_unit_effects_names_model_and_term():
    with pytest.raises(EstimationError, match="no variation in 'trust_pre'") as err:
        estimate(panel(), outcome="y", terms=["trust_pre"], model="fe", inference=("crv1",))
    assert err.value.model == "fe" and err.value.term == "trust_pre"
    assert "[model fe, term trust_pre]" in str(err.value)


def test_term_absorbed_by_year_effects():
    with pytest.raises(EstimationError) as err:
        estimate(panel(), outcome="y", terms=["trust_pre:post", "post"], model="twfe",
                 inference=("crv1",))
    assert err.value.term == "post" and "country, year" in str(err.value)


def test_collinear_terms():
    df = panel().assign(x2=lambda f: 2.0 * f["x"])
    with pytest.raises(EstimationError, match="collinear") as err:
        estimate(df, outcome="y", terms=["x", "x2"], model="pooled", inference=("crv1",))
    assert err.value.term == "x2"


def test_fewer_than_two_clusters():
    df = panel().assign(region="all")
    with pytest.raises(EstimationError, match="at least 2"):
        estimate(df, outcome="y", terms=["x"], model="pooled", cluster="region",
                 inference=("crv1",))


def test_missing_column_and_missing_values_are_named():
    with pytest.raises(InputError, match="not in the panel") as err:
        estimate(panel(), outcome="y", terms=["trust"], model="pooled", inference=("crv1",))
    assert err.value.label == "trust"
    df = panel()
    df.loc[3, "y"] = np.nan
    with pytest.raises(InputError, match=r"'y' has 1 missing.*C0/2019") as err:
        estimate(df, outcome="y", terms=["x"], model="pooled", inference=("crv1",))


def test_bad_options():
    with pytest.raises(InputError, match="model must be one of"):
        estimate(panel(), outcome="y", terms=["x"], model="ols", inference=("crv1",))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="unknown inference"):
        estimate(panel(), outcome="y", terms=["x"], model="fe", inference=("crv2",))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="absorb"):
        estimate(panel(), outcome="y", terms=["x"], model="re", absorb=["country"],
                 inference=("crv1",))
    with pytest.raises(InputError, match="at least 19"):
        estimate(panel(), outcome="y", terms=["x"], model="fe", n_perm=9)
    with pytest.raises(InputError, match="level"):
        estimate(panel(), outcome="y", terms=["x"], model="fe", level=95)
    with pytest.raises(InputError, match="not numeric"):
        estimate(panel(), outcome="y", terms=["industry"], model="pooled", inference=("crv1",))
    with pytest.raises(InputError, match="one row per"):
        estimate(panel(industries=2), outcome="y", terms=["x"], model="re", inference=("crv1",))


def test_unavailable_rows_carry_reasons():
    df = panel(seed=3)
    re = estimate(df, outcome="y", terms=["trust_pre:post", "x"], model="re",
                  inference=("crv1", "wild"), seed=1)
    f = check_coefficients(re.to_frame()).set_index(["term", "method"])
    assert f.loc[("x", "wild"), "status"] == "unavailable"
    assert "random effects" in str(f.loc[("x", "wild"), "reason"])
    res = estimate(df, outcome="y", terms=["trust_pre:post", "x"], model="twfe",
                   inference=("ri",), ri_column="trust_pre", n_perm=99, seed=1)
    f = check_coefficients(res.to_frame()).set_index(["term", "method"])
    assert f.loc[("x", "ri"), "status"] == "unavailable"
    assert "not built from ri_column" in str(f.loc[("x", "ri"), "reason"])
    assert f.loc[("trust_pre:post", "ri"), "status"] == "ok"
    assert 1 / 100 <= res.p_value("trust_pre:post", "ri") <= 1
    none = estimate(df, outcome="y", terms=["x"], model="fe", inference=("ri",))
    assert none.to_frame()["reason"].iloc[0] == "no ri_column given: nothing to permute"
    with pytest.raises(InputError, match="varies within"):
        estimate(df, outcome="y", terms=["x"], model="fe", inference=("ri",), ri_column="x")


@pytest.mark.slow
def test_random_effects_ri_refits():
    """RE randomization inference refits linearmodels once per permutation (~0.1 s each)."""
    df = panel(seed=3)
    res = estimate(df, outcome="y", terms=["trust_pre:post", "x"], model="re",
                   inference=("crv1", "ri"), ri_column="trust_pre", n_perm=19, seed=1)
    f = res.to_frame().set_index(["term", "method"])
    # the observed randomization-t is the model's CR1 t
    assert f.loc[("trust_pre:post", "ri"), "stat"] == pytest.approx(
        f.loc[("trust_pre:post", "crv1"), "stat"], rel=1e-10)
    assert 1 / 20 <= res.p_value("trust_pre:post", "ri") <= 1
    assert f.loc[("x", "ri"), "status"] == "unavailable"


def test_schema_check_rejects_nan_without_reason():
    res = estimate(panel(), outcome="y", terms=["x"], model="pooled", inference=("crv1",))
    bad = res.to_frame().assign(se=np.nan, reason="")
    with pytest.raises(ValueError, match="without a reason"):
        check_coefficients(bad)


@pytest.mark.filterwarnings("ignore:The inplace keyword")
def test_stacked_absorb_matches_pyfixest_and_counts_nested_effects():
    import pyfixest as pf

    df = panel(n_units=8, industries=3, seed=5)
    res = estimate(df, outcome="y", terms=["trust_pre:post", "x"], model="twfe",
                   absorb=["country^industry", "year^industry"], inference=("crv1", "cr3"))
    direct = pf.feols("y ~ tp + x | country^industry + year^industry",
                      data=df.assign(tp=df["trust_pre"] * df["post"]), vcov={"CRV1": "country"})
    f = res.to_frame().query("method == 'crv1'").set_index("term")
    assert f.loc["trust_pre:post", "estimate"] == pytest.approx(direct.coef()["tp"], rel=1e-10)
    assert f.loc["x", "estimate"] == pytest.approx(direct.coef()["x"], rel=1e-10)
    # K = 2 slopes + (24 + 18 − 1) levels − 24 nested in country + 1 = 20
    assert res.info["df_k"] == 20
    n, g = len(df), 8
    assert res.info["small_sample_factor"] == pytest.approx(g / (g - 1) * (n - 1) / (n - 20))
    assert res.info["fixed_effects"] == ["country^industry", "year^industry"]


def test_singleton_rows_are_kept_not_dropped_silently():
    df = panel(n_units=6, seed=2)
    lone = df[df["country"] == "C5"].head(1)
    unbalanced = pd.concat([df[df["country"] != "C5"], lone], ignore_index=True)
    res = estimate(unbalanced, outcome="y", terms=["x"], model="fe", inference=("crv1",))
    assert res.n_obs == len(unbalanced) and res.n_clusters == 6
    # the singleton carries no within variation: the slope equals the fit without it
    without = estimate(df[df["country"] != "C5"], outcome="y", terms=["x"], model="fe",
                       inference=("crv1",))
    assert res.estimate_of("x") == pytest.approx(without.estimate_of("x"), rel=1e-10)
