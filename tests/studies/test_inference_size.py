"""Acceptance 3: wild bootstrap and RI are deterministic, have power, and keep their size.

Simulated panels: 15 clusters (units) × 6 years, policy in the 4th year, a unit-level
intensity ``trust_pre`` (drawn independently of the errors), unit and year effects, a
cluster-level shock that switches on with the policy (``η_i·post_t``) and AR(1) errors
within unit: exactly the structure that makes naive standard errors over-reject.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from chainpower.studies import _pyfixest, estimate
from chainpower.studies.design import build_design
from chainpower.studies.inference import ri_statistics, wild_weights_rule

POLICY = 2021


def simulated_panel(seed: int, *, effect: float = 0.0, n_units: int = 15, n_years: int = 6
                    ) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    years = np.arange(POLICY - 3, POLICY - 3 + n_years)
    trust = rng.normal(size=n_units)
    unit_fx, year_fx = rng.normal(size=n_units), 0.5 * rng.normal(size=n_years)
    shock = rng.normal(size=n_units)
    rows = []
    for i in range(n_units):
        e = 0.0
        for t, year in enumerate(years):
            e = 0.5 * e + rng.normal()
            post = int(year >= POLICY)
            y = unit_fx[i] + year_fx[t] + shock[i] * post + e + effect * trust[i] * post
            rows.append((f"U{i:02d}", int(year), trust[i], post, y))
    return pd.DataFrame(rows, columns=["country", "year", "trust_pre", "post", "y"])


def _did(df: pd.DataFrame, **kw: object):
    opts: dict[str, object] = dict(outcome="y", terms=["trust_pre:post"], model="twfe",
                                   inference=("crv1", "wild", "ri"), ri_column="trust_pre",
                                   n_boot=399, n_perm=399, seed=11)
    opts.update(kw)
    return estimate(df, **opts)  # type: ignore[arg-type]


def test_wild_and_ri_deterministic_given_seed():
    df = simulated_panel(3, effect=0.3)
    a, b = _did(df), _did(df)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    c = _did(df, seed=12)
    p = {m: (a.p_value("trust_pre:post", m), c.p_value("trust_pre:post", m)) for m in
         ("wild", "ri")}
    assert p["wild"][0] != p["wild"][1] or p["ri"][0] != p["ri"][1]  # the seed is used
    assert a.p_value("trust_pre:post", "crv1") == c.p_value("trust_pre:post", "crv1")
    assert a.seed == 11 and a.meta["seed"] == 11
    drawn = _did(df, seed=None)
    assert isinstance(drawn.seed, int)  # a drawn seed is recorded, so the run can be repeated
    pd.testing.assert_frame_equal(drawn.to_frame(), _did(df, seed=drawn.seed).to_frame())


def test_rademacher_enumeration_for_small_g_is_exact_and_seed_free():
    df = simulated_panel(5, effect=0.5, n_units=8)
    assert wild_weights_rule(8, 999) == "rademacher" and wild_weights_rule(15, 9999) == "webb"
    a, b = _did(df, n_boot=999, seed=1), _did(df, n_boot=999, seed=2)
    assert a.p_value("trust_pre:post", "wild") == b.p_value("trust_pre:post", "wild")
    reason = a.to_frame().query("method == 'wild'")["reason"].iloc[0]
    assert "full enumeration of 2^8 = 256" in reason
    # the enumerated p is a multiple of 1/256
    assert (a.p_value("trust_pre:post", "wild") * 256) == pytest.approx(
        round(a.p_value("trust_pre:post", "wild") * 256), abs=1e-9)


def test_fast_wild_denominator_equals_package_kernel():
    df = simulated_panel(7, effect=0.2)
    d = build_design(df, model="twfe", outcome="y", terms=("trust_pre:post",), controls=(),
                     unit="country", time="year", cluster="country", absorb=None,
                     k_fixef="nonnested")
    fit = _pyfixest.fit_ols(d.data, "_y", d.regressors, d.fe_cols, "_g")
    t, p, used = _pyfixest.wild_pvalue(fit, "_t0", cluster="_g", reps=499, weights="webb", seed=4)
    t_ref, p_ref = _pyfixest.wild_pvalue_reference(fit, "_t0", cluster="_g", reps=499,
                                                   weights="webb", seed=4)
    assert used == 499 and t == pytest.approx(t_ref, rel=1e-12) and p == p_ref


def test_ri_statistic_equals_pyfixest_refits():
    """The batched FWL randomization-t equals a pyfixest CR1 refit on the permuted panel."""
    df = simulated_panel(9, effect=0.2).assign(x=lambda f: np.sin(np.arange(len(f))))
    d = build_design(df, model="twfe", outcome="y", terms=("trust_pre:post",), controls=("x",),
                     unit="country", time="year", cluster="country", absorb=None,
                     k_fixef="nonnested")
    perms = np.random.default_rng(0).permuted(np.tile(np.arange(15), (3, 1)), axis=1)
    t_obs, t_perm = ri_statistics(d, "trust_pre", perms)
    res = estimate(df, outcome="y", terms=["trust_pre:post"], controls=["x"], model="twfe",
                   inference=("crv1",))
    assert t_obs[0] == pytest.approx(res.to_frame()["stat"].iloc[0], rel=1e-8)
    trust = df.groupby("country")["trust_pre"].first().to_numpy()
    codes = pd.factorize(df["country"])[0]
    for j, perm in enumerate(perms):
        permuted = df.assign(trust_pre=trust[perm][codes])
        ref = estimate(permuted, outcome="y", terms=["trust_pre:post"], controls=["x"],
                       model="twfe", inference=("crv1",))
        assert t_perm[j, 0] == pytest.approx(ref.to_frame()["stat"].iloc[0], rel=1e-8)


def test_power_against_a_clear_effect():
    rejections = {"wild": 0, "ri": 0}
    for s in range(5):
        res = _did(simulated_panel(100 + s, effect=2.0))
        for m in rejections:
            rejections[m] += res.p_value("trust_pre:post", m) < 0.05
    assert rejections == {"wild": 5, "ri": 5}


@pytest.mark.slow
def test_size_at_five_percent_over_200_null_panels():
    """5 % ± 3 pp for each of wild and RI over 200 null simulations (B = P = 399)."""
    start = time.perf_counter()
    n_sim = 200
    rejected = {"wild": 0, "ri": 0, "crv1": 0}
    for s in range(n_sim):
        res = _did(simulated_panel(1000 + s), seed=s)
        for m in rejected:
            rejected[m] += res.p_value("trust_pre:post", m) < 0.05
    rates = {m: k / n_sim for m, k in rejected.items()}
    elapsed = time.perf_counter() - start
    print(f"size over {n_sim} null panels: {rates}; {elapsed:.1f} s")
    assert 0.02 <= rates["wild"] <= 0.08, rates
    assert 0.02 <= rates["ri"] <= 0.08, rates


@pytest.mark.filterwarnings("ignore:The inplace keyword")
def test_ri_permutes_across_clusters_in_stacked_models():
    """Unit = country × industry, cluster = country: trust is permuted across the 15 economies,
    so every industry of an economy gets the same permuted value (identity permutation → t)."""
    base = simulated_panel(21, effect=0.4)
    df = pd.concat([base.assign(industry=k, y=base["y"] + i) for i, k in enumerate("ab")],
                   ignore_index=True)
    df["unit"] = df["country"] + "/" + df["industry"]
    d = build_design(df, model="twfe", outcome="y", terms=("trust_pre:post",), controls=(),
                     unit="unit", time="year", cluster="country", absorb=None,
                     k_fixef="nonnested")
    identity = np.arange(15)[None, :]
    t_obs, t_perm = ri_statistics(d, "trust_pre", identity)
    assert t_perm[0, 0] == pytest.approx(t_obs[0], rel=1e-10)
    res = estimate(df, outcome="y", terms=["trust_pre:post"], model="twfe", unit="unit",
                   cluster="country", inference=("ri",), ri_column="trust_pre", n_perm=199,
                   seed=3)
    assert "across 15 clusters" in res.to_frame()["reason"].iloc[0]
