"""Array backends for the dense linear algebra of one table: NumPy (default) or CuPy (GPU).

The backend is always chosen explicitly (``backend="cupy"``); nothing switches to a GPU on its
own and CuPy is never required. Every routine here is written once against the array-module
interface both libraries share (``xp.asarray``, ``xp.eye``, ``xp.linalg.solve``,
``xp.linalg.inv``, ``@``), so the GPU path runs the very code the NumPy path runs; tests drive
it through a NumPy stand-in (:func:`array_backend` on ``numpy``) and, where a GPU and CuPy
exist, through CuPy itself.

Formulas (Miller & Blair 2009, eq. 2.9; shapes ``A (n, n)``, ``rhs (n,)`` or ``(n, k)``):
``B = (I − A)⁻¹`` and ``X = (I − A)⁻¹·rhs`` (or ``(I − A)'⁻¹·rhs``). Results come back as
NumPy arrays. Memory on the device: ``I − A`` and the result, two ``(n, n)`` arrays
(2 × 0.77 GB in float64 at EXIOBASE size, ``n = 9,800``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from chainpower.errors import InputError

__all__ = ["BACKENDS", "ArrayBackend", "array_backend", "get_backend"]

FloatArray = NDArray[np.float64]
BACKENDS: tuple[str, ...] = ("numpy", "cupy")


@dataclass(frozen=True)
class ArrayBackend:
    """An array module ``xp`` and how to bring its arrays back to NumPy."""

    name: str
    xp: ModuleType

    def to_device(self, a: Any) -> Any:
        return self.xp.asarray(np.asarray(a, dtype=np.float64))

    def to_numpy(self, a: Any) -> FloatArray:
        get = getattr(a, "get", None)  # CuPy arrays copy to the host with .get()
        return np.asarray(get() if callable(get) else a, dtype=np.float64)

    def _i_minus(self, A: Any) -> Any:
        M = -self.to_device(A)
        n = M.shape[0]
        M[self.xp.arange(n), self.xp.arange(n)] += 1.0
        return M

    def leontief_inverse(self, A: FloatArray) -> FloatArray:
        """``B = (I − A)⁻¹`` ``(n, n)``, computed on this backend."""
        return self.to_numpy(self.xp.linalg.inv(self._i_minus(A)))

    def leontief_solve(
        self, A: FloatArray, rhs: FloatArray, *, transpose: bool = False
    ) -> FloatArray:
        """``(I − A)·X = rhs`` (or ``(I − A)'·X = rhs``); ``rhs (n,)`` or ``(n, k)``."""
        M = self._i_minus(A)
        if transpose:
            M = M.T
        return self.to_numpy(self.xp.linalg.solve(M, self.to_device(rhs)))


def array_backend(xp: ModuleType, name: str | None = None) -> ArrayBackend:
    """A backend over any NumPy-compatible array module (CuPy, or NumPy as a stand-in)."""
    for attr in ("asarray", "eye", "arange", "linalg"):
        if not hasattr(xp, attr):
            raise InputError(f"array module {xp.__name__!r} lacks {attr!r}")
    return ArrayBackend(name or xp.__name__, xp)


def get_backend(name: Literal["numpy", "cupy"] | str = "numpy") -> ArrayBackend:
    """``"numpy"`` or ``"cupy"``; CuPy must be installed and see a GPU, else a clear error."""
    if name == "numpy":
        return ArrayBackend("numpy", np)
    if name != "cupy":
        raise InputError(f"unknown backend {name!r}; use one of {list(BACKENDS)}")
    try:
        cp = importlib.import_module("cupy")
    except ImportError:
        raise InputError(
            "backend 'cupy' needs CuPy (pip install cupy-cuda12x) and an NVIDIA GPU; "
            "it is optional: the default backend is 'numpy'"
        ) from None
    try:
        count = int(cp.cuda.runtime.getDeviceCount())
    except Exception as exc:  # CUDA driver missing or broken
        raise InputError(f"backend 'cupy': no usable GPU ({exc})") from None
    if count < 1:
        raise InputError("backend 'cupy': CuPy sees no GPU")
    return array_backend(cp, "cupy")
