"""Figure: GVC participation over time for a few economies in the three strategic industries.

Rows of panels are indicators (default WWYZ 2017a forward and backward participation), columns
the strategic industries (chips = electrical & optical equipment, vehicles = transport
equipment, minerals = mining & quarrying), one line per economy. Input is a tidy indicator
frame over years (:func:`chainpower.gvc.indicators.compute_panel`), raw sectors or already
aggregated by :func:`chainpower.gvc.indicators.strategic_indicators`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from chainpower.errors import InputError

__all__ = ["INDICATOR_LABELS", "largest_economies", "plot_participation"]

INDICATOR_LABELS: dict[str, str] = {
    "wwyz_gvcpt_f": "forward GVC participation (WWYZ)",
    "wwyz_gvcpt_b": "backward GVC participation (WWYZ)",
    "wwyz_position": "GVC position (WWYZ)",
    "kww_participation": "GVC participation (IV+FV)/E (Koopman)",
    "kww_position": "GVC position (Koopman)",
    "bm_GVCP_trade": "trade-based GVC participation (Borin-Mancini)",
    "tiva_exgr_fvash": "foreign VA share of exports (TiVA)",
}

INDUSTRIES: tuple[str, ...] = ("chips", "vehicles", "minerals")


def largest_economies(df: pd.DataFrame, k: int = 5) -> list[str]:
    """The ``k`` economies with the largest value added (``wwyz_va``, summed over the rows of
    the last year in the tidy frame ``df``), else the first ``k`` country codes."""
    last = df[df["year"] == df["year"].max()]
    va = last[last["indicator"] == "wwyz_va"].groupby("country")["value"].sum()
    if len(va):
        return [str(c) for c in va.sort_values(ascending=False).index[:k]]
    return sorted(str(c) for c in df["country"].unique())[:k]


def plot_participation(
    df: pd.DataFrame,
    *,
    countries: Sequence[str] | None = None,
    indicators: Sequence[str] = ("wwyz_gvcpt_f", "wwyz_gvcpt_b"),
    concordance: Any = None,
    path: str | Path | None = None,
    title: str | None = None,
) -> Any:
    """Draw the grid of panels (indicators × strategic industries); return the Figure and,
    with ``path``, save it (format from the suffix, e.g. ``.png``, ``.pdf``).

    ``countries`` default: the five economies with the largest value added in the last year
    (``wwyz_va``), else the first five. ``concordance`` as in
    :func:`~chainpower.gvc.indicators.strategic_indicators` (used when ``df`` holds raw sectors).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from chainpower.gvc.indicators import strategic_indicators

    if df.empty:
        raise InputError("no indicator rows to plot")
    if not df["sector"].dropna().isin(INDUSTRIES).all():
        df = strategic_indicators(df, concordance)
    df = df[df["partner"].isna() & df["sector"].isin(INDUSTRIES)]
    missing = [i for i in indicators if i not in set(df["indicator"])]
    if missing:
        raise InputError(f"indicators {missing} not in the frame", label="indicator")
    if countries is None:
        countries = largest_economies(df)
    fig, axes = plt.subplots(
        len(indicators), len(INDUSTRIES), figsize=(4.2 * len(INDUSTRIES), 3.2 * len(indicators)),
        sharex=True, squeeze=False,
    )  # fmt: skip
    for r, ind in enumerate(indicators):
        for c, industry in enumerate(INDUSTRIES):
            ax = axes[r][c]
            sub = df[(df["indicator"] == ind) & (df["sector"] == industry)]
            for country in countries:
                line = sub[sub["country"] == country].sort_values("year")
                if len(line):
                    ax.plot(line["year"], line["value"], marker="o", ms=3, label=country)
            if r == 0:
                ax.set_title(industry)
            if c == 0:
                ax.set_ylabel(INDICATOR_LABELS.get(ind, ind), fontsize=8)
            ax.grid(alpha=0.3)
    axes[0][-1].legend(fontsize=7, loc="best")
    src = ", ".join(sorted(df["source"].astype(str).unique()))
    fig.suptitle(title or f"GVC participation in strategic industries ({src})")
    fig.tight_layout()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=120)
        plt.close(fig)
    return fig
