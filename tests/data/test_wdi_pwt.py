"""WDI and PWT readers: the real files, files generated in the publishers' exact layouts, and
bad input. A WDI value read three ways (tidy Parquet, bulk CSV, API CSV) is bit-identical."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.macro import load_pwt, load_wdi, read_wdi_api_csv, read_wdi_bulk_csv
from chainpower.errors import DataNotFoundError, InputError, LayoutError

CODES = ["NE.CON.GOVT.ZS", "SP.POP.1564.TO.ZS", "NY.GDP.TOTL.RT.ZS"]
NAMES = {
    "NE.CON.GOVT.ZS": "General government final consumption expenditure (% of GDP)",
    "SP.POP.1564.TO.ZS": "Population ages 15-64 (% of total population)",
    "NY.GDP.TOTL.RT.ZS": "Total natural resources rents (% of GDP)",
}
COUNTRIES = {"CHN": "China", "USA": "United States", "SGP": "Singapore", "KOR": "Korea, Rep."}


# ----------------------------------------------------------------------------- writers
def _wide(long: pd.DataFrame, years: range) -> list[tuple[str, str, str, str, list[str]]]:
    rows = []
    for code in sorted(long["indicator"].unique()):
        for iso, name in COUNTRIES.items():
            sub = long[(long["indicator"] == code) & (long["country"] == iso)]
            by_year = dict(zip(sub["year"], sub["value"], strict=True))
            cells = [repr(float(by_year[y])) if y in by_year else "" for y in years]
            rows.append((name, iso, NAMES[code], code, cells))
    return rows


def q(text: str) -> str:
    """Quote a cell the way the bulk files do: only when it holds a comma."""
    return f'"{text}"' if "," in text else text


def write_bulk_csv(long: pd.DataFrame, path: Path, years: range, *, trailing: bool) -> Path:
    """WDICSV.csv (2023–): unquoted header, names quoted only when they hold a comma;
    WDIData.csv (older): the same with a trailing comma on every line."""
    end = ",\n" if trailing else "\n"
    lines = [
        ",".join(["Country Name", "Country Code", "Indicator Name", "Indicator Code"])
        + ","
        + ",".join(str(y) for y in years)
        + end
    ]
    for name, iso, ind, code, cells in _wide(long, years):
        lines.append(",".join([q(name), iso, q(ind), code, *cells]) + end)
    path.write_text("\ufeff" + "".join(lines), encoding="utf-8")
    return path


def write_api_csv(long: pd.DataFrame, folder: Path, code: str, years: range) -> Path:
    """API_<code>_DS2_en_csv_v2_<n>.csv: BOM, 4 preamble lines, all cells quoted, trailing comma."""
    sub = long[long["indicator"] == code]
    text = '"Data Source","World Development Indicators",\n\n"Last Updated Date","2026-07-13",\n\n'
    text += (
        ",".join(
            f'"{h}"'
            for h in [
                "Country Name",
                "Country Code",
                "Indicator Name",
                "Indicator Code",
                *map(str, years),
            ]
        )
        + ",\n"
    )
    for name, iso, ind, c, cells in _wide(sub, years):
        text += ",".join(f'"{x}"' for x in [name, iso, ind, c, *cells]) + ",\n"
    path = folder / f"API_{code}_DS2_en_csv_v2_38789.csv"
    path.write_text("\ufeff" + text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- real files
def test_wdi_real_published_values(shared_data: Path) -> None:
    w = load_wdi(CODES, countries=["CHN", "USA", "SGP", "JPN", "VNM"], years=range(2018, 2023))
    v = w.set_index(["country", "year", "indicator"])["value"]
    # PROVENANCE.md §5 (values as stored)
    assert round(v[("USA", 2019, "NE.CON.GOVT.ZS")], 2) == 13.98
    assert round(v[("CHN", 2019, "NE.CON.GOVT.ZS")], 2) == 17.15
    assert round(v[("SGP", 2019, "NE.CON.GOVT.ZS")], 2) == 10.25
    assert round(v[("JPN", 2020, "SP.POP.1564.TO.ZS")], 1) == 58.9
    assert round(v[("VNM", 2020, "SP.POP.1564.TO.ZS")], 1) == 68.0
    rents = [round(v[("CHN", y, "NY.GDP.TOTL.RT.ZS")], 2) for y in range(2018, 2022)]
    assert rents == [1.43, 1.27, 0.86, 1.71]
    # rents end in 2021 for every country: no 2022 row, and no NaN anywhere
    assert not ((w["indicator"] == "NY.GDP.TOTL.RT.ZS") & (w["year"] == 2022)).any()
    assert np.isfinite(w["value"]).all() and list(w.columns) == [
        "country",
        "year",
        "indicator",
        "value",
    ]


def test_wdi_three_layouts_identical(shared_data: Path, tmp_path: Path) -> None:
    years = range(1960, 2026)
    tidy = load_wdi(CODES, countries=list(COUNTRIES))
    bulk = load_wdi(path=write_bulk_csv(tidy, tmp_path / "WDICSV.csv", years, trailing=False))
    old = load_wdi(path=write_bulk_csv(tidy, tmp_path / "WDIData.csv", years, trailing=True))
    pd.testing.assert_frame_equal(bulk, tidy)
    pd.testing.assert_frame_equal(old, tidy)
    for code in CODES:
        api = load_wdi(path=write_api_csv(tidy, tmp_path, code, years))
        pd.testing.assert_frame_equal(api, tidy[tidy["indicator"] == code].reset_index(drop=True))
    # filters apply the same way on every layout
    one = load_wdi(
        ["NE.CON.GOVT.ZS"], countries=["USA"], years=[2019], path=tmp_path / "WDICSV.csv"
    )
    assert (
        one["value"].tolist()
        == tidy.query("indicator == 'NE.CON.GOVT.ZS' and country == 'USA' and year == 2019")[
            "value"
        ].tolist()
    )


def test_pwt_real(shared_data: Path) -> None:
    p = load_pwt(["rgdpna", "rnna", "emp", "delta"], countries=["USA", "CHN"])
    v = p.set_index(["country", "year", "variable"])["value"]
    # PROVENANCE.md §5: PWT rgdpna 2019 for the USA is 20.56 tn 2017 USD (mil. in the file)
    assert 20.55e6 < v[("USA", 2019, "rgdpna")] < 20.57e6
    assert p["year"].max() == 2019 and p["year"].min() == 1950
    assert 0.0 < v[("CHN", 2019, "delta")] < 0.1
    with pytest.raises(InputError, match="i_xr"):
        load_pwt(["i_xr"])


# ----------------------------------------------------------------------------- generated layouts
def _pwt_fixture() -> pd.DataFrame:
    """A small frame in GGDC's column layout (countrycode, country, currency_unit, year …)."""
    return pd.DataFrame(
        {
            "countrycode": ["AAA", "AAA", "BBB", "BBB"],
            "country": ["Aland", "Aland", "Bland", "Bland"],
            "currency_unit": ["Peso", "Peso", "Euro", "Euro"],
            "year": [2018, 2019, 2018, 2019],
            "rnna": [100.0, 110.0, 50.5, np.nan],
            "emp": [10.0, 10.25, 4.0, 4.125],
            "delta": [0.05, 0.05, 0.04, 0.041],
            "i_xr": ["Market", "Market", "Estimated", "Estimated"],
        }
    )


@pytest.mark.parametrize("suffix", [".dta", ".xlsx", ".csv"])
def test_pwt_ggdc_layouts(tmp_path: Path, suffix: str) -> None:
    df = _pwt_fixture()
    path = tmp_path / f"pwt1001{suffix}"
    if suffix == ".dta":
        df.to_stata(path, write_index=False)
    elif suffix == ".xlsx":
        with pd.ExcelWriter(path) as xl:
            pd.DataFrame({"Penn World Table": ["version 10.01"]}).to_excel(
                xl, sheet_name="Info", index=False
            )
            pd.DataFrame({"Variable name": ["rnna"]}).to_excel(xl, sheet_name="Legend", index=False)
            df.to_excel(xl, sheet_name="Data", index=False)
    else:
        df.to_csv(path, index=False)
    p = load_pwt(path=path)
    assert list(p.columns) == ["country", "year", "variable", "value"]
    assert set(p["variable"]) == {"rnna", "emp", "delta"}  # the text flag is not a variable
    v = p.set_index(["country", "year", "variable"])["value"]
    assert v[("AAA", 2019, "rnna")] == 110.0 and v[("BBB", 2019, "emp")] == 4.125
    assert ("BBB", 2019, "rnna") not in v.index  # an empty cell is no row, never NaN
    assert len(p) == 11


def test_pwt_bad_files(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError, match="nowhere"):
        load_pwt(path=tmp_path / "nowhere.dta")
    junk = tmp_path / "pwt1001.dta"
    junk.write_bytes(b"\x00\x01garbage" * 20)
    with pytest.raises(LayoutError, match="pwt1001.dta"):
        load_pwt(path=junk)
    book = tmp_path / "pwt.xlsx"
    with pd.ExcelWriter(book) as xl:
        _pwt_fixture().to_excel(xl, sheet_name="Sheet1", index=False)
    with pytest.raises(LayoutError, match="no sheet 'Data'"):
        load_pwt(path=book)
    nocode = tmp_path / "nocode.csv"
    _pwt_fixture().drop(columns="countrycode").to_csv(nocode, index=False)
    with pytest.raises(LayoutError, match="country code column"):
        load_pwt(path=nocode)
    good = tmp_path / "good.csv"
    _pwt_fixture().to_csv(good, index=False)
    with pytest.raises(InputError, match="ZZZ"):
        load_pwt(countries=["ZZZ"], path=good)
    with pytest.raises(InputError, match="unsupported"):
        load_pwt(path=good.rename(tmp_path / "good.txt"))


def _small_long() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": ["CHN", "CHN", "USA", "USA"],
            "year": [2018, 2019, 2018, 2019],
            "indicator": ["NE.CON.GOVT.ZS"] * 4,
            "value": [16.8365380138, 17.1510118, 13.8442131, 13.98355929],
        }
    )


def test_wdi_bad_files(tmp_path: Path) -> None:
    years = range(2018, 2020)
    bulk = write_bulk_csv(_small_long(), tmp_path / "WDICSV.csv", years, trailing=False)
    lines = bulk.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    # a truncated file: the last row cut inside its cells
    cut = tmp_path / "cut.csv"
    cut.write_text("".join(lines[:-1]) + lines[-1][:40], encoding="utf-8")
    with pytest.raises(LayoutError, match=r"truncated.*cut\.csv.*line 5"):
        load_wdi(path=cut)
    # a non-numeric cell names the line
    bad = tmp_path / "bad.csv"
    bad.write_text(lines[0] + lines[1].replace(lines[1].split(",")[-1], "n/a\n"), encoding="utf-8")
    with pytest.raises(InputError, match="'n/a'.*line 2"):
        load_wdi(path=bad)
    # a wrong header
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("Country,Code,Series,Year\nChina,CHN,X,2019\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="not a WDI file"):
        load_wdi(path=wrong)
    api = write_api_csv(_small_long(), tmp_path, "NE.CON.GOVT.ZS", years)
    text = api.read_text(encoding="utf-8-sig")
    broken = tmp_path / "API_broken.csv"
    broken.write_text(text.replace('"Country Name"', '"Country"'), encoding="utf-8")
    with pytest.raises(LayoutError, match="API_broken"):
        read_wdi_api_csv(broken)
    with pytest.raises(LayoutError, match="WDI wide layout"):
        read_wdi_bulk_csv(wrong)
    # random bytes and a truncated Parquet
    rnd = tmp_path / "random.parquet"
    rnd.write_bytes(np.random.default_rng(0).bytes(300))
    with pytest.raises(LayoutError, match="random.parquet"):
        load_wdi(path=rnd)
    pq = tmp_path / "wdi.parquet"
    _small_long().rename(columns={"country": "iso3"}).to_parquet(pq)
    trunc = tmp_path / "trunc.parquet"
    trunc.write_bytes(pq.read_bytes()[:-40])
    with pytest.raises(LayoutError, match="trunc.parquet"):
        load_wdi(path=trunc)
    # unknown code / country / year: errors that name them, never an empty frame
    with pytest.raises(InputError, match="XX.YY"):
        load_wdi(["XX.YY"], path=pq)
    with pytest.raises(InputError, match="FRA"):
        load_wdi(countries=["FRA"], path=pq)
    with pytest.raises(InputError, match="2030"):
        load_wdi(years=[2030], path=pq)
    with pytest.raises(DataNotFoundError):
        load_wdi(path=tmp_path / "absent.parquet")
    assert load_wdi(path=pq)["value"].tolist() == _small_long()["value"].tolist()


def test_wdi_single_code_as_string(tmp_path: Path) -> None:
    years = range(2018, 2020)
    bulk = write_bulk_csv(_small_long(), tmp_path / "WDICSV.csv", years, trailing=False)
    one = load_wdi("NE.CON.GOVT.ZS", countries="USA", path=bulk)
    assert one["value"].tolist() == [13.8442131, 13.98355929]
