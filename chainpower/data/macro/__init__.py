"""Macro-economic inputs: World Bank WDI, Penn World Table, and paper 000's controls."""

from chainpower.data.macro.controls import ControlsResult, paper000_controls
from chainpower.data.macro.pwt import load_pwt
from chainpower.data.macro.wdi import load_wdi, read_wdi_api_csv, read_wdi_bulk_csv

__all__ = [
    "ControlsResult",
    "load_pwt",
    "load_wdi",
    "paper000_controls",
    "read_wdi_api_csv",
    "read_wdi_bulk_csv",
]
