"""The interdependence index against hand computations, for every normalisation; weights,
dropped components, missing inputs; the China–US readers on the real files and on small files
in the publisher's layout.

Fixture (two sides, three years, raw component values):

    side  component       2000  2001  2002
    AAA   trade           0.10  0.20  0.40
    AAA   liberalisation  0.90  0.95  1.00
    BBB   trade           0.05  0.10  0.10
    BBB   liberalisation  0.80  0.85  0.90

Default weights 0.4 / 0.2 become 2/3 and 1/3 over the two components present.
Pooled min–max: trade (x − 0.05)/0.35 → AAA 1/7, 3/7, 1; BBB 0, 1/7, 1/7;
liberalisation (x − 0.8)/0.2 → AAA 1/2, 3/4, 1; BBB 0, 1/4, 1/2. Hence
I_AAA = 11/42, 15/28, 1 and I_BBB = 0, 15/84, 11/42.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.errors import InputError, LayoutError
from chainpower.trade.interdependence import interdependence_index

RAW = {
    ("AAA", "trade"): [0.10, 0.20, 0.40],
    ("AAA", "liberalisation"): [0.90, 0.95, 1.00],
    ("BBB", "trade"): [0.05, 0.10, 0.10],
    ("BBB", "liberalisation"): [0.80, 0.85, 0.90],
}
YEARS = [2000, 2001, 2002]


def fixture(extra: dict[tuple[str, str], list[float]] | None = None) -> pd.DataFrame:
    rows = []
    for (side, comp), vals in {**RAW, **(extra or {})}.items():
        for y, v in zip(YEARS, vals, strict=True):
            rows.append({"side": side, "partner": "BBB" if side == "AAA" else "AAA", "year": y,
                         "component": comp, "value": v})
    return pd.DataFrame(rows)


def index_of(res, side: str) -> list[float]:
    d = res.index[res.index["side"] == side].sort_values("year")
    return d["index"].tolist()


def test_minmax_pooled_by_hand() -> None:
    res = interdependence_index(fixture(), components=["trade", "liberalisation"])
    np.testing.assert_allclose(index_of(res, "AAA"), [11 / 42, 15 / 28, 1.0], rtol=1e-12)
    np.testing.assert_allclose(index_of(res, "BBB"), [0.0, 15 / 84, 11 / 42], atol=1e-12)
    assert res.summary.loc[2002, "AAA-BBB"] == pytest.approx(1 - 11 / 42)


def test_minmax_per_side_by_hand() -> None:
    res = interdependence_index(fixture(), components=["trade", "liberalisation"],
                                pool_sides=False)
    # AAA trade (0, 1/3, 1), lib (0, 1/2, 1); BBB trade (0, 1, 1), lib (0, 1/2, 1)
    np.testing.assert_allclose(index_of(res, "AAA"), [0, 7 / 18, 1], atol=1e-12)
    np.testing.assert_allclose(index_of(res, "BBB"), [0, 5 / 6, 1], atol=1e-12)


def test_zscore_by_hand() -> None:
    res = interdependence_index(fixture(), components=["trade", "liberalisation"],
                                normalisation="zscore")
    t = RAW[("AAA", "trade")] + RAW[("BBB", "trade")]
    lib = RAW[("AAA", "liberalisation")] + RAW[("BBB", "liberalisation")]
    zt = [(v - statistics.fmean(t)) / statistics.pstdev(t) for v in t]
    zl = [(v - statistics.fmean(lib)) / statistics.pstdev(lib) for v in lib]
    expected = [2 / 3 * a + 1 / 3 * b for a, b in zip(zt, zl, strict=True)]
    np.testing.assert_allclose(index_of(res, "AAA") + index_of(res, "BBB"), expected,
                               rtol=1e-12)


def test_reference_year_by_hand() -> None:
    res = interdependence_index(fixture(), components=["trade", "liberalisation"],
                                normalisation="reference", reference_year=2000)
    # AAA: trade 1, 2, 4; lib 1, 19/18, 10/9 → 1, 4/3 + 19/54, 8/3 + 10/27
    np.testing.assert_allclose(index_of(res, "AAA"), [1, 91 / 54, 8 / 3 + 10 / 27], rtol=1e-12)
    # BBB: trade 1, 2, 2; lib 1, 17/16, 9/8
    np.testing.assert_allclose(index_of(res, "BBB"), [1, 4 / 3 + 17 / 48, 4 / 3 + 3 / 8],
                               rtol=1e-12)
    with pytest.raises(InputError, match="reference year 1999"):
        interdependence_index(fixture(), normalisation="reference", reference_year=1999,
                              components=["trade"])
    with pytest.raises(InputError, match="needs reference_year"):
        interdependence_index(fixture(), normalisation="reference", components=["trade"])


def test_raw_by_hand() -> None:
    res = interdependence_index(fixture(), components=["trade", "liberalisation"],
                                normalisation="raw")
    np.testing.assert_allclose(index_of(res, "AAA"), [11 / 30, 0.45, 0.6], rtol=1e-12)


def test_weights_and_dropped_components() -> None:
    same = interdependence_index(fixture(), components=["trade", "liberalisation"],
                                 weights={"trade": 0.2, "liberalisation": 0.2})
    assert index_of(same, "AAA")[0] == pytest.approx(1 / 14 + 1 / 4)  # (1/7 + 1/2) / 2
    only_trade = interdependence_index(fixture(), components=["trade"])
    np.testing.assert_allclose(index_of(only_trade, "AAA"), [1 / 7, 3 / 7, 1], rtol=1e-12)
    base = interdependence_index(fixture(), components=["trade", "liberalisation"])
    assert index_of(base, "AAA")[0] != index_of(same, "AAA")[0]
    with pytest.raises(InputError, match="no weight"):
        interdependence_index(fixture(), components=["trade"], weights={"investment": 1.0})
    with pytest.raises(InputError, match="unknown component"):
        interdependence_index(fixture(), components=["tariffs"])


def test_missing_inputs_listed_reweighted_or_refused() -> None:
    data = fixture({("AAA", "investment"): [0.5, 0.3, 0.1]})
    known = pd.DataFrame({"side": ["BBB"] * 3, "year": YEARS, "component": "investment",
                          "reason": "no source"})
    comps = ["trade", "investment", "liberalisation"]
    res = interdependence_index(data, components=comps, known_missing=known)
    miss = res.missing
    assert len(miss) == 3 and set(miss["side"]) == {"BBB"} and set(miss["reason"]) == {
        "no source"}
    idx = res.index.set_index(["side", "year"])
    assert idx.loc[("AAA", 2000), "weight_used"] == pytest.approx(0.9)
    assert idx.loc[("BBB", 2000), "weight_used"] == pytest.approx(0.6)
    # AAA 2000: (0.4·1/7 + 0.3·1 + 0.2·1/2) / 0.9
    assert idx.loc[("AAA", 2000), "index"] == pytest.approx((0.4 / 7 + 0.3 + 0.1) / 0.9)
    assert idx.loc[("BBB", 2001), "index"] == pytest.approx(15 / 84)  # unchanged without inv.
    complete = interdependence_index(data, components=comps, missing="complete")
    assert set(complete.index["side"]) == {"AAA"}
    with pytest.raises(InputError, match=r"3 missing input\(s\): BBB 2000 investment"):
        interdependence_index(data, components=comps, missing="refuse")
    gap = data[~((data.side == "AAA") & (data.year == 2001) & (data.component == "trade"))]
    listed = interdependence_index(gap, components=comps).missing
    assert ((listed.side == "AAA") & (listed.year == 2001) & (listed.component == "trade")).any()


def test_change_decomposition_is_exact() -> None:
    data = fixture({("AAA", "investment"): [0.5, np.nan, 0.1]})
    res = interdependence_index(data, components=["trade", "investment", "liberalisation"])
    for side in ("AAA", "BBB"):
        idx = res.index[res.index.side == side].set_index("year")["index"]
        ch = res.changes[res.changes.side == side].groupby("year")["contribution"].sum()
        for y in (2001, 2002):
            assert ch[y] == pytest.approx(idx[y] - idx[y - 1], abs=1e-12)
    # equal weight sums (BBB): contribution = w_c Δn_c / W
    c = res.changes.set_index(["side", "year", "component"])["contribution"]
    assert c[("BBB", 2001, "trade")] == pytest.approx(0.4 * (1 / 7) / 0.6)
    assert c[("BBB", 2001, "liberalisation")] == pytest.approx(0.2 * 0.25 / 0.6)
    tidy = res.to_frame()
    assert set(tidy["indicator"]) == {"interdep_index", "interdep_trade", "interdep_investment",
                                      "interdep_liberalisation"}
    assert (tidy.loc[tidy.country == "AAA", "partner"] == "BBB").all()


def test_constant_component_is_an_error() -> None:
    data = fixture({("AAA", "technology"): [0.3, 0.3, 0.3], ("BBB", "technology"):
                    [0.3, 0.3, 0.3]})
    with pytest.raises(InputError, match="technology: constant"):
        interdependence_index(data, components=["trade", "technology"])


# -- readers -----------------------------------------------------------------------------------
@pytest.mark.shared_data
def test_readers_on_the_real_files() -> None:
    from chainpower.data import china_us

    census = china_us.load_china_us_trade("census").set_index(["year", "exporter"])["value"]
    assert census[(2018, "USA")] == pytest.approx(120.3e9, rel=1e-3)
    assert census[(2018, "CHN")] == pytest.approx(538.5e9, rel=1e-3)
    wits = china_us.load_china_us_trade("wits")
    assert not ((wits.reporter == "USA") & (wits.exporter == "USA") & (wits.year < 2004)).any()
    com = china_us.load_china_us_trade("comtrade")
    assert com[(com.year == 2018) & (com.reporter == "CHN") & (com.exporter == "CHN")][
        "value"].iloc[0] == pytest.approx(479.3e9, rel=1e-3)
    fdi = china_us.load_us_fdi_position()
    assert not set(range(2018, 2023)) & set(fdi["year"]) and 2023 in set(fdi["year"])
    # high-tech HS6 tariffs reproduce the provider's derived day-weighted means (HS 84+85)
    hs = china_us.high_tech_tariffs("hs6").set_index(["imposer", "year"])["tariff"]
    ref = pd.read_csv(Path(china_us.data_path("macro", "tariffs",
                                              "waugh_simple_avg_annual_2018_2019.csv")))
    ref = ref[ref["lines"] == "hs84_85"]
    for d, y, v in zip(ref["direction"], ref["year"], ref["simple_avg_dayweighted"], strict=True):
        assert hs[(str(d)[:3], int(y))] == pytest.approx(float(v), abs=1e-3)
    bown = china_us.load_bown_tariffs().set_index(["year", "imposer", "target"])["tariff"]
    assert bown[(2019, "USA", "CHN")] == pytest.approx(16.405)
    naics = china_us.high_tech_tariffs("naics")
    assert sorted(naics["year"].unique()) == [2015, 2016, 2017, 2018, 2019]


@pytest.mark.shared_data
def test_china_us_index_lists_what_is_missing() -> None:
    from chainpower.trade.china_us_index import china_us_index

    res = china_us_index(range(2015, 2021), technology="naics", tariff_source="naics",
                         trade_source="census")
    m = res.missing
    usa_inv = m[(m.side == "USA") & (m.component == "investment")]
    assert sorted(usa_inv["year"]) == list(range(2015, 2021))
    chn_inv = m[(m.side == "CHN") & (m.component == "investment")]
    assert sorted(chn_inv["year"]) == [2018, 2019, 2020]  # the BEA position gap
    assert "2018–2022" in chn_inv["reason"].iloc[0]
    assert set(m[m.year == 2020]["component"]) >= {"trade", "liberalisation", "technology"}
    assert set(res.index["year"]) == set(range(2015, 2020))
    comp = res.components.set_index(["side", "year", "component"])["raw"]
    gdp_ratio = comp[("USA", 2018, "trade")]
    assert 0.02 < gdp_ratio < 0.04  # (120 + 538) bn / 20.5 tn


def test_reader_on_a_file_in_the_census_layout(tmp_path: Path) -> None:
    from chainpower.data.china_us import load_china_us_trade, load_us_fdi_position

    f = tmp_path / "census.csv"
    f.write_text("year,us_exports_to_chn_musd,us_imports_from_chn_musd,balance_musd\n"
                 "2001,19182.3,102278.4,-83096.1\n2002,22127.7,125192.6,-103064.9\n")
    df = load_china_us_trade("census", path=f)
    assert len(df) == 4 and df["value"].sum() == pytest.approx((19182.3 + 102278.4 + 22127.7
                                                               + 125192.6) * 1e6)
    bad = tmp_path / "bad.csv"
    bad.write_text("year,exports\n2001,1\n")
    with pytest.raises(LayoutError, match="missing column"):
        load_china_us_trade("census", path=bad)
    fdi = tmp_path / "fdi.csv"
    fdi.write_text("year,us_di_position_in_china_bn_usd\n2000,11.14\n2001,n/a\n")
    with pytest.raises(InputError, match="non-numeric"):
        load_us_fdi_position(fdi)
    with pytest.raises(InputError, match="unknown trade source"):
        load_china_us_trade("imf")  # type: ignore[arg-type]
