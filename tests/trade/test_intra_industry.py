"""Grubel–Lloyd indices by hand, at product level (both aggregations) and at MRIO-sector level."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chainpower.errors import InputError
from chainpower.trade.intra_industry import (
    HS_TECH_GROUPS,
    WIOD_TECH_SECTORS,
    gl_index,
    grubel_lloyd,
    sector_grubel_lloyd,
)


def test_gl_index_by_hand() -> None:
    got = gl_index([10, 0, 5, 0], [10, 4, 15, 0])
    np.testing.assert_allclose(got[:3], [1.0, 0.0, 0.5])  # 1 − 10/20 = 0.5
    assert np.isnan(got[3])
    with pytest.raises(InputError, match="≥ 0"):
        gl_index([-1], [1])


def trade_frame() -> pd.DataFrame:
    """CHN↔USA in three HS6 lines and one line outside the groups, two years.

    2018: 847130 X=10 M=30, 847150 X=20 M=0, 851712 X=5 M=5, 020130 X=7 M=1.
    2019: 847130 X=12 M=12 only.
    """
    rows = [
        (2018, "CHN", "USA", "847130", 10), (2018, "USA", "CHN", "847130", 30),
        (2018, "CHN", "USA", "847150", 20),
        (2018, "CHN", "USA", "851712", 5), (2018, "USA", "CHN", "851712", 5),
        (2018, "CHN", "USA", "020130", 7), (2018, "USA", "CHN", "020130", 1),
        (2018, "CHN", "DEU", "847130", 99),  # another partner: ignored
        (2019, "CHN", "USA", "847130", 12), (2019, "USA", "CHN", "847130", 12),
    ]
    return pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"])


def test_product_level_both_aggregations() -> None:
    gl = grubel_lloyd(trade_frame(), "CHN", "USA", groups=HS_TECH_GROUPS)
    got = gl.set_index(["year", "group"])
    # machinery 2018, products: 1 − (|10−30| + |20−0|) / (40 + 20) = 1 − 40/60 = 1/3
    assert got.loc[(2018, "machinery"), "gl"] == pytest.approx(1 / 3)
    assert got.loc[(2018, "machinery"), "n_products"] == 2
    assert got.loc[(2018, "electrical"), "gl"] == pytest.approx(1.0)
    assert got.loc[(2019, "machinery"), "gl"] == pytest.approx(1.0)
    assert (2018, "other") not in got.index  # HS 02 is in no group
    totals = grubel_lloyd(trade_frame(), "CHN", "USA", groups=HS_TECH_GROUPS,
                          aggregation="totals").set_index(["year", "group"])
    # totals: X = 30, M = 30 → 1
    assert totals.loc[(2018, "machinery"), "gl"] == pytest.approx(1.0)
    per_product = grubel_lloyd(trade_frame(), "CHN", "USA").set_index(["year", "group"])
    assert per_product.loc[(2018, "020130"), "gl"] == pytest.approx(1 - 6 / 8)
    assert per_product.loc[(2018, "847150"), "gl"] == 0.0
    fn = grubel_lloyd(trade_frame(), "CHN", "USA", groups=lambda c: "x" if c < "5" else None)
    assert fn["group"].unique().tolist() == ["x"]


def test_product_level_errors() -> None:
    with pytest.raises(InputError, match="lacks column"):
        grubel_lloyd(trade_frame().drop(columns="value"), "CHN", "USA")
    with pytest.raises(InputError, match="no trade between"):
        grubel_lloyd(trade_frame(), "CHN", "JPN")
    with pytest.raises(InputError, match="unknown aggregation"):
        grubel_lloyd(trade_frame(), "CHN", "USA", aggregation="mean")  # type: ignore[arg-type]


def test_sector_level_on_a_synthetic_table() -> None:
    from chainpower.mrio.synthetic import synthetic_table

    t = synthetic_table(4, 3, seed=3)
    s, r = t.countries[0], t.countries[2]
    N = t.N
    Z = np.asarray(t.Z)
    Yc = np.asarray(t.Yc)
    gl = sector_grubel_lloyd(t, s, r).set_index("group")
    for i, sec in enumerate(t.sectors):
        x = Z[i, 2 * N:3 * N].sum() + Yc[i, 2]
        m = Z[2 * N + i, 0:N].sum() + Yc[2 * N + i, 0]
        assert gl.loc[sec, "exports"] == pytest.approx(x)
        assert gl.loc[sec, "imports"] == pytest.approx(m)
        assert gl.loc[sec, "gl"] == pytest.approx(1 - abs(x - m) / (x + m))
    back = sector_grubel_lloyd(t, r, s).set_index("group")
    np.testing.assert_allclose(back["gl"], gl["gl"])  # symmetric in the pair
    grouped = sector_grubel_lloyd(t, s, r, groups={t.sectors[0]: "g", t.sectors[1]: "g"})
    assert grouped["n_products"].iloc[0] == 2
    with pytest.raises(InputError, match="not in the table"):
        sector_grubel_lloyd(t, s, "ZZZ")
    with pytest.raises(InputError, match="sectors not in the table"):
        sector_grubel_lloyd(t, s, r, groups={"c99": "x"})


@pytest.mark.shared_data
def test_sector_level_on_wiod() -> None:
    from chainpower.mrio.io import read_wiod2013

    gl = sector_grubel_lloyd(read_wiod2013(2011), "CHN", "USA", groups=WIOD_TECH_SECTORS)
    assert set(gl["group"]) == {"machinery", "electrical"}
    assert ((gl["gl"] > 0) & (gl["gl"] < 1)).all()
    elec = gl.set_index("group").loc["electrical"]
    assert elec["exports"] > elec["imports"]  # China exports far more electrical equipment
