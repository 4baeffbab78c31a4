"""A, B and x on the WIOD 2011 table against pymrio (an independent implementation).

pymrio builds ``A = Z·diag(x)⁻¹`` with zero columns where ``x = 0``, the Leontief inverse with
``numpy.linalg.inv`` and output either as row totals or ``x = L·y``; chainpower uses LU
factorisation (:mod:`chainpower.mrio.algebra`). Agreement is required to 1e-10 relative.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.mrio.algebra import leontief_inverse, leontief_solve, technical_coefficients
from chainpower.mrio.io import read_wiod2013

pymrio = pytest.importorskip("pymrio")

pytestmark = pytest.mark.shared_data

RTOL = 1e-10


def _max_rel(got: np.ndarray, want: np.ndarray) -> float:
    """Largest elementwise ``|got − want|``, relative to ``|want|`` where that is above
    1e-6·max|want| and to 1e-6·max|want| below it (so round-off on entries near zero is
    judged against the matrix scale, not against the tiny entry itself)."""
    floor = 1e-6 * np.abs(want).max()
    return float((np.abs(got - want) / np.maximum(np.abs(want), floor)).max())


@pytest.fixture(scope="module")
def wiod2011(shared_data: Path):
    folder = shared_data / "mrio" / "wiod2013_bquast" / "npz"
    if not folder.is_dir():
        pytest.skip(f"WIOD 2013 npz folder not found: {folder}")
    return read_wiod2013(2011, path=folder)


def test_A_B_x_agree_with_pymrio_functions(wiod2011) -> None:
    t = wiod2011
    idx = pd.MultiIndex.from_product([t.countries, t.sectors], names=["region", "sector"])
    Zdf = pd.DataFrame(np.asarray(t.Z), index=idx, columns=idx)
    Ydf = pd.DataFrame(np.asarray(t.Yc), index=idx, columns=list(t.countries))

    x_p = pymrio.calc_x(Zdf, Ydf).to_numpy().ravel()
    np.testing.assert_allclose(t.x, x_p, rtol=RTOL, atol=0)

    A_p = pymrio.calc_A(Zdf, x_p).to_numpy()
    A = technical_coefficients(t.Z, t.x)
    np.testing.assert_allclose(A, A_p, rtol=RTOL, atol=0)

    L_p = pymrio.calc_L(pd.DataFrame(A_p, index=idx, columns=idx)).to_numpy()
    B = leontief_inverse(A)
    assert _max_rel(B, L_p) <= RTOL
    # the bulk of B (entries above 1e-6 of its largest) agrees elementwise to 1e-10 as well
    big = np.abs(L_p) > 1e-6 * np.abs(L_p).max()
    assert big.mean() > 0.5
    np.testing.assert_allclose(B[big], L_p[big], rtol=RTOL)

    # output from the inverse: pymrio x = L·y against chainpower's LU solve and B·y
    x_from_L = pymrio.calc_x_from_L(L_p, Ydf.sum(axis=1).to_numpy()).ravel()
    np.testing.assert_allclose(leontief_solve(A, t.Yc.sum(axis=1)), x_from_L, rtol=RTOL)
    np.testing.assert_allclose(B @ t.Yc.sum(axis=1), x_from_L, rtol=RTOL)
    np.testing.assert_allclose(x_from_L, t.x, rtol=RTOL)


def test_A_B_x_agree_with_pymrio_iosystem(wiod2011) -> None:
    """The same through pymrio's own pipeline: ``IOSystem(Z, Y).calc_all()``."""
    t = wiod2011
    idx = pd.MultiIndex.from_product([t.countries, t.sectors], names=["region", "sector"])
    ycols = pd.MultiIndex.from_product([t.countries, t.fd_categories], names=["region", "category"])
    io = pymrio.IOSystem(
        Z=pd.DataFrame(np.asarray(t.Z), index=idx, columns=idx),
        Y=pd.DataFrame(np.asarray(t.Y), index=idx, columns=ycols),
    )
    io.calc_all()
    A = technical_coefficients(t.Z, t.x)
    np.testing.assert_allclose(io.x.to_numpy().ravel(), t.x, rtol=RTOL, atol=0)
    np.testing.assert_allclose(A, io.A.to_numpy(), rtol=RTOL, atol=0)
    assert _max_rel(leontief_inverse(A), io.L.to_numpy()) <= RTOL
