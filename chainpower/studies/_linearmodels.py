"""The only module that imports linearmodels: random effects (Swamy–Arora) and classic FE.

``RandomEffects`` estimates the variance components as plm's ``random.method="swar"`` does
(Grunfeld: σ²_ε = 2530.04, σ²_u = 6201.93, θ = 0.8586, equal to 1e-9); its clustered
covariance with ``debiased=True, group_debias=True`` is ``G/(G−1)·(N−1)/(N−K)`` times the
sandwich, i.e. plm ``vcovHC(type="sss", cluster="group")`` and clubSandwich ``CR1S``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["PanelFit", "fit_fe_unadjusted", "fit_re", "version"]


@dataclass(frozen=True, eq=False)
class PanelFit:
    names: tuple[str, ...]
    coef: np.ndarray
    vcov: np.ndarray
    n_obs: int
    variance: dict[str, float]


def version() -> str:
    import linearmodels

    return str(linearmodels.__version__)


def _panel_fit(res: Any, variance: dict[str, float]) -> PanelFit:
    """:class:`PanelFit` of a linearmodels panel result (coefficients, covariance, N)."""
    return PanelFit(
        names=tuple(str(n) for n in res.params.index),
        coef=res.params.to_numpy(dtype=float),
        vcov=res.cov.to_numpy(dtype=float),
        n_obs=int(res.nobs),
        variance=variance,
    )


def _panel(data: pd.DataFrame, unit: str, time: str) -> pd.DataFrame:
    return data.set_index([unit, time])


def fit_re(
    data: pd.DataFrame,
    outcome: str,
    regressors: list[str],
    *,
    unit: str,
    time: str,
    cluster: str | None,
) -> PanelFit:
    """GLS random effects with a constant; clustered (CR1S) covariance when ``cluster`` is given,
    the conventional one otherwise (as the classic Hausman test needs)."""
    from linearmodels.panel import RandomEffects

    p = _panel(data, unit, time)
    exog = p[regressors].assign(const=1.0)[["const", *regressors]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = RandomEffects(p[outcome], exog)
        if cluster is None:
            res = model.fit(cov_type="unadjusted")
        else:
            clusters = pd.DataFrame({"c": pd.factorize(p[cluster])[0]}, index=p.index)
            res = model.fit(
                cov_type="clustered", clusters=clusters, debiased=True, group_debias=True
            )
    vd = res.variance_decomposition
    return _panel_fit(
        res,
        {
            "sigma2_idiosyncratic": float(vd["Residual"]),
            "sigma2_unit": float(vd["Effects"]),
            "theta_mean": float(np.asarray(res.theta).mean()),
        },
    )


def fit_fe_unadjusted(
    data: pd.DataFrame, outcome: str, regressors: list[str], *, unit: str, time: str
) -> PanelFit:
    """One-way (unit) within estimator with the conventional covariance s²(X̃'X̃)⁻¹,
    s² = SSR/(N − n_units − K): the FE half of the classic Hausman test (plm ``phtest``)."""
    from linearmodels.panel import PanelOLS

    p = _panel(data, unit, time)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = PanelOLS(p[outcome], p[regressors], entity_effects=True).fit(
            cov_type="unadjusted", debiased=True
        )
    return _panel_fit(res, {})
