"""Every screen rule on hand-built fixtures whose answers are worked out by hand.

Importer group G = {AAA, BBB}. Values are chosen so that every share and HHI is exact.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.errors import InputError, SpecError
from chainpower.trade.flows import TradeFlows
from chainpower.trade.screen_rules import load_rules
from chainpower.trade.screens import screen_dependencies

G = ["AAA", "BBB"]


def _flows(rows: list[tuple[int, str, str, str, float]]) -> TradeFlows:
    df = pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"])
    return TradeFlows.from_frame(df, source="fixture")


# product P1: CHN 80 + USA 20 into G; G exports 50            → HHI .68, share 1, ratio 2: dependent
# product P2: CHN 50 + JPN 50 (a tie); G exports nothing      → HHI .5, ratio inf: dependent
# product P3: CHN 30 extra + AAA→BBB 70 intra   → extra share .3, ratio 30/70: not dependent
# product P5: CHN 60 + USA 40; G exports 100    → ratio exactly 1 (not > 1): not dependent
ROWS_2020 = [
    (2020, "CHN", "AAA", "P1", 80.0),
    (2020, "USA", "BBB", "P1", 20.0),
    (2020, "AAA", "USA", "P1", 50.0),
    (2020, "CHN", "AAA", "P2", 50.0),
    (2020, "JPN", "BBB", "P2", 50.0),
    (2020, "CHN", "BBB", "P3", 30.0),
    (2020, "AAA", "BBB", "P3", 70.0),
    (2020, "CHN", "AAA", "P5", 60.0),
    (2020, "USA", "AAA", "P5", 40.0),
    (2020, "BBB", "JPN", "P5", 100.0),
]


@pytest.fixture()
def eu_screen():
    return screen_dependencies(_flows(ROWS_2020), G, rules="eu2021", years=[2020])


def test_eu2021_metrics_by_hand(eu_screen) -> None:
    c = eu_screen.cells.set_index("product")
    assert c.loc["P1", "import_hhi"] == pytest.approx(0.8**2 + 0.2**2)
    assert c.loc["P1", "extra_share"] == 1.0
    assert c.loc["P1", "import_export_ratio"] == pytest.approx(2.0)
    assert c.loc["P3", "extra_share"] == pytest.approx(0.3)
    assert c.loc["P3", "import_hhi"] == 1.0  # only CHN outside the group
    assert c.loc["P3", "imports_all"] == 100.0
    assert c.loc["P5", "import_export_ratio"] == 1.0
    v = eu_screen.verdicts.set_index("product")
    assert v["dependent"].to_dict() == {"P1": True, "P2": True, "P3": False, "P5": False}
    # P3's group exports count AAA→BBB (70, "total" exports include intra-group sales): 30/70 < 1
    assert v.loc["P3", "criteria_met"] == "concentration"
    assert c.loc["P3", "group_exports"] == 70.0
    assert v.loc["P5", "criteria_met"] == "concentration,importance"


def test_zero_exports_make_the_ratio_infinite_and_the_rule_fire(eu_screen) -> None:
    c = eu_screen.cells.set_index("product")
    assert c.loc["P2", "group_exports"] == 0.0
    assert np.isinf(c.loc["P2", "import_export_ratio"])
    assert bool(c.loc["P2", "c_substitutability"])


def test_ties_main_supplier_and_supplier_statistic(eu_screen) -> None:
    c = eu_screen.cells.set_index("product")
    assert c.loc["P2", "top_supplier"] == "CHN"  # alphabetical among the tied
    assert bool(c.loc["P2", "top_tied"]) and c.loc["P2", "top_suppliers"] == "CHN,JPN"
    assert c.loc["P2", "import_hhi"] == 0.5
    shares = eu_screen.supplier_shares().set_index("supplier")
    # P1 → CHN (1), P2 → CHN ½ + JPN ½; two dependent products
    assert shares.loc["CHN", "share_products"] == pytest.approx(0.75)
    assert shares.loc["JPN", "share_products"] == pytest.approx(0.25)
    # value weights: CHN 80 (P1) + 25 (half of P2's tied 50) of 200 dependent imports
    assert shares.loc["CHN", "share_value"] == pytest.approx(105 / 200)


def test_threshold_ties_follow_the_operator() -> None:
    flows = _flows(ROWS_2020)
    spec = {
        "name": "at_half",
        "criteria": [{"name": "hhi", "metric": "import_hhi", "op": ">", "value": 0.5}],
    }
    strict = screen_dependencies(flows, G, rules=spec, years=[2020]).verdicts.set_index("product")
    spec["criteria"][0]["op"] = ">="
    loose = screen_dependencies(flows, G, rules=spec, years=[2020]).verdicts.set_index("product")
    assert not strict.loc["P2", "dependent"] and loose.loc["P2", "dependent"]  # HHI exactly .5
    assert strict.loc["P1", "dependent"] and loose.loc["P1", "dependent"]


def test_combine_any_and_at_least() -> None:
    flows = _flows(ROWS_2020)
    crit = [
        {"name": "hhi", "metric": "import_hhi", "op": ">", "value": 0.9},
        {"name": "share", "metric": "extra_share", "op": ">", "value": 0.9},
        {"name": "top", "metric": "top_share", "op": ">=", "value": 0.8},
    ]
    anyr = screen_dependencies(flows, G, rules={"criteria": crit, "combine": "any"}, years=[2020])
    two = screen_dependencies(
        flows, G, rules={"criteria": crit, "combine": {"at_least": 2}}, years=[2020]
    )
    # P3: hhi 1 (yes), share .3 (no), top 1 (yes); P1: .68 no, 1 yes, .8 yes; P5: no, yes, no
    assert anyr.verdicts.set_index("product")["dependent"].to_dict() == {
        "P1": True,
        "P2": True,
        "P3": True,
        "P5": True,
    }
    assert two.verdicts.set_index("product")["dependent"].to_dict() == {
        "P1": True,
        "P2": False,
        "P3": True,
        "P5": False,
    }


def _geodep_rows() -> list[tuple[int, str, str, str, float]]:
    """Q held 2019 and 2020, not imported in 2021 (a missing year); R holds only in 2021."""
    rows = []
    for y in (2019, 2020):
        rows += [
            (y, "CHN", "AAA", "Q", 90.0),
            (y, "USA", "AAA", "Q", 10.0),
            (y, "CHN", "JPN", "Q", 300.0),
        ]
        # R: HHI .4² + .3² + .3² = .34, below the cut-off
        rows += [
            (y, "CHN", "AAA", "R", 40.0),
            (y, "USA", "AAA", "R", 30.0),
            (y, "JPN", "BBB", "R", 30.0),
        ]
    rows += [(2021, "CHN", "JPN", "Q", 100.0)]
    rows += [
        (2021, "CHN", "AAA", "R", 90.0),
        (2021, "USA", "BBB", "R", 10.0),
        (2021, "CHN", "JPN", "R", 400.0),
    ]
    return rows


def test_geodep_two_of_three_years_with_a_missing_year() -> None:
    res = screen_dependencies(_flows(_geodep_rows()), G, rules="geodep", years=[2019, 2020, 2021])
    c = res.cells.set_index(["year", "product"])
    # world HHI of Q in 2019: CHN 390, USA 10 of 400
    assert c.loc[(2019, "Q"), "world_export_hhi"] == pytest.approx(
        (390 / 400) ** 2 + (10 / 400) ** 2
    )
    assert (2021, "Q") not in c.index  # not imported by G in 2021: not a cell, counts as not held
    v = res.verdicts.set_index("product")
    assert v.loc["Q", "n_years_held"] == 2 and v.loc["Q", "dependent"]
    assert v.loc["Q", "last_year_held"] == 2020
    assert v.loc["R", "n_years_held"] == 1 and not v.loc["R", "dependent"]


def test_a_requested_year_absent_from_the_data_is_an_error() -> None:
    with pytest.raises(InputError, match=r"2022.*absent"):
        screen_dependencies(_flows(ROWS_2020), G, rules="eu2021", years=[2020, 2022])
    with pytest.raises(InputError, match="needs 3 years"):
        screen_dependencies(_flows(_geodep_rows()), G, rules="geodep", years=[2020, 2021])


def test_dated_group_changes_membership(tmp_path: Path) -> None:
    # GBR is in the EU in 2019 and out in 2020: its sales to DEU are intra in 2019, extra in 2020
    rows = []
    for y in (2019, 2020):
        rows += [(y, "GBR", "DEU", "X", 60.0), (y, "CHN", "DEU", "X", 40.0)]
    res = screen_dependencies(_flows(rows), "EU", rules="eu2021", years=[2019, 2020])
    c = res.cells.set_index("year")
    assert c.loc[2019, "extra_share"] == pytest.approx(0.4)
    assert c.loc[2020, "extra_share"] == 1.0
    assert c.loc[2020, "top_supplier"] == "GBR"
    assert "GBR" in res.members[2019] and "GBR" not in res.members[2020]


def test_unknown_operator_names_file_and_rule(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text(
        "name: mine\ncriteria:\n  - {name: conc, metric: import_hhi, op: '>', value: 0.4}\n"
        "  - {name: big, metric: imports, op: '=>', value: 10}\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as err:
        load_rules(f)
    msg = str(err.value)
    assert "mine.yaml" in msg and "criteria[1].op" in msg and "'big'" in msg and "'=>'" in msg


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("criteria:\n  - {name: a, metric: hhi_typo, op: '>', value: 1}\n", "criteria[0].metric"),
        ("criteria:\n  - {name: a, metric: imports, op: '>', value: x}\n", "criteria[0].value"),
        ("criteria: []\n", "criteria"),
        ("criteria:\n  - {name: a, metric: imports, op: '>', value: 1}\nscope: world\n", "scope"),
        ("criteria:\n  - {name: a, metric: imports, op: '>', value: 1}\ncombne: all\n", "combne"),
        (
            "criteria:\n  - {name: a, metric: imports, op: '>', value: 1}\n"
            "persistence: {min_years: 3, of_years: 2}\n",
            "persistence.min_years",
        ),
    ],
)
def test_bad_rule_files(tmp_path: Path, text: str, key: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError, match=key.replace("[", r"\[").replace("]", r"\]")):
        load_rules(f)


def test_toml_rule_file_gives_the_same_answer(tmp_path: Path) -> None:
    f = tmp_path / "eu.toml"
    f.write_text(
        'name = "eu_toml"\n'
        "[[criteria]]\nname = 'concentration'\nmetric = 'import_hhi'\nop = '>'\nvalue = 0.4\n"
        "[[criteria]]\nname = 'importance'\nmetric = 'extra_share'\nop = '>'\nvalue = 0.5\n"
        "[[criteria]]\nname = 'substitutability'\nmetric = 'import_export_ratio'\n"
        "op = '>'\nvalue = 1.0\n",
        encoding="utf-8",
    )
    a = screen_dependencies(_flows(ROWS_2020), G, rules=f, years=[2020]).verdicts
    b = screen_dependencies(_flows(ROWS_2020), G, rules="eu2021", years=[2020]).verdicts
    assert a["dependent"].tolist() == b["dependent"].tolist()


def test_result_contract(eu_screen, tmp_path: Path) -> None:
    import matplotlib

    assert "\n" not in repr(eu_screen) and "dependent=2" in repr(eu_screen)
    assert isinstance(eu_screen.summary, pd.DataFrame)
    long = eu_screen.to_frame()
    assert list(long.columns) == [
        "source",
        "year",
        "country",
        "product",
        "partner",
        "indicator",
        "value",
    ]
    dep = long[long["indicator"] == "screen_eu2021_dependent"].set_index("product")["value"]
    assert dep.to_dict() == {"P1": 1.0, "P2": 1.0, "P3": 0.0, "P5": 0.0}
    backend = matplotlib.get_backend()
    for kind in ("suppliers", "hhi", "ranked"):
        fig = eu_screen.plot(kind)
        assert fig.axes
    assert matplotlib.get_backend() == backend
    out = eu_screen.write(tmp_path / "s.parquet")
    assert len(pd.read_parquet(out)) == len(long)


@pytest.mark.shared_data
def test_a_product_that_changes_code_between_vintages() -> None:
    """HS17 811292 is split in HS22 (811231 hafnium, 811241 rhenium …). Flows of 2021 (HS17) and
    2022 (HS22) only persist as one product once 2022 is converted back to HS17."""
    rule = {
        "name": "two_years",
        "criteria": [{"name": "hhi", "metric": "import_hhi", "op": ">", "value": 0.4}],
        "persistence": {"min_years": 2, "of_years": 2},
    }
    y2021 = _flows([(2021, "CHN", "AAA", "811292", 90.0), (2021, "USA", "AAA", "811292", 10.0)])
    y2022 = _flows([(2022, "CHN", "AAA", "811231", 60.0), (2022, "CHN", "BBB", "811241", 20.0),
                    (2022, "USA", "AAA", "811241", 20.0)])  # fmt: skip
    raw = TradeFlows.from_frame(pd.concat([y2021.frame, y2022.frame]).astype({"product": str}))
    as_is = screen_dependencies(raw, G, rules=rule, years=[2021, 2022]).verdicts
    assert not as_is["dependent"].any()  # three products, each seen in one year only
    y22 = TradeFlows(y2022.frame, "fixture", "USD", "HS22").convert_hs("HS17")
    assert y22.frame["product"].astype(str).unique().tolist() == ["811292"]
    both = TradeFlows.from_frame(pd.concat([y2021.frame, y22.frame]).astype({"product": str}))
    res = screen_dependencies(both, G, rules=rule, years=[2021, 2022])
    v = res.verdicts.set_index("product")
    assert v.loc["811292", "n_years_held"] == 2 and v.loc["811292", "dependent"]
    # 2022 after conversion: CHN 80, USA 20 → HHI .68
    c = res.cells.set_index(["year", "product"])
    assert c.loc[(2022, "811292"), "import_hhi"] == pytest.approx(0.68)
