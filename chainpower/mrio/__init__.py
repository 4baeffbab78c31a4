"""MRIO layer: the table type, pure linear algebra, aggregation, readers' front ends."""

from chainpower.mrio.algebra import (
    blocks,
    ghosh_coefficients,
    ghosh_inverse,
    leontief_inverse,
    leontief_solve,
    local_inverses,
    technical_coefficients,
    value_added_by_destination,
    value_added_coefficients,
    value_added_exports,
)
from chainpower.mrio.synthetic import synthetic_table, synthetic_world
from chainpower.mrio.table import BalanceReport, MRIOTable

__all__ = [
    "BalanceReport",
    "MRIOTable",
    "blocks",
    "ghosh_coefficients",
    "ghosh_inverse",
    "leontief_inverse",
    "leontief_solve",
    "local_inverses",
    "synthetic_table",
    "synthetic_world",
    "technical_coefficients",
    "value_added_by_destination",
    "value_added_coefficients",
    "value_added_exports",
]
