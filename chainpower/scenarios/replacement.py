"""Replacement of extracted inputs from stated origins: the Global Extraction Method (GEM).

Dietzenbacher, van Burken & Kondo (2019), "Hypothetical extractions from a global perspective",
*Economic Systems Research* 31(4), section 3, eq. (6)–(9): when sellers ``R`` stop supplying
buyers ``C``, the buyers keep their technology — the input of product ``i`` per unit of output,
summed over origin countries, is unchanged — and buy the missing input of product ``i`` from
other origins instead. That is a friend-shoring counterfactual when the origins are allies.

Notation (``n = G·N``, country-major; ``i(k) = k mod N`` is the product of row ``k``):

===========  =============  ================================================================
``A``        ``(n, n)``     technical coefficients (copied, never changed in place)
``Yc``       ``(n, G)``     final demand by destination country
``R, C``     index sets     extracted sellers (rows) and buyers (columns); ``share`` ∈ (0, 1]
``d_ic``     scalar         extracted input of product ``i`` into buyer ``c``:
                            ``share · Σ_{k∈R, i(k)=i} A[k, c]``
``T_i(c)``   index set      replacement rows of product ``i``: the stated origin countries'
                            sector ``i`` (``replace_from`` countries), or the buyer's own
                            country (``"domestic"``)
``w_tc``     weight         ``A[t, c] / Σ_{t'∈T_i(c)} A[t', c]`` (``replace_shares="current"``,
                            pro rata to current sales, eq. 8), or the stated shares
===========  =============  ================================================================

``A*[k, c] = (1 − share)·A[k, c]`` for ``k ∈ R``, and ``A*[t, c] = A[t, c] + w_tc·d_ic`` for
``t ∈ T_i(c)``, so ``Σ_{i(k)=i} A*[k, c] = Σ_{i(k)=i} A[k, c]``: the extracted input volume is
conserved exactly (tested). Final demand ``Yc[R, dest]`` is re-sourced the same way. Where
the stated origins currently sell a buyer nothing of product ``i`` (no "current" shares), the
weights are their gross outputs of ``i`` instead; such cells are counted in
``ReplacementReport.output_weighted``. If they produce none of ``i`` at all, the product cannot
be re-sourced from them and :class:`~chainpower.errors.InputError` names it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from chainpower.errors import InputError
from chainpower.scenarios.spec import Resolved

__all__ = ["ReplacementReport", "replace_inputs"]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class ReplacementReport:
    """Totals of one re-sourcing: ``extracted`` and ``replaced`` volumes (intermediate, in
    coefficient-weighted output units ``Σ d_ic·x_c``, and final demand), and the number of
    (product, buyer) cells weighted by output for lack of current flows."""

    extracted_intermediate: float
    replaced_intermediate: float
    extracted_final: float
    replaced_final: float
    output_weighted: int


def _weights(
    current: FloatArray, output: FloatArray, shares: FloatArray | None
) -> tuple[FloatArray, bool]:
    """Column weights ``(|T|, m)`` summing to 1 per column; ``True`` when output-weighted."""
    if shares is not None:
        return np.repeat(shares[:, None], current.shape[1], axis=1), False
    tot = current.sum(axis=0)
    w = np.divide(current, tot[None, :], out=np.zeros_like(current), where=tot[None, :] > 0)
    empty = tot <= 0
    if empty.any():
        if output.sum() <= 0:
            raise ValueError
        w[:, empty] = (output / output.sum())[:, None]
    return w, bool(empty.any())


def replace_inputs(
    A: FloatArray,
    Yc: FloatArray,
    x: FloatArray,
    res: Resolved,
    *,
    labels: list[str] | None = None,
) -> tuple[FloatArray, FloatArray, ReplacementReport]:
    """``(A*, Yc*, report)`` after extracting ``res`` and re-sourcing per the module docstring.

    ``A (n, n)``, ``Yc (n, G)``, ``x (n,)``; ``res`` a :class:`~.spec.Resolved` scenario with
    ``replace`` set (``"none"`` only cuts).
    """
    sc = res.scenario
    N, share = res.N, float(sc.share)
    n, G = Yc.shape[0], Yc.shape[1]
    As, Ys = np.array(A, dtype=np.float64), np.array(Yc, dtype=np.float64)
    R, C, D = res.rows, res.cols, res.dest
    ext_int = float((share * A[np.ix_(R, C)]).sum(axis=0) @ x[C]) if R.size and C.size else 0.0
    ext_fd = float(share * Yc[np.ix_(R, D)].sum()) if sc.final_demand and R.size else 0.0
    As[np.ix_(R, C)] *= 1.0 - share
    if sc.final_demand:
        Ys[np.ix_(R, D)] *= 1.0 - share
    if res.replace == "none":
        return As, Ys, ReplacementReport(ext_int, 0.0, ext_fd, 0.0, 0)
    weighted = 0
    origins: list[int] | None = (
        None if isinstance(res.replace, str) else [int(o) for o in res.replace]
    )
    col_country = C // N
    by_sector: dict[int, NDArray[np.int64]] = {}
    for k in R:
        by_sector.setdefault(int(k % N), np.array([], dtype=np.int64))
        by_sector[int(k % N)] = np.append(by_sector[int(k % N)], k)
    shares = None
    if res.shares is not None and origins is not None:
        shares = np.array([res.shares.get(o, 0.0) for o in origins])
    targets = [("intermediate", A, As, C, col_country), ("final", Yc, Ys, D, D)]
    for what, base, new, cols, owner in targets:
        if what == "final" and not sc.final_demand:
            continue
        for i, rows_i in by_sector.items():
            removed = share * base[np.ix_(rows_i, cols)].sum(axis=0)  # (m,)
            groups: list[tuple[NDArray[np.int64], list[int]]] = (
                [(cols, origins)]
                if origins is not None
                else [(cols[owner == g], [int(g)]) for g in np.unique(owner)]
            )
            for cols_g, orig in groups:
                T = np.array([o * N + i for o in orig], dtype=np.int64)
                sel = np.isin(cols, cols_g)
                try:
                    w, fell = _weights(base[np.ix_(T, cols_g)], x[T], shares)
                except ValueError:
                    name = labels[int(rows_i[0])] if labels else f"sector {i}"
                    raise InputError(
                        "the replacement origins produce none of this product; it cannot be "
                        "re-sourced from them",
                        label=f"{sc.id}: {name}",
                    ) from None
                weighted += int(fell) * int((base[np.ix_(T, cols_g)].sum(axis=0) <= 0).sum())
                new[np.ix_(T, cols_g)] += w * removed[sel][None, :]
    rep_int = float(((As - A)[:, C].clip(min=0)).sum(axis=0) @ x[C]) if C.size else 0.0
    rep_fd = float((Ys - Yc)[:, D].clip(min=0).sum()) if sc.final_demand else 0.0
    del n, G
    return As, Ys, ReplacementReport(ext_int, rep_int, ext_fd, rep_fd, weighted)
