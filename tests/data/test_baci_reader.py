"""The BACI reader on the real raw-layout sample, on files in BACI's exact layout, and on bad
input (each error names the file and the row)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.trade_files import read_baci, read_baci_country_codes, read_baci_extract
from chainpower.errors import InputError, LayoutError

CODES_V2024 = (
    "country_code,country_name,country_iso2,country_iso3\n4,Afghanistan,AF,AFG\n"
    "156,China,CN,CHN\n251,France,FR,FRA\n276,Germany,DE,DEU\n56,Belgium,BE,BEL\n"
    "58,Belgium-Luxembourg (...1998),BE,BEL\n"
)


def _codes(tmp_path: Path) -> Path:
    p = tmp_path / "country_codes_V202401.csv"
    p.write_text(CODES_V2024, encoding="utf-8")
    return p


def _write(tmp_path: Path, body: str, name: str = "BACI_HS17_Y2022_V202401.csv") -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


# BACI pads numbers with spaces and writes missing quantities as NA
GOOD = (
    "t,i,j,k,v,q\n"
    "2022,156,251,850511,   12.500,    0.250\n"
    "2022,156,276,850511,  100.000,           NA\n"
    "2022,4,276,81129,    1.000,\n"  # a code that lost its leading zero: 081129 is not HS17
)


def test_exact_layout_units_padding_and_na(tmp_path: Path) -> None:
    body = GOOD.replace("81129,", "811292,")
    df = read_baci(_write(tmp_path, body), _codes(tmp_path), check_products=False)
    assert df["value"].tolist() == [12500.0, 100000.0, 1000.0]  # kUSD → USD
    assert df["qty"].iloc[0] == 0.25 and np.isnan(df["qty"].iloc[1]) and np.isnan(df["qty"].iloc[2])
    assert df["exporter"].astype(str).tolist() == ["CHN", "CHN", "AFG"]
    assert df["importer"].astype(str).tolist() == ["FRA", "DEU", "DEU"]
    assert df.attrs["hs_vintage"] == "HS17" and df.attrs["value_unit"] == "USD"


def test_two_codes_for_one_iso3(tmp_path: Path) -> None:
    body = "t,i,j,k,v,q\n1997,58,156,850511,1,1\n2022,56,156,850511,2,1\n"
    df = read_baci(_write(tmp_path, body), _codes(tmp_path), check_products=False)
    assert df["exporter"].astype(str).tolist() == ["BEL", "BEL"]
    assert list(df["exporter"].cat.categories) == ["BEL"]


@pytest.mark.parametrize(
    ("body", "what", "row"),
    [
        (
            "t,i,j,k,v,q\n2022,156,251,850511,1,1\n2022,999,251,850511,1,1\n",
            "unknown BACI country code",
            "row 2",
        ),
        (
            "t,i,j,k,v,q\n2022,156,251,850511,1,1\n2022,156,251,850511,-3,1\n",
            "negative value",
            "row 2",
        ),
        (
            "t,i,j,k,v,q\n2022,156,251,850511,1,1\n2022,156,251,85051X,1,1\n",
            "not a 6-digit",
            "row 2",
        ),
        ("t,i,j,k,v,q\n2022,156,251,850511,1,-1\n", "negative quantity", "row 1"),
    ],
)
def test_bad_rows_name_file_and_row(tmp_path: Path, body: str, what: str, row: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(InputError) as err:
        read_baci(path, _codes(tmp_path), check_products=False)
    msg = str(err.value)
    assert what in msg and row in msg and path.name in msg


def test_wrong_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "year,exporter,importer,hs6,value\n2022,156,251,850511,1\n")
    with pytest.raises(
        LayoutError, match=r"wrong columns.*missing \['t', 'i', 'j', 'k', 'v', 'q'\]"
    ):
        read_baci(path, _codes(tmp_path))


def test_unparseable_cell_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "t,i,j,k,v,q\n2022,156,251,850511,1,1\n2022,156,251,850511,abc,1\n")
    with pytest.raises(InputError) as err:
        read_baci(path, _codes(tmp_path), check_products=False)
    assert path.name in str(err.value) and "line" in str(err.value).lower()


@pytest.mark.shared_data
def test_unknown_hs_code_of_the_vintage(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)  # 81129 → 081129: six digits but no HS17 code
    with pytest.raises(InputError, match=r"unknown HS code \(not in HS17\): '081129'.*row 3"):
        read_baci(path, _codes(tmp_path))


@pytest.mark.shared_data
def test_real_raw_layout_sample(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "trade" / "baci_sample_iopspackage"
    sample = folder / "baci_hs17_2020_v202301_exports_afg_zaf_INCOMPLETE_sample.parquet"
    codes_2026 = (
        shared_data / "trade" / "baci_critical_materials_cma" / "baci_country_codes_V202601.csv"
    )
    df = read_baci(sample, codes_2026, hs_vintage="HS17")
    raw = pd.read_parquet(sample)
    assert len(df) == 72_097 == len(raw)
    assert df["value"].sum() == pytest.approx(raw["v"].sum() * 1000)
    assert set(df["exporter"].astype(str)) == {"AFG", "ZAF"}
    # the same rows written as a BACI CSV read back identically
    csv = tmp_path / "BACI_HS17_Y2020_V202301.csv"
    raw.to_csv(csv, index=False)
    back = read_baci(csv, codes_2026)
    assert (back["value"].to_numpy() == df["value"].to_numpy()).all()
    assert back["product"].astype(str).equals(df["product"].astype(str))
    # the package's own V202201 code file does not fit its V202301 data: Italy moved 381 → 380
    with pytest.raises(InputError, match=r"unknown BACI country code 380 in column 'j'"):
        read_baci(sample, folder / "country_codes_V202201.csv", hs_vintage="HS17")


@pytest.mark.shared_data
def test_both_country_code_layouts(shared_data: Path) -> None:
    old = read_baci_country_codes(
        shared_data / "trade" / "baci_sample_iopspackage" / "country_codes_V202201.csv"
    )
    new = read_baci_country_codes(
        shared_data / "trade" / "baci_critical_materials_cma" / "baci_country_codes_V202601.csv"
    )
    assert old[381] == "ITA" and new[380] == "ITA" and new[156] == "CHN" and new[490] == "S19"
    assert len(new) == 238


@pytest.mark.shared_data
def test_extract_totals_match_provenance(shared_data: Path) -> None:
    folder = shared_data / "trade" / "baci_critical_materials_cma"
    fixture = read_baci_extract(folder / "baci_hs17_2022_2024_critical31_fixture.parquet")
    full = read_baci_extract(folder / "baci_hs17_2024_critical30_full.parquet")
    # PROVENANCE: 2024 fixture totals per HS6 equal trade.parquet × 1000 exactly
    a = fixture[fixture["year"] == 2024].groupby("product", observed=True)["value"].sum()
    b = full.groupby("product", observed=True)["value"].sum()
    assert np.allclose(a.reindex(b.index).to_numpy(), b.to_numpy(), rtol=1e-9)
