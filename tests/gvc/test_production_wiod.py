"""WWYZ measures on real WIOD 2013 tables: identities hold, and a fact worth printing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chainpower.gvc.production import production_gvc


@pytest.mark.parametrize("year", [1995, 2011])
def test_wiod_identities(shared_data: Path, year: int) -> None:
    from chainpower.mrio.io import read_wiod2013

    t = read_wiod2013(year)
    r = production_gvc(t)
    lv = r.levels
    fwd = lv["wwyz_v_d"] + lv["wwyz_v_rt"] + lv["wwyz_v_gvc_s"] + lv["wwyz_v_gvc_c"]
    bwd = lv["wwyz_y_d"] + lv["wwyz_y_rt"] + lv["wwyz_y_gvc_s"] + lv["wwyz_y_gvc_c"]
    scale_v, scale_y = np.abs(t.v).max(), t.Yc.sum(1).max()
    assert np.abs(fwd - lv["wwyz_va"]).max() <= 1e-9 * scale_v
    assert np.abs(bwd - t.Yc.sum(1).reshape(t.G, t.N)).max() <= 1e-9 * scale_y
    # Value added V̂BY1 equals the table's value added up to WIOD's rounding (USD millions).
    assert np.abs(lv["wwyz_va"].ravel() - t.v).max() <= 1e-6 * np.abs(t.v).max()
    assert lv["wwyz_v_gvc"].sum() == pytest.approx(lv["wwyz_y_gvc"].sum(), rel=1e-10)
    s = r.sector()
    for k in ("wwyz_plv", "wwyz_ply"):
        vals = s[k][np.isfinite(s[k])]
        assert vals.min() >= 1 - 1e-9
    c = r.country()
    # Country GVC participation lies in (0, 1) for every economy.
    assert ((c["wwyz_gvcpt_f"] > 0) & (c["wwyz_gvcpt_f"] < 1)).all()
    assert ((c["wwyz_gvcpt_b"] > 0) & (c["wwyz_gvcpt_b"] < 1)).all()


def test_wiod_china_electrical_backward(
    shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Printed, not asserted: CHN electrical & optical (c14) backward participation 1995 → 2011."""
    from chainpower.mrio.io import read_wiod2013

    vals = {}
    for year in (1995, 2011):
        t = read_wiod2013(year)
        s = production_gvc(t).sector()
        g, i = t.countries.index("CHN"), t.sectors.index("c14")
        vals[year] = (float(s["wwyz_gvcpt_b"][g, i]), float(s["wwyz_gvcpt_f"][g, i]))
        assert 0 < vals[year][0] < 1
    with capsys.disabled():
        print(
            f"\nCHN c14 WWYZ GVCPt_b 1995 {vals[1995][0]:.3f} → 2011 {vals[2011][0]:.3f}; "
            f"GVCPt_f {vals[1995][1]:.3f} → {vals[2011][1]:.3f}"
        )
