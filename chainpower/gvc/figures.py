"""Figure: GVC participation over time for a few economies in the three strategic industries.

Rows of panels are indicators (default WWYZ 2017a forward and backward participation), columns
the strategic industries (chips = electrical & optical equipment, vehicles = transport
equipment, minerals = mining & quarrying), one line per economy. Input is a tidy indicator
frame over years (:func:`chainpower.gvc.indicators.compute_panel`), raw sectors or already
aggregated by :func:`chainpower.gvc.indicators.strategic_indicators`.

Drawn with :mod:`chainpower.style` (no pyplot, no global matplotlib state): integer year ticks,
a colour, marker and line style per economy (distinguishable at any count), axis labels with
units from the indicator catalogue, a source line, and a warning naming requested economies
without data.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from chainpower.data.catalogue import axis_label, canonical_frame
from chainpower.errors import InputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["INDUSTRIES", "largest_economies", "plot_participation"]

INDUSTRIES: tuple[str, ...] = ("chips", "vehicles", "minerals")


def largest_economies(df: pd.DataFrame, k: int = 5) -> list[str]:
    """The ``k`` economies with the largest value added (``wwyz_va``, summed over the rows of
    the last year in the tidy frame ``df``), else the first ``k`` country codes."""
    last = df[df["year"] == df["year"].max()]
    va = last[last["indicator"] == "wwyz_va"].groupby("country")["value"].sum()
    if len(va):
        return [str(c) for c in va.sort_values(ascending=False).index[:k]]
    return sorted(str(c) for c in df["country"].unique())[:k]


def plot_participation(
    df: pd.DataFrame,
    *,
    countries: Sequence[str] | None = None,
    indicators: Sequence[str] = ("wwyz_gvcpt_f", "wwyz_gvcpt_b"),
    concordance: object = None,
    path: str | Path | None = None,
    title: str | None = None,
) -> Figure:
    """Draw the grid of panels (indicators × strategic industries); return the Figure and,
    with ``path``, save it (format from the suffix: ``.png``, ``.pdf``, ``.svg``).

    ``countries`` default: the five economies with the largest value added in the last year
    (``wwyz_va``), else the first five; requested economies without rows are named in a
    ``UserWarning`` (all of them missing is an :class:`InputError`). ``indicators`` may use
    old names (catalogue aliases). ``concordance`` as in
    :func:`~chainpower.gvc.indicators.strategic_indicators` (used when ``df`` holds raw sectors).
    """

    from chainpower import style
    from chainpower.gvc.indicators import strategic_indicators
    from chainpower.output import check_output

    if path is not None:
        check_output(path, "figure")
    if df.empty:
        raise InputError("no indicator rows to plot", label="plot_participation")
    df = canonical_frame(df)
    if not df["sector"].dropna().isin(INDUSTRIES).all():
        df = strategic_indicators(df, concordance)
    df = df[df["partner"].isna() & df["sector"].isin(INDUSTRIES)]
    names = [str(canonical_frame(pd.DataFrame({"indicator": [i]}))["indicator"].iloc[0])
             for i in indicators]  # fmt: skip
    missing = [i for i in names if i not in set(df["indicator"])]
    if missing:
        raise InputError(f"indicators {missing} not in the frame", label="indicator")
    chosen = list(countries) if countries is not None else largest_economies(df)
    have = set(df["country"].astype(str))
    style.warn_missing_series(chosen, have, "plot_participation")
    chosen = [c for c in chosen if c in have]
    if not chosen:
        raise InputError("none of the requested economies has data", label=str(countries))
    years = sorted(int(y) for y in df["year"].unique())
    styles = style.series_styles(chosen)
    fig, grid = style.new_figure(
        len(names), len(INDUSTRIES), width="page", height=2.1 * len(names) + 0.9, sharex=True
    )
    axes = np.asarray(grid, dtype=object).reshape(len(names), len(INDUSTRIES))
    with style.style_context():
        for r, ind in enumerate(names):
            for c, industry in enumerate(INDUSTRIES):
                ax = axes[r][c]
                sub = df[(df["indicator"] == ind) & (df["sector"] == industry)]
                for country in chosen:
                    line = sub[sub["country"] == country].sort_values("year")
                    if len(line):
                        ax.plot(line["year"], line["value"], ms=3, lw=1.2, label=country,
                                **styles[country])  # fmt: skip
                if r == 0:
                    ax.set_title(industry)
                if c == 0:
                    ax.set_ylabel(textwrap.fill(axis_label(ind), 26))
                if r == len(names) - 1:
                    ax.set_xlabel("year")
                style.integer_year_axis(ax, years)
        fig.legend(*axes[0][0].get_legend_handles_labels(), loc="outside right upper",
                   frameon=False, title="economy")  # fmt: skip
        src = ", ".join(sorted(df["source"].astype(str).unique()))
        fig.suptitle(title or "GVC participation in strategic industries")
        style.source_line(fig, src)
    return style.finish(fig, path)
