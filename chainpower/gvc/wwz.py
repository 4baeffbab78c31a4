"""Wang, Wei & Zhu (2013) 16-term decomposition of bilateral gross exports by sector.

Source: Z. Wang, S.-J. Wei and K. Zhu (2013, rev. 2018), "Quantifying international production
sharing at the bilateral and sector levels", NBER Working Paper 19677, eq. (37) and Appendix
Table A2 / Figure 1. With ``V^s`` the value-added coefficients of country s (``1 × N``),
``B^st`` blocks of the global Leontief inverse, ``L^ss = (I − A^ss)⁻¹``, ``Y^sr`` the final
demand of r for products of s (``N × 1``), ``X^r`` output and ``E^r*`` total exports of r,
and ``#`` the element-wise product, exports of s to r by exporting sector ``E^sr (N × 1)`` are

====  ==============  =================================================================
 T1   DVA_FIN         ``(V^s B^ss)' # Y^sr``
 T2   DVA_INT         ``(V^s L^ss)' # (A^sr B^rr Y^rr)``
 T3   DVA_INTrexI1    ``(V^s L^ss)' # (A^sr Σ_{t≠s,r} B^rt Y^tt)``
 T4   DVA_INTrexF     ``(V^s L^ss)' # (A^sr B^rr Σ_{t≠s,r} Y^rt)``
 T5   DVA_INTrexI2    ``(V^s L^ss)' # (A^sr Σ_{t≠s,r} B^rt Σ_{u≠s,t} Y^tu)``
 T6   RDV_FIN         ``(V^s L^ss)' # (A^sr B^rr Y^rs)``
 T7   RDV_FIN2        ``(V^s L^ss)' # (A^sr Σ_{t≠s,r} B^rt Y^ts)``
 T8   RDV_INT         ``(V^s L^ss)' # (A^sr B^rs Y^ss)``
 T9   DDC_FIN         ``(V^s L^ss)' # (A^sr B^rs Σ_{t≠s} Y^st)``
 T10  DDC_INT         ``(V^s B^ss − V^s L^ss)' # (A^sr X^r)``
 T11  MVA_FIN         ``(V^r B^rs)' # Y^sr``
 T12  MVA_INT         ``(V^r B^rs)' # (A^sr L^rr Y^rr)``
 T13  MDC             ``(V^r B^rs)' # (A^sr L^rr E^r*)``
 T14  OVA_FIN         ``(Σ_{t≠s,r} V^t B^ts)' # Y^sr``
 T15  OVA_INT         ``(Σ_{t≠s,r} V^t B^ts)' # (A^sr L^rr Y^rr)``
 T16  ODC             ``(Σ_{t≠s,r} V^t B^ts)' # (A^sr L^rr E^r*)``
====  ==============  =================================================================

Terms 2–9 split ``A^sr X^r`` by where the output of r is finally absorbed
(``X^r = Σ_t Σ_u B^rt Y^tu``), term 10 carries the rest of ``V^s B^ss``; terms 11–16 split
foreign value added using ``X^r = L^rr Y^rr + L^rr E^r*`` (KWW 2014, section I). They add up
because the columns of ``V·B`` sum to one (KWW 2014, section I). The numbering is that of
eq. (37); the R package *decompr* orders terms 6–16 differently (its term 6 is RDV_INT), its
names are the same.
"""

from __future__ import annotations

import numpy as np

from chainpower.gvc._blocks import Blocks, compose, pair_apply, prepare
from chainpower.mrio.algebra import FloatArray

__all__ = ["WWZ_TERMS", "wwz_from_blocks", "wwz_terms"]


WWZ_TERMS: tuple[str, ...] = (
    "DVA_FIN",
    "DVA_INT",
    "DVA_INTrexI1",
    "DVA_INTrexF",
    "DVA_INTrexI2",
    "RDV_FIN",
    "RDV_FIN2",
    "RDV_INT",
    "DDC_FIN",
    "DDC_INT",
    "MVA_FIN",
    "MVA_INT",
    "MDC",
    "OVA_FIN",
    "OVA_INT",
    "ODC",
)


def _importer_vectors(bl: Blocks) -> FloatArray:
    """The ten importer-side vectors ``Q[r, :, s, k]`` (``(G, N, G, 10)``) that ``A^sr``
    multiplies in terms 2–9, 12/15 and 13/16 of WWZ eq. (37).

    Built from three ``(n, n)·(n, G)`` products (Miller & Blair 2009, eq. 2.9 by blocks):
    ``W[r,:,u] = Σ_t B^rt Y^tu``, ``D[r,:,t] = B^rt Y^tt`` and
    ``M[r,:,t] = B^rt (Σ_u Y^tu − Y^tt)``, plus ``B^rr Y^ru`` from the diagonal blocks.
    """
    G, N, n = bl.G, bl.N, bl.n
    Yb = bl.Yb
    idx = np.arange(G)
    Ydom = Yb[idx, :, idx]  # (G, N): Y^tt
    Yoth = Yb.sum(axis=2) - Ydom  # (G, N): Σ_{u≠t} Y^tu
    rhs = np.zeros((n, 3 * G))
    rhs[:, :G] = Yb.reshape(n, G)
    for t in range(G):
        rows = slice(t * N, (t + 1) * N)
        rhs[rows, G + t] = Ydom[t]
        rhs[rows, 2 * G + t] = Yoth[t]
    P = bl.B @ rhs
    W = P[:, :G].reshape(G, N, G)
    D = P[:, G : 2 * G].reshape(G, N, G)
    M = P[:, 2 * G :].reshape(G, N, G)
    Brr_Y = np.matmul(bl.B_diag, Yb)  # (G, N, G): B^rr Y^ru

    D_rr = D[idx, :, idx][:, :, None]  # (G, N, 1)
    By_rr = Brr_Y[idx, :, idx][:, :, None]
    M_rr = M[idx, :, idx][:, :, None]
    t7 = W - Brr_Y - D  # Σ_{t≠s,r} B^rt Y^ts, indexed [r, :, s]

    Q = np.empty((G, N, G, 10))
    Q[..., 0] = D_rr  # T2: B^rr Y^rr
    Q[..., 1] = D.sum(axis=2, keepdims=True) - D_rr - D  # T3: Σ_{t≠s,r} B^rt Y^tt
    Q[..., 2] = Brr_Y.sum(axis=2, keepdims=True) - By_rr - Brr_Y  # T4: B^rr Σ_{t≠s,r} Y^rt
    Q[..., 3] = M.sum(axis=2, keepdims=True) - M_rr - M - t7  # T5
    Q[..., 4] = Brr_Y  # T6: B^rr Y^rs
    Q[..., 5] = t7  # T7
    Q[..., 6] = D  # T8: B^rs Y^ss
    Q[..., 7] = M  # T9: B^rs Σ_{t≠s} Y^st
    Q[..., 8] = np.matmul(bl.L, Ydom[:, :, None])  # T12/T15: L^rr Y^rr
    Q[..., 9] = np.matmul(bl.L, bl.Etot[:, :, None])  # T13/T16: L^rr E^r*
    return Q


def wwz_from_blocks(bl: Blocks) -> FloatArray:
    """WWZ (2013) eq. (37) terms from precomputed :class:`Blocks`; ``(G, N, G, 16)``."""
    G = bl.G
    R = pair_apply(bl.Apairs, _importer_vectors(bl))  # (s, i, r, 10)
    dom_B, dom_L = bl.dom_B[:, :, None], bl.dom_L[:, :, None]  # (G, N, 1)
    mva = bl.VB.transpose(1, 2, 0)  # [s, i, r] = (V^r B^rs)_i
    ova = bl.foreign_B[:, :, None] - mva  # Σ_{t≠s,r} V^t B^ts
    Yb = bl.Yb

    T = np.empty((G, bl.N, G, 16))
    T[..., 0] = dom_B * Yb
    T[..., 1:9] = dom_L[..., None] * R[..., 0:8]
    T[..., 9] = (dom_B - dom_L) * bl.Zx
    T[..., 10] = mva * Yb
    T[..., 11] = mva * R[..., 8]
    T[..., 12] = mva * R[..., 9]
    T[..., 13] = ova * Yb
    T[..., 14] = ova * R[..., 8]
    T[..., 15] = ova * R[..., 9]
    idx = np.arange(G)
    T[idx, :, idx, :] = 0.0
    return T


#: ``wwz_terms(Z, Y, v, x, G, N, *, B=None, L=None, labels=None)``: :func:`wwz_from_blocks`
#: applied to :func:`~chainpower.gvc._blocks.prepare`'s arrays (docstring below).
wwz_terms = compose(
    prepare,
    wwz_from_blocks,
    name="wwz_terms",
    doc="""The 16 WWZ (2013, eq. 37) terms of bilateral gross exports by exporting sector.

    Parameters
    ----------
    Z : ``(n, n)`` intermediate flows; Y : ``(n, G)`` final demand by destination country
    (categories summed); v : ``(n,)`` value added; x : ``(n,)`` output; ``n = G·N``,
    country-major. B : ``(n, n)`` global Leontief inverse and L : ``(G, N, N)`` local inverses,
    reused when given (e.g. from :func:`chainpower.mrio.leontief_inverse`).

    Returns
    -------
    ``(G, N, G, 16)`` array ``T[s, i, r, k]``: exporter s, exporting sector i, importer r, term
    ``k+1`` in the order of :data:`WWZ_TERMS`. Slices ``r == s`` are zero. For every
    ``(s, i, r)`` the terms sum to gross exports ``Σ_j Z[s·N+i, r·N+j] + Y[s·N+i, r]`` when the
    table's column balance ``1'Z + v' = x'`` holds (exactly for tables whose value added is
    derived as ``x − 1'Z``; otherwise up to the column misfit).

    Cost: one LU inverse (skipped when ``B`` is given), products of ``(n, n)`` with ``(n, 3G)``
    and ``(G, n)`` matrices, and ``G²`` batched ``(N, N)·(N, 10)`` products; peak memory about
    three ``(n, n)`` arrays.
    """,
)
