"""ADB Multiregional Input-Output tables (Asian Development Bank MRIO database) in Excel.

**Official layout** (62- and 72-economy editions, one sheet per year, e.g. ``ADB MRIO 2019``;
the layout as documented by the ADB MRIO team's workbooks and used by public parsers such as
K. Reyes' ``mrio-processing`` and ``mrio`` tools; rows and columns below are Excel's, 1-based):

* row 6 from column E: the economy code of each column (``PRC``, ``JPN`` …; ``ToT`` over the
  total column); row 7 from column E: the column code — ``c1…c35`` for the intermediate-use
  block (``G·35`` columns), ``F1…F5`` for final demand (5 categories per economy, economy
  major), then one total-output column;
* from row 8, one row per country-sector: column B the sector name, column C the economy code,
  column D the sector code ``c1…c35``, data from column E;
* below the ``G·35`` rows: ``r60`` intermediate-input total (skipped), the value-added rows
  (taxes less subsidies on products, cif/fob adjustments, direct purchases abroad by residents,
  purchases by non-residents, value added at basic prices, international transport margins;
  codes ``r61…`` in column D) and the total-input row (code ``r69`` or ``ToT``);
* blank cells (empty or a space) are zeros.

Value-added rows also carry entries in the final-demand columns (direct purchases abroad …);
an :class:`MRIOTable` has value added for the ``G·N`` industry columns only, so those entries are
dropped, and their sum is reported in ``notes``.

**Aggregated 4×3 table** (``ADB_MRIO_2023_Aggregated_4x3_with_CO2.xlsx``, L. B. Bhusal's
``adbmrio``): sheets ``Intermediate_Demand_Z``, ``Final_Demand_Y`` and ``VA_and_CO2``, each with a
header row starting ``Sector_Region`` and rows labelled ``REGION_Sector``; one final-demand
column per region; output ``Output_X`` and value added ``Value_Added``; year in ``Metadata``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from chainpower.data.mrio_readers.parts import TableParts, country_major_labels, existing_file
from chainpower.data.reading import reading
from chainpower.errors import InputError, LayoutError

__all__ = ["read_adb_aggregated_xlsx", "read_adb_mrio_xlsx", "read_adb_xlsx"]

HEADER_ECONOMY_ROW = 6  # Excel row of economy codes
HEADER_CODE_ROW = 7  # Excel row of c1…c35 / F1…F5 codes
FIRST_DATA_ROW = 8
FIRST_DATA_COL = 5  # column E
SOURCE = "ADB MRIO"
_SECTOR = re.compile(r"^c\d+$")
_FD = re.compile(r"^F\d+$")
AGGREGATED_SHEETS = ("Intermediate_Demand_Z", "Final_Demand_Y", "VA_and_CO2")


def _rows(path: Path, sheet: str | None) -> tuple[str, list[tuple[Any, ...]]]:
    with reading(path, "xlsx workbook"):  # openpyxl raises many types for non-xlsx input
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            if sheet is None:
                names = [s for s in wb.sheetnames if s.upper().startswith("ADB MRIO")]
                sheet = names[0] if names else wb.sheetnames[0]
            if sheet not in wb.sheetnames:
                raise LayoutError(f"no sheet {sheet!r} (sheets: {wb.sheetnames})", file=path)
            ws = wb[sheet]
            ws.reset_dimensions()  # some writers store a wrong sheet dimension
            return sheet, [tuple(r) for r in ws.iter_rows(values_only=True)]
        finally:
            wb.close()
    raise AssertionError("unreachable")  # pragma: no cover


def _cell(rows: Sequence[tuple[Any, ...]], r: int, c: int) -> Any:
    """Value at 1-based Excel row ``r``, column ``c`` (``None`` beyond the data)."""
    if r - 1 >= len(rows):
        return None
    row = rows[r - 1]
    return row[c - 1] if c - 1 < len(row) else None


def _text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _number(v: Any, origin: str, ref: str, label: str) -> float:
    if v is None or isinstance(v, str) and not v.strip():
        return 0.0
    if isinstance(v, bool):
        raise InputError(f"cell {ref} holds a boolean", file=origin, label=label)
    if isinstance(v, int | float):
        return float(v)
    try:
        return float(str(v).strip())
    except ValueError:
        raise InputError(
            f"cell {ref} holds text {v!r}, not a number", file=origin, label=label
        ) from None


def _block(
    rows: Sequence[tuple[Any, ...]],
    r0: int,
    nr: int,
    c0: int,
    nc: int,
    origin: str,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
) -> np.ndarray:
    """Numeric block of ``nr × nc`` cells from Excel (``r0``, ``c0``); every cell checked."""
    out = np.zeros((nr, nc))
    for i in range(nr):
        row = rows[r0 - 1 + i] if r0 - 1 + i < len(rows) else ()
        vals = row[c0 - 1 : c0 - 1 + nc]
        try:
            out[i, : len(vals)] = [0.0 if v is None else v for v in vals]
        except (TypeError, ValueError):
            for j, v in enumerate(vals):
                out[i, j] = _number(
                    v,
                    origin,
                    f"{get_column_letter(c0 + j)}{r0 + i}",
                    f"{row_labels[i]} (column {col_labels[j]})",
                )
    bad = ~np.isfinite(out)
    if bad.any():
        i, j = (int(a[0]) for a in np.nonzero(bad))
        raise InputError(
            f"non-finite value in cell {get_column_letter(c0 + j)}{r0 + i} "
            f"(column {col_labels[j]})",
            file=origin,
            label=row_labels[i],
        )
    return out


def read_adb_mrio_xlsx(path: str | Path, sheet: str | None = None) -> TableParts:
    """Parse one year of the official ADB MRIO workbook layout (see module docstring)."""
    path = existing_file(path, "ADB MRIO workbook")
    origin = str(path)
    sheet, rows = _rows(path, sheet)
    codes = [
        _text(_cell(rows, HEADER_CODE_ROW, c))
        for c in range(FIRST_DATA_COL, max(len(r) for r in rows[:HEADER_CODE_ROW] or [()]) + 1)
    ]
    n = 0
    while n < len(codes) and _SECTOR.match(codes[n]):
        n += 1
    if n == 0:
        raise LayoutError(
            f"sheet {sheet!r}: no sector codes c1… in row {HEADER_CODE_ROW} from column E "
            f"(found {codes[:1] or 'nothing'}); not the ADB MRIO layout",
            file=origin,
        )
    nf = 0
    while n + nf < len(codes) and _FD.match(codes[n + nf]):
        nf += 1
    col_pairs = [
        (_text(_cell(rows, HEADER_ECONOMY_ROW, FIRST_DATA_COL + j)), codes[j]) for j in range(n)
    ]
    countries, sectors = country_major_labels(col_pairs, origin=origin, where="column")
    G, N = len(countries), len(sectors)
    fd_pairs = [
        (_text(_cell(rows, HEADER_ECONOMY_ROW, FIRST_DATA_COL + n + j)), codes[n + j])
        for j in range(nf)
    ]
    fd_countries, fd = country_major_labels(fd_pairs, origin=origin, where="final-demand column")
    if fd_countries != countries:
        k = next(
            (i for i, (a, b) in enumerate(zip(fd_countries, countries, strict=False)) if a != b),
            min(len(fd_countries), G),
        )
        c = fd_countries[k] if k < len(fd_countries) else countries[k]
        raise LayoutError(
            f"final-demand economies differ from the intermediate-use economies at economy {k + 1}",
            file=origin,
            label=f"{c}/{fd[0]}",
        )
    labels = [f"{c}/{s}" for c, s in col_pairs]
    for k in range(n):
        r = FIRST_DATA_ROW + k
        got = (_text(_cell(rows, r, 3)), _text(_cell(rows, r, 4)))
        if got != col_pairs[k]:
            raise LayoutError(
                f"row label {got[0]}/{got[1]} in C{r}:D{r} does not match column label "
                f"{labels[k]} ({get_column_letter(FIRST_DATA_COL + k)}{HEADER_CODE_ROW})",
                file=origin,
                label=labels[k],
            )
    names = {col_pairs[k][1]: _text(_cell(rows, FIRST_DATA_ROW + k, 2)) for k in range(N)}
    fd_labels = [f"{c}/{f}" for c, f in fd_pairs]
    Z = _block(rows, FIRST_DATA_ROW, n, FIRST_DATA_COL, n, origin, labels, labels)
    Y = _block(rows, FIRST_DATA_ROW, n, FIRST_DATA_COL + n, nf, origin, labels, fd_labels)
    tot_col = FIRST_DATA_COL + n + nf
    x = _block(rows, FIRST_DATA_ROW, n, tot_col, 1, origin, labels, ["total output"])[:, 0]

    # rows below Z: r60 (skip), value-added rows, total input
    va_names: list[str] = []
    va_rows: list[int] = []
    total_row = None
    r = FIRST_DATA_ROW + n
    while r <= len(rows):
        code, desc, econ = (_text(_cell(rows, r, c)) for c in (4, 2, 3))
        if not (code or desc or econ):
            break
        if code == "r60" or "intermediate" in desc.lower():
            pass
        elif code == "r69" or "ToT" in (code, econ) or desc.upper().startswith("TOTAL"):
            total_row = r
            break
        else:
            va_rows.append(r)
            va_names.append(desc or code)
        r += 1
    if not va_rows:
        raise LayoutError(
            f"no value-added rows below the {n} country-sector rows (row {FIRST_DATA_ROW + n} on)",
            file=origin,
            label=labels[-1],
        )
    V = np.vstack(
        [
            _block(rows, rr, 1, FIRST_DATA_COL, n, origin, [va_names[i]], labels)
            for i, rr in enumerate(va_rows)
        ]
    )
    fd_va = sum(
        float(_block(rows, rr, 1, FIRST_DATA_COL + n, nf, origin, [va_names[i]], fd_labels).sum())
        for i, rr in enumerate(va_rows)
    )
    notes = [f"value-added entries in final-demand columns dropped (sum {fd_va:.6g})"]
    if total_row is not None:
        x_in = _block(rows, total_row, 1, FIRST_DATA_COL, n, origin, ["total input"], labels)[0]
        k = int(np.argmax(np.abs(x_in - x)))
        if abs(x_in[k] - x[k]) > 1e-6 * max(abs(x[k]), 1.0) + 1e-6:
            raise LayoutError(
                f"total input (row {total_row}) {x_in[k]:.6g} differs from total output "
                f"{x[k]:.6g} (column {get_column_letter(tot_col)})",
                file=origin,
                label=labels[k],
            )
    m = re.search(r"(19|20)\d\d", sheet) or re.search(r"(19|20)\d\d", path.name)
    return TableParts(
        Z=Z,
        Y=Y,
        V=V,
        va_components=va_names,
        x=x,
        countries=countries,
        sectors=sectors,
        fd_categories=fd,
        origin=origin,
        year=int(m.group()) if m else None,
        source=SOURCE,
        unit="USD million",
        sector_names=names,
        notes=notes,
    )


def _labelled_sheet(
    rows: Sequence[tuple[Any, ...]], origin: str, sheet: str
) -> tuple[list[str], list[str], np.ndarray]:
    """Header (after ``Sector_Region``), row labels and the numeric block of one sheet."""
    for i, row in enumerate(rows):
        if "Sector_Region" in [_text(v) for v in row]:
            j = [_text(v) for v in row].index("Sector_Region")
            header = [_text(v) for v in row[j + 1 :]]
            while header and not header[-1]:
                header.pop()
            labels, data = [], []
            for r in rows[i + 1 :]:
                lab = _text(r[j]) if j < len(r) else ""
                if not lab:
                    break
                labels.append(lab)
                data.append(r[j + 1 : j + 1 + len(header)])
            out = np.zeros((len(labels), len(header)))
            for a, vals in enumerate(data):
                for b, v in enumerate(vals):
                    out[a, b] = _number(
                        v,
                        origin,
                        f"{sheet}!{get_column_letter(j + 2 + b)}{i + 2 + a}",
                        labels[a].replace("_", "/", 1),
                    )
            return header, labels, out
    raise LayoutError(f"sheet {sheet!r} has no 'Sector_Region' header", file=origin)


def read_adb_aggregated_xlsx(path: str | Path) -> TableParts:
    """Parse the aggregated ADB table layout (4 regions × 3 sectors; see module docstring)."""
    path = existing_file(path, "aggregated ADB MRIO workbook")
    origin = str(path)
    zh, zl, Z = _labelled_sheet(_rows(path, AGGREGATED_SHEETS[0])[1], origin, AGGREGATED_SHEETS[0])
    pairs = [tuple(lab.split("_", 1)) for lab in zl]
    if any(len(p) != 2 for p in pairs):
        bad = next(lab for lab, p in zip(zl, pairs, strict=True) if len(p) != 2)
        raise LayoutError(f"row label {bad!r} is not REGION_Sector", file=origin, label=bad)
    countries, sectors = country_major_labels(pairs, origin=origin)  # type: ignore[arg-type]
    labels = [f"{c}/{s}" for c, s in pairs]
    if zh != zl:
        k = next(
            (i for i, (a, b) in enumerate(zip(zh, zl, strict=False)) if a != b),
            min(len(zh), len(zl)),
        )
        raise LayoutError(
            f"column header {zh[k] if k < len(zh) else '(none)'!r} does not match row label",
            file=origin,
            label=labels[min(k, len(labels) - 1)],
        )
    yh, yl, Y = _labelled_sheet(_rows(path, AGGREGATED_SHEETS[1])[1], origin, AGGREGATED_SHEETS[1])
    if yl != zl or yh != countries:
        raise LayoutError(
            f"sheet {AGGREGATED_SHEETS[1]!r}: rows must be {zl[:2]}…, columns "
            f"the regions {countries}",
            file=origin,
            label=labels[0],
        )
    vh, vl, VA = _labelled_sheet(_rows(path, AGGREGATED_SHEETS[2])[1], origin, AGGREGATED_SHEETS[2])
    if vl != zl or not {"Output_X", "Value_Added"} <= set(vh):
        raise LayoutError(
            f"sheet {AGGREGATED_SHEETS[2]!r}: needs rows {zl[:2]}… and columns "
            "Output_X, Value_Added",
            file=origin,
            label=labels[0],
        )
    year = None
    try:
        meta = _rows(path, "Metadata")[1]
        head = [_text(v) for v in meta[0]]
        if "Year" in head and len(meta) > 1:
            year = int(str(meta[1][head.index("Year")]))
    except (LayoutError, ValueError):
        year = None
    return TableParts(
        Z=Z,
        Y=Y,
        V=VA[:, vh.index("Value_Added")][None, :],
        va_components=["Value_Added"],
        x=VA[:, vh.index("Output_X")],
        countries=countries,
        sectors=sectors,
        fd_categories=["FD"],
        origin=origin,
        year=year,
        source="ADB MRIO (aggregated 4x3)",
        unit="USD million",
        notes=[
            "aggregated by L. B. Bhusal: 'Manufacturing' = ADB sectors c3–c20, 'Services' = c21–c35"
        ],
    )


def read_adb_xlsx(path: str | Path, sheet: str | None = None) -> TableParts:
    """Either layout: the aggregated one when its sheets are present, else the official one."""
    path = existing_file(path, "ADB MRIO workbook")
    with reading(path, "xlsx workbook"):
        wb = load_workbook(path, read_only=True)
        names = list(wb.sheetnames)
        wb.close()
    if all(s in names for s in AGGREGATED_SHEETS):
        return read_adb_aggregated_xlsx(path)
    return read_adb_mrio_xlsx(path, sheet)
