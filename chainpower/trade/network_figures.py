"""Figures of value-added networks, hub shifts and the interdependence index.

All drawing goes through :mod:`chainpower.style` (no pyplot, no global state) and every file
through :mod:`chainpower.output`. Node positions are fixed across panels — economies sit on a
circle grouped by region, in the same place in every year and trade type — so two years can
be compared at a glance. Node area is proportional to value-added exports, edge width to the
flow; the leading supply hubs (``n_supplied``) of each panel are labelled in bold.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from chainpower import style as st
from chainpower.errors import InputError
from chainpower.gvc.va_flows import FLOW_TYPES
from chainpower.trade.hubs import largest_partner_counts
from chainpower.trade.networks import ValueAddedNetworks, region_of

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from chainpower.trade.interdependence import InterdependenceResult

__all__ = [
    "REGION_COLOURS",
    "network_html",
    "node_positions",
    "plot_hub_shift",
    "plot_interdependence",
    "plot_networks",
]

REGION_COLOURS: dict[str, str] = {
    "Asia-Pacific": "#d62728",
    "Europe": "#1f77b4",
    "North America": "#2ca02c",
    "Latin America": "#ff7f0e",
    "Other": "#7f7f7f",
}
TYPE_LABELS: dict[str, str] = {
    "traditional": "Traditional trade",
    "simple_gvc": "Simple GVC trade",
    "complex_gvc": "Complex GVC trade",
}


#: Where each region's cluster sits (centre x, centre y, radius) in the panel's unit square.
_CLUSTERS: dict[str, tuple[float, float, float]] = {
    "Europe": (-0.62, 0.0, 0.56),
    "Asia-Pacific": (0.76, -0.05, 0.4),
    "North America": (0.1, 0.86, 0.2),
    "Latin America": (0.1, -0.86, 0.12),
    "Other": (0.76, -0.8, 0.15),
}


def node_positions(countries: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Fixed positions: each region's economies on a small circle of their own (Europe left,
    Asia-Pacific right, North America top, Latin America and others below), in code order."""
    out: dict[str, tuple[float, float]] = {}
    for reg, (cx, cy, r) in _CLUSTERS.items():
        members = sorted(c for c in countries if region_of(c) == reg)
        if len(members) == 1:
            out[members[0]] = (cx, cy)
            continue
        angles = np.linspace(0.5 * np.pi, 2.5 * np.pi, len(members), endpoint=False)
        for c, a in zip(members, angles, strict=False):
            out[c] = (cx + r * float(np.cos(a)), cy + r * float(np.sin(a)))
    return out


def _light(colour: str, amount: float) -> tuple[float, float, float]:
    """``colour`` mixed with white by ``amount`` (0 = as is), opaque (small PNGs)."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def _distinct_styles(names: Sequence[str]) -> dict[str, dict[str, Any]]:
    """:func:`chainpower.style.series_styles`, with any colour shared by two series replaced
    by an unused palette colour (fixed economy colours win)."""
    from chainpower.style import ECONOMY_COLOURS

    styles = st.series_styles(names)
    spare = ["#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939",
             "#8c6d31", "#843c39", "#7b4173"]
    used: set[str] = set()
    for n in sorted(names, key=lambda n: n not in ECONOMY_COLOURS):
        if styles[n]["color"] in used:
            styles[n]["color"] = next(c for c in spare if c not in used)
        used.add(styles[n]["color"])
    return styles


def _label_at(c: str, xy: tuple[float, float]) -> tuple[float, float]:
    cx, cy, r = _CLUSTERS[region_of(c)]
    dx, dy = xy[0] - cx, xy[1] - cy
    norm = float(np.hypot(dx, dy))
    if norm == 0:
        return xy[0], xy[1] - 0.12
    return xy[0] + 0.11 * dx / norm, xy[1] + 0.09 * dy / norm


def _draw_panel(ax: Any, nets: ValueAddedNetworks, kind: str, year: int, pos: dict[str, Any],
                scale: dict[str, float], max_edges: int, n_labels: int) -> int:
    from matplotlib.patches import FancyArrowPatch

    W = nets.matrix(kind, year)
    keep = nets.edges(kind, year)
    rows, cols = np.nonzero(keep)
    order = np.argsort(-W[rows, cols])[:max_edges]
    cs = nets.countries
    for e in order[::-1]:  # largest drawn last (on top)
        i, j = rows[e], cols[e]
        w = W[i, j] / scale["flow"]
        ax.add_patch(FancyArrowPatch(
            pos[cs[i]], pos[cs[j]], arrowstyle="-|>", mutation_scale=4 + 6 * w,
            connectionstyle="arc3,rad=0.12", linewidth=0.3 + 3.0 * w,
            color=_light(REGION_COLOURS[region_of(cs[i])], 0.45 - 0.35 * w), zorder=1,
            shrinkA=3, shrinkB=3))
    vax = nets.va_exports[year]
    n_sup, _ = largest_partner_counts(W, keep)
    hubs = {cs[i] for i in np.argsort(-(n_sup + vax / (10 * vax.max())))[:n_labels]
            if n_sup[i] > 0}
    for i, c in enumerate(cs):
        x, y = pos[c]
        ax.scatter([x], [y], s=5 + 200 * vax[i] / scale["vax"], color=REGION_COLOURS[
            region_of(c)], edgecolor="white", linewidth=0.4, zorder=3)
        bold = c in hubs
        ax.annotate(f"{c} ({n_sup[i]})" if bold else c, _label_at(c, (x, y)), ha="center",
                    va="center", fontsize=6.5 if bold else 4.5,
                    fontweight="bold" if bold else "normal", zorder=4)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.05, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"{TYPE_LABELS[kind]}, {year}", fontsize=8)
    return int(min(len(rows), max_edges))


def plot_networks(
    nets: ValueAddedNetworks,
    *,
    years: Sequence[int] | None = None,
    kinds: Sequence[str] = FLOW_TYPES,
    max_edges: int = 120,
    n_labels: int = 3,
    path: str | Path | None = None,
) -> Figure:
    """The three networks side by side (columns) for each of ``years`` (rows; default the
    first and last year). Bold labels: the ``n_labels`` leading supply hubs with, in brackets,
    the number of economies whose largest source they are; at most ``max_edges`` edges per
    panel (the largest)."""
    from matplotlib.lines import Line2D

    ys = list(years) if years is not None else sorted({nets.years[0], nets.years[-1]})
    missing = [y for y in ys if y not in nets.years]
    if missing:
        raise InputError(f"no networks for {missing}; years are {nets.years}")
    pos = node_positions(nets.countries)
    scale = {"flow": max(float(nets.matrix(k, y)[nets.edges(k, y)].max(initial=0.0))
                         for y in ys for k in kinds) or 1.0,
             "vax": max(float(nets.va_exports[y].max()) for y in ys) or 1.0}
    fig, axes = st.new_figure(len(ys), len(kinds), width="page", height=2.05 * len(ys) + 0.7)
    axes = np.atleast_2d(axes)
    with st.style_context():
        shown = [_draw_panel(axes[r, c], nets, k, y, pos, scale, max_edges, n_labels)
                 for r, y in enumerate(ys) for c, k in enumerate(kinds)]
        span = " and ".join(str(y) for y in ys)
        capped = f", largest {max_edges} per panel" if any(s >= max_edges for s in shown) else ""
        fig.suptitle(f"Value-added trade networks, {nets.source} {span} — edges: "
                     f"{nets.rule.label}{capped}\nnode area ∝ value-added exports · "
                     "edge width ∝ flow · bold: supply hubs, "
                     "(n) = economies whose largest source it is",
                     fontsize=8.5)
        handles = [Line2D([], [], marker="o", linestyle="", color=col, label=reg)
                   for reg, col in REGION_COLOURS.items()
                   if any(region_of(c) == reg for c in nets.countries)]
        fig.legend(handles=handles, loc="lower right", ncol=len(handles),
                   fontsize=6.5, frameon=False)
        st.source_line(fig, f"{nets.source} · WWYZ (2017) flows, {nets.unit}")
    return st.finish(fig, path)


def plot_hub_shift(
    nets: ValueAddedNetworks,
    *,
    measure: str = "out_strength",
    countries: Sequence[str] | None = None,
    n: int = 6,
    kinds: Sequence[str] = FLOW_TYPES,
    ax: Any = None,
    path: str | Path | None = None,
) -> Figure:
    """Supply-hub rank by ``measure`` over the years, one panel per trade type; economies
    ``countries`` or the ``n`` best-ranked in the last year of the simple-GVC network."""
    from matplotlib.ticker import MaxNLocator

    from chainpower.trade.hubs import compute_hubs

    ranks = compute_hubs(nets, kinds=kinds).ranks(measure)
    if countries is None:
        last = ranks[(ranks["year"] == nets.years[-1]) & (ranks["kind"] == kinds[0])]
        countries = list(last.nsmallest(n, "rank")["country"])
    styles = _distinct_styles(list(countries))
    fig, axes = st.new_figure(1, len(kinds), width="page", height=2.6)
    axes = np.atleast_1d(axes)
    with st.style_context():
        for a, kind in zip(axes, kinds, strict=False):
            for c in countries:
                d = ranks[(ranks["kind"] == kind) & (ranks["country"] == c)]
                a.plot(d["year"], d["rank"], label=c, markersize=3, linewidth=1.2, **styles[c])
            a.invert_yaxis()
            a.yaxis.set_major_locator(MaxNLocator(integer=True))
            a.set_title(TYPE_LABELS[kind])
            a.set_xlabel("year")
            st.integer_year_axis(a, nets.years)
        axes[0].set_ylabel(f"rank by {measure.replace('_', ' ')} (1 = top)")
        axes[-1].legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=6.5)
        fig.suptitle(f"Supply hubs over time, {nets.source} {nets.years[0]}–{nets.years[-1]} "
                     f"(edges: {nets.rule.label})", fontsize=9)
        st.source_line(fig, f"{nets.source}, WWYZ (2017) value-added flows")
    return st.finish(fig, path)


def network_html(nets: ValueAddedNetworks, *, years: Sequence[int] | None = None,
                 kinds: Sequence[str] = FLOW_TYPES, max_edges: int = 150) -> str:
    """A self-contained interactive HTML page (plotly): one figure per (year, type); hover a
    node for its value-added exports and supply-hub count, an edge midpoint for its flow."""
    import plotly.graph_objects as go

    ys = list(years) if years is not None else nets.years
    pos = node_positions(nets.countries)
    parts: list[str] = []
    for y in ys:
        for kind in kinds:
            W, keep = nets.matrix(kind, y), nets.edges(kind, y)
            r, c = np.nonzero(keep)
            top = np.argsort(-W[r, c])[:max_edges]
            wmax = float(W[r, c].max(initial=1.0))
            fig = go.Figure()
            for e in top:
                (x0, y0), (x1, y1) = pos[nets.countries[r[e]]], pos[nets.countries[c[e]]]
                fig.add_trace(go.Scatter(
                    x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                    line={"width": 0.4 + 5 * W[r[e], c[e]] / wmax,
                          "color": REGION_COLOURS[region_of(nets.countries[r[e]])]},
                    opacity=0.5))
            mids = [((pos[nets.countries[r[e]]][0] + pos[nets.countries[c[e]]][0]) / 2,
                     (pos[nets.countries[r[e]]][1] + pos[nets.countries[c[e]]][1]) / 2,
                     f"{nets.countries[r[e]]} → {nets.countries[c[e]]}: {W[r[e], c[e]]:,.0f}")
                    for e in top]
            if mids:
                fig.add_trace(go.Scatter(x=[m[0] for m in mids], y=[m[1] for m in mids],
                                         mode="markers", marker={"size": 3, "opacity": 0},
                                         text=[m[2] for m in mids], hoverinfo="text",
                                         showlegend=False))
            n_sup, _ = largest_partner_counts(W, keep)
            vax = nets.va_exports[y]
            for reg, col in REGION_COLOURS.items():
                idx = [i for i, cc in enumerate(nets.countries) if region_of(cc) == reg]
                if not idx:
                    continue
                fig.add_trace(go.Scatter(
                    x=[pos[nets.countries[i]][0] for i in idx],
                    y=[pos[nets.countries[i]][1] for i in idx], mode="markers+text", name=reg,
                    text=[nets.countries[i] for i in idx], textposition="top center",
                    marker={"size": [6 + 40 * np.sqrt(vax[i] / vax.max()) for i in idx],
                            "color": col},
                    hovertext=[f"{nets.countries[i]}: VA exports {vax[i]:,.0f} {nets.unit}; "
                               f"largest source for {n_sup[i]}" for i in idx],
                    hoverinfo="text"))
            fig.update_layout(
                title=f"{TYPE_LABELS[kind]}, {nets.source} {y} (edges: {nets.rule.label})",
                xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"},
                width=760, height=700, template="plotly_white")
            parts.append(fig.to_html(full_html=False, include_plotlyjs=not parts))
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Value-added trade "
            f"networks, {nets.source}</title></head><body>" + "\n".join(parts) + "</body></html>")


def plot_interdependence(res: InterdependenceResult, *, ax: Any = None,
                         path: str | Path | None = None) -> Figure:
    """The index of each side by year (solid) with its normalisation in the axis label."""
    if ax is None:
        fig, ax = st.new_figure(1, 1, width="column", height=2.4)
    else:
        fig = ax.figure
    sides = list(dict.fromkeys(res.index["side"]))
    styles = _distinct_styles(sides)
    with st.style_context():
        full = len(res.weights)
        for s in sides:
            d = res.index[res.index["side"] == s]
            line = {k: v for k, v in styles[s].items() if k != "marker"}
            ax.plot(d["year"], d["index"], label=f"{s} on {d['partner'].iloc[0]}",
                    marker=styles[s]["marker"], markersize=3, **line)
            part = d[d["components"] < full]
            ax.scatter(part["year"], part["index"], s=16, marker=styles[s]["marker"],
                       facecolor="white", edgecolor=line["color"], zorder=3)
        st.integer_year_axis(ax, res.index["year"])
        ax.set_xlabel("year")
        ax.set_ylabel(f"index ({res.normalisation})")
        ax.legend(fontsize=6.5)
        ax.set_title("Interdependence index, each side"
                     + (" (hollow: some components missing)" if (
                         res.index["components"] < full).any() else ""), fontsize=7)
        st.source_line(fig, "WDI, WITS/Census/Comtrade, BEA, WIOD; weights "
                    + "/".join(f"{v:g}" for v in res.weights.values()))
    return st.finish(fig, path)
