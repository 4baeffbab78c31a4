"""Acceptance 3: a preset screen end to end on a generated file in BACI's exact layout with
5,000 products × 200 countries, checked against an independent pandas implementation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.groups import GROUPS
from chainpower.data.trade_files import read_baci
from chainpower.data.trade_files.synthetic import synthetic_baci
from chainpower.trade.flows import TradeFlows
from chainpower.trade.screen_reference import eu2021_by_pandas
from chainpower.trade.screens import screen_dependencies

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]


def _pandas_eu2021(df: pd.DataFrame, group: frozenset[str]) -> pd.DataFrame:
    """The EU 2021 metrics by plain pandas groupbys (the peer implementation)."""
    d = df.assign(
        exporter=df["exporter"].astype(str),
        importer=df["importer"].astype(str),
        product=df["product"].astype(str),
    )
    return eu2021_by_pandas(d, group)


def test_preset_screen_on_a_full_layout_year(tmp_path: Path) -> None:
    from chainpower.data.hs import hs_codes

    products = sorted(hs_codes("HS17"))[:5000]
    path, codes = synthetic_baci(tmp_path, products=products, n_countries=200, rows=400_000, seed=7)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "t,i,j,k,v,q"
    df = read_baci(path, codes)
    assert df["product"].nunique() == 5000
    assert df["exporter"].nunique() == 200 and df["importer"].nunique() == 200
    flows = TradeFlows.from_frame(df)
    res = screen_dependencies(flows, "EU27", rules="eu2021")
    ref = _pandas_eu2021(df, GROUPS["EU27"])
    got = res.cells.set_index("product")
    assert len(got) == len(ref) > 4900
    assert np.allclose(got["import_hhi"].reindex(ref.index), ref["import_hhi"], rtol=1e-12)
    assert np.allclose(got["extra_share"].reindex(ref.index), ref["extra_share"], rtol=1e-12)
    assert np.allclose(got["import_export_ratio"].reindex(ref.index), ref["ratio"], rtol=1e-12)
    dep = res.verdicts.set_index("product")["dependent"].reindex(ref.index)
    assert (dep == ref["dependent"]).all() and 0 < res.n_dependent < len(ref)
