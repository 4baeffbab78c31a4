"""What a command does with its result: print or ``--out`` it, ``--to-store`` it, name its
sectors and select its rows (re-exported by :mod:`chainpower.cli.options`).

Every file goes through :func:`chainpower.output.write` (atomic, format by suffix) and every
store write through :meth:`chainpower.data.store.Store.commit` (versioned, refuses to narrow
without ``--replace``, records provenance).
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = [
    "STRATEGIC_NAMES",
    "add_sector_names",
    "check_store_options",
    "emit",
    "open_store",
    "provenance",
    "select_rows",
    "store_result",
]


def open_store(args: argparse.Namespace, *, create: bool = True) -> Any:
    """The :class:`~chainpower.data.store.Store` of the global ``--store`` (else the cache);
    with ``create=False`` (reading commands) a folder that does not exist is an error."""
    from chainpower.data.store import Store

    return Store(getattr(args, "store", None), create=create)


def provenance(args: argparse.Namespace, **extra: Any) -> dict[str, Any]:
    """What a stored result came from: the command line, its parameters and ``extra``
    (``inputs``, ``derived_from`` …)."""
    import shlex
    import sys

    params = {
        k: v
        for k, v in sorted(vars(args).items())
        if k not in ("handler", "argv") and isinstance(v, (str, int, float, bool, list, type(None)))
    }
    argv = getattr(args, "argv", None)
    argv = sys.argv[1:] if argv is None else argv
    return {"command": shlex.join(["chainpower", *argv]), "parameters": params, **extra}


def store_result(
    args: argparse.Namespace,
    df: Any,
    *,
    default: str,
    kind: str = "indicators",
    **extra: Any,
) -> Any:
    """With ``--to-store``: commit ``df`` (name from ``--to-store`` or ``default``), print
    what was stored and replaced, and return the :class:`~chainpower.data.store.StoreWrite`;
    without it, return ``None`` and write nothing."""
    name = getattr(args, "to_store", None)
    if name is None:
        return None
    written = open_store(args).commit(
        kind,
        name or default,
        df,
        provenance=provenance(args, **extra),
        overwrite=bool(getattr(args, "replace", False)),
    )
    print(written.message)
    return written


def check_store_options(args: argparse.Namespace) -> None:
    """``--replace`` without ``--to-store`` does not apply, and a ``--to-store`` name must be
    a valid store name: errors before any work."""
    from chainpower.errors import InputError

    name = getattr(args, "to_store", None)
    if getattr(args, "replace", False) and name is None:
        raise InputError("--replace applies only with --to-store")
    if name:
        from chainpower.data.store import check_name

        check_name(name)


def emit(
    args: argparse.Namespace,
    df: Any,
    *,
    what: str = "result",
    preview: int = 20,
    empty_hint: str = "",
) -> None:
    """Write ``df`` to ``--out`` through :func:`chainpower.output.write` (``--wide``: as a
    wide panel), else print the first ``preview`` rows. An empty result is an error."""
    import pandas as pd

    from chainpower.errors import InputError

    if len(df) == 0:
        raise InputError(f"the {what} is empty" + (f": {empty_hint}" if empty_hint else ""))
    if getattr(args, "wide", False):
        from chainpower.data.store import tidy_to_wide

        df = tidy_to_wide(df)
    out = getattr(args, "out", None)
    if out:
        from chainpower.output import write

        path = write(df, out)
        print(f"written: {path} ({len(df):,} rows)")
        return
    with pd.option_context("display.width", 160, "display.max_columns", 30,
                           "display.max_colwidth", 50):  # fmt: skip
        print(df.head(preview).to_string(index=False))
    if len(df) > preview:
        print(f"… {len(df) - preview:,} more rows ({len(df):,} in all); --out FILE writes them all")


STRATEGIC_NAMES = {
    "chips": "Chips: electrical and optical equipment",
    "vehicles": "Vehicles: transport equipment",
    "minerals": "Minerals: mining and quarrying",
    "other": "Other industries",
}


def add_sector_names(df: Any, sectors: Any = None) -> Any:
    """Add ``sector_name`` next to ``sector``: names from the shipped concordance of the
    classification (detected from ``sectors``, default the frame's own codes) and the
    strategic industries' names; codes without a name keep the code."""
    from chainpower.data.concordances import detect_classification, load_concordance

    if "sector" not in df.columns or "sector_name" in df.columns:
        return df
    codes = list(sectors) if sectors is not None else df["sector"].dropna().unique().tolist()
    names = dict(STRATEGIC_NAMES)
    cls = detect_classification(codes)
    if cls is not None:
        names.update(load_concordance(cls).names)
    out = df.copy()
    pos = list(out.columns).index("sector") + 1
    out.insert(pos, "sector_name", out["sector"].map(lambda c: names.get(c, c)))
    return out


def select_rows(
    df: Any, *, countries: list[str] | None = None, sectors: list[str] | None = None
) -> Any:
    """Keep the rows of ``countries`` / ``sectors`` (``None``: all); a requested code with
    no rows is an error naming it."""
    from chainpower.errors import InputError

    for col, flag, wanted in (("country", "--countries", countries),
                              ("sector", "--sectors", sectors)):  # fmt: skip
        if wanted:
            have = set(df[col].dropna().astype(str))
            missing = [w for w in wanted if w not in have]
            if missing:
                sample = ", ".join(sorted(have)[:12])
                raise InputError(
                    f"no rows for {col} {', '.join(missing)} (the result has: {sample}…)",
                    label=flag,
                )
            df = df[df[col].isin(wanted)]
    return df.reset_index(drop=True)
