"""Regenerate the figures shown in the docs (``python docs/figures/regenerate.py``).

Needs the real-data folder (``$CHAINPOWER_DATA``): WIOD 2013 for 1995–2011 and the published
BSV ideal points. Writes small PNGs next to this file.
"""

from __future__ import annotations

from pathlib import Path

from chainpower.alignment.figures import plot_ideal_points
from chainpower.alliances.figures import plot_instrument_heatmap, plot_timeline, plot_typology
from chainpower.data.bsv import load_bsv
from chainpower.data.countries import PAPER000_ECONOMIES
from chainpower.gvc.figures import plot_participation
from chainpower.gvc.indicators import compute_panel
from chainpower.mrio.io import read_wiod2013

HERE = Path(__file__).resolve().parent
#: The figures this script writes (other scripts here write their own).
MINE = ("wiod_participation.png", "ideal_points.png", "alliances_typology.png",
        "alliances_timeline.png", "instruments_heatmap.png")  # fmt: skip


def main() -> None:
    years = range(1995, 2012)
    loaders = [lambda y=y: read_wiod2013(y) for y in years]
    panel = compute_panel(loaders, total=len(years), trade=False, origin_destination=False)
    wiod = [c for c in PAPER000_ECONOMIES if c not in ("PHL", "VNM", "SGP")]  # not in WIOD 2013
    title = "GVC participation in strategic industries, WIOD 1995–2011"
    plot_participation(panel, countries=wiod, path=HERE / "wiod_participation.png", title=title)
    plot_ideal_points(load_bsv(), list(PAPER000_ECONOMIES), years=(1995, 2021),
                      path=HERE / "ideal_points.png")  # fmt: skip
    plot_typology(HERE / "alliances_typology.png")
    plot_timeline(HERE / "alliances_timeline.png")
    plot_instrument_heatmap(HERE / "instruments_heatmap.png")
    for name in MINE:
        shrink(HERE / name)


def shrink(png: Path) -> None:
    """Re-save a PNG with a 256-colour palette (a third of the size, no visible change)."""
    from PIL import Image

    with Image.open(png) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


if __name__ == "__main__":
    main()
