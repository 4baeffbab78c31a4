"""MRIO layer: the table type, pure linear algebra, aggregation, readers' front ends."""

from chainpower.mrio.aggregate import aggregate, grouping_matrix
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
from chainpower.mrio.io import (
    read_adb_xlsx,
    read_generic,
    read_oecd_icio,
    read_wiod2013,
    table_from_parts,
    table_to_frame,
    table_to_parts,
    table_to_store,
    wiod2013_tolerance,
    write_generic,
)
from chainpower.mrio.synthetic import synthetic_table, synthetic_world
from chainpower.mrio.table import BalanceReport, MRIOTable, OutputMisfit

__all__ = [
    "BalanceReport",
    "MRIOTable",
    "OutputMisfit",
    "aggregate",
    "blocks",
    "ghosh_coefficients",
    "ghosh_inverse",
    "grouping_matrix",
    "leontief_inverse",
    "leontief_solve",
    "local_inverses",
    "read_adb_xlsx",
    "read_generic",
    "read_oecd_icio",
    "read_wiod2013",
    "synthetic_table",
    "synthetic_world",
    "table_from_parts",
    "table_to_frame",
    "table_to_parts",
    "table_to_store",
    "technical_coefficients",
    "value_added_by_destination",
    "value_added_coefficients",
    "value_added_exports",
    "wiod2013_tolerance",
    "write_generic",
]
