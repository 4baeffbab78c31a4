"""Ideal-point figure with uncertainty bands from published quantiles and own intervals."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chainpower.alignment.figures import band_columns, plot_ideal_points
from chainpower.errors import InputError


def _own() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["USA", "USA", "CHN", "CHN"],
            "year": [2018, 2019] * 2,
            "ideal": [2.0, 2.1, -1.0, -0.9],
            "lower": [1.8, 1.9, -1.2, -1.1],
            "upper": [2.2, 2.3, -0.8, -0.7],
        }
    )


def test_plot_own(tmp_path: Path) -> None:
    out = tmp_path / "f.png"
    fig = plot_ideal_points(_own(), ["USA", "CHN"], out=out)
    assert out.stat().st_size > 1000
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["USA", "CHN"]
    assert len(ax.collections) == 2  # one band per country
    lo, hi = ax.get_ylim()
    assert lo <= -1.2 and hi >= 2.3  # the bands are inside the axes


def test_band_choice_and_errors() -> None:
    assert band_columns(_own())[:2] == ("lower", "upper")
    bsv_like = _own().drop(columns=["lower", "upper"]).assign(q05=0.0, q95=1.0, q10=0, q90=1)
    assert band_columns(bsv_like)[:2] == ("q05", "q95")
    with pytest.raises(InputError, match="no ideal points for"):
        plot_ideal_points(_own(), ["FRA"])
    with pytest.raises(InputError, match="no ideal points in years"):
        plot_ideal_points(_own(), ["USA"], years=(1950, 1960))


@pytest.mark.shared_data
def test_plot_published(bsv_real: pd.DataFrame, tmp_path: Path) -> None:
    fig = plot_ideal_points(bsv_real, ["USA", "RUS"], out=tmp_path / "p.png")
    assert (tmp_path / "p.png").exists() and len(fig.axes[0].collections) == 2
