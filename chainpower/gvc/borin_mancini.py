"""Borin & Mancini (2023) source-based decomposition of gross exports and trade-based GVC
participation (the definition the ADB Key Indicators publish).

Source: A. Borin and M. Mancini (2023), "Measuring what matters in value-added trade",
*Economic Systems Research* 35(1), 1–28 (working-paper version: World Bank PRWP 8804, 2019),
section 3 (source-based approach, "exporting country" perspective) and section 5 (GVC
participation); ADB Key Indicators 2021, part II.

Country perspective (all exports of s). The *extraction* inverse ``B^{(s)} = (I − A^{(s)})⁻¹``
of the world in which s's intermediate exports are removed (``A^{sr} = 0`` for r ≠ s) has
blocks ``B^{(s)ss} = L^ss`` and ``B^{(s)ts} = B^ts (B^ss)⁻¹ L^ss`` (partitioned inverse), so it
needs no extra ``(n, n)`` inverse. Domestic value added is counted the first time it leaves s
(``V^s L^ss``), foreign value added the first time it enters s's exports
(``Σ_{t≠s} V^t B^{(s)ts}``). With ``#`` the element-wise (exporting-sector) product,
``F^r = Σ_{j≠r} A^rj B^j· Y`` (r's intermediate exports by final destination, ``N × G``):

=======  ===================================================================================
DAVAX1   ``(V^s L^ss)' # Y^sr`` — final exports absorbed by the direct importer
DAVAX2   ``(V^s L^ss)' # (A^sr L^rr Y^rr)`` — intermediates absorbed by the direct importer
REX1     ``(V^s L^ss)' # (A^sr L^rr Σ_{j≠s,r} Y^rj)`` — re-exported in final goods
REX2     ``(V^s L^ss)' # (A^sr L^rr Σ_{l≠s,r} F^r_l)`` — re-exported in intermediates, absorbed
         in third countries
REX3     ``(V^s L^ss)' # (A^sr L^rr F^r_r)`` — re-exported in intermediates, absorbed back in r
REF1     ``(V^s L^ss)' # (A^sr L^rr Y^rs)`` — reflected home in final imports
REF2     ``(V^s L^ss)' # (A^sr L^rr F^r_s)`` — reflected home in intermediate imports
DDC      ``(V^s (B^ss − L^ss))' # E^sr`` — domestic double counting (ADB's PDC1)
FVA      ``(Σ_{t≠s} V^t B^{(s)ts})' # E^sr`` — foreign value added
FDC      ``(Σ_{t≠s} V^t (B^ts − B^{(s)ts}))' # E^sr`` — foreign double counting (ADB's PDC2)
=======  ===================================================================================

The ten terms add up to ``E^sr`` in every cell. Bilateral (partner) cells split the
country-perspective decomposition of *total* exports by partner, as ADB's processing does; their
sum over partners is Borin & Mancini's country-level decomposition. Trade-based participation
(BM 2023, section 5; ADB): forward ``GVC_trade_f = REX1 + REX2 + REX3 + REF1 + REF2``, backward
``GVC_trade_b = FVA + DDC + FDC`` (``FVA + PDC``), each also as a share of gross exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from chainpower.gvc._blocks import Blocks, compose, pair_apply, prepare
from chainpower.gvc.decomposition import TermResult
from chainpower.mrio.algebra import FloatArray
from chainpower.mrio.table import MRIOTable

__all__ = [
    "BM_GROUPS",
    "BM_TERMS",
    "BorinManciniResult",
    "bm_from_blocks",
    "bm_terms",
    "borin_mancini",
]


BM_TERMS: tuple[str, ...] = (
    "DAVAX1",
    "DAVAX2",
    "REX1",
    "REX2",
    "REX3",
    "REF1",
    "REF2",
    "DDC",
    "FVA",
    "FDC",
)

#: Aggregates of :data:`BM_TERMS` (BM 2023, Table 1; ADB Key Indicators' gvcp columns).
BM_GROUPS: dict[str, tuple[str, ...]] = {
    "DAVAX": ("DAVAX1", "DAVAX2"),
    "REX": ("REX1", "REX2", "REX3"),
    "REF": ("REF1", "REF2"),
    "VAX": ("DAVAX1", "DAVAX2", "REX1", "REX2", "REX3"),
    "DVA": ("DAVAX1", "DAVAX2", "REX1", "REX2", "REX3", "REF1", "REF2"),
    "DDC": ("DDC",),
    "FVA": ("FVA",),
    "FDC": ("FDC",),
    "PDC": ("DDC", "FDC"),
    "GVC_trade_f": ("REX1", "REX2", "REX3", "REF1", "REF2"),
    "GVC_trade_b": ("FVA", "DDC", "FDC"),
    "GVC_trade": ("REX1", "REX2", "REX3", "REF1", "REF2", "FVA", "DDC", "FDC"),
}

#: Participation shares: group name -> share name (group / gross exports).
BM_SHARES: dict[str, str] = {
    "GVC_trade_f": "GVCP_trade_f",
    "GVC_trade_b": "GVCP_trade_b",
    "GVC_trade": "GVCP_trade",
}


def _source_foreign(bl: Blocks) -> FloatArray:
    """``Σ_{t≠s} V^t B^{(s)ts} = (Σ_{t≠s} V^t B^ts)(B^ss)⁻¹ L^ss`` per exporting sector,
    ``(G, N)`` (BM 2023, section 3.2, foreign content counted once, via the partitioned
    inverse ``B^{(s)ts} = B^ts (B^ss)⁻¹ L^ss``)."""
    w = np.linalg.solve(bl.B_diag.transpose(0, 2, 1), bl.foreign_B[:, :, None])  # (G, N, 1)
    return np.matmul(w.transpose(0, 2, 1), bl.L)[:, 0, :]


def bm_from_blocks(bl: Blocks) -> FloatArray:
    """Borin–Mancini source-based terms from :class:`Blocks`, ``(G, N, G, 10)`` in the order of
    :data:`BM_TERMS` (exporter s, exporting sector i, partner r, term); zero where r = s."""
    G, N, n = bl.G, bl.N, bl.n
    idx = np.arange(G)
    W = bl.output_by_destination.reshape(n, G)  # Σ_t B^rt Y^tu
    Ab = bl.A_diag
    AW = bl.A @ W  # Σ_j A^rj W^j
    Wb = W.reshape(G, N, G)
    F = AW.reshape(G, N, G) - np.matmul(Ab, Wb)  # Σ_{j≠r} A^rj W^j, (G, N, G)
    LY = np.matmul(bl.L, bl.Yb)  # L^rr Y^ru
    LF = np.matmul(bl.L, F)  # L^rr F^r_u
    LY_rr = LY[idx, :, idx][:, :, None]
    LF_rr = LF[idx, :, idx][:, :, None]

    Q = np.empty((G, N, G, 6))
    Q[..., 0] = LY_rr  # DAVAX2
    Q[..., 1] = LY.sum(axis=2, keepdims=True) - LY_rr - LY  # REX1
    Q[..., 2] = LF.sum(axis=2, keepdims=True) - LF_rr - LF  # REX2
    Q[..., 3] = LF_rr  # REX3
    Q[..., 4] = LY  # REF1 (column s)
    Q[..., 5] = LF  # REF2 (column s)
    R = pair_apply(bl.Apairs, Q)

    dom_L = bl.dom_L[:, :, None]
    f_src = _source_foreign(bl)[:, :, None]
    E = bl.E
    T = np.empty((G, N, G, 10))
    T[..., 0] = dom_L * bl.Yb
    T[..., 1:7] = dom_L[..., None] * R
    T[..., 7] = (bl.dom_B[:, :, None] - dom_L) * E
    T[..., 8] = f_src * E
    T[..., 9] = (bl.foreign_B[:, :, None] - f_src) * E
    T[idx, :, idx, :] = 0.0
    return T


#: ``bm_terms(Z, Y, v, x, G, N, *, B=None, L=None, labels=None)``: :func:`bm_from_blocks`
#: applied to :func:`~chainpower.gvc._blocks.prepare`'s arrays.
bm_terms = compose(
    prepare,
    bm_from_blocks,
    name="bm_terms",
    doc="""Borin & Mancini (2023) source-based terms, ``(G, N, G, 10)`` (see module docstring).

    Inputs as :func:`chainpower.gvc.wwz.wwz_terms`: ``Z (n, n)``, ``Y (n, G)``, ``v (n,)``,
    ``x (n,)``, optional ``B (n, n)`` and ``L (G, N, N)``.
    """,
)


@dataclass(frozen=True, eq=False, repr=False)
class BorinManciniResult(TermResult):
    """Borin–Mancini decomposition of one table: ``terms (G, N, G, 10)``, ``exports (G, N, G)``.

    Aggregation methods (``by_exporter``, ``country``, ``country_bilateral``, ``groups``,
    ``to_frame``) come from :class:`~chainpower.gvc.decomposition.TermResult`.
    """

    family: ClassVar[str] = "bm"

    def participation(self, level: str = "country") -> dict[str, FloatArray]:
        """Trade-based GVC participation (BM 2023, section 5; ADB Key Indicators):
        ``GVC_trade_f``, ``GVC_trade_b``, ``GVC_trade`` and their shares of gross exports
        ``GVCP_trade_*``; arrays at ``level`` (see :meth:`groups`). Shares are NaN where
        exports are zero."""
        g = self.groups(level)
        E = g["E"]
        out = {k: g[k] for k in BM_SHARES}
        with np.errstate(invalid="ignore", divide="ignore"):
            for k, share in BM_SHARES.items():
                out[share] = np.where(E != 0, g[k] / np.where(E != 0, E, 1.0), np.nan)
        return out

    def participation_frame(self, level: str = "country") -> pd.DataFrame:
        """:meth:`participation` as a tidy frame (rows with zero exports omitted)."""
        return self._frame_from(self.participation(level), level, drop_nan=True)


def borin_mancini(
    table: MRIOTable,
    *,
    B: FloatArray | None = None,
    L: FloatArray | None = None,
    blocks: Blocks | None = None,
) -> BorinManciniResult:
    """Borin & Mancini (2023) source-based decomposition of ``table``'s gross exports by
    exporting country-sector and partner, with trade-based GVC participation (see module
    docstring). ``B (n, n)`` and ``L (G, N, N)`` are reused when given; ``blocks``
    (:func:`~chainpower.gvc._blocks.table_blocks` of ``table``) is reused as a whole."""
    return BorinManciniResult.of_table(
        table, bm_from_blocks, BM_TERMS, BM_GROUPS, B=B, L=L, blocks=blocks
    )
