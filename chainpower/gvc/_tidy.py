"""Tidy frames from labelled arrays: the one place that lays out indicator rows.

Every GVC result turns arrays shaped by the table's labels into rows of the store's tidy schema
``(source, year, country, sector, partner, indicator, value)``. The layout of an array is named
by its ``kind``:

========================  ================  =========================================
kind                      array shape       keys set
========================  ================  =========================================
``"bilateral"``           ``(G, N, G)``     country, sector, partner (r = s dropped)
``"origin_destination"``  ``(G·N, G)``      country, sector, partner (r = s kept)
``"sector"``              ``(G, N)``        country, sector
``"country_bilateral"``   ``(G, G)``        country, partner (r = s dropped)
``"country"``             ``(G,)``          country
========================  ================  =========================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from chainpower.errors import InputError
from chainpower.mrio.algebra import FloatArray
from chainpower.mrio.table import CountrySectorSizes
from chainpower.results import Result

__all__ = ["KINDS", "GVCResult", "tidy_frame"]

KINDS: tuple[str, ...] = (
    "bilateral",
    "origin_destination",
    "sector",
    "country_bilateral",
    "country",
)


def _keys(
    kind: str, countries: Sequence[str], sectors: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Row keys (country, sector, partner) and the mask of rows to keep for ``kind``."""
    G, N = len(countries), len(sectors)
    c = np.array(countries, dtype=object)
    s = np.array(sectors, dtype=object)
    if kind in ("bilateral", "origin_destination"):
        country, sector, partner = (
            np.repeat(c, N * G),
            np.tile(np.repeat(s, G), G),
            np.tile(c, G * N),
        )
    elif kind == "sector":
        country, sector, partner = np.repeat(c, N), np.tile(s, G), np.full(G * N, None, object)
    elif kind == "country_bilateral":
        country, sector, partner = np.repeat(c, G), np.full(G * G, None, object), np.tile(c, G)
    elif kind == "country":
        country, sector, partner = c, np.full(G, None, object), np.full(G, None, object)
    else:
        raise InputError(f"unknown level {kind!r}; use one of {list(KINDS)}")
    keep = np.ones(country.shape[0], dtype=bool)
    if kind in ("bilateral", "country_bilateral"):
        keep = country != partner
    return country, sector, partner, keep


def tidy_frame(
    arrays: Mapping[str, FloatArray],
    kind: str,
    *,
    countries: Sequence[str],
    sectors: Sequence[str],
    year: int | None,
    source: str,
    finite_only: bool = True,
) -> pd.DataFrame:
    """One tidy frame of ``arrays`` (name → array laid out as ``kind``, see module docstring).

    ``finite_only`` leaves out undefined values (NaN from a zero denominator, ±inf) instead of
    writing them; ``year`` is −1 when the table has none.
    """
    country, sector, partner, keep = _keys(kind, countries, sectors)
    frames = []
    for name, arr in arrays.items():
        vals = np.asarray(arr, dtype=np.float64).ravel()
        if vals.shape != country.shape:
            raise InputError(
                f"array {name!r} has {vals.size} values, a {kind!r} layout needs {country.size}"
            )
        mask = keep & np.isfinite(vals) if finite_only else keep
        frames.append(
            pd.DataFrame(
                {
                    "country": country[mask],
                    "sector": sector[mask],
                    "partner": partner[mask],
                    "indicator": name,
                    "value": vals[mask],
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out.insert(0, "year", year if year is not None else -1)
    out.insert(0, "source", source)
    return out


@dataclass(frozen=True, eq=False, repr=False, kw_only=True)
class GVCResult(CountrySectorSizes, Result):
    """Result base of one table's GVC measures: keyword-only fields ``countries`` (G),
    ``sectors`` (N), ``year`` and ``source``; this gives its one-line repr, its ``meta`` and
    :meth:`_tidy` (its arrays as tidy rows)."""

    countries: tuple[str, ...]
    sectors: tuple[str, ...]
    year: int | None = None
    source: str = ""

    def _repr_fields(self) -> dict[str, object]:
        return {"source": self.source, "year": self.year,
                "countries": len(self.countries), "sectors": len(self.sectors)}  # fmt: skip

    def _meta(self) -> dict[str, object]:
        return {"source": self.source, "year": self.year}

    def _tidy(self, arrays: Mapping[str, FloatArray], kind: str, **kw: bool) -> pd.DataFrame:
        return tidy_frame(arrays, kind, countries=self.countries, sectors=self.sectors,
                          year=self.year, source=self.source, **kw)  # fmt: skip
