"""TiVA value-added shares and VAX: hand case, identities, cross-check with WWZ/KWW."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.data.store import TIDY_COLUMNS
from chainpower.gvc.tiva import tiva
from chainpower.mrio.synthetic import synthetic_table
from chainpower.mrio.table import MRIOTable


def test_hand_two_countries() -> None:
    # Z = [[20, 30], [10, 40]], Y = [[30, 20], [10, 40]]; x = [100, 100], vc = [.7, .3],
    # B = [[4/3, 2/3], [2/9, 16/9]]. Exports: E_H = Z_HF + Y_HF = 50, E_F = 10 + 10 = 20.
    t = MRIOTable.from_flows(
        np.array([[20.0, 30.0], [10.0, 40.0]]),
        np.array([[30.0, 20.0], [10.0, 40.0]]),
        countries=["H", "F"],
        sectors=["s"],
        derive_value_added=True,
    )
    r = tiva(t)
    sh = r.shares("country")
    np.testing.assert_allclose(sh["tiva_exgr"], [50, 20])
    # DVA_H = vc_H·B_HH·E_H = .7·4/3·50; FVA_H = vc_F·B_FH·E_H = .3·2/9·50.
    np.testing.assert_allclose(sh["tiva_exgr_dva"], [0.7 * 4 / 3 * 50, 0.3 * 16 / 9 * 20])
    np.testing.assert_allclose(sh["tiva_exgr_fva"], [0.3 * 2 / 9 * 50, 0.7 * 2 / 3 * 20])
    np.testing.assert_allclose(sh["tiva_exgr_fvash"], [1 / 15, 7 / 15])
    # VAX_HF = vc_H·(B·Y_·F)_H = .7·(4/3·20 + 2/3·40); VAX_FH = .3·(2/9·30 + 16/9·10).
    vax = r.arrays["vax"]
    np.testing.assert_allclose(vax[0, 1], 0.7 * (4 / 3 * 20 + 2 / 3 * 40))
    np.testing.assert_allclose(vax[1, 0], 0.3 * (2 / 9 * 30 + 16 / 9 * 10))
    f = r.to_frame()
    ratio = f[(f.indicator == "jn_vax_ratio") & (f.country == "H")]["value"].iloc[0]
    assert ratio == pytest.approx(0.7 * (4 / 3 * 20 + 2 / 3 * 40) / 50)


def test_identities_and_kww_crosscheck() -> None:
    t = synthetic_table(9, 6, seed=4)
    r = tiva(t)
    a = r.arrays
    np.testing.assert_allclose(a["dva"] + a["fva"], a["E"], rtol=1e-10)
    # Value added by origin and destination: rows sum to value added, total = final demand.
    np.testing.assert_allclose(a["va_fd"].sum(1), t.v, rtol=1e-10)
    assert a["vax"].sum() == pytest.approx(t.Y.sum(), rel=1e-12)
    # Independent: foreign VA in exports equals KWW's FV (WWZ terms T11..T16), computed from
    # the 16-term decomposition.
    from chainpower.gvc.decomposition import decompose_exports

    dec = decompose_exports(t)
    g = dec.groups("sector")
    np.testing.assert_allclose(a["fva"], g["FV"], rtol=1e-9)
    np.testing.assert_allclose(a["E"], g["E"], rtol=1e-12)
    # And FVA by a plain formula: Σ_{t≠s} (vc'B)^{t→s}_i · E_i with a dense inverse.
    G, N = t.G, t.N
    B = np.linalg.inv(np.eye(t.n) - t.Z / t.x[None, :])
    vcB = (t.v / t.x)[:, None] * B
    own = np.kron(np.eye(G), np.ones((N, N)))
    dom = (vcB * own).sum(0).reshape(G, N)
    np.testing.assert_allclose(a["dva"], dom * a["E"], rtol=1e-10)


def test_frame_schema() -> None:
    t = synthetic_table(4, 3, seed=1)
    f = tiva(t).to_frame()
    assert tuple(f.columns) == TIDY_COLUMNS
    vax = f[f.indicator == "jn_vax"]
    assert len(vax) == 4 * 3 and (vax.country != vax.partner).all() and vax.sector.isna().all()
    assert len(f[f.indicator == "jn_va_fd"]) == 12 * 4
    assert np.isfinite(f["value"]).all()
