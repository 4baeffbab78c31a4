"""The only module that imports pyfixest (and, through it, wildboottest).

Every call works on a frame with safe internal column names (``_y``, ``_t0``, ``_c0``, ``_f0``,
``_g``) built by :mod:`chainpower.studies.estimate`, so formula parsing never meets a user's
column name. Covariances are taken *raw* (``ssc(k_adj=False, G_adj=False)``) and the
small-sample factor is applied by the caller, deterministically: pyfixest 0.60 decides which
fixed effects are "nested" in the clusters in an order that depends on ``PYTHONHASHSEED``
for two-way models (Grunfeld TWFE: ``df_k`` 3 or 22 from run to run), so we never rely on it.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "OlsFit", "crv3_vcov", "demean", "fit_ols", "version", "wild_pvalue", "wild_pvalue_reference",
]


@dataclass(frozen=True, eq=False)
class OlsFit:
    """Coefficients (k,), raw cluster sandwich (k, k), the pyfixest fit (for the bootstrap)."""

    names: tuple[str, ...]
    coef: np.ndarray
    vcov_raw: np.ndarray
    n_obs: int
    fit: Any


def version() -> str:
    import pyfixest

    return str(pyfixest.__version__)


def _formula(outcome: str, regressors: list[str], fixed_effects: list[str]) -> str:
    rhs = " + ".join(regressors)
    return f"{outcome} ~ {rhs}" + (f" | {' + '.join(fixed_effects)}" if fixed_effects else "")


def _raw_ssc() -> dict[str, Any]:
    import pyfixest as pf

    return pf.ssc(k_adj=False, G_adj=False)


def fit_ols(
    data: pd.DataFrame, outcome: str, regressors: list[str], fixed_effects: list[str], cluster: str
) -> OlsFit:
    """``feols`` with CRV1 by ``cluster``, no small-sample factor (Σ_g X_g'û_g û_g'X_g sandwich).

    ``fixef_rm="none"``: pyfixest would otherwise drop fixed-effect singletons silently.
    """
    import pyfixest as pf

    fml = _formula(outcome, regressors, fixed_effects)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = pf.feols(fml, data=data, vcov={"CRV1": cluster}, ssc=_raw_ssc(), fixef_rm="none")
    coef = fit.coef()
    return OlsFit(
        names=tuple(str(n) for n in coef.index),
        coef=coef.to_numpy(dtype=float),
        vcov_raw=np.asarray(fit._vcov, dtype=float),
        n_obs=int(fit._N),
        fit=fit,
    )


def crv3_vcov(
    data: pd.DataFrame, outcome: str, regressors: list[str], fixed_effects: list[str], cluster: str
) -> tuple[tuple[str, ...], np.ndarray]:
    """pyfixest ``CRV3``: Σ_g (β̂_(g) − β̂)(β̂_(g) − β̂)' over leave-one-cluster-out fits.

    The fixed effects enter as dummies (``C(f)``), so pyfixest takes its closed-form path,
    ``β̂_(g) = (X'X − X_g'X_g)⁺ (X'y − X_g'y_g)`` (the minimum-norm solution leaves the slopes
    identified when a cluster's own dummy drops out) instead of G refits; the slopes equal the
    refits' exactly. With the raw ssc this is the jackknife without MacKinnon–Nielsen–Webb's
    ``(G−1)/G``.
    """
    import pyfixest as pf

    fml = _formula(outcome, [*regressors, *(f"C({f})" for f in fixed_effects)], [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = pf.feols(fml, data=data, vcov={"CRV3": cluster}, ssc=_raw_ssc())
    return tuple(str(n) for n in fit.coef().index), np.asarray(fit._vcov, dtype=float)


def wild_pvalue(
    fit: OlsFit, param: str, *, cluster: str, reps: int, weights: str, seed: int
) -> tuple[float, float, int]:
    """Restricted (WCR11) wild cluster bootstrap: ``(t, p, B actually used)``.

    The ``wildboottest`` package's ``WildboottestCL`` (Roodman et al. 2019 algorithm; the code
    pyfixest's ``Feols.wildboottest`` runs), null ``β_param = 0`` imposed, fixed effects as
    dummies (pyfixest's one-hot design). The package enumerates all ``2^G`` Rademacher sign
    vectors itself when ``2^G < reps``. p = share of bootstrap ``|t*| > |t|`` (no "+1").

    One change: the package builds its numba denominator kernel inside the method, so it is
    recompiled on every call (≈1.7 s); we compute the same CR1 denominator with numpy,
    ``denom_b = ssc · Σ_g (C_g v_gb − Σ_h H_gh v_hb)²`` (equal to the kernel; tested).
    """
    from wildboottest.wildboottest import WildboottestCL

    y, x, names = fit.fit._model_matrix_one_hot()
    restriction = np.zeros(len(names))
    restriction[list(names).index(param)] = 1.0
    clusters = np.asarray(fit.fit._data[cluster]).ravel()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        boot = WildboottestCL(X=np.asarray(x), Y=np.asarray(y).ravel(), cluster=clusters,
                              R=restriction, B=reps, seed=seed)
        boot.get_scores(bootstrap_type="11", impose_null=True, adj=True, cluster_adj=True)
        boot.get_weights(weights_type=weights)
        boot.get_numer()
        _fast_denominator(boot)
        boot.get_tboot()
        boot.get_vcov()
        boot.get_tstat()
        boot.get_pvalue(pval_type="two-tailed")
    return float(np.ravel(boot.t_stat)[0]), float(boot.pvalue), int(boot.B)


def _fast_denominator(boot: Any) -> None:
    """``WildboottestCL.get_denom`` for CR1, vectorised (same H and C_g as the package)."""
    tinv = boot.tXXinv
    left = boot.R @ tinv  # (k,)
    a = np.stack([left @ xgxg @ tinv for xgxg in boot.tXgXg_list])  # (G, k)
    h = a @ boot.scores_mat  # (G, G): H_gh = R (X'X)^-1 X_g'X_g (X'X)^-1 s_h
    cg = np.ravel(boot.Cg)
    z = cg[:, None] * boot.v - h @ boot.v
    boot.denom = boot.ssc * np.sum(z**2, axis=0)


def wild_pvalue_reference(
    fit: OlsFit, param: str, *, cluster: str, reps: int, weights: str, seed: int
) -> tuple[float, float]:
    """The same test through pyfixest's own ``Feols.wildboottest`` (slow; for tests)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = fit.fit.wildboottest(reps=reps, cluster=cluster, param=param,
                                   weights_type=weights, impose_null=True,
                                   bootstrap_type="11", seed=seed)
    return float(out["t value"]), float(out["Pr(>|t|)"])


def demean(x: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Columns of ``x`` (n, m) with the fixed effects ``codes`` (n, f) projected out.

    Alternating projections (pyfixest's ``demean``) to ``1e-12``; with no fixed effect the
    column means are removed (the intercept).
    """
    x = np.ascontiguousarray(x, dtype=float)
    if codes.shape[1] == 0:
        return x - x.mean(axis=0)
    from pyfixest.estimation import demean as _demean

    out, converged = _demean(
        x, codes.astype(np.uint64), np.ones(x.shape[0]), tol=1e-12, maxiter=100_000
    )
    if not converged:  # pragma: no cover - needs a pathological fixed-effect structure
        from chainpower.errors import EstimationError

        raise EstimationError("fixed-effect demeaning did not converge")
    return np.asarray(out, dtype=float)
