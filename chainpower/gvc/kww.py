"""Koopman–Wang–Wei GVC participation and position from the WWZ decomposition.

Sources: R. Koopman, W. Powers, Z. Wang and S.-J. Wei (2010), "Give credit where credit is
due", NBER w16426, section 5 (GVC participation and position indices); R. Koopman, Z. Wang and
S.-J. Wei (2014), "Tracing value-added and double counting in gross exports", *AER* 104(2),
eq. (36) (the terms). Paper 000 of this project uses them as its dependent variable
(``../shared/docs/methods.md``):

* ``IV`` — indirect value-added exports: domestic value added in intermediate exports that the
  direct importer re-exports to third countries = WWZ (2013, eq. 37) terms T3 + T4 + T5
  (``DVA_INTrex``);
* ``FV`` — foreign value added embodied in the exports = WWZ T11 … T16, i.e. foreign value
  added in final and intermediate exports **including** foreign double counting (KWW's
  "vertical specialisation" VS = ``Σ_{t≠s} V^t B^ts E^s*``, the definition of Koopman et al.
  2010 and of the UIBE GVC indicators). ``FV`` without the double-counted part is the WWZ group
  ``FVA``;
* ``E`` — gross exports;
* participation ``(IV + FV) / E`` and position ``ln(1 + IV/E) − ln(1 + FV/E)``
  (Koopman et al. 2010, section 5).

All measures use the exporting-sector (backward) perspective of WWZ eq. (37): the value added
of all domestic (foreign) sectors embodied in the exports of sector i. Rows with zero exports
get no ratio (they are left out of the frame rather than given NaN).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from chainpower.errors import InputError
from chainpower.gvc.decomposition import ExportDecomposition

__all__ = ["KWW_INDICATORS", "koopman_arrays", "koopman_indicators"]

FloatArray = NDArray[np.float64]

#: Indicator names written by :func:`koopman_indicators`.
KWW_INDICATORS: dict[str, str] = {
    "kww_participation": "(IV + FV) / E",
    "kww_position": "ln(1 + IV/E) − ln(1 + FV/E)",
    "kww_IV": "indirect value-added exports (WWZ T3+T4+T5)",
    "kww_FV": "foreign value added in exports incl. foreign double counting (WWZ T11..T16)",
    "kww_E": "gross exports",
}


def koopman_arrays(dec: ExportDecomposition, level: str = "sector") -> dict[str, FloatArray]:
    """``IV``, ``FV``, ``E``, ``participation`` and ``position`` at ``level``
    (``"sector"`` (G, N), ``"country"`` (G,), or ``"bilateral"`` / ``"country_bilateral"``);
    ratios are NaN where ``E = 0``."""
    g = dec.groups(level)
    IV, FV, E = g["IV"], g["FV"], g["E"]
    safe = np.where(E != 0, E, 1.0)
    iv, fv = IV / safe, FV / safe
    with np.errstate(invalid="ignore", divide="ignore"):
        part = np.where(E != 0, iv + fv, np.nan)
        pos = np.where(E != 0, np.log1p(iv) - np.log1p(fv), np.nan)
    return {"IV": IV, "FV": FV, "E": E, "participation": part, "position": pos}


def koopman_indicators(dec: ExportDecomposition, level: str = "sector") -> pd.DataFrame:
    """Koopman GVC participation and position as a tidy frame.

    Columns ``source, year, country, sector, partner, indicator, value`` with indicators
    :data:`KWW_INDICATORS` (``kww_participation``, ``kww_position``, ``kww_IV``, ``kww_FV``,
    ``kww_E``); ``level`` is ``"sector"`` (exporting country-sector, partner null) or
    ``"country"`` (sector and partner null). Ratio rows are omitted where exports are zero.
    """
    if level not in ("sector", "country"):
        raise InputError(f"unknown level {level!r}; use 'sector' or 'country'")
    arr = koopman_arrays(dec, level)
    named = {
        "kww_participation": arr["participation"],
        "kww_position": arr["position"],
        "kww_IV": arr["IV"],
        "kww_FV": arr["FV"],
        "kww_E": arr["E"],
    }
    return dec._frame_from(named, level, drop_nan=True)
