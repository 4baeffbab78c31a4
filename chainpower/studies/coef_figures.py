"""Coefficient plots from the coefficient schema (drawn through :mod:`chainpower.style`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from chainpower.errors import InputError
from chainpower.style import finish, new_figure, series_styles, source_line, style_context

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_coefficients"]


def plot_coefficients(
    coefficients: pd.DataFrame,
    *,
    ax: Any = None,
    title: str | None = None,
    source: str = "chainpower estimate",
    path: str | Path | None = None,
) -> Figure:
    """Point estimate and interval per term, one marker/colour per method with an interval.

    Rows come from :data:`~chainpower.studies.results.COEFFICIENT_COLUMNS`; methods without an
    interval (wild bootstrap, randomization inference) have only p-values, which the tables
    show; they are not drawn.
    """
    ok = coefficients[(coefficients["status"] == "ok") & coefficients["ci_low"].notna()]
    if ok.empty:
        raise InputError("no coefficient row with a confidence interval to plot", label="ci_low")
    terms = list(dict.fromkeys(ok["term"]))
    methods = list(dict.fromkeys(ok["method"]))
    styles = series_styles(methods)
    level = float(ok["level"].iloc[0])
    with style_context():
        if ax is None:
            fig, ax = new_figure(1, 1, width="column", height=1.1 + 0.32 * len(terms))
        else:
            fig = ax.figure
        step = 0.8 / max(len(methods), 1)
        for j, method in enumerate(methods):
            rows = ok[ok["method"] == method].set_index("term").reindex(terms)
            pos = [i - 0.4 + step * (j + 0.5) for i in range(len(terms))]
            est = rows["estimate"].to_numpy()
            err = [est - rows["ci_low"].to_numpy(), rows["ci_high"].to_numpy() - est]
            st = styles[method]
            ax.errorbar(
                est, pos, xerr=err, fmt=st["marker"], color=st["color"], capsize=2,
                markersize=3.5, linewidth=1, label=f"{method} {level:.0%} CI",
            )
        ax.axvline(0.0, color="#555555", linewidth=0.8)
        ax.set_yticks(range(len(terms)))
        ax.set_yticklabels(terms)
        ax.invert_yaxis()
        ax.set_xlabel("coefficient (outcome units per unit of the term)")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="best", frameon=False)
        if title:
            ax.set_title(title)
        source_line(fig, source)
    return finish(fig, path)
