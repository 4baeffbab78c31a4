"""Shared block algebra for the gross-export decompositions (WWZ, Borin–Mancini).

Notation (``G`` countries, ``N`` sectors, ``n = G·N``, country-major rows ``g·N + i``), following
Wang, Wei & Zhu (2013, NBER w19677, section 3) and Koopman, Wang & Wei (2014, *AER* 104(2),
section I):

==========  ===============  =============================================================
``A``       ``(n, n)``       technical coefficients ``Z·diag(x)⁻¹``
``B``       ``(n, n)``       global Leontief inverse ``(I − A)⁻¹``; ``B^rt`` its (r, t) block
``L``       ``(G, N, N)``    local inverses ``L^rr = (I − A^rr)⁻¹``
``vc``      ``(n,)``         value-added coefficients ``V = v/x``
``Yb``      ``(G, N, G)``    final demand ``Y^tu`` of country u for products of t (sector axis 1)
``Zx``      ``(G, N, G)``    intermediate sales ``A^tu X^u = Z^tu·1`` by buying country
``E``       ``(G, N, G)``    gross exports ``E^sr = A^sr X^r + Y^sr`` (zero for r = s)
``VB``      ``(G, G, N)``    ``VB[t, s, i] = (V^t B^ts)_i``: value added of t per unit of s/i
==========  ===============  =============================================================

The only ``(n, n)`` arrays are ``A``, ``B`` and one re-ordered copy of ``A`` (``Apairs``); all
other work is on ``(n, G)`` matrix products and batched ``(N, N)`` blocks, so the cost is one
LU inverse plus ``O(n²·G)``.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import ParamSpec, TypeVar

import numpy as np

from chainpower.errors import InputError
from chainpower.mrio.algebra import (
    FloatArray,
    leontief_inverse,
    local_inverses,
    safe_reciprocal,
    technical_coefficients,
)
from chainpower.mrio.table import MRIOTable

__all__ = [
    "Blocks",
    "IdleSectorInputWarning",
    "compose",
    "pair_apply",
    "prepare",
    "table_blocks",
]


@dataclass(frozen=True, eq=False)
class Blocks:
    """Precomputed block arrays of one table (shapes in the module docstring)."""

    G: int
    N: int
    A: FloatArray
    B: FloatArray
    L: FloatArray
    vc: FloatArray
    x: FloatArray
    Yb: FloatArray
    Zx: FloatArray

    @property
    def n(self) -> int:
        return self.G * self.N

    @cached_property
    def E(self) -> FloatArray:
        """Gross exports ``E^sr`` by exporting sector, ``(G, N, G)``; zero where r = s."""
        E = self.Zx + self.Yb
        idx = np.arange(self.G)
        E[idx, :, idx] = 0.0
        return E

    @cached_property
    def Etot(self) -> FloatArray:
        """Total gross exports ``E^s*`` of each country-sector, ``(G, N)``."""
        return self.E.sum(axis=2)

    @cached_property
    def VB(self) -> FloatArray:
        """``VB[t, s, i] = Σ_k∈t vc_k B[k, s·N+i]``, ``(G, G, N)`` — value added of country t
        embodied per unit of output of s/i (KWW 2014, section I: the ``VB`` matrix by blocks).
        Computed as one ``(G, n) @ (n, n)`` product."""
        G, N = self.G, self.N
        Vmat = np.zeros((G, self.n))
        for t in range(G):
            Vmat[t, t * N : (t + 1) * N] = self.vc[t * N : (t + 1) * N]
        return (Vmat @ self.B).reshape(G, G, N)

    @cached_property
    def dom_B(self) -> FloatArray:
        """``V^s B^ss`` per exporting sector, ``(G, N)`` (WWZ 2013, eq. 37, term 1)."""
        idx = np.arange(self.G)
        return self.VB[idx, idx, :]

    @cached_property
    def dom_L(self) -> FloatArray:
        """``V^s L^ss`` per exporting sector, ``(G, N)`` (WWZ 2013, eq. 37, terms 2–9)."""
        vcb = self.vc.reshape(self.G, 1, self.N)
        return np.matmul(vcb, self.L)[:, 0, :]

    @cached_property
    def foreign_B(self) -> FloatArray:
        """``Σ_{t≠s} V^t B^ts`` per exporting sector, ``(G, N)`` (KWW 2014: vertical
        specialisation)."""
        return self.VB.sum(axis=0) - self.dom_B

    @cached_property
    def B_diag(self) -> FloatArray:
        """Diagonal blocks ``B^rr``, ``(G, N, N)``."""
        Bb = self.B.reshape(self.G, self.N, self.G, self.N)
        idx = np.arange(self.G)
        return np.ascontiguousarray(Bb[idx, :, idx, :])

    @cached_property
    def A_diag(self) -> FloatArray:
        """Diagonal blocks ``A^rr``, ``(G, N, N)``."""
        Ab = self.A.reshape(self.G, self.N, self.G, self.N)
        idx = np.arange(self.G)
        return np.ascontiguousarray(Ab[idx, :, idx, :])

    @cached_property
    def Apairs(self) -> FloatArray:
        """``A`` re-ordered as ``(s, r, i, j)`` blocks ``A^sr``, ``(G, G, N, N)`` (one copy)."""
        Ab = self.A.reshape(self.G, self.N, self.G, self.N)
        return np.ascontiguousarray(Ab.transpose(0, 2, 1, 3))

    @cached_property
    def output_by_destination(self) -> FloatArray:
        """``W[r, :, u] = Σ_t B^rt Y^tu`` — output of r needed for final demand of u,
        ``(G, N, G)`` (WWZ 2013, section 3: ``X = B·Y``)."""
        return (self.B @ self.Yb.reshape(self.n, self.G)).reshape(self.G, self.N, self.G)


def _check_inputs(
    Z: FloatArray, Y: FloatArray, v: FloatArray, x: FloatArray, G: int, N: int
) -> None:
    n = G * N
    for name, arr, shape in (("Z", Z, (n, n)), ("Y", Y, (n, G)), ("v", v, (n,)), ("x", x, (n,))):
        if arr.shape != shape:
            raise InputError(
                f"{name} has shape {arr.shape}; {G} countries × {N} sectors need {shape}"
            )
        if not np.isfinite(arr).all():
            k = int(np.flatnonzero(~np.isfinite(arr).reshape(arr.shape[0], -1).all(axis=1))[0])
            raise InputError(f"non-finite value in {name}", label=f"row {k}")


class IdleSectorInputWarning(UserWarning):
    """A sector with zero output buys intermediate inputs (a rounding artefact of the table)."""


def _absorb_inputs_of_idle_sectors(
    Z: FloatArray,
    Y: FloatArray,
    x: FloatArray,
    G: int,
    N: int,
    labels: Sequence[str] | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Reclassify intermediate purchases of zero-output sectors as final use of their country.

    ``A = Z·diag(x)⁻¹`` cannot represent inputs bought by a sector with ``x_k = 0`` (its
    column of ``A`` is zero), so ``x = B·Y·1`` would miss them. Such flows only arise from
    rounding (WIOD 2013, 2002: 1 USD million sold by LVA/c30 to LVA/c24, whose output is 0).
    Moving them to the final demand of the buying country keeps every row total (hence ``x``
    and gross exports) unchanged and makes ``x = B·Y·1`` exact; a warning names the cells.
    Returns ``(Z, Y)`` (copies only when something moved).
    """
    idle = np.flatnonzero(x == 0)
    if idle.size == 0:
        return Z, Y
    moved = Z[:, idle]
    if not moved.any():
        return Z, Y
    Z = Z.copy()
    Y = Y.copy()
    cells = []
    for col, k in enumerate(idle):
        rows = np.flatnonzero(moved[:, col])
        if rows.size == 0:
            continue
        Y[:, k // N] += moved[:, col]
        Z[:, k] = 0.0
        name = (lambda j: labels[j]) if labels is not None else (lambda j: f"row {j}")
        cells += [f"{name(int(i))} → {name(int(k))}: {moved[i, col]:g}" for i in rows]
    warnings.warn(
        "inputs bought by zero-output sectors treated as final use of their country "
        f"(row totals unchanged): {'; '.join(cells[:10])}",
        IdleSectorInputWarning,
        stacklevel=3,
    )
    return Z, Y


def prepare(
    Z: FloatArray,
    Y: FloatArray,
    v: FloatArray,
    x: FloatArray,
    G: int,
    N: int,
    *,
    B: FloatArray | None = None,
    L: FloatArray | None = None,
    labels: Sequence[str] | None = None,
) -> Blocks:
    """Build :class:`Blocks` from flows ``Z (n, n)``, final demand by destination ``Y (n, G)``,
    value added ``v (n,)`` and output ``x (n,)``; ``B (n, n)`` and ``L (G, N, N)`` are reused
    when given (computed by LU otherwise); ``labels`` (n) name country-sectors in warnings.

    Inputs bought by zero-output sectors are first moved to final demand (see
    :func:`_absorb_inputs_of_idle_sectors`). Value-added coefficients are ``vc = v/x``; for a
    zero-output column (a sector whose rounded table shows no production) ``A`` has a zero
    column and ``vc`` is set to ``1 − Σ_j A_jk = 1``, so that ``V·B`` keeps unit column sums
    (KWW 2014, section I) and the
    decomposition of any (rounding) export of that row still adds up.
    """
    Z = np.asarray(Z, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    _check_inputs(Z, Y, v, x, G, N)
    Z, Y = _absorb_inputs_of_idle_sectors(Z, Y, x, G, N, labels)
    A = technical_coefficients(Z, x)
    vc = np.where(x == 0, 1.0 - A.sum(axis=0), v * safe_reciprocal(x))
    if B is None:
        B = leontief_inverse(A)
    if L is None:
        L = local_inverses(A, G, N)
    Zx = Z.reshape(G, N, G, N).sum(axis=3)
    return Blocks(
        G=G,
        N=N,
        A=A,
        B=np.asarray(B, dtype=np.float64),
        L=np.asarray(L, dtype=np.float64),
        vc=vc,
        x=x,
        Yb=Y.reshape(G, N, G).copy(),
        Zx=Zx,
    )


_P = ParamSpec("_P")
_T = TypeVar("_T")


def compose(
    first: Callable[_P, Blocks], then: Callable[[Blocks], _T], *, name: str, doc: str
) -> Callable[_P, _T]:
    """``then ∘ first`` with ``first``'s parameters (``inspect.signature`` shows them) and the
    given ``name`` and ``doc``: e.g. a decomposition written on :class:`Blocks` applied to
    :func:`prepare`'s arrays ``Z, Y, v, x, G, N, *, B, L, labels``."""

    def run(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        return then(first(*args, **kwargs))

    returns = inspect.signature(then).return_annotation
    run.__signature__ = inspect.signature(first).replace(  # type: ignore[attr-defined]
        return_annotation=returns
    )
    run.__annotations__ = {**first.__annotations__, "return": returns}
    run.__name__ = run.__qualname__ = name
    run.__module__ = then.__module__
    run.__doc__ = doc
    return run


def table_blocks(
    table: MRIOTable, *, B: FloatArray | None = None, L: FloatArray | None = None
) -> Blocks:
    """:func:`prepare` on an :class:`~chainpower.mrio.table.MRIOTable` (final demand summed by
    destination, ``Yc (n, G)``; country-sectors named in warnings). Build it once per table and
    pass it to every decomposition of that table."""
    return prepare(
        table.Z, table.Yc, table.v, table.x, table.G, table.N, B=B, L=L, labels=table.labels
    )


def pair_apply(Apairs: FloatArray, Q: FloatArray) -> FloatArray:
    """``R[s, i, r, k] = Σ_j A^sr[i, j]·Q[r, j, s, k]`` for every exporter–importer pair.

    ``Apairs`` is ``(G, G, N, N)`` (blocks ``A^sr``), ``Q`` is ``(G, N, G, K)``: K vectors in
    the importer's sectors, one set per pair (r, s). Returns ``(G, N, G, K)``. One batched
    matrix product of ``G²`` ``(N, N)·(N, K)`` blocks — the ``A^sr·(…)`` factor of every
    intermediate-export term in WWZ (2013, eq. 37) and Borin & Mancini (2023, section 3).
    """
    Qp = np.ascontiguousarray(Q.transpose(2, 0, 1, 3))  # (s, r, j, k)
    R = np.matmul(Apairs, Qp)  # (s, r, i, k)
    return R.transpose(0, 2, 1, 3)
