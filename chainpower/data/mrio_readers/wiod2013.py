"""WIOD 2013 release (Timmer et al. 2015), as stored by the R package ``wiod`` (B. Quast).

Two layouts of the same tables, 41 economies (``RoW`` last) × 35 sectors ``c1…c35``, 5 final-demand
categories per economy, values rounded to integer USD millions, no value-added rows:

* **npz** (converted, see the data folder's PROVENANCE.md): ``wiod2013_YYYY.npz`` with ``Z``
  ``(1435, 1435)``, ``F`` ``(1435, 205)``, ``x`` ``(1435,)`` (int32), ``countries``, ``year``;
  labels in ``labels_rows.csv`` (row, country, sector_no, sector_code_bquast, sector_name) and
  ``labels_final_cols.csv`` (col, country, fd_category_inferred).
* **RData**: ``wiot_YYYY.RData``, an R list with ``inter`` (Z), ``final`` (Y), ``output`` (x),
  ``countries``, ``industries``, ``year``; read with the optional ``rdata`` package.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from chainpower.data.mrio_readers.parts import (
    TableParts,
    country_major_labels,
    existing_file,
    finite_or_fail,
)
from chainpower.data.reading import read_frame, reading
from chainpower.errors import InputError, LayoutError

__all__ = ["WIOD_FD_CATEGORIES", "read_wiod2013_npz", "read_wiod2013_rdata", "wiod2013_years"]

#: Final-demand categories in column order (WIOD c37, c38, c39, c41, c42; inferred, see PROVENANCE).
WIOD_FD_CATEGORIES: tuple[str, ...] = ("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN")
SOURCE = "WIOD 2013"


def wiod2013_years(folder: str | Path) -> list[int]:
    """Years with an ``wiod2013_YYYY.npz`` file in ``folder``."""
    return sorted(int(p.stem[-4:]) for p in Path(folder).glob("wiod2013_[0-9][0-9][0-9][0-9].npz"))


def _labels(folder: Path) -> tuple[list[str], list[str], dict[str, str], list[str]]:
    rows_file = existing_file(folder / "labels_rows.csv", "WIOD row-label file")
    cols_file = existing_file(folder / "labels_final_cols.csv", "WIOD final-demand label file")
    rows = read_frame(rows_file, "WIOD row-label file")
    need = {"country", "sector_code_bquast", "sector_name"}
    if not need <= set(rows.columns):
        raise LayoutError(f"columns {sorted(need - set(rows.columns))} missing", file=rows_file)
    pairs = list(
        zip(rows["country"].astype(str), rows["sector_code_bquast"].astype(str), strict=True)
    )
    countries, sectors = country_major_labels(pairs, origin=str(rows_file))
    names = dict(
        zip(rows["sector_code_bquast"].astype(str), rows["sector_name"].astype(str), strict=True)
    )
    cols = read_frame(cols_file, "WIOD final-demand label file")
    if "fd_category_inferred" not in cols.columns or "country" not in cols.columns:
        raise LayoutError("columns country, fd_category_inferred missing", file=cols_file)
    fd = list(dict.fromkeys(cols["fd_category_inferred"].astype(str)))
    expected = [(c, f) for c in countries for f in fd]
    got = list(
        zip(cols["country"].astype(str), cols["fd_category_inferred"].astype(str), strict=True)
    )
    if got != expected:
        k = next(
            (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
            min(len(got), len(expected)),
        )
        at = got[k] if k < len(got) else expected[k]
        raise LayoutError(
            f"final-demand column {k} is not {expected[k] if k < len(expected) else 'expected'}"
            " (columns must be country-major, categories minor)",
            file=cols_file,
            label=f"{at[0]}/{at[1]}",
        )
    return countries, sectors, names, fd


def read_wiod2013_npz(folder: str | Path, year: int) -> TableParts:
    """Parse ``folder/wiod2013_{year}.npz`` with the label files beside it."""
    folder = Path(folder)
    path = existing_file(folder / f"wiod2013_{int(year)}.npz", f"WIOD 2013 table for {year}")
    countries, sectors, names, fd = _labels(folder)
    with reading(path, "WIOD 2013 npz file"), np.load(path, allow_pickle=False) as d:
        missing = {"Z", "F", "x"} - set(d.files)
        if missing:
            raise LayoutError(f"arrays {sorted(missing)} missing from the npz", file=path)
        Z, Y, x = (np.asarray(d[k], dtype=np.float64) for k in ("Z", "F", "x"))
        file_countries = [str(c) for c in d["countries"]] if "countries" in d.files else countries
        file_year = int(np.asarray(d["year"]).ravel()[0]) if "year" in d.files else int(year)
    if file_countries != countries:
        k = (
            next(
                i for i, (a, b) in enumerate(zip(file_countries, countries, strict=False)) if a != b
            )
            if len(file_countries) == len(countries)
            else 0
        )
        raise LayoutError(
            f"countries in the npz differ from labels_rows.csv at position {k}",
            file=path,
            label=f"{file_countries[k] if k < len(file_countries) else '?'}/{sectors[0]}",
        )
    if file_year != int(year):
        raise LayoutError(f"file holds year {file_year}, not {year}", file=path)
    return _parts(Z, Y, x, countries, sectors, fd, names, file_year, str(path))


def read_wiod2013_rdata(path: str | Path) -> TableParts:
    """Parse an original ``wiot_YYYY.RData`` file (needs the optional ``rdata`` package)."""
    path = existing_file(path, "WIOD 2013 RData file")
    try:
        import rdata
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputError(
            "reading .RData needs the optional package 'rdata' (pip install 'rdata>=0.11' or "
            "chainpower[rdata])",
            file=path,
        ) from exc
    with reading(path, "WIOD 2013 RData file"), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # R class "iot" has no converter
        obj = rdata.conversion.convert(rdata.parser.parse_file(path))
    if len(obj) != 1:
        raise LayoutError(f"expected one R object, found {list(obj)}", file=path)
    lst = next(iter(obj.values()))
    if not hasattr(lst, "items"):
        raise LayoutError(f"expected an R list, found {type(lst).__name__}", file=path)
    missing = {"inter", "final", "output", "countries", "industries", "year"} - {
        str(k) for k in lst
    }
    if missing:
        raise LayoutError(f"R list lacks {sorted(missing)}", file=path)
    item = {str(k): v for k, v in lst.items()}
    with reading(path, "WIOD 2013 RData file"):
        countries = [str(c) for c in np.asarray(item["countries"])]
        sectors = [str(s) for s in np.asarray(item["industries"])]
        Z = np.asarray(item["inter"], dtype=np.float64)
        Y = np.asarray(item["final"], dtype=np.float64)
        x = np.asarray(item["output"], dtype=np.float64)
        year = int(np.asarray(item["year"]).ravel()[0])
    F = Y.shape[1] // max(len(countries), 1)
    fd = (
        list(WIOD_FD_CATEGORIES)
        if len(WIOD_FD_CATEGORIES) == F
        else [f"F{i + 1}" for i in range(F)]
    )
    return _parts(Z, Y, x, countries, sectors, fd, {}, year, str(path))


def _parts(
    Z: np.ndarray,
    Y: np.ndarray,
    x: np.ndarray,
    countries: list[str],
    sectors: list[str],
    fd: list[str],
    names: dict[str, str],
    year: int,
    origin: str,
) -> TableParts:
    n = len(countries) * len(sectors)
    if Z.shape != (n, n) or Y.shape != (n, len(countries) * len(fd)) or x.shape != (n,):
        raise LayoutError(
            f"array shapes Z {Z.shape}, F {Y.shape}, x {x.shape} do not fit {len(countries)} "
            f"countries × {len(sectors)} sectors × {len(fd)} categories",
            file=origin,
        )
    labels = [f"{c}/{s}" for c in countries for s in sectors]
    cols = [f"{c}/{f}" for c in countries for f in fd]
    finite_or_fail("Z", Z, labels, labels, origin)
    finite_or_fail("Y", Y, labels, cols, origin)
    finite_or_fail("x", x, labels, labels, origin)
    return TableParts(
        Z=Z,
        Y=Y,
        x=x,
        V=None,
        countries=countries,
        sectors=sectors,
        fd_categories=fd,
        origin=origin,
        year=year,
        source=SOURCE,
        unit="USD million",
        sector_names=names,
        notes=["values rounded to integer USD millions; no value-added rows (derive V = x − 1'Z)"],
    )
