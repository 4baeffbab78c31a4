"""Ideal-point estimator on synthetic votes drawn from the model, plus checks of its parts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import approx_fprime, check_grad
from scipy.stats import norm

from chainpower.alignment.idealpoints import (
    IdealPointResult,
    Model,
    Priors,
    bridge_keys,
    build_vote_data,
    estimate_ideal_points,
)
from chainpower.alignment.idealpoints.fit import initial_values, theta_standard_errors
from chainpower.alignment.idealpoints.model import log_interval
from chainpower.alignment.idealpoints.newton import _Curvature, newton_map
from chainpower.errors import InputError

#: priors matching the simulation (beta of size 0.8-2.5, random-walk sd 0.3)
SIM_OPTS = {"s_beta": 2.0, "sigma": 0.3}
_LETTERS = str.maketrans("0123456789", "abcdefghij")


def simulate(
    n_countries: int = 40,
    n_sessions: int = 8,
    n_new: int = 30,
    n_recurring: int = 10,
    sigma: float = 0.3,
    seed: int = 7,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Votes from the ordered-probit model with random-walk ideal points.

    Each session has ``n_new`` one-off roll calls and ``n_recurring`` resolutions voted in every
    session with the same text and the same item parameters (the bridges). Some countries miss
    sessions (code 9) and some votes are absences (code 8). Returns votes, roll calls, truth.
    """
    rng = np.random.default_rng(seed)
    names = [f"C{i:02d}" for i in range(n_countries)]
    theta = np.cumsum(
        np.r_[[rng.normal(0, 1, n_countries)], rng.normal(0, sigma, (n_sessions - 1, n_countries))],
        axis=0,
    )

    def item() -> tuple[float, float, float]:
        beta = rng.choice([-1, 1]) * rng.uniform(0.8, 2.5)
        t0 = rng.normal(0, 1)
        return beta, t0, t0 + rng.uniform(0.2, 1.0)

    recurring = [item() for _ in range(n_recurring)]
    votes, calls, rcid = [], [], 0
    for s in range(n_sessions):
        present = rng.random(n_countries) > 0.05 if s else np.ones(n_countries, bool)
        for r in range(n_new + n_recurring):
            rcid += 1
            if r < n_recurring:
                beta, t0, t1 = recurring[r]
                descr = f"Resolution on topic {'xyz'[r % 3]} number {'ab' * (r + 1)} of {1990 + s}"
            else:
                beta, t0, t1 = item()
                word = str(rcid).translate(_LETTERS)  # digits are stripped from bridge keys
                descr = f"One-off draft {word} about matter {'c' * (r + 1)} in detail"
            calls.append((rcid, s + 1, f"SHORT {'abcdefghijklmnopqrstuvwxyz'[r % 26]}", descr))
            ystar = beta * theta[s] + rng.normal(0, 1, n_countries)
            code = np.where(ystar < t0, 1, np.where(ystar < t1, 2, 3))
            code = np.where(rng.random(n_countries) < 0.03, 8, code)
            code = np.where(present, code, 9)
            votes += [(rcid, s + 1, c, int(v)) for c, v in zip(names, code, strict=True)]
    v = pd.DataFrame(votes, columns=["rcid", "session", "iso3", "vote"])
    rc = pd.DataFrame(calls, columns=["rcid", "session", "short", "descr"])
    rc["amend"], rc["para"] = 0, 0
    truth = pd.DataFrame(
        {
            "iso3": np.tile(names, n_sessions),
            "session": np.repeat(np.arange(1, n_sessions + 1), n_countries),
            "true": theta.ravel(),
        }
    )
    return v, rc, truth


@pytest.fixture(scope="module")
def sim() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return simulate()


@pytest.fixture(scope="module")
def fitted(sim: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> IdealPointResult:
    v, rc, _ = sim
    return estimate_ideal_points(v, rc, progress=False, **SIM_OPTS)


def _merged(result: IdealPointResult, truth: pd.DataFrame) -> pd.DataFrame:
    return result.to_frame().merge(truth, on=["iso3", "session"])


def test_recovers_true_ideal_points(fitted: IdealPointResult, sim) -> None:
    _, _, truth = sim
    m = _merged(fitted, truth)
    assert len(m) == fitted.info["n_units"]
    r = np.corrcoef(m["ideal"], m["true"])[0, 1]
    assert abs(r) >= 0.95
    # per session, too
    per = m.groupby("session").apply(
        lambda g: abs(np.corrcoef(g["ideal"], g["true"])[0, 1]), include_groups=False
    )
    assert per.min() >= 0.9


def test_bridges_found_and_frame_shape(fitted: IdealPointResult, sim) -> None:
    v, rc, _ = sim
    # the 10 recurring resolutions are bridged across all 8 sessions
    assert fitted.info["n_bridges"] == 10
    assert fitted.info["n_bridged_rcids"] == 80
    f = fitted.to_frame()
    assert list(f.columns[:7]) == ["iso3", "session", "year", "ideal", "se", "lower", "upper"]
    assert (f["year"] == f["session"] + 1945).all()
    assert not f.duplicated(["iso3", "session"]).any()
    assert np.isfinite(f[["ideal", "se", "lower", "upper"]].to_numpy()).all()
    z = norm.ppf(0.95)  # default level 0.9
    np.testing.assert_allclose(f["upper"] - f["ideal"], z * f["se"])
    # normalisation: mean 0, sd 1 over country-sessions
    assert abs(f["ideal"].mean()) < 1e-9
    assert f["ideal"].std(ddof=0) == pytest.approx(1.0)
    # absent (8) and non-member (9) votes are missing: the votes counted are the 1/2/3 codes
    n = v[v["vote"].isin([1, 2, 3])].groupby(["iso3", "session"]).size()
    got = f.set_index(["iso3", "session"])["n_votes"]
    assert (got <= n.reindex(got.index)).all()


def test_sign_follows_the_reference_country(sim) -> None:
    v, rc, truth = sim
    # call the country with the lowest true mean ideal point "USA": it must come out positive
    low = truth.groupby("iso3")["true"].mean().idxmin()
    ren = {low: "USA"}
    v2 = v.assign(iso3=v["iso3"].replace(ren))
    res = estimate_ideal_points(v2, rc, progress=False, **SIM_OPTS)
    f = res.to_frame()
    assert res.info["sign_reference"] == "USA"
    assert (f.loc[f["iso3"] == "USA", "ideal"] > 0).all()
    m = f.merge(truth.assign(iso3=truth["iso3"].replace(ren)), on=["iso3", "session"])
    assert np.corrcoef(m["ideal"], m["true"])[0, 1] <= -0.95


def test_deterministic_given_seed(sim) -> None:
    v, rc, _ = sim
    a = estimate_ideal_points(v, rc, seed=3, progress=False).to_frame()
    b = estimate_ideal_points(v, rc, seed=3, progress=False).to_frame()
    pd.testing.assert_frame_equal(a, b)
    c = estimate_ideal_points(v, rc, seed=4, progress=False).to_frame()
    assert np.corrcoef(a["ideal"], c["ideal"])[0, 1] > 0.999  # same optimum from another start


def _small_model(seed: int = 1) -> tuple[Model, np.ndarray]:
    v, rc, _ = simulate(n_countries=8, n_sessions=3, n_new=6, n_recurring=3, seed=seed)
    model = Model(build_vote_data(v, rc), Priors(sigma=0.3, s_beta=1.0))
    x = initial_values(model, seed) + np.random.default_rng(seed).normal(
        0, 0.3, model.K + 3 * model.J
    )
    return model, x


def test_gradient_matches_finite_differences() -> None:
    model, x = _small_model()

    def f(z: np.ndarray) -> float:
        return model.value_and_grad(z)[0]

    def g(z: np.ndarray) -> np.ndarray:
        return model.value_and_grad(z)[1]

    err = check_grad(f, g, x, epsilon=1e-6)
    assert err / np.linalg.norm(g(x)) < 1e-5


def test_theta_information_matches_second_differences() -> None:
    model, x = _small_model(2)
    info = model.theta_information(x)
    eps = 1e-5
    for k in range(0, model.K, 3):
        e = np.zeros_like(x)
        e[k] = eps
        # d2/dtheta_k2 of the negative log posterior, minus the prior's curvature Q[k, k]
        d2 = (model.value_and_grad(x + e)[1][k] - model.value_and_grad(x - e)[1][k]) / (2 * eps)
        # minus the prior's curvature: random walk Q[k, k] plus (1 - 1/n_t) / s_theta^2
        n_t = np.sum(model.data.session == model.data.session[k])
        prior = model.Q[k, k] + (1 - 1 / n_t) / model.priors.s_theta**2
        assert d2 - prior == pytest.approx(info[k], rel=1e-5)


def test_standard_errors_invert_the_theta_hessian() -> None:
    model, x = _small_model(3)
    K = model.K
    # dense Hessian of f in theta by differences of the analytic gradient (items held fixed)
    H = np.empty((K, K))
    for k in range(K):
        H[:, k] = approx_fprime(
            x[:K], lambda t, k=k: model.value_and_grad(np.r_[t, x[K:]])[1][k], 1e-6
        )
    H = 0.5 * (H + H.T)
    np.testing.assert_allclose(
        theta_standard_errors(model, x), np.sqrt(np.diag(np.linalg.inv(H))), rtol=1e-4
    )


def test_prior_matches_its_definition() -> None:
    """f minus the negative log-likelihood is the prior of docs/idealpoints.md, written out
    independently: random-walk steps, squared deviations from the session means, items."""
    model, x = _small_model(4)
    p = model.priors
    theta, beta, tau0, delta = model.unpack(x)
    units = pd.DataFrame(
        {"iso3": model.data.iso3, "session": model.data.session, "theta": theta}
    ).sort_values(["iso3", "session"])
    step = units.groupby("iso3")["theta"].diff()
    gap = units.groupby("iso3")["session"].diff()
    walk = np.nansum(step**2 / (gap * p.sigma**2))
    dev = units["theta"] - units.groupby("session")["theta"].transform("mean")
    items = (beta**2).sum() / p.s_beta**2 + (tau0**2).sum() / p.s_tau**2
    items += (delta**2).sum() / p.s_delta**2
    expected = 0.5 * (walk + (dev**2).sum() / p.s_theta**2 + items)
    f = model.value_and_grad(x)[0]
    assert f + model.vote_terms(x).loglik == pytest.approx(expected, rel=1e-12)


def test_hessian_products_match_gradient_differences() -> None:
    model, x = _small_model(5)
    curv = _Curvature(model, x)
    rng = np.random.default_rng(0)
    for _ in range(3):
        v = rng.normal(size=x.size)
        eps = 1e-6
        fd = (model.value_and_grad(x + eps * v)[1] - model.value_and_grad(x - eps * v)[1]) / (
            2 * eps
        )
        hv = curv.product(v, exact=True)
        assert np.linalg.norm(hv - fd) / np.linalg.norm(fd) < 1e-6
        # Gauss-Newton: positive definite, and differs from the exact Hessian
        gn = curv.product(v, exact=False)
        assert v @ gn > 0
        assert np.linalg.norm(gn - hv) > 1e-3 * np.linalg.norm(hv)


def test_newton_reaches_the_optimum_lbfgs_finds() -> None:
    from scipy.optimize import minimize

    model, _ = _small_model(6)
    x0 = initial_values(model, 6)
    res = newton_map(model, x0, gtol=1e-8)
    assert res.converged and res.iterations < 30
    f, g = model.value_and_grad(res.x)
    assert np.abs(g).max() <= 1e-8 and f == pytest.approx(res.fun, rel=1e-14)
    ref = minimize(
        model.value_and_grad,
        x0,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 20_000, "ftol": 1e-15, "gtol": 1e-9},
    )
    assert res.fun <= ref.fun + 1e-7
    np.testing.assert_allclose(res.x[: model.K], ref.x[: model.K], atol=1e-4)


def test_fit_reports_convergence(fitted: IdealPointResult) -> None:
    assert fitted.info["converged"] is True
    assert fitted.info["grad_max"] <= 1e-6
    assert "gtol" in fitted.info["message"]


def test_log_interval_stable_in_both_tails() -> None:
    # independent references: the plain difference where it is accurate, survival functions in
    # the upper tail, cdfs in the lower tail, and phi(0) * width for a tiny interval at 0
    cases = [
        (-1.0, 1.0, np.log(norm.cdf(1) - norm.cdf(-1))),
        (0.0, 1e-8, np.log(1e-8 / np.sqrt(2 * np.pi))),
        (10.0, 11.0, norm.logsf(10) + np.log1p(-np.exp(norm.logsf(11) - norm.logsf(10)))),
        (-12.0, -11.0, norm.logcdf(-11) + np.log1p(-np.exp(norm.logcdf(-12) - norm.logcdf(-11)))),
        (2.0, 2.5, np.log(norm.sf(2) - norm.sf(2.5))),
    ]
    a, b, ref = (np.array(c) for c in zip(*cases, strict=True))
    got = log_interval(a, b)
    np.testing.assert_allclose(got, ref, rtol=1e-9)
    assert got[3] < -60  # a lower-tail probability of ~1e-28, not log(0)


def test_bridge_rule() -> None:
    rc = pd.DataFrame(
        {
            "rcid": [1, 2, 3, 4, 5, 6, 7, 8],
            "session": [30, 31, 32, 31, 32, 40, 40, 41],
            "short": ["JERUSALEM", "Jerusalem", "JERUSALEM", "AMEND", "AMEND", "X", "X", "X"],
            "descr": [
                "Determines that all measures (A/RES/35/1) are void",
                "DETERMINES THAT ALL MEASURES (A/RES/36/7) ARE VOID",
                "Determines that all measures (A/RES/37/123) are void.",
                "To adopt amendment to draft text",
                "To adopt amendment to draft text",
                "Same words in one session",
                "Same words in one session",
                "Same words in one session",
            ],
            "amend": [0, 0, 0, 1, 1, 0, 0, 0],
            "para": [0, 0, 0, 0, 0, 0, 0, 0],
        }
    )
    keys = bridge_keys(rc)
    expected = "JERUSALEM | DETERMINES THAT ALL MEASURES A RES ARE VOID"
    assert keys[0] == keys[1] == keys[2] == expected
    # amendments never bridge; a key repeated within one session is ambiguous
    assert list(keys[3:]) == [f"rc{i}" for i in range(4, 9)]


def test_bad_input(sim) -> None:
    v, rc, _ = sim
    with pytest.raises(InputError, match="1800-1810"):
        estimate_ideal_points(v, rc, years=(1800, 1810), progress=False)
    bad = v.copy()
    bad.loc[5, "vote"] = 4
    with pytest.raises(InputError, match="vote code 4") as err:
        estimate_ideal_points(bad, rc, progress=False)
    assert "row 5" in str(err.value)
    with pytest.raises(InputError, match="XYZ"):
        estimate_ideal_points(v, rc, countries=["C01", "XYZ"], progress=False)
    with pytest.raises(InputError, match="unknown options"):
        estimate_ideal_points(v, rc, progress=False, sigmaa=0.1)
    with pytest.raises(InputError, match="twice"):
        estimate_ideal_points(pd.concat([v, v.iloc[:1]]), rc, progress=False)
    with pytest.raises(InputError, match="rcid 1"):
        estimate_ideal_points(v, rc[rc["rcid"] != 1], progress=False)


def test_absent_and_non_member_codes_are_missing(sim) -> None:
    v, rc, _ = sim
    kept = v[v["vote"].isin([1, 2, 3])]
    a = estimate_ideal_points(v, rc, years=(1946, 1949), progress=False).to_frame()
    b = estimate_ideal_points(kept, rc, years=(1946, 1949), progress=False).to_frame()
    pd.testing.assert_frame_equal(a, b)
    assert set(a["year"]) == {1946, 1947, 1948, 1949}
