"""The one output writer: every file chainpower hands a user goes through :func:`write`.

It chooses the format by suffix, validates the path *before* any work starts
(:func:`check_output`), and writes atomically: into a temporary file in the target folder, then
``os.replace`` onto the final name, the temporary file deleted on any error or interrupt. A
reader therefore sees either the previous file or the complete new one, never a partial one.

=====================  ===========================================================
object                 suffixes
=====================  ===========================================================
DataFrame or result    ``.parquet``, ``.csv``, ``.csv.gz``, ``.xlsx``, ``.dta``, ``.json``
matplotlib Figure      ``.png``, ``.pdf``, ``.svg``
text (rendered table)  ``.md``, ``.tex``, ``.html``, ``.txt``
=====================  ===========================================================
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from chainpower.errors import InputError

__all__ = [
    "FIGURE_SUFFIXES",
    "FRAME_SUFFIXES",
    "TEXT_SUFFIXES",
    "atomic_path",
    "check_output",
    "output_suffix",
    "write",
    "write_bytes",
    "write_text",
]

FRAME_SUFFIXES: tuple[str, ...] = (".parquet", ".csv", ".csv.gz", ".xlsx", ".dta", ".json")
FIGURE_SUFFIXES: tuple[str, ...] = (".png", ".pdf", ".svg")
TEXT_SUFFIXES: tuple[str, ...] = (".md", ".tex", ".html", ".txt")
_KINDS: dict[str, tuple[str, ...]] = {
    "frame": FRAME_SUFFIXES,
    "figure": FIGURE_SUFFIXES,
    "text": TEXT_SUFFIXES,
}
Kind = Literal["frame", "figure", "text"]
#: Prefix of temporary files; readers (the store's views) ignore names that start with it.
TEMP_PREFIX = ".tmp-"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Mode of written files: what ``open()`` would give under the process's umask.
_FILE_MODE = 0o666 & ~_umask()


def output_suffix(path: str | Path) -> str:
    """The lower-cased suffix that decides the format (``.csv.gz`` counts as one)."""
    name = Path(path).name.lower()
    if name.endswith(".csv.gz"):
        return ".csv.gz"
    return Path(name).suffix


def check_output(path: str | Path, kind: Kind = "frame", *, overwrite: bool = True) -> Path:
    """Validate an output path before any computation; return it as a :class:`Path`.

    Raises :class:`InputError` naming the file when the suffix is not one of ``kind``'s, when
    the path is an existing folder, when a parent is an existing file, or when the file exists
    and ``overwrite`` is false.
    """
    p = Path(path)
    allowed = _KINDS[kind]
    suffix = output_suffix(p)
    if suffix not in allowed:
        raise InputError(
            f"unsupported output format {suffix or '(no suffix)'!r} for a {kind}; "
            f"use one of {', '.join(allowed)}",
            file=p,
        )
    if p.is_dir():
        raise InputError("output path is a folder, not a file", file=p)
    for parent in p.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(f"{parent} is a file, cannot hold the output", file=p)
            if not os.access(parent, os.W_OK):
                raise InputError(f"folder {parent} is not writable", file=p)
            break
    if p.exists() and not overwrite:
        raise InputError("output file exists (pass overwrite=True / --force to replace it)", file=p)
    return p


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success rename it onto ``path``.

    The temporary name starts with ``.tmp-`` and keeps the final suffix (so writers that look
    at the suffix behave). On any exception, ``KeyboardInterrupt`` included, the temporary file
    is removed and the previous ``path`` (if any) is untouched.
    """
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{final.name}-",
        suffix=output_suffix(final) or ".tmp",
        dir=final.parent,
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; a user's file gets the usual mode
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_bytes(data: bytes, path: str | Path) -> Path:
    """Write ``data`` atomically to ``path``."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(text: str, path: str | Path) -> Path:
    """Write ``text`` (UTF-8) atomically to ``path``."""
    return write_bytes(text.encode("utf-8"), path)


def _write_frame(df: Any, tmp: Path, suffix: str) -> None:
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise InputError(f"cannot write a {type(df).__name__} as {suffix}", file=tmp)
    if suffix == ".parquet":
        df.to_parquet(tmp, index=False)
    elif suffix in (".csv", ".csv.gz"):
        df.to_csv(
            tmp,
            index=False,
            float_format="%.17g",
            compression="gzip" if suffix == ".csv.gz" else None,
        )
    elif suffix == ".xlsx":
        df.to_excel(tmp, index=False)
    elif suffix == ".dta":
        out = df.copy()
        for col in out.columns:
            if out[col].dtype == object or str(out[col].dtype).startswith("string"):
                out[col] = out[col].astype(object).where(out[col].notna(), "").astype(str)
        out.columns = [str(c)[:32] for c in out.columns]
        out.to_stata(tmp, write_index=False, version=118)
    elif suffix == ".json":
        df.to_json(tmp, orient="records", indent=1, double_precision=15)


def write(
    obj: Any,
    path: str | Path,
    *,
    meta: Mapping[str, Any] | None = None,
    overwrite: bool = True,
) -> Path:
    """Write a DataFrame, a result (anything with ``to_frame()``), a Figure or text to ``path``.

    The format follows the suffix (see the module docstring); an unknown suffix raises
    :class:`InputError` listing the allowed ones. ``meta`` is written beside the file as
    ``PATH.meta.json``. Returns the final path. The library prints nothing.
    """
    from matplotlib.figure import Figure

    if isinstance(obj, Figure):
        p = check_output(path, "figure", overwrite=overwrite)
        with atomic_path(p) as tmp:
            obj.savefig(tmp, dpi=200, format=output_suffix(p)[1:], bbox_inches="tight")
    elif isinstance(obj, str):
        p = check_output(path, "text", overwrite=overwrite)
        write_text(obj, p)
    else:
        frame = obj.to_frame() if hasattr(obj, "to_frame") and not hasattr(obj, "columns") else obj
        if meta is None and hasattr(obj, "meta") and not hasattr(obj, "columns"):
            meta = obj.meta
        p = check_output(path, "frame", overwrite=overwrite)
        with atomic_path(p) as tmp:
            _write_frame(frame, tmp, output_suffix(p))
    if meta:
        write_text(
            json.dumps(dict(meta), indent=1, default=str, sort_keys=True),
            p.with_name(p.name + ".meta.json"),
        )
    return p
