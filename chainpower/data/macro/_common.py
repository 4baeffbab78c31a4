"""Helpers shared by the macro readers: path checks, safe Parquet reads, row selection."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from chainpower.errors import DataNotFoundError, InputError, LayoutError

__all__ = ["MACRO_COLUMNS", "check_exists", "read_parquet_file", "select_rows"]

#: Output columns of each reader.
MACRO_COLUMNS: dict[str, tuple[str, ...]] = {
    "wdi": ("country", "year", "indicator", "value"),
    "pwt": ("country", "year", "variable", "value"),
}


def check_exists(path: str | Path, what: str) -> Path:
    """``path`` as a :class:`Path`; :class:`DataNotFoundError` when it is not a file."""
    p = Path(path).expanduser()
    if not p.is_file():
        raise DataNotFoundError(f"{what} not found", file=p)
    return p


def read_parquet_file(path: Path, what: str) -> pd.DataFrame:
    """Read a Parquet file; a truncated or non-Parquet file is a :class:`LayoutError`."""
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid derives from ValueError
        raise LayoutError(f"cannot read {what}: {exc}", file=path) from None


def _listing(values: Iterable[object], limit: int = 12) -> str:
    vals = sorted({str(v) for v in values})
    more = f" … ({len(vals)} in all)" if len(vals) > limit else ""
    return ", ".join(vals[:limit]) + more


def select_rows(
    df: pd.DataFrame,
    *,
    column: str,
    wanted: Iterable[str] | None,
    countries: Sequence[str] | None,
    years: Iterable[int] | None,
    file: Path,
    what: str,
) -> pd.DataFrame:
    """Rows of ``df`` whose ``column``, ``country`` and ``year`` are in the requested sets.

    Every requested item must occur in the file: an absent one is an :class:`InputError`
    naming it, the file and what the file does hold.
    """
    keep = pd.Series(True, index=df.index)
    for col, items, label in (
        (column, wanted, column),
        ("country", countries, "country"),
        ("year", years, "year"),
    ):
        if items is None:
            continue
        if isinstance(items, str):
            items = [items]
        want = [int(x) for x in items] if col == "year" else [str(x) for x in items]
        if not want:
            raise InputError(f"{what}: empty {label} selection", file=file)
        present = set(df[col].unique().tolist())
        absent = [x for x in want if x not in present]
        if absent:
            raise InputError(
                f"{what}: {label} {absent[:8]} not in the file (it has {_listing(present)})",
                file=file,
                label=f"{label} {absent[0]}",
            )
        keep &= df[col].isin(want)
    out = df[keep].sort_values(["country", column, "year"], kind="stable")
    return out.reset_index(drop=True)
