"""The result of :func:`chainpower.alignment.idealpoints.estimate_ideal_points`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["IdealPointResult"]

_SESSION_OFFSET = 1945


@dataclass(frozen=True)
class IdealPointResult:
    """Ideal points of ``K`` country-sessions and the parameters of ``J`` items.

    ``iso3, session, ideal, se, n_votes`` are (K,); ``lower/upper = ideal -/+ z * se`` with
    ``z`` the normal quantile of ``level``. ``beta`` (J,) discriminations and ``tau`` (J, 2)
    cut-points on the reported (normalised) scale; ``item_rcids`` the roll calls of each item.
    ``info`` holds fit diagnostics (iterations, bridges, normalisation, priors).
    """

    iso3: np.ndarray
    session: np.ndarray
    ideal: np.ndarray
    se: np.ndarray
    level: float
    z: float
    beta: np.ndarray
    tau: np.ndarray
    item_rcids: list[np.ndarray]
    n_votes: np.ndarray
    info: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per country-session: ``iso3, session, year, ideal, se, lower, upper,
        n_votes``; ``year = session + 1945`` as in BSV."""
        return pd.DataFrame(
            {
                "iso3": pd.array(self.iso3, dtype="string"),
                "session": self.session.astype(np.int64),
                "year": self.session.astype(np.int64) + _SESSION_OFFSET,
                "ideal": self.ideal,
                "se": self.se,
                "lower": self.ideal - self.z * self.se,
                "upper": self.ideal + self.z * self.se,
                "n_votes": self.n_votes.astype(np.int64),
            }
        )

    def items_frame(self) -> pd.DataFrame:
        """One row per roll call: ``rcid, item, beta, tau0, tau1`` (bridged roll calls share)."""
        sizes = np.array([r.size for r in self.item_rcids])
        item = np.repeat(np.arange(len(self.item_rcids)), sizes)
        return pd.DataFrame(
            {
                "rcid": np.concatenate(self.item_rcids).astype(np.int64),
                "item": item,
                "beta": self.beta[item],
                "tau0": self.tau[item, 0],
                "tau1": self.tau[item, 1],
            }
        ).sort_values("rcid", ignore_index=True)

    @property
    def summary(self) -> str:
        """A few lines on the data, the bridges and the fit."""
        i = self.info
        sessions = f"{self.session.min()}-{self.session.max()}" if self.session.size else "-"
        return (
            f"IdealPointResult: {len(set(self.iso3.tolist()))} countries, sessions {sessions} "
            f"({i.get('n_units')} country-sessions)\n"
            f"  votes {i.get('n_obs')}, items {i.get('n_items')} "
            f"(bridges {i.get('n_bridges')} joining {i.get('n_bridged_rcids')} roll calls; "
            f"{i.get('n_dropped_items')} unanimous items dropped)\n"
            f"  Newton {i.get('iterations')} iterations, converged={i.get('converged')} "
            f"(max |gradient| {i.get('grad_max', float('nan')):.1e}), "
            f"sign fixed by {i.get('sign_reference')}, mean 0 / sd 1 over country-sessions\n"
            f"  median se {float(np.median(self.se)):.3f}, intervals at level {self.level:g}"
        )

    def __repr__(self) -> str:
        return self.summary
