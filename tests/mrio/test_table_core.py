"""Core MRIOTable behaviour and the synthetic world (identities on real arithmetic)."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.errors import BalanceError, InputError
from chainpower.mrio import (
    MRIOTable,
    leontief_inverse,
    leontief_solve,
    synthetic_table,
    synthetic_world,
    technical_coefficients,
    value_added_by_destination,
    value_added_coefficients,
    value_added_exports,
)


def test_synthetic_world_is_balanced_and_reproducible() -> None:
    world = synthetic_world(G=6, N=4, years=range(2000, 2004), seed=7)
    again = synthetic_world(G=6, N=4, years=range(2000, 2004), seed=7)
    assert [t.year for t in world] == [2000, 2001, 2002, 2003]
    for a, b in zip(world, again, strict=True):
        np.testing.assert_array_equal(a.Z, b.Z)
        assert a.balance.row < 1e-12 and a.balance.column < 1e-12
        assert (a.v > 0).all()
    assert not np.allclose(world[0].Z, world[-1].Z)


def test_leontief_identities_on_synthetic_table() -> None:
    t = synthetic_table(5, 3, seed=1)
    A = technical_coefficients(t.Z, t.x)
    B = leontief_inverse(A)
    # (I − A)·B = I and x = B·Y·1 (Miller & Blair eq. 2.9–2.10)
    np.testing.assert_allclose((np.eye(t.n) - A) @ B, np.eye(t.n), atol=1e-12)
    np.testing.assert_allclose(B @ t.Y.sum(axis=1), t.x, rtol=1e-12)
    np.testing.assert_allclose(leontief_solve(A, t.Y.sum(axis=1)), t.x, rtol=1e-12)
    # value added by destination: rows sum to v, total equals total final demand
    vby = value_added_by_destination(value_added_coefficients(t.v, t.x), B, t.Yc)
    np.testing.assert_allclose(vby.sum(axis=1), t.v, rtol=1e-10)
    vax = value_added_exports(vby, t.G, t.N)
    np.testing.assert_allclose(vax.sum(), t.Y.sum(), rtol=1e-12)
    np.testing.assert_allclose(vax.sum(axis=0), t.Yc.reshape(t.G, t.N, t.G).sum(axis=(0, 1)))


def _tiny(**over: object) -> dict[str, object]:
    Z = np.array([[10.0, 20.0], [30.0, 5.0]])
    Y = np.array([[70.0], [65.0]])
    x = Z.sum(axis=1) + Y.sum(axis=1)
    base: dict[str, object] = dict(
        Z=Z, Y=Y, V=x - Z.sum(axis=0), x=x, countries=("AAA",), sectors=("s1", "s2")
    )
    base.update(over)
    return base


def test_tiny_table_ok_and_immutable() -> None:
    t = MRIOTable(**_tiny())  # type: ignore[arg-type]
    assert t.labels == ["AAA/s1", "AAA/s2"]
    with pytest.raises(ValueError):
        t.Z[0, 0] = 1.0


def test_balance_error_names_row_and_file() -> None:
    kw = _tiny(origin="tiny.csv")
    Y = np.array([[70.0], [66.0]])  # second row off by one
    kw["Y"] = Y
    with pytest.raises(BalanceError, match=r"row balance.*tiny\.csv.*AAA/s2"):
        MRIOTable(**kw)  # type: ignore[arg-type]


def test_value_added_must_be_asked_for() -> None:
    kw = _tiny()
    with pytest.raises(InputError, match="derive_value_added"):
        MRIOTable.from_flows(kw["Z"], kw["Y"], countries=("AAA",), sectors=("s1", "s2"))
    t = MRIOTable.from_flows(
        kw["Z"], kw["Y"], countries=("AAA",), sectors=("s1", "s2"), derive_value_added=True
    )
    np.testing.assert_allclose(t.v, [60.0, 75.0])
