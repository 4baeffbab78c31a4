"""Acceptance 5: bad input raises an error naming the file and the country-sector at fault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chainpower.errors import BalanceError, DataNotFoundError, InputError, LayoutError
from chainpower.mrio import synthetic_table
from chainpower.mrio.io import read_adb_xlsx, read_generic, read_oecd_icio, write_generic


def _names(exc: InputError, path: Path, label: str) -> None:
    assert exc.file is not None and Path(exc.file).name == path.name
    assert exc.label == label
    assert path.name in str(exc) and label in str(exc)


def _col(lines: list[list[str]], name: str) -> int:
    return lines[0].index(name)


def _row(lines: list[list[str]], name: str) -> int:
    return next(k for k, r in enumerate(lines) if r[0] == name)


def test_unbalanced_table(icio_data: dict[str, Any], write_icio: Any, tmp_path: Path) -> None:
    def edit(lines: list[list[str]]) -> None:  # USA_C26 sells 5% more to AUS_C26 than it makes
        i, j = _row(lines, "USA_C26"), _col(lines, "AUS_C26")
        out = float(lines[i][_col(lines, "OUT")])
        lines[i][j] = repr(float(lines[i][j]) + 0.05 * out)

    path = write_icio(tmp_path / "ICIO2023_2019.csv", icio_data, edit=edit)
    with pytest.raises(BalanceError, match="row balance") as info:
        read_oecd_icio(path)
    _names(info.value, path, "USA/C26")


def test_nan_value(icio_data: dict[str, Any], write_icio: Any, tmp_path: Path) -> None:
    def edit(lines: list[list[str]]) -> None:
        lines[_row(lines, "MEX_B07_08")][_col(lines, "CHN_C29")] = "NaN"

    path = write_icio(tmp_path / "ICIO2023_2019.csv", icio_data, edit=edit)
    with pytest.raises(InputError, match=r"non-finite.*CHN/C29") as info:
        read_oecd_icio(path)
    _names(info.value, path, "MEX/B07_08")


def test_negative_output(tmp_path: Path) -> None:
    path = write_generic(synthetic_table(3, 4, seed=5), tmp_path / "table.csv")
    text = path.read_text().splitlines()
    k = next(i for i, line in enumerate(text) if line.startswith("x,C2,S3,"))
    cells = text[k].split(",")
    cells[5] = "-" + cells[5]
    text[k] = ",".join(cells)
    path.write_text("\n".join(text) + "\n")
    with pytest.raises(InputError, match="negative gross output") as info:
        read_generic(path)
    _names(info.value, path, "C2/S3")


def test_mismatched_labels(icio_data: dict[str, Any], write_icio: Any, tmp_path: Path) -> None:
    def edit(lines: list[list[str]]) -> None:  # column header of USA_C27 says USA_C28
        lines[0][_col(lines, "USA_C27")] = "USA_C28"

    path = write_icio(tmp_path / "ICIO2023_2019.csv", icio_data, edit=edit)
    with pytest.raises(LayoutError, match="row label 'USA_C27' and column label 'USA_C28'") as info:
        read_oecd_icio(path)
    _names(info.value, path, "USA/C27")


def test_mismatched_row_labels_adb(write_adb: Any, tmp_path: Path) -> None:
    path = tmp_path / "ADB-MRIO-2019.xlsx"
    write_adb(path, edit=lambda ws: ws.cell(8 + 36, 4, "c9"))  # PRC/c2's row says c9
    with pytest.raises(LayoutError, match="row label PRC/c9 in C44:D44") as info:
        read_adb_xlsx(path)
    _names(info.value, path, "PRC/c2")


def test_wrong_layout(write_adb: Any, tmp_path: Path) -> None:
    # one column of the AUS block labelled JPN: the column header is not country-major
    path = tmp_path / "ADB-MRIO-2019.xlsx"
    write_adb(path, edit=lambda ws: ws.cell(6, 5 + 2, "JPN"))
    with pytest.raises(LayoutError, match=r"expected a sector of 'AUS' \(AUS/c3\)") as info:
        read_adb_xlsx(path)
    _names(info.value, path, "JPN/c3")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "ADB-MRIO-2030.xlsx"
    with pytest.raises(DataNotFoundError, match="not found") as info:
        read_adb_xlsx(path)
    assert info.value.file == str(path) and path.name in str(info.value)
    from chainpower.mrio.io import read_wiod2013

    with pytest.raises(DataNotFoundError, match=r"WIOD 2013 table for 1990.*wiod2013_1990\.npz"):
        read_wiod2013(1990, tmp_path)


def test_text_cell_named_by_excel_reference(write_adb: Any, tmp_path: Path) -> None:
    path = tmp_path / "ADB-MRIO-2019.xlsx"
    write_adb(path, edit=lambda ws: ws.cell(8 + 40, 5 + 3, "n/a"))  # PRC/c6 row, AUS/c4 column
    with pytest.raises(InputError, match=r"cell H48 holds text 'n/a'") as info:
        read_adb_xlsx(path)
    assert info.value.label is not None and info.value.label.startswith("PRC/c6")
