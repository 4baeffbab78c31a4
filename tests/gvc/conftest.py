"""Shared checks for the GVC decomposition tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest

from chainpower.mrio.synthetic import synthetic_table

TermsFn = Callable[..., np.ndarray]
ReferenceFn = Callable[[np.ndarray, np.ndarray, np.ndarray, int, int], np.ndarray]


def _check_against_reference(
    fast_fn: TermsFn,
    reference_fn: ReferenceFn,
    names: Sequence[str],
    G: int,
    N: int,
    seed: int,
    rtol: float,
) -> None:
    """Compare a fast ``(G, N, G, K)`` term function with its loop reference on a synthetic
    table: every term is exercised (non-zero somewhere in the reference) and matches."""
    table = synthetic_table(G, N, seed=seed)
    fast = fast_fn(table.Z, table.Yc, table.v, table.x, G, N)
    ref = reference_fn(table.Z, table.Yc, table.x, G, N)
    scale = np.abs(ref).max()
    assert scale > 0
    for k, name in enumerate(names):
        assert np.abs(ref[..., k]).max() > 0, name
        np.testing.assert_allclose(fast[..., k], ref[..., k], rtol=rtol, atol=1e-12 * scale)


@pytest.fixture()
def check_against_reference() -> Callable[..., None]:
    """:func:`_check_against_reference` as a fixture (test modules are not importable)."""
    return _check_against_reference
