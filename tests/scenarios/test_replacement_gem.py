"""Global Extraction Method re-sourcing conserves the extracted input volume (acceptance 1)."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.errors import InputError
from chainpower.mrio.algebra import technical_coefficients
from chainpower.mrio.table import MRIOTable
from chainpower.scenarios.replacement import ReplacementReport, replace_inputs
from chainpower.scenarios.spec import Scenario


def _by_product(M: np.ndarray, N: int) -> np.ndarray:
    """Column sums of ``M`` per product (rows summed over origin countries), ``(N, m)``."""
    return M.reshape(-1, N, M.shape[1]).sum(axis=0)


def _run(
    t: MRIOTable, **kw: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, ReplacementReport]:
    sc = Scenario.extraction("x", **kw)  # type: ignore[arg-type]
    res = sc.resolve(t.countries, t.sectors)
    A = technical_coefficients(t.Z, t.x)
    As, Ys, rep = replace_inputs(A, np.array(t.Yc), t.x, res)
    return A, As, Ys, res.cols, rep


@pytest.mark.parametrize(
    "replace",
    [
        {"replace_from": ("C3", "C4")},
        {"replace_from": ("C3", "C4"), "replace_shares": {"C3": 0.25, "C4": 0.75}},
        {"replace_from": "domestic"},
    ],
)
@pytest.mark.parametrize("share", [1.0, 0.4])
def test_conservation_random(small: MRIOTable, replace: dict, share: float) -> None:
    t = small
    A, As, Ys, cols, rep = _run(
        t, origin=("C1",), sectors=("S2", "S3"), destination=("C2", "C5"), share=share, **replace
    )
    N = t.N
    # per product and buyer, the input volume is unchanged: technology is kept (DvBK 2019, eq. 9)
    np.testing.assert_allclose(_by_product(As, N), _by_product(A, N), rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(_by_product(Ys, N), _by_product(np.array(t.Yc), N), rtol=1e-13)
    # the extracted cells are cut by `share` ...
    R = np.array([0 * N + 1, 0 * N + 2])
    np.testing.assert_allclose(As[np.ix_(R, cols)], (1 - share) * A[np.ix_(R, cols)])
    # ... and what was cut is exactly what the new origins now supply
    assert rep.replaced_intermediate == pytest.approx(rep.extracted_intermediate, rel=1e-12)
    assert rep.replaced_final == pytest.approx(rep.extracted_final, rel=1e-12)
    assert rep.extracted_intermediate > 0 and rep.extracted_final > 0
    # untouched columns stay untouched
    other = np.setdiff1d(np.arange(t.n), cols)
    np.testing.assert_array_equal(As[:, other], A[:, other])


def test_current_shares_are_pro_rata(small: MRIOTable) -> None:
    t = small
    A, As, _, cols, _ = _run(
        t, origin=("C1",), sectors=("S1",), destination=("C2",), replace_from=("C3", "C4")
    )
    N = t.N
    t3, t4 = 2 * N, 3 * N  # sector S01 of C3 and C4
    gain3, gain4 = As[t3, cols] - A[t3, cols], As[t4, cols] - A[t4, cols]
    np.testing.assert_allclose(gain3 / (gain3 + gain4), A[t3, cols] / (A[t3, cols] + A[t4, cols]))
    np.testing.assert_allclose(gain3 + gain4, A[0, cols])


def test_output_weighted_when_origins_sell_nothing(small: MRIOTable) -> None:
    t = small
    Z = np.array(t.Z)
    N = t.N
    buyer = 1 * N + 0  # C2/S01
    Z[2 * N + 1, buyer] = 0.0  # C3/S02 sells nothing to C2/S01 …
    Z[3 * N + 1, buyer] = 0.0  # … nor does C4/S02
    t2 = MRIOTable.from_flows(
        Z,
        t.Y,
        countries=t.countries,
        sectors=t.sectors,
        fd_categories=t.fd_categories,
        derive_value_added=True,
    )
    A, As, _, cols, rep = _run(
        t2, origin=("C1",), sectors=("S2",), destination=("C2",), replace_from=("C3", "C4")
    )
    assert rep.output_weighted == 1
    g3 = As[2 * N + 1, buyer] - A[2 * N + 1, buyer]
    g4 = As[3 * N + 1, buyer] - A[3 * N + 1, buyer]
    assert g3 / (g3 + g4) == pytest.approx(t2.x[2 * N + 1] / (t2.x[2 * N + 1] + t2.x[3 * N + 1]))
    assert g3 + g4 == pytest.approx(A[1, buyer])


def test_origins_without_the_product_are_refused(small: MRIOTable) -> None:
    t = small
    Z, Y = np.array(t.Z), np.array(t.Y)
    N = t.N
    for k in (2 * N + 1, 3 * N + 1):  # C3/S02 and C4/S02 produce nothing
        Z[k, :] = 0.0
        Z[:, k] = 0.0
        Y[k, :] = 0.0
    t2 = MRIOTable.from_flows(
        Z,
        Y,
        countries=t.countries,
        sectors=t.sectors,
        fd_categories=t.fd_categories,
        derive_value_added=True,
    )
    with pytest.raises(InputError, match="produce none of this product"):
        _run(t2, origin=("C1",), sectors=("S2",), destination=("C2",), replace_from=("C3", "C4"))


@pytest.mark.shared_data
def test_conservation_wiod_friendshoring(wiod2011: MRIOTable) -> None:
    t = wiod2011
    A, As, Ys, cols, rep = _run(
        t,
        origin=("CHN",),
        sectors=("c14",),
        destination=("USA",),
        replace_from=("JPN", "KOR", "TWN", "DEU"),
    )
    np.testing.assert_allclose(
        _by_product(As, t.N)[:, cols], _by_product(A, t.N)[:, cols], rtol=1e-12, atol=1e-15
    )
    np.testing.assert_allclose(
        _by_product(Ys, t.N), _by_product(np.array(t.Yc), t.N), rtol=1e-12, atol=1e-9
    )
    assert rep.replaced_intermediate == pytest.approx(rep.extracted_intermediate, rel=1e-12)
    assert rep.extracted_intermediate == pytest.approx(72769.0, rel=1e-9)  # = Z[CHN/c14, USA/·]
    usa, chn = t.countries.index("USA"), t.countries.index("CHN")
    assert rep.extracted_intermediate == pytest.approx(
        t.Z[chn * t.N + 13, usa * t.N : (usa + 1) * t.N].sum(), rel=1e-12
    )
