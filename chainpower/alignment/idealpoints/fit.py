"""Maximum a posteriori fit, identification and Laplace standard errors of the ideal points."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.linalg import solve_banded
from scipy.special import logit, ndtri

from chainpower.alignment.idealpoints.data import VoteData, build_vote_data
from chainpower.alignment.idealpoints.model import Model, Priors
from chainpower.alignment.idealpoints.newton import newton_map
from chainpower.alignment.idealpoints.result import IdealPointResult
from chainpower.errors import InputError
from chainpower.progress import progress as _progress

__all__ = ["estimate_ideal_points", "initial_values", "theta_standard_errors"]

#: Countries tried in turn to fix the sign (the first one present must come out positive).
SIGN_REFERENCES = ("USA", "GBR", "FRA", "ISR", "CAN")


def _session_scores(model: Model) -> np.ndarray:
    """First principal component of each session's vote matrix, (K,).

    For session ``t`` the (countries x roll calls) matrix of votes 0/1/2, centred by roll call
    with missing votes left at 0, is decomposed by SVD; the scores of the first component are
    standardised and oriented so that the first of :data:`SIGN_REFERENCES` present is positive;
    without a reference country, so that they correlate positively with the previous session's
    scores over the countries both have (the random walk links consecutive sessions, so a
    session flipped at the start would be a local optimum); without three such countries, so
    that they rise with the share of *no* votes.
    """
    d = model.data
    y = d.y.astype(float)
    unit_session = d.session[d.k]
    out = np.zeros(model.K)
    by_country: dict[str, float] = {}
    for t in np.unique(d.session):
        obs = np.flatnonzero(unit_session == t)
        units, r = np.unique(d.k[obs], return_inverse=True)
        items, c = np.unique(d.j[obs], return_inverse=True)
        M = np.zeros((units.size, items.size))
        M[r, c] = y[obs] - (np.bincount(c, y[obs]) / np.bincount(c))[c]
        u, sv, _ = np.linalg.svd(M, full_matrices=False)
        score = u[:, 0] * sv[0]
        score = (score - score.mean()) / (score.std() or 1.0)
        names = d.iso3[units]
        ref = next((units[names == c] for c in SIGN_REFERENCES if np.any(names == c)), None)
        shared = [i for i, n in enumerate(names) if n in by_country]
        if ref is not None:
            sign = np.sign(score[np.searchsorted(units, ref)].sum())
        elif len(shared) >= 3:
            before = np.array([by_country[n] for n in names[shared]])
            sign = np.sign(np.corrcoef(score[shared], before)[0, 1])
        else:
            sign = np.sign(np.corrcoef(score, M.mean(axis=1))[0, 1])
        out[units] = score * (sign if np.isfinite(sign) and sign != 0 else 1.0)
        by_country.update(zip(names, out[units], strict=True))
    return out


def initial_values(model: Model, seed: int = 0) -> np.ndarray:
    """Starting point ``x0`` (K + 3J,).

    ``theta``: session-wise first principal components (:func:`_session_scores`) plus
    N(0, 0.01^2) jitter from ``seed``. ``beta``: the sign of the item's covariance between vote
    and starting ``theta``. ``tau``: logits of the item's cumulative vote shares.
    """
    d = model.data
    J = model.J
    y = d.y.astype(float)
    theta = _session_scores(model) + np.random.default_rng(seed).normal(0.0, 0.01, model.K)
    n_j = np.bincount(d.j, minlength=J).astype(float)
    t = theta[d.k]
    cov = np.bincount(d.j, y * t, minlength=J) / n_j - (
        np.bincount(d.j, y, minlength=J) * np.bincount(d.j, t, minlength=J) / n_j**2
    )
    beta = np.where(cov >= 0, 1.0, -1.0)
    mean_eta = beta * np.bincount(d.j, t, minlength=J) / n_j
    share = np.stack([np.bincount(d.j[d.y == c], minlength=J) for c in (0, 1)], 1) / n_j[:, None]
    cum = np.clip(np.cumsum(share, axis=1), 0.02, 0.98)
    tau0 = logit(cum[:, 0]) + mean_eta
    tau1 = np.maximum(logit(cum[:, 1]) + mean_eta, tau0 + 0.05)
    return model.pack(theta, beta, tau0, np.log(tau1 - tau0))


def theta_standard_errors(model: Model, x: np.ndarray) -> np.ndarray:
    """Laplace standard errors of ``theta`` (K,) given the item parameters.

    The posterior precision of ``theta`` conditional on the items is
    ``H = diag(I) + Q + (I - P) / s^2`` (K, K): ``I`` from :meth:`Model.theta_information`,
    ``Q`` the random-walk precision, ``P`` the session averaging of the exchangeable prior
    (``s = s_theta``). ``B = diag(I) + Q + I / s^2`` is tridiagonal (one block per country) and
    ``P = S diag(1/n) S'`` with ``S`` (K, T) the session indicators, so by Woodbury
    ``H^-1 = B^-1 + Z (s^2 diag(n) - S' Z)^-1 Z'`` with ``Z = B^-1 S`` (K, T), and
    ``se = sqrt(diag(H^-1))``; ``diag(B^-1)`` comes from inverting each country's block.
    Item-parameter uncertainty is not propagated.
    """
    s2 = model.priors.s_theta**2
    B = (sp.diags(model.theta_information(x) + 1.0 / s2) + model.Q).tocsr()
    iso = model.data.iso3
    starts = np.flatnonzero(np.r_[True, iso[1:] != iso[:-1]])
    ends = np.r_[starts[1:], iso.size]
    var = np.empty(model.K)
    for a, b in zip(starts, ends, strict=True):
        var[a:b] = np.diag(np.linalg.inv(B[a:b, a:b].toarray()))
    T = model.session_size.size
    S = np.zeros((model.K, T))
    S[np.arange(model.K), model.unit_session] = 1.0
    off = B.diagonal(-1)
    band = np.vstack([np.r_[0.0, off], B.diagonal(), np.r_[off, 0.0]])
    Z = solve_banded((1, 1), band, S)
    core = s2 * np.diag(model.session_size) - S.T @ Z
    var += np.einsum("kt,kt->k", Z @ np.linalg.inv(core), Z)
    return np.sqrt(var)


def _identify(model: Model, x: np.ndarray) -> tuple[np.ndarray, float, float, str | None]:
    """Reflect so the first of :data:`SIGN_REFERENCES` present has a positive mean ideal point,
    then shift and scale so the ideal points of all country-sessions have mean 0 and sd 1 (the
    normalisation of the published BSV estimates). The likelihood is unchanged: with
    ``theta' = (theta - m) / s``, ``beta' = beta * s`` and ``tau' = tau - beta * m``.
    Returns the new ``x``, ``m``, ``s`` (after the reflection) and the reference used."""
    theta, beta, tau0, delta = (v.copy() for v in model.unpack(x))
    iso = model.data.iso3
    ref = next((c for c in SIGN_REFERENCES if np.any(iso == c)), None)
    if ref is not None:
        flip = theta[iso == ref].mean() < 0
    else:  # orient so that voting "no" more often means a higher ideal point
        score = np.bincount(model.data.k, model.data.y.astype(float), minlength=model.K)
        flip = np.corrcoef(theta, score / np.bincount(model.data.k, minlength=model.K))[0, 1] < 0
    if flip:
        theta, beta = -theta, -beta
    m, s = float(theta.mean()), float(theta.std()) or 1.0
    return model.pack((theta - m) / s, beta * s, tau0 - beta * m, delta), m, s, ref


def estimate_ideal_points(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame,
    *,
    years: tuple[int, int] | None = None,
    countries: list[str] | None = None,
    seed: int = 0,
    progress: bool = True,
    **options: float | int | bool,
) -> IdealPointResult:
    """Dynamic one-dimensional ideal points of UNGA members, one per country and session.

    ``votes``: one row per country-vote (``rcid, session, iso3, vote`` in Voeten's codebook, as
    :func:`chainpower.data.unvotes.load_unvotes` returns); ``roll_calls``: ``rcid, session,
    short, descr, amend, para`` (:func:`chainpower.data.unvotes.load_roll_calls`). ``years``
    selects sessions by their year ``session + 1945`` (inclusive); ``countries`` ISO3 codes.

    Options: ``sigma, s_theta, s_beta, s_tau, s_delta`` (:class:`Priors`), ``bridge`` (default
    True), ``maxiter`` (Newton iterations, 100), ``gtol`` (convergence when the largest absolute
    gradient entry of the negative log posterior is at most ``gtol``, 1e-6), ``level`` (interval
    level, 0.9 like BSV's q05-q95). The model, the MAP fit and the identification are in
    ``docs/idealpoints.md``; ``info["converged"]`` says whether ``gtol`` was met.
    Deterministic for a given ``seed`` (it only jitters the starting point).
    """
    prior_keys = {"sigma", "s_theta", "s_beta", "s_tau", "s_delta"}
    known = prior_keys | {"bridge", "maxiter", "gtol", "level"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise InputError(f"unknown options {unknown}; known: {sorted(known)}", label=unknown[0])
    priors = Priors(**{k: float(v) for k, v in options.items() if k in prior_keys})
    if min(priors.sigma, priors.s_theta, priors.s_beta, priors.s_tau, priors.s_delta) <= 0:
        raise InputError("prior scales must be positive", label=str(priors))
    level = float(options.get("level", 0.9))
    if not 0 < level < 1:
        raise InputError(f"level must lie in (0, 1), got {level}", label="level")
    data: VoteData = build_vote_data(
        votes,
        roll_calls,
        years=years,
        countries=countries,
        bridge=bool(options.get("bridge", True)),
    )
    model = Model(data, priors)
    x0 = initial_values(model, seed)
    maxiter = int(options.get("maxiter", 100))
    bar = _progress(range(maxiter), desc="ideal points (Newton)", disable=not progress or None)

    def step(_: np.ndarray) -> None:
        next(bar, None)

    try:
        res = newton_map(
            model, x0, maxiter=maxiter, gtol=float(options.get("gtol", 1e-6)), callback=step
        )
    finally:
        bar.close()  # type: ignore[attr-defined]
    x, m, s, ref = _identify(model, res.x)
    se = theta_standard_errors(model, res.x) / s
    theta, beta, tau0, delta = model.unpack(x)
    z = float(ndtri(0.5 + level / 2))
    return IdealPointResult(
        iso3=data.iso3,
        session=data.session,
        ideal=theta.copy(),
        se=se,
        level=level,
        z=z,
        beta=beta.copy(),
        tau=np.stack([tau0, tau0 + np.exp(delta)], 1),
        item_rcids=data.item_rcids,
        n_votes=np.bincount(data.k, minlength=data.n_units),
        info={
            "n_obs": data.n_obs,
            "n_units": data.n_units,
            "n_items": data.n_items,
            "n_bridges": data.n_bridges,
            "n_bridged_rcids": data.n_bridged_rcids,
            "n_dropped_items": data.n_dropped_items,
            "iterations": res.iterations,
            "cg_iterations": res.cg_iterations,
            "evaluations": res.evaluations,
            "converged": res.converged,
            "grad_max": res.grad_max,
            "message": res.message,
            "neg_log_posterior": float(res.fun),
            "sign_reference": ref,
            "shift": m,
            "scale": s,
            "seed": seed,
            "priors": priors,
        },
    )
