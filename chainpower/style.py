"""The one figure style: every chainpower figure is built and finished here.

Figures are :class:`matplotlib.figure.Figure` objects made without pyplot, so nothing global
changes: no ``matplotlib.use()``, no ``rcParams`` set at import. Drawing happens inside
``with style_context():`` (a ``matplotlib.rc_context``), which restores every setting after.

- widths: 3.4 in (``"column"``) or 7 in (``"page"``); PNG at 200 dpi, PDF/SVG as vectors;
- paper 000's 15 economies have fixed colours (the same in every figure); other series get
  a palette *and* a marker/line-style cycle, so any number of series stays distinguishable;
- year axes carry integer ticks (:func:`integer_year_axis`); a small source line sits at the
  bottom left (:func:`source_line`).
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "ECONOMY_COLOURS",
    "STYLE",
    "finish",
    "integer_year_axis",
    "new_figure",
    "series_styles",
    "source_line",
    "style_context",
    "warn_missing_series",
]

WIDTHS = {"column": 3.4, "page": 7.0}
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "legend.fontsize": 7,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "savefig.dpi": 200,
    "figure.dpi": 100,
}
#: Fixed colours of paper 000's 15 economies (tab20-based, colour-blind-aware order).
ECONOMY_COLOURS: dict[str, str] = {
    "USA": "#1f77b4",
    "CHN": "#d62728",
    "JPN": "#ff7f0e",
    "KOR": "#2ca02c",
    "DEU": "#9467bd",
    "FRA": "#8c564b",
    "GBR": "#e377c2",
    "CAN": "#17becf",
    "AUS": "#bcbd22",
    "IND": "#ff9896",
    "MEX": "#98df8a",
    "RUS": "#7f7f7f",
    "PHL": "#c5b0d5",
    "VNM": "#c49c94",
    "SGP": "#aec7e8",
}
OTHER_COLOUR = "#b0b0b0"
_PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "*")
_LINES = ("-", "--", ":", "-.")


@contextlib.contextmanager
def style_context() -> Iterator[None]:
    """Apply :data:`STYLE` for the duration of the block only."""
    import matplotlib

    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        yield


def new_figure(
    rows: int = 1,
    cols: int = 1,
    *,
    width: Literal["column", "page"] | float = "column",
    height: float | None = None,
    **subplot_kw: Any,
) -> tuple[Figure, Any]:
    """A new :class:`Figure` (no pyplot) and its axes (one ``Axes`` or an array of them)."""
    from matplotlib.figure import Figure

    w = WIDTHS[width] if isinstance(width, str) else float(width)
    h = height if height is not None else w * 0.68 * rows / max(cols, 1) + 0.3
    with style_context():
        fig = Figure(figsize=(w, h), layout="constrained")
        axes = fig.subplots(rows, cols, squeeze=True, **subplot_kw)
    return fig, axes


def series_styles(names: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Colour, marker and line style per series, distinguishable at any count.

    Paper 000's economies keep their fixed colours; other names take the palette in order,
    skipping colours that a fixed economy in ``names`` already uses. Markers and line styles
    cycle at periods coprime to the palette, so no two of the first ``10 × 10 × 4`` series look
    the same.
    """
    taken = {ECONOMY_COLOURS[str(n)] for n in names if str(n) in ECONOMY_COLOURS}
    palette = [c for c in _PALETTE if c not in taken] or list(_PALETTE)
    out: dict[str, dict[str, Any]] = {}
    k = 0
    for i, name in enumerate(names):
        colour = ECONOMY_COLOURS.get(str(name))
        if colour is None:
            colour = palette[k % len(palette)]
            k += 1
        out[str(name)] = {
            "color": colour,
            "marker": _MARKERS[i % len(_MARKERS)],
            "linestyle": _LINES[(i // len(_MARKERS)) % len(_LINES)],
        }
    return out


def integer_year_axis(ax: Axes, years: Iterable[int] | None = None) -> None:
    """Integer ticks on the x axis (never ``1997.5``), as many as fit the axes' width at draw
    time (after the layout has sized the panel), at most 8; with ``years``, ticks on every
    k-th of them."""
    from matplotlib.ticker import FuncFormatter, Locator, MaxNLocator

    class _YearLocator(Locator):
        def __init__(self, ys: list[int]) -> None:
            self.ys = ys

        def __call__(self) -> list[int]:
            fit = max(2, min(8, int(self.axis.get_tick_space()) - 1)) if self.axis else 8
            return self.ys[:: max(1, -(-len(self.ys) // fit))]

        def tick_values(self, vmin: float, vmax: float) -> list[int]:
            return self()

    ys = sorted({int(y) for y in years}) if years is not None else []
    if ys:
        ax.xaxis.set_major_locator(_YearLocator(ys))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(round(v))}"))


def source_line(fig: Figure, text: str) -> None:
    """A small grey source line at the bottom left, e.g. ``"WIOD 2013 · chainpower 0.2"``.

    Drawn as the figure's ``supxlabel`` (left-aligned) so the constrained layout reserves room
    for it and it never overlaps tick labels; an existing ``supxlabel`` keeps its text above.
    """
    from chainpower import __version__

    label = text if "chainpower" in text else f"{text} · chainpower {__version__}"
    existing = fig.get_supxlabel() if hasattr(fig, "get_supxlabel") else ""
    if existing and existing != label:
        fig.supxlabel(f"{existing}\n{label}", fontsize=6, color="#555555")
        return
    fig.supxlabel(label, x=0.01, ha="left", fontsize=6, color="#555555")


def warn_missing_series(requested: Iterable[str], present: Iterable[str], what: str) -> list[str]:
    """Warn (``UserWarning``) naming requested series that have no data; return them."""
    have = {str(p) for p in present}
    missing = [str(r) for r in requested if str(r) not in have]
    if missing:
        warnings.warn(f"{what}: no data for {', '.join(missing)}", UserWarning, stacklevel=3)
    return missing


def finish(fig: Figure, path: str | Path | None = None) -> Figure:
    """Return ``fig``; when ``path`` is given, save it there through the one output writer."""
    if path is not None:
        from chainpower.output import write

        with style_context():
            write(fig, path)
    return fig
