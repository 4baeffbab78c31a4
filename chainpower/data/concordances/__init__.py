"""Concordances (CSV files shipped with the package) and their loader."""

from chainpower.data.concordances.concordance import (
    STRATEGIC_INDUSTRIES,
    Concordance,
    available_concordances,
    detect_classification,
    load_concordance,
    strategic_concordance,
)

__all__ = [
    "STRATEGIC_INDUSTRIES",
    "Concordance",
    "available_concordances",
    "detect_classification",
    "load_concordance",
    "strategic_concordance",
]
