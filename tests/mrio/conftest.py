"""Writers of small MRIO files in the publishers' exact layouts (ADB xlsx, OECD ICIO csv).

Each writer starts from a balanced synthetic table, so the tests know every number the parser
must find.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from openpyxl import Workbook

from chainpower.mrio import synthetic_table

ICIO2023: tuple[str, ...] = (
    "A01_02", "A03", "B05_06", "B07_08", "B09", "C10T12", "C13T15", "C16", "C17_18", "C19",
    "C20", "C21", "C22", "C23", "C24", "C25", "C26", "C27", "C28", "C29", "C30", "C31T33",
    "D", "E", "F", "G", "H49", "H50", "H51", "H52", "H53", "I", "J58T60", "J61", "J62_63",
    "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T",
)  # fmt: skip
ICIO_FD = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR")
ADB_VA = (
    ("r61", "Taxes less subsidies on products"),
    ("r62", "Cif/ fob adjustments on exports"),
    ("r63", "Direct purchases abroad by residents"),
    ("r64", "Purchases on the domestic territory by non-residents"),
    ("r65", "Value added at basic prices"),
    ("r66", "International transport margins"),
)


def adb_workbook(
    path: Path,
    *,
    G: int = 3,
    seed: int = 3,
    year: int = 2019,
    edit: Callable[[Any], None] | None = None,
) -> dict[str, Any]:
    """Write one year in the official ADB MRIO layout; return the arrays written."""
    t = synthetic_table(G, 35, seed=seed, fd_categories=tuple(f"F{k}" for k in range(1, 6)))
    econ = ["AUS", "PRC", "JPN", "KOR", "USA"][: G - 1] + ["RoW"]
    n, N, F = t.n, 35, 5
    rng = np.random.default_rng(seed)
    shares = rng.dirichlet(np.ones(6), size=n).T  # (6, n) components of value added
    V = shares * t.v[None, :]
    dpa = rng.uniform(0, 5, G * F)  # direct purchases abroad in FD columns (dropped)
    wb = Workbook()
    ws = wb.active
    ws.title = f"ADB MRIO {year}"
    ws["A1"] = f"ADB Multiregional Input-Output Table {year}"
    ws["A2"] = "(in millions of US$)"
    for j in range(n):
        ws.cell(6, 5 + j, econ[j // N])
        ws.cell(7, 5 + j, f"c{j % N + 1}")
    for j in range(G * F):
        ws.cell(6, 5 + n + j, econ[j // F])
        ws.cell(7, 5 + n + j, f"F{j % F + 1}")
    ws.cell(6, 5 + n + G * F, "ToT")
    for i in range(n):
        r = 8 + i
        ws.cell(r, 2, f"Sector {i % N + 1}")
        ws.cell(r, 3, econ[i // N])
        ws.cell(r, 4, f"c{i % N + 1}")
        for j in range(n):
            v = float(t.Z[i, j])
            if v:
                ws.cell(r, 5 + j, v)
        for j in range(G * F):
            ws.cell(r, 5 + n + j, float(t.Y[i, j]))
        ws.cell(r, 5 + n + G * F, float(t.x[i]))
    r = 8 + n
    ws.cell(r, 2, "Intermediate input total")
    ws.cell(r, 4, "r60")
    for j in range(n):
        ws.cell(r, 5 + j, float(t.Z[:, j].sum()))
    for k, (code, desc) in enumerate(ADB_VA):
        rr = r + 1 + k
        ws.cell(rr, 2, desc)
        ws.cell(rr, 4, code)
        for j in range(n):
            ws.cell(rr, 5 + j, float(V[k, j]))
        if code == "r63":
            for j in range(G * F):
                ws.cell(rr, 5 + n + j, float(dpa[j]))
    rt = r + 1 + len(ADB_VA)
    ws.cell(rt, 2, "TOTAL")
    ws.cell(rt, 3, "ToT")
    ws.cell(rt, 4, "r69")
    for j in range(n):
        ws.cell(rt, 5 + j, float(t.x[j]))
    ws.cell(rt, 5 + n + G * F, " ")  # blank cells hold a space in the official files
    if edit is not None:
        edit(ws)
    wb.save(path)
    return {"table": t, "V": V, "dpa": dpa, "econ": econ, "path": path}


def split_icio(G: int = 5, seed: int = 11) -> dict[str, Any]:
    """A balanced table with CHN and MEX, and its ICIO form with CN1/CN2, MX1/MX2 split out."""
    t = synthetic_table(G, len(ICIO2023), seed=seed, fd_categories=ICIO_FD)
    countries = ["AUS", "CHN", "MEX", "USA", "ROW"][:G]
    N = len(ICIO2023)
    rng = np.random.default_rng(seed)
    # split: parts (CHN, CN1, CN2) and (MEX, MX1, MX2) with random row shares per sector,
    # and random column shares (both sum to one, so merging recovers the table exactly)
    blocks: list[tuple[str, int, np.ndarray | None]] = []  # (label country, source g, shares)
    for g, c in enumerate(countries):
        blocks.append((c, g, None))
    extra = [("CN1", 1), ("CN2", 1), ("MX1", 2), ("MX2", 2)]
    row_share = {c: rng.dirichlet(np.ones(3), size=N).T for c in ("CHN", "MEX")}  # (3, N)
    col_share = {c: rng.dirichlet(np.ones(3), size=N).T for c in ("CHN", "MEX")}
    labels = [(c, s) for c in countries for s in ICIO2023] + [
        (p, s) for p, _ in extra for s in ICIO2023
    ]

    n0 = t.n

    def split_matrix(share: dict[str, np.ndarray]) -> np.ndarray:
        """``(len(labels), n0)``: row k holds the factor of split part k on its source row.

        Part 0 of CHN/MEX is the parent itself; CN1/CN2 (MX1/MX2) are parts 1 and 2.
        """
        M = np.zeros((len(labels), n0))
        for k, (c, s) in enumerate(labels):
            i = ICIO2023.index(s)
            if c in countries:
                g = countries.index(c)
                f = share[c][0][i] if c in ("CHN", "MEX") else 1.0
            else:
                parent = "CHN" if c.startswith("CN") else "MEX"
                g = countries.index(parent)
                f = share[parent][int(c[2])][i]
            M[k, g * N + i] = f
        return M

    R = split_matrix(row_share)
    C = split_matrix(col_share)
    # a split row sells like its parent in proportion; a split column buys in proportion
    Z = R @ t.Z @ C.T
    Y = R @ t.Y
    TLS = 0.1 * (C @ t.v)
    VA = (C @ t.v) - TLS
    x_rows = R @ t.x
    return {
        "table": t,
        "countries": countries,
        "labels": labels,
        "Z": Z,
        "Y": Y,
        "TLS": TLS,
        "VA": VA,
        "x": x_rows,
    }


def icio_csv(
    path: Path, d: dict[str, Any], *, edit: Callable[[list[list[str]]], None] | None = None
) -> Path:
    """Write ``split_icio`` output as an official ICIO 2023 csv (TLS/VA/OUT rows, OUT column)."""
    lab = [f"{c}_{s}" for c, s in d["labels"]]
    fd_cols = [f"{c}_{f}" for c in d["countries"] for f in ICIO_FD]
    out = np.concatenate([d["x"]])
    lines = [["V1", *lab, *fd_cols, "OUT"]]
    for k, name in enumerate(lab):
        lines.append(
            [
                name,
                *(repr(float(v)) for v in d["Z"][k]),
                *(repr(float(v)) for v in d["Y"][k]),
                repr(float(out[k])),
            ]
        )
    colx = d["Z"].sum(axis=0) + d["TLS"] + d["VA"]
    nfd = len(fd_cols)
    lines.append(["TLS", *(repr(float(v)) for v in d["TLS"]), *["0.0"] * nfd, "0.0"])
    lines.append(["VA", *(repr(float(v)) for v in d["VA"]), *["0.0"] * nfd, "0.0"])
    lines.append(["OUT", *(repr(float(v)) for v in colx), *["0.0"] * nfd, "0.0"])
    if edit is not None:
        edit(lines)
    path.write_text("\n".join(",".join(r) for r in lines) + "\n")
    return path


@pytest.fixture()
def adb_file(tmp_path: Path) -> dict[str, Any]:
    return adb_workbook(tmp_path / "ADB-MRIO-2019.xlsx")


@pytest.fixture()
def icio_data() -> dict[str, Any]:
    return split_icio()


@pytest.fixture()
def write_adb() -> Callable[..., dict[str, Any]]:
    return adb_workbook


@pytest.fixture()
def write_icio() -> Callable[..., Path]:
    return icio_csv
