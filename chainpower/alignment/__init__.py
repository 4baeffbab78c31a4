"""Political alignment from UN General Assembly votes: agreement scores, ideal points, trust."""

from chainpower.alignment.agreement import (
    CODINGS,
    VoteMatrix,
    agreement_scores,
    cohen_kappa,
    dyad_agreement,
    s_score,
    share_identical,
    vote_matrix,
)
from chainpower.alignment.figures import plot_ideal_points
from chainpower.alignment.idealpoints import (
    IdealPointResult,
    compare_with_published,
    estimate_ideal_points,
)
from chainpower.alignment.trust import (
    PAPER000_COUNTRIES,
    PAPER000_DISTANCE_STATS,
    ideal_point_source,
    paper000_comparison,
    trust,
    trust_indicators,
    write_trust,
)

__all__ = [
    "CODINGS",
    "IdealPointResult",
    "PAPER000_COUNTRIES",
    "PAPER000_DISTANCE_STATS",
    "VoteMatrix",
    "agreement_scores",
    "cohen_kappa",
    "compare_with_published",
    "dyad_agreement",
    "estimate_ideal_points",
    "ideal_point_source",
    "paper000_comparison",
    "plot_ideal_points",
    "s_score",
    "share_identical",
    "trust",
    "trust_indicators",
    "vote_matrix",
    "write_trust",
]
