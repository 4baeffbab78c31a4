"""TiVA-style value-added content of gross exports, value added by origin and destination, VAX.

Sources: OECD (2023), *Trade in Value Added (TiVA) database: indicator definitions* —
``EXGR_DVA``, ``EXGR_FVA``, ``EXGR_DVASH``, ``EXGR_FVASH`` (the "guide to country notes",
section on value added content of gross exports); R. Koopman, Z. Wang and S.-J. Wei (2014),
*AER* 104(2), section I (the ``VB`` matrix); R. Johnson and G. Noguera (2012), *JIE* 86(2),
eq. (5)–(6) (value added by destination and value-added exports, VAX, and the VAX ratio).

Notation (``G`` countries, ``N`` sectors, ``n = G·N``): ``vc (n,)`` value-added coefficients,
``B (n, n)`` global Leontief inverse, ``E (G, N, G)`` gross exports ``E^sr`` of exporting
country-sector ``s/i`` to ``r`` (``A^sr x^r + Y^sr``; zero for ``r = s``), ``Yc (n, G)``
final demand by destination.

* Value-added content of the exports of ``s/i`` (exporting-industry view, TiVA):
  ``EXGR_DVA[s, i] = (V^s B^ss)_i · E^s*_i`` — value added of all domestic industries;
  ``EXGR_FVA[s, i] = Σ_{t≠s} (V^t B^ts)_i · E^s*_i`` — foreign value added (= KWW's vertical
  specialisation VS, equal to WWZ terms T11 … T16). Because ``vc'B = 1'``,
  ``EXGR_DVA + EXGR_FVA = E``; shares ``EXGR_DVASH = EXGR_DVA / E``, ``EXGR_FVASH = EXGR_FVA / E``.
* Value added by origin and final destination ``V̂·B·Y`` ``(n, G)`` (JN 2012, eq. 5).
* Bilateral VAX ``(G, G)``: value added of ``s`` absorbed in ``r``'s final demand, ``r ≠ s``
  (JN 2012, eq. 6); the VAX ratio of ``s`` is ``Σ_{r≠s} VAX[s, r] / E^s``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from chainpower.gvc._tidy import GVCResult
from chainpower.mrio.algebra import (
    FloatArray,
    leontief_inverse,
    safe_reciprocal,
    technical_coefficients,
    value_added_by_destination,
)
from chainpower.mrio.table import MRIOTable

__all__ = ["TIVA_INDICATORS", "TivaResult", "tiva", "tiva_arrays"]


#: Indicator names written by :meth:`TivaResult.to_frame`.
TIVA_INDICATORS: dict[str, str] = {
    "tiva_exgr": "gross exports E^s* (country-sector or country)",
    "tiva_exgr_dva": "domestic value-added content of gross exports (OECD EXGR_DVA)",
    "tiva_exgr_fva": "foreign value-added content of gross exports (OECD EXGR_FVA)",
    "tiva_exgr_dvash": "EXGR_DVA / E (OECD EXGR_DVASH)",
    "tiva_exgr_fvash": "EXGR_FVA / E (OECD EXGR_FVASH)",
    "jn_va_fd": "value added of origin (country, sector) absorbed in final demand of partner",
    "jn_vax": "bilateral value-added exports of country to partner (Johnson & Noguera 2012)",
    "jn_vax_total": "value added of country absorbed abroad, Σ_r≠s VAX",
    "jn_vax_ratio": "VAX / gross exports (Johnson & Noguera 2012)",
}


def _ratio(num: FloatArray, den: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den != 0, num / np.where(den != 0, den, 1.0), np.nan)


def tiva_arrays(
    Z: FloatArray, Yc: FloatArray, v: FloatArray, x: FloatArray, G: int, N: int, B: FloatArray
) -> dict[str, FloatArray]:
    """Arrays of the module docstring: ``E (G, N)`` total exports by country-sector,
    ``dva``/``fva (G, N)``, ``va_fd (n, G)`` value added by origin and destination and
    ``vax (G, G)`` (diagonal = domestic absorption). ``Z (n, n)``, ``Yc (n, G)``,
    ``v, x (n,)``, ``B (n, n)``."""
    n = G * N
    idx = np.arange(G)
    # Zero-output columns have zero A columns; vc = 1 there keeps vc'B = 1' (KWW 2014,
    # section I), so rounding-level exports of such a sector still split into DVA + FVA.
    vc = np.where(x == 0, 1.0, np.asarray(v, dtype=np.float64) * safe_reciprocal(x))
    # Exports by destination: intermediate sales Z^sr·1 plus final sales Y^sr, r ≠ s.
    E = Z.reshape(G, N, G, N).sum(axis=3) + Yc.reshape(G, N, G)
    E[idx, :, idx] = 0.0
    Etot = E.sum(axis=2)  # (G, N)
    # V^t B^ts summed over origin industries of t, as a (G, n) product: VB[t, s·N + i].
    Vmat = np.zeros((G, n))
    for t in range(G):
        Vmat[t, t * N : (t + 1) * N] = vc[t * N : (t + 1) * N]
    VB = (Vmat @ B).reshape(G, G, N)
    dom = VB[idx, idx, :]  # (G, N): V^s B^ss
    foreign = VB.sum(axis=0) - dom
    va_fd = value_added_by_destination(vc, B, Yc)
    return {
        "E": Etot,
        "dva": dom * Etot,
        "fva": foreign * Etot,
        "va_fd": va_fd,
        "vax": va_fd.reshape(G, N, G).sum(axis=1),
    }


@dataclass(frozen=True, eq=False, repr=False)
class TivaResult(GVCResult):
    """TiVA shares and VAX of one table; ``arrays`` as returned by :func:`tiva_arrays`."""

    arrays: dict[str, FloatArray]

    @property
    def summary(self) -> pd.DataFrame:
        """Country-level gross exports and their domestic/foreign value-added shares."""
        shares = self.shares("country")
        return pd.DataFrame(shares, index=pd.Index(self.countries, name="country")).round(4)

    def shares(self, level: str = "sector") -> dict[str, FloatArray]:
        """``tiva_exgr``, ``tiva_exgr_dva``, ``tiva_exgr_fva`` and the two shares at
        ``level`` ``"sector"`` ``(G, N)`` or ``"country"`` ``(G,)``."""
        a = self.arrays
        E, dva, fva = a["E"], a["dva"], a["fva"]
        if level == "country":
            E, dva, fva = E.sum(axis=1), dva.sum(axis=1), fva.sum(axis=1)
        return {
            "tiva_exgr": E,
            "tiva_exgr_dva": dva,
            "tiva_exgr_fva": fva,
            "tiva_exgr_dvash": _ratio(dva, E),
            "tiva_exgr_fvash": _ratio(fva, E),
        }

    def to_frame(self, *, origin_destination: bool = True) -> pd.DataFrame:
        """Tidy ``(source, year, country, sector, partner, indicator, value)`` with TiVA
        shares by country-sector and by country, bilateral ``jn_vax`` (partner set, sector
        null), ``jn_vax_total``/``jn_vax_ratio`` by country and, with ``origin_destination``,
        ``jn_va_fd`` by origin country-sector and destination (home destination included)."""
        a = self.arrays
        vax = a["vax"]
        G = vax.shape[0]
        vax_total = vax.sum(axis=1) - np.diag(vax)
        parts = [
            self._tidy(self.shares("sector"), "sector"),
            self._tidy(
                {
                    **self.shares("country"),
                    "jn_vax_total": vax_total,
                    "jn_vax_ratio": _ratio(vax_total, a["E"].sum(axis=1)),
                },
                "country",
            ),
            self._tidy({"jn_vax": vax.reshape(G, G)}, "country_bilateral"),
        ]
        if origin_destination:
            parts.append(self._tidy({"jn_va_fd": a["va_fd"]}, "origin_destination"))
        return pd.concat(parts, ignore_index=True)


def tiva(table: MRIOTable, *, B: FloatArray | None = None) -> TivaResult:
    """TiVA-style measures of ``table`` (module docstring); ``B (n, n)`` reused when given."""
    if B is None:
        B = leontief_inverse(technical_coefficients(table.Z, table.x))
    arrays = tiva_arrays(table.Z, table.Yc, table.v, table.x, table.G, table.N, B)
    return TivaResult(
        arrays=arrays,
        **table.result_labels(),
    )
