"""Borin–Mancini (2023) source-based decomposition: a slow reference with explicit extraction
inverses, adding-up, trade-based participation, and the identities that link it to WWZ."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from chainpower.gvc.borin_mancini import BM_TERMS, bm_terms, borin_mancini
from chainpower.gvc.decomposition import decompose_exports
from chainpower.mrio.synthetic import synthetic_table


def reference_bm(Z: np.ndarray, Y: np.ndarray, x: np.ndarray, G: int, N: int) -> np.ndarray:
    """Borin & Mancini (2023) section 3, country perspective, written with loops and an
    explicit extraction inverse ``(I − A^{(s)})⁻¹`` per exporter (no partitioned-inverse trick).
    Returns (G, N, G, 10) in the order DAVAX1, DAVAX2, REX1, REX2, REX3, REF1, REF2, DDC, FVA,
    FDC."""
    n = G * N
    A = Z / x[None, :]
    V = 1.0 - A.sum(axis=0)
    B = np.linalg.inv(np.eye(n) - A)

    def sl(a: int) -> slice:
        return slice(a * N, (a + 1) * N)

    L = [np.linalg.inv(np.eye(N) - A[sl(r), sl(r)]) for r in range(G)]
    BY = B @ Y  # (n, G): output of each country-sector for final demand of each country
    out = np.zeros((G, N, G, 10))
    for s in range(G):
        A_ext = A.copy()
        for r in range(G):
            if r != s:
                A_ext[sl(s), sl(r)] = 0.0  # extract s's intermediate exports
        Bx = np.linalg.inv(np.eye(n) - A_ext)
        VsLss = V[sl(s)] @ Bx[sl(s), sl(s)]
        np.testing.assert_allclose(Bx[sl(s), sl(s)], L[s], rtol=1e-12)
        VsBss = V[sl(s)] @ B[sl(s), sl(s)]
        fva = sum(V[sl(t)] @ Bx[sl(t), sl(s)] for t in range(G) if t != s)
        fc = sum(V[sl(t)] @ B[sl(t), sl(s)] for t in range(G) if t != s)
        for r in range(G):
            if r == s:
                continue
            Asr = A[sl(s), sl(r)]
            E = Asr @ x[sl(r)] + Y[sl(s), r]
            # r's intermediate exports by final destination l: Σ_{j≠r} A^rj Σ_k B^jk Y^kl
            Fr = sum(A[sl(r), sl(j)] @ BY[sl(j), :] for j in range(G) if j != r)
            rex1_y = sum(Y[sl(r), j] for j in range(G) if j not in (s, r))
            rex2_f = sum(Fr[:, l] for l in range(G) if l not in (s, r))
            davax2 = Asr @ L[r] @ Y[sl(r), r]
            cols = [
                VsLss * Y[sl(s), r],
                VsLss * davax2,
                VsLss * (Asr @ L[r] @ rex1_y),
                VsLss * (Asr @ L[r] @ rex2_f),
                VsLss * (Asr @ L[r] @ Fr[:, r]),
                VsLss * (Asr @ L[r] @ Y[sl(r), s]),
                VsLss * (Asr @ L[r] @ Fr[:, s]),
                (VsBss - VsLss) * E,
                fva * E,
                (fc - fva) * E,
            ]
            out[s, :, r, :] = np.stack(cols, axis=1)
    return out


@pytest.mark.parametrize(("G", "N", "seed"), [(4, 3, 21), (5, 2, 8)])
def test_bm_matches_reference(
    G: int, N: int, seed: int, check_against_reference: Callable[..., None]
) -> None:
    check_against_reference(bm_terms, reference_bm, BM_TERMS, G, N, seed, rtol=1e-9)


def test_bm_adds_up_and_participation() -> None:
    table = synthetic_table(6, 4, seed=9)
    res = borin_mancini(table)
    np.testing.assert_allclose(res.terms.sum(axis=-1), res.exports, rtol=1e-11, atol=1e-9)
    g = res.groups("country")
    np.testing.assert_allclose(g["DVA"] + g["DDC"] + g["FVA"] + g["FDC"], g["E"], rtol=1e-12)
    p = res.participation("country")
    c = res.country()
    k = {name: i for i, name in enumerate(BM_TERMS)}
    fwd = c[:, [k["REX1"], k["REX2"], k["REX3"], k["REF1"], k["REF2"]]].sum(axis=1)
    bwd = c[:, k["FVA"]] + c[:, k["DDC"]] + c[:, k["FDC"]]
    np.testing.assert_allclose(p["GVC_trade_f"], fwd, rtol=1e-12)
    np.testing.assert_allclose(p["GVC_trade_b"], bwd, rtol=1e-12)
    np.testing.assert_allclose(p["GVCP_trade"], (fwd + bwd) / res.exports.sum(axis=(1, 2)))
    # GVC trade = exports minus traditional (DAVAX) trade, BM 2023 section 5
    np.testing.assert_allclose(p["GVC_trade"], g["E"] - g["DAVAX"], rtol=1e-12)
    assert np.all((p["GVCP_trade"] > 0) & (p["GVCP_trade"] < 1))
    frame = res.participation_frame("sector")
    assert set(frame["indicator"]) == {
        "GVC_trade_f",
        "GVC_trade_b",
        "GVC_trade",
        "GVCP_trade_f",
        "GVCP_trade_b",
        "GVCP_trade",
    }
    assert len(frame) == 6 * table.G * table.N


def test_wwz_bm_consistency_identities() -> None:
    """WWZ (2013) and BM (2023) split the same gross exports; at the country level their
    domestic value added, domestic double counting and total foreign content agree (the
    source-based DVA of total exports equals KWW's DVA, as Borin & Mancini 2023 show), and in
    every cell the
    domestic content (DVA + DDC) and the foreign content (FVA + FDC) agree."""
    table = synthetic_table(7, 3, seed=4)
    w, b = decompose_exports(table), borin_mancini(table)
    gw, gb = w.groups("bilateral"), b.groups("bilateral")
    np.testing.assert_allclose(gw["DVA"] + gw["DDC"], gb["DVA"] + gb["DDC"], rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(gw["FV"], gb["FVA"] + gb["FDC"], rtol=1e-10, atol=1e-9)
    cw, cb = w.groups("country"), b.groups("country")
    np.testing.assert_allclose(cw["DVA"], cb["DVA"], rtol=1e-11)
    np.testing.assert_allclose(cw["DDC"], cb["DDC"], rtol=1e-9)
    np.testing.assert_allclose(cw["FVA"] + cw["FDC"], cb["FVA"] + cb["FDC"], rtol=1e-11)
    # value-added exports: WWZ's VAX (T1..T5) and BM's VAX are not the same split, but both are
    # bounded by DVA
    assert np.all(cb["VAX"] <= cb["DVA"] + 1e-9) and np.all(cw["VAX"] <= cw["DVA"] + 1e-9)
