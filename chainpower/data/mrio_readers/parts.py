"""The plain result of every MRIO parser, and checks shared by the parsers.

The data layer does not import :mod:`chainpower.mrio`: parsers return a :class:`TableParts` of
plain arrays and labels, and :mod:`chainpower.mrio.io` turns it into a validated ``MRIOTable``.
Shapes (``G`` countries, ``N`` sectors, ``n = G·N`` rows ordered country-major, ``F`` final-demand
categories, ``K`` value-added components):

* ``Z`` ``(n, n)``, ``Y`` ``(n, G·F)`` (destination country major, category minor),
* ``V`` ``(K, n)`` or ``None`` (absent in the source: derive it, saying so),
* ``x`` ``(n,)`` published output, or ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from chainpower.data.reading import existing_file
from chainpower.errors import InputError, LayoutError

__all__ = ["TableParts", "country_major_labels", "existing_file", "finite_or_fail"]

FloatArray = NDArray[np.float64]


@dataclass
class TableParts:
    """Arrays and labels of one MRIO table as a publisher's file holds them (see module doc)."""

    Z: FloatArray
    Y: FloatArray
    countries: list[str]
    sectors: list[str]
    fd_categories: list[str]
    origin: str
    V: FloatArray | None = None
    va_components: list[str] | None = None
    x: FloatArray | None = None
    year: int | None = None
    source: str = ""
    unit: str = "USD million"
    sector_names: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        """``"COUNTRY/SECTOR"`` per row, country-major."""
        return [f"{c}/{s}" for c in self.countries for s in self.sectors]


def country_major_labels(
    pairs: Sequence[tuple[str, str]], *, origin: str, where: str = "row"
) -> tuple[list[str], list[str]]:
    """Countries and sectors of a country-major list of ``(country, sector)`` pairs.

    Raises :class:`LayoutError` naming the first pair that breaks the grid: a country whose
    rows are not contiguous, or a sector list that differs from the first country's.
    """
    if not pairs:
        raise LayoutError(f"no country-sector {where}s found", file=origin)
    sectors = list(dict.fromkeys(s for _, s in pairs))
    N = len(sectors)
    countries: list[str] = []
    for k, (c, s) in enumerate(pairs):
        g, i = divmod(k, N)
        if i == 0:
            if c in countries:
                raise LayoutError(
                    f"{where} {k}: country {c!r} appears again after other countries "
                    "(the layout must be country-major)",
                    file=origin,
                    label=f"{c}/{s}",
                )
            countries.append(c)
        elif c != countries[g]:
            raise LayoutError(
                f"{where} {k}: expected a sector of {countries[g]!r} "
                f"({countries[g]}/{sectors[i]}), found {c}/{s}; every country needs the "
                f"same {N} sectors",
                file=origin,
                label=f"{c}/{s}",
            )
        if s != sectors[i]:
            raise LayoutError(
                f"{where} {k}: expected sector {sectors[i]!r} of {c}, found {s!r} "
                "(every country needs the same sectors in the same order)",
                file=origin,
                label=f"{c}/{s}",
            )
    if len(pairs) % N:
        c, s = pairs[-1]
        raise LayoutError(
            f"incomplete last country: {len(pairs)} {where}s for {N} sectors",
            file=origin,
            label=f"{c}/{s}",
        )
    return countries, sectors


def finite_or_fail(
    name: str,
    arr: FloatArray,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    origin: str,
) -> None:
    """Raise :class:`InputError` naming the first non-finite cell of ``arr`` by its labels."""
    bad = ~np.isfinite(arr)
    if bad.any():
        flat = int(np.flatnonzero(bad.ravel())[0])
        if arr.ndim == 1:
            raise InputError(f"non-finite value in {name}", file=origin, label=row_labels[flat])
        r, c = divmod(flat, arr.shape[1])
        raise InputError(
            f"non-finite value {arr[r, c]!r} in {name} (column {col_labels[c]})",
            file=origin,
            label=row_labels[r],
        )
