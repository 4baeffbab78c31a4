"""Look-through exposure: a hand-worked 2×1 world and the identities on WIOD (acceptance 2)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chainpower.data.store.schema import TIDY_COLUMNS
from chainpower.errors import InputError
from chainpower.mrio.algebra import technical_coefficients
from chainpower.mrio.table import MRIOTable
from chainpower.scenarios.exposure import compute_exposure, exposure_arrays


def test_hand_worked_two_countries() -> None:
    # A = [[.2, .1], [.3, .4]]: det(I − A) = .45, L = [[4/3, 2/9], [2/3, 16/9]]
    A = np.array([[0.2, 0.1], [0.3, 0.4]])
    look, face, hidden = exposure_arrays(A, np.array([0]), np.array([100.0]))
    np.testing.assert_allclose(look[:, 0], [400 / 3, 200 / 3], rtol=1e-14)
    np.testing.assert_allclose(face[:, 0], [120.0, 30.0], rtol=1e-14)
    np.testing.assert_allclose(hidden[:, 0], [40 / 3, 110 / 3], rtol=1e-13)
    # hidden exposure to the foreign supplier is 110/3 on a face value of 30: ×2.22 look-through
    assert look[1, 0] / face[1, 0] == pytest.approx(20 / 9)


def test_small_table_identities_and_independent_inverse(small: MRIOTable) -> None:
    t = small
    A = technical_coefficients(t.Z, t.x)
    L = np.linalg.inv(np.eye(t.n) - A)
    res = compute_exposure(t, "C2", basis="output")
    N = t.N
    cols = slice(N, 2 * N)
    indep = (L[:, cols] * t.x[cols][None, :]).reshape(t.G, N, N).sum(axis=1)
    np.testing.assert_allclose(res.look, indep, rtol=1e-12)
    np.testing.assert_allclose(res.look, res.face + res.hidden, rtol=1e-12)
    fd = compute_exposure(t, "C2", basis="final_demand")
    indep_fd = (
        (L * t.Yc[:, 1][None, :]).reshape(t.G, N, t.n).sum(axis=1).reshape(t.G, t.G, N).sum(axis=1)
    )
    np.testing.assert_allclose(fd.look, indep_fd, rtol=1e-12)
    # total look-through exposure over all suppliers = output needed for the buyer's purchases
    assert fd.look.sum() == pytest.approx((L @ t.Yc[:, 1]).sum(), rel=1e-12)


def test_result_contract(small: MRIOTable, tmp_path) -> None:
    res = compute_exposure(small, "C1")
    assert "\n" not in repr(res) and repr(res).startswith("ExposureResult(")
    assert isinstance(res.summary, pd.DataFrame) and "C1" not in res.summary.index
    df = res.to_frame()
    assert list(df.columns) == list(TIDY_COLUMNS)
    back = pd.read_parquet(res.write(tmp_path / "exp.parquet"))
    assert len(back) == len(df)
    with pytest.raises(InputError, match="unknown buyer"):
        compute_exposure(small, "XXX")


@pytest.mark.shared_data
def test_wiod_identities_and_us_china(wiod2011: MRIOTable) -> None:
    t = wiod2011
    for buyer in ("USA", "DEU", "JPN"):
        for basis, cats in (("output", None), ("final_demand", t.fd_categories[:4])):
            res = compute_exposure(t, buyer, basis=basis, categories=cats)  # type: ignore[arg-type]
            assert (res.hidden >= 0).all()
            np.testing.assert_allclose(res.look, res.face + res.hidden, rtol=1e-9, atol=1e-6)
            tot = res.totals()
            for m in ("look_through", "face_value", "hidden"):
                assert tot[f"{m}_share"].sum() == pytest.approx(1.0, abs=1e-12)
            df = res.to_frame()
            shares = df[df.indicator == "fpem_look_through_share"].groupby("sector", dropna=False)
            s = shares["value"].sum()
            np.testing.assert_allclose(s.to_numpy(), 1.0, atol=1e-12)
    with pytest.raises(InputError, match="negative") as err:
        compute_exposure(t, "JPN", basis="final_demand")  # WIOD inventory changes are < 0
    assert err.value.label is not None and "/" in err.value.label  # names the country-sector
    us = compute_exposure(t, "USA")
    chn = us.totals().loc["CHN"]
    # BFT (2023): hidden exposure to China is a multiple of face value
    assert chn["look_through"] > 3 * chn["face_value"]
    assert chn["hidden"] == pytest.approx(chn["look_through"] - chn["face_value"], rel=1e-9)
