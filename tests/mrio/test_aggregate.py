"""Aggregation by concordance conserves totals and both balances."""

from __future__ import annotations

import numpy as np
import pytest

from chainpower.data.concordances import strategic_concordance
from chainpower.errors import InputError
from chainpower.mrio import (
    leontief_inverse,
    synthetic_table,
    technical_coefficients,
    value_added_by_destination,
    value_added_coefficients,
)
from chainpower.mrio.aggregate import aggregate


def _vby(t):  # type: ignore[no-untyped-def]
    B = leontief_inverse(technical_coefficients(t.Z, t.x))
    return value_added_by_destination(value_added_coefficients(t.v, t.x), B, t.Yc)


def test_strategic_sectors_and_regions_conserve_totals() -> None:
    t = synthetic_table(20, 12, seed=4)
    conc = strategic_concordance(t.sectors)
    assert conc.name == "synthetic"
    regions = {
        c: ("ASIA" if c in {"CHN", "JPN", "KOR", "IND", "VNM", "SGP", "PHL", "IDN"} else "REST")
        for c in t.countries
    }
    a = aggregate(t, sectors=conc.mapping, countries=regions, sector_order=conc.groups)
    assert a.sectors == ("chips", "vehicles", "minerals", "other")
    assert a.countries == ("REST", "ASIA")  # first appearance (USA first)
    for name in ("Z", "Y", "x"):
        np.testing.assert_allclose(getattr(a, name).sum(), getattr(t, name).sum(), rtol=1e-13)
    np.testing.assert_allclose(a.v.sum(), t.v.sum(), rtol=1e-13)
    assert a.balance.row < 1e-12 and a.balance.column < 1e-12
    # block sums by hand: ASIA's chips output = sum of ELEC output of the Asian countries
    asia = [g for g, c in enumerate(t.countries) if regions[c] == "ASIA"]
    elec = t.sectors.index("ELEC")
    np.testing.assert_allclose(a.x[1 * 4 + 0], sum(t.x[g * t.N + elec] for g in asia), rtol=1e-14)
    # final demand of ASIA for REST's vehicles = sum over destinations and categories
    tran = t.sectors.index("TRAN")
    rest = [g for g in range(t.G) if g not in asia]
    want = sum(t.Yc[g * t.N + tran, d] for g in rest for d in asia)
    np.testing.assert_allclose(a.Yc[0 * 4 + 1, 1], want, rtol=1e-13)
    # value added by destination keeps its margins (origins' VA, destinations' final demand)
    vby = _vby(a)
    np.testing.assert_allclose(vby.sum(axis=1), a.v, rtol=1e-10)
    np.testing.assert_allclose(vby.sum(axis=0), a.Yc.sum(axis=0), rtol=1e-10)
    vby0 = _vby(t)
    per_dest0 = np.array(
        [
            vby0[:, [g for g in range(t.G) if regions[t.countries[g]] == r]].sum()
            for r in a.countries
        ]
    )
    np.testing.assert_allclose(vby.sum(axis=0), per_dest0, rtol=1e-10)


def test_country_only_aggregation_keeps_destination_totals() -> None:
    # grouping only countries: value added absorbed by each destination group is conserved
    t = synthetic_table(6, 3, seed=8)
    groups = {c: f"R{g % 2}" for g, c in enumerate(t.countries)}
    a = aggregate(t, countries=groups)
    assert a.sectors == t.sectors
    vby0 = _vby(t)
    for r, region in enumerate(a.countries):
        members = [g for g, c in enumerate(t.countries) if groups[c] == region]
        np.testing.assert_allclose(
            vby0[:, members].sum(axis=1).sum(), _vby(a)[:, r].sum(), rtol=1e-10
        )


def test_unmapped_labels_are_named() -> None:
    t = synthetic_table(3, 4, seed=1)
    with pytest.raises(InputError, match=r"not in the concordance.*'S4'") as info:
        aggregate(t, sectors={"S1": "a", "S2": "a", "S3": "b"})
    assert info.value.label == "S4"


def test_wiod_strategic_aggregation_conserves(shared_data: object) -> None:
    from chainpower.mrio.io import read_wiod2013

    t = read_wiod2013(2011)
    conc = strategic_concordance(t.sectors)
    a = aggregate(t, sectors=conc.mapping, sector_order=conc.groups)
    assert a.N == 4 and a.G == 41
    np.testing.assert_allclose(a.x.sum(), t.x.sum(), rtol=1e-14)
    np.testing.assert_allclose(a.v.sum(), a.Y.sum(), rtol=1e-12)
    chn = t.countries.index("CHN")
    np.testing.assert_allclose(a.x[chn * 4 + 0], t.x[chn * 35 + 13], rtol=1e-14)  # c14 → chips
