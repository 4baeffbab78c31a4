"""Supplier shares, Herfindahl–Hirschman index and top-k suppliers: pure array functions.

Notation (one "cell" is e.g. one importer × product × year):

===========  ==========  ===================================================
symbol       shape       meaning
===========  ==========  ===================================================
``v``        (n,)        non-negative values (imports by supplier, output …)
``g``        (n,)        integer cell id of each value, ``0 ≤ g < G``
``s_i``      (n,)        share of value ``i`` in its cell, ``v_i / Σ_{j∈g(i)} v_j``
``HHI_g``    (G,)        ``Σ_{i∈g} s_i²`` on the 0–1 scale (Herfindahl 1950; Hirschman 1945)
===========  ==========  ===================================================

The EU's 2021 dependency screen (European Commission, SWD(2021) 352, Annex 5) and CEPII's GeoDep
(Bonneau & Nakaa 2024) both use this 0–1 HHI with the cut-off 0.4 (the US antitrust 0–10,000
scale is ×10,000). A cell whose total is zero has no shares: the functions raise rather than
return NaN; callers drop empty cells first.
"""

from __future__ import annotations

import numpy as np

from chainpower.errors import InputError

__all__ = ["cell_totals", "grouped_hhi", "grouped_top", "hhi", "shares"]


def _check(v: np.ndarray) -> np.ndarray:
    a = np.asarray(v, dtype=float)
    if np.isnan(a).any():
        raise InputError(
            "values contain NaN", label=f"position {int(np.flatnonzero(np.isnan(a))[0])}"
        )
    if (a < 0).any():
        raise InputError(
            "values must be non-negative", label=f"position {int(np.flatnonzero(a < 0)[0])}"
        )
    return a


def shares(values: np.ndarray) -> np.ndarray:
    """Shares of a 1-D vector, ``v / Σ v`` (shape (n,)); a zero total is an error."""
    v = _check(values)
    total = v.sum()
    if total <= 0:
        raise InputError("shares of an all-zero vector are undefined")
    return v / total


def hhi(values: np.ndarray) -> float:
    """HHI of one vector of values, ``Σ (v_i / Σ v)²`` ∈ [1/n, 1]."""
    s = shares(values)
    return float(np.sum(s * s))


def cell_totals(groups: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """``Σ_{i∈g} v_i`` for every cell (shape (G,))."""
    return np.bincount(np.asarray(groups), weights=_check(values), minlength=n_groups)


def grouped_hhi(groups: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """HHI per cell (shape (G,)): ``Σ v_i² / (Σ v_i)²``. An empty or all-zero cell is an error."""
    v = _check(values)
    g = np.asarray(groups)
    total = np.bincount(g, weights=v, minlength=n_groups)
    if (total <= 0).any():
        raise InputError(
            "a cell has no positive value", label=f"cell {int(np.flatnonzero(total <= 0)[0])}"
        )
    return np.bincount(g, weights=v * v, minlength=n_groups) / (total * total)


def grouped_top(
    groups: np.ndarray, values: np.ndarray, labels: np.ndarray, n_groups: int, k: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``k`` largest values per cell, ties broken by label (alphabetical first).

    Returns ``(labels, values, tied)``: arrays of shape (G, k) (``""`` and 0 where a cell has
    fewer than ``k`` entries) and a boolean (G,) that is true when the largest value of the cell
    is shared by two or more labels.
    """
    v = _check(values)
    g = np.asarray(groups)
    lab = np.asarray(labels).astype(str)
    order = np.lexsort((lab, -v, g))
    gs, vs, ls = g[order], v[order], lab[order]
    first = np.r_[True, gs[1:] != gs[:-1]]
    start = np.flatnonzero(first)
    rank = np.arange(gs.size) - np.repeat(start, np.diff(np.r_[start, gs.size]))
    out_l = np.full((n_groups, k), "", dtype=object)
    out_v = np.zeros((n_groups, k))
    keep = rank < k
    out_l[gs[keep], rank[keep]] = ls[keep]
    out_v[gs[keep], rank[keep]] = vs[keep]
    second = rank == 1
    tied = np.zeros(n_groups, dtype=bool)
    top_value = np.zeros(n_groups)
    top_value[gs[first]] = vs[first]
    tied[gs[second]] = vs[second] == top_value[gs[second]]
    return out_l, out_v, tied
