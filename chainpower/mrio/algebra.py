"""Pure input-output linear algebra on arrays (no I/O, no labels).

Notation (``G`` countries, ``N`` sectors, ``n = G·N`` country-sectors, country-major order):

=====  ============  ===============================================================
``Z``  ``(n, n)``    intermediate flows
``Y``  ``(n, G)``    final demand by destination country (categories summed)
``x``  ``(n,)``      gross output
``v``  ``(n,)``      value added
``A``  ``(n, n)``    technical coefficients ``Z·diag(x)⁻¹``
``B``  ``(n, n)``    global Leontief inverse ``(I − A)⁻¹``
``L``  ``(G, N, N)`` local (domestic) Leontief inverses ``(I − A_ss)⁻¹``, one per country
=====  ============  ===============================================================

Sources: Miller & Blair (2009), *Input-Output Analysis*, 2nd ed., ch. 2 (A, B: eq. 2.4, 2.9),
ch. 12 (Ghosh: eq. 12.3, 12.8); Koopman, Wang & Wei (2014), *AER* 104(2), eq. (1)–(4) (the
MRIO block form and local inverses); Johnson & Noguera (2012), *JIE* 86(2) (value-added exports).
Sectors with zero output get zero coefficients (as pymrio and decompr do) instead of NaN.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla
from numpy.typing import NDArray

__all__ = [
    "blocks",
    "ghosh_coefficients",
    "ghosh_inverse",
    "leontief_inverse",
    "leontief_solve",
    "local_inverses",
    "safe_reciprocal",
    "technical_coefficients",
    "value_added_by_destination",
    "value_added_coefficients",
    "value_added_exports",
]

FloatArray = NDArray[np.float64]


def safe_reciprocal(x: FloatArray) -> FloatArray:
    """``1/x`` elementwise with ``0`` where ``x == 0``; shape of ``x``."""
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros_like(x)
    np.divide(1.0, x, out=out, where=x != 0)
    return out


def blocks(M: FloatArray, G: int, N: int) -> FloatArray:
    """View an ``(G·N, G·N)`` matrix as ``(G, N, G, N)`` country-sector blocks (no copy);
    an ``(G·N, K)`` matrix becomes ``(G, N, K)``."""
    if M.ndim == 2 and M.shape[0] == M.shape[1] == G * N:
        return M.reshape(G, N, G, N)
    return M.reshape(G, N, *M.shape[1:])


def technical_coefficients(Z: FloatArray, x: FloatArray) -> FloatArray:
    """``A = Z·diag(x)⁻¹``, ``(n, n)`` (Miller & Blair 2009, eq. 2.4); zero columns where x=0."""
    return np.asarray(Z, dtype=np.float64) * safe_reciprocal(x)[None, :]


def value_added_coefficients(v: FloatArray, x: FloatArray) -> FloatArray:
    """``v_k / x_k``, ``(n,)`` (KWW 2014, the row vector ``V``); zero where ``x = 0``."""
    return np.asarray(v, dtype=np.float64) * safe_reciprocal(x)


def _lu(A: FloatArray) -> tuple[FloatArray, NDArray[np.int32]]:
    n = A.shape[0]
    M = -np.asarray(A, dtype=np.float64)
    M[np.diag_indices(n)] += 1.0
    return sla.lu_factor(M, overwrite_a=True, check_finite=False)


def leontief_inverse(A: FloatArray) -> FloatArray:
    """Global Leontief inverse ``B = (I − A)⁻¹``, ``(n, n)`` (Miller & Blair 2009, eq. 2.9).

    Computed from one LU factorisation of ``I − A`` solved against the identity.
    """
    lu = _lu(A)
    return sla.lu_solve(lu, np.eye(A.shape[0]), check_finite=False)


def leontief_solve(A: FloatArray, rhs: FloatArray, *, transpose: bool = False) -> FloatArray:
    """Solve ``(I − A)·X = rhs`` (or ``(I − A)'·X = rhs``) without forming the inverse.

    ``rhs`` is ``(n,)`` or ``(n, k)``; returns the same shape. E.g. output ``x = B·Y·1`` is
    ``leontief_solve(A, Y.sum(1))`` and value-added multipliers ``v̂'B`` are
    ``leontief_solve(A, vc, transpose=True)``.
    """
    lu = _lu(A)
    return sla.lu_solve(lu, rhs, trans=1 if transpose else 0, check_finite=False)


def local_inverses(A: FloatArray, G: int, N: int) -> FloatArray:
    """Local (domestic) Leontief inverses ``L_ss = (I − A_ss)⁻¹``, ``(G, N, N)``.

    KWW (2014), eq. (13): the block-diagonal ``L`` of domestic production chains.
    """
    Ab = blocks(A, G, N)
    out = np.empty((G, N, N))
    eye = np.eye(N)
    for s in range(G):
        out[s] = sla.solve(eye - Ab[s, :, s, :], eye, check_finite=False)
    return out


def ghosh_coefficients(Z: FloatArray, x: FloatArray) -> FloatArray:
    """Allocation (output) coefficients ``H = diag(x)⁻¹·Z``, ``(n, n)`` (Miller & Blair 2009,
    eq. 12.3); zero rows where ``x = 0``."""
    return safe_reciprocal(x)[:, None] * np.asarray(Z, dtype=np.float64)


def ghosh_inverse(H: FloatArray) -> FloatArray:
    """Ghosh inverse ``(I − H)⁻¹``, ``(n, n)`` (Miller & Blair 2009, eq. 12.8).

    Output from primary inputs: ``x' = v'·(I − H)⁻¹``.
    """
    return leontief_inverse(H)


def value_added_by_destination(vc: FloatArray, B: FloatArray, Y: FloatArray) -> FloatArray:
    """Value added by origin country-sector and final-destination country, ``(n, G)``.

    ``diag(vc)·B·Y`` (Johnson & Noguera 2012, eq. 5; WWYZ 2017, eq. 1): entry ``(k, r)`` is the
    value added of country-sector ``k`` absorbed in the final demand of country ``r``. Row sums
    equal value added ``v``; the grand total equals total final demand.
    """
    return np.asarray(vc)[:, None] * (B @ Y)


def value_added_exports(vby: FloatArray, G: int, N: int) -> FloatArray:
    """Bilateral value-added exports ``VAX``, ``(G, G)`` (Johnson & Noguera 2012, eq. 6).

    ``VAX[s, r]`` = value added of country ``s`` absorbed in final demand of ``r`` (``r ≠ s``);
    the diagonal holds domestically absorbed value added. ``vby`` is the ``(n, G)`` output of
    :func:`value_added_by_destination`.
    """
    return vby.reshape(G, N, G).sum(axis=1)
