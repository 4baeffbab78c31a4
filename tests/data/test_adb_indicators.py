"""ADB-derived indicator files (``mrio/adb_ksreyes``): real files, files generated in the same
layout, accounting identities, the domestic-sales quirk, undefined shares and bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.countries import PAPER000_ECONOMIES
from chainpower.data.indicator_files import (
    ADB_INDICATORS,
    UndefinedShareWarning,
    load_adb_indicators,
)
from chainpower.data.store import TIDY_COLUMNS, validate_tidy
from chainpower.errors import DataNotFoundError, InputError, LayoutError

YEARS = range(2018, 2023)
STUDY_SECTORS = ["c2", "c14", "c15"]


def _wide(df: pd.DataFrame) -> pd.DataFrame:
    return df.pivot_table(
        index=["country", "sector", "year"], columns="indicator", values="value", dropna=False
    )


# ----------------------------------------------------------------------------- real files
@pytest.fixture(scope="module")
def study(shared_data: Path) -> pd.DataFrame:
    with pytest.warns(UndefinedShareWarning, match="SGP/c2 2018"):
        return load_adb_indicators(countries=PAPER000_ECONOMIES, years=YEARS, sectors=STUDY_SECTORS)


def test_real_study_coverage(study: pd.DataFrame) -> None:
    validate_tidy(study)
    assert list(study.columns) == list(TIDY_COLUMNS)
    assert set(study["source"]) == {"adb_ksreyes"} and study["partner"].isna().all()
    f = study[study["indicator"] == "bm_gvcp_trade_f"]
    assert set(f["country"]) == set(PAPER000_ECONOMIES) and set(f["sector"]) == set(STUDY_SECTORS)
    # 15 × 3 × 5 = 225 cells; Singapore has no mining output or exports in 2018–2022: its
    # five shares are undefined and left out (the warning names them)
    assert len(f) == 220
    assert not ((f["country"] == "SGP") & (f["sector"] == "c2")).any()
    ex = study.query("indicator == 'adb_exports' and country == 'SGP' and sector == 'c2'")
    assert len(ex) == 5 and (ex["value"] == 0).all()


def test_real_identities(study: pd.DataFrame, shared_data: Path) -> None:
    w = _wide(study)
    ok = w["bm_gvcp_trade_f"].notna()
    np.testing.assert_allclose(
        w.loc[ok, "bm_gvcp_trade_f"],
        w.loc[ok, "bm_gvc_trade_f"] / w.loc[ok, "adb_exports"],
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        w["bm_gvc_trade"], w["bm_gvc_trade_f"] + w["bm_gvc_trade_b"], rtol=1e-12, atol=1e-9
    )
    # exports = intermediate + final exports = x − e (e = domestic sales, PROVENANCE)
    np.testing.assert_allclose(
        w["adb_exports"],
        w["adb_exports_intermediate"] + w["adb_exports_final"],
        rtol=1e-9,
        atol=1e-6,
    )
    ok = w["wwyz_plv_gvc"].notna()
    parts = w[["wwyz_plv_gvc_domestic", "wwyz_plv_gvc_border", "wwyz_plv_gvc_foreign"]]
    np.testing.assert_allclose(parts[ok].sum(axis=1), w.loc[ok, "wwyz_plv_gvc"], rtol=1e-9)
    ok = w["wwyz_pl_position"].notna()
    np.testing.assert_allclose(
        w.loc[ok, "wwyz_pl_position"],
        w.loc[ok, "wwyz_plv_gvc"] / w.loc[ok, "wwyz_ply_gvc"],
        rtol=1e-9,
    )
    # the raw file, read independently: CHN is economy 8 (ADB code PRC), chips = sector 14
    raw = pd.read_parquet(shared_data / "mrio/adb_ksreyes/adb72_2017_2022/gvcp.parquet")
    cell = raw.query("t == 2022 and s == 8 and agg == 35 and i == 14")
    assert w.loc[("CHN", "c14", 2022), "bm_gvcp_trade_b"] == cell["GVCP_trade_b"].item()
    summ = pd.read_parquet(shared_data / "mrio/adb_ksreyes/adb72_2017_2022/summary.parquet")
    row = summ.query("t == 2022 and s == 8 and i == 14")
    x_minus_e = (row["x"] - row["e"]).item()
    assert w.loc[("CHN", "c14", 2022), "adb_exports"] == pytest.approx(x_minus_e, rel=1e-12)
    assert x_minus_e < row["e"].item()  # e is domestic sales: using it as exports would be wrong


def test_real_country_totals_and_codes(shared_data: Path) -> None:
    with pytest.warns(UndefinedShareWarning):
        df = load_adb_indicators(countries=["GBR", "DEU", "TWN"], years=[2020])
    ex = df[df["indicator"] == "adb_exports"]
    tot = ex[ex["sector"].isna()].set_index("country")["value"]
    by_sector = ex[ex["sector"].notna()].groupby("country")["value"].sum()
    np.testing.assert_allclose(tot.sort_index(), by_sector.sort_index(), rtol=1e-12)
    assert set(tot.index) == {"GBR", "DEU", "TWN"}  # ADB UKG, GER, TAP
    assert set(df["indicator"]) == set(ADB_INDICATORS)
    with pytest.raises(InputError, match="2016"):
        load_adb_indicators(years=[2016])
    with pytest.raises(InputError, match="'PRC'"):
        load_adb_indicators(countries=["PRC"])
    with pytest.raises(InputError, match="c36"):
        load_adb_indicators(sectors=["c36"])


# ----------------------------------------------------------------------------- generated layout
def write_adb_folder(root: Path) -> Path:
    """A folder in the layout of ``mrio/adb_ksreyes``: two economies (8 = PRC, 73 = RoW), one
    year, 35 sectors plus the 5/15 groupings and the country total, hand-set values."""
    (root / "dicts").mkdir(parents=True)
    (root / "adb72_2017_2022").mkdir()
    pd.DataFrame(
        {
            "mrio": [8, 73],
            "mrio62": [8.0, 63.0],
            "mrio_code": ["PRC", "ROW"],
            "mrio_name": ["People's Republic of China", "Rest of the world"],
            "mrio_name_abr": ["PRC", None],
            "iso_num": [156, 999],
            "iso_a3": ["CHN", "ROW"],
        }
    ).to_csv(root / "dicts" / "countries_mrio.csv", index=False)
    rows, lrows, srows = [], [], []
    for s in (8, 73):
        for agg, n in ((0, 1), (5, 5), (15, 15), (35, 35)):
            for i in range(1 if agg else 0, n + 1 if agg else 1):
                exports = 0.0 if (s == 73 and i == 2 and agg == 35) else 100.0 + i
                va = -5.0 if (s == 8 and i == 3 and agg == 35) else 200.0 + i
                f, b = 0.2 * exports, 0.3 * exports
                rows.append(
                    (
                        2021,
                        s,
                        agg,
                        i,
                        exports,
                        va,
                        f,
                        b,
                        f + b,
                        0.1 * va,
                        f / exports if exports else np.nan,
                        b / exports if exports else np.nan,
                        (f + b) / exports if exports else np.nan,
                        0.1 * va / va,
                    )
                )
                lrows.append(
                    (
                        2021,
                        s,
                        agg,
                        i,
                        2.0,
                        1.5,
                        1.6,
                        1.2,
                        1.3,
                        1.5,
                        2.1,
                        1.4,
                        1.5,
                        1.3,
                        1.2,
                        1.0,
                        4.0,
                        3.5,
                        4.0 / 3.5,
                    )
                )
                if agg == 35:
                    x = 500.0 + i
                    e = x - exports  # e holds domestic sales, as in the real files
                    srows.append(
                        (
                            2021,
                            s,
                            i,
                            1,
                            1,
                            x,
                            0.0,
                            va,
                            0.6 * x,
                            0.4 * x,
                            e,
                            0.6 * x - 0.5 * exports,
                            0.4 * x - 0.5 * exports,
                        )
                    )
    gcols = [
        "t",
        "s",
        "agg",
        "i",
        "Exports",
        "va",
        "GVC_trade_f",
        "GVC_trade_b",
        "GVC_trade",
        "GVC_prod",
        "GVCP_trade_f",
        "GVCP_trade_b",
        "GVCP_trade",
        "GVCP_prod",
    ]
    g = pd.DataFrame(rows, columns=gcols).astype({"agg": "int32"})
    g.to_parquet(root / "adb72_2017_2022" / "gvcp.parquet", index=False)
    lcols = [
        "t",
        "s",
        "agg",
        "i",
        "PLv",
        "PLv_D",
        "PLv_RT",
        "PLvd_GVC",
        "CBv_GVC",
        "PLvf_GVC",
        "PLy",
        "PLy_D",
        "PLy_RT",
        "PLyd_GVC",
        "CBy_GVC",
        "PLyf_GVC",
        "PLv_GVC",
        "PLy_GVC",
        "GVC_POS",
    ]
    L = pd.DataFrame(lrows, columns=lcols)
    L.loc[(L["s"] == 73) & (L["agg"] == 35) & (L["i"] == 2), "PLv"] = np.nan  # idle sector
    L.to_parquet(root / "adb72_2017_2022" / "lengths.parquet", index=False)
    scols = ["t", "s", "i", "i5", "i15", "x", "zuse", "va", "zsales", "y", "e", "ez", "ey"]
    pd.DataFrame(srows, columns=scols).to_parquet(
        root / "adb72_2017_2022" / "summary.parquet", index=False
    )
    return root


def test_generated_layout(tmp_path: Path) -> None:
    root = write_adb_folder(tmp_path / "adb_ksreyes")
    with pytest.warns(UndefinedShareWarning) as rec:
        df = load_adb_indicators(root)
    msg = str(rec[0].message)
    assert "ROW/c2 2021" in msg and "CHN/c3 2021" in msg and "wwyz_plv" in msg
    w = _wide(df[df["sector"].notna()])
    assert ("ROW", "c2", 2021) in w.index
    assert np.isnan(float(w.loc[("ROW", "c2", 2021), "bm_gvcp_trade_f"]))  # exports 0: left out
    assert np.isnan(float(w.loc[("CHN", "c3", 2021), "bm_gvcp_prod"]))  # value added < 0: left out
    assert w.loc[("CHN", "c3", 2021), "bm_gvcp_trade_f"] == pytest.approx(0.2)
    assert w.loc[("CHN", "c14", 2021), "adb_exports"] == 114.0
    assert w.loc[("CHN", "c14", 2021), "adb_exports_intermediate"] == pytest.approx(57.0)
    assert w.loc[("CHN", "c14", 2021), "adb_output"] == 514.0
    assert np.isnan(float(w.loc[("ROW", "c2", 2021), "wwyz_plv"]))
    # the 5- and 15-sector groupings are not read; totals have a null sector
    assert set(df["sector"].dropna()) == {f"c{i}" for i in range(1, 36)}
    tot = df[df["sector"].isna() & (df["indicator"] == "adb_exports_final")]
    assert len(tot) == 2
    # the adb72 subfolder itself is accepted as the path
    with pytest.warns(UndefinedShareWarning):
        same = load_adb_indicators(root / "adb72_2017_2022")
    pd.testing.assert_frame_equal(same, df)


def test_generated_bad_input(tmp_path: Path) -> None:
    root = write_adb_folder(tmp_path / "a")
    folder = root / "adb72_2017_2022"
    with pytest.raises(DataNotFoundError):
        load_adb_indicators(tmp_path / "nowhere")
    good = (folder / "gvcp.parquet").read_bytes()
    (folder / "gvcp.parquet").write_bytes(good[: len(good) // 2])  # truncated
    with pytest.raises(LayoutError, match="gvcp.parquet"):
        load_adb_indicators(root)
    (folder / "gvcp.parquet").write_bytes(good)
    L = pd.read_parquet(folder / "lengths.parquet")
    L.drop(columns="GVC_POS").to_parquet(folder / "lengths.parquet")
    with pytest.raises(LayoutError, match=r"GVC_POS.*lengths.parquet"):
        load_adb_indicators(root)
    L.to_parquet(folder / "lengths.parquet")
    g = pd.read_parquet(folder / "gvcp.parquet")
    g.assign(s=g["s"].replace({73: 99})).to_parquet(folder / "gvcp.parquet")
    with pytest.raises(InputError, match="economy number 99"):
        load_adb_indicators(root)
    (folder / "gvcp.parquet").write_bytes(good)
    shutil.rmtree(root / "dicts")
    with pytest.raises(DataNotFoundError, match="dictionary"):
        load_adb_indicators(root)
