"""The ExportDecomposition result object: aggregation levels and tidy frames."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.data.store import validate_tidy
from chainpower.errors import InputError
from chainpower.gvc.decomposition import WWZ_GROUPS, decompose_exports
from chainpower.gvc.wwz import WWZ_TERMS
from chainpower.mrio.synthetic import synthetic_table


@pytest.fixture(scope="module")
def dec():
    return decompose_exports(synthetic_table(5, 3, seed=17, year=2015))


def test_metadata(dec) -> None:
    assert dec.terms.shape == (5, 3, 5, 16)
    assert dec.term_names == WWZ_TERMS and len(set(WWZ_TERMS)) == 16
    assert dec.year == 2015 and dec.source == "synthetic"
    assert len(dec.countries) == 5 and len(dec.sectors) == 3


def test_aggregation_levels_are_consistent(dec) -> None:
    T = dec.terms
    np.testing.assert_allclose(dec.by_exporter(), T.sum(axis=2))
    np.testing.assert_allclose(dec.country(), dec.by_exporter().sum(axis=1))
    np.testing.assert_allclose(dec.country_bilateral().sum(axis=1), dec.country())
    for level, shape in (
        ("bilateral", (5, 3, 5)),
        ("sector", (5, 3)),
        ("country_bilateral", (5, 5)),
        ("country", (5,)),
    ):
        g = dec.groups(level)
        assert g["E"].shape == shape
        assert set(g) == set(WWZ_GROUPS) | {"E"}
    np.testing.assert_allclose(dec.groups("country")["E"], dec.country().sum(axis=1), rtol=1e-12)
    np.testing.assert_allclose(dec.term("RDV_INT"), T[..., 7])
    with pytest.raises(InputError, match="unknown term"):
        dec.term("DVA")
    with pytest.raises(InputError, match="unknown level"):
        dec.groups("region")


def test_to_frame(dec) -> None:
    f = dec.to_frame("bilateral", what="terms")
    assert len(f) == 5 * 3 * 4 * (16 + 1)  # r = s cells left out; terms + E
    assert (f["country"] != f["partner"]).all()
    validate_tidy(f)  # the store accepts it
    sel = f[(f.country == dec.countries[1]) & (f.sector == dec.sectors[2])]
    sel = sel[(sel.partner == dec.countries[3]) & (sel.indicator == "wwz_ddc_int")]
    assert sel["value"].item() == pytest.approx(dec.terms[1, 2, 3, 9], rel=1e-15)
    s = dec.to_frame("sector")
    assert s["partner"].isna().all()
    codes = set(WWZ_TERMS) | set(WWZ_GROUPS) | {"E"}
    assert set(s["indicator"]) == {f"wwz_{c.lower()}" for c in codes}  # catalogue names
    c = dec.to_frame("country", what="groups")
    assert c["sector"].isna().all() and c["partner"].isna().all()
    iv = c[(c.country == dec.countries[0]) & (c.indicator == "wwz_iv")]["value"].item()
    assert iv == pytest.approx(dec.terms[0, ..., 3:5].sum(), rel=1e-12)  # KWW term 3: T4 + T5
    with pytest.raises(InputError, match="unknown selection"):
        dec.to_frame("sector", what="everything")


def test_summary_shares_add_up_to_100() -> None:
    """The ``summary`` table: the eight disjoint WWZ groups are shares of E summing to 100 %."""
    from chainpower.gvc import borin_mancini, decompose_exports
    from chainpower.mrio.synthetic import synthetic_table

    t = synthetic_table(5, 12, seed=3)
    s = decompose_exports(t).summary
    parts = ["DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV", "DDC", "FVA_FIN", "FVA_INT", "FDC"]
    np.testing.assert_allclose(s[parts].sum(axis=1), 100.0, atol=0.5)  # each rounded to 0.1
    assert list(s.index) == [*t.countries, "World"]
    np.testing.assert_allclose(s.loc["World", "E"], s["E"].iloc[:-1].sum(), rtol=1e-6)
    bm = borin_mancini(t).summary
    np.testing.assert_allclose(bm[["DVA", "DDC", "FVA", "FDC"]].sum(axis=1), 100.0, atol=0.3)
    assert "countries=5, sectors=12, terms=16" in repr(decompose_exports(t))
