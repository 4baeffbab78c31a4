"""WWZ terms against a slow, independent reference written plainly from the textbook formulas.

The reference below loops over exporter s, importer r and third countries t, u and uses full
matrix inverses (``numpy.linalg.inv``), transcribing Wang, Wei & Zhu (2013, NBER w19677)
eq. (37) term by term. It shares no code with :mod:`chainpower.gvc`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from chainpower.gvc.decomposition import decompose_exports
from chainpower.gvc.wwz import WWZ_TERMS, wwz_terms
from chainpower.mrio.synthetic import synthetic_table


def reference_wwz(Z: np.ndarray, Y: np.ndarray, x: np.ndarray, G: int, N: int) -> np.ndarray:
    """Plain transcription of WWZ eq. (37); returns (G, N, G, 16)."""
    n = G * N
    A = Z / x[None, :]
    V = 1.0 - A.sum(axis=0)  # value-added coefficients (column balance)
    B = np.linalg.inv(np.eye(n) - A)

    def blk(M: np.ndarray, a: int, b: int) -> np.ndarray:
        return M[a * N : (a + 1) * N, b * N : (b + 1) * N]

    def vec(v: np.ndarray, a: int) -> np.ndarray:
        return v[a * N : (a + 1) * N]

    def Yv(a: int, b: int) -> np.ndarray:  # Y^ab, final demand of b for goods of a
        return Y[a * N : (a + 1) * N, b]

    L = [np.linalg.inv(np.eye(N) - blk(A, s, s)) for s in range(G)]
    X = [vec(x, s) for s in range(G)]
    Vs = [vec(V, s) for s in range(G)]
    # total exports of each country by sector, E^r*
    Estar = []
    for r in range(G):
        e = np.zeros(N)
        for u in range(G):
            if u != r:
                e += blk(A, r, u) @ X[u] + Yv(r, u)
        Estar.append(e)

    out = np.zeros((G, N, G, 16))
    for s in range(G):
        VsBss = Vs[s] @ blk(B, s, s)
        VsLss = Vs[s] @ L[s]
        for r in range(G):
            if r == s:
                continue
            Asr = blk(A, s, r)
            third = [t for t in range(G) if t not in (s, r)]
            t1 = VsBss * Yv(s, r)
            t2 = VsLss * (Asr @ blk(B, r, r) @ Yv(r, r))
            t3 = VsLss * (Asr @ sum((blk(B, r, t) @ Yv(t, t) for t in third), np.zeros(N)))
            t4 = VsLss * (Asr @ blk(B, r, r) @ sum((Yv(r, t) for t in third), np.zeros(N)))
            acc = np.zeros(N)
            for t in third:
                for u in range(G):
                    if u not in (s, t):
                        acc += blk(B, r, t) @ Yv(t, u)
            t5 = VsLss * (Asr @ acc)
            t6 = VsLss * (Asr @ blk(B, r, r) @ Yv(r, s))
            t7 = VsLss * (Asr @ sum((blk(B, r, t) @ Yv(t, s) for t in third), np.zeros(N)))
            t8 = VsLss * (Asr @ blk(B, r, s) @ Yv(s, s))
            Ys_out = sum((Yv(s, t) for t in range(G) if t != s), np.zeros(N))
            t9 = VsLss * (Asr @ blk(B, r, s) @ Ys_out)
            t10 = (VsBss - VsLss) * (Asr @ X[r])
            VrBrs = Vs[r] @ blk(B, r, s)
            VtBts = sum((Vs[t] @ blk(B, t, s) for t in third), np.zeros(N))
            fin = Yv(s, r)
            inter = Asr @ L[r] @ Yv(r, r)
            dc = Asr @ L[r] @ Estar[r]
            terms = [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10]
            terms += [VrBrs * fin, VrBrs * inter, VrBrs * dc]
            terms += [VtBts * fin, VtBts * inter, VtBts * dc]
            out[s, :, r, :] = np.stack(terms, axis=1)
    return out


@pytest.mark.parametrize(("G", "N", "seed"), [(4, 3, 11), (5, 2, 7)])
def test_wwz_matches_reference(
    G: int, N: int, seed: int, check_against_reference: Callable[..., None]
) -> None:
    check_against_reference(wwz_terms, reference_wwz, WWZ_TERMS, G, N, seed, rtol=1e-10)


def test_terms_sum_to_exports_and_diagonal_is_zero() -> None:
    table = synthetic_table(6, 4, seed=5)
    dec = decompose_exports(table)
    G, N = table.G, table.N
    E = table.Z.reshape(G, N, G, N).sum(axis=3) + table.Yc.reshape(G, N, G)
    for s in range(G):
        assert np.all(dec.terms[s, :, s, :] == 0)
        E[s, :, s] = 0
    np.testing.assert_allclose(dec.exports, E, rtol=1e-13)
    np.testing.assert_allclose(dec.terms.sum(axis=-1), E, rtol=1e-11, atol=1e-9)
    assert dec.terms.min() >= -1e-9  # every term is a non-negative flow on a non-negative table


def test_reuses_given_inverses() -> None:
    from chainpower.mrio.algebra import leontief_inverse, local_inverses, technical_coefficients

    table = synthetic_table(4, 3, seed=2)
    A = technical_coefficients(table.Z, table.x)
    B, L = leontief_inverse(A), local_inverses(A, 4, 3)
    a = decompose_exports(table).terms
    b = decompose_exports(table, B=B, L=L).terms
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
    # a wrong B is really used (so the argument is not ignored)
    c = wwz_terms(table.Z, table.Yc, table.v, table.x, 4, 3, B=2 * B, L=L)
    assert not np.allclose(a, c)


def test_bad_shapes_raise() -> None:
    from chainpower.errors import InputError

    table = synthetic_table(3, 2, seed=1)
    with pytest.raises(InputError, match="Y has shape"):
        wwz_terms(table.Z, table.Y, table.v, table.x, 3, 2)  # Y with categories, not (n, G)
    Z = table.Z.copy()
    Z[4, 1] = np.nan
    with pytest.raises(InputError, match="row 4"):
        wwz_terms(Z, table.Yc, table.v, table.x, 3, 2)
