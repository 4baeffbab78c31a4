"""Readers of product-level trade files: CEPII BACI, Eurostat Comext, UN Comtrade.

All return one flow schema (``year, exporter, importer, product, value, qty``; see
:mod:`chainpower.data.trade_files._common`) with units and valuation in ``frame.attrs``.
"""

from chainpower.data.trade_files._common import FLOW_COLUMNS
from chainpower.data.trade_files.baci import (
    BACI_COLUMNS,
    read_baci,
    read_baci_country_codes,
    read_baci_extract,
)
from chainpower.data.trade_files.comext import read_comext
from chainpower.data.trade_files.comtrade import read_comtrade
from chainpower.data.trade_files.topflows import read_baci_topflows

__all__ = [
    "BACI_COLUMNS",
    "FLOW_COLUMNS",
    "read_baci",
    "read_baci_country_codes",
    "read_baci_extract",
    "read_baci_topflows",
    "read_comext",
    "read_comtrade",
]
