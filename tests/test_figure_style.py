"""Acceptance 4 (issue 12): the existing figures read well and change no global state.

Each figure is drawn, then its tick labels are read back from the rendered canvas: year axes
carry integer labels (never ``1997.5``), no two tick labels' bounding boxes overlap, every
series has its own colour/marker/line-style combination (also beyond ten series), requested
series without data are named in a warning, and matplotlib's backend and rcParams are exactly
as before.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from chainpower.alignment.figures import plot_ideal_points
from chainpower.alliances.figures import (
    plot_bipartite,
    plot_instrument_heatmap,
    plot_timeline,
    plot_typology,
)
from chainpower.data.countries import PAPER000_ECONOMIES
from chainpower.gvc.figures import plot_participation
from chainpower.gvc.indicators import compute_panel
from chainpower.mrio.synthetic import synthetic_world

YEARS = range(1995, 2012)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """A synthetic 20-economy world over WIOD's years 1995–2011 (production measures only)."""
    return compute_panel(
        synthetic_world(20, 12, YEARS), trade=False, origin_destination=False, desc="test"
    )


def _ideal() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    rows = [
        (c, y, v, v - 0.2, v + 0.2)
        for c in PAPER000_ECONOMIES
        for y, v in zip(YEARS, rng.normal(size=len(YEARS)).cumsum() / 4, strict=True)
    ]
    return pd.DataFrame(rows, columns=["iso3", "year", "ideal", "lower", "upper"])


def _state() -> tuple[str, dict[str, Any]]:
    return matplotlib.get_backend(), {k: repr(v) for k, v in matplotlib.rcParams.items()}


def _tick_labels(fig: Any, axis: str) -> Iterator[tuple[Any, list[Any]]]:
    for ax in fig.axes:
        if not ax.axison:
            continue
        ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
        yield ax, [t for t in ticks if t.get_visible() and t.get_text()]


def check_ticks(fig: Any, *, year_axis: bool = True) -> None:
    """Integer year labels on x (where ``year_axis``) and no overlapping tick labels."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    for axis in ("x", "y"):
        for ax, labels in _tick_labels(fig, axis):
            if axis == "x" and year_axis and ax.get_xlabel() == "year":
                texts = [t.get_text() for t in labels]
                assert texts and all(re.fullmatch(r"\d{4}", s) for s in texts), texts
                assert [int(s) for s in texts] == sorted(int(s) for s in texts)
            boxes = [t.get_window_extent(renderer) for t in labels]
            for a, b in itertools.combinations(boxes, 2):
                assert not a.overlaps(b), f"{axis} tick labels overlap on {ax.get_title()!r}"


def check_series_distinct(fig: Any) -> None:
    for ax in fig.axes:
        looks = [(ln.get_color(), ln.get_marker(), ln.get_linestyle()) for ln in ax.get_lines()
                 if not ln.get_label().startswith("_")]  # fmt: skip
        assert len(looks) == len(set(looks)), f"two series look the same on {ax.get_title()!r}"


def _draw(make: Callable[[], Any]) -> Any:
    before = _state()
    fig = make()
    assert _state() == before, "plotting changed the backend or rcParams"
    return fig


def test_participation_twelve_economies(panel: pd.DataFrame, tmp_path: Path) -> None:
    chosen = sorted(panel["country"].unique())[:12]
    path = tmp_path / "p.png"
    fig = _draw(lambda: plot_participation(panel, countries=chosen, path=path))
    assert path.stat().st_size > 10_000
    check_ticks(fig)
    check_series_distinct(fig)
    assert all(len(ax.get_lines()) == 12 for ax in fig.axes)
    assert fig.axes[0].get_ylabel().replace("\n", " ").endswith("(share)")  # unit from catalogue
    assert any("chainpower" in t.get_text() for t in fig.texts)  # source line


def test_participation_warns_about_missing_economies(panel: pd.DataFrame) -> None:
    have = sorted(panel["country"].unique())[:2]
    with pytest.warns(UserWarning, match="no data for XXX, YYY"):
        fig = plot_participation(panel, countries=[*have, "XXX", "YYY"])
    assert all(len(ax.get_lines()) == 2 for ax in fig.axes)


def test_ideal_points_fifteen_economies(tmp_path: Path) -> None:
    fig = _draw(
        lambda: plot_ideal_points(_ideal(), list(PAPER000_ECONOMIES), path=tmp_path / "i.svg")
    )
    check_ticks(fig)
    check_series_distinct(fig)
    colours = {ln.get_color() for ln in fig.axes[0].get_lines()[:15]}
    assert len(colours) == 15  # paper 000's fixed colours, one each
    with pytest.warns(UserWarning, match="no data for FRX"):
        plot_ideal_points(_ideal(), ["USA", "FRX"])


@pytest.mark.parametrize(
    "plot", [plot_typology, plot_bipartite, plot_timeline, plot_instrument_heatmap]
)
def test_alliance_figures(plot: Callable[..., Path], tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    made: list[Figure] = []
    original = Figure.savefig

    def keep(self: Figure, *a: Any, **k: Any) -> Any:
        made.append(self)
        return original(self, *a, **k)

    with warnings.catch_warnings(), pytest.MonkeyPatch.context() as mp:
        mp.setattr(Figure, "savefig", keep)
        path = _draw(lambda: plot(tmp_path / "f.png"))
    assert path.stat().st_size > 10_000 and len(made) == 1
    check_ticks(made[0])
    assert any("knowledge base" in t.get_text() for t in made[0].texts)


def test_importing_figure_modules_changes_nothing() -> None:
    """In a fresh interpreter: importing every figure module leaves backend and rcParams alone
    (``alliances/figures.py`` used to call ``matplotlib.use`` and set a font at import)."""
    import subprocess
    import sys

    code = (  # dict.__getitem__ reads the backend entry without resolving it (that loads pyplot)
        "import sys, matplotlib\n"
        "rc = matplotlib.rcParams\n"
        "def state(): return {k: dict.__getitem__(rc, k) for k in rc}\n"
        "before = state()\n"
        "import chainpower.gvc.figures, chainpower.alignment.figures\n"
        "import chainpower.alliances.figures\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
        "assert state() == before, 'rcParams changed at import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


@pytest.mark.parametrize("n_years", [3, 7, 12, 17, 30])
@pytest.mark.parametrize("panels", [1, 3])
def test_year_axis_labels_fit_narrow_panels(n_years: int, panels: int) -> None:
    """As many year labels as fit the panel: 7 years in one of three page-wide panels used to
    print ``20052006…`` (every year labelled)."""
    from chainpower import style

    years = list(range(2005, 2005 + n_years))
    fig, axes = style.new_figure(1, panels, width="page" if panels > 1 else "column")
    for ax in list(np.atleast_1d(axes)):
        ax.plot(years, np.arange(n_years, dtype=float), label="a long economy name")
        ax.set_xlabel("year")
        ax.set_ylabel("forward GVC participation\n(share)")
        style.integer_year_axis(ax, years)
    fig.legend(loc="outside right upper")  # as the participation figure: narrower panels
    check_ticks(fig)
