"""Closed-form hypothetical extraction equals explicit re-inversion (acceptance 1)."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.mrio.table import MRIOTable
from chainpower.scenarios.extraction import (
    extract_cells,
    extract_cells_by_reinversion,
    extract_each,
    extract_each_by_reinversion,
    extraction_system,
    factorise,
)


def _close(a: np.ndarray, b: np.ndarray, scale: float) -> float:
    return float(np.abs(a - b).max() / scale)


def _random_system(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    M = rng.random((n, n)) ** 3  # skewed, like real tables
    M *= rng.uniform(0.2, 0.7, n) / M.sum(axis=0)
    return M, rng.uniform(1, 10, n)


@pytest.mark.parametrize("direction", ["backward", "forward"])
def test_single_cells_links_and_sets_random(small: MRIOTable, direction: str) -> None:
    M, r = extraction_system(small, direction)  # type: ignore[arg-type]
    n, N = M.shape[0], small.N
    lu = factorise(M)
    x = np.linalg.solve(np.eye(n) - M, r)
    cases = [
        ([3], [7]),  # one cell
        ([5], list(range(n))),  # a whole row
        (list(range(n)), [2]),  # a whole column
        (list(range(N, 2 * N)), list(range(3 * N, 4 * N))),  # bilateral link, all sectors
        ([N + 1], [g * N + j for g in (0, 2, 4) for j in range(N)]),  # exports to a group
        (list(range(0, n, 3)), list(range(1, n, 2))),  # an arbitrary set
    ]
    for rows, cols in cases:
        for share in (1.0, 0.35):
            got = extract_cells(M, r, rows, cols, share=share, lu=lu)
            ref = extract_cells_by_reinversion(M, r, rows, cols, share=share)
            assert _close(got, ref, x.max()) < 1e-12, (rows, cols, share)
            assert (got <= x + 1e-9 * x.max()).all()  # removing inputs never raises output


def test_all_sectors_at_once_random() -> None:
    M, r = _random_system(60, 3)
    total, delta = extract_each(M, r, full=True)
    ref = extract_each_by_reinversion(M, r)
    x = np.linalg.solve(np.eye(60) - M, r)
    assert delta is not None
    assert _close(delta, ref, x.max()) < 1e-12
    assert _close(total, ref.sum(axis=0), x.sum()) < 1e-12
    # the Sherman–Morrison rank-1 form by hand for one column
    L = np.linalg.inv(np.eye(60) - M)
    k = 17
    hand = (L[:, k] - np.eye(60)[:, k]) * x[k] / L[k, k]
    np.testing.assert_allclose(delta[:, k], hand, rtol=1e-12, atol=1e-12 * x.max())


def test_extract_each_without_full_matches_full() -> None:
    M, r = _random_system(25, 8)
    t1, none = extract_each(M, r)
    t2, d = extract_each(M, r, full=True)
    assert none is None and d is not None
    np.testing.assert_allclose(t1, t2, rtol=1e-13)


@pytest.mark.shared_data
@pytest.mark.parametrize("direction", ["backward", "forward"])
def test_wiod_cells_links_and_all_sectors(wiod2011: MRIOTable, direction: str) -> None:
    t = wiod2011
    M, r = extraction_system(t, direction)  # type: ignore[arg-type]
    N = t.N
    chn, usa, jpn = (t.countries.index(c) for c in ("CHN", "USA", "JPN"))
    lu = factorise(M)
    x = sla_x = extract_cells(M, r, [], [], lu=lu)
    cases = [
        ([chn * N + 13], [usa * N + 14]),  # CHN electrical equipment → US transport equipment
        ([chn * N + i for i in range(N)], [usa * N + j for j in range(N)]),  # CHN → USA link
        ([chn * N + 13], [g * N + j for g in (usa, jpn) for j in range(N)]),  # to a group
    ]
    for rows, cols in cases:
        if direction == "forward":  # H[R, C] is (H')[C, R]
            rows, cols = cols, rows
        got = extract_cells(M, r, rows, cols, lu=lu)
        ref = extract_cells_by_reinversion(M, r, rows, cols)
        assert _close(got, ref, sla_x.max()) < 1e-9
    total, delta = extract_each(M, r, full=True)
    assert delta is not None
    which = [0, chn * N + 13, usa * N + 14, jpn * N + 11, t.n - 1]
    ref = extract_each_by_reinversion(M, r, which)
    assert _close(delta[:, which], ref, x.max()) < 1e-9
    assert _close(total[which], ref.sum(axis=0), x.sum()) < 1e-9
