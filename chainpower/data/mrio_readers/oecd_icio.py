"""OECD Inter-Country Input-Output (ICIO) tables, official csv layout.

One csv per year (e.g. ``2019.csv`` of the 2023 edition, ``ICIO2021_2018.csv``), USD million:

* first column: row labels; first row: column labels;
* country-sector rows and columns ``CTY_SECTOR`` — the 2023 edition's ISIC Rev. 4 codes
  ``A01_02 … T`` (e.g. ``AUS_A01_02``, ``KOR_C26``), the 2021 edition's ``D01T02 … D97T98``;
  the label splits at its *first* underscore;
* final-demand columns ``CTY_HFCE``, ``CTY_NPISH``, ``CTY_GGFC``, ``CTY_GFCF``, ``CTY_INVNT``,
  ``CTY_DPABR`` (2023; older editions use ``DIRP``/``P33``/``NONRES`` … — any suffix in
  :data:`FD_CODES` is taken as a category);
* rows ``TLS`` (taxes less subsidies on products) and ``VA`` (value added), then ``OUT``
  (output); column ``OUT``. Older names ``TAXSUB``, ``VALU``, ``OUTPUT``, ``TOTAL`` are accepted;
* China and Mexico are split into ``CHN``/``CN1``/``CN2`` and ``MEX``/``MX1``/``MX2`` (processing
  and non-processing producers) in rows, intermediate-use columns and value added; final demand
  exists only for ``CHN``/``MEX``. The parts are summed into ``CHN`` and ``MEX`` (as OECD TiVA
  does; Miller & Blair 2009 §3.5 aggregation ``Z* = S·Z·S'``).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from chainpower.data.mrio_readers.parts import (
    TableParts,
    country_major_labels,
    existing_file,
    finite_or_fail,
)
from chainpower.data.reading import read_frame
from chainpower.errors import LayoutError

__all__ = ["FD_CODES", "SPLIT_COUNTRIES", "read_oecd_icio_csv"]

#: Final-demand column suffixes across ICIO editions.
FD_CODES: tuple[str, ...] = (
    "HFCE", "NPISH", "NPS", "GGFC", "GFCF", "INVNT", "INV", "DPABR", "DIRP", "P33", "NONRES",
)  # fmt: skip
VA_ROWS: tuple[str, ...] = ("TLS", "TAXSUB", "VA", "VALU")
OUT_ROWS: tuple[str, ...] = ("OUT", "OUTPUT")
OUT_COLS: tuple[str, ...] = ("OUT", "TOTAL")
#: Split parts → country they are summed into.
SPLIT_COUNTRIES: dict[str, str] = {"CN1": "CHN", "CN2": "CHN", "MX1": "MEX", "MX2": "MEX"}
_SPLIT = re.compile(r"^(CN|MX)\d$")


def _split(label: str) -> tuple[str, str] | None:
    if "_" not in label:
        return None
    c, s = label.split("_", 1)
    return (c, s) if c and s else None


def _merge_target(c: str) -> str:
    if c in SPLIT_COUNTRIES:
        return SPLIT_COUNTRIES[c]
    if _SPLIT.match(c):
        return "CHN" if c.startswith("CN") else "MEX"
    return c


def read_oecd_icio_csv(
    path: str | Path, *, year: int | None = None, merge_split: bool = True
) -> TableParts:
    """Parse one official ICIO csv (see module docstring).

    ``year`` defaults to the last four-digit year in the file name; ``merge_split`` sums
    CN1/CN2 into CHN and MX1/MX2 into MEX.
    """
    path = existing_file(path, "OECD ICIO csv")
    origin = str(path)
    raw = read_frame(path, "OECD ICIO csv", index_col=0, low_memory=False)
    raw.index = raw.index.map(lambda v: str(v).strip())
    raw.columns = [str(c).strip() for c in raw.columns]
    rows, cols = list(raw.index), list(raw.columns)

    row_cs = [r for r in rows if r not in VA_ROWS + OUT_ROWS]
    bad = [r for r in row_cs if _split(r) is None]
    if bad:
        raise LayoutError(
            f"row label {bad[0]!r} is neither CTY_SECTOR nor one of {VA_ROWS + OUT_ROWS}",
            file=origin,
            label=bad[0],
        )
    row_pairs = [_split(r) for r in row_cs]
    col_parts = {c: _split(c) for c in cols if c not in OUT_COLS}
    z_cols = [c for c, p in col_parts.items() if p is not None and p[1] not in FD_CODES]
    fd_cols = [c for c, p in col_parts.items() if p is not None and p[1] in FD_CODES]
    other = [c for c in cols if c not in OUT_COLS and c not in z_cols and c not in fd_cols]
    if other:
        raise LayoutError(
            f"column {other[0]!r} is neither CTY_SECTOR, CTY_<final demand> "
            f"({', '.join(FD_CODES)}) nor {OUT_COLS}",
            file=origin,
            label=other[0],
        )
    if not row_cs or not z_cols:
        raise LayoutError("no CTY_SECTOR rows or columns: not the ICIO layout", file=origin)
    # mismatched labels: the intermediate block must be square with equal labels
    for k in range(max(len(row_cs), len(z_cols))):
        r = row_cs[k] if k < len(row_cs) else None
        c = z_cols[k] if k < len(z_cols) else None
        if r != c:
            lab = (r or c or "").replace("_", "/", 1)
            raise LayoutError(
                f"row label {r!r} and column label {c!r} differ at position {k} "
                "(intermediate block must have identical row and column labels)",
                file=origin,
                label=lab,
            )
    countries0, sectors = country_major_labels(row_pairs, origin=origin)  # type: ignore[arg-type]

    Z = raw.loc[row_cs, z_cols].to_numpy(dtype=np.float64, na_value=np.nan)
    labels0 = [f"{c}/{s}" for c, s in row_pairs]  # type: ignore[misc]
    finite_or_fail("Z", Z, labels0, labels0, origin)
    fd_pairs = [_split(c) for c in fd_cols]
    fd = list(dict.fromkeys(p[1] for p in fd_pairs))  # type: ignore[index]
    Yraw = raw.loc[row_cs, fd_cols].to_numpy(dtype=np.float64, na_value=np.nan)
    finite_or_fail("Y", Yraw, labels0, [c.replace("_", "/", 1) for c in fd_cols], origin)
    va_names = [r for r in rows if r in VA_ROWS]
    V = raw.loc[va_names, z_cols].to_numpy(dtype=np.float64, na_value=np.nan) if va_names else None
    if V is not None:
        finite_or_fail("V", V.T, labels0, va_names, origin)
    x = None
    out_col = next((c for c in OUT_COLS if c in cols), None)
    out_row = next((r for r in OUT_ROWS if r in rows), None)
    if out_col is not None:
        x = raw.loc[row_cs, out_col].to_numpy(dtype=np.float64, na_value=np.nan)
    elif out_row is not None:
        x = raw.loc[out_row, z_cols].to_numpy(dtype=np.float64, na_value=np.nan)
    if x is not None:
        finite_or_fail("output", x, labels0, ["OUT"], origin)

    # merge split countries (CN1/CN2 → CHN, MX1/MX2 → MEX): S (G'N × GN) sums rows
    targets = [_merge_target(c) for c in countries0] if merge_split else list(countries0)
    countries = list(dict.fromkeys(targets))
    N, G = len(sectors), len(countries)
    gidx = np.array([countries.index(t) for t in targets])
    rowmap = (gidx[:, None] * N + np.arange(N)[None, :]).ravel()  # old row → new row
    notes = []
    if len(countries) < len(countries0):
        notes.append(
            "split countries merged: "
            + ", ".join(f"{c}→{t}" for c, t in zip(countries0, targets, strict=True) if c != t)
        )
        Zm = np.zeros((G * N, G * N))
        np.add.at(Zm, (rowmap[:, None], rowmap[None, :]), Z)
        Z = Zm
        Ym = np.zeros((G * N, Yraw.shape[1]))
        np.add.at(Ym, rowmap, Yraw)
        Yraw = Ym
        if V is not None:
            Vm = np.zeros((V.shape[0], G * N))
            np.add.at(Vm.T, rowmap, V.T)
            V = Vm
        if x is not None:
            xm = np.zeros(G * N)
            np.add.at(xm, rowmap, x)
            x = xm
    # final demand into (country-major, category-minor) order; every country × category
    pos = {p: j for j, p in enumerate(fd_pairs)}
    Y = np.zeros((G * N, G * len(fd)))
    for g, c in enumerate(countries):
        for f, cat in enumerate(fd):
            j = pos.get((c, cat))
            if j is None:
                raise LayoutError(
                    f"final-demand column {c}_{cat} missing", file=origin, label=f"{c}/{cat}"
                )
            Y[:, g * len(fd) + f] = Yraw[:, j]
    extra = [f"{c}_{f}" for c, f in fd_pairs if c not in countries]  # type: ignore[misc]
    if extra:
        raise LayoutError(
            f"final-demand column {extra[0]} names a country without rows",
            file=origin,
            label=extra[0].replace("_", "/", 1),
        )
    if year is None:
        m = re.findall(r"(?:19|20)\d\d", path.stem)
        year = int(m[-1]) if m else None
    edition = (
        "2023"
        if any(s.startswith("A01") for s in sectors)
        else ("2021" if any(s.startswith("D01") for s in sectors) else "")
    )
    return TableParts(
        Z=Z,
        Y=Y,
        V=V,
        va_components=va_names or None,
        x=x,
        countries=countries,
        sectors=sectors,
        fd_categories=fd,
        origin=origin,
        year=year,
        source=f"OECD ICIO {edition}".strip(),
        unit="USD million",
        notes=notes,
    )
