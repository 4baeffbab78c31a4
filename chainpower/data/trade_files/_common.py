"""The product-level trade schema shared by every reader, and its row-level checks.

Every reader returns one tidy frame, one row per flow *from* ``exporter`` *to* ``importer``:

==========  ===========  ==================================================================
column      dtype        meaning
==========  ===========  ==================================================================
year        int32        calendar year
exporter    category     ISO3 code of the exporting (partner of origin) economy
importer    category     ISO3 code of the importing (declaring) economy
product     category     HS6 (BACI, Comtrade) or CN8 (Comext) code, zero-padded text
value       float64      trade value in ``frame.attrs["value_unit"]`` (USD or EUR)
qty         float64      quantity in ``frame.attrs["qty_unit"]`` (tonnes, kg); NaN = not given
==========  ===========  ==================================================================

``frame.attrs`` carries ``source``, ``hs_vintage`` (e.g. ``"HS17"`` or ``None``), ``value_unit``,
``qty_unit``, ``valuation`` (``"FOB"`` for BACI exports, ``"CIF"`` for importer declarations) and
``files``. Reporter-based data (Comext, Comtrade) are turned into exporter → importer flows by
their flow direction, so one schema serves mirror and reconciled data alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from chainpower.data.countries import map_unique
from chainpower.errors import InputError, LayoutError

__all__ = [
    "FLOW_COLUMNS",
    "check_columns",
    "check_nonnegative",
    "check_product_codes",
    "finish_frame",
    "map_codes",
]

FLOW_COLUMNS: tuple[str, ...] = ("year", "exporter", "importer", "product", "value", "qty")


def check_columns(columns: Sequence[str], required: Sequence[str], *, file: str | Path) -> None:
    """Raise :class:`LayoutError` naming the file and the missing columns."""
    missing = [c for c in required if c not in columns]
    if missing:
        raise LayoutError(
            f"wrong columns: missing {missing}; the file has {list(columns)[:12]}; "
            f"expected at least {list(required)}",
            file=file,
        )


def _row_label(pos: int, header_lines: int) -> str:
    return f"row {pos + 1} (line {pos + 1 + header_lines})"


def check_nonnegative(
    values: np.ndarray, *, column: str, file: str | Path, header_lines: int = 1
) -> None:
    """Negative or non-finite (but not missing) values → :class:`InputError` naming the row."""
    v = np.asarray(values, dtype=float)
    bad = np.flatnonzero(v < 0)
    if bad.size:
        pos = int(bad[0])
        raise InputError(
            f"negative {column} {v[pos]!r} ({bad.size} such rows)",
            file=file,
            label=_row_label(pos, header_lines),
        )
    bad = np.flatnonzero(np.isinf(v))
    if bad.size:
        pos = int(bad[0])
        raise InputError(f"infinite {column}", file=file, label=_row_label(pos, header_lines))


def check_product_codes(
    codes: pd.Series,
    *,
    digits: int,
    file: str | Path,
    known: set[str] | frozenset[str] | None = None,
    vintage: str | None = None,
    header_lines: int = 1,
) -> None:
    """Every code is ``digits`` digits and, when ``known`` is given, in that code list."""
    cat = codes.astype("category")
    cats = pd.Index(cat.cat.categories.astype(str))
    bad_format = ~cats.str.fullmatch(rf"\d{{{digits}}}")
    bad = cats[bad_format]
    what = f"not a {digits}-digit product code"
    if not len(bad) and known is not None:
        prefix = cats.str[:6] if digits > 6 else cats
        bad = cats[~pd.Index(prefix).isin(list(known))]
        what = f"unknown HS code (not in {vintage or 'the code list'})"
    if len(bad):
        code = str(bad[0])
        pos = int(np.flatnonzero(cat.astype(str).to_numpy() == code)[0])
        raise InputError(
            f"{what}: {code!r} ({len(bad)} such codes)",
            file=file,
            label=_row_label(pos, header_lines),
        )


def map_codes(
    codes: np.ndarray,
    mapping: dict[Any, str],
    *,
    what: str,
    file: str | Path,
    column: str,
    header_lines: int = 1,
) -> np.ndarray:
    """Map each code through ``mapping`` (vectorised over the unique codes); an unknown code
    raises :class:`InputError` naming the file, the column and the first row where it occurs."""
    return map_unique(
        codes,
        mapping,
        lambda key, pos: InputError(
            f"unknown {what} {key!r} in column {column!r}",
            file=file,
            label=_row_label(pos, header_lines),
        ),
    )


def finish_frame(
    cols: dict[str, Any],
    *,
    source: str,
    hs_vintage: str | None,
    value_unit: str,
    qty_unit: str | None,
    valuation: str,
    files: Sequence[str | Path],
) -> pd.DataFrame:
    """Assemble the schema frame (categorical codes keep a full BACI year near 300 MB)."""
    df = pd.DataFrame(
        {
            "year": np.asarray(cols["year"], dtype=np.int32),
            "exporter": pd.Categorical(cols["exporter"]),
            "importer": pd.Categorical(cols["importer"]),
            "product": pd.Categorical(cols["product"]),
            "value": np.asarray(cols["value"], dtype=np.float64),
            "qty": np.asarray(cols["qty"], dtype=np.float64),
        }
    )
    df.attrs.update(
        source=source,
        hs_vintage=hs_vintage,
        value_unit=value_unit,
        qty_unit=qty_unit,
        valuation=valuation,
        files=[str(f) for f in files],
    )
    return df
