"""Demand-driven (Leontief) and supply-driven (Ghosh) propagation of shocks.

Notation (``n = G·N`` country-sectors, ``G`` destination countries):

=========  ==========  ====================================================================
``A``      ``(n, n)``  technical coefficients;   ``H (n, n)`` allocation coefficients
``Yc``     ``(n, G)``  final demand by destination;  ``f = Yc·1`` ``(n,)``
``v``      ``(n,)``    value added;  ``vc = v / x`` value-added coefficients
=========  ==========  ====================================================================

**Leontief (demand-driven)**, Miller & Blair (2009), eq. 2.11 and 6.1: with fixed
coefficients, ``x* = (I − A*)⁻¹·f*`` and value added ``v* = vc ∘ x*``. A shock changes final
demand ``Yc[R, D]`` — ``"absolute"``: ``+ change`` (table units) on each selected entry;
``"relative"``: ``× (1 + change)`` — or the coefficients, ``"coefficient_delta"``:
``A[R, C] + change``.

**Ghosh (supply-driven)**, Ghosh (1958); Miller & Blair (2009), eq. 12.8: with fixed
allocation coefficients, ``x*' = v*'·(I − H*)⁻¹``; a shock changes primary inputs ``v[R]``
(absolute or relative) or ``H[R, C]`` (coefficient_delta). The shocked flows are
``Z* = diag(x*)·H*`` and final sales ``f* = x* − Z*·1``, split over destinations in each row's
baseline shares (own country where a row had no final sales).

*Limits of the Ghosh model* (``docs/scenarios.md``): read as a quantity model it lets output
rise with no extra inputs of the other factors — the Leontief and Ghosh models are jointly
stable only if both sets of coefficients stay fixed, which holds only under special conditions
(Oosterhaven 1988, *J. Regional Science* 28(2)); its defensible reading is as a *price* model of
cost push (Dietzenbacher 1997, *J. Regional Science* 37(4)). chainpower reports its results
under the name ``ghosh``/``forward`` and never mixes them with Leontief quantities.

GVC participation of each state: WWYZ (2017) forward ``V_GVC / VA`` and backward
``Y_GVC / Y`` (:func:`chainpower.gvc.production.production_gvc_arrays`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.linalg as sla
from numpy.typing import NDArray

from chainpower.errors import InputError
from chainpower.gvc.production import production_gvc_arrays
from chainpower.mrio.algebra import safe_reciprocal
from chainpower.scenarios.spec import Resolved

__all__ = [
    "PARTICIPATION_LEVELS",
    "State",
    "apply_demand_shock",
    "apply_supply_shock",
    "ghosh_state",
    "leontief_state",
    "participation_levels",
]

FloatArray = NDArray[np.float64]
#: WWYZ levels kept per state: forward (V_GVC, VA) and backward (Y_GVC, Y).
PARTICIPATION_LEVELS = ("wwyz_v_gvc", "wwyz_va", "wwyz_y_gvc", "wwyz_y")


@dataclass(frozen=True, eq=False)
class State:
    """One consistent economy: ``A (n, n)``, ``Yc (n, G)``, ``v (n,)``, ``x (n,)``."""

    A: FloatArray
    Yc: FloatArray
    v: FloatArray
    x: FloatArray


def _solve(M: FloatArray, rhs: FloatArray, *, transpose: bool = False) -> FloatArray:
    IM = -np.asarray(M, dtype=np.float64)
    IM[np.diag_indices(IM.shape[0])] += 1.0
    lu = sla.lu_factor(IM, overwrite_a=True, check_finite=False)
    return sla.lu_solve(lu, rhs, trans=1 if transpose else 0, check_finite=False)


def leontief_state(
    A: FloatArray, Yc: FloatArray, vc: FloatArray, x: FloatArray | None = None
) -> State:
    """Leontief solution ``x = (I − A)⁻¹·Yc·1``, ``v = vc ∘ x`` (``x`` reused when given)."""
    xs = _solve(A, Yc.sum(axis=1)) if x is None else x
    return State(A, Yc, vc * xs, xs)


def ghosh_state(
    H: FloatArray, v: FloatArray, Yc_base: FloatArray, x: FloatArray | None = None
) -> State:
    """Ghosh solution ``x' = v'(I − H)⁻¹`` and the flows it implies (module docstring)."""
    xs = _solve(H, v, transpose=True) if x is None else x
    Z = xs[:, None] * H
    f = xs - Z.sum(axis=1)
    base = Yc_base.sum(axis=1)
    w = Yc_base * safe_reciprocal(base)[:, None]
    G = Yc_base.shape[1]
    N = Yc_base.shape[0] // G
    none = base == 0
    if none.any():
        w[none, :] = 0.0
        w[np.flatnonzero(none), np.flatnonzero(none) // N] = 1.0
    A = Z * safe_reciprocal(xs)[None, :]
    return State(A, f[:, None] * w, v, xs)


def participation_levels(state: State, G: int, N: int) -> dict[str, FloatArray]:
    """WWYZ participation levels of a state, each ``(n,)`` (:data:`PARTICIPATION_LEVELS`)."""
    lev = production_gvc_arrays(state.A, state.Yc, state.v, state.x, G, N)
    return {k: np.asarray(lev[k], dtype=np.float64).ravel() for k in PARTICIPATION_LEVELS}


def _check_sign(
    old: FloatArray,
    new: FloatArray,
    rows: NDArray[np.int64],
    what: str,
    res: Resolved,
    labels: list[str] | None,
) -> None:
    """Refuse a shock that turns a non-negative entry negative (``old``/``new`` are the changed
    block, ``rows`` its row indices; entries negative already, e.g. WIOD inventory changes,
    are left to the table)."""
    bad = np.argwhere((new < 0) & (old >= 0))
    if bad.size:
        k = int(rows[bad[0][0]])
        raise InputError(
            f"the shock makes {what} negative ({new[tuple(bad[0])]:.6g})",
            label=f"{res.scenario.id}: {labels[k] if labels else f'row {k}'}",
        )


def _productive(M: FloatArray, res: Resolved, axis: int) -> None:
    s = M.sum(axis=axis)
    if (s >= 1.0).any():
        k = int(np.argmax(s))
        raise InputError(
            f"coefficients sum to {s[k]:.4g} ≥ 1 after the shock: the model has no solution",
            label=f"{res.scenario.id}: index {k}",
        )


def apply_demand_shock(
    A: FloatArray, Yc: FloatArray, res: Resolved, *, labels: list[str] | None = None
) -> tuple[FloatArray, FloatArray]:
    """``(A*, Yc*)`` of a Leontief shock (module docstring); inputs are not changed."""
    cells = np.ix_(res.rows, res.dest)
    return _shock(A, Yc, cells, res, ("a technical coefficient", "final demand"), 0, labels)


def apply_supply_shock(
    H: FloatArray, v: FloatArray, res: Resolved, *, labels: list[str] | None = None
) -> tuple[FloatArray, FloatArray]:
    """``(H*, v*)`` of a Ghosh shock (module docstring); inputs are not changed."""
    return _shock(H, v, res.rows, res, ("an allocation coefficient", "value added"), 1, labels)


def _shock(
    M: FloatArray,
    level: FloatArray,
    cells: Any,
    res: Resolved,
    what: tuple[str, str],
    axis: int,
    labels: list[str] | None,
) -> tuple[FloatArray, FloatArray]:
    """``(M*, level*)``: the shock on coefficients ``M[R, C]`` ``(n, n)`` or on ``level[cells]``.

    ``M`` is ``A`` (Leontief, columns must stay productive: ``axis=0``) or ``H`` (Ghosh, rows:
    ``axis=1``); ``level`` is ``Yc (n, k)`` or ``v (n,)``; ``what`` names (coefficient, level)
    in errors.
    """
    sc = res.scenario
    change = float(sc.change or 0.0)
    R, C = res.rows, res.cols
    if sc.shock == "coefficient_delta":
        Ms = np.array(M)
        Ms[np.ix_(R, C)] += change
        _check_sign(M[np.ix_(R, C)], Ms[np.ix_(R, C)], R, what[0], res, labels)
        _productive(Ms, res, axis=axis)
        return Ms, level
    shocked = np.array(level)
    if sc.shock == "absolute":
        shocked[cells] += change
    else:
        shocked[cells] *= 1.0 + change
    _check_sign(level[cells], shocked[cells], R, what[1], res, labels)
    return M, shocked
