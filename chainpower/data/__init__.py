"""Data layer: paths to real data, parsers of official sources, concordances, the local store."""

from chainpower.data.bsv import load_bsv
from chainpower.data.concordances import (
    STRATEGIC_INDUSTRIES,
    Concordance,
    available_concordances,
    detect_classification,
    load_concordance,
    strategic_concordance,
)
from chainpower.data.countries import cow_to_iso3, historical_states, iso2_to_iso3, names_to_iso3
from chainpower.data.indicator_files import load_adb_indicators, read_indicator_long
from chainpower.data.macro import ControlsResult, load_pwt, load_wdi, paper000_controls
from chainpower.data.mrio_readers import TableParts, fetch
from chainpower.data.paths import cache_dir, data_dir, data_path, repo_root
from chainpower.data.store import TIDY_COLUMNS, Store, validate_tidy
from chainpower.data.unvotes import (
    load_roll_calls,
    load_unvotes,
    load_voeten_dataverse,
    load_voeten_roll_calls,
    session_year,
)

__all__ = [
    "Concordance",
    "ControlsResult",
    "STRATEGIC_INDUSTRIES",
    "Store",
    "TIDY_COLUMNS",
    "TableParts",
    "available_concordances",
    "cache_dir",
    "cow_to_iso3",
    "data_dir",
    "data_path",
    "detect_classification",
    "fetch",
    "historical_states",
    "iso2_to_iso3",
    "load_adb_indicators",
    "load_bsv",
    "load_concordance",
    "load_pwt",
    "load_roll_calls",
    "load_unvotes",
    "load_voeten_dataverse",
    "load_voeten_roll_calls",
    "load_wdi",
    "names_to_iso3",
    "paper000_controls",
    "read_indicator_long",
    "repo_root",
    "session_year",
    "strategic_concordance",
    "validate_tidy",
]
