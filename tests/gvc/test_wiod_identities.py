"""Accounting identities of the decompositions on every WIOD 2013 table, 1995–2011.

For each of the 17 real tables (41 economies × 35 sectors, USD million; value added derived as
``x − 1'Z``, output from row totals, see :func:`chainpower.mrio.io.read_wiod2013`):

* WWZ (2013) 16 terms and Borin–Mancini (2023) 10 terms sum to gross exports in every
  exporter × sector × partner cell (≤ 1e-9 relative);
* total value added equals total final demand, also after routing it by ``vc·B·Y`` to its
  final destination (≤ 1e-9 relative);
* ``x = B·Y·1`` for every country-sector (≤ 1e-9 relative), where in 2002 ``Y`` counts the
  one USD million bought by a zero-output sector as final use (see the test).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chainpower.gvc._blocks import IdleSectorInputWarning, prepare
from chainpower.gvc.borin_mancini import bm_from_blocks
from chainpower.gvc.wwz import wwz_from_blocks
from chainpower.mrio.algebra import (
    leontief_inverse,
    local_inverses,
    technical_coefficients,
    value_added_by_destination,
    value_added_coefficients,
)
from chainpower.mrio.io import read_wiod2013

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]

YEARS = list(range(1995, 2012))
RTOL = 1e-9


def _rel_misfit(got: np.ndarray, want: np.ndarray) -> float:
    """Largest ``|got − want| / |want|`` over cells with ``want ≠ 0``; cells with ``want = 0``
    are held to an absolute 1e-9 (table units, USD million) instead."""
    diff = np.abs(got - want)
    nz = want != 0
    rel = float((diff[nz] / np.abs(want[nz])).max(initial=0.0))
    zero_abs = float(diff[~nz].max(initial=0.0))
    return max(rel, zero_abs)


@pytest.fixture(scope="module")
def wiod_dir(shared_data: Path) -> Path:
    folder = shared_data / "mrio" / "wiod2013_bquast" / "npz"
    if not folder.is_dir():
        pytest.skip(f"WIOD 2013 npz folder not found: {folder}")
    return folder


@pytest.mark.parametrize("year", YEARS)
def test_wiod_year_identities(wiod_dir: Path, year: int) -> None:
    table = read_wiod2013(year, path=wiod_dir)
    assert (table.G, table.N) == (41, 35)
    Yc = np.asarray(table.Yc)
    A = technical_coefficients(table.Z, table.x)
    B = leontief_inverse(A)
    L = local_inverses(A, table.G, table.N)

    # x = B·Y·1, row by row. A = Z·diag(x)⁻¹ cannot carry inputs bought by a zero-output
    # sector; the stored tables hold one such rounding artefact (2002: 1 USD million from
    # LVA/c30 to LVA/c24, whose output is 0), which the decompositions treat as final use.
    Y_eff = Yc.copy()
    for k in np.flatnonzero(table.x == 0):
        Y_eff[:, k // table.N] += table.Z[:, k]
    assert np.abs(Y_eff - Yc).sum() == (1.0 if year == 2002 else 0.0)
    assert _rel_misfit(B @ Y_eff.sum(axis=1), table.x) <= RTOL

    # total value added = total final demand, directly and routed by destination (vc·B·Y)
    total_fd = Yc.sum()
    assert abs(table.v.sum() - total_fd) <= RTOL * abs(total_fd)
    vby = value_added_by_destination(value_added_coefficients(table.v, table.x), B, Y_eff)
    assert abs(vby.sum() - Y_eff.sum()) <= RTOL * abs(total_fd)
    assert _rel_misfit(vby.sum(axis=1), np.where(table.x != 0, table.v, 0.0)) <= RTOL

    # decompositions add up to gross exports in every cell
    if year == 2002:
        with pytest.warns(IdleSectorInputWarning, match="LVA/c30 → LVA/c24: 1"):
            bl = prepare(table.Z, Yc, table.v, table.x, 41, 35, B=B, L=L, labels=table.labels)
    else:
        bl = prepare(table.Z, Yc, table.v, table.x, 41, 35, B=B, L=L, labels=table.labels)
    E = bl.E
    assert E.sum() > 1e6  # world exports, USD million: the test is not vacuous
    wwz = wwz_from_blocks(bl)
    assert _rel_misfit(wwz.sum(axis=-1), E) <= RTOL
    bm = bm_from_blocks(bl)
    assert _rel_misfit(bm.sum(axis=-1), E) <= RTOL
    # and the two agree on domestic and foreign content (cell by cell)
    dom_w = wwz[..., :10].sum(axis=-1)
    dom_b = bm[..., [0, 1, 2, 3, 4, 5, 6, 7]].sum(axis=-1)
    assert np.abs(dom_w - dom_b).max() <= RTOL * np.abs(E).max()
