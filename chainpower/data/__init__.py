"""Data layer: paths to real data, parsers of official sources, concordances, the local store."""

from chainpower.data.paths import cache_dir, data_dir, data_path, repo_root
from chainpower.data.store import TIDY_COLUMNS, Store, validate_tidy

__all__ = [
    "TIDY_COLUMNS",
    "Store",
    "cache_dir",
    "data_dir",
    "data_path",
    "repo_root",
    "validate_tidy",
]
