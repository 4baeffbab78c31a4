"""Figures of the scenario layer, drawn through :mod:`chainpower.style` (no pyplot).

- :func:`plot_exposure`: a buyer's face-value and hidden exposure to its top suppliers
  (stacked horizontal bars; look-through = face value + hidden);
- :func:`plot_losses`: one scenario's output change by country or by sector (% of baseline);
- :func:`plot_set_losses`: every scenario of a set side by side, by country.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from chainpower.errors import InputError
from chainpower.style import finish, new_figure, series_styles, source_line, style_context

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from chainpower.scenarios.exposure import ExposureResult
    from chainpower.scenarios.results import ScenarioResult, ScenarioSetResult

__all__ = ["plot_exposure", "plot_losses", "plot_set_losses"]


def _fig_ax(ax: Any, rows: int) -> tuple[Figure, Any]:
    if ax is not None:
        return ax.figure, ax
    return new_figure(width="page", height=max(2.4, 0.22 * rows + 1.0))


def plot_exposure(
    res: ExposureResult,
    *,
    top: int = 12,
    sectors: list[str] | None = None,
    share: bool = True,
    ax: Any = None,
    path: str | Path | None = None,
) -> Figure:
    """Face-value vs hidden exposure of ``res.buyer`` to its ``top`` foreign suppliers.

    ``share=True`` plots shares of all inputs (%, by supplier, BFT 2022); else table units.
    """
    df = res.totals(sectors).drop(index=res.buyer, errors="ignore")
    df = df.sort_values("look_through", ascending=True).tail(top)
    total = res.totals(sectors)["look_through"].sum() if share else 1.0
    scale = 100.0 / total if share else 1.0
    fig, ax = _fig_ax(ax, len(df))
    with style_context():
        y = np.arange(len(df))
        ax.barh(y, df["face_value"] * scale, color="#1f77b4", label="face value (I + A)")
        ax.barh(
            y,
            df["hidden"] * scale,
            left=df["face_value"] * scale,
            color="#ff7f0e",
            hatch="//",
            edgecolor="white",
            label="hidden (look-through − face value)",
        )
        for yi, (_, row) in zip(y, df.iterrows(), strict=True):
            ax.text(
                (row["look_through"]) * scale,
                yi,
                f" ×{row['look_to_face']:.1f}",
                va="center",
                fontsize=6,
            )
        ax.set_yticks(y, list(df.index))
        unit = "% of look-through inputs" if share else res.unit or "table units"
        what = "manufacturing" if sectors else "all sectors"
        ax.set_xlabel(f"exposure of {res.buyer} ({what}), {unit}")
        ax.set_title(
            f"{res.buyer}'s supply-chain exposure by supplier, {res.year} "
            f"(basis: {res.basis}; ×: look-through / face value)"
        )
        ax.legend(loc="lower right", frameon=False)
        source_line(fig, f"{res.source} {res.year}")
    return finish(fig, path)


def _pct(res: ScenarioResult, by: str) -> tuple[list[str], np.ndarray]:
    G, N = len(res.countries), len(res.sectors)
    b, s = res.baseline["x"].reshape(G, N), res.shocked["x"].reshape(G, N)
    if by == "country":
        bb, ss, names = b.sum(axis=1), s.sum(axis=1), list(res.countries)
    elif by == "sector":
        bb, ss, names = b.sum(axis=0), s.sum(axis=0), list(res.sectors)
    else:
        raise InputError(f"unknown breakdown {by!r}; use 'country' or 'sector'")
    return names, 100 * np.divide(ss - bb, bb, out=np.zeros_like(bb), where=bb != 0)


def plot_losses(
    res: ScenarioResult,
    *,
    by: str = "country",
    top: int = 15,
    ax: Any = None,
    path: str | Path | None = None,
) -> Figure:
    """Output change of one scenario, % of baseline, for the ``top`` most affected."""
    names, pct = _pct(res, by)
    order = np.argsort(-np.abs(pct))[:top][::-1]
    fig, ax = _fig_ax(ax, len(order))
    with style_context():
        vals = pct[order]
        ax.barh(np.arange(order.size), vals, color=np.where(vals < 0, "#d62728", "#2ca02c"))
        ax.set_yticks(np.arange(order.size), [names[i] for i in order])
        ax.axvline(0, color="#333333", lw=0.6)
        ax.set_xlabel(f"gross output change by {by}, % of baseline")
        ax.set_title(f"scenario {res.scenario} ({res.kind}, {res.model}), {res.year}")
        source_line(fig, f"{res.source} {res.year}")
    return finish(fig, path)


def plot_set_losses(
    res: ScenarioSetResult,
    *,
    by: str = "country",
    scenarios: Sequence[str] | None = None,
    top: int = 12,
    year: int | None = None,
    ax: Any = None,
    path: str | Path | None = None,
) -> Figure:
    """Output change (% of baseline) of several scenarios, grouped bars per country/sector."""
    ids = list(scenarios) if scenarios else res.ids
    items = [res.get(i, year) for i in ids]
    data = [_pct(r, by) for r in items]
    names = data[0][0]
    worst = np.max(np.abs(np.vstack([d[1] for d in data])), axis=0)
    order = np.argsort(-worst)[:top][::-1]
    fig, ax = _fig_ax(ax, len(order) * max(1, len(ids)) // 2 + 2)
    styles = series_styles(ids)
    with style_context():
        h = 0.8 / len(ids)
        for k, (sid, (_, pct)) in enumerate(zip(ids, data, strict=True)):
            ax.barh(
                np.arange(order.size) + ((len(ids) - 1) / 2 - k) * h,  # first on top,
                pct[order],
                height=h,
                color=styles[sid]["color"],
                label=sid,
            )
        ax.set_yticks(np.arange(order.size), [names[i] for i in order])
        ax.axvline(0, color="#333333", lw=0.6)
        ax.set_xlabel(f"gross output change by {by}, % of baseline")
        ax.set_title(f"scenario set {res.name}, {items[0].year}")
        ax.legend(frameon=False, loc="lower left")
        source_line(fig, f"{items[0].source} {items[0].year}")
    return finish(fig, path)
