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
    path: str | Path | None = None,
    out: str | Path | None = None,
    ax: Any = None,
    source: str | None = None,
) -> Figure:
    """Line per country of ``ideal`` over ``year`` with a shaded band (own ``lower``/``upper``
    or BSV ``q05``/``q95``); a frame of iso3, year, ideal [, band columns]. Saves to ``path``
    (``out`` is its old name; PNG, PDF, SVG by suffix) when given. Countries without rows are
    named in a ``UserWarning``; :class:`InputError` when none has rows or the year range is
    empty. Drawn with :mod:`chainpower.style`: integer years, a colour and marker per
    country, a source line (``source``, default from the band: BSV or own estimates).
    """

    from chainpower import style
    from chainpower.output import check_output

    target = path if path is not None else out
    if target is not None:
        check_output(target, "figure")
    missing = [c for c in ("iso3", "year", "ideal") if c not in ideal.columns]
    if missing:
        raise InputError(f"ideal-point frame lacks columns {missing}")
    df = ideal
    if years is not None:
        df = df[df["year"].between(*years)]
        if df.empty:
            raise InputError(f"no ideal points in years {years[0]}-{years[1]}")
    have = set(df["iso3"].astype(str))
    shown = [c for c in countries if c in have]
    if not shown:
        raise InputError(f"no ideal points for {list(countries)}")
    style.warn_missing_series(countries, have, "plot_ideal_points")
    band = band_columns(df)
    fig, ax = style.new_figure(width="page", height=3.6) if ax is None else (ax.figure, ax)
    styles = style.series_styles(shown)
    with style.style_context():
        for country in shown:
            d = df[df["iso3"].astype(str) == country].sort_values("year")
            x = d["year"].to_numpy(dtype=float)
            st = styles[country]
            ax.plot(x, d["ideal"].to_numpy(dtype=float), label=country, lw=1.4, ms=2.5,
                    markevery=max(1, len(x) // 12), **st)  # fmt: skip
            if band is not None:
                ax.fill_between(x, d[band[0]].to_numpy(dtype=float),
                                d[band[1]].to_numpy(dtype=float), color=st["color"],
                                alpha=0.2, lw=0)  # fmt: skip
        ax.axhline(0.0, color="grey", lw=0.6)
        ax.set_xlabel("year")
        ax.set_ylabel("ideal point (latent scale, higher = closer to the US)")
        ax.set_title(
            title or "UN General Assembly ideal points" + (f" (bands: {band[2]})" if band else "")
        )
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        style.integer_year_axis(ax)
        default = (
            "UN GA votes, Bailey-Strezhnev-Voeten" if band and band[0] == "q05" else "UN GA votes"
        )
        style.source_line(fig, source or default)
    return style.finish(fig, target)
