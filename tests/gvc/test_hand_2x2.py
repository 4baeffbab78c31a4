"""A 2-country × 2-sector table decomposed by hand, in exact rational arithmetic.

Countries H (home) and F (foreign), sectors a and b, every output x = 100:

    Z (rows sell, columns buy)          Y (final demand of H, F)
           Ha  Hb  Fa  Fb
    Ha     10  20   5  10                40  15
    Hb     20  10  10   5                30  25
    Fa      5  10  20  10                10  45
    Fb     10   5  10  20                20  35

Every column of Z sums to 45, so value-added coefficients are V = 0.55 everywhere. Blocks of
A = Z/100 (2×2 each):  A^HH = [[.1, .2], [.2, .1]],  A^HF = A^FH = [[.05, .1], [.1, .05]],
A^FF = [[.2, .1], [.1, .2]].

Worked steps (closed-form 2×2 inverse  [[a, b], [c, d]]⁻¹ = [[d, −b], [−c, a]] / (ad − bc)):

* L^HH = (I − A^HH)⁻¹: det = .9·.9 − .2·.2 = .77 → L^HH = [[90, 20], [20, 90]] / 77
* L^FF = (I − A^FF)⁻¹: det = .8·.8 − .1·.1 = .63 → L^FF = [[80, 10], [10, 80]] / 63
* B^HH = (I − A^HH − A^HF L^FF A^FH)⁻¹ (partitioned inverse, Miller & Blair 2009, sec. A.5)
  = [[17792, 4328], [4328, 17792]] / 14773;  B^FH = L^FF A^FH B^HH; B^HF, B^FF symmetric.
* With two countries there is no third country: WWZ terms T3, T4, T5, T7, T14, T15, T16 and
  Borin–Mancini REX1, REX2 are zero; the rest follow WWZ (2013) eq. (37) and Borin & Mancini
  (2023) section 3 as written out in :func:`hand_wwz` and :func:`hand_bm`.

The library is not called for any expected value; it is compared with these numbers.
"""

from __future__ import annotations

from fractions import Fraction as Fr

import numpy as np

from chainpower.gvc.borin_mancini import BM_TERMS, borin_mancini
from chainpower.gvc.decomposition import decompose_exports
from chainpower.gvc.kww import koopman_arrays
from chainpower.gvc.wwz import WWZ_TERMS
from chainpower.mrio.table import MRIOTable

Mat = list[list[Fr]]
Vec = list[Fr]

Z_INT = [[10, 20, 5, 10], [20, 10, 10, 5], [5, 10, 20, 10], [10, 5, 10, 20]]
Y_INT = [[40, 15], [30, 25], [10, 45], [20, 35]]
I2: Mat = [[Fr(1), Fr(0)], [Fr(0), Fr(1)]]


def inv2(M: Mat) -> Mat:
    (a, b), (c, d) = M
    det = a * d - b * c
    return [[d / det, -b / det], [-c / det, a / det]]


def mul(M: Mat, N: Mat) -> Mat:
    return [[M[i][0] * N[0][j] + M[i][1] * N[1][j] for j in range(2)] for i in range(2)]


def sub(M: Mat, N: Mat) -> Mat:
    return [[M[i][j] - N[i][j] for j in range(2)] for i in range(2)]


def mv(M: Mat, v: Vec) -> Vec:
    return [M[0][0] * v[0] + M[0][1] * v[1], M[1][0] * v[0] + M[1][1] * v[1]]


def vm(v: Vec, M: Mat) -> Vec:  # row vector times matrix
    return [v[0] * M[0][0] + v[1] * M[1][0], v[0] * M[0][1] + v[1] * M[1][1]]


def had(u: Vec, v: Vec) -> Vec:  # the element-wise product "#"
    return [u[0] * v[0], u[1] * v[1]]


def add(*vs: Vec) -> Vec:
    return [sum((v[0] for v in vs), Fr(0)), sum((v[1] for v in vs), Fr(0))]


def minus(u: Vec, v: Vec) -> Vec:
    return [u[0] - v[0], u[1] - v[1]]


ZERO: Vec = [Fr(0), Fr(0)]

# -- the table by blocks ---------------------------------------------------------------------
X = Fr(100)
A = {
    (s, r): [[Fr(Z_INT[2 * s + i][2 * r + j]) / X for j in range(2)] for i in range(2)]
    for s in range(2)
    for r in range(2)
}
Yv = {(s, r): [Fr(Y_INT[2 * s][r]), Fr(Y_INT[2 * s + 1][r])] for s in range(2) for r in range(2)}
V = {s: [Fr(55, 100), Fr(55, 100)] for s in range(2)}  # 1 − 45/100 in every column
Xv = {s: [X, X] for s in range(2)}
L = {s: inv2(sub(I2, A[s, s])) for s in range(2)}
# global inverse by the partitioned formula: B^ss = (I − A^ss − A^sr L^rr A^rs)⁻¹,
# B^rs = L^rr A^rs B^ss
B: dict[tuple[int, int], Mat] = {}
for _s, _r in ((0, 1), (1, 0)):
    B[_s, _s] = inv2(sub(sub(I2, A[_s, _s]), mul(mul(A[_s, _r], L[_r]), A[_r, _s])))
for _s, _r in ((0, 1), (1, 0)):
    B[_r, _s] = mul(mul(L[_r], A[_r, _s]), B[_s, _s])


def hand_wwz(s: int, r: int) -> dict[str, Vec]:
    """WWZ (2013) eq. (37) for exporter s, importer r, with no third country."""
    VsBss, VsLss = vm(V[s], B[s, s]), vm(V[s], L[s])
    VrBrs = vm(V[r], B[r, s])
    Asr = A[s, r]
    E_r_star = add(mv(A[r, s], Xv[s]), Yv[r, s])  # total exports of r (only to s)
    return {
        "DVA_FIN": had(VsBss, Yv[s, r]),
        "DVA_INT": had(VsLss, mv(Asr, mv(B[r, r], Yv[r, r]))),
        "DVA_INTrexI1": ZERO,
        "DVA_INTrexF": ZERO,
        "DVA_INTrexI2": ZERO,
        "RDV_FIN": had(VsLss, mv(Asr, mv(B[r, r], Yv[r, s]))),
        "RDV_FIN2": ZERO,
        "RDV_INT": had(VsLss, mv(Asr, mv(B[r, s], Yv[s, s]))),
        "DDC_FIN": had(VsLss, mv(Asr, mv(B[r, s], Yv[s, r]))),
        "DDC_INT": had(minus(VsBss, VsLss), mv(Asr, Xv[r])),
        "MVA_FIN": had(VrBrs, Yv[s, r]),
        "MVA_INT": had(VrBrs, mv(Asr, mv(L[r], Yv[r, r]))),
        "MDC": had(VrBrs, mv(Asr, mv(L[r], E_r_star))),
        "OVA_FIN": ZERO,
        "OVA_INT": ZERO,
        "ODC": ZERO,
    }


def hand_bm(s: int, r: int) -> dict[str, Vec]:
    """Borin & Mancini (2023) source-based terms for exporter s, partner r, two countries.

    Extraction inverse of s (its exports to r removed) is block-triangular, so
    B^(s)ss = L^ss and B^(s)rs = L^rr A^rs L^ss."""
    VsLss, VsBss = vm(V[s], L[s]), vm(V[s], B[s, s])
    Asr = A[s, r]
    E = add(mv(Asr, Xv[r]), Yv[s, r])
    # r's intermediate exports (to s) by final destination l: F_l = A^rs (B^ss Y^sl + B^sr Y^rl)
    F = {l: mv(A[r, s], add(mv(B[s, s], Yv[s, l]), mv(B[s, r], Yv[r, l]))) for l in range(2)}
    Bx_rs = mul(mul(L[r], A[r, s]), L[s])
    fva = vm(V[r], Bx_rs)
    return {
        "DAVAX1": had(VsLss, Yv[s, r]),
        "DAVAX2": had(VsLss, mv(Asr, mv(L[r], Yv[r, r]))),
        "REX1": ZERO,
        "REX2": ZERO,
        "REX3": had(VsLss, mv(Asr, mv(L[r], F[r]))),
        "REF1": had(VsLss, mv(Asr, mv(L[r], Yv[r, s]))),
        "REF2": had(VsLss, mv(Asr, mv(L[r], F[s]))),
        "DDC": had(minus(VsBss, VsLss), E),
        "FVA": had(fva, E),
        "FDC": had(minus(vm(V[r], B[r, s]), fva), E),
    }


def _table() -> MRIOTable:
    Z = np.array(Z_INT, dtype=float)
    Y = np.array(Y_INT, dtype=float)
    return MRIOTable.from_flows(
        Z, Y, countries=("H", "F"), sectors=("a", "b"), derive_value_added=True, year=2000
    )


def test_worked_steps() -> None:
    assert L[0] == [[Fr(90, 77), Fr(20, 77)], [Fr(20, 77), Fr(90, 77)]]
    assert L[1] == [[Fr(80, 63), Fr(10, 63)], [Fr(10, 63), Fr(80, 63)]]
    assert B[0, 0] == [[Fr(17792, 14773), Fr(4328, 14773)], [Fr(4328, 14773), Fr(17792, 14773)]]
    # columns of V·B sum to one: V^H B^HH + V^F B^FH = 1'
    col = add(vm(V[0], B[0, 0]), vm(V[1], B[1, 0]))
    assert col == [Fr(1), Fr(1)]


def test_wwz_by_hand() -> None:
    dec = decompose_exports(_table())
    assert dec.term_names == WWZ_TERMS
    for s, r in ((0, 1), (1, 0)):
        want = hand_wwz(s, r)
        exports = add(mv(A[s, r], Xv[r]), Yv[s, r])
        assert add(*want.values()) == exports  # exact adding-up in rational arithmetic
        for k, name in enumerate(WWZ_TERMS):
            np.testing.assert_allclose(
                dec.terms[s, :, r, k], [float(v) for v in want[name]], rtol=1e-12, atol=1e-12
            )
        np.testing.assert_allclose(dec.exports[s, :, r], [float(v) for v in exports], rtol=1e-14)
    # DVA_FIN of H's sector a to F, by hand: (V^H B^HH)_a · Y^HF_a
    #   = 0.55 · (17792 + 4328)/14773 · 15
    assert np.isclose(dec.terms[0, 0, 1, 0], 0.55 * 22120 / 14773 * 15, rtol=1e-13)


def test_bm_by_hand() -> None:
    res = borin_mancini(_table())
    for s, r in ((0, 1), (1, 0)):
        want = hand_bm(s, r)
        exports = add(mv(A[s, r], Xv[r]), Yv[s, r])
        assert add(*want.values()) == exports
        for k, name in enumerate(BM_TERMS):
            np.testing.assert_allclose(
                res.terms[s, :, r, k], [float(v) for v in want[name]], rtol=1e-12, atol=1e-12
            )


def test_koopman_by_hand() -> None:
    """No third country: IV = 0, so participation = FV/E and position = −ln(1 + FV/E)."""
    dec = decompose_exports(_table())
    k = koopman_arrays(dec, level="country")
    for s, r in ((0, 1), (1, 0)):
        t = hand_wwz(s, r)
        fv = sum(
            (sum(t[n], Fr(0)) for n in ("MVA_FIN", "MVA_INT", "MDC", "OVA_FIN", "OVA_INT", "ODC")),
            Fr(0),
        )
        e = sum(add(mv(A[s, r], Xv[r]), Yv[s, r]), Fr(0))
        assert abs(k["IV"][s]) < 1e-12 * float(e)  # zero up to rounding of the subtractions
        np.testing.assert_allclose(k["FV"][s], float(fv), rtol=1e-12)
        np.testing.assert_allclose(k["participation"][s], float(fv / e), rtol=1e-12)
        np.testing.assert_allclose(k["position"][s], -np.log1p(float(fv / e)), rtol=1e-12)
