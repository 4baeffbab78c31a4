"""Scenario layer: look-through exposure, hypothetical extraction, friend-shoring (GEM)
replacement, Leontief/Ghosh shocks, and scenario runs over panels on Dask (docs/scenarios.md)."""

from chainpower.scenarios.exposure import ExposureResult, compute_exposure, exposure_arrays
from chainpower.scenarios.extraction import (
    extract_cells,
    extract_cells_by_reinversion,
    extract_each,
    extract_each_by_reinversion,
    extraction_system,
)
from chainpower.scenarios.replacement import ReplacementReport, replace_inputs
from chainpower.scenarios.results import ScenarioResult, ScenarioSetResult
from chainpower.scenarios.run import run_scenarios, run_table
from chainpower.scenarios.spec import Scenario, ScenarioSet

__all__ = [
    "ExposureResult",
    "ReplacementReport",
    "Scenario",
    "ScenarioResult",
    "ScenarioSet",
    "ScenarioSetResult",
    "compute_exposure",
    "exposure_arrays",
    "extract_cells",
    "extract_cells_by_reinversion",
    "extract_each",
    "extract_each_by_reinversion",
    "extraction_system",
    "replace_inputs",
    "run_scenarios",
    "run_table",
]
