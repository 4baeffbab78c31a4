"""Fixtures shared by the alignment tests: the real vote and BSV files, loaded once."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest


@pytest.fixture(scope="session")
def unvotes_dir(shared_data: Path) -> Path:
    return shared_data / "unga" / "unvotes_dgrtwo"


@pytest.fixture(scope="session")
def un_votes_real(unvotes_dir: Path) -> pd.DataFrame:
    from chainpower.data.unvotes import load_unvotes

    return load_unvotes(unvotes_dir)


@pytest.fixture(scope="session")
def un_roll_calls_real(unvotes_dir: Path) -> pd.DataFrame:
    from chainpower.data.unvotes import load_roll_calls

    return load_roll_calls(unvotes_dir)


@pytest.fixture(scope="session")
def bsv_real(shared_data: Path) -> pd.DataFrame:
    from chainpower.data.bsv import load_bsv

    return load_bsv(shared_data / "unga" / "bsv")
