"""The array backend: the generic (CuPy) code path through a NumPy stand-in, and CuPy if present."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from chainpower.errors import InputError
from chainpower.mrio.algebra import leontief_inverse, leontief_solve
from chainpower.mrio.backend import array_backend, get_backend
from chainpower.scenarios.extraction import extract_each


def _system(n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2)
    A = rng.random((n, n))
    A *= 0.6 / A.sum(axis=0)
    return A, rng.random((n, 3))


@pytest.mark.parametrize(
    "make", [lambda: get_backend("numpy"), lambda: array_backend(np, "stand-in")]
)
def test_generic_path_equals_lapack_path(make) -> None:  # noqa: ANN001
    be = make()
    A, rhs = _system()
    np.testing.assert_allclose(be.leontief_inverse(A), leontief_inverse(A), rtol=1e-12)
    np.testing.assert_allclose(be.leontief_solve(A, rhs), leontief_solve(A, rhs), rtol=1e-12)
    np.testing.assert_allclose(
        be.leontief_solve(A, rhs, transpose=True),
        leontief_solve(A, rhs, transpose=True),
        rtol=1e-12,
    )
    t1, d1 = extract_each(A, rhs[:, 0], full=True)
    t2, d2 = extract_each(A, rhs[:, 0], full=True, backend=be)
    np.testing.assert_allclose(t1, t2, rtol=1e-12)
    np.testing.assert_allclose(d1, d2, rtol=1e-10, atol=1e-14)  # type: ignore[arg-type]


def test_unknown_and_missing_backends() -> None:
    with pytest.raises(InputError, match="unknown backend"):
        get_backend("tpu")
    if importlib.util.find_spec("cupy") is None:
        with pytest.raises(InputError, match="needs CuPy"):
            get_backend("cupy")


@pytest.mark.skipif(importlib.util.find_spec("cupy") is None, reason="CuPy is not installed")
def test_cupy_on_gpu() -> None:
    try:
        be = get_backend("cupy")
    except InputError as exc:
        pytest.skip(f"no usable GPU: {exc}")
    A, rhs = _system(200)
    np.testing.assert_allclose(be.leontief_inverse(A), leontief_inverse(A), rtol=1e-10)
    np.testing.assert_allclose(be.leontief_solve(A, rhs), leontief_solve(A, rhs), rtol=1e-10)
