"""Comext and Comtrade readers: real extracts, files in the publishers' layouts, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from chainpower.data.trade_files import read_comext, read_comtrade
from chainpower.errors import InputError, LayoutError

COMEXT = (
    "DECLARANT_ISO,PARTNER_ISO,PRODUCT_NC,FLOW,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG\n"
    "DE,CN,85051110,1,202401,100,10\n"
    "DE,CN,85051110,1,202402,50,5\n"
    "FR,EL,85051110,1,202452,7,\n"
    "FR,US,85051110,2,2024,30,3\n"
)


def test_comext_layout_flows_months_and_codes(tmp_path: Path) -> None:
    p = tmp_path / "comext.csv"
    p.write_text(COMEXT, encoding="utf-8")
    df = read_comext(p).set_index(["exporter", "importer"])
    assert df.loc[("CHN", "DEU"), "value"] == 150.0  # two months summed to the year
    assert df.loc[("CHN", "DEU"), "qty"] == pytest.approx(0.015)  # kg → t
    assert df.loc[("GRC", "FRA"), "value"] == 7.0  # Eurostat's EL is Greece
    assert df.loc[("FRA", "USA"), "value"] == 30.0  # FLOW 2: declarant exports
    assert set(df["year"]) == {2024}
    assert df.attrs["value_unit"] == "EUR"


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        (
            "DE,CN,85051110,1,202401,100,10",
            "DE,QQ,85051110,1,202401,100,10",
            r"unknown country code 'QQ'.*row 1",
        ),
        (
            "DE,CN,85051110,1,202402,50,5",
            "DE,CN,85051110,1,202402,-50,5",
            r"negative VALUE_IN_EUROS.*row 2",
        ),
        ("FR,US,85051110,2,2024,30,3", "FR,US,85051110,3,2024,30,3", r"FLOW.*row 4"),
        ("FR,EL,85051110,1,202452,7,", "FR,EL,8505111,1,202452,7,", r"not a 8-digit.*row 3"),
    ],
)
def test_comext_bad_rows(tmp_path: Path, old: str, new: str, match: str) -> None:
    p = tmp_path / "comext.csv"
    p.write_text(COMEXT.replace(old, new), encoding="utf-8")
    with pytest.raises(InputError, match=match) as err:
        read_comext(p)
    assert "comext.csv" in str(err.value)


def test_comext_wrong_columns(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("REPORTER,PARTNER,PRODUCT,VALUE\nDE,CN,85051110,1\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="DECLARANT_ISO"):
        read_comext(p)


@pytest.mark.shared_data
def test_comext_real_extract_matches_provenance(shared_data: Path) -> None:
    from chainpower.data.groups import GROUPS

    df = read_comext(
        shared_data
        / "trade"
        / "eu_comext_critical_inputs_isi"
        / "eu27_comext_imports_cn8_critical_inputs_2022_2024.parquet"
    )
    extra = df[~df["exporter"].astype(str).isin(GROUPS["EU27"])].groupby("year")["value"].sum()
    # PROVENANCE: extra-EU totals €14.21 bn (2022), €11.78 bn (2023), €9.71 bn (2024)
    assert extra.round(-7).to_dict() == {2022: 14.21e9, 2023: 11.78e9, 2024: 9.71e9}
    ga = df[(df["product"] == "81129289") & (df["year"] == 2022)]
    ga = ga[~ga["exporter"].astype(str).isin(GROUPS["EU27"])]
    share = ga.loc[ga["exporter"] == "CHN", "value"].sum() / ga["value"].sum()
    assert share == pytest.approx(0.974, abs=0.0005)  # PROVENANCE: 97.4 % (2022)


def test_comtrade_api_layout(tmp_path: Path) -> None:
    p = tmp_path / "ct.csv"
    p.write_text(
        "refYear,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,netWgt\n"
        "2022,842,156,M,284690,1000,10\n"
        "2022,842,0,M,284690,1500,15\n"
        "2022,842,899,M,284690,20,1\n"
        "2022,842,156,X,284690,5,1\n",
        encoding="utf-8",
    )
    codes = {842: "USA", 156: "CHN"}
    m = read_comtrade(p, codes).set_index("exporter")
    assert m.loc["CHN", "value"] == 1000.0 and m.loc["X899", "value"] == 20.0
    assert "WLD" not in m.index  # the World total row is not a partner
    x = read_comtrade(p, codes, flow="X")
    assert x[["exporter", "importer", "value"]].values.tolist() == [["USA", "CHN", 5.0]]
    p.write_text(p.read_text().replace("2022,842,156,M,284690,1000", "2022,842,999,M,284690,1000"))
    with pytest.raises(InputError, match=r"unknown M49 country code 999.*row 1"):
        read_comtrade(p, codes)


@pytest.mark.shared_data
def test_comtrade_real_extract_has_rows_without_a_year(shared_data: Path) -> None:
    path = (
        shared_data
        / "trade"
        / "baci_critical_materials_cma"
        / "comtrade_raw_2022_2024_critical31.parquet"
    )
    codes = shared_data / "trade" / "baci_critical_materials_cma" / "baci_country_codes_V202601.csv"
    # the stored 2024 half has an empty year column: an error naming the first such row
    with pytest.raises(InputError, match=r"year missing.*row 166617"):
        read_comtrade(path, codes)
