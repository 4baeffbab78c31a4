"""Figures of the knowledge base, each written to a file (PNG, PDF or SVG by suffix).

Drawn with :mod:`chainpower.style` (``Figure`` objects, no pyplot, no global matplotlib state),
with a source line naming the knowledge base; written through :func:`chainpower.output.write`.

* :func:`plot_typology` — paper 002's 2×2 typology with alliance names placed (derived labels);
* :func:`plot_bipartite` — the country × alliance membership graph;
* :func:`plot_timeline` — founding and update dates of the alliances;
* :func:`plot_instrument_heatmap` — paper 004's economy × level/tool-type instrument counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from chainpower.alliances.instruments import instrument_matrix
from chainpower.alliances.load import KnowledgeBase, load_knowledge_base
from chainpower.alliances.network import bipartite_graph
from chainpower.alliances.rules import classify, typology_table

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "plot_all",
    "plot_bipartite",
    "plot_instrument_heatmap",
    "plot_timeline",
    "plot_typology",
]

SOURCE = "chainpower alliances knowledge base (papers 002, 004)"


@contextmanager
def _figure(path: str | Path, width: float, height: float) -> Iterator[tuple[Figure, Any]]:
    """A styled figure and axes for the block; saved to ``path`` (validated first) after it."""

    from chainpower.output import check_output
    from chainpower.style import finish, new_figure, source_line, style_context

    check_output(path, "figure")
    fig, ax = new_figure(width=width, height=height)
    with style_context():
        yield fig, ax
        source_line(fig, SOURCE)
    finish(fig, path)


def plot_typology(
    path: str | Path, as_of: str | dt.date = "2024-06-30", kb: KnowledgeBase | None = None
) -> Path:
    """2×2 typology (commitment × institutionalisation) with alliance abbreviations."""
    kb = kb or load_knowledge_base()
    from matplotlib.patches import Rectangle

    table = typology_table(classify(as_of, kb))
    with _figure(path, 7.0, 5.2) as (_fig, ax):
        _typology(ax, table, kb, as_of, Rectangle)
    return Path(path)


def _typology(ax: Any, table: Any, kb: KnowledgeBase, as_of: object, Rectangle: Any) -> None:
    cols = {"action": 0, "consultative": 1}
    rows = {"high": 1, "low": 0}
    for (com, inst), ids in table.items():
        x0, y0 = cols[com], rows[inst]
        ax.add_patch(
            Rectangle(
                (x0, y0),
                1,
                1,
                fill=True,
                alpha=0.08 + 0.08 * len(ids),
                color="tab:blue",
                ec="black",
            )
        )
        names = [kb.alliances[i].abbreviation for i in ids]
        ax.text(x0 + 0.5, y0 + 0.5, "\n".join(names) or "—", ha="center", va="center", fontsize=10)
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks([0.5, 1.5], ["action commitment", "consultative commitment"])
    ax.set_yticks([0.5, 1.5], ["low institutionalisation", "high institutionalisation"])
    ax.set_title(f"US supply-chain alliances, rules applied as of {as_of} (cf. paper 002, table 2)")
    ax.grid(False)


#: Colours of the four typology cells (commitment, institutionalisation).
_CELL_COLOURS: dict[tuple[str, str], str] = {
    ("action", "high"): "tab:red",
    ("action", "low"): "tab:orange",
    ("consultative", "high"): "tab:blue",
    ("consultative", "low"): "tab:cyan",
}


def plot_bipartite(
    path: str | Path,
    as_of: str | dt.date = "2024-06-30",
    kb: KnowledgeBase | None = None,
    *,
    expand: bool = False,
) -> Path:
    """Bipartite membership graph (organisations kept as one node unless ``expand``).

    Alliances (left) are grouped and coloured by their typology cell as of ``as_of``; countries
    (right) are ordered by the mean position of their alliances (one barycentric sweep, which
    removes most edge crossings) and sized by their number of memberships; each edge takes the
    colour of its alliance.
    """
    kb = kb or load_knowledge_base()
    g = bipartite_graph(as_of, kb, expand=expand)
    cells = classify(as_of, kb).set_index("id")
    alliances = [n for n, d in g.nodes(data=True) if d["kind"] == "alliance"]
    countries = [n for n, d in g.nodes(data=True) if d["kind"] == "country"]
    order = list(_CELL_COLOURS)

    def cell(a: str) -> tuple[str, str]:
        row = cells.loc[a]
        return str(row["commitment"]), str(row["institutionalisation"])

    alliances.sort(key=lambda a: (order.index(cell(a)), -g.degree(a), str(a)))
    ya = {a: 1.0 - i / max(len(alliances) - 1, 1) for i, a in enumerate(alliances)}
    bary = {c: float(np.mean([ya[a] for a in g.neighbors(c)])) for c in countries}
    countries.sort(key=lambda c: (-bary[c], str(c)))
    yc = {c: 1.0 - i / max(len(countries) - 1, 1) for i, c in enumerate(countries)}
    pos = {**{a: (0.0, y) for a, y in ya.items()}, **{c: (1.0, y) for c, y in yc.items()}}
    colour = {a: _CELL_COLOURS[cell(a)] for a in alliances}

    with _figure(path, 7.0, max(6.0, len(countries) * 0.12)) as (_fig, ax):
        _bipartite(ax, g, alliances, countries, ya, yc, pos, colour, as_of)
    return Path(path)


def _bipartite(
    ax: Any, g: Any, alliances: list[str], countries: list[str], ya: dict[str, float],
    yc: dict[str, float], pos: dict[str, tuple[float, float]], colour: dict[str, str],
    as_of: object,
) -> None:  # fmt: skip
    for a in alliances:
        for c in g.neighbors(a):
            ax.plot([0, 1], [pos[a][1], pos[c][1]], color=colour[a], alpha=0.35, lw=0.7)
    ax.scatter([0] * len(alliances), [ya[a] for a in alliances], s=140, zorder=3,
               c=[colour[a] for a in alliances])  # fmt: skip
    ax.scatter([1] * len(countries), [yc[c] for c in countries], zorder=3, color="0.3",
               s=[12 + 10 * g.degree(c) for c in countries])  # fmt: skip
    for a in alliances:
        ax.text(-0.03, ya[a], g.nodes[a]["label"], ha="right", va="center", fontsize=9)
    for c in countries:
        ax.text(1.03, yc[c], f"{c} ({g.degree(c)})", ha="left", va="center", fontsize=6.5)
    for (com, inst), col in _CELL_COLOURS.items():
        ax.plot([], [], color=col, lw=3, label=f"{com} / {inst} institutionalisation")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, fontsize=8, frameon=False)
    ax.set_xlim(-0.35, 1.25)
    ax.set_title(f"Alliance membership as of {as_of} (countries: number of alliances)")
    ax.axis("off")


def plot_timeline(path: str | Path, kb: KnowledgeBase | None = None, *, start: int = 2020) -> Path:
    """Founding (●), table-1 date (◆) and evidence dates (|) per alliance since ``start``."""
    kb = kb or load_knowledge_base()
    items = sorted(kb.alliances.values(), key=lambda a: (a.table1_date or a.founded).earliest)
    with _figure(path, 7.0, 0.28 * len(items) + 1.2) as (_fig, ax):
        _timeline(ax, items, start)
    return Path(path)


def _timeline(ax: Any, items: list[Any], start: int) -> None:
    from chainpower.style import integer_year_axis

    def year(d: dt.date) -> float:
        return d.year + (d.timetuple().tm_yday - 1) / 365.25

    for y, a in enumerate(items):
        f = max(year(a.founded.earliest), start)
        ax.plot([f, 2024.6], [y, y], color="lightgray", lw=4, zorder=1)
        ax.scatter(
            [year(a.founded.earliest)] if a.founded.earliest.year >= start else [start],
            [y],
            marker="o",
            color="tab:blue",
            zorder=3,
        )
        if a.table1_date is not None:
            ax.scatter([year(a.table1_date.earliest)], [y], marker="D", color="tab:red", zorder=3)
        ev = [year(e.date.earliest) for e in a.evidence if not e.date.by]
        ax.scatter(ev, [y] * len(ev), marker="|", color="black", s=80, zorder=2)
    ax.set_yticks(range(len(items)), [a.abbreviation for a in items])
    ax.set_xlim(start - 0.2, 2024.8)
    integer_year_axis(ax, range(start, 2025))
    ax.set_xlabel("year")
    ax.set_title("Founding (●), paper-002 table-1 date (◆) and dated evidence (|)")


def plot_instrument_heatmap(path: str | Path, kb: KnowledgeBase | None = None) -> Path:
    """Heatmap of instrument counts: (level, tool type) × economy (paper 004 framework)."""
    kb = kb or load_knowledge_base()
    m = instrument_matrix(kb)
    values = m.to_numpy()
    with _figure(path, 5.0, 5.0) as (fig, ax):
        _heatmap(fig, ax, m, values)
    return Path(path)


def _heatmap(fig: Figure, ax: Any, m: Any, values: np.ndarray) -> None:
    im = ax.imshow(values, cmap="Blues", aspect="auto")
    ax.set_xticks(range(values.shape[1]), list(m.columns))
    ax.set_yticks(range(values.shape[0]), [f"{lvl} / {t}" for lvl, t in m.index])
    for (i, j), v in np.ndenumerate(values):
        ax.text(
            j,
            i,
            str(v),
            ha="center",
            va="center",
            color="white" if v > values.max() / 2 else "black",
        )
    fig.colorbar(im, ax=ax, label="number of instruments")
    ax.set_xlabel("economy")
    ax.set_title("Policy instruments by level and tool type (paper 004)")
    ax.grid(False)


def plot_all(
    folder: str | Path, as_of: str | dt.date = "2024-06-30", kb: KnowledgeBase | None = None
) -> list[Path]:
    """All four figures into ``folder``."""
    kb = kb or load_knowledge_base()
    folder = Path(folder)
    return [
        plot_typology(folder / "alliances_typology.png", as_of, kb),
        plot_bipartite(folder / "alliances_bipartite.png", as_of, kb),
        plot_timeline(folder / "alliances_timeline.png", kb),
        plot_instrument_heatmap(folder / "instruments_heatmap.png", kb),
    ]
