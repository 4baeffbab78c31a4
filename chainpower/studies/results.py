"""Model results and the coefficient schema (``../shared/docs/design.md`` §3).

One row per term and inference method::

    study, model, outcome, term, method, estimate, se, stat, df, p, ci_low, ci_high, level,
    n_obs, n_clusters, status, reason

``status`` is ``"ok"`` or ``"unavailable"``; ``reason`` says why a row is unavailable, and for
an ``ok`` row it says what a blank cell means (a bootstrap or permutation p-value has no
standard error or interval): never a NaN without a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from chainpower.results import Result

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["COEFFICIENT_COLUMNS", "ModelResult", "agreement", "check_coefficients"]

COEFFICIENT_COLUMNS: tuple[str, ...] = (
    "study",
    "model",
    "outcome",
    "term",
    "method",
    "estimate",
    "se",
    "stat",
    "df",
    "p",
    "ci_low",
    "ci_high",
    "level",
    "n_obs",
    "n_clusters",
    "status",
    "reason",
)
_NUMERIC = ("estimate", "se", "stat", "df", "p", "ci_low", "ci_high", "level")


def check_coefficients(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` if it follows the coefficient schema; raise ``ValueError`` otherwise.

    Checks the columns and their order, ``status ∈ {ok, unavailable}``, a non-empty reason on
    every unavailable row and on every ok row with a blank number.
    """
    if tuple(frame.columns) != COEFFICIENT_COLUMNS:
        raise ValueError(f"coefficient columns {list(frame.columns)} != {COEFFICIENT_COLUMNS}")
    bad = ~frame["status"].isin(["ok", "unavailable"])
    if bad.any():
        raise ValueError(f"status must be ok/unavailable: {sorted(frame.loc[bad, 'status'])}")
    blank = frame[list(_NUMERIC)].isna().any(axis=1)
    no_reason = frame["reason"].fillna("").str.strip() == ""
    if (blank & no_reason).any() or ((frame["status"] == "unavailable") & no_reason).any():
        rows = frame.loc[(blank | (frame["status"] == "unavailable")) & no_reason]
        raise ValueError(f"blank cells without a reason in rows {rows[['term', 'method']]}")
    return frame


def agreement(frame: pd.DataFrame, level: float) -> pd.Series:
    """Per term: do the available methods reach the same decision at ``1 − level``?

    ``"yes: reject"`` / ``"yes: do not reject"`` when every ``ok`` p-value falls on the same
    side of ``α = 1 − level``, ``"no"`` when they differ (with the rejecting methods named),
    ``"one method only"`` when fewer than two methods are available.
    """
    alpha = 1.0 - level
    out: dict[str, str] = {}
    for term, rows in frame.groupby("term", sort=False):
        ok = rows[(rows["status"] == "ok") & rows["p"].notna()]
        if len(ok) < 2:
            out[str(term)] = "one method only"
            continue
        reject = ok["p"].to_numpy() < alpha
        if reject.all():
            out[str(term)] = "yes: reject"
        elif not reject.any():
            out[str(term)] = "yes: do not reject"
        else:
            out[str(term)] = "no: only " + ", ".join(ok.loc[reject, "method"]) + " reject"
    return pd.Series(out, name=f"agree_at_{alpha:g}")


@dataclass(frozen=True, eq=False, repr=False)
class ModelResult(Result):
    """One fitted model with its whole inference menu (rows of :data:`COEFFICIENT_COLUMNS`).

    Build with :func:`chainpower.studies.estimate`. ``coefficients`` is the schema frame;
    ``info`` holds the provenance shown by :attr:`meta` (formula, fixed effects, cluster,
    G, degrees of freedom, small-sample factor, seed, library versions).
    """

    study: str
    name: str
    model: str
    outcome: str
    terms: tuple[str, ...]
    coefficients: pd.DataFrame
    n_obs: int
    n_clusters: int
    level: float
    seed: int | None
    info: dict[str, Any] = field(default_factory=dict)

    def _repr_fields(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "model": self.model,
            "outcome": self.outcome,
            "terms": len(self.terms),
            "methods": "/".join(dict.fromkeys(self.coefficients["method"])),
            "n_obs": self.n_obs,
            "G": self.n_clusters,
        }

    def to_frame(self) -> pd.DataFrame:
        """The coefficient schema: one row per term × method (a copy)."""
        return self.coefficients.copy()

    @property
    def summary(self) -> pd.DataFrame:
        """Term × method: estimate, se, p, interval and status, plus the agreement column."""
        frame = self.coefficients.set_index(["term", "method"])
        cols = ["estimate", "se", "p", "ci_low", "ci_high", "status"]
        out = frame[cols].copy()
        agree = agreement(self.coefficients, self.level)
        out["agree"] = [agree[t] for t, _m in out.index]
        return out

    @property
    def agreement(self) -> pd.Series:
        """Whether the methods agree, per term, at ``1 − level`` (see :func:`agreement`)."""
        return agreement(self.coefficients, self.level)

    def estimate_of(self, term: str) -> float:
        """The point estimate of ``term`` (the same in every method's row)."""
        rows = self.coefficients[self.coefficients["term"] == term]
        if rows.empty:
            from chainpower.errors import InputError

            raise InputError(f"no term {term!r} in {self.name}", label=term)
        return float(rows["estimate"].iloc[0])

    def p_value(self, term: str, method: str) -> float:
        """The p-value of ``term`` under ``method`` (NaN only where the row says why)."""
        rows = self.coefficients[
            (self.coefficients["term"] == term) & (self.coefficients["method"] == method)
        ]
        if rows.empty:
            from chainpower.errors import InputError

            raise InputError(f"no row {term!r} × {method!r} in {self.name}", label=term)
        return float(rows["p"].iloc[0])

    def _meta(self) -> dict[str, Any]:
        return {
            "study": self.study,
            "name": self.name,
            "model": self.model,
            "outcome": self.outcome,
            "terms": list(self.terms),
            "n_obs": self.n_obs,
            "n_clusters": self.n_clusters,
            "level": self.level,
            "seed": self.seed,
            **{k: _plain(v) for k, v in self.info.items()},
        }

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Figure:
        """Coefficient plot: each term's estimate with the interval of every method that has one."""
        from chainpower.studies.coef_figures import plot_coefficients

        return plot_coefficients(self.coefficients, ax=ax, title=self.name, **kw)


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return list(value)
    return value
