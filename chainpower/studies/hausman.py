"""Random versus fixed effects: the classic Hausman test and its cluster-robust Mundlak version.

Classic (Hausman 1978; Wooldridge 2010, eq. 10.78)::

    H = (β̂_FE − β̂_RE)' [V̂_FE − V̂_RE]⁻¹ (β̂_FE − β̂_RE)  ~  χ²(q)

with ``β̂`` (q,) the coefficients of the q time-varying regressors and ``V̂`` their
*conventional* covariances (plm ``phtest``). It is valid only when RE is efficient, i.e.
under homoskedastic, serially uncorrelated idiosyncratic errors: under clustering or
heteroskedasticity ``V̂_FE − V̂_RE`` is not the variance of the difference (it need not even be
positive definite) and the test has the wrong size. Report it with that caveat.

Cluster-robust Mundlak / auxiliary regression (Mundlak 1978; Wooldridge 2010, §10.7.3, eq.
10.88): pooled OLS of ``y_it`` on ``x_it`` and the unit means ``x̄_i`` (n, q), then the
Wald test of ``γ = 0`` on the means' coefficients with the CR1 covariance::

    W = γ̂' V̂_CR1(γ̂)⁻¹ γ̂  ~  χ²(q);   W / q  ~  F(q, G − 1) (reported too)

Its coefficients on ``x_it`` equal the FE estimates (tested). Rejecting says the unit effects
are correlated with the regressors, so RE is inconsistent and FE is preferred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from chainpower.errors import EstimationError
from chainpower.results import Result
from chainpower.studies import _linearmodels, _pyfixest
from chainpower.studies.design import Design, build_design

__all__ = ["HausmanResult", "hausman", "mundlak_test"]

CLASSIC_CAVEAT = (
    "classic Hausman: valid only under homoskedastic, serially uncorrelated errors (RE "
    "efficient); invalid under clustering or heteroskedasticity - see the Mundlak version"
)


@dataclass(frozen=True, eq=False, repr=False)
class HausmanResult(Result):
    """One RE-vs-FE test: statistic, degrees of freedom, p-value and the coefficient detail."""

    test: str
    statistic: float
    df: int
    p: float
    distribution: str
    note: str
    n_obs: int
    n_clusters: int
    detail: pd.DataFrame = field(repr=False)
    p_f: float | None = None

    def _repr_fields(self) -> dict[str, Any]:
        return {"test": self.test, "stat": round(self.statistic, 4), "df": self.df,
                "p": round(self.p, 4), "n_obs": self.n_obs, "G": self.n_clusters}

    @property
    def summary(self) -> pd.DataFrame:
        return self.to_frame().set_index("test")

    def to_frame(self) -> pd.DataFrame:
        """One row: test, statistic, df, distribution, p, p_f (F(q, G−1) or the reason), note."""
        return pd.DataFrame([{
            "test": self.test, "statistic": self.statistic, "df": self.df,
            "distribution": self.distribution, "p": self.p,
            "p_f": np.nan if self.p_f is None else self.p_f,
            "n_obs": self.n_obs, "n_clusters": self.n_clusters,
            "note": self.note if self.p_f is not None else self.note + "; no F version",
        }])

    def _meta(self) -> dict[str, Any]:
        return {"test": self.test, "note": self.note,
                "detail": self.detail.reset_index().to_dict(orient="list")}


def _design(df: pd.DataFrame, outcome: str, regressors: Sequence[str], unit: str, time: str,
            cluster: str) -> Design:
    kw: dict[str, Any] = dict(outcome=outcome, terms=tuple(regressors), controls=(), unit=unit,
                              time=time, cluster=cluster, absorb=None, k_fixef="none")
    build_design(df, model="fe", **kw)  # refuses a regressor without within-unit variation
    return build_design(df, model="re", **kw)


def hausman(
    df: pd.DataFrame, *, outcome: str, regressors: Sequence[str], unit: str = "country",
    time: str = "year",
) -> HausmanResult:
    """Classic Hausman test of RE against one-way FE (conventional covariances; see caveat)."""
    d = _design(df, outcome, regressors, unit, time, unit)
    fe = _linearmodels.fit_fe_unadjusted(d.data, "_y", d.term_cols, unit="_u", time="_time")
    re = _linearmodels.fit_re(d.data, "_y", d.term_cols, unit="_u", time="_time", cluster=None)
    diff = fe.coef - re.coef[1:]
    vdiff = fe.vcov - re.vcov[1:, 1:]
    stat = float(diff @ np.linalg.solve(vdiff, diff))
    q = len(d.terms)
    note = CLASSIC_CAVEAT
    if np.any(np.linalg.eigvalsh(vdiff) <= 0):
        note += "; V_FE - V_RE is not positive definite here"
    detail = pd.DataFrame({"fe": fe.coef, "re": re.coef[1:], "difference": diff,
                           "se_difference": np.sqrt(np.abs(np.diag(vdiff)))},
                          index=pd.Index(d.terms, name="term"))
    return HausmanResult(test="hausman_classic", statistic=stat, df=q,
                         p=float(stats.chi2.sf(stat, q)), distribution=f"chi2({q})", note=note,
                         n_obs=d.n_obs, n_clusters=d.n_clusters, detail=detail)


def mundlak_test(
    df: pd.DataFrame, *, outcome: str, regressors: Sequence[str], unit: str = "country",
    time: str = "year", cluster: str = "country",
) -> HausmanResult:
    """Cluster-robust Mundlak test (pooled OLS with unit means, CR1 Wald test on the means).

    The CR1 factor is ``G/(G−1)·(N−1)/(N−K)`` with K = 2q + 1 (clubSandwich ``CR1S``).
    """
    d = _design(df, outcome, regressors, unit, time, cluster)
    data = d.data.copy()
    means = [f"_m{j}" for j in range(len(d.terms))]
    for col, mean in zip(d.term_cols, means, strict=True):
        data[mean] = data.groupby("_u")[col].transform("mean")
    fit = _pyfixest.fit_ols(data, "_y", d.term_cols + means, [], "_g")
    if not set(means) <= set(fit.names):
        raise EstimationError("unit means are collinear with the regressors", model="mundlak")
    q, n, g = len(means), d.n_obs, d.n_clusters
    k = 2 * q + 1
    factor = g / (g - 1) * (n - 1) / (n - k)
    idx = [fit.names.index(m) for m in means]
    gamma = fit.coef[idx]
    v = factor * fit.vcov_raw[np.ix_(idx, idx)]
    stat = float(gamma @ np.linalg.solve(v, gamma))
    xdx = [fit.names.index(c) for c in d.term_cols]
    detail = pd.DataFrame({"within": fit.coef[xdx], "mean_coefficient": gamma,
                           "se_mean_coefficient": np.sqrt(np.diag(v))},
                          index=pd.Index(d.terms, name="term"))
    return HausmanResult(
        test="mundlak_cr1", statistic=stat, df=q, p=float(stats.chi2.sf(stat, q)),
        distribution=f"chi2({q})", p_f=float(stats.f.sf(stat / q, q, g - 1)),
        note=f"cluster-robust (CR1, G = {g}) Wald test on the unit means; F(q, G-1) in p_f",
        n_obs=n, n_clusters=g, detail=detail,
    )
