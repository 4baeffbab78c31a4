"""Agreement of own ideal points with published ones (BSV): overall and per-session correlations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Agreement", "compare_with_published"]


@dataclass(frozen=True)
class Agreement:
    """``overall`` Pearson r over the shared country-sessions (``n`` of them); ``per_session`` a
    frame ``session, year, n_countries, n_rollcalls, r``; ``worst`` the row with the lowest r
    among sessions with at least ``min_rollcalls`` roll calls."""

    overall: float
    n: int
    per_session: pd.DataFrame
    worst: pd.Series
    min_rollcalls: int


def compare_with_published(
    own: pd.DataFrame, published: pd.DataFrame, votes: pd.DataFrame, *, min_rollcalls: int = 50
) -> Agreement:
    """Correlate ``own`` (``iso3, session, ideal``) with ``published`` (same columns, e.g.
    :func:`chainpower.data.bsv.load_bsv`) over the country-sessions both have. A session counts
    for ``worst`` when ``votes`` hold at least ``min_rollcalls`` roll calls with a yes, abstain or
    no vote in it."""
    m = own[["iso3", "session", "ideal"]].merge(
        published[["iso3", "session", "ideal"]], on=["iso3", "session"], suffixes=("", "_pub")
    )
    recorded = votes[pd.to_numeric(votes["vote"]).isin([1, 2, 3])]
    n_rc = recorded.groupby("session")["rcid"].nunique().to_dict()
    rows = [
        {
            "session": int(s),  # type: ignore[arg-type]
            "year": int(s) + 1945,  # type: ignore[arg-type]
            "n_countries": len(g),
            "n_rollcalls": int(n_rc.get(s, 0)),
            "r": float(np.corrcoef(g["ideal"], g["ideal_pub"])[0, 1]) if len(g) > 2 else np.nan,
        }
        for s, g in m.groupby("session")
    ]
    per = pd.DataFrame(rows)
    counted = per[per["n_rollcalls"] >= min_rollcalls]
    worst = (
        counted.iloc[int(np.argmin(counted["r"].to_numpy()))]
        if len(counted)
        else pd.Series(dtype=float)
    )
    return Agreement(
        overall=float(np.corrcoef(m["ideal"], m["ideal_pub"])[0, 1]),
        n=len(m),
        per_session=per,
        worst=worst,
        min_rollcalls=min_rollcalls,
    )
