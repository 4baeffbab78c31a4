"""Parsers on the real files in the shared data folder, and the shipped concordances."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chainpower.data.concordances import (
    available_concordances,
    detect_classification,
    load_concordance,
    strategic_concordance,
)
from chainpower.data.mrio_readers import read_adb_xlsx, read_wiod2013_npz, wiod2013_years
from chainpower.errors import LayoutError

ADB_4X3 = "mrio/adb_aggregated_ballavbabu/ADB_MRIO_2023_Aggregated_4x3_with_CO2.xlsx"


def test_adb_aggregated_real_table(shared_data: Path) -> None:
    p = read_adb_xlsx(shared_data / ADB_4X3)
    assert p.countries == ["PRC", "IND", "JPN", "ROW"]
    assert p.sectors == ["Primary", "Manufacturing", "Services"] and p.year == 2023
    assert p.Z.shape == (12, 12) and p.Y.shape == (12, 4) and p.V is not None
    # published cells (Consistency_Check / VA_and_CO2 sheets)
    np.testing.assert_allclose(p.x[0], 2532536.95321955, rtol=1e-14)
    np.testing.assert_allclose(p.V[0, 1], 6713743.96070836, rtol=1e-14)
    np.testing.assert_allclose(p.Z[0, 0], 238899.394813154, rtol=1e-14)
    # both identities hold in the published table
    np.testing.assert_allclose(p.Z.sum(axis=1) + p.Y.sum(axis=1), p.x, rtol=1e-12)
    np.testing.assert_allclose(p.Z.sum(axis=0) + p.V[0], p.x, rtol=1e-12)


def test_wiod_npz_parts(shared_data: Path) -> None:
    folder = shared_data / "mrio/wiod2013_bquast/npz"
    assert wiod2013_years(folder) == list(range(1995, 2012))
    p = read_wiod2013_npz(folder, 1995)
    assert p.countries[0] == "AUS" and p.countries[-1] == "RoW" and len(p.countries) == 41
    assert p.sectors[13] == "c14" and p.sector_names["c14"].startswith("Electrical and Optical")
    assert p.V is None and p.x is not None and p.Y.shape == (1435, 205)


def test_concordances_cover_their_classifications() -> None:
    assert set(available_concordances()) >= {"adb35", "wiod35", "icio2023", "icio2021", "synthetic"}
    adb = strategic_concordance("adb35")
    assert (adb.members("chips"), adb.members("vehicles"), adb.members("minerals")) == (
        ["c14"],
        ["c15"],
        ["c2"],
    )
    assert len(adb.mapping) == 35 and adb.groups == ("chips", "vehicles", "minerals", "other")
    icio = strategic_concordance("icio2023")
    assert icio.members("chips") == ["C26", "C27"]
    assert icio.members("vehicles") == ["C29", "C30"]
    assert icio.members("minerals") == ["B05_06", "B07_08", "B09"]
    narrow = strategic_concordance("icio2023", narrow=True)
    assert (narrow.members("chips"), narrow.members("minerals")) == (["C26"], ["B07_08"])
    old = load_concordance("icio2021")
    assert len(old.mapping) == 45 and old.members("chips") == ["D26", "D27"]
    assert detect_classification([f"c{k}" for k in range(1, 36)]) == "adb35"
    with pytest.raises(LayoutError, match="match no shipped"):
        strategic_concordance(["x", "y"])


def test_user_concordance_file(tmp_path: Path) -> None:
    f = tmp_path / "regions.csv"
    f.write_text("from,to\nCHN,ASIA\nJPN,ASIA\nUSA,AMERICA\n")
    c = load_concordance(f)
    assert c.mapping == {"CHN": "ASIA", "JPN": "ASIA", "USA": "AMERICA"}
    f.write_text("from,to\nCHN,ASIA\nCHN,EAST\n")
    with pytest.raises(LayoutError, match="mapped twice") as info:
        load_concordance(f)
    assert info.value.label == "CHN"
