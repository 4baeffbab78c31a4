"""Bilateral value-added flows by type (WWYZ 2017a by partner): a 3-country example worked by
hand, identities on all 17 WIOD years, and the tidy output.

Hand example (3 countries A, B, C × 1 sector; every output x = 100):

    Z (rows sell)   A   B   C        Y (final demand of A, B, C)
    A              10  20  10         40  10  10
    B              10  10  20         10  40  10
    C              20  10  10         10  10  40

Column sums of Z are 40, so v = 60 and vc = 0.6 everywhere; A = Z/100, the domestic
coefficient is 0.1, so every local inverse is L_ss = 1/0.9 = 10/9 and vc·L = 2/3.
Domestic final demand is Y_rr = 40, so L_rr·Y_rr = 400/9 and x − L_rr·Y_rr = 500/9.

* traditional  s→r: vc L_ss Y_sr            = (2/3)·Y_sr             e.g. A→B = 20/3
* simple GVC   s→r: vc L_ss A_sr L_rr Y_rr  = (2/3)·A_sr·400/9      e.g. A→B = 160/27
* complex GVC, direct importer: vc L_ss A_sr (x_r − L_rr Y_rr) = (2/3)·A_sr·500/9, A→B = 200/27
"""

from __future__ import annotations

from fractions import Fraction as Fr

import numpy as np
import pytest

from chainpower.errors import InputError
from chainpower.gvc.production import production_gvc
from chainpower.gvc.va_flows import FLOW_INDICATORS, value_added_flows
from chainpower.mrio.table import MRIOTable

Z_INT = [[10, 20, 10], [10, 10, 20], [20, 10, 10]]
Y_INT = [[40, 10, 10], [10, 40, 10], [10, 10, 40]]
C3 = ("AAA", "BBB", "CCC")


def hand_table() -> MRIOTable:
    return MRIOTable.from_flows(np.array(Z_INT, float), np.array(Y_INT, float), countries=C3,
                                sectors=("s",), derive_value_added=True, year=2000,
                                source="hand")


def inverse(M: list[list[Fr]]) -> list[list[Fr]]:
    """Gauss–Jordan inverse in exact arithmetic."""
    n = len(M)
    aug = [row[:] + [Fr(int(i == j)) for j in range(n)] for i, row in enumerate(M)]
    for c in range(n):
        p = next(r for r in range(c, n) if aug[r][c] != 0)
        aug[c], aug[p] = aug[p], aug[c]
        piv = aug[c][c]
        aug[c] = [v / piv for v in aug[c]]
        for r in range(n):
            if r != c and aug[r][c] != 0:
                f = aug[r][c]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[c], strict=True)]
    return [row[n:] for row in aug]


def test_hand_example_worked_values() -> None:
    f = value_added_flows(hand_table())
    t, s, c = (f.country_matrix(k) for k in ("traditional", "simple_gvc", "complex_gvc"))
    assert t[0, 1] == pytest.approx(20 / 3, rel=1e-14)
    assert s[0, 1] == pytest.approx(160 / 27, rel=1e-14)
    assert c[0, 1] == pytest.approx(200 / 27, rel=1e-14)
    A = np.array(Z_INT, float) / 100
    Y = np.array(Y_INT, float)
    off = ~np.eye(3, dtype=bool)
    np.testing.assert_allclose(t[off], (2 / 3 * Y)[off], rtol=1e-14)
    np.testing.assert_allclose(s[off], (2 / 3 * A * 400 / 9)[off], rtol=1e-14)
    np.testing.assert_allclose(c[off], (2 / 3 * A * 500 / 9)[off], rtol=1e-14)
    for m in (t, s, c):
        assert np.all(np.diag(m) == 0)


def test_hand_example_final_absorber_exact() -> None:
    """Complex GVC by the final absorber, against V̂ L A^F (B Y_r − L Y^D_r) in fractions."""
    A = [[Fr(z, 100) for z in row] for row in Z_INT]
    IA = [[Fr(int(i == j)) - A[i][j] for j in range(3)] for i in range(3)]
    B = inverse(IA)
    Y = [[Fr(v) for v in row] for row in Y_INT]
    L = [Fr(10, 9)] * 3
    vc = Fr(3, 5)
    expected = [[Fr(0)] * 3 for _ in range(3)]
    for s in range(3):
        for r in range(3):
            BY = [sum(B[k][j] * Y[j][r] for j in range(3)) for k in range(3)]
            w = [BY[k] - (L[k] * Y[k][r] if k == r else 0) for k in range(3)]
            expected[s][r] = vc * L[s] * sum(A[s][k] * w[k] for k in range(3) if k != s)
    got = value_added_flows(hand_table(), complex_rule="final_absorber").country_matrix(
        "complex_gvc")
    np.testing.assert_allclose(got, np.array(expected, dtype=float), rtol=1e-13)
    assert got[0, 0] > 0  # value added that returns home is kept under this rule
    direct = value_added_flows(hand_table()).country_matrix("complex_gvc")
    np.testing.assert_allclose(got.sum(axis=1), direct.sum(axis=1), rtol=1e-13)


def _check_identities(table: MRIOTable, rule: str) -> None:
    p = production_gvc(table)
    f = value_added_flows(table, complex_rule=rule)  # type: ignore[arg-type]
    for kind, level in (("traditional", "wwyz_v_rt"), ("simple_gvc", "wwyz_v_gvc_s"),
                        ("complex_gvc", "wwyz_v_gvc_c")):
        total = f.flows[kind].sum(axis=2)
        ref = p.levels[level]
        np.testing.assert_allclose(total, ref, rtol=1e-9, atol=1e-9 * float(np.abs(ref).max()))


def test_hand_example_identities() -> None:
    for rule in ("direct_importer", "final_absorber"):
        _check_identities(hand_table(), rule)


@pytest.mark.slow
@pytest.mark.shared_data
def test_wiod_identities_every_year() -> None:
    from chainpower.mrio.io import read_wiod2013

    for year in range(1995, 2012):
        table = read_wiod2013(year)
        _check_identities(table, "direct_importer")
        if year in (1995, 2011):
            _check_identities(table, "final_absorber")


def test_tidy_frames() -> None:
    f = value_added_flows(hand_table())
    df = f.to_frame()
    assert list(df.columns) == ["source", "year", "country", "sector", "partner", "indicator",
                                "value"]
    assert set(df["indicator"]) == set(FLOW_INDICATORS.values())
    assert (df["country"] != df["partner"]).all() and df["sector"].isna().all()
    row = df[(df.country == "AAA") & (df.partner == "BBB") & (df.indicator == "wwyz_vat_rt")]
    assert row["value"].iloc[0] == pytest.approx(20 / 3)
    sec = f.to_frame("sector")
    assert sec["value"].sum() == pytest.approx(df["value"].sum())
    fa = value_added_flows(hand_table(), complex_rule="final_absorber").to_frame()
    home = fa[(fa.indicator == "wwyz_vat_gvc_c_absorber") & (fa.country == fa.partner)]
    assert len(home) == 3
    assert "ValueAddedFlows(" in repr(f) and "\n" not in repr(f)
    np.testing.assert_allclose(f.va_exports(), f.summary.loc[list(C3), "total"].to_numpy())
    with pytest.raises(InputError, match="unknown level"):
        f.to_frame("bilateral")
    with pytest.raises(InputError, match="complex_rule"):
        value_added_flows(hand_table(), complex_rule="nearest")  # type: ignore[arg-type]
