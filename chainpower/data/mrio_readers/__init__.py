"""Parsers of the publishers' MRIO layouts (WIOD 2013, ADB MRIO, OECD ICIO, a generic long format).

Each returns a :class:`TableParts` of plain arrays and labels; :mod:`chainpower.mrio.io` builds
validated tables from them. This layer never imports :mod:`chainpower.mrio`.
"""

from chainpower.data.mrio_readers.adb import (
    read_adb_aggregated_xlsx,
    read_adb_mrio_xlsx,
    read_adb_xlsx,
)
from chainpower.data.mrio_readers.download import fetch
from chainpower.data.mrio_readers.generic import (
    GENERIC_COLUMNS,
    parts_to_long,
    read_generic_long,
    write_generic_long,
)
from chainpower.data.mrio_readers.oecd_icio import read_oecd_icio_csv
from chainpower.data.mrio_readers.parts import TableParts
from chainpower.data.mrio_readers.wiod2013 import (
    read_wiod2013_npz,
    read_wiod2013_rdata,
    wiod2013_years,
)

__all__ = [
    "GENERIC_COLUMNS",
    "TableParts",
    "fetch",
    "parts_to_long",
    "read_adb_aggregated_xlsx",
    "read_adb_mrio_xlsx",
    "read_adb_xlsx",
    "read_generic_long",
    "read_oecd_icio_csv",
    "read_wiod2013_npz",
    "read_wiod2013_rdata",
    "wiod2013_years",
    "write_generic_long",
]
