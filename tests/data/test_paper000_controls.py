"""Paper 000's controls: definitions, the own extensions (hand-worked and against the files
built outside the project), the missing-year policies and their report, and bad input."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.countries import PAPER000_ECONOMIES
from chainpower.data.macro import ControlsResult, load_wdi, paper000_controls
from chainpower.data.macro import controls as controls_mod
from chainpower.data.macro.capital import chained_gdp, extend_capital, wdi_employment
from chainpower.data.macro.controls import CONTROLS, IncompleteControlsWarning
from chainpower.data.store import TIDY_COLUMNS, validate_tidy
from chainpower.errors import InputError

YEARS = range(2018, 2023)


# ----------------------------------------------------------------------------- hand-worked
def _fixture(*, ftot_2021: float | None = 180.0) -> dict[str, pd.DataFrame]:
    """Country AAA: PWT to 2019, WDI to 2021; the PIM numbers below are worked by hand."""
    w = [
        ("NY.GDP.MKTP.CD", 2015, 1000.0),
        *[
            ("NY.GDP.MKTP.KD.ZG", y, g)
            for y, g in [
                (2016, 10.0),
                (2017, -10.0),
                (2018, 0.0),
                (2019, 5.0),
                (2020, 0.0),
                (2021, 2.0),
            ]
        ],
        *[("NE.CON.GOVT.ZS", y, 20.0) for y in range(2018, 2022)],
        *[("SP.POP.1564.TO.ZS", y, 65.0) for y in range(2018, 2022)],
        *[("NY.GDP.TOTL.RT.ZS", y, r) for y, r in [(2018, 3.0), (2019, 4.0), (2020, 5.0)]],
        ("NE.GDI.FTOT.KD", 2019, 200.0),
        ("NE.GDI.FTOT.KD", 2020, 220.0),
        *([("NE.GDI.FTOT.KD", 2021, ftot_2021)] if ftot_2021 is not None else []),
        *[("NE.GDI.TOTL.ZS", y, 25.0) for y in range(2018, 2022)],
        *[("SL.TLF.TOTL.IN", y, 1000.0) for y in range(2018, 2022)],
        ("SL.UEM.TOTL.ZS", 2018, 5.0),
        ("SL.UEM.TOTL.ZS", 2019, 5.0),
        ("SL.UEM.TOTL.ZS", 2020, 10.0),
        ("SL.UEM.TOTL.ZS", 2021, 5.0),
    ]
    wdi = pd.DataFrame(w, columns=["indicator", "year", "value"]).assign(country="AAA")
    p = [
        ("rnna", 2018, 100.0),
        ("rnna", 2019, 110.0),
        ("emp", 2018, 9.0),
        ("emp", 2019, 10.0),
        ("delta", 2018, 0.05),
        ("delta", 2019, 0.05),
    ]
    pwt = pd.DataFrame(p, columns=["variable", "year", "value"]).assign(country="AAA")
    return {"wdi": wdi, "pwt": pwt}


def test_pim_extension_hand_worked() -> None:
    data = _fixture()
    # I_2019 = 110 − 0.95·100 = 15; I_t = 15·X_t/200 → 16.5 (2020), 13.5 (2021)
    # K_2020 = 0.95·110 + 16.5 = 121.0; K_2021 = 0.95·121 + 13.5 = 128.45
    # emp_t = 10·E_t/E_2019 with E = 1000·(1 − u): 950, 900, 950 → 9.4737…, 10
    ext = extend_capital(data["pwt"], data["wdi"], "AAA", 2021)
    assert ext is not None and ext.last_pwt_year == 2019 and ext.index_code == "NE.GDI.FTOT.KD"
    assert ext.capital[2020] == pytest.approx(121.0, rel=1e-15)
    assert ext.capital[2021] == pytest.approx(128.45, rel=1e-15)
    assert ext.employment[2020] == pytest.approx(10 * 900 / 950, rel=1e-15)
    res = paper000_controls(["AAA"], [2019, 2020, 2021], data=data)
    f = res.frame.set_index("year")
    assert f.loc[2020, "ln_capital_per_worker"] == pytest.approx(math.log(121.0 / (9000 / 950)))
    assert f.loc[2021, "ln_capital_per_worker"] == pytest.approx(math.log(128.45 / 10.0))
    assert f.loc[2019, "ln_capital_per_worker"] == pytest.approx(math.log(11.0))
    # GDP chained from 2015: 1000·1.1·0.9·1.0·1.05 = 1039.5 (2019); ·1.0·1.02 (2021)
    assert f.loc[2019, "ln_gdp"] == pytest.approx(math.log(1039.5), rel=1e-14)
    assert f.loc[2021, "ln_gdp"] == pytest.approx(math.log(1039.5 * 1.02), rel=1e-14)
    assert f.loc[2020, "ln_working_age"] == pytest.approx(math.log(66.0))  # ln(1 + 65)
    assert f.loc[2020, "ln_working_age_plain"] == pytest.approx(math.log(65.0))
    assert f.loc[2020, "ln_gov_share"] == pytest.approx(math.log(20.0))
    assert f.loc[2021, "resource_rents"] == 5.0  # carried from 2020
    rep = res.report.set_index(["year", "control"])
    assert rep.loc[(2021, "resource_rents"), "status"] == "carried_forward"
    assert "2020" in str(rep.loc[(2021, "resource_rents"), "reason"])
    assert rep.loc[(2020, "ln_capital_per_worker"), "status"] == "extended"
    assert len(res.report) == 3


def test_pim_spliced_and_fallback_index_and_gdp_chain() -> None:
    # NE.GDI.FTOT.KD stops in 2020: spliced with F = 0.25·GDP, whose 2021 growth is 2 %:
    # X_2021 = 220·1.02 = 224.4 → I_2021 = 15·224.4/200 = 16.83; K_2021 = 0.95·121 + 16.83
    data = _fixture(ftot_2021=None)
    ext = extend_capital(data["pwt"], data["wdi"], "AAA", 2021)
    assert ext is not None and ext.index_code.startswith("NE.GDI.FTOT.KD to 2020, then spliced")
    assert ext.capital[2020] == pytest.approx(121.0, rel=1e-15)
    assert ext.capital[2021] == pytest.approx(0.95 * 121.0 + 16.83, rel=1e-14)
    # no NE.GDI.FTOT.KD at all (China): X = F throughout; F_2020/F_2019 = 1 (no growth)
    wdi = data["wdi"][data["wdi"]["indicator"] != "NE.GDI.FTOT.KD"]
    ext = extend_capital(data["pwt"], wdi, "AAA", 2021)
    assert ext is not None and ext.index_code == "NE.GDI.TOTL.ZS × real GDP"
    assert ext.capital[2020] == pytest.approx(0.95 * 110 + 15.0)
    assert ext.capital[2021] == pytest.approx(0.95 * (0.95 * 110 + 15.0) + 15.0 * 1.02)
    gdp = chained_gdp(data["wdi"]).xs("AAA", level=0)
    assert gdp[2015] == 1000.0 and gdp[2016] == pytest.approx(1100.0)
    assert gdp[2017] == pytest.approx(990.0)
    assert wdi_employment(data["wdi"])[("AAA", 2020)] == pytest.approx(900.0)


def test_pim_stops_then_last_extended_value_is_carried() -> None:
    data = _fixture()
    data["wdi"] = pd.concat(
        [
            data["wdi"],
            pd.DataFrame(
                [("SP.POP.1564.TO.ZS", 2022, 65.0, "AAA")],
                columns=["indicator", "year", "value", "country"],
            ),
        ]
    )
    res = paper000_controls(["AAA"], [2020, 2021, 2022], data=data)
    k = res.frame.set_index("year")["ln_capital_per_worker"]
    assert k[2022] == k[2021] == pytest.approx(math.log(128.45 / 10.0))
    rep = res.report.set_index(["year", "control"])
    assert rep.loc[(2022, "ln_capital_per_worker"), "status"] == "carried_forward"
    assert "PIM not possible" in str(rep.loc[(2022, "ln_capital_per_worker"), "reason"])
    # rents: the origin of a value carried twice is still the last observation (2020)
    assert "value of 2020" in str(rep.loc[(2022, "resource_rents"), "reason"])


def test_policies_carry_forward_and_drop() -> None:
    data = _fixture()
    cf = paper000_controls(["AAA"], [2019, 2020, 2021], missing="carry_forward", data=data)
    k = cf.frame.set_index("year")["ln_capital_per_worker"]
    assert k[2020] == k[2021] == k[2019] == pytest.approx(math.log(11.0))
    assert set(cf.report["status"]) == {"carried_forward"} and len(cf.report) == 3
    with pytest.warns(IncompleteControlsWarning, match="AAA 2020"):
        dr = paper000_controls(["AAA"], [2019, 2020, 2021], missing="drop", data=data)
    assert dr.frame["year"].tolist() == [2019]
    assert set(dr.report["status"]) == {"dropped"}
    assert sorted(dr.report["control"].unique()) == ["ln_capital_per_worker", "resource_rents"]
    # a year before any observation cannot be carried: the row is left out and reported
    with pytest.warns(IncompleteControlsWarning, match="AAA 2017"):
        early = paper000_controls(["AAA"], [2017, 2018], data=data)
    assert early.frame["year"].tolist() == [2018]
    assert (early.report.query("year == 2017")["status"] == "dropped").all()


def test_errors_before_any_computation(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: object, **k: object) -> None:
        raise AssertionError("computed before validating")

    monkeypatch.setattr(controls_mod, "extend_capital", boom)
    monkeypatch.setattr(controls_mod, "_observed", boom)
    data = _fixture()
    with pytest.raises(InputError, match="unknown economy 'ZZZ'"):
        paper000_controls(["AAA", "ZZZ"], [2019], data=data)
    with pytest.raises(InputError, match=r"2030.*outside"):
        paper000_controls(["AAA"], [2019, 2030], data=data)
    with pytest.raises(InputError, match="interpolate"):
        paper000_controls(["AAA"], [2019], missing="interpolate", data=data)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="twice"):
        paper000_controls(["AAA", "AAA"], [2019], data=data)
    with pytest.raises(InputError, match="no years"):
        paper000_controls(["AAA"], [], data=data)
    no_pwt = {**data, "pwt": data["pwt"].assign(country="BBB")}
    with pytest.raises(InputError, match="not in PWT"):
        paper000_controls(["AAA"], [2019], data=no_pwt)


def test_result_contract(tmp_path: Path) -> None:
    res = paper000_controls(["AAA"], [2019, 2020, 2021], data=_fixture())
    assert isinstance(res, ControlsResult)
    assert "\n" not in repr(res) and repr(res).startswith("ControlsResult(economies=1")
    assert isinstance(res.summary, pd.DataFrame) and list(res.summary["control"]) == list(CONTROLS)
    tidy = res.to_frame()
    assert list(tidy.columns) == list(TIDY_COLUMNS) and len(tidy) == 3 * len(CONTROLS)
    validate_tidy(tidy)
    assert sorted(tidy["indicator"].unique()) == sorted(f"macro_{c}" for c in CONTROLS)
    ln_gdp = tidy.query("indicator == 'macro_ln_gdp'")["value"].to_numpy()
    np.testing.assert_array_equal(ln_gdp, res.frame["ln_gdp"].to_numpy())
    out = res.write(tmp_path / "controls.parquet")
    back = pd.read_parquet(out)
    np.testing.assert_array_equal(back["value"].to_numpy(), tidy["value"].to_numpy())
    with pytest.raises(AttributeError):
        res.missing = "drop"  # type: ignore[misc]


# ----------------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def real15(shared_data: Path) -> ControlsResult:
    return paper000_controls(PAPER000_ECONOMIES, YEARS)


def test_real_15_economies_complete_under_extend(real15: ControlsResult) -> None:
    f = real15.frame
    assert len(f) == 75 and not f.isna().any().any()
    assert sorted(f["country"].unique()) == sorted(PAPER000_ECONOMIES)
    rep = real15.report
    ext = rep[rep["status"] == "extended"]
    assert set(ext["control"]) == {"ln_capital_per_worker"}
    assert sorted(ext["year"].unique()) == [2020, 2021, 2022] and len(ext) == 45
    car = rep[rep["status"] == "carried_forward"]
    assert set(car["control"]) == {"resource_rents"} and set(car["year"]) == {2022}
    assert len(car) == 15 and len(rep) == 60
    # the index used is named: China has no NE.GDI.FTOT.KD, the USA lacks its 2022 value
    assert real15.methods["CHN"].endswith("investment index NE.GDI.TOTL.ZS × real GDP")
    assert "spliced with NE.GDI.TOTL.ZS" in real15.methods["USA"]
    assert "NE.GDI.FTOT.KD" in real15.methods["DEU"]
    # definitions on published values (PROVENANCE §5): USA gov. consumption 2019 = 13.98 %
    v = f.set_index(["country", "year"])
    assert round(math.exp(float(v.loc[("USA", 2019), "ln_gov_share"])), 2) == 13.98
    assert round(math.exp(float(v.loc[("JPN", 2020), "ln_working_age_plain"])), 1) == 58.9
    assert float(v.loc[("RUS", 2022), "resource_rents"]) == float(
        v.loc[("RUS", 2021), "resource_rents"]
    )


def test_real_extension_cross_checks_files_built_outside(
    real15: ControlsResult, shared_data: Path
) -> None:
    """macro/derived/ was built outside the project: ours must agree (|Δ ln k| < 1e-12)."""
    d = pd.read_parquet(shared_data / "macro/derived/capital_employment_1995_2022.parquet")
    d = d.rename(columns={"iso3": "country"}).astype({"year": np.int64})
    m = real15.frame.merge(d, on=["country", "year"], validate="one_to_one")
    assert len(m) == 75
    diff = np.abs(m["ln_capital_per_worker"] - np.log(m["k_per_worker"]))
    usa = (m["country"] == "USA").to_numpy()
    assert diff[~usa].max() < 1e-12  # 14 economies: the same method, built from the raw series
    # USA: NE.GDI.FTOT.KD covers 2019–2021; we use it there and splice the GCF-share index on
    # for 2022, the outside file used the GCF-share index throughout: 0.11–0.30 % apart
    assert 1e-3 < diff[usa & (m["year"] == 2020).to_numpy()].max() < 2e-3
    assert diff[usa].max() < 3.5e-3
    assert "NE.GDI.FTOT.KD to 2021, then spliced" in real15.methods["USA"]
    # own chained GDP and own employment equal the stored derived WDI rows
    w = load_wdi(
        [
            "NY.GDP.MKTP.CD",
            "NY.GDP.MKTP.KD.ZG",
            "NY.GDP.MKTP.KD~chained",
            "SL.TLF.TOTL.IN",
            "SL.UEM.TOTL.ZS",
            "SL.EMP.TOTL~derived",
        ],
        countries=list(PAPER000_ECONOMIES),
    )
    ref = w[w["indicator"] == "NY.GDP.MKTP.KD~chained"].set_index(["country", "year"])["value"]
    own = chained_gdp(w)
    both = own.index.intersection(ref.index)
    assert len(both) > 800
    np.testing.assert_allclose(own[both], ref[both], rtol=1e-13)
    emp = w[w["indicator"] == "SL.EMP.TOTL~derived"].set_index(["country", "year"])["value"]
    own_e = wdi_employment(w)
    np.testing.assert_allclose(own_e[emp.index], emp, rtol=1e-13)


def test_real_extension_does_not_depend_on_last_year(real15: ControlsResult) -> None:
    longer = paper000_controls(["DEU", "USA", "CHN"], range(2018, 2025))
    a = longer.frame[longer.frame["year"] <= 2022].set_index(["country", "year"])
    b = real15.frame.set_index(["country", "year"]).loc[a.index]
    np.testing.assert_array_equal(a["ln_capital_per_worker"], b["ln_capital_per_worker"])
    assert "FTOT.KD to 2022, then spliced" in longer.methods["DEU"]


def test_real_policies_differ_as_stated(real15: ControlsResult) -> None:
    cf = paper000_controls(PAPER000_ECONOMIES, YEARS, missing="carry_forward")
    k = cf.frame.set_index(["country", "year"])["ln_capital_per_worker"]
    assert (k.xs(2022, level=1) == k.xs(2019, level=1)).all()
    assert (cf.report["status"] == "carried_forward").sum() == 60
    ke = real15.frame.set_index(["country", "year"])["ln_capital_per_worker"]
    assert (ke.xs(2022, level=1) != k.xs(2022, level=1)).all()
    with pytest.warns(IncompleteControlsWarning):
        dr = paper000_controls(PAPER000_ECONOMIES, YEARS, missing="drop")
    assert sorted(dr.frame["year"].unique()) == [2018, 2019]
    assert (dr.report["status"] == "dropped").sum() == 60


def test_real_government_expense_variant(shared_data: Path) -> None:
    """``government="expense"`` (GC.XPN.TOTL.GD.ZS): no data for CHN and VNM → left out."""
    with pytest.warns(IncompleteControlsWarning, match="CHN 2018"):
        res = paper000_controls(PAPER000_ECONOMIES, YEARS, government="expense")
    assert not {"CHN", "VNM"} & set(res.frame["country"])
    assert res.methods["ln_gov_share"] == "GC.XPN.TOTL.GD.ZS"
    w = load_wdi(["GC.XPN.TOTL.GD.ZS"], countries=["FRA"], years=[2019])
    fra = res.frame.query("country == 'FRA' and year == 2019")["ln_gov_share"].item()
    assert fra == pytest.approx(math.log(w["value"].item()), rel=1e-15)
    # India has two observations in 2018–2022: the later years are carried, and reported so
    ind = res.report.query("country == 'IND' and control == 'ln_gov_share'")
    assert set(ind["status"]) <= {"carried_forward", "dropped"} and len(ind) == 3
    with pytest.raises(InputError, match="government"):
        paper000_controls(["USA"], [2019], government="total")  # type: ignore[arg-type]
