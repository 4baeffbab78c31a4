"""The local store (Parquet + manifest + DuckDB): see :mod:`chainpower.data.store.core`."""

from chainpower.data.store.core import Store, StoreConflictError, StoreWrite, check_name
from chainpower.data.store.lock import StoreLockedError
from chainpower.data.store.schema import (
    TIDY_COLUMNS,
    coverage,
    describe_coverage,
    tidy_to_wide,
    validate_tidy,
)

__all__ = [
    "TIDY_COLUMNS",
    "Store",
    "StoreConflictError",
    "StoreLockedError",
    "StoreWrite",
    "check_name",
    "coverage",
    "describe_coverage",
    "tidy_to_wide",
    "validate_tidy",
]
