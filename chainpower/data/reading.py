"""One way for every reader to open a file: missing paths and corrupt files become clear errors.

A reader of an official file must never let a library's low-level exception escape
(``BadZipFile``, ``UnpicklingError``, ``EOFError``, ``UnicodeDecodeError``, pyarrow's
``ArrowInvalid`` …): they name no file and say nothing about what went wrong. :func:`reading`
wraps the parsing of one file and turns any such exception into a :class:`LayoutError` naming
the file and what was expected; chainpower's own errors pass through untouched.
:func:`existing_file` refuses a path that does not exist (never a fallback to another place),
and :func:`read_frame` reads the tabular formats (CSV, TSV, gzip CSV, Parquet) the readers accept.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from chainpower.errors import (
    ChainpowerError,
    DataNotFoundError,
    InputError,
    LayoutError,
    SpecError,
)

__all__ = [
    "FRAME_SUFFIXES",
    "existing_file",
    "fail_at_first",
    "frame_suffix",
    "read_frame",
    "read_toml",
    "reading",
]

#: Tabular suffixes :func:`read_frame` reads (``.tab``/``.tsv`` tab-separated).
FRAME_SUFFIXES: tuple[str, ...] = (".csv", ".csv.gz", ".txt", ".tab", ".tsv", ".parquet")


def _row(i: int) -> str:
    return f"row {i}"


def fail_at_first(
    bad: np.ndarray,
    message: Callable[[int], str],
    *,
    file: str | Path | None,
    label: Callable[[int], str] = _row,
) -> None:
    """Raise :class:`InputError` for the first row flagged in the boolean ``bad (n,)``:
    ``message(i)`` and ``label(i)`` (default ``"row i"``) describe row ``i`` and ``file`` is
    named. Nothing happens when no row is flagged."""
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(message(i), file=file, label=label(i))


def read_toml(path: str | Path, what: str = "spec file") -> dict[str, Any]:
    """The parsed TOML file at ``path``; a missing file (``"<what> not found"``) or invalid
    TOML is a :class:`~chainpower.errors.SpecError` naming the file."""
    p = Path(path)
    if not p.is_file():
        raise SpecError(f"{what} not found", file=p)
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"not valid TOML: {exc}", file=p) from None


def existing_file(path: str | Path, what: str = "file") -> Path:
    """``path`` as a :class:`Path`; :class:`DataNotFoundError` naming it when it is missing."""
    p = Path(path).expanduser()
    if not p.exists():
        raise DataNotFoundError(f"{what} not found", file=p)
    return p


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    text = text if len(text) <= 160 else text[:157] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextlib.contextmanager
def reading(path: str | Path, what: str = "file") -> Iterator[None]:
    """Turn any non-chainpower exception raised inside the block into a :class:`LayoutError`
    that names ``path`` and says it is corrupt, truncated or not a ``what``."""
    try:
        yield
    except (ChainpowerError, KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:
        raise LayoutError(
            f"cannot read this {what}: the file is corrupt, truncated or in another format "
            f"({_short(exc)})",
            file=path,
        ) from exc


def frame_suffix(path: Path) -> str:
    """``.csv.gz`` as one suffix, else the lower-cased last suffix."""
    name = path.name.lower()
    return ".csv.gz" if name.endswith(".csv.gz") else path.suffix.lower()


def read_frame(path: str | Path, what: str = "table", **csv_kw: Any) -> pd.DataFrame:
    """A CSV/TSV/gzip-CSV/Parquet file as a frame; errors name the file.

    ``csv_kw`` go to :func:`pandas.read_csv` (the separator defaults to a tab for ``.tab`` and
    ``.tsv``). An unknown suffix, an empty file, a file without data rows, a text file cut off
    mid-line or a corrupt one is a :class:`LayoutError` naming the file.
    """
    p = existing_file(path, what)
    suffix = frame_suffix(p)
    if suffix not in FRAME_SUFFIXES:
        raise LayoutError(
            f"{what} must end in one of {', '.join(FRAME_SUFFIXES)} (got {suffix or 'no suffix'})",
            file=p,
        )
    if p.is_file() and p.stat().st_size == 0:
        raise LayoutError(f"the {what} is empty (0 bytes)", file=p)
    with reading(p, what):
        if suffix == ".parquet":
            df = pd.read_parquet(p)
            if df.empty:
                raise LayoutError(f"the {what} has no data rows", file=p)
            return df
        kw = {"sep": "\t" if suffix in (".tab", ".tsv") else ",", **csv_kw}
        if kw["sep"] is None:
            kw["sep"] = "\t" if suffix in (".tab", ".tsv") else ","
        if suffix != ".csv.gz":
            _check_last_line(p, str(kw["sep"]), what)
        df = pd.read_csv(p, **kw)
    if df.empty:
        raise LayoutError(f"the {what} has no data rows", file=p)
    return df


def _check_last_line(path: Path, sep: str, what: str) -> None:
    """A text table cut off mid-line (no final newline, fewer fields than the header) is a
    truncated file, not data: refuse it naming the line. Files written by R, pandas or a
    spreadsheet end in a newline; a complete last line without one passes."""
    import csv

    with path.open("rb") as fh:
        head = fh.readline()
        fh.seek(max(0, path.stat().st_size - 65536))
        tail = fh.read()
    if tail.endswith((b"\n", b"\r")) or b"\n" not in tail:
        return
    last = tail.rsplit(b"\n", 1)[1]
    try:
        n_head = len(next(csv.reader([head.decode("utf-8").rstrip("\r\n")], delimiter=sep)))
        n_last = len(next(csv.reader([last.decode("utf-8")], delimiter=sep)))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return  # left to the parser, whose error is wrapped by reading()
    if n_last < n_head:
        n_lines = sum(1 for _ in path.open("rb"))
        raise LayoutError(
            f"the {what} looks truncated: its last line ends without a newline after "
            f"{n_last} of {n_head} fields",
            file=path,
            label=f"line {n_lines}",
        )
