"""The memory-lean indicator route gives the frame of compute_indicators."""

from __future__ import annotations

import numpy as np
import pandas as pd

from chainpower.gvc.indicators import compute_indicators
from chainpower.gvc.lean import compute_indicators_lean, leontief_inverse_inplace
from chainpower.mrio.algebra import leontief_inverse, technical_coefficients
from chainpower.mrio.synthetic import synthetic_table


def test_lean_route_equals_default_route() -> None:
    t = synthetic_table(6, 5, seed=4)
    A = technical_coefficients(t.Z, t.x)
    A0 = A.copy()
    B = leontief_inverse(A)
    for block in (None, 7, 1024):  # getri in place; blocked solves (ragged last block); one block
        np.testing.assert_allclose(leontief_inverse_inplace(A, block=block), B, rtol=1e-12)
    np.testing.assert_array_equal(A, A0)  # the input is left unchanged
    ref = compute_indicators(t)
    got = compute_indicators_lean(t)
    pd.testing.assert_frame_equal(got, ref, rtol=1e-9, atol=1e-9)
