"""Few-cluster inference: one function per method, each returning rows of the coefficient schema.

Notation: ``G`` clusters, ``N`` rows, ``β̂`` (k,) coefficients, ``X`` (N, k) regressors after
the fixed effects are projected out, ``û`` (N,) residuals, ``c`` the small-sample factor of
:mod:`chainpower.studies.design`. Every t-based p-value and interval uses ``t(G−1)``.

``crv1``
    ``V = c · (X'X)⁻¹ [Σ_g X_g' û_g û_g' X_g] (X'X)⁻¹`` (Liang & Zeger 1986; Cameron, Gelbach &
    Miller 2008, eq. 4 with the CR1 factor ``c = G/(G−1)·(N−1)/(N−K)``).
``cr3``
    Jackknife ``V = Σ_g (β̂_(g) − β̂)(β̂_(g) − β̂)'`` from leave-one-cluster-out refits, no
    scale factor: clubSandwich's ``CR3`` (Bell & McCaffrey 2002; Pustejovsky & Tipton 2018)
    where the fixed effects are nested in the clusters. ``cr3_mnw`` is MacKinnon, Nielsen &
    Webb's (2023, eq. 17) ``CV3 = (G−1)/G · V``, the other convention in the literature.
``wild``
    Restricted wild cluster bootstrap (WCR, null imposed; Cameron, Gelbach & Miller 2008;
    MacKinnon & Webb 2017, 2018; Roodman et al. 2019) of the CR1 t. Rule: when ``2^G < B``
    all ``2^G`` Rademacher sign vectors are enumerated (exact; G ≤ 13 at B = 9999), otherwise
    B draws of Webb's (2014) six-point weights. p = share of ``|t*_b| > |t|``.
``ri``
    Randomization inference (Fisher; Young 2019): permute the cluster-level values of
    ``ri_column`` across the clusters (the economies: the level at which trust is assigned,
    also in stacked models whose unit is country × industry), rebuild every term made from
    it, refit, and compare the CR1 t
    (the randomization-t). ``p = (1 + #{|t*_p| ≥ |t|}) / (1 + P)``, the "+1" convention that
    counts the observed assignment (Phipson & Smyth 2010), so p ≥ 1/(P+1) and the test is exact
    in size under exchangeability.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from chainpower.studies import _pyfixest
from chainpower.studies.design import Design, term_factors
from chainpower.studies.transforms import unit_constant

__all__ = ["METHODS", "cr3", "crv1", "ri", "ri_statistics", "row", "wild", "wild_weights_rule"]

METHODS: tuple[str, ...] = ("crv1", "cr3", "cr3_mnw", "wild", "ri")


def row(term: str, method: str, estimate: float, **kw: Any) -> dict[str, Any]:
    """One schema row (the model-level columns are added by ``estimate``)."""
    base = {"se": np.nan, "stat": np.nan, "df": np.nan, "p": np.nan, "ci_low": np.nan,
            "ci_high": np.nan, "status": "ok", "reason": ""}
    return {"term": term, "method": method, "estimate": float(estimate), **base, **kw}


def _t_rows(
    terms: tuple[str, ...], method: str, coef: np.ndarray, vcov: np.ndarray, g: int,
    level: float, reason: str,
) -> list[dict[str, Any]]:
    df = g - 1
    crit = float(stats.t.ppf(0.5 + level / 2.0, df))
    out = []
    for j, term in enumerate(terms):
        se = float(np.sqrt(vcov[j, j]))
        t = coef[j] / se
        out.append(row(
            term, method, coef[j], se=se, stat=t, df=float(df),
            p=float(2.0 * stats.t.sf(abs(t), df)), ci_low=coef[j] - crit * se,
            ci_high=coef[j] + crit * se, reason=reason,
        ))
    return out


def crv1(
    design: Design, coef: np.ndarray, vcov: np.ndarray, level: float
) -> list[dict[str, Any]]:
    """CR1 rows from the (already scaled) covariance of the terms (first ``len(terms)`` entries)."""
    reason = f"CR1, c = {design.factor:.6g} (K = {design.df_k}, k_fixef = {design.k_fixef}); t(G-1)"
    return _t_rows(design.terms, "crv1", coef, vcov, design.n_clusters, level, reason)


def cr3(
    design: Design, coef: np.ndarray, vcov_jack: np.ndarray, level: float, *, mnw: bool = False
) -> list[dict[str, Any]]:
    """CR3 (jackknife) rows; ``mnw=True`` scales by (G−1)/G (MacKinnon, Nielsen & Webb 2023)."""
    g = design.n_clusters
    scale = (g - 1) / g if mnw else 1.0
    method = "cr3_mnw" if mnw else "cr3"
    reason = "jackknife x (G-1)/G (MNW 2023)" if mnw else "jackknife, no factor (CR3)"
    reason += "; t(G-1)"
    return _t_rows(design.terms, method, coef, scale * vcov_jack, g, level, reason)


def wild_weights_rule(n_clusters: int, n_boot: int) -> str:
    """``"rademacher"`` (then enumerated: 2^G < B) or ``"webb"`` (B random draws)."""
    return "rademacher" if 2**n_clusters < n_boot else "webb"


def wild(
    design: Design, fit: _pyfixest.OlsFit, coef: np.ndarray, *, n_boot: int, seed: int
) -> list[dict[str, Any]]:
    """WCR11 bootstrap p-value per term (see the module docstring for the weight rule)."""
    weights = wild_weights_rule(design.n_clusters, n_boot)
    out = []
    for j, (term, col) in enumerate(zip(design.terms, design.term_cols, strict=True)):
        t, p, used = _pyfixest.wild_pvalue(
            fit, col, cluster="_g", reps=n_boot, weights=weights, seed=seed
        )
        how = (f"Rademacher, full enumeration of 2^{design.n_clusters} = {used}"
               if weights == "rademacher" else f"Webb 6-point, B = {used}")
        out.append(row(term, "wild", coef[j], stat=t, p=p,
                       reason=f"WCR (null imposed), {how}; p-value only: no se or interval"))
    return out


def _permuted_clusters(n_units: int, n_perm: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.stack([rng.permutation(n_units) for _ in range(n_perm)])


def _rebuild(design: Design, ri_column: str, values: np.ndarray) -> np.ndarray:
    """(N, k) regressors with ``ri_column`` replaced by cluster-level ``values`` (G,)."""
    src = design.source
    per_row = values[design.data["_g"].to_numpy()]
    cols = []
    for term in (*design.terms, *design.controls):
        prod = np.ones(design.n_obs)
        for base in term_factors(term):
            prod = prod * (per_row if base == ri_column else src[base].to_numpy(dtype=float))
        cols.append(prod)
    return np.column_stack(cols)


def ri_statistics(
    design: Design, ri_column: str, perms: np.ndarray, chunk: int = 200
) -> tuple[np.ndarray, np.ndarray]:
    """Observed CR1 t (k,) and permuted t's (P, k) by FWL on the fixed-effect-demeaned data.

    Each permutation's regression of ỹ on X̃_p is solved in a batch (einsum), which equals a
    pyfixest refit (tested); only the columns built from ``ri_column`` change.
    """
    level_values = unit_constant(design.source.assign(_g=design.data["_g"]), ri_column, "_g",
                                 names=design.source[design.cluster])
    base = level_values.sort_index().to_numpy(dtype=float)
    codes = design.fe_codes()
    y = _pyfixest.demean(design.data[["_y"]].to_numpy(), codes)[:, 0]
    onehot = np.zeros((design.n_clusters, design.n_obs))
    onehot[design.data["_g"].to_numpy(), np.arange(design.n_obs)] = 1.0

    def tstats(xs: np.ndarray) -> np.ndarray:  # xs: (P, N, k) demeaned
        xtx = np.einsum("pnk,pnl->pkl", xs, xs)
        inv = np.linalg.inv(xtx)
        beta = np.einsum("pkl,pnl,n->pk", inv, xs, y)
        e = y[None, :] - np.einsum("pnk,pk->pn", xs, beta)
        scores = np.einsum("gn,pnk->pgk", onehot, xs * e[:, :, None])
        meat = np.einsum("pgk,pgl->pkl", scores, scores)
        v = np.einsum("pkl,plm,pmn->pkn", inv, meat, inv) * design.factor
        return np.asarray(beta / np.sqrt(np.einsum("pkk->pk", v)))

    k = len(design.terms) + len(design.controls)
    obs = tstats(_pyfixest.demean(_rebuild(design, ri_column, base), codes)[None])[0]
    out = []
    for start in range(0, len(perms), chunk):
        block = perms[start:start + chunk]
        xs = np.concatenate([_rebuild(design, ri_column, base[p]) for p in block], axis=1)
        xs = _pyfixest.demean(xs, codes).reshape(design.n_obs, len(block), k).transpose(1, 0, 2)
        out.append(tstats(xs))
    return obs, np.concatenate(out, axis=0)


def ri(
    design: Design,
    coef: np.ndarray,
    *,
    ri_column: str | None,
    n_perm: int,
    seed: int,
    refit: Callable[[pd.DataFrame], np.ndarray] | None = None,
) -> list[dict[str, Any]]:
    """Randomization-inference rows (permuting ``ri_column``'s cluster-level values).

    ``refit`` (for random effects) maps a permuted source frame to the terms' t statistics;
    without it the batched FWL path of :func:`ri_statistics` is used.
    """
    terms = design.terms
    if ri_column is None:
        return [row(t, "ri", coef[j], status="unavailable",
                    reason="no ri_column given: nothing to permute") for j, t in enumerate(terms)]
    involved = [ri_column in term_factors(t) for t in terms]
    n_units = design.n_clusters
    perms = _permuted_clusters(n_units, n_perm, seed)
    if refit is None:
        t_obs, t_perm = ri_statistics(design, ri_column, perms)
        t_obs, t_perm = t_obs[: len(terms)], t_perm[:, : len(terms)]
    else:
        values = unit_constant(design.source.assign(_g=design.data["_g"]), ri_column, "_g",
                                 names=design.source[design.cluster])
        base = values.sort_index().to_numpy(dtype=float)
        u = design.data["_g"].to_numpy()
        t_obs = refit(design.source)
        t_perm = np.stack([refit(design.source.assign(**{ri_column: base[p][u]})) for p in perms])
    out = []
    for j, term in enumerate(terms):
        if not involved[j]:
            out.append(row(term, "ri", coef[j], status="unavailable",
                           reason=f"term is not built from ri_column '{ri_column}' "
                                  "(write products as 'a:b' so they can be rebuilt)"))
            continue
        hits = int(np.sum(np.abs(t_perm[:, j]) >= abs(t_obs[j]) - 1e-12 * abs(t_obs[j])))
        p = (1 + hits) / (1 + len(perms))
        out.append(row(term, "ri", coef[j], stat=float(t_obs[j]), p=p,
                       reason=f"randomization-t, {len(perms)} permutations of '{ri_column}' "
                              f"across {n_units} clusters, p = (1 + hits)/(1 + P); p-value only"))
    return out
