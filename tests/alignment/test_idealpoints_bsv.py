"""Own ideal points for the whole history of UNGA votes against the published BSV estimates.

Acceptance 1 of issue 3: r >= 0.95 over all country-sessions both have, and r >= 0.90 within every
session with at least 50 recorded roll calls. The estimator is held to a margin above that:
r >= 0.96 overall and >= 0.92 in the worst session, at a converged optimum (Newton to a gradient
tolerance, not an iteration cap). The full history (sessions 1-74, 1946-2019) is estimated once
for the module.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chainpower.alignment.idealpoints import (
    IdealPointResult,
    compare_with_published,
    estimate_ideal_points,
)

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]


@pytest.fixture(scope="module")
def own(un_votes_real: pd.DataFrame, un_roll_calls_real: pd.DataFrame) -> IdealPointResult:
    return estimate_ideal_points(un_votes_real, un_roll_calls_real, progress=False)


def test_whole_history_matches_bsv(
    own: IdealPointResult, bsv_real: pd.DataFrame, un_votes_real: pd.DataFrame
) -> None:
    agree = compare_with_published(own.to_frame(), bsv_real, un_votes_real)
    print(
        f"\nr overall {agree.overall:.4f} (n={agree.n}); worst session "
        f"{int(agree.worst['session'])} ({int(agree.worst['year'])}) r={agree.worst['r']:.4f}"
    )
    assert own.info["converged"] is True and own.info["grad_max"] <= 1e-6
    assert agree.n >= 10_000  # nearly every country-session of 1946-2019 is shared
    assert agree.overall >= 0.96
    counted = agree.per_session[agree.per_session["n_rollcalls"] >= 50]
    assert len(counted) >= 55
    assert counted["r"].min() >= 0.92
    assert agree.worst["r"] == counted["r"].min()


def test_whole_history_identification_and_bridges(
    own: IdealPointResult, un_votes_real: pd.DataFrame
) -> None:
    f = own.to_frame()
    assert f["session"].min() == 1 and f["session"].max() == un_votes_real["session"].max()
    us = f[f["iso3"] == "USA"]
    assert len(us) == f["session"].nunique()
    assert (us["ideal"] > 0).all()  # BSV's US ideal point is positive in every session
    assert own.info["sign_reference"] == "USA"
    assert own.info["n_bridges"] >= 300  # recurring resolutions found from the roll-call text
    assert np.isfinite(f[["ideal", "se", "lower", "upper"]].to_numpy()).all()
    assert (f["se"] > 0).all()


def test_trust_from_own_estimates_tracks_published(
    own: IdealPointResult, bsv_real: pd.DataFrame
) -> None:
    """Issue 3, acceptance 2: the paper-000 trust table from own estimates for the years the
    votes cover (2018-2019), next to the same table from the published BSV estimates."""
    from chainpower.alignment import PAPER000_COUNTRIES, paper000_comparison, trust

    mine = trust(own, countries=PAPER000_COUNTRIES, years=(2018, 2019))
    theirs = trust(bsv_real, countries=PAPER000_COUNTRIES, years=(2018, 2019))
    assert len(mine) == len(theirs) == 30
    us = mine[mine["iso3"] == "USA"]
    assert (us["distance"] == 0).all() and (us["trust"] == 0).all()
    np.testing.assert_allclose(mine["trust"], -mine["distance"])
    both = mine.merge(theirs, on=["year", "iso3"], suffixes=("_own", "_bsv"))
    r = np.corrcoef(both["distance_own"], both["distance_bsv"])[0, 1]
    rho = both["distance_own"].rank().corr(both["distance_bsv"].rank())
    stats = paper000_comparison(mine)
    print(f"\nown-estimate distances 2018-2019: r={r:.3f}, Spearman={rho:.3f} with BSV\n{stats}")
    assert r >= 0.95 and rho >= 0.9
    # Levels differ by a scale factor: both sources are normalised to sd 1 over all
    # country-sessions, but the own cross-section of 2018-19 is wider than BSV's (sd 0.99 vs
    # 0.81) and the US sits further out (docs/idealpoints.md); measured ratio 1.66.
    ratio = mine["distance"].mean() / theirs["distance"].mean()
    assert 1.2 < ratio < 2.0
