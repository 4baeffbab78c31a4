"""chainpower.gvc"""

# Gross-export decompositions (WWZ 2013, KWW, Borin & Mancini 2023)
from chainpower.gvc.borin_mancini import (
    BM_GROUPS,
    BM_TERMS,
    BorinManciniResult,
    bm_terms,
    borin_mancini,
)
from chainpower.gvc.decomposition import (
    WWZ_GROUPS,
    ExportDecomposition,
    TermResult,
    decompose_exports,
)
from chainpower.gvc.figures import plot_participation

# All indicators in tidy form, panels, strategic industries
from chainpower.gvc.indicators import (
    RATIO_DEFS,
    compute_indicators,
    compute_panel,
    recompute_ratios,
    strategic_indicators,
)
from chainpower.gvc.kww import KWW_INDICATORS, koopman_arrays, koopman_indicators

# Production-based measures (Wang, Wei, Yu & Zhu 2017) and TiVA / VAX
from chainpower.gvc.production import (
    PRODUCTION_LEVELS,
    PRODUCTION_RATIOS,
    ProductionGVC,
    production_gvc,
    production_gvc_arrays,
)
from chainpower.gvc.tiva import TIVA_INDICATORS, TivaResult, tiva, tiva_arrays
from chainpower.gvc.wwz import WWZ_TERMS, wwz_terms

__all__ = [
    "BM_GROUPS",
    "BM_TERMS",
    "KWW_INDICATORS",
    "PRODUCTION_LEVELS",
    "PRODUCTION_RATIOS",
    "RATIO_DEFS",
    "TIVA_INDICATORS",
    "WWZ_GROUPS",
    "WWZ_TERMS",
    "BorinManciniResult",
    "ExportDecomposition",
    "ProductionGVC",
    "TermResult",
    "TivaResult",
    "bm_terms",
    "borin_mancini",
    "compute_indicators",
    "compute_panel",
    "decompose_exports",
    "koopman_arrays",
    "koopman_indicators",
    "plot_participation",
    "production_gvc",
    "production_gvc_arrays",
    "recompute_ratios",
    "strategic_indicators",
    "tiva",
    "tiva_arrays",
    "wwz_terms",
]
