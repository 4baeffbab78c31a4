"""Read and write MRIO tables: front ends over the parsers in :mod:`chainpower.data.mrio_readers`.

Every reader returns a validated :class:`~chainpower.mrio.table.MRIOTable` whose ``origin`` is the
file read, so every error names the file and the country-sector at fault.

Tolerances (``|Z·1 + Y·1 − x| ≤ atol + rtol·|x|``, likewise for columns):

* **WIOD 2013** is rounded to integer USD millions. A row total sums ``n + G·F`` rounded entries
  (1,435 + 205 = 1,640), each off by at most 0.5, and the published output is rounded too, so the
  worst-case rounding bound is ``atol = (n + G·F + 1)/2`` = 820.5 (observed misses: ≤ 113).
  Output is taken from the row totals (Miller & Blair 2009, eq. 2.1) and value added derived as
  ``V = x' − 1'Z`` (eq. 2.5); the published output's misfit is kept in
  ``table.published_misfit``.
* ADB and generic tables: ``rtol = 1e-6`` by default; OECD ICIO: ``rtol = 1e-5, atol = 0.01``
  (values published to a few decimals). All readers take ``rtol``/``atol``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.mrio_readers import (
    TableParts,
    parts_to_long,
    read_generic_long,
    read_oecd_icio_csv,
    read_wiod2013_npz,
    read_wiod2013_rdata,
    write_generic_long,
)
from chainpower.data.mrio_readers import (
    read_adb_xlsx as _read_adb,
)
from chainpower.data.paths import data_dir
from chainpower.data.store import Store
from chainpower.errors import DataNotFoundError
from chainpower.mrio.table import MRIOTable

__all__ = [
    "WIOD2013_NPZ",
    "read_adb_xlsx",
    "read_generic",
    "read_oecd_icio",
    "read_wiod2013",
    "table_from_parts",
    "table_to_frame",
    "table_to_parts",
    "table_to_store",
    "wiod2013_tolerance",
    "write_generic",
]

#: Location of the WIOD 2013 npz files inside the real-data folder.
WIOD2013_NPZ = ("mrio", "wiod2013_bquast", "npz")


def table_from_parts(
    parts: TableParts,
    *,
    rtol: float = 1e-6,
    atol: float = 0.0,
    derive_value_added: bool = False,
    output_from_rows: bool = False,
) -> MRIOTable:
    """Validate ``parts`` into an :class:`MRIOTable`.

    Without value added in ``parts`` it is derived (``V = x − 1'Z``) only when the caller says
    ``derive_value_added=True``. ``output_from_rows=True`` replaces a published ``x`` by the row
    totals after checking it within the tolerance, and keeps the misfit in
    ``table.published_misfit``.
    """
    meta: dict[str, object] = dict(
        countries=tuple(parts.countries),
        sectors=tuple(parts.sectors),
        fd_categories=tuple(parts.fd_categories),
        year=parts.year,
        source=parts.source,
        unit=parts.unit,
        origin=parts.origin,
        rtol=rtol,
        atol=atol,
    )
    if parts.V is None or output_from_rows:
        return MRIOTable.from_flows(
            parts.Z,
            parts.Y,
            x=parts.x,
            V=parts.V,
            derive_value_added=derive_value_added,
            output_from_rows=output_from_rows,
            va_components=None if parts.V is None else _components(parts),
            **meta,  # type: ignore[arg-type]
        )
    x = parts.x if parts.x is not None else parts.Z.sum(axis=1) + parts.Y.sum(axis=1)
    return MRIOTable(
        Z=parts.Z,
        Y=parts.Y,
        V=parts.V,
        x=x,
        va_components=_components(parts),
        **meta,  # type: ignore[arg-type]
    )


def _components(parts: TableParts) -> tuple[str, ...] | None:
    if parts.V is None or parts.V.ndim != 2:
        return None
    return tuple(parts.va_components or [f"VA{k + 1}" for k in range(parts.V.shape[0])])


def wiod2013_tolerance(parts: TableParts) -> float:
    """Worst-case rounding bound of a WIOD row total: ``(n + G·F + 1)/2`` (see module doc)."""
    return (parts.Z.shape[1] + parts.Y.shape[1] + 1) / 2


def read_wiod2013(
    year: int,
    path: str | Path | None = None,
    *,
    rtol: float | None = None,
    atol: float | None = None,
) -> MRIOTable:
    """The WIOD 2013 table of ``year`` (41 economies × 35 sectors, USD million).

    ``path``: the npz folder (default ``$CHAINPOWER_DATA/mrio/wiod2013_bquast/npz``) or an
    original ``wiot_YYYY.RData`` file. Output from row totals, value added derived, tolerance
    :func:`wiod2013_tolerance`; the published output's misfit is in ``published_misfit``.
    ``rtol``/``atol`` override the balance tolerances (default 0 and the rounding bound).
    """
    if path is None:
        base = data_dir(required=True)
        assert base is not None
        folder = base.joinpath(*WIOD2013_NPZ)
        if not folder.is_dir():
            raise DataNotFoundError("WIOD 2013 npz folder not found", file=folder)
        parts = read_wiod2013_npz(folder, year)
    else:
        p = Path(path)
        if p.suffix.lower() == ".rdata":
            parts = read_wiod2013_rdata(p)
            if parts.year != int(year):
                raise DataNotFoundError(f"file holds year {parts.year}, not {year}", file=p)
        else:
            parts = read_wiod2013_npz(p, year)
    return table_from_parts(
        parts,
        rtol=0.0 if rtol is None else rtol,
        atol=wiod2013_tolerance(parts) if atol is None else atol,
        derive_value_added=True,
        output_from_rows=True,
    )


def read_adb_xlsx(
    path: str | Path, *, sheet: str | None = None, rtol: float = 1e-6, atol: float = 0.0
) -> MRIOTable:
    """An ADB MRIO workbook: the official layout (62/72 economies × 35 sectors) or the
    aggregated 4×3 layout (see :mod:`chainpower.data.mrio_readers.adb`)."""
    return table_from_parts(_read_adb(path, sheet), rtol=rtol, atol=atol)


def read_oecd_icio(
    path: str | Path, *, year: int | None = None, rtol: float = 1e-5, atol: float = 0.01
) -> MRIOTable:
    """An official OECD ICIO csv (CN1/CN2 → CHN, MX1/MX2 → MEX merged)."""
    return table_from_parts(read_oecd_icio_csv(path, year=year), rtol=rtol, atol=atol)


def read_generic(
    path: str | Path, *, derive_value_added: bool = False, rtol: float = 1e-6, atol: float = 0.0
) -> MRIOTable:
    """A table in the generic long format (:mod:`chainpower.data.mrio_readers.generic`)."""
    return table_from_parts(
        read_generic_long(path), rtol=rtol, atol=atol, derive_value_added=derive_value_added
    )


def table_to_parts(table: MRIOTable) -> TableParts:
    """The arrays and labels of ``table`` (value added always 2-D, ``(K, n)``)."""
    V = table.V if table.V.ndim == 2 else table.V[None, :]
    comps = (
        list(table.va_components)
        if table.va_components
        else (["VA"] if table.V.ndim == 1 else [f"VA{k + 1}" for k in range(V.shape[0])])
    )
    return TableParts(
        Z=np.asarray(table.Z),
        Y=np.asarray(table.Y),
        V=np.asarray(V),
        va_components=comps,
        x=np.asarray(table.x),
        countries=list(table.countries),
        sectors=list(table.sectors),
        fd_categories=list(table.fd_categories),
        origin=table.origin or "",
        year=table.year,
        source=table.source,
        unit=table.unit,
    )


def write_generic(table: MRIOTable, path: str | Path) -> Path:
    """Write ``table`` in the generic long format (``.csv``, ``.csv.gz`` or ``.parquet``)."""
    return write_generic_long(table_to_parts(table), path)


def table_to_frame(table: MRIOTable) -> pd.DataFrame:
    """The generic long frame of ``table`` (non-zero entries; see the generic format)."""
    return parts_to_long(table_to_parts(table))


def table_to_store(store: Store, table: MRIOTable, name: str | None = None) -> Path:
    """Put ``table`` into a :class:`~chainpower.data.store.Store` as one long-format table.

    The name defaults to ``mrio_<source>_<year>`` (lower case, non-alphanumerics as ``_``).
    """
    if name is None:
        raw = f"mrio_{table.source or 'table'}_{table.year if table.year is not None else 'na'}"
        name = re.sub(r"[^0-9a-zA-Z]+", "_", raw).strip("_").lower()
    return store.write_table(name, table_to_frame(table))
