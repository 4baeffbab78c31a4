"""``estimate()``: one panel model with its whole few-cluster inference menu.

Models (``../shared/docs/methods.md``, paper 000 §4; Wooldridge 2010, ch. 10):

==========  ==========================================================  ==================
``pooled``   ``y_it = α + x_it'β + u_it``                                 pyfixest ``feols``
``re``       GLS random effects, Swamy–Arora variance components           linearmodels
``fe``       ``y_it = a_i + x_it'β + u_it`` (unit fixed effects)            pyfixest ``feols``
``twfe``     ``y_it = a_i + d_t + x_it'β + u_it``                           pyfixest ``feols``
==========  ==========================================================  ==================

``absorb`` replaces the fixed effects, e.g. ``["country^industry", "year^industry"]`` for
the stacked model with industry interactions. Terms may be products ``"a:b"``. Inference
methods (:mod:`chainpower.studies.inference`) are computed at fit time and returned side by
side; an unavailable method is a row with ``status="unavailable"`` and its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from chainpower.errors import EstimationError, InputError
from chainpower.studies import _linearmodels, _pyfixest
from chainpower.studies import inference as _inf
from chainpower.studies.design import Design, KFixef, Model, build_design
from chainpower.studies.results import COEFFICIENT_COLUMNS, ModelResult, check_coefficients

__all__ = ["estimate"]

Method = Literal["crv1", "cr3", "cr3_mnw", "wild", "ri"]


def _re_fit(design: Design, source: pd.DataFrame | None = None) -> _linearmodels.PanelFit:
    data = design.data
    if source is not None:  # a permuted copy of the source: rebuild the regressors
        from chainpower.studies.design import term_factors

        data = data.copy()
        for col, term in zip(design.regressors, (*design.terms, *design.controls), strict=True):
            data[col] = np.prod([source[c].astype(float) for c in term_factors(term)], axis=0)
    return _linearmodels.fit_re(data, "_y", design.regressors, unit="_u", time="_time",
                                cluster="_g")


def _re_cr3(design: Design, coef_all: np.ndarray) -> np.ndarray:
    """Leave-one-cluster-out refits of the RE model: Σ_g (β̂_(g) − β̂)(β̂_(g) − β̂)'."""
    k = len(coef_all)
    acc = np.zeros((k, k))
    for g in range(design.n_clusters):
        keep = design.data["_g"].to_numpy() != g
        sub = design.data[keep].reset_index(drop=True)
        fit = _linearmodels.fit_re(sub, "_y", design.regressors, unit="_u", time="_time",
                                   cluster="_g")
        dev = fit.coef - coef_all
        acc += np.outer(dev, dev)
    return acc


def estimate(
    df: pd.DataFrame,
    *,
    outcome: str,
    terms: Sequence[str],
    controls: Sequence[str] = (),
    model: Model,
    unit: str = "country",
    time: str = "year",
    cluster: str = "country",
    absorb: Sequence[str] | None = None,
    inference: Sequence[Method] = ("crv1", "cr3", "wild", "ri"),
    level: float = 0.95,
    seed: int | None = None,
    n_boot: int = 9999,
    n_perm: int = 999,
    ri_column: str | None = None,
    study: str = "",
    name: str | None = None,
    k_fixef: KFixef = "nonnested",
) -> ModelResult:
    """Fit ``outcome ~ terms + controls`` as ``model`` and run every requested inference method.

    ``terms`` get a row per method; ``controls`` are estimated but not reported. ``cluster``
    is required in effect (no default-free clustering: the default is the country). Refuses
    with :class:`~chainpower.errors.EstimationError` (naming model and term) a term absorbed by
    the fixed effects, collinear terms, or fewer than 2 clusters; with
    :class:`~chainpower.errors.InputError` a missing column, a missing value, an unknown
    method. ``seed=None`` draws one (recorded in ``meta``), so every run can be repeated.
    ``k_fixef`` picks the CR1 small-sample ``K`` (see :mod:`chainpower.studies.design`).
    """
    methods = tuple(dict.fromkeys(inference))
    unknown = [m for m in methods if m not in inference_methods()]
    if unknown or not methods:
        raise InputError(
            f"unknown inference method(s) {unknown}; choose from {list(inference_methods())}",
            label="inference",
        )
    if not 0.0 < level < 1.0:
        raise InputError(f"level must lie in (0, 1), not {level}", label="level")
    if n_boot < 19 or n_perm < 19:
        raise InputError("n_boot and n_perm must be at least 19", label="n_boot/n_perm")
    design = build_design(
        df, model=str(model), outcome=outcome, terms=tuple(terms), controls=tuple(controls),
        unit=unit, time=time, cluster=cluster,
        absorb=None if absorb is None else tuple(absorb), k_fixef=str(k_fixef),
    )
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    k = len(design.terms)
    rows: list[dict[str, Any]] = []
    info: dict[str, Any] = {}
    jack: np.ndarray | None = None  # the CR3 jackknife, shared by cr3 and cr3_mnw
    if design.model == "re":
        fit_re = _re_fit(design)
        coef_all = fit_re.coef[1:]  # drop the constant
        coef = coef_all[:k]
        info.update(fit_re.variance)
        for m in methods:
            if m == "crv1":
                rows += _inf.crv1(design, coef, fit_re.vcov[1:, 1:], level)
            elif m in ("cr3", "cr3_mnw"):
                if jack is None:
                    jack = _re_cr3(design, fit_re.coef)[1:, 1:]
                rows += _inf.cr3(design, coef, jack, level, mnw=m == "cr3_mnw")
            elif m == "wild":
                rows += [_inf.row(t, "wild", coef[j], status="unavailable",
                                       reason="no wild cluster bootstrap for GLS random effects "
                                              "(wildboottest covers OLS only)")
                         for j, t in enumerate(design.terms)]
            else:
                def refit(src: pd.DataFrame) -> np.ndarray:
                    f = _re_fit(design, src)
                    return np.asarray(f.coef[1:k + 1] / np.sqrt(np.diag(f.vcov)[1:k + 1]))

                rows += _inf.ri(design, coef, ri_column=ri_column, n_perm=n_perm,
                                     seed=seed, refit=refit)
        library = {"linearmodels": _linearmodels.version()}
    else:
        fit = _pyfixest.fit_ols(design.data, "_y", design.regressors, design.fe_cols, "_g")
        if fit.n_obs != design.n_obs:  # pragma: no cover - guarded by the checks above
            raise EstimationError(f"pyfixest used {fit.n_obs} of {design.n_obs} rows",
                                  model=design.model)
        idx = [fit.names.index(c) for c in design.regressors if c in fit.names]
        if len(idx) != len(design.regressors):
            dropped = [t for t, c in zip((*design.terms, *design.controls), design.regressors,
                                         strict=True) if c not in fit.names]
            raise EstimationError("pyfixest dropped collinear term(s)", model=design.model,
                                  term=", ".join(dropped))
        coef = fit.coef[idx][:k]
        for m in methods:
            if m == "crv1":
                v = design.factor * fit.vcov_raw[np.ix_(idx, idx)]
                rows += _inf.crv1(design, coef, v, level)
            elif m in ("cr3", "cr3_mnw"):
                if jack is None:
                    names, vj = _pyfixest.crv3_vcov(design.data, "_y", design.regressors,
                                                    design.fe_cols, "_g")
                    jdx = [names.index(c) for c in design.regressors]
                    jack = vj[np.ix_(jdx, jdx)]
                rows += _inf.cr3(design, coef, jack, level, mnw=m == "cr3_mnw")
            elif m == "wild":
                rows += _inf.wild(design, fit, coef, n_boot=n_boot, seed=seed)
            else:
                rows += _inf.ri(design, coef, ri_column=ri_column, n_perm=n_perm, seed=seed)
        library = {"pyfixest": _pyfixest.version()}
    label = name or f"{design.model}: {outcome}"
    frame = pd.DataFrame(rows).assign(
        study=study, model=label, outcome=outcome, level=level, n_obs=design.n_obs,
        n_clusters=design.n_clusters,
    )
    frame = check_coefficients(frame[list(COEFFICIENT_COLUMNS)].reset_index(drop=True))
    from importlib.metadata import version as _v

    import scipy

    info.update(
        formula=f"{outcome} ~ {' + '.join((*design.terms, *design.controls))}"
        + (f" | {' + '.join(design.fixed_effects)}" if design.fixed_effects else ""),
        fixed_effects=list(design.fixed_effects),
        cluster=cluster,
        unit=unit,
        time=time,
        controls=list(design.controls),
        G=design.n_clusters,
        df=design.n_clusters - 1,
        k_fixef=design.k_fixef,
        df_k=design.df_k,
        small_sample_factor=design.factor,
        methods=list(methods),
        n_boot=n_boot,
        n_perm=n_perm,
        ri_column=ri_column,
        wild_weights=_inf.wild_weights_rule(design.n_clusters, n_boot),
        versions={**library, "numpy": np.__version__, "pandas": pd.__version__,
                  "scipy": scipy.__version__, "wildboottest": _v("wildboottest")},
    )
    return ModelResult(
        study=study, name=label, model=design.model, outcome=outcome, terms=design.terms,
        coefficients=frame, n_obs=design.n_obs, n_clusters=design.n_clusters, level=level,
        seed=seed, info=info,
    )


def inference_methods() -> tuple[str, ...]:
    """The inference methods :func:`estimate` knows."""
    return _inf.METHODS
