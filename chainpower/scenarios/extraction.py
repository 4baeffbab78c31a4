"""Hypothetical extraction, backward (Leontief) and forward (Ghosh), in closed form.

Notation (``n = G·N`` country-sectors, country-major; Miller & Blair 2009, ch. 2 and 12):

=========  ===========  ===================================================================
``A``      ``(n, n)``   technical coefficients ``Z·diag(x)⁻¹``
``H``      ``(n, n)``   allocation coefficients ``diag(x)⁻¹·Z``
``f``      ``(n,)``     final demand ``Y·1``;  ``v`` ``(n,)`` value added
``M``      ``(n, n)``   the system's coefficients: ``A`` (backward) or ``H'`` (forward)
``r``      ``(n,)``     the system's exogenous vector: ``f`` (backward) or ``v`` (forward)
``x``      ``(n,)``     output ``(I − M)⁻¹·r``: ``x = L·f`` or ``x' = v'·G``, ``G = (I − H)⁻¹``
``R, C``   index sets   the extracted block of coefficients (selling rows × buying columns)
=========  ===========  ===================================================================

*Backward* extraction removes (a share of) the coefficients ``A[R, C]`` — what buyers ``C`` buy
from sellers ``R`` — and solves the Leontief model again, ``x* = (I − A*)⁻¹·f*``; *forward*
extraction removes ``H[R, C]`` — what sellers ``R`` sell to ``C`` — in the supply-driven Ghosh
model, ``x*' = v'·(I − H*)⁻¹`` (Dietzenbacher & van der Linden 1997, *Regional Studies* 31(3),
eq. 3–6; Miller & Lahr 2001, in *Input-Output Analysis: Frontiers and Extensions*). A
country-sector's backward extraction removes its whole column of ``A`` (all its purchases,
own-sector ones included); its forward extraction removes its whole row of ``H``.

**Closed forms, no re-inversion.** The extracted block is a rank-``k`` update
``I − M* = (I − M) + U·V'`` with ``k = min(|R|, |C|)``; the Sherman–Morrison–Woodbury identity
(Miller & Blair 2009, appendix C.3; the partitioned inverse of Miyazawa 1966) gives

    ``x* = x − (L·U)·(I_k + V'·L·U)⁻¹·V'·x``,                      ``L = (I − M)⁻¹``

from one LU factorisation of ``I − M`` and ``k`` triangular solves. Extracting *each* of the
``n`` columns of ``M`` separately (rank 1, ``U = M·e_k``, ``V = e_k``; ``L·M·e_k = L e_k − e_k``)
needs only ``L`` itself:

    ``x − x*(k) = (L·e_k − e_k) · x_k / L_kk``,  total loss ``(1'L e_k − 1)·x_k / L_kk``,

so all ``n`` extractions cost one inverse instead of ``n``. :func:`extract_cells_by_reinversion`
and :func:`extract_each_by_reinversion` are the explicit loops, kept as the tested reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import scipy.linalg as sla
from numpy.typing import NDArray

from chainpower.errors import InputError
from chainpower.mrio.algebra import ghosh_coefficients, technical_coefficients
from chainpower.mrio.backend import ArrayBackend
from chainpower.mrio.table import MRIOTable

__all__ = [
    "Direction",
    "extract_cells",
    "extract_cells_by_reinversion",
    "extract_each",
    "extract_each_by_reinversion",
    "extraction_system",
    "factorise",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Direction = Literal["backward", "forward"]
LU = tuple[FloatArray, NDArray[np.int32]]


def extraction_system(table: MRIOTable, direction: Direction) -> tuple[FloatArray, FloatArray]:
    """``(M, r)``: ``(A, Y·1)`` for ``"backward"`` or ``(H', v)`` for ``"forward"`` (Ghosh).

    For the forward system the extracted block ``H[R, C]`` is ``M[C, R]``: pass the cells
    transposed (:func:`chainpower.scenarios.run` does this).
    """
    if direction == "backward":
        return technical_coefficients(table.Z, table.x), table.Yc.sum(axis=1)
    if direction == "forward":
        return np.ascontiguousarray(ghosh_coefficients(table.Z, table.x).T), np.array(table.v)
    raise InputError(f"unknown direction {direction!r}; use 'backward' or 'forward'")


def factorise(M: FloatArray) -> LU:
    """LU factors of ``I − M`` ``(n, n)`` (one factorisation, reused by every extraction)."""
    IM = -np.asarray(M, dtype=np.float64)
    IM[np.diag_indices(IM.shape[0])] += 1.0
    return sla.lu_factor(IM, overwrite_a=True, check_finite=False)


def _solve(lu: LU, rhs: FloatArray) -> FloatArray:
    return sla.lu_solve(lu, rhs, check_finite=False)


def _index(ix: Iterable[int] | IntArray, n: int, what: str) -> IntArray:
    arr = np.unique(np.asarray(list(ix) if not isinstance(ix, np.ndarray) else ix, dtype=np.int64))
    if arr.size and (arr[0] < 0 or arr[-1] >= n):
        raise InputError(f"{what} index out of range 0..{n - 1}", label=str(arr[[0, -1]].tolist()))
    return arr


def extract_cells(
    M: FloatArray,
    r: FloatArray,
    rows: Iterable[int] | IntArray,
    cols: Iterable[int] | IntArray,
    *,
    share: float = 1.0,
    lu: LU | None = None,
) -> FloatArray:
    """Output ``x* (n,)`` after removing ``share·M[R, C]`` (closed form, module docstring).

    ``M (n, n)`` and ``r (n,)`` as from :func:`extraction_system` (``r`` may already be the
    cut exogenous vector ``f*``); ``lu`` reuses :func:`factorise` of ``I − M``.
    """
    n = M.shape[0]
    R, C = _index(rows, n, "row"), _index(cols, n, "column")
    lu = factorise(M) if lu is None else lu
    x = _solve(lu, np.asarray(r, dtype=np.float64))
    if R.size == 0 or C.size == 0 or share == 0:
        return x
    D = share * M[np.ix_(R, C)]  # (|R|, |C|): the removed block
    if R.size <= C.size:  # U = E_R, V' = D placed in columns C
        LU_ = _solve(lu, np.eye(n)[:, R])  # L[:, R], (n, |R|)
        S = np.eye(R.size) + D @ LU_[C, :]
        return x - LU_ @ np.linalg.solve(S, D @ x[C])
    U = np.zeros((n, C.size))  # U = D placed in rows R, V' = E_C'
    U[R, :] = D
    LU_ = _solve(lu, U)  # (n, |C|)
    S = np.eye(C.size) + LU_[C, :]
    return x - LU_ @ np.linalg.solve(S, x[C])


def extract_cells_by_reinversion(
    M: FloatArray,
    r: FloatArray,
    rows: Iterable[int] | IntArray,
    cols: Iterable[int] | IntArray,
    *,
    share: float = 1.0,
) -> FloatArray:
    """Reference for :func:`extract_cells`: build ``M*`` and solve ``(I − M*)·x* = r`` anew."""
    n = M.shape[0]
    R, C = _index(rows, n, "row"), _index(cols, n, "column")
    Ms = np.array(M, dtype=np.float64)
    Ms[np.ix_(R, C)] *= 1.0 - share
    return _solve(factorise(Ms), np.asarray(r, dtype=np.float64))


def extract_each(
    M: FloatArray, r: FloatArray, *, full: bool = False, backend: ArrayBackend | None = None
) -> tuple[FloatArray, FloatArray | None]:
    """Extraction of every column ``k`` of ``M`` on its own, from one inverse ``L (n, n)``.

    Returns ``(total_loss (n,), delta)``: ``total_loss[k] = 1'(x − x*(k))`` and, with
    ``full=True``, ``delta (n, n)`` whose column ``k`` is ``x − x*(k)``. Backward system:
    column ``k`` of ``A`` = sector ``k``'s purchases; forward system ``H'``: its sales.
    ``backend`` (:func:`chainpower.mrio.backend.get_backend`, e.g. ``"cupy"``) computes ``L``.
    """
    n = M.shape[0]
    L = _solve(factorise(M), np.eye(n)) if backend is None else backend.leontief_inverse(M)
    x = L @ np.asarray(r, dtype=np.float64)
    d = np.diag(L).copy()
    if (d <= 0).any():
        raise InputError("I − M is not a productive system (a diagonal of its inverse ≤ 0)")
    scale = x / d  # x_k / L_kk
    total = (L.sum(axis=0) - 1.0) * scale
    if not full:
        return total, None
    L[np.diag_indices(n)] -= 1.0  # L − I in place: no further (n, n) copy
    L *= scale[None, :]
    return total, L


def extract_each_by_reinversion(
    M: FloatArray, r: FloatArray, which: Iterable[int] | None = None
) -> FloatArray:
    """Reference for :func:`extract_each`: one factorisation per extracted column.

    Returns ``delta (n, len(which))``, column ``j`` = ``x − x*`` for column ``which[j]``.
    """
    n = M.shape[0]
    ks = list(range(n)) if which is None else [int(k) for k in which]
    rr = np.asarray(r, dtype=np.float64)
    x = _solve(factorise(M), rr)
    out = np.empty((n, len(ks)))
    for j, k in enumerate(ks):
        Ms = np.array(M, dtype=np.float64)
        Ms[:, k] = 0.0
        out[:, j] = x - _solve(factorise(Ms), rr)
    return out
