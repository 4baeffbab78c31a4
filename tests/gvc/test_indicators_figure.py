"""The participation figure plots the strategic-industry values of the panel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chainpower.errors import InputError
from chainpower.gvc.figures import plot_participation
from chainpower.gvc.indicators import compute_panel, strategic_indicators
from chainpower.mrio.synthetic import synthetic_world


def test_figure_lines_match_panel(tmp_path: Path) -> None:
    df = compute_panel(synthetic_world(20, 12, range(2010, 2014)), origin_destination=False)
    path = tmp_path / "fig" / "participation.png"
    fig = plot_participation(df, countries=["CHN", "USA"], path=path)
    assert path.exists() and path.stat().st_size > 10_000
    s = strategic_indicators(df)
    ax = fig.axes[1 * 3 + 0]  # backward participation, chips
    line = ax.get_lines()[0]  # CHN
    want = s[(s.country == "CHN") & (s.sector == "chips") & (s.indicator == "wwyz_gvcpt_b")]
    np.testing.assert_allclose(line.get_ydata(), want.sort_values("year")["value"], rtol=1e-12)
    with pytest.raises(InputError, match="not in the frame"):
        plot_participation(df, indicators=["nope"])
