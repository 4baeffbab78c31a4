"""Koopman–Wang–Wei participation and position, and the groups they are built from."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.errors import InputError
from chainpower.gvc.decomposition import WWZ_GROUPS, decompose_exports
from chainpower.gvc.kww import KWW_INDICATORS, koopman_arrays, koopman_indicators
from chainpower.gvc.wwz import WWZ_TERMS
from chainpower.mrio.synthetic import synthetic_table


@pytest.fixture(scope="module")
def dec():
    return decompose_exports(synthetic_table(6, 4, seed=13))


def test_groups_partition_exports(dec) -> None:
    """The eight KWW/WWZ components partition gross exports, and IV/FV are the stated terms."""
    g = dec.groups("bilateral")
    parts = ["DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV", "DDC", "FVA_FIN", "FVA_INT", "FDC"]
    np.testing.assert_allclose(sum(g[p] for p in parts), dec.exports, rtol=1e-11, atol=1e-9)
    T = dec.terms
    np.testing.assert_allclose(g["IV"], T[..., 3] + T[..., 4])  # KWW term 3 = WWZ T4 + T5
    np.testing.assert_allclose(g["DVA_INTrex"], T[..., 2] + T[..., 3] + T[..., 4])
    np.testing.assert_allclose(g["FV"], T[..., 10:16].sum(axis=-1))
    np.testing.assert_allclose(g["PDC"], T[..., 8] + T[..., 9] + T[..., 12] + T[..., 15])
    np.testing.assert_allclose(g["DVA"] + g["DDC"] + g["FV"], dec.exports, rtol=1e-11, atol=1e-9)
    assert all(m in WWZ_TERMS for members in WWZ_GROUPS.values() for m in members)


def test_participation_and_position_formulas(dec) -> None:
    for level, axes in (("sector", (2,)), ("country", (1, 2))):
        k = koopman_arrays(dec, level)
        IV = dec.terms[..., 3:5].sum(axis=-1).sum(axis=axes)  # KWW term 3 = WWZ T4 + T5
        FV = dec.terms[..., 10:16].sum(axis=-1).sum(axis=axes)
        E = dec.exports.sum(axis=axes)
        np.testing.assert_allclose(k["participation"], (IV + FV) / E, rtol=1e-12)
        np.testing.assert_allclose(k["position"], np.log(1 + IV / E) - np.log(1 + FV / E))
        assert np.all(k["IV"] > 0) and np.all(k["FV"] > 0)  # third countries exist here
        assert np.all((k["participation"] > 0) & (k["participation"] < 1))


def test_tidy_frame(dec) -> None:
    f = koopman_indicators(dec, level="sector")
    cols = ["source", "year", "country", "sector", "partner", "indicator", "value"]
    assert list(f.columns) == cols
    exporting = {k for k in KWW_INDICATORS if not k.endswith("_origin")}
    assert set(f["indicator"]) == exporting  # the origin view needs the blocks
    assert len(f) == len(exporting) * dec.G * dec.N
    assert f["partner"].isna().all()
    row = f[(f.country == dec.countries[2]) & (f.sector == dec.sectors[1])]
    vals = dict(zip(row["indicator"], row["value"], strict=True))
    k = koopman_arrays(dec, "sector")
    assert vals["kww_gvcpt"] == pytest.approx(k["participation"][2, 1], rel=1e-14)
    assert vals["kww_e"] == pytest.approx(dec.exports[2, 1].sum(), rel=1e-14)
    c = koopman_indicators(dec, level="country")
    assert c["sector"].isna().all() and len(c) == len(exporting) * dec.G
    with pytest.raises(InputError, match="unknown level"):
        koopman_indicators(dec, level="bilateral_sector")


def test_zero_exports_rows_are_left_out() -> None:
    table = synthetic_table(4, 3, seed=2)
    Z, Y = np.array(table.Z), np.array(table.Y)
    # sector 0 of country 0 exports nothing: move its foreign sales to domestic final demand
    row = 0
    foreign = [c for c in range(table.n) if c // table.N != 0]
    moved = Z[row, foreign].sum() + Y[row, table.F :].sum()
    Z[row, foreign] = 0.0
    Y[row, table.F :] = 0.0
    Y[row, 0] += moved
    from chainpower.mrio.table import MRIOTable

    t2 = MRIOTable.from_flows(
        Z, Y, countries=table.countries, sectors=table.sectors,
        fd_categories=table.fd_categories, derive_value_added=True,
    )  # fmt: skip
    d = decompose_exports(t2)
    assert d.exports[0, 0].sum() == 0
    with pytest.warns(UserWarning, match="no exports in 1 cell"):
        f = koopman_indicators(d, "sector")
    cell = f[(f.country == t2.countries[0]) & (f.sector == t2.sectors[0])]
    # no ratio without exports
    assert set(cell["indicator"]) == {"kww_iv", "kww_fv", "kww_e", "wwz_dva_intrex"}
    assert np.isfinite(f["value"]).all()
