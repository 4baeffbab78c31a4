"""A memory-lean route to every GVC indicator, for tables of EXIOBASE size (n ≈ 10,000).

:func:`compute_indicators_lean` returns exactly the frame of
:func:`chainpower.gvc.indicators.compute_indicators` (tested), but forms the global Leontief
inverse ``B = (I − A)⁻¹`` ``(n, n)`` (Miller & Blair 2009, eq. 2.9) *in place*: ``I − A`` is
built in one new array, LAPACK's ``getrf`` factorises it in place and ``B`` is solved from the
factors in blocks of columns (:func:`leontief_inverse_inplace`). The default route factorises a
copy of ``I − A`` and solves it against a full identity matrix, which holds three ``(n, n)``
arrays at once (the LU factors, the identity, ``B``) besides ``A``; this route holds two (one
with ``block=None``, which lets ``getri`` overwrite the factors with ``B``).

Memory plan at ``n = 9,800`` (float64, one ``(n, n)`` array = 0.77 GB): the table's ``Z``
(0.77 GB), ``A`` (0.77), ``B`` (0.77) and the local inverses ``(G, N, N)`` (small), then the
per-indicator temporaries of :mod:`.production`, :mod:`.tiva` and the trade decompositions
(each at most one ``(n, n)`` at a time). Measured on the default route: 3.74 GiB peak for
the whole process, table included, 85 s (``benchmarks/bench_scenarios.py --exiobase``).
``backend="cupy"`` (:mod:`chainpower.mrio.backend`) computes ``B`` on a GPU instead.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import scipy.linalg as sla

from chainpower.gvc.indicators import compute_indicators
from chainpower.mrio.backend import get_backend
from chainpower.mrio.table import MRIOTable

__all__ = ["compute_indicators_lean", "leontief_inverse_inplace"]


def leontief_inverse_inplace(
    A: np.ndarray, *, backend: str = "numpy", block: int | None = 1024
) -> np.ndarray:
    """``B = (I − A)⁻¹`` ``(n, n)`` holding fewer ``(n, n)`` arrays (``A`` is left unchanged).

    ``block`` (default 1024): LU of ``I − A`` in place, then ``B`` solved ``block`` columns at
    a time (``getrs``) — two ``(n, n)`` arrays (LU, ``B``) instead of three, at the speed of
    the default route. ``block=None``: ``getri`` overwrites the LU with ``B`` — one ``(n, n)``
    array, but ``getri`` is slower than ``getrs`` in OpenBLAS (measured 1.2–2×).
    """
    if backend != "numpy":
        return get_backend(backend).leontief_inverse(A)
    n = A.shape[0]
    M = np.negative(A)  # the one new (n, n) array of the factorisation
    M[np.diag_indices(n)] += 1.0
    # LAPACK works in place on Fortran order: M' is that view of M, and inv(M')' = inv(M)
    if block is None:
        return sla.inv(M.T, overwrite_a=True, check_finite=False).T
    lu, piv = sla.lu_factor(M.T, overwrite_a=True, check_finite=False)  # factors of (I − A)'
    Bt = np.empty((n, n), order="F")  # B' column blocks = rows of B
    for j0 in range(0, n, block):
        j1 = min(n, j0 + block)
        rhs = np.zeros((n, j1 - j0), order="F")
        rhs[np.arange(j0, j1), np.arange(j1 - j0)] = 1.0
        Bt[:, j0:j1] = sla.lu_solve((lu, piv), rhs, check_finite=False)
    del lu
    return Bt.T


def compute_indicators_lean(
    table: MRIOTable, *, backend: str = "numpy", **options: Any
) -> pd.DataFrame:
    """:func:`~chainpower.gvc.indicators.compute_indicators` with the in-place inverse
    (:func:`leontief_inverse_inplace` on ``backend``); ``options`` (``store``, ``dataset``,
    ``origin_destination``, ``trade``) go to it."""
    return compute_indicators(
        table, inverse=partial(leontief_inverse_inplace, backend=backend), **options
    )
