"""Figures of dependency screens, minerals checks and friend-shoring (through ``style``).

- :func:`plot_supplier_shares`: horizontal bars, share of dependent products per main supplier;
- :func:`plot_hhi_over_time`: import HHI of the dependent products by year (one line each);
- :func:`plot_ranked_concentration`: products ranked by their main supplier's share, coloured
  by supplier, with the threshold line (e.g. 65 % or 50 %);
- :func:`plot_crma`: largest third-country share per material and stage against 65 %;
- :func:`plot_friendshoring`: friend share of supply by product group over time.

Every function takes the data first and ``ax=None``, returns the Figure and saves only when
given ``path=`` (through :func:`chainpower.style.finish`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from chainpower import style as st
from chainpower.errors import InputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "plot_crma",
    "plot_friendshoring",
    "plot_hhi_over_time",
    "plot_ranked_concentration",
    "plot_supplier_shares",
]


def _axes(ax: Any, *, height: float | None = None) -> tuple[Figure, Any]:
    if ax is not None:
        return ax.figure, ax
    return st.new_figure(1, 1, width="column", height=height)


def plot_supplier_shares(
    screen: Any, *, ax: Any = None, top: int = 10, path: str | Path | None = None
) -> Figure:
    """Share of the dependent products whose main supplier is each country."""
    shares = screen.supplier_shares().head(top)
    if shares.empty:
        raise InputError("no dependent products to plot", label=repr(screen))
    fig, ax = _axes(ax, height=1.0 + 0.22 * len(shares))
    colours = st.series_styles(list(shares["supplier"]))
    with st.style_context():
        ax.barh(
            shares["supplier"][::-1],
            100 * shares["share_products"][::-1],
            color=[colours[s]["color"] for s in shares["supplier"][::-1]],
        )
        ax.set_xlabel("share of dependent products (%)")
        ax.set_title(f"{screen.importer}: main suppliers of {screen.n_dependent} dependencies")
        st.source_line(fig, f"{screen.source} · rules {screen.rules.name}")
    return st.finish(fig, path)


def plot_hhi_over_time(
    screen: Any, *, ax: Any = None, top: int = 8, path: str | Path | None = None
) -> Figure:
    """Import HHI by year of the (largest) dependent products, with the 0.4 cut-off."""
    dep = screen.dependent.head(top)
    cells = screen.cells[screen.cells["product"].isin(dep["product"])]
    if cells.empty:
        raise InputError("no dependent products to plot", label=repr(screen))
    fig, ax = _axes(ax)
    names = list(dep["product"])
    styles = st.series_styles(names)
    with st.style_context():
        for p in names:
            d = cells[cells["product"] == p].sort_values("year")
            ax.plot(d["year"], d["import_hhi"], label=p, **styles[p])
        ax.axhline(0.4, color="#555555", linewidth=0.8, linestyle="--")
        st.integer_year_axis(ax, screen.years)
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("year")
        ax.set_ylabel("HHI of import suppliers (0–1)")
        ax.set_title(f"{screen.importer}: supplier concentration of dependent products")
        ax.legend(ncol=2, frameon=False)
        st.source_line(fig, screen.source)
    return st.finish(fig, path)


def _ranked(
    frame: pd.DataFrame,
    label: str,
    share: str,
    who: str,
    threshold: float,
    title: str,
    source: str,
    ax: Any,
    path: str | Path | None,
) -> Figure:
    frame = frame.sort_values(share, ascending=True)
    fig, ax = _axes(ax, height=1.0 + 0.2 * len(frame))
    styles = st.series_styles(sorted(frame[who].astype(str).unique()))
    with st.style_context():
        bars = ax.barh(
            frame[label].astype(str),
            100 * frame[share],
            color=[styles[str(s)]["color"] for s in frame[who]],
        )
        for bar, s in zip(bars, frame[who], strict=True):
            ax.text(
                bar.get_width() + 1,
                bar.get_y() + bar.get_height() / 2,
                str(s),
                va="center",
                fontsize=6,
            )
        ax.axvline(100 * threshold, color="#555555", linewidth=0.8, linestyle="--")
        ax.set_xlim(0, 105)
        ax.set_xlabel("share of the largest supplier (%)")
        ax.set_title(title)
        st.source_line(fig, source)
    return st.finish(fig, path)


def plot_ranked_concentration(
    screen: Any, *, ax: Any = None, top: int = 20, path: str | Path | None = None
) -> Figure:
    """Products of the last screened year ranked by their main supplier's share."""
    c = screen.cells[screen.cells["year"] == screen.years[-1]]
    c = c.sort_values("top_share", ascending=False).head(top)
    return _ranked(
        c,
        "product",
        "top_share",
        "top_supplier",
        0.5,
        f"{screen.importer} {screen.years[-1]}: supplier concentration",
        screen.source,
        ax,
        path,
    )


def plot_crma(check: pd.DataFrame, *, ax: Any = None, path: str | Path | None = None) -> Figure:
    """Largest third-country share per material and stage against the 65 % benchmark."""
    if check.empty:
        raise InputError("empty CRMA check")

    def short(source: str) -> str:
        low = source.lower()
        if "import" in low:
            return "EU imports"
        if "crm 2023" in low:
            return "CRM 2023 Table A"
        if low.startswith("usgs"):
            return source.split()[0] + " " + source.split()[1]
        return source.split()[0]

    frame = check.assign(
        label=check["material"] + " · " + check["stage"] + " (" + check["source"].map(short) + ")"
    )
    return _ranked(
        frame,
        "label",
        "share",
        "largest_third_country",
        float(check["threshold"].iloc[0]),
        "CRMA Art. 5(1)(d): largest third country",
        "Reg. (EU) 2024/1252",
        ax,
        path,
    )


def plot_friendshoring(
    shares: pd.DataFrame, *, ax: Any = None, path: str | Path | None = None
) -> Figure:
    """Friend share of supply per product group over time."""
    if shares.empty:
        raise InputError("no friend-shoring shares to plot")
    fig, ax = _axes(ax)
    groups = sorted(shares["product_group"].unique())
    styles = st.series_styles(groups)
    with st.style_context():
        for g in groups:
            d = shares[shares["product_group"] == g].sort_values("year")
            ax.plot(d["year"], 100 * d["friend_share"], label=g, **styles[g])
        st.integer_year_axis(ax, sorted(shares["year"].unique()))
        ax.set_ylim(0, 100)
        ax.set_xlabel("year")
        ax.set_ylabel("imports from friends (%)")
        ax.set_title(f"{shares['importer'].iloc[0]}: supply from friends")
        ax.legend(frameon=False)
        st.source_line(fig, "friend-shoring")
    return st.finish(fig, path)
