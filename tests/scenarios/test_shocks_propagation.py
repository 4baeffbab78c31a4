"""Leontief and Ghosh propagation against independent inverses; shocked states stay balanced."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.errors import InputError
from chainpower.gvc.production import production_gvc
from chainpower.mrio.algebra import ghosh_coefficients, technical_coefficients
from chainpower.mrio.table import MRIOTable
from chainpower.scenarios import Scenario, ScenarioSet, run_scenarios
from chainpower.scenarios.shocks import ghosh_state


def _run(t: MRIOTable, sc: Scenario):  # noqa: ANN202
    return run_scenarios(t, [sc]).results[0]


def test_leontief_demand_shock_is_L_times_delta_f(small: MRIOTable) -> None:
    t = small
    A = technical_coefficients(t.Z, t.x)
    L = np.linalg.inv(np.eye(t.n) - A)
    for kind, change in (("relative", -0.2), ("absolute", 3.0)):
        r = _run(
            t,
            Scenario.demand_shock(
                "d", destination=["C2", "C3"], sectors=["S1", "S4"], change=change, kind=kind
            ),
        )
        Yc = np.array(t.Yc)
        rows = [g * t.N + i for g in range(t.G) for i in (0, 3)]
        dY = np.zeros_like(Yc)
        dY[np.ix_(rows, [1, 2])] = (
            change * Yc[np.ix_(rows, [1, 2])] if kind == "relative" else change
        )
        np.testing.assert_allclose(r.delta("output"), L @ dY.sum(axis=1), rtol=1e-10, atol=1e-10)
        vc = t.v / t.x
        np.testing.assert_allclose(r.delta("va"), vc * (L @ dY.sum(axis=1)), rtol=1e-9, atol=1e-10)
        # world value added changes by exactly the change in final demand (GDP identity)
        assert r.delta("va").sum() == pytest.approx(dY.sum(), rel=1e-9)


def test_coefficient_delta_matches_direct_solve(small: MRIOTable) -> None:
    t = small
    sc = Scenario.demand_shock(
        "c",
        origin=["C1"],
        sectors=["S2"],
        destination=["C4"],
        change=0.01,
        kind="coefficient_delta",
    )
    r = _run(t, sc)
    A = np.array(technical_coefficients(t.Z, t.x))
    A[1, 3 * t.N : 4 * t.N] += 0.01
    x = np.linalg.solve(np.eye(t.n) - A, t.Yc.sum(axis=1))
    np.testing.assert_allclose(r.shocked["x"], x, rtol=1e-12)
    assert (r.delta("output") > 0).all()  # more input needed everywhere upstream
    with pytest.raises(InputError, match="negative"):
        _run(
            t,
            Scenario.demand_shock(
                "c", origin=["C1"], destination=["C4"], change=-9.0, kind="coefficient_delta"
            ),
        )


def test_ghosh_supply_shock_is_delta_v_times_G(small: MRIOTable) -> None:
    t = small
    H = ghosh_coefficients(t.Z, t.x)
    Gh = np.linalg.inv(np.eye(t.n) - H)
    r = _run(t, Scenario.supply_shock("s", origin=["C5"], change=-0.1))
    dv = np.zeros(t.n)
    dv[4 * t.N :] = -0.1 * t.v[4 * t.N :]
    np.testing.assert_allclose(r.delta("output"), dv @ Gh, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(r.delta("va"), dv, atol=1e-12)


def test_ghosh_state_is_a_balanced_table(small: MRIOTable) -> None:
    t = small
    H = np.array(ghosh_coefficients(t.Z, t.x))
    v = np.array(t.v) * 1.05
    st = ghosh_state(H, v, np.array(t.Yc))
    Z = st.A * st.x[None, :]
    np.testing.assert_allclose(Z.sum(axis=1) + st.Yc.sum(axis=1), st.x, rtol=1e-12)  # rows
    np.testing.assert_allclose(Z.sum(axis=0) + st.v, st.x, rtol=1e-12)  # columns
    # a uniform 5 % rise of primary inputs scales the whole Ghosh economy by 5 %
    np.testing.assert_allclose(st.x, 1.05 * t.x, rtol=1e-12)


def test_participation_of_shocked_state_matches_production_gvc(small: MRIOTable) -> None:
    t = small
    r = _run(t, Scenario.demand_shock("d", destination=["C2"], change=0.3))
    Yc = np.array(t.Yc)
    Yc[:, 1] *= 1.3
    x = np.linalg.solve(np.eye(t.n) - technical_coefficients(t.Z, t.x), Yc.sum(axis=1))
    A = technical_coefficients(t.Z, t.x)
    Z = A * x[None, :]
    t2 = MRIOTable.from_flows(Z, Yc, countries=t.countries, sectors=t.sectors, V=t.v / t.x * x)
    ref = production_gvc(t2).sector()
    fr = r.to_frame()
    got = fr[(fr.indicator == "shock_gvcpt_shocked_f") & fr.sector.notna()]["value"].to_numpy()
    np.testing.assert_allclose(got, ref["wwyz_gvcpt_f"].ravel(), rtol=1e-10)
    got_b = fr[(fr.indicator == "shock_gvcpt_delta_b") & fr.sector.notna()]["value"].to_numpy()
    base = production_gvc(t).sector()["wwyz_gvcpt_b"].ravel()
    np.testing.assert_allclose(got_b, ref["wwyz_gvcpt_b"].ravel() - base, rtol=1e-9, atol=1e-12)


def test_forward_extraction_in_the_run_matches_reinversion(small: MRIOTable) -> None:
    t = small
    r = run_scenarios(
        t,
        ScenarioSet.of(
            [
                Scenario.extraction(
                    "f",
                    origin=["C1"],
                    sectors=["S3"],
                    destination=["C2", "C5"],
                    direction="forward",
                    share=0.5,
                )
            ]
        ),
    ).results[0]
    H = np.array(ghosh_coefficients(t.Z, t.x))
    cols = [g * t.N + j for g in (1, 4) for j in range(t.N)]
    H[2, cols] *= 0.5
    x = np.linalg.solve((np.eye(t.n) - H).T, t.v)
    np.testing.assert_allclose(r.shocked["x"], x, rtol=1e-12)
    assert r.model == "ghosh"
