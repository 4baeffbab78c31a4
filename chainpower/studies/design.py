"""The estimation design: validated, renamed columns, fixed-effect codes, small-sample factor.

:func:`build_design` turns a user frame and model options into a :class:`Design` whose frame has
safe internal names (``_y`` outcome, ``_t0…`` terms, ``_c0…`` controls, ``_f0…`` fixed-effect
codes, ``_g`` cluster codes, ``_u`` unit codes), so pyfixest and linearmodels never parse a
user's column name. Terms may be products ``"a:b"`` of base columns (built here, rebuilt by
randomization inference).

Small-sample factor of the CR1 covariance (Cameron, Gelbach & Miller 2008; Stata, fixest):
``c = G/(G−1) · (N−1)/(N−K)``, where ``K`` depends on ``k_fixef``:

- ``"nonnested"`` (default; fixest ``ssc(k_fixef="nonnested")``, Stata ``xtreg, fe``/``areg``
  with clustering): slopes + levels of the fixed effects *not* nested in the clusters, plus one
  per fixed effect that is nested (``K = k + Σ levels − (n_fe − 1) − Σ nested levels + n_nested``);
- ``"none"`` (plm ``vcovHC(type="sss")``, clubSandwich ``CR1S``): slopes only;
- ``"full"``: slopes plus every fixed-effect level (``− (n_fe − 1)`` redundant ones).

For pooled OLS and random effects ``K`` counts the intercept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from chainpower.errors import EstimationError, InputError

__all__ = ["MODELS", "Design", "KFixef", "Model", "build_design", "term_factors"]

Model = Literal["pooled", "re", "fe", "twfe"]
KFixef = Literal["nonnested", "none", "full"]
MODELS: tuple[str, ...] = ("pooled", "re", "fe", "twfe")


def term_factors(term: str) -> tuple[str, ...]:
    """``"a:b"`` → ``("a", "b")``; a plain column → ``(column,)``."""
    parts = tuple(p.strip() for p in term.split(":"))
    if any(not p for p in parts):
        raise InputError(f"malformed term {term!r}", label=term)
    return parts


@dataclass(frozen=True, eq=False)
class Design:
    """Everything an inference method needs; ``data`` has the internal column names."""

    model: str
    outcome: str
    terms: tuple[str, ...]
    controls: tuple[str, ...]
    data: pd.DataFrame
    source: pd.DataFrame
    fixed_effects: tuple[str, ...]
    unit: str
    time: str
    cluster: str
    n_obs: int
    n_clusters: int
    k_fixef: str
    df_k: int
    factor: float

    @property
    def term_cols(self) -> list[str]:
        return [f"_t{i}" for i in range(len(self.terms))]

    @property
    def control_cols(self) -> list[str]:
        return [f"_c{i}" for i in range(len(self.controls))]

    @property
    def fe_cols(self) -> list[str]:
        return [f"_f{i}" for i in range(len(self.fixed_effects))]

    @property
    def regressors(self) -> list[str]:
        return self.term_cols + self.control_cols

    def fe_codes(self) -> np.ndarray:
        """(n, n_fe) integer codes of the fixed effects."""
        return self.data[self.fe_cols].to_numpy(dtype=np.int64).reshape(self.n_obs, -1)


def _fe_code(df: pd.DataFrame, spec: str) -> np.ndarray:
    cols = [c.strip() for c in spec.split("^")]
    if len(cols) == 1:
        return pd.factorize(df[cols[0]])[0]
    return df.groupby(cols, sort=True).ngroup().to_numpy()


def _nested(fe: np.ndarray, cluster: np.ndarray) -> bool:
    """Each level of the fixed effect lies in one cluster only."""
    pairs = pd.DataFrame({"f": fe, "g": cluster}).drop_duplicates()
    return bool(pairs["f"].is_unique)


def _df_k(k: int, fe: list[np.ndarray], cluster: np.ndarray, k_fixef: str) -> int:
    if not fe:
        return k
    levels = [int(np.unique(f).size) for f in fe]
    k_fe_adj = sum(levels) - (len(fe) - 1)
    if k_fixef == "none":
        return k
    if k_fixef == "full":
        return k + k_fe_adj
    nested = [lv for f, lv in zip(fe, levels, strict=True) if _nested(f, cluster)]
    return k + k_fe_adj - sum(nested) + len(nested)


def build_design(
    df: pd.DataFrame,
    *,
    model: str,
    outcome: str,
    terms: tuple[str, ...],
    controls: tuple[str, ...],
    unit: str,
    time: str,
    cluster: str,
    absorb: tuple[str, ...] | None,
    k_fixef: str,
) -> Design:
    """Validate the inputs (clear errors naming the column, model or term) and build the design."""
    if model not in MODELS:
        raise InputError(f"model must be one of {list(MODELS)}, not {model!r}", label="model")
    if k_fixef not in ("nonnested", "none", "full"):
        raise InputError(f"k_fixef must be nonnested/none/full, not {k_fixef!r}", label="k_fixef")
    if not terms:
        raise InputError("no terms to estimate", label="terms")
    if len(set(terms) | set(controls)) != len(terms) + len(controls):
        raise InputError("a term or control is listed twice", label=",".join(terms + controls))
    if absorb is not None and model == "re":
        raise InputError("absorb applies to pooled/fe/twfe, not to random effects", label="absorb")
    if absorb is None:
        fes = {"pooled": (), "re": (), "fe": (unit,), "twfe": (unit, time)}[model]
    else:
        fes = tuple(absorb)
    bases = [c for t in (*terms, *controls) for c in term_factors(t)]
    fe_bases = [c.strip() for f in fes for c in f.split("^")]
    needed = list(dict.fromkeys([outcome, *bases, unit, time, cluster, *fe_bases]))
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise InputError(f"column(s) {missing} not in the panel", label=missing[0])
    src = df[needed].reset_index(drop=True)
    for col in dict.fromkeys([outcome, *bases]):
        if not (pd.api.types.is_numeric_dtype(src[col]) or pd.api.types.is_bool_dtype(src[col])):
            raise InputError(f"column '{col}' is not numeric ({src[col].dtype})", label=col)
        bad = src[col].isna() | ~np.isfinite(src[col].astype(float))
        if bad.any():
            where = src.loc[bad, [unit, time]].head(3).astype(str).agg("/".join, axis=1)
            raise InputError(
                f"column '{col}' has {int(bad.sum())} missing/non-finite value(s), e.g. at "
                f"{', '.join(where)}; drop or fill them explicitly before estimating",
                label=col,
            )
    for col in dict.fromkeys([unit, time, cluster, *fe_bases]):
        if src[col].isna().any():
            raise InputError(f"identifier column '{col}' has missing values", label=col)
    g_codes = pd.factorize(src[cluster])[0]
    n_clusters = int(g_codes.max()) + 1
    if n_clusters < 2:
        raise EstimationError(
            f"{n_clusters} cluster in '{cluster}': cluster-robust inference needs at least 2",
            model=model,
        )
    if model == "re" and src.duplicated([unit, time]).any():
        raise InputError(
            f"random effects needs one row per {unit} × {time}; found duplicates", label=unit
        )
    data = pd.DataFrame({"_y": src[outcome].astype(float)})
    for i, term in enumerate((*terms, *controls)):
        name = f"_t{i}" if i < len(terms) else f"_c{i - len(terms)}"
        data[name] = np.prod([src[c].astype(float) for c in term_factors(term)], axis=0)
    fe_codes = [_fe_code(src, f) for f in fes]
    for i, code in enumerate(fe_codes):
        data[f"_f{i}"] = code
    data["_g"] = g_codes
    data["_u"] = pd.factorize(src[unit])[0]
    data["_time"] = src[time].to_numpy()
    k = len(terms) + len(controls) + (1 if model in ("pooled", "re") else 0)
    df_k = _df_k(k, fe_codes, g_codes, k_fixef)
    n = len(data)
    if n - df_k <= 0:
        raise EstimationError(f"{n} observations for {df_k} parameters", model=model)
    design = Design(
        model=model,
        outcome=outcome,
        terms=tuple(terms),
        controls=tuple(controls),
        data=data,
        source=src,
        fixed_effects=tuple(fes),
        unit=unit,
        time=time,
        cluster=cluster,
        n_obs=n,
        n_clusters=n_clusters,
        k_fixef=k_fixef,
        df_k=df_k,
        factor=n_clusters / (n_clusters - 1) * (n - 1) / (n - df_k),
    )
    _check_identified(design)
    return design


def _check_identified(design: Design) -> None:
    """Refuse a term with no variation left after the fixed effects (or the intercept), or one
    that is collinear with the terms before it."""
    from chainpower.studies._pyfixest import demean

    names = (*design.terms, *design.controls)
    x = design.data[design.regressors].to_numpy(dtype=float)
    codes = design.fe_codes()
    if design.model == "re":
        codes = codes[:, :0]
    xt = demean(x, codes)
    scale = np.maximum(np.abs(x).max(axis=0), 1.0)
    where = ", ".join(design.fixed_effects) if design.fixed_effects else "the intercept"
    if design.model == "re":
        where = "the intercept"
    for j, name in enumerate(names):
        if np.abs(xt[:, j]).max() <= 1e-9 * scale[j]:
            raise EstimationError(
                f"no variation in '{name}' left after {where}: it is absorbed and cannot be "
                "estimated",
                model=design.model,
                term=name,
            )
        if j and np.linalg.matrix_rank(xt[:, : j + 1] / scale[: j + 1], tol=1e-9) < j + 1:
            raise EstimationError(
                f"'{name}' is collinear with the terms before it after {where}",
                model=design.model,
                term=name,
            )
