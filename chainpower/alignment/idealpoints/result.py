"""The result of :func:`chainpower.alignment.idealpoints.estimate_ideal_points`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from chainpower.results import Result

__all__ = ["IdealPointResult"]

_SESSION_OFFSET = 1945


@dataclass(frozen=True, eq=False, repr=False)
class IdealPointResult(Result):
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

    def to_indicators(self, source: str = "own") -> pd.DataFrame:
        """The estimates in the store's tidy schema: indicators ``ideal_point`` and
        ``ideal_point_se`` per (year, country); sector and partner null (catalogue names)."""
        f = self.to_frame()
        parts = [
            pd.DataFrame({"source": source, "year": f["year"].to_numpy(),
                          "country": f["iso3"].astype(str).to_numpy(), "sector": None,
                          "partner": None, "indicator": name, "value": f[col].to_numpy(float)})
            for name, col in (("ideal_point", "ideal"), ("ideal_point_se", "se"))
        ]  # fmt: skip
        return pd.concat(parts, ignore_index=True)

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

    def _sessions(self) -> str:
        if not self.session.size:
            return "-"
        lo, hi = int(self.session.min()), int(self.session.max())
        return f"{lo}–{hi}" if hi > lo else str(lo)

    def _repr_fields(self) -> dict[str, Any]:
        return {
            "countries": len(set(self.iso3.tolist())),
            "sessions": self._sessions(),
            "country_sessions": int(self.iso3.size),
            "converged": self.info.get("converged"),
        }

    def _meta(self) -> dict[str, Any]:
        keep = ("n_obs", "n_items", "iterations", "converged", "sign_reference", "seed")
        return {"level": self.level, **{k: self.info[k] for k in keep if k in self.info}}

    @property
    def summary(self) -> pd.DataFrame:
        """Headline numbers of the fit, one row each (``quantity``, ``value``)."""
        i = self.info
        rows = {
            "countries": len(set(self.iso3.tolist())),
            "sessions": self._sessions(),
            "country_sessions": i.get("n_units", int(self.iso3.size)),
            "votes": i.get("n_obs"),
            "items": i.get("n_items"),
            "bridges": i.get("n_bridges"),
            "unanimous_items_dropped": i.get("n_dropped_items"),
            "newton_iterations": i.get("iterations"),
            "converged": i.get("converged"),
            "max_abs_gradient": i.get("grad_max"),
            "sign_reference": i.get("sign_reference"),
            "median_se": float(np.median(self.se)) if self.se.size else None,
            "level": self.level,
        }
        return pd.DataFrame(
            {"quantity": list(rows), "value": [str(v) for v in rows.values()]}
        ).set_index("quantity")

    def __str__(self) -> str:
        """A few lines on the data, the bridges and the fit."""
        i = self.info
        return (
            f"IdealPointResult: {len(set(self.iso3.tolist()))} countries, sessions "
            f"{self._sessions()} ({i.get('n_units')} country-sessions)\n"
            f"  votes {i.get('n_obs')}, items {i.get('n_items')} "
            f"(bridges {i.get('n_bridges')} joining {i.get('n_bridged_rcids')} roll calls; "
            f"{i.get('n_dropped_items')} unanimous items dropped)\n"
            f"  Newton {i.get('iterations')} iterations, converged={i.get('converged')} "
            f"(max |gradient| {i.get('grad_max', float('nan')):.1e}), "
            f"sign fixed by {i.get('sign_reference')}, mean 0 / sd 1 over country-sessions\n"
            f"  median se {float(np.median(self.se)):.3f}, intervals at level {self.level:g}"
        )

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Any:
        """Ideal-point trajectories (:func:`chainpower.alignment.figures.plot_ideal_points`);
        ``countries`` default: the five with the most votes."""
        from chainpower.alignment.figures import plot_ideal_points

        frame = self.to_frame()
        countries = kw.pop("countries", None) or (
            frame.groupby("iso3")["n_votes"].sum().sort_values(ascending=False).index[:5].tolist()
        )
        return plot_ideal_points(frame, [str(c) for c in countries], ax=ax, **kw)
