"""Friend-shoring shares with friends as a set per year, a dated mapping and a fixed set."""

from __future__ import annotations

import pandas as pd
import pytest

from chainpower.errors import InputError
from chainpower.trade.flows import TradeFlows
from chainpower.trade.friendshoring import (
    compute_friendshoring,
    friends_by_year,
    friendshoring_shares,
)

ROWS = [
    (2021, "CHN", "USA", "850511", 80.0),
    (2021, "JPN", "USA", "850511", 20.0),
    (2022, "CHN", "USA", "850511", 60.0),
    (2022, "JPN", "USA", "850511", 30.0),
    (2022, "VNM", "USA", "850511", 10.0),
    (2022, "CHN", "USA", "811292", 50.0),
    (2022, "KOR", "USA", "811292", 50.0),
    (2021, "CHN", "USA", "811292", 100.0),
]


def _flows() -> TradeFlows:
    df = pd.DataFrame(ROWS, columns=["year", "exporter", "importer", "product", "value"])
    return TradeFlows.from_frame(df)


def test_dated_membership_by_hand() -> None:
    friends = {
        "JPN": ("2000-01-01", None),
        "VNM": ("2022-09-01", None),
        "KOR": ("2023-01-01", None),
    }
    assert friends_by_year(friends, [2021, 2022]) == {2021: {"JPN"}, 2022: {"JPN", "VNM"}}
    assert friends_by_year(friends, [2022], as_of="mid") == {2022: {"JPN"}}
    s = friendshoring_shares(
        _flows(), "USA", friends, product_groups={"8505": "magnets", "8112": "ga_ge"}
    )
    s = s.set_index(["product_group", "year"])
    assert s.loc[("magnets", 2021), "friend_share"] == pytest.approx(0.2)
    assert s.loc[("magnets", 2022), "friend_share"] == pytest.approx(0.4)
    assert s.loc[("magnets", 2022), "change"] == pytest.approx(0.2)
    assert s.loc[("ga_ge", 2022), "friend_share"] == 0.0  # KOR joins only in 2023


def test_set_per_year_and_fixed_set() -> None:
    per_year = {2021: {"KOR"}, 2022: {"KOR", "JPN"}}
    s = friendshoring_shares(_flows(), "USA", per_year).set_index("year")["friend_share"]
    assert s.to_dict() == pytest.approx({2021: 0.0, 2022: 80 / 200})
    fixed = compute_friendshoring(_flows(), "USA", ["JPN", "KOR"])
    assert fixed.shares.set_index("year")["friend_share"].to_dict() == pytest.approx(
        {2021: 0.1, 2022: 0.4}
    )
    assert "\n" not in repr(fixed) and set(fixed.to_frame()["indicator"]) == {
        "friend_supply_share",
        "friend_supply_share_change",
    }
    with pytest.raises(InputError, match="2021"):
        friendshoring_shares(_flows(), "USA", {2022: {"JPN"}})


def test_group_importer_leaves_intra_group_flows_out() -> None:
    df = pd.DataFrame(
        [
            (2022, "FRA", "DEU", "X", 50.0),
            (2022, "USA", "DEU", "X", 25.0),
            (2022, "CHN", "DEU", "X", 25.0),
        ],
        columns=["year", "exporter", "importer", "product", "value"],
    )
    s = friendshoring_shares(TradeFlows.from_frame(df), "EU27", ["USA"])
    assert s["imports"].iloc[0] == 50.0 and s["friend_share"].iloc[0] == 0.5
