"""Figures of a study, all through :mod:`chainpower.style` (no pyplot, no global state).

* :func:`plot_participation` — the outcome by economy over time, one panel per industry
  (paper 000 figures 3, 5 and 7);
* :func:`plot_event_study` — event-study coefficients on ``trust_pre × 1[year = k]`` with
  confidence bands, the reference year at zero (figures 9–11);
* :func:`plot_trust_scatter` — trust against the outcome, one panel per industry.

Each takes the data first, returns the Figure and saves only when given ``path=``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from chainpower import style as st
from chainpower.errors import InputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_event_study", "plot_participation", "plot_trust_scatter"]


def _axes_row(n: int, height: float) -> tuple[Figure, list[Any]]:
    fig, axes = st.new_figure(1, n, width="page", height=height)
    return fig, list(np.atleast_1d(axes))


def _economy_panels(
    frame: pd.DataFrame,
    *,
    industries: Sequence[str],
    draw: Callable[[Any, pd.DataFrame, str, dict[str, Any]], None],
    height: float,
    xlabel: str,
    ylabel: str,
    title: str,
    source: str,
    path: str | Path | None,
    what: str,
) -> Figure:
    """One panel per industry; ``draw(ax, rows, economy, style)`` adds each economy's rows
    (``frame`` restricted to the industry and economy) to the panel; one legend for all."""
    if frame.empty:
        raise InputError("no panel rows to plot", label=what)
    economies = sorted(frame["country"].unique())
    styles = st.series_styles(economies)
    with st.style_context():
        fig, axes = _axes_row(len(industries), height)
        for ax, ind in zip(axes, industries, strict=True):
            sub = frame[frame["industry"] == ind]
            for c in economies:
                draw(ax, sub[sub["country"] == c], c, styles[c])
            ax.set_title(ind)
            ax.set_xlabel(xlabel)
            if xlabel == "year":
                st.integer_year_axis(ax, frame["year"].unique())
        axes[0].set_ylabel(ylabel)
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside right center", ncols=1, frameon=False)
        fig.suptitle(title)
        if source:
            st.source_line(fig, source)
    return st.finish(fig, path)


def plot_participation(
    frame: pd.DataFrame,
    *,
    outcome: str,
    industries: Sequence[str],
    source: str = "",
    label: str = "GVC participation (share of gross exports)",
    path: str | Path | None = None,
) -> Figure:
    """Outcome over time for every economy, one panel per industry (paper figs. 3/5/7)."""

    def draw(ax: Any, rows: pd.DataFrame, economy: str, style: dict[str, Any]) -> None:
        s = rows.sort_values("year")
        if len(s):
            ax.plot(s["year"], s[outcome], label=economy, markersize=3, linewidth=1, **style)

    return _economy_panels(
        frame, industries=industries, draw=draw, height=3.4, xlabel="year", ylabel=label,
        title="GVC participation by economy", source=source, path=path,
        what="plot_participation",
    )  # fmt: skip


def plot_event_study(
    coefficients: pd.DataFrame,
    *,
    industries: Sequence[str],
    outcome: str,
    reference_year: int,
    policy_year: int,
    method: str = "crv1",
    source: str = "",
    path: str | Path | None = None,
) -> Figure:
    """Coefficients on ``trust_pre × year`` with ``method``'s confidence band (figs. 9–11).

    ``coefficients``: the event model's rows of the coefficient schema, terms named
    ``trust_pre:year_<k>`` (what :func:`chainpower.studies.add_event_terms` builds); the
    reference year is drawn at 0 without a band.
    """
    ev = coefficients[(coefficients["model"] == "event") & (coefficients["method"] == method)]
    if ev.empty:
        raise InputError(f"no event-study coefficients with method {method!r}", label="event")
    with st.style_context():
        fig, axes = _axes_row(len(industries), 2.6)
        for ax, ind in zip(axes, industries, strict=True):
            sub = ev[ev["outcome"] == f"{outcome}_{ind}"].copy()
            sub["k"] = sub["term"].map(_event_year)
            sub = sub.dropna(subset=["k"])
            sub = sub[sub["status"] == "ok"]
            level = float(sub["level"].iloc[0]) if len(sub) else 0.95
            ref = pd.DataFrame({"k": [float(reference_year)], "estimate": [0.0],
                                "ci_low": [0.0], "ci_high": [0.0]})
            pts = pd.concat([sub[["k", "estimate", "ci_low", "ci_high"]], ref]).sort_values("k")
            ks_s, est_s = pts["k"].to_numpy(), pts["estimate"].to_numpy()
            ks = [int(k) for k in ks_s]
            ax.fill_between(
                ks_s, pts["ci_low"], pts["ci_high"],
                alpha=0.25, color="#1f77b4", linewidth=0,
                label=f"{100 * level:.0f} % CI ({method})",
            )
            ax.plot(ks_s, est_s, marker="o", color="#1f77b4", markersize=3, label="estimate")
            ax.axhline(0.0, color="#555555", linewidth=0.8)
            ax.axvline(policy_year - 0.5, color="#d62728", linestyle="--", linewidth=0.8,
                       label=f"policy ({policy_year})")
            ax.set_title(ind)
            ax.set_xlabel("year")
            st.integer_year_axis(ax, ks)
        axes[0].set_ylabel("effect of pre-policy trust (outcome units)")
        axes[0].legend(loc="best", frameon=False)
        fig.suptitle(f"Event study: trust (pre-policy) × year, reference {reference_year}")
        if source:
            st.source_line(fig, source)
    return st.finish(fig, path)


def _event_year(term: str) -> float:
    tail = str(term).rsplit("_", 1)[-1]
    return float(tail) if tail.lstrip("-").isdigit() else np.nan


def plot_trust_scatter(
    frame: pd.DataFrame,
    *,
    outcome: str,
    industries: Sequence[str],
    source: str = "",
    path: str | Path | None = None,
) -> Figure:
    """Trust against the outcome (each economy-year a point, one colour per economy)."""

    def draw(ax: Any, rows: pd.DataFrame, economy: str, style: dict[str, Any]) -> None:
        ax.scatter(rows["trust"], rows[outcome], s=10, color=style["color"],
                   marker=style["marker"], label=economy)  # fmt: skip

    return _economy_panels(
        frame, industries=industries, draw=draw, height=2.8, xlabel="trust (−distance)",
        ylabel="GVC participation",
        title="Political trust (−ideal-point distance to the reference) and GVC participation",
        source=source, path=path, what="plot_trust_scatter",
    )  # fmt: skip
