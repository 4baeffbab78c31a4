"""WWYZ (2017) production-based participation and lengths: hand case, identities, and an
independent dense implementation."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.data.store import TIDY_COLUMNS
from chainpower.gvc.production import production_gvc
from chainpower.mrio.algebra import ghosh_coefficients, ghosh_inverse
from chainpower.mrio.synthetic import synthetic_table
from chainpower.mrio.table import MRIOTable


def _hand_table() -> MRIOTable:
    # Two countries, one sector each. Z = [[20, 30], [10, 40]], Y = [[30, 20], [10, 40]],
    # x = [100, 100], v = x − 1'Z = [70, 30].
    return MRIOTable.from_flows(
        np.array([[20.0, 30.0], [10.0, 40.0]]),
        np.array([[30.0, 20.0], [10.0, 40.0]]),
        countries=["H", "F"],
        sectors=["s"],
        derive_value_added=True,
    )


def test_hand_two_countries() -> None:
    # By hand: A = [[.2, .3], [.1, .4]], vc = [.7, .3], L = diag(1.25, 5/3),
    # B = [[4/3, 2/3], [2/9, 16/9]], A^F = [[0, .3], [.1, 0]], y = [50, 50],
    # yD = [30, 40], yF = [20, 10], x = [100, 100].
    r = production_gvc(_hand_table())
    lv = {k: a.ravel() for k, a in r.levels.items()}
    # Forward: V_D = vc·L·yD, V_RT = vc·L·yF, V_GVC_S = vc·L·A^F·L·yD, V_GVC = vc·L·A^F·x.
    np.testing.assert_allclose(lv["wwyz_v_d"], [0.7 * 1.25 * 30, 0.3 * 5 / 3 * 40])  # 26.25, 20
    np.testing.assert_allclose(lv["wwyz_v_rt"], [17.5, 5.0])
    np.testing.assert_allclose(
        lv["wwyz_v_gvc_s"], [0.875 * 0.3 * 5 / 3 * 40, 0.5 * 0.1 * 1.25 * 30]
    )
    np.testing.assert_allclose(lv["wwyz_v_gvc"], [0.875 * 0.3 * 100, 0.5 * 0.1 * 100])  # 26.25, 5
    np.testing.assert_allclose(lv["wwyz_v_gvc_c"], [8.75, 3.125])
    np.testing.assert_allclose(lv["wwyz_va"], [70.0, 30.0])
    # Backward: vc'L = [.875, .5]; vc'L·A^F = [.05, .2625]; (vc'L A^F B) = 1 − vc'L.
    np.testing.assert_allclose(lv["wwyz_y_d"], [26.25, 20.0])
    np.testing.assert_allclose(lv["wwyz_y_rt"], [17.5, 5.0])
    np.testing.assert_allclose(lv["wwyz_y_gvc_s"], [0.05 * 1.25 * 30, 0.2625 * 5 / 3 * 40])
    np.testing.assert_allclose(lv["wwyz_y_gvc"], [0.125 * 50, 0.5 * 50])
    s = {k: a.ravel() for k, a in r.sector().items()}
    np.testing.assert_allclose(s["wwyz_gvcpt_f"], [0.375, 1 / 6])
    np.testing.assert_allclose(s["wwyz_gvcpt_f_s"], [0.25, 0.0625])
    np.testing.assert_allclose(s["wwyz_gvcpt_b"], [0.125, 0.5])
    np.testing.assert_allclose(s["wwyz_gvcpt_b_s"], [1.875 / 50, 17.5 / 50])
    np.testing.assert_allclose(
        s["wwyz_position"], [np.log(1.375) - np.log(1.125), np.log(7 / 6) - np.log(1.5)]
    )
    # Lengths: PLv = Bx/x = B·1 = [2, 2]; PLy = 1'B = [14/9, 22/9];
    # PLv_GVC = L^ss (domestic stages) + (Bx/x) after the border = [1.25 + 2, 5/3 + 2];
    # PLy_GVC = (vc'LLA^F B + vc'LA^F BB) / (vc'LA^F B) = [133/36, 29/9].
    np.testing.assert_allclose(s["wwyz_plv"], [2.0, 2.0])
    np.testing.assert_allclose(s["wwyz_ply"], [14 / 9, 22 / 9])
    np.testing.assert_allclose(s["wwyz_plv_gvc"], [3.25, 11 / 3])
    np.testing.assert_allclose(s["wwyz_ply_gvc"], [133 / 36, 29 / 9])
    np.testing.assert_allclose(s["wwyz_pl_position"], [3.25 / (133 / 36), (11 / 3) / (29 / 9)])


def _dense_reference(t: MRIOTable) -> dict[str, np.ndarray]:
    """Plain WWYZ with explicit (n, n) matrices and np.linalg.inv (independent of the module)."""
    G, N, n = t.G, t.N, t.n
    A = t.Z / t.x[None, :]
    B = np.linalg.inv(np.eye(n) - A)
    mask = np.kron(np.eye(G), np.ones((N, N)))
    AD, AF = A * mask, A * (1 - mask)
    L = np.linalg.inv(np.eye(n) - AD)
    V = np.diag(t.v / t.x)
    Yc = t.Yc
    y = Yc.sum(1)
    yD = (Yc * np.kron(np.eye(G), np.ones((N, 1)))).sum(1)
    Yh, YDh, YFh = np.diag(y), np.diag(yD), np.diag(y - yD)
    parts = {
        "d": V @ L @ YDh,
        "rt": V @ L @ YFh,
        "gvc_s": V @ L @ AF @ L @ YDh,
        "gvc_c": V @ L @ AF @ (B @ Yh - L @ YDh),
    }
    out = {}
    for k, M in parts.items():
        out[f"wwyz_v_{k}"] = M.sum(1)
        out[f"wwyz_y_{k}"] = M.sum(0)
    Xgvc = V @ L @ L @ AF @ B @ Yh + V @ L @ AF @ B @ B @ Yh
    out["wwyz_xv_gvc"], out["wwyz_xy_gvc"] = Xgvc.sum(1), Xgvc.sum(0)
    X = V @ B @ B @ Yh
    out["wwyz_xv"], out["wwyz_xy"] = X.sum(1), X.sum(0)
    return out


@pytest.mark.parametrize("with_inverse", [True, False])
def test_against_dense_reference(with_inverse: bool) -> None:
    t = synthetic_table(6, 4, seed=11)
    B = np.linalg.inv(np.eye(t.n) - t.Z / t.x[None, :]) if with_inverse else None
    r = production_gvc(t, B=B)
    ref = _dense_reference(t)
    for k, want in ref.items():
        np.testing.assert_allclose(r.levels[k].ravel(), want, rtol=1e-10, err_msg=k)


def test_identities_synthetic() -> None:
    t = synthetic_table(12, 7, seed=5)
    r = production_gvc(t)
    lv = r.levels
    G, N = t.G, t.N
    fwd = lv["wwyz_v_d"] + lv["wwyz_v_rt"] + lv["wwyz_v_gvc_s"] + lv["wwyz_v_gvc_c"]
    bwd = lv["wwyz_y_d"] + lv["wwyz_y_rt"] + lv["wwyz_y_gvc_s"] + lv["wwyz_y_gvc_c"]
    np.testing.assert_allclose(fwd, t.v.reshape(G, N), rtol=1e-10)  # value added
    np.testing.assert_allclose(bwd, t.Yc.sum(1).reshape(G, N), rtol=1e-10)  # final production
    # World totals of every part (and of induced output) agree forward and backward.
    for part in ("d", "rt", "gvc_s", "gvc_c", "gvc"):
        assert lv[f"wwyz_v_{part}"].sum() == pytest.approx(lv[f"wwyz_y_{part}"].sum(), rel=1e-12)
    assert lv["wwyz_xv"].sum() == pytest.approx(lv["wwyz_xy"].sum(), rel=1e-12)
    assert lv["wwyz_xv_gvc"].sum() == pytest.approx(lv["wwyz_xy_gvc"].sum(), rel=1e-12)
    s = r.sector()
    # Lengths: PLv = Ghosh-inverse row sums, PLy = column sums of B (Miller & Blair 2009,
    # eq. 12.8 and 2.9), both ≥ 1; GVC chains cross a border, so PL_GVC ≥ 2.
    A = t.Z / t.x[None, :]
    B = np.linalg.inv(np.eye(t.n) - A)
    np.testing.assert_allclose(s["wwyz_ply"].ravel(), B.sum(0), rtol=1e-10)
    ghosh = ghosh_inverse(ghosh_coefficients(t.Z, t.x))
    np.testing.assert_allclose(s["wwyz_plv"].ravel(), ghosh.sum(1), rtol=1e-10)
    assert (s["wwyz_plv"] >= 1).all() and (s["wwyz_ply"] >= 1).all()
    assert (s["wwyz_plv_gvc"] >= 2).all() and (s["wwyz_ply_gvc"] >= 2).all()
    # Backward participation of a sector is 1 − (V^s L^ss)_j, independent of final demand.
    L = np.zeros((t.n, t.n))
    for g in range(G):
        sl = slice(g * N, (g + 1) * N)
        L[sl, sl] = np.linalg.inv(np.eye(N) - A[sl, sl])
    np.testing.assert_allclose(s["wwyz_gvcpt_b"].ravel(), 1 - (t.v / t.x) @ L, rtol=1e-10)
    # Country level: ratio of sums.
    c = r.country()
    np.testing.assert_allclose(
        c["wwyz_gvcpt_f"], lv["wwyz_v_gvc"].sum(1) / lv["wwyz_va"].sum(1), rtol=1e-12
    )


def test_to_frame_schema() -> None:
    t = synthetic_table(3, 2, seed=2)
    r = production_gvc(t)
    f = r.to_frame("sector")
    assert tuple(f.columns) == TIDY_COLUMNS
    assert len(f) == 6 * f["indicator"].nunique()
    c = r.to_frame("country")
    assert c["sector"].isna().all() and len(c) == 3 * c["indicator"].nunique()
    row = f[(f.country == t.countries[1]) & (f.sector == t.sectors[0]) & (f.indicator == "wwyz_va")]
    assert float(row["value"].iloc[0]) == pytest.approx(t.v[2], rel=1e-12)
