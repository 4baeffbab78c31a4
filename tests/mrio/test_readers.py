"""Readers on small files written in the publishers' exact layouts, and on the real WIOD tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from chainpower.mrio import synthetic_table
from chainpower.mrio.io import (
    read_adb_xlsx,
    read_generic,
    read_oecd_icio,
    read_wiod2013,
    write_generic,
)


def test_adb_official_layout(adb_file: dict[str, Any]) -> None:
    t0 = adb_file["table"]
    t = read_adb_xlsx(adb_file["path"])
    assert t.countries == tuple(adb_file["econ"])
    assert t.sectors == tuple(f"c{k}" for k in range(1, 36))
    assert t.fd_categories == ("F1", "F2", "F3", "F4", "F5")
    assert t.year == 2019 and t.va_components is not None and len(t.va_components) == 6
    assert t.va_components[4] == "Value added at basic prices"
    np.testing.assert_allclose(t.Z, t0.Z, rtol=1e-15)
    np.testing.assert_allclose(t.Y, t0.Y, rtol=1e-15)
    np.testing.assert_allclose(t.V, adb_file["V"], rtol=1e-15)
    np.testing.assert_allclose(t.x, t0.x, rtol=1e-15)
    # the value-added entries of final-demand columns are dropped, and their sum reported
    assert t.balance.row < 1e-12 and t.balance.column < 1e-12
    from chainpower.data.mrio_readers import read_adb_mrio_xlsx

    notes = read_adb_mrio_xlsx(adb_file["path"]).notes
    assert f"{adb_file['dpa'].sum():.6g}" in notes[0]


def test_icio_layout_merges_split_countries(
    icio_data: dict[str, Any], write_icio: Any, tmp_path: Path
) -> None:
    path = write_icio(tmp_path / "ICIO2023_2019.csv", icio_data)
    t = read_oecd_icio(path)
    t0 = icio_data["table"]
    assert t.countries == tuple(icio_data["countries"])  # CN1/CN2/MX1/MX2 merged away
    assert t.year == 2019 and t.source == "OECD ICIO 2023"
    assert t.fd_categories == ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR")
    # merging the split parts recovers the original (unsplit) table
    np.testing.assert_allclose(t.Z, t0.Z, rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(t.Y, t0.Y, rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(t.x, t0.x, rtol=1e-12)
    np.testing.assert_allclose(t.v, t0.v, rtol=1e-10)
    np.testing.assert_allclose(t.V[0], 0.1 * t0.v, rtol=1e-10)  # TLS row
    assert t.va_components == ("TLS", "VA")


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".csv.gz"])
def test_generic_round_trip(tmp_path: Path, suffix: str) -> None:
    t0 = synthetic_table(4, 5, seed=2, year=2015)
    path = write_generic(t0, tmp_path / f"table{suffix}")
    t = read_generic(path)
    assert (t.countries, t.sectors, t.fd_categories) == (t0.countries, t0.sectors, t0.fd_categories)
    assert t.year == 2015
    np.testing.assert_array_equal(t.Z, t0.Z)
    np.testing.assert_array_equal(t.Y, t0.Y)
    np.testing.assert_array_equal(t.v, t0.v)
    np.testing.assert_array_equal(t.x, t0.x)


def test_generic_round_trip_of_adb_table(adb_file: dict[str, Any], tmp_path: Path) -> None:
    t0 = read_adb_xlsx(adb_file["path"])
    t = read_generic(write_generic(t0, tmp_path / "adb.parquet"))
    assert t.va_components == t0.va_components
    np.testing.assert_array_equal(t.V, t0.V)
    np.testing.assert_array_equal(t.Z, t0.Z)


def test_wiod_all_years_load_and_report_published_misfit(shared_data: Path) -> None:
    for year in range(1995, 2012):
        t = read_wiod2013(year)
        assert (t.G, t.N, t.F) == (41, 35, 5) and t.year == year
        m = t.published_misfit
        assert m is not None
        # rounding to integer USD millions: within the worst-case bound, far from zero
        assert 50 < m.max_abs <= t.atol and m.rows_off > 1000 and m.share < 1e-3
        raw = np.load(shared_data / "mrio/wiod2013_bquast/npz" / f"wiod2013_{year}.npz")
        np.testing.assert_array_equal(t.x - raw["x"], m.residual)
        # output from rows, value added derived: both identities exact, VA total = FD total
        assert t.balance.row == 0.0 and t.balance.column < 1e-12
        np.testing.assert_allclose(t.v.sum(), t.Y.sum(), rtol=1e-12)


def test_wiod_rdata_equals_npz(shared_data: Path) -> None:
    pytest.importorskip("rdata")
    a = read_wiod2013(2011)
    b = read_wiod2013(2011, shared_data / "mrio/wiod2013_bquast/rdata/wiot_2011.RData")
    assert a.countries == b.countries and a.sectors == b.sectors
    np.testing.assert_array_equal(a.Z, b.Z)
    np.testing.assert_array_equal(a.Y, b.Y)
    np.testing.assert_array_equal(a.x, b.x)
