"""TradeFlows validation and the concentration functions (shares, HHI, top-k with ties)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chainpower.errors import InputError, LayoutError
from chainpower.trade.concentration import grouped_hhi, grouped_top, hhi, shares
from chainpower.trade.flows import TradeFlows


def _df(**change: object) -> pd.DataFrame:
    df = pd.DataFrame(
        {"year": [2020, 2020], "exporter": ["CHN", "USA"], "importer": ["DEU", "DEU"],
         "product": ["850511", "850511"], "value": [3.0, 1.0]}
    )  # fmt: skip
    for k, v in change.items():
        df[k] = v
    return df


def test_flows_validation_names_the_row() -> None:
    with pytest.raises(InputError, match="row 2"):
        TradeFlows.from_frame(_df(value=[1.0, -2.0]))
    with pytest.raises(InputError, match="row 2"):
        TradeFlows.from_frame(_df(value=[1.0, np.nan]))
    with pytest.raises(InputError, match="duplicate flow.*row 2"):
        TradeFlows.from_frame(_df(exporter=["CHN", "CHN"]))
    with pytest.raises(LayoutError, match="importer"):
        TradeFlows.from_frame(_df().drop(columns="importer"))
    f = TradeFlows.from_frame(_df())
    assert f.years == [2020] and f.products == ["850511"] and len(f) == 2
    assert "\n" not in repr(f) and f.summary["value_usd"].iloc[0] == 4.0
    assert len(f.select(products=["8505"])) == 2 and len(f.select(years=[2019])) == 0


def test_cn8_to_hs6() -> None:
    df = _df(product=["85051110", "85051190"], exporter=["CHN", "CHN"])
    out = TradeFlows.from_frame(df).to_hs6().frame
    assert out["product"].astype(str).tolist() == ["850511"] and out["value"].tolist() == [4.0]


def test_concentration_by_hand() -> None:
    assert shares(np.array([3.0, 1.0])).tolist() == [0.75, 0.25]
    assert hhi(np.array([3.0, 1.0])) == pytest.approx(0.625)
    g = np.array([0, 0, 1, 1, 1])
    v = np.array([3.0, 1.0, 2.0, 2.0, 1.0])
    assert grouped_hhi(g, v, 2) == pytest.approx([0.625, (4 + 4 + 1) / 25])
    labels, values, tied = grouped_top(g, v, np.array(["B", "A", "Z", "Y", "X"]), 2, k=2)
    assert labels.tolist() == [["B", "A"], ["Y", "Z"]]  # tie 2–2 → Y before Z
    assert values.tolist() == [[3.0, 1.0], [2.0, 2.0]] and tied.tolist() == [False, True]
    with pytest.raises(InputError, match="no positive value"):
        grouped_hhi(np.array([0, 1]), np.array([1.0, 0.0]), 2)
    with pytest.raises(InputError, match="non-negative"):
        hhi(np.array([1.0, -1.0]))
