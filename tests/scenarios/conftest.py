"""Fixtures of the scenario tests: a small random balanced table and WIOD 2011 (shared data)."""

from __future__ import annotations

import pytest

from chainpower.mrio.synthetic import synthetic_table
from chainpower.mrio.table import MRIOTable


@pytest.fixture(scope="module")
def small() -> MRIOTable:
    return synthetic_table(5, 4, seed=11, year=2010)


@pytest.fixture(scope="session")
def wiod2011(shared_data: object) -> MRIOTable:
    from chainpower.mrio.io import read_wiod2013

    return read_wiod2013(2011)
