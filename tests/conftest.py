"""Shared fixtures.

Tests that read real data use the ``shared_data`` fixture or carry the ``shared_data`` marker.
Where the data folder is absent (a user's machine) they skip with a clear reason; under CI
(``CI`` set) a missing folder is an error, because there the data must be present and those
tests must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chainpower.data.paths import data_dir


def _require_data() -> Path:
    path = data_dir()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI run without the real-data folder (../shared/data or $CHAINPOWER_DATA)")
        pytest.skip("real data not found: set CHAINPOWER_DATA or place it in ../shared/data")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return _require_data()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``shared_data`` need the real data even without the fixture."""
    if item.get_closest_marker("shared_data") is not None:
        _require_data()


@pytest.fixture()
def store(tmp_path: Path):
    from chainpower.data.store import Store

    return Store(tmp_path / "store")


@pytest.fixture(autouse=True)
def _quiet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHAINPOWER_QUIET", "1")
    monkeypatch.setenv("CHAINPOWER_CACHE", str(tmp_path / "cache"))
