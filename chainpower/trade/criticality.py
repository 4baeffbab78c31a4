"""JRC criticality of raw materials: economic importance and supply risk.

**JRC criticality** (Blengini et al. 2017, *Methodology for establishing the EU list of critical
raw materials*, JRC/EC, eqs. 1–2; used for the 2017, 2020 and 2023 lists):

=====================  ==================================================================
quantity               formula
=====================  ==================================================================
economic importance    ``EI = SI_EI · 10 · Σ_s A_s Q_s / Q_max``: end-use shares ``A_s``
                       (shape (S,)) over NACE-2 sectors, their value added ``Q_s`` (S,),
                       scaled by the largest manufacturing sector's ``Q_max``
WGI-weighted HHI       ``HHI_WGI = Σ_c S_c² · WGI_c · t_c``: supplier shares ``S_c`` (C,),
                       governance scaled 0–10 (10 = worst), trade adjustment ``t_c`` (1 if none)
import reliance        ``IR = (M − X) / (P + M − X)`` (EU imports, exports, production)
supply risk            ``SR = [HHI_WGI,GS·IR/2 + HHI_WGI,EU·(1 − IR/2)]·(1 − EoL_RIR)·SI_SR``
critical               ``EI ≥ 2.8`` and ``SR ≥ 1.0``
=====================  ==================================================================

Where an input is absent :func:`jrc_criticality` returns ``status = "unavailable"`` with the
missing inputs named; it never guesses one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from chainpower.errors import InputError

__all__ = [
    "JRC_EI_THRESHOLD",
    "JRC_SR_THRESHOLD",
    "import_reliance",
    "jrc_criticality",
    "jrc_economic_importance",
    "jrc_supply_risk",
    "wgi_hhi",
]

JRC_EI_THRESHOLD = 2.8
JRC_SR_THRESHOLD = 1.0


def wgi_hhi(
    shares: Mapping[str, float], wgi: Mapping[str, float], trade: Mapping[str, float] | None = None
) -> float:
    """``Σ_c S_c² · WGI_c · t_c`` (Blengini et al. 2017, eq. 2 term); WGI scaled 0–10."""
    missing = [c for c in shares if c not in wgi]
    if missing:
        raise InputError("no governance score for supplier(s)", label=",".join(sorted(missing)))
    return float(
        sum(
            s * s * wgi[c] * (1.0 if trade is None else trade.get(c, 1.0))
            for c, s in shares.items()
        )
    )


def import_reliance(imports: float, exports: float, production: float) -> float:
    """``IR = (M − X) / (P + M − X)``, clipped to [0, 1] (net exporters have IR = 0)."""
    denom = production + imports - exports
    if denom <= 0:
        raise InputError("apparent consumption P + M − X must be positive")
    return float(min(max((imports - exports) / denom, 0.0), 1.0))


def jrc_supply_risk(
    hhi_wgi_global: float, hhi_wgi_eu: float, ir: float, eol_rir: float, si_sr: float
) -> float:
    """``SR = [HHI_WGI,GS·IR/2 + HHI_WGI,EU·(1 − IR/2)]·(1 − EoL_RIR)·SI_SR``."""
    return float((hhi_wgi_global * ir / 2 + hhi_wgi_eu * (1 - ir / 2)) * (1 - eol_rir) * si_sr)


def jrc_economic_importance(
    end_use: Mapping[str, float], value_added: Mapping[str, float], si_ei: float, q_max: float
) -> float:
    """``EI = SI_EI · 10 · Σ_s A_s Q_s / Q_max``."""
    missing = [s for s in end_use if s not in value_added]
    if missing:
        raise InputError("no value added for end-use sector(s)", label=",".join(sorted(missing)))
    return float(si_ei * 10 * sum(a * value_added[s] for s, a in end_use.items()) / q_max)


_JRC_INPUTS = (
    "global_shares",
    "eu_shares",
    "wgi",
    "ir",
    "eol_rir",
    "si_sr",
    "end_use",
    "value_added",
    "si_ei",
    "q_max",
)


def jrc_criticality(materials: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """EI, SR and the verdict per material from a mapping material → inputs
    (:data:`_JRC_INPUTS`); a material lacking any input gets ``status="unavailable"`` and
    ``reason="missing: …"``."""
    rows = []
    for name, inp in materials.items():
        missing = [k for k in _JRC_INPUTS if inp.get(k) is None]
        if missing:
            rows.append(
                (name, np.nan, np.nan, False, "unavailable", "missing: " + ", ".join(missing))
            )
            continue
        sr = jrc_supply_risk(
            wgi_hhi(inp["global_shares"], inp["wgi"]),
            wgi_hhi(inp["eu_shares"], inp["wgi"]),
            float(inp["ir"]),
            float(inp["eol_rir"]),
            float(inp["si_sr"]),
        )
        ei = jrc_economic_importance(
            inp["end_use"], inp["value_added"], float(inp["si_ei"]), float(inp["q_max"])
        )
        crit = ei >= JRC_EI_THRESHOLD and sr >= JRC_SR_THRESHOLD
        rows.append((name, ei, sr, crit, "ok", ""))
    return pd.DataFrame(rows, columns=["material", "ei", "sr", "critical", "status", "reason"])
