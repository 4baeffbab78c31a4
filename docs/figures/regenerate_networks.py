"""Regenerate the figures of ``docs/networks.md`` (``python docs/figures/regenerate_networks.py``).

Needs the real-data folder (WIOD 2013 1995–2011 and ``macro/``). Figures are drawn and written
by chainpower (``chainpower.output.write``); the PNGs are then re-encoded with a 128-colour
palette (Pillow) so each stays under 300 KB in the repository.
"""

from __future__ import annotations

from pathlib import Path

from chainpower.mrio.io import read_wiod2013
from chainpower.output import atomic_path, write
from chainpower.trade.china_us_index import china_us_index
from chainpower.trade.networks import value_added_networks

HERE = Path(__file__).resolve().parent


def _small_png(fig: object, path: Path) -> None:
    from PIL import Image

    write(fig, path)
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    with atomic_path(path) as tmp:
        small.save(tmp, format="PNG", optimize=True)


def main() -> None:
    tables = [read_wiod2013(y) for y in range(1995, 2012)]
    nets = value_added_networks(tables, rule="largest_partner")
    _small_png(nets.plot(years=[1995, 2011]), HERE / "networks_wiod_1995_2011.png")
    _small_png(nets.with_rule(name="threshold").plot(years=[1995, 2011], max_edges=150),
               HERE / "networks_wiod_1995_2011_threshold.png")
    _small_png(nets.with_rule(name="threshold").plot(
        "hub_shift", countries=["CHN", "JPN", "USA", "DEU", "KOR", "RUS"]),
               HERE / "hub_shift_wiod.png")
    res = china_us_index(range(1995, 2022), tables=tables)
    _small_png(res.plot(), HERE / "interdependence_chn_usa.png")


if __name__ == "__main__":
    main()
