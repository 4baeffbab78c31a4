"""The truncated BACI top-flows series 2002–2024: de-duplication rule, truncation, persistence."""

from __future__ import annotations

import pandas as pd
import pytest

from chainpower.trade.flows import TradeFlows
from chainpower.trade.screens import screen_dependencies

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def top() -> pd.DataFrame:
    from chainpower.data.trade_files import read_baci_topflows

    return read_baci_topflows()


def test_gallium_germanium_hafnium_rows_counted_once(shared_data, top) -> None:
    raw = pd.read_parquet(
        shared_data
        / "trade"
        / "baci_critical_materials_cma"
        / "baci_topflows_2002_2024_critical32.parquet"
    )
    ga = raw[(raw["material"] == "gallium") & (raw["year"] == 2020)]
    mine = top[(top["product"] == "811292") & (top["year"] == 2020)]
    assert len(mine) == len(ga) == 453
    assert mine["value"].sum() == ga["value_usd"].sum()  # not three times
    assert top.attrs["truncated"] and sorted(top["year"].unique())[:1] == [2002]


def test_truncation_biases_concentration_up(shared_data, top) -> None:
    from chainpower.trade.flows import load_flows

    full = load_flows(
        shared_data
        / "trade"
        / "baci_critical_materials_cma"
        / "baci_hs17_2022_2024_critical31_fixture.parquet",
        format="baci_extract",
    )
    t = screen_dependencies(TradeFlows.from_frame(top), "EU27", years=[2024]).cells.set_index(
        "product"
    )
    f = screen_dependencies(full, "EU27", years=[2024]).cells.set_index("product")
    # top-6 suppliers only: China's magnet share 90.3 % against 88.6 % on all pairs
    assert t.loc["850511", "top_share"] == pytest.approx(0.903, abs=5e-4)
    assert t.loc["850511", "top_share"] > f.loc["850511", "top_share"]
    assert t.loc["850511", "import_hhi"] >= f.loc["850511", "import_hhi"]


def test_geodep_persistence_on_the_series(top) -> None:
    res = screen_dependencies(
        TradeFlows.from_frame(top), "EU27", rules="geodep", years=[2019, 2020, 2021]
    )
    v = res.verdicts.set_index("product")
    assert v.loc["810411", "dependent"] and v.loc["810411", "top_supplier"] == "CHN"  # magnesium
    assert (
        v.loc["283691", "n_years_held"] == 2 and v.loc["283691", "dependent"]
    )  # lithium carbonate
    assert not v.loc["850511", "dependent"]
    assert set(v.loc[v["dependent"]].index) == {"720293", "810411", "283691", "252800", "811212"}
