"""Figure: ideal-point trajectories of chosen countries with uncertainty bands.

Figures are built as :class:`matplotlib.figure.Figure` objects without pyplot, so they render
with the Agg canvas whatever the session's backend is, and importing this module never switches
the backend of an interactive session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from chainpower.errors import InputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["band_columns", "plot_ideal_points"]

#: (lower, upper) column pairs recognised as an uncertainty band, in order of preference.
_BANDS: tuple[tuple[str, str, str], ...] = (
    ("lower", "upper", "interval"),  # own estimates (IdealPointResult.to_frame())
    ("q05", "q95", "90% posterior interval"),  # published BSV quantiles
    ("q10", "q90", "80% posterior interval"),
)


def band_columns(df: pd.DataFrame) -> tuple[str, str, str] | None:
    """The (lower, upper, label) columns of the first band found in ``df``, else ``None``."""
    for lo, hi, label in _BANDS:
        if lo in df.columns and hi in df.columns:
            return lo, hi, label
    return None


def plot_ideal_points(
    ideal: pd.DataFrame,
    countries: list[str],
    *,
    years: tuple[int, int] | None = None,
    title: str | None = None,
    out: str | Path | None = None,
    ax: Any = None,
) -> Figure:
    """Line per country of ``ideal`` over ``year`` with a shaded band (own ``lower``/``upper``
    or BSV ``q05``/``q95``); a frame of iso3, year, ideal [, band columns]. Saves to ``out``
    (PNG, PDF, SVG by suffix) when given. Raises :class:`InputError` for a country absent
    from ``ideal`` or an empty year range.
    """
    missing = [c for c in ("iso3", "year", "ideal") if c not in ideal.columns]
    if missing:
        raise InputError(f"ideal-point frame lacks columns {missing}")
    df = ideal
    if years is not None:
        df = df[df["year"].between(*years)]
        if df.empty:
            raise InputError(f"no ideal points in years {years[0]}-{years[1]}")
    absent = [c for c in countries if c not in set(df["iso3"].astype(str))]
    if absent:
        raise InputError(f"no ideal points for {absent}")
    band = band_columns(df)
    if ax is None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(9, 5))
        ax = fig.subplots()
    else:
        fig = ax.figure
    for country in countries:
        d = df[df["iso3"].astype(str) == country].sort_values("year")
        x = d["year"].to_numpy(dtype=float)
        (line,) = ax.plot(x, d["ideal"].to_numpy(dtype=float), label=country, lw=1.6)
        if band is not None:
            ax.fill_between(
                x,
                d[band[0]].to_numpy(dtype=float),
                d[band[1]].to_numpy(dtype=float),
                color=line.get_color(),
                alpha=0.2,
                lw=0,
            )
    ax.axhline(0.0, color="grey", lw=0.6)
    ax.set_xlabel("year")
    ax.set_ylabel("ideal point")
    ax.set_title(
        title or "UN General Assembly ideal points" + (f" (bands: {band[2]})" if band else "")
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    ax.grid(alpha=0.3)
    if out is not None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, dpi=150, bbox_inches="tight")
    return fig
