"""Agreement between countries' UN General Assembly votes: share, S-score, Cohen's kappa.

Measures, for two countries over the roll calls of a year (or session) on which *both* cast a
valid vote (see "absences" below); ``x_k, y_k`` are their votes on roll call ``k = 1..n``:

* share of identical votes: ``(1/n) Σ_k 1[x_k = y_k]`` (Voeten 2000, "agreement index" with
  identical categories);
* S-score (Signorino & Ritter 1999, ISQ 43(1), eq. 2, one dimension, absolute distance):
  ``S = 1 − 2 · Σ_k |v(x_k) − v(y_k)| / (n · d_max)``, with ``v`` the numeric coding
  (``"1-0.5-0"``: yes 1, abstain 0.5, no 0, ``d_max = 1``; ``"1-2-3"``: yes 1, abstain 2,
  no 3, ``d_max = 2``). Both codings are affine in one another, so they give the same S;
  ``S ∈ [−1, 1]``;
* Cohen's kappa (Cohen 1960, eq. 1; for UN votes Häge 2011, Political Analysis 19(3)):
  ``κ = (p_o − p_e) / (1 − p_e)``, ``p_o`` = share of identical votes,
  ``p_e = Σ_c p_x(c) p_y(c)`` from each country's marginal shares of yes/abstain/no over the
  same ``n`` roll calls. Undefined when ``p_e = 1`` (both always cast one and the same
  category); reported as NaN then, the only NaN this module returns.

Absences (``absent=``): ``"drop"`` (default; Voeten 2000, Bailey et al. 2017) keeps only roll
calls where both countries voted yes, abstain or no — absent (8) and not-a-member (9) are
dropped. ``"abstain"`` counts an absence as an abstention (Gartzke 1998's practice): code 8,
and — for the ``unvotes`` layout, which has no absent rows — a missing row of a country that
cast at least one vote in the same session (it was a member, so it was absent). Non-members
are always dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from chainpower.errors import InputError

__all__ = [
    "CODINGS",
    "VoteMatrix",
    "agreement_scores",
    "cohen_kappa",
    "dyad_agreement",
    "s_score",
    "share_identical",
    "vote_matrix",
]

Absent = Literal["drop", "abstain"]
#: Numeric codings of yes (1), abstain (2), no (3) for the S-score.
CODINGS: dict[str, tuple[float, float, float]] = {
    "1-0.5-0": (1.0, 0.5, 0.0),
    "1-2-3": (1.0, 2.0, 3.0),
}
MEASURES = ("share", "sscore", "kappa")


def _coding(coding: str) -> tuple[np.ndarray, float]:
    """Lookup table code → value (index 0..3, shape (4,)) and ``d_max`` of a coding."""
    if coding not in CODINGS:
        raise InputError(f"unknown coding {coding!r}; choose one of {sorted(CODINGS)}")
    vals = CODINGS[coding]
    table = np.array([0.0, *vals])
    return table, float(max(vals) - min(vals))


def _clean_pair(x: np.ndarray, y: np.ndarray, absent: Absent) -> tuple[np.ndarray, np.ndarray]:
    """Codes of two countries on the same roll calls (shape (n,)) → the jointly valid ones."""
    x = np.asarray(x, dtype=np.int64).copy()
    y = np.asarray(y, dtype=np.int64).copy()
    if x.shape != y.shape:
        raise InputError(f"vote vectors differ in length: {x.shape} vs {y.shape}")
    if absent == "abstain":
        x[x == 8] = 2
        y[y == 8] = 2
    elif absent != "drop":
        raise InputError(f"absent must be 'drop' or 'abstain', not {absent!r}")
    keep = np.isin(x, (1, 2, 3)) & np.isin(y, (1, 2, 3))
    return x[keep], y[keep]


def share_identical(x: np.ndarray, y: np.ndarray, *, absent: Absent = "drop") -> float:
    """Share of identical votes of two code vectors (shape (n,), codebook 1/2/3/8/9)."""
    a, b = _clean_pair(x, y, absent)
    if a.size == 0:
        raise InputError("no roll call on which both countries voted")
    return float(np.mean(a == b))


def s_score(
    x: np.ndarray, y: np.ndarray, *, coding: str = "1-0.5-0", absent: Absent = "drop"
) -> float:
    """Signorino–Ritter S of two code vectors (shape (n,)); formula in the module docstring."""
    a, b = _clean_pair(x, y, absent)
    if a.size == 0:
        raise InputError("no roll call on which both countries voted")
    table, dmax = _coding(coding)
    return float(1.0 - 2.0 * np.abs(table[a] - table[b]).sum() / (a.size * dmax))


def cohen_kappa(x: np.ndarray, y: np.ndarray, *, absent: Absent = "drop") -> float:
    """Cohen's kappa of two code vectors (shape (n,)) over yes/abstain/no."""
    a, b = _clean_pair(x, y, absent)
    if a.size == 0:
        raise InputError("no roll call on which both countries voted")
    po = float(np.mean(a == b))
    pe = float(sum(np.mean(a == c) * np.mean(b == c) for c in (1, 2, 3)))
    return float("nan") if pe >= 1.0 else (po - pe) / (1.0 - pe)


@dataclass(frozen=True)
class VoteMatrix:
    """Votes as a dense matrix: ``codes[k, c]`` ∈ {0 none, 1 yes, 2 abstain, 3 no} for roll
    call ``k`` (rows sorted by ``period``) and country ``c``; shape (n_rollcalls, n_countries).
    """

    codes: np.ndarray
    rcids: np.ndarray
    period: np.ndarray
    countries: list[str]
    by: str


def vote_matrix(votes: pd.DataFrame, *, absent: Absent = "drop", by: str = "year") -> VoteMatrix:
    """Pivot a vote frame (:func:`~chainpower.data.unvotes.load_unvotes` columns) to a
    :class:`VoteMatrix`, applying the absence rule of the module docstring."""
    if by not in ("year", "session"):
        raise InputError(f"by must be 'year' or 'session', not {by!r}")
    if absent not in ("drop", "abstain"):
        raise InputError(f"absent must be 'drop' or 'abstain', not {absent!r}")
    missing = [c for c in ("rcid", "session", "iso3", "vote", by) if c not in votes.columns]
    if missing:
        raise InputError(f"vote frame lacks columns {missing}")
    bad = ~votes["vote"].isin([1, 2, 3, 8, 9]).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"vote code {votes['vote'].iloc[i]!r} outside the codebook",
            label=f"row {votes.index[i]}",
        )
    if votes.duplicated(["rcid", "iso3"]).any():
        i = int(np.flatnonzero(votes.duplicated(["rcid", "iso3"]).to_numpy())[0])
        raise InputError(
            "two votes of one country on one roll call",
            label=f"row {votes.index[i]} ({votes['iso3'].iloc[i]})",
        )
    rc = votes[["rcid", by, "session"]].drop_duplicates("rcid").sort_values([by, "rcid"])
    rcids = rc["rcid"].to_numpy()
    countries = sorted(votes["iso3"].astype(str).unique())
    r_idx = pd.Index(rcids).get_indexer(votes["rcid"].to_numpy())
    c_idx = pd.Index(countries).get_indexer(votes["iso3"].astype(str).to_numpy())
    codes = np.zeros((len(rcids), len(countries)), dtype=np.int8)
    codes[r_idx, c_idx] = votes["vote"].to_numpy(dtype=np.int8)
    if absent == "abstain":
        sess = rc["session"].to_numpy()
        member = np.zeros_like(codes, dtype=bool)
        cast = np.isin(codes, (1, 2, 3, 8))
        for s in np.unique(sess):
            rows = sess == s
            member[rows] = cast[rows].any(axis=0)
        codes[(codes == 8) | ((codes == 0) & member)] = 2
    codes[~np.isin(codes, (1, 2, 3))] = 0
    return VoteMatrix(codes, rcids, rc[by].to_numpy(dtype=np.int64), countries, by)


def _period_filter(mat: VoteMatrix, years: tuple[int, int] | None, skip_empty: bool) -> VoteMatrix:
    if years is None:
        return mat
    lo, hi = years
    if lo > hi:
        raise InputError(f"empty {mat.by} range {lo}-{hi}")
    have = set(mat.period.tolist())
    empty = [p for p in range(lo, hi + 1) if p not in have]
    if empty and (not skip_empty or len(empty) == hi - lo + 1):
        raise InputError(
            f"no recorded votes in {mat.by}(s) {empty} (votes cover {min(have)}-{max(have)}); "
            "narrow the range" + ("" if skip_empty else " or skip empty years")
        )
    keep = (mat.period >= lo) & (mat.period <= hi)
    return VoteMatrix(mat.codes[keep], mat.rcids[keep], mat.period[keep], mat.countries, mat.by)


def agreement_scores(
    votes: pd.DataFrame | VoteMatrix,
    reference: str = "USA",
    countries: list[str] | None = None,
    years: tuple[int, int] | None = None,
    *,
    absent: Absent = "drop",
    coding: str = "1-0.5-0",
    by: str = "year",
    skip_empty_years: bool = False,
) -> pd.DataFrame:
    """All three agreement measures of every country (or ``countries``) with ``reference``,
    per year (``by="year"``, calendar year of the vote) or UNGA session.

    Vectorised over countries and periods: with ``R`` roll calls and ``C`` countries the work
    is a few passes over an (R, C) int8 matrix. Returns one row per (period, country) with at
    least one jointly valid vote: columns ``year`` (or ``session``), country, reference,
    n_votes, share, sscore, kappa. A requested period without any roll call raises
    :class:`InputError` (``skip_empty_years=True`` leaves such periods out instead).
    """
    mat = votes if isinstance(votes, VoteMatrix) else vote_matrix(votes, absent=absent, by=by)
    mat = _period_filter(mat, years, skip_empty_years)
    index = {c: i for i, c in enumerate(mat.countries)}
    if reference not in index:
        raise InputError(f"reference country {reference!r} has no votes in the data")
    cols = list(range(len(mat.countries)))
    if countries is not None:
        unknown = [c for c in countries if c not in index]
        if unknown:
            raise InputError(f"countries without any vote in the data: {unknown}")
        cols = [index[c] for c in countries]
    table, dmax = _coding(coding)
    m = mat.codes[:, cols].astype(np.int64)  # (R, C')
    r = mat.codes[:, index[reference]].astype(np.int64)[:, None]  # (R, 1)
    valid = (m > 0) & (r > 0)
    periods, starts = np.unique(mat.period, return_index=True)

    def per_period(a: np.ndarray) -> np.ndarray:  # (R, C') → (P, C')
        return np.add.reduceat(a.astype(np.float64), starts, axis=0)

    n = per_period(valid)
    same = per_period(valid & (m == r))
    dist = per_period(np.where(valid, np.abs(table[m] - table[r]), 0.0))
    pe_num = sum(per_period(valid & (r == c)) * per_period(valid & (m == c)) for c in (1, 2, 3))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = same / n
        sscore = 1.0 - 2.0 * dist / (n * dmax)
        pe = pe_num / n**2
        kappa = np.where(pe < 1.0, (share - pe) / (1.0 - pe), np.nan)
    names = np.asarray(mat.countries, dtype=object)[cols]
    out = pd.DataFrame(
        {
            mat.by: np.repeat(periods, len(cols)),
            "country": np.tile(names, len(periods)),
            "reference": reference,
            "n_votes": n.reshape(-1).astype(np.int64),
            "share": share.reshape(-1),
            "sscore": sscore.reshape(-1),
            "kappa": kappa.reshape(-1),
        }
    )
    out = out[out["n_votes"] > 0].reset_index(drop=True)
    out["country"] = out["country"].astype("string")
    out["reference"] = out["reference"].astype("string")
    return out


def dyad_agreement(
    votes: pd.DataFrame | VoteMatrix,
    country: str,
    reference: str,
    years: tuple[int, int] | None = None,
    **kwargs: object,
) -> pd.DataFrame:
    """Agreement of one dyad per period: :func:`agreement_scores` restricted to ``country``."""
    return agreement_scores(votes, reference, [country], years, **kwargs)  # type: ignore[arg-type]
