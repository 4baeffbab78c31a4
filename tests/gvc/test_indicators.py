"""The all-indicators pipeline: schema, store round trip, cross-family identities, strategic
aggregation and the panel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.store import TIDY_COLUMNS, Store
from chainpower.gvc.indicators import (
    compute_indicators,
    compute_panel,
    recompute_ratios,
    strategic_indicators,
)
from chainpower.mrio.synthetic import synthetic_table, synthetic_world


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    return synthetic_table(20, 12, seed=7, year=2015)


@pytest.fixture(scope="module")
def frame(table) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return compute_indicators(table)


def _get(df: pd.DataFrame, indicator: str, sector: bool = True) -> pd.Series:
    rows = df[(df.indicator == indicator) & (df.sector.notna() == sector) & df.partner.isna()]
    key = ["country", "sector"] if sector else ["country"]
    return rows.set_index(key)["value"].sort_index()


def test_schema_and_families(frame: pd.DataFrame, table) -> None:  # type: ignore[no-untyped-def]
    assert tuple(frame.columns) == TIDY_COLUMNS
    assert np.isfinite(frame["value"]).all()
    names = set(frame.indicator)
    for ind in (
        "wwyz_gvcpt_f", "wwyz_gvcpt_b_s", "wwyz_position", "wwyz_plv_gvc", "wwyz_pl_position",
        "kww_gvcpt", "kww_position", "bm_gvcp_trade_f", "bm_gvcp_trade_b",
        "tiva_exgr_dvash", "tiva_exgr_fvash", "jn_vax", "jn_va_fd", "jn_vax_ratio",
    ):  # fmt: skip
        assert ind in names, ind
    assert len(_get(frame, "wwyz_gvcpt_f")) == table.n
    assert len(_get(frame, "wwyz_gvcpt_f", sector=False)) == table.G


def test_cross_family_identities(frame: pd.DataFrame) -> None:
    # Same gross exports in all trade-based families.
    np.testing.assert_allclose(_get(frame, "tiva_exgr"), _get(frame, "kww_e"), rtol=1e-12)
    # TiVA foreign content = KWW's FV (vertical specialisation).
    np.testing.assert_allclose(_get(frame, "tiva_exgr_fva"), _get(frame, "kww_fv"), rtol=1e-9)
    # WWYZ backward participation of a sector (1 − V^s L^ss) equals Borin–Mancini's
    # source-based backward share (FVA + DDC + FDC)/E = 1 − V^s L^ss at the exporting sector.
    np.testing.assert_allclose(
        _get(frame, "wwyz_gvcpt_b"), _get(frame, "bm_gvcp_trade_b"), rtol=1e-9
    )
    # Position recomputed from its parts.
    f, b = _get(frame, "wwyz_gvcpt_f", False), _get(frame, "wwyz_gvcpt_b", False)
    np.testing.assert_allclose(_get(frame, "wwyz_position", False), np.log1p(f) - np.log1p(b))


def test_recompute_ratios_reproduces_country_level(frame: pd.DataFrame) -> None:
    # Sum the sector levels to countries, recompute ratios: equals the country rows.
    from chainpower.gvc.indicators import DERIVED, RATIO_DEFS

    lev = frame[frame.sector.notna() & frame.partner.isna()]
    lev = lev[~lev.indicator.isin(set(RATIO_DEFS) | set(DERIVED))].copy()
    lev["sector"] = None
    summed = lev.groupby(
        ["source", "year", "country", "sector", "partner", "indicator"],
        dropna=False,
        as_index=False,
    )["value"].sum()
    rat = recompute_ratios(summed)
    for ind in ("wwyz_gvcpt_f", "wwyz_plv_gvc", "kww_gvcpt", "kww_position",
                "bm_gvcp_trade_f", "tiva_exgr_dvash", "wwyz_pl_position"):  # fmt: skip
        got = rat[rat.indicator == ind].set_index("country")["value"].sort_index()
        np.testing.assert_allclose(got, _get(frame, ind, False), rtol=1e-10, err_msg=ind)


def test_strategic_single_and_grouped(frame: pd.DataFrame) -> None:
    s = strategic_indicators(frame)  # synthetic classification detected
    assert set(s.sector) == {"chips", "vehicles", "minerals"}
    chips = s[(s.sector == "chips") & s.partner.isna()].set_index(["country", "indicator"])["value"]
    elec = frame[(frame.sector == "ELEC") & frame.partner.isna()]
    elec = elec.set_index(["country", "indicator"])["value"]
    np.testing.assert_allclose(chips.sort_index(), elec.loc[chips.index].sort_index(), rtol=1e-12)
    # A group of two sectors: participation is the ratio of summed levels, not a mean.
    s2 = strategic_indicators(frame, {"ELEC": "chips", "MACH": "chips"}, groups=["chips"])
    both = frame[frame.sector.isin(["ELEC", "MACH"]) & frame.partner.isna()]
    num = both[both.indicator == "wwyz_v_gvc"].groupby("country")["value"].sum()
    den = both[both.indicator == "wwyz_va"].groupby("country")["value"].sum()
    got = s2[s2.indicator == "wwyz_gvcpt_f"].set_index("country")["value"]
    np.testing.assert_allclose(got.sort_index(), (num / den).sort_index(), rtol=1e-12)


def test_store_round_trip(table, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store(tmp_path / "st")
    df = compute_indicators(table, store=store, origin_destination=False)
    assert "jn_va_fd" not in set(df.indicator)
    assert store.datasets() == ["gvc_synthetic_2015"]
    back = store.read_indicators("gvc_synthetic_2015", indicator="wwyz_gvcpt_f")
    assert len(back) == len(df[df.indicator == "wwyz_gvcpt_f"])
    q = store.query("select count(*) as k from indicators where indicator = 'kww_gvcpt'")
    assert int(q["k"].iloc[0]) == len(df[df.indicator == "kww_gvcpt"])


def test_panel(tmp_path: Path) -> None:
    years = range(2010, 2013)
    tables = synthetic_world(6, 12, years)
    loaders = [lambda t=t: t for t in tables]
    df = compute_panel(loaders, store=tmp_path / "st", origin_destination=False)
    assert sorted(df.year.unique()) == list(years)
    one = compute_indicators(tables[1], origin_destination=False)
    got = df[df.year == 2011].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, one)
    assert Store(tmp_path / "st").datasets() == ["gvc_synthetic_2010_2012"]
