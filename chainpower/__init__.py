"""chainpower — power and security in global value chains.

The public API, layer by layer (each layer imports only from the layers above it here):

- data: paths to real data, parsers of official sources, concordances, the local store;
- mrio: the MRIO table type, readers' front ends, aggregation, pure linear algebra;
- gvc: gross-export decompositions and GVC indicators;
- alignment: UN General Assembly votes, agreement scores, ideal points, political trust;
- alliances: the alliances and policy-instruments knowledge base;
- trade: value-added networks, interdependence, product-level dependency screens, minerals;
- scenarios: look-through exposure, hypothetical extraction, shocks, parallel runs;
- studies: declarative studies (paper 000): panel, models, few-cluster inference, reports.

Names resolve lazily (module ``__getattr__``, as pyfixest does): ``import chainpower`` loads no
layer, so ``chainpower --help`` stays fast. ``from chainpower import X`` works as usual.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: module → the public names it provides at the top level. Each layer adds its own line(s).
_EXPORTS: dict[str, tuple[str, ...]] = {
    "chainpower.alignment": (
        "IdealPointResult",
        "agreement_scores",
        "compare_with_published",
        "dyad_agreement",
        "estimate_ideal_points",
        "plot_ideal_points",
        "s_score",
        "trust",
        "trust_indicators",
        "vote_matrix",
        "write_trust",
    ),
    "chainpower.alliances": (
        "KnowledgeBase",
        "classify",
        "exposure_panel",
        "instrument_matrix",
        "load_knowledge_base",
        "members_as_of",
        "pattern_tests",
        "query_instruments",
        "typology_table",
    ),
    "chainpower.data": (
        "Concordance",
        "Store",
        "data_dir",
        "data_path",
        "fetch",
        "load_bsv",
        "load_concordance",
        "load_roll_calls",
        "load_unvotes",
        "load_voeten_dataverse",
        "strategic_concordance",
    ),
    "chainpower.data.store": (
        "StoreConflictError",
        "StoreLockedError",
        "StoreWrite",
        "tidy_to_wide",
    ),
    "chainpower.data.indicator_files": ("load_adb_indicators", "read_indicator_long"),
    "chainpower.data.macro": ("ControlsResult", "load_pwt", "load_wdi", "paper000_controls"),
    "chainpower.data.trade_files": (
        "read_baci",
        "read_baci_extract",
        "read_baci_topflows",
        "read_comext",
        "read_comtrade",
    ),
    "chainpower.data.hs": ("convert_products", "hs_to_isic3", "hs_to_sector"),
    "chainpower.data.groups": ("eu_members", "group_members"),
    "chainpower.data.catalogue": ("Indicator", "catalogue_frame", "canonical_indicator"),
    "chainpower.data.minerals_files": (
        "read_crm2023_table_a",
        "read_stage_shares",
        "read_usgs_world",
    ),
    "chainpower.trade.flows": ("TradeFlows", "load_flows"),
    "chainpower.trade.screens": ("ScreenResult", "screen_dependencies"),
    "chainpower.trade.screen_rules": ("load_rules",),
    "chainpower.trade.minerals": (
        "check_crma",
        "crma_from_data",
        "eu_import_shares",
        "production_shares",
    ),
    "chainpower.trade.chokepoints": (
        "export_dependence",
        "single_points_of_failure",
        "trade_betweenness",
    ),
    "chainpower.trade.friendshoring": ("compute_friendshoring", "friendshoring_shares"),
    "chainpower.trade.source_compare": ("compare_import_sources",),
    "chainpower.gvc.va_flows": ("ValueAddedFlows", "value_added_flows"),
    "chainpower.trade.networks": ("EdgeRule", "ValueAddedNetworks", "value_added_networks"),
    "chainpower.trade.hubs": ("HubResult", "compute_hubs", "hub_sensitivity", "regional_hubs"),
    "chainpower.trade.interdependence": ("InterdependenceResult", "interdependence_index"),
    "chainpower.trade.china_us_index": ("china_us_components", "china_us_index"),
    "chainpower.trade.intra_industry": ("gl_index", "grubel_lloyd", "sector_grubel_lloyd"),
    "chainpower.data.china_us": ("high_tech_tariffs", "load_china_us_trade"),
    "chainpower.errors": (
        "BalanceError",
        "ChainpowerError",
        "DataNotFoundError",
        "InputError",
        "LayoutError",
        "SchemaError",
    ),
    "chainpower.gvc": (
        "ExportDecomposition",
        "borin_mancini",
        "compute_indicators",
        "compute_panel",
        "decompose_exports",
        "koopman_indicators",
        "plot_participation",
        "production_gvc",
        "strategic_indicators",
        "tiva",
        "wwz_terms",
    ),
    "chainpower.studies.study": ("Study", "StudyResult"),
    "chainpower.studies.spec": ("StudySpec",),
    "chainpower.studies.panel": ("Panel", "assemble_panel"),
    "chainpower.studies.estimate": ("estimate",),
    "chainpower.studies.results": ("ModelResult",),
    "chainpower.studies.hausman": ("HausmanResult", "hausman", "mundlak_test"),
    "chainpower.scenarios": (
        "ExposureResult",
        "Scenario",
        "ScenarioResult",
        "ScenarioSet",
        "ScenarioSetResult",
        "compute_exposure",
        "extract_cells",
        "extract_each",
        "run_scenarios",
    ),
    "chainpower.gvc.lean": ("compute_indicators_lean",),
    "chainpower.mrio.parallel": ("map_tables",),
    "chainpower.mrio.backend": ("get_backend",),
    "chainpower.mrio": (
        "BalanceReport",
        "MRIOTable",
        "aggregate",
        "ghosh_inverse",
        "leontief_inverse",
        "local_inverses",
        "read_adb_xlsx",
        "read_generic",
        "read_oecd_icio",
        "read_wiod2013",
        "synthetic_table",
        "synthetic_world",
        "table_to_store",
        "technical_coefficients",
        "value_added_by_destination",
        "value_added_exports",
        "write_generic",
    ),
}
_WHERE: dict[str, str] = {name: mod for mod, names in _EXPORTS.items() for name in names}

__all__ = sorted([*_WHERE, "__version__"])


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'chainpower' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
