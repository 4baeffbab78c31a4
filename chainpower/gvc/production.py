"""Production-based GVC participation, position and production length (Wang, Wei, Yu & Zhu 2017).

Sources: Z. Wang, S.-J. Wei, X. Yu and K. Zhu (2017a), "Measures of participation in global
value chains and global business cycles", NBER w23222 (WWYZ-a), section 2 (the production-based
decomposition and the participation indices); and (2017b), "Characterizing global value chains:
production length and upstreamness", NBER w23261 (WWYZ-b), sections 2–3 (production length and
the GVC position index). Equations are cited by section: the working-paper numbering differs
between versions.

Notation (``G`` countries, ``N`` sectors, ``n = G·N``, country-major rows ``g·N + i``):

==========  ==========  ============================================================================
``A``       ``(n, n)``  technical coefficients; ``A^D`` its diagonal (domestic) blocks,
                        ``A^F = A − A^D`` the foreign blocks
``B``       ``(n, n)``  global Leontief inverse ``(I − A)⁻¹``
``L``       ``(n, n)``  block-diagonal local inverses ``(I − A^D)⁻¹`` (stored ``(G, N, N)``)
``vc``      ``(n,)``    value-added coefficients ``v/x`` (the diagonal of ``V̂``)
``y``       ``(n,)``    final goods production ``Y·1`` (the diagonal of ``Ŷ``)
``yD, yF``  ``(n,)``    final goods absorbed at home / exported (``Ŷ^D``, ``Ŷ^F``); ``y = yD + yF``
==========  ==========  ============================================================================

The ``(n, n)`` matrix ``V̂BŶ`` (value added of row sector in the final goods of column sector)
splits into four parts (WWYZ-a, section 2.1)::

    V̂BŶ = V̂LŶ^D            (D: produced and absorbed at home, no trade)
         + V̂LŶ^F            (RT: traditional trade, crosses a border once as final goods)
         + V̂LA^F LŶ^D       (GVC_S: simple GVC, crosses once as intermediates, absorbed there)
         + V̂LA^F (BŶ − LŶ^D) (GVC_C: complex GVC, crosses at least twice)

Row sums (forward, by producing country-sector) give value added ``va = V̂BY1`` split into
``v_d + v_rt + v_gvc_s + v_gvc_c``; column sums (backward, by the final-goods sector) give final
goods production ``y`` split into ``y_d + y_rt + y_gvc_s + y_gvc_c`` (WWYZ-a, section 2.1). Forward
participation ``GVCPt_f = v_gvc/va`` (simple ``v_gvc_s/va``, complex ``v_gvc_c/va``), backward
``GVCPt_b = y_gvc/y`` (WWYZ-a, section 2.2); position ``ln(1 + GVCPt_f) − ln(1 + GVCPt_b)``
(WWYZ-a, section 2.3, in the spirit of Koopman et al. 2010).

Production length (WWYZ-b, section 2): induced output ``X = V̂BBŶ`` counts each stage
of a chain once, so the average length is ``X/V̂BŶ``: forward ``PLv = (V̂BBY1)/(V̂BY1) =
(B x)/x`` — row sums of the Ghosh inverse (Antràs et al. 2012 upstreamness) — and backward
``PLy = (1'V̂BBŶ)/(1'V̂BŶ) = 1'B`` (Miller & Blair 2009, eq. 2.9 column sums). For the GVC part
``V̂LA^F BŶ`` the induced output is ``V̂LLA^F BŶ + V̂LA^F BBŶ`` (WWYZ-b, section 3), giving
``PLv_GVC`` (row sums) and ``PLy_GVC`` (column sums); the GVC position index is
``PLv_GVC / PLy_GVC`` (WWYZ-b, section 3): above 1 for upstream country-sectors.

Everything is computed with matrix–vector products on ``B``, ``L`` and ``A^F``: no ``(n, n)``
temporary besides ``A`` (and ``B`` when it is not supplied, replaced then by an LU factor).
Output used is the model's ``x̃ = B·Y·1`` (equal to ``x`` on a balanced table), so every
identity holds exactly also on tables published rounded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.linalg as sla

from chainpower.errors import InputError
from chainpower.gvc._tidy import GVCResult
from chainpower.mrio.algebra import (
    FloatArray,
    local_inverses,
    safe_reciprocal,
    technical_coefficients,
)
from chainpower.mrio.table import MRIOTable

__all__ = [
    "PRODUCTION_LEVELS",
    "PRODUCTION_POSITIONS",
    "PRODUCTION_RATIOS",
    "ProductionGVC",
    "production_gvc",
    "production_gvc_arrays",
    "ratios_from_levels",
]


#: Additive (level) measures, each ``(n,)``; they aggregate over sectors by summation.
PRODUCTION_LEVELS: dict[str, str] = {
    "wwyz_va": "value added V̂BY1 (forward total)",
    "wwyz_v_d": "V̂LY^D: domestic production and absorption",
    "wwyz_v_rt": "V̂LY^F: traditional trade (final goods exports)",
    "wwyz_v_gvc_s": "V̂LA^F LY^D: simple GVC (forward)",
    "wwyz_v_gvc_c": "V̂LA^F (BY − LY^D): complex GVC (forward)",
    "wwyz_v_gvc": "V̂LA^F BY: GVC-related value added (forward)",
    "wwyz_y": "final goods production 1'V̂BŶ (backward total)",
    "wwyz_y_d": "1'V̂LŶ^D",
    "wwyz_y_rt": "1'V̂LŶ^F",
    "wwyz_y_gvc_s": "1'V̂LA^F LŶ^D: simple GVC (backward)",
    "wwyz_y_gvc_c": "1'V̂LA^F (BŶ − LŶ^D): complex GVC (backward)",
    "wwyz_y_gvc": "1'V̂LA^F BŶ: GVC-related final goods production (backward)",
    "wwyz_xv": "induced output V̂BBY1 (forward)",
    "wwyz_xy": "induced output 1'V̂BBŶ (backward)",
    "wwyz_xv_gvc": "GVC induced output (V̂LLA^F BY + V̂LA^F BBY) row sums",
    "wwyz_xy_gvc": "GVC induced output (V̂LLA^F BŶ + V̂LA^F BBŶ) column sums",
}

#: Ratio measures: name → (numerator levels, denominator level). Position measures are
#: derived from ratios (see :func:`ratios_from_levels`).
PRODUCTION_RATIOS: dict[str, tuple[tuple[str, ...], str]] = {
    "wwyz_gvcpt_f": (("wwyz_v_gvc",), "wwyz_va"),
    "wwyz_gvcpt_f_s": (("wwyz_v_gvc_s",), "wwyz_va"),
    "wwyz_gvcpt_f_c": (("wwyz_v_gvc_c",), "wwyz_va"),
    "wwyz_gvcpt_b": (("wwyz_y_gvc",), "wwyz_y"),
    "wwyz_gvcpt_b_s": (("wwyz_y_gvc_s",), "wwyz_y"),
    "wwyz_gvcpt_b_c": (("wwyz_y_gvc_c",), "wwyz_y"),
    "wwyz_plv": (("wwyz_xv",), "wwyz_va"),
    "wwyz_ply": (("wwyz_xy",), "wwyz_y"),
    "wwyz_plv_gvc": (("wwyz_xv_gvc",), "wwyz_v_gvc"),
    "wwyz_ply_gvc": (("wwyz_xy_gvc",), "wwyz_y_gvc"),
}


def _ratio(num: FloatArray, den: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den != 0, num / np.where(den != 0, den, 1.0), np.nan)


#: Position measures: name → function of the ratios of :data:`PRODUCTION_RATIOS`.
PRODUCTION_POSITIONS: dict[str, Callable[[Mapping[str, FloatArray]], FloatArray]] = {
    # WWYZ-a, section 2.3: ln(1 + GVCPt_f) − ln(1 + GVCPt_b)
    "wwyz_position": lambda r: np.log1p(r["wwyz_gvcpt_f"]) - np.log1p(r["wwyz_gvcpt_b"]),
    # WWYZ-b, section 3: PLv_GVC / PLy_GVC (NaN where PLy_GVC is 0)
    "wwyz_pl_position": lambda r: _ratio(r["wwyz_plv_gvc"], r["wwyz_ply_gvc"]),
}


def ratios_from_levels(levels: dict[str, FloatArray]) -> dict[str, FloatArray]:
    """Participation, length and position arrays from level arrays of any common shape.

    Ratios follow :data:`PRODUCTION_RATIOS` (NaN where the denominator is 0); then
    ``wwyz_position = ln(1 + GVCPt_f) − ln(1 + GVCPt_b)`` (WWYZ-a, section 2.3) and
    ``wwyz_pl_position = PLv_GVC / PLy_GVC`` (WWYZ-b, section 3).
    """
    out = {
        name: _ratio(sum(levels[k] for k in nums), levels[den])  # type: ignore[arg-type]
        for name, (nums, den) in PRODUCTION_RATIOS.items()
    }
    return {**out, **{name: fn(out) for name, fn in PRODUCTION_POSITIONS.items()}}


def _block_apply(L: FloatArray, w: FloatArray, *, transpose: bool = False) -> FloatArray:
    """Block-diagonal product ``L·w`` (or ``w'·L`` with ``transpose``) for ``L (G, N, N)`` and
    ``w (n,)``; returns ``(n,)``."""
    G, N, _ = L.shape
    wb = w.reshape(G, N, 1)
    if transpose:
        return np.matmul(L.transpose(0, 2, 1), wb).ravel()
    return np.matmul(L, wb).ravel()


def _foreign_apply(A: FloatArray, AD: FloatArray, w: FloatArray, *, transpose: bool) -> FloatArray:
    """``A^F·w`` (or ``w'·A^F``) with ``A^F = A − A^D``, ``A (n, n)``, ``AD (G, N, N)`` the
    diagonal blocks; ``w (n,)`` → ``(n,)``. No ``(n, n)`` copy of ``A^F`` is made."""
    full = w @ A if transpose else A @ w
    return full - _block_apply(AD, w, transpose=transpose)


def production_gvc_arrays(
    A: FloatArray,
    Yc: FloatArray,
    v: FloatArray,
    x: FloatArray,
    G: int,
    N: int,
    *,
    B: FloatArray | None = None,
    L: FloatArray | None = None,
) -> dict[str, FloatArray]:
    """The level measures of :data:`PRODUCTION_LEVELS`, each ``(n,)``, from arrays.

    ``A (n, n)`` technical coefficients, ``Yc (n, G)`` final demand by destination country,
    ``v (n,)`` value added, ``x (n,)`` output; ``B (n, n)`` and ``L (G, N, N)`` are reused
    when given, else ``I − A`` is LU-factorised once (no inverse formed). Formulas in the
    module docstring (WWYZ-a section 2, WWYZ-b sections 2–3).
    """
    n = G * N
    if A.shape != (n, n) or Yc.shape != (n, G) or v.shape != (n,) or x.shape != (n,):
        raise InputError(
            f"shapes A {A.shape}, Y {Yc.shape}, v {v.shape}, x {x.shape} do not fit "
            f"{G} countries × {N} sectors"
        )
    if L is None:
        L = local_inverses(A, G, N)
    Ab = A.reshape(G, N, G, N)
    idx = np.arange(G)
    AD = np.ascontiguousarray(Ab[idx, :, idx, :])  # (G, N, N)

    right: Callable[[FloatArray], FloatArray]  # w ↦ B·w
    left: Callable[[FloatArray], FloatArray]  # w ↦ w'·B
    if B is not None:
        Bm = B

        def right(w: FloatArray) -> FloatArray:
            return Bm @ w

        def left(w: FloatArray) -> FloatArray:
            return w @ Bm

    else:
        M = -A.copy()
        M[np.diag_indices(n)] += 1.0
        lu = sla.lu_factor(M, overwrite_a=True, check_finite=False)

        def right(w: FloatArray) -> FloatArray:
            return sla.lu_solve(lu, w, check_finite=False)

        def left(w: FloatArray) -> FloatArray:
            return sla.lu_solve(lu, w, trans=1, check_finite=False)

    def Lw(w: FloatArray) -> FloatArray:
        return _block_apply(L, w)

    def wL(w: FloatArray) -> FloatArray:
        return _block_apply(L, w, transpose=True)

    def AFw(w: FloatArray) -> FloatArray:
        return _foreign_apply(A, AD, w, transpose=False)

    def wAF(w: FloatArray) -> FloatArray:
        return _foreign_apply(A, AD, w, transpose=True)

    vc = np.asarray(v, dtype=np.float64) * safe_reciprocal(x)
    y = Yc.sum(axis=1)
    yD = Yc.reshape(G, N, G)[idx, :, idx].ravel()  # own country's final demand, (n,)
    yF = y - yD
    xt = right(y)  # model output B·Y·1, (n,)

    # Forward (row sums of V̂·M·Ŷ: vc ⊙ M·y).
    LyD = Lw(yD)
    AF_x = AFw(xt)
    out: dict[str, FloatArray] = {}
    out["wwyz_va"] = vc * xt
    out["wwyz_v_d"] = vc * LyD
    out["wwyz_v_rt"] = vc * Lw(yF)
    out["wwyz_v_gvc_s"] = vc * Lw(AFw(LyD))
    out["wwyz_v_gvc"] = vc * Lw(AF_x)
    out["wwyz_v_gvc_c"] = out["wwyz_v_gvc"] - out["wwyz_v_gvc_s"]

    # Backward (column sums of V̂·M·Ŷ: (vc'M) ⊙ y).
    vL = wL(vc)
    vLAF = wAF(vL)
    vLAFB = left(vLAF)
    vLAFL = wL(vLAF)
    out["wwyz_y"] = left(vc) * y  # (vc'B) ⊙ y; vc'B = 1' up to rounding
    out["wwyz_y_d"] = vL * yD
    out["wwyz_y_rt"] = vL * yF
    out["wwyz_y_gvc_s"] = vLAFL * yD
    out["wwyz_y_gvc"] = vLAFB * y
    out["wwyz_y_gvc_c"] = out["wwyz_y_gvc"] - out["wwyz_y_gvc_s"]

    # Production lengths (WWYZ-b): induced output V̂BBŶ, and for the GVC part
    # V̂LLA^F BŶ + V̂LA^F BBŶ.
    Bx = right(xt)
    out["wwyz_xv"] = vc * Bx
    out["wwyz_xy"] = left(left(vc)) * y
    out["wwyz_xv_gvc"] = vc * (Lw(Lw(AF_x)) + Lw(AFw(Bx)))
    out["wwyz_xy_gvc"] = (left(wAF(wL(vL))) + left(vLAFB)) * y
    return out


@dataclass(frozen=True, eq=False, repr=False)
class ProductionGVC(GVCResult):
    """WWYZ production-based measures of one table.

    ``levels`` name → ``(G, N)`` array (see :data:`PRODUCTION_LEVELS`); ``countries`` (G),
    ``sectors`` (N), ``year``, ``source``.
    """

    levels: dict[str, FloatArray]

    @property
    def summary(self) -> pd.DataFrame:
        """Country-level ratios (participation, position, lengths), one row per country."""
        ratios = ratios_from_levels({k: a.sum(axis=1) for k, a in self.levels.items()})
        return pd.DataFrame(ratios, index=pd.Index(self.countries, name="country")).round(4)

    def sector(self) -> dict[str, FloatArray]:
        """Levels and ratios per country-sector, each ``(G, N)``."""
        return {**self.levels, **ratios_from_levels(self.levels)}

    def country(self) -> dict[str, FloatArray]:
        """Levels summed over sectors and ratios of the sums, each ``(G,)``."""
        lev = {k: a.sum(axis=1) for k, a in self.levels.items()}
        return {**lev, **ratios_from_levels(lev)}

    def to_frame(self, level: str = "sector") -> pd.DataFrame:
        """Tidy ``(source, year, country, sector, partner, indicator, value)``; ``level`` is
        ``"sector"`` or ``"country"`` (sector null). Undefined ratios (zero denominators) are
        left out; partner is null."""
        if level not in ("sector", "country"):
            raise InputError(f"unknown level {level!r}; use 'sector' or 'country'")
        return self._tidy(self.sector() if level == "sector" else self.country(), level)


def production_gvc(
    table: MRIOTable,
    *,
    A: FloatArray | None = None,
    B: FloatArray | None = None,
    L: FloatArray | None = None,
) -> ProductionGVC:
    """WWYZ (2017a, b) production-based participation, position and lengths of ``table``.

    ``A (n, n)``, ``B (n, n)`` and ``L (G, N, N)`` are reused when given (e.g. from
    :func:`chainpower.gvc.indicators.compute_indicators`).
    """
    G, N = table.G, table.N
    if A is None:
        A = technical_coefficients(table.Z, table.x)
    lev = production_gvc_arrays(A, table.Yc, table.v, table.x, G, N, B=B, L=L)
    return ProductionGVC(
        levels={k: a.reshape(G, N) for k, a in lev.items()},
        **table.result_labels(),
    )
