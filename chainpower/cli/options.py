"""One option group per concern, shared by every command (``../shared/docs/design.md`` §6).

=============  ===============================================================================
group          options
=============  ===============================================================================
table source   ``--wiod YEAR[-YEAR]``, ``--adb FILE``, ``--icio FILE``, ``--generic FILE``,
               ``--synthetic [YEARS]`` with ``--path``, ``--sheet``, ``--size``, ``--seed``,
               ``--derive-va``, ``--rtol``, ``--atol``
selection      ``--countries ISO3[,…]``, ``--years 2018-2022`` or ``2018,2020``, ``--sectors``
output         ``--out FILE`` (suffixes of :mod:`chainpower.output`), validated before any work
store          ``--to-store [DATASET]`` (writes into the global ``--store`` folder)
figure         ``--figure FILE`` (``.png``, ``.pdf``, ``.svg``)
run            ``--seed``, ``--jobs N``, ``--executor serial|dask``, ``--quiet``
=============  ===============================================================================

Commands are registered with :class:`CommandGroup` / :func:`add_command`
(:mod:`chainpower.cli.commands`), which take these groups as ``options``.

Lists have one syntax everywhere: comma-separated (``USA,CHN``) — spaces after commas are
allowed when quoted. Years are ``YEAR``, ``FIRST-LAST`` or a comma list of those.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from typing import Any

from chainpower.cli.commands import FORMATTER, CommandGroup, add_command
from chainpower.cli.outputs import (
    add_sector_names,
    check_store_options,
    emit,
    open_store,
    provenance,
    select_rows,
    store_result,
)

__all__ = [
    "FORMATTER",
    "CommandGroup",
    "add_command",
    "add_figure",
    "add_sector_names",
    "add_output",
    "add_run",
    "add_selection",
    "add_store",
    "add_table_source",
    "argtype",
    "check_outputs",
    "check_store_options",
    "emit",
    "iter_tables",
    "open_store",
    "parse_list",
    "parse_years",
    "provenance",
    "select_rows",
    "store_result",
    "table_loaders",
]


def parse_years(text: str) -> list[int]:
    """``"2011"`` → ``[2011]``; ``"1995-2011"`` → ``[1995, …, 2011]``; ``"2000,2005-2007"`` too."""
    from chainpower.errors import InputError

    years: list[int] = []
    try:
        for part in str(text).split(","):
            part = part.strip()
            if "-" in part[1:]:
                a, b = (int(s) for s in part.split("-", 1))
                if b < a:
                    raise ValueError
                years += list(range(a, b + 1))
            elif part:
                years.append(int(part))
    except ValueError:
        raise InputError(
            "years must be YEAR, FIRST-LAST or a comma list (e.g. 2018-2022 or 2018,2020)",
            label=repr(text),
        ) from None
    if not years:
        raise InputError("no year given", label=repr(text))
    if any(y < 1900 or y > 2100 for y in years):
        raise InputError("years must lie in 1900-2100", label=repr(text))
    return sorted(set(years))


def parse_list(text: str | None) -> list[str] | None:
    """``"USA,CHN"`` → ``["USA", "CHN"]`` (upper-cased codes); ``None`` stays ``None``."""
    from chainpower.errors import InputError

    if text is None:
        return None
    items = [s.strip() for s in str(text).split(",") if s.strip()]
    if not items:
        raise InputError("empty list: give comma-separated codes, e.g. USA,CHN", label=repr(text))
    return items


def _countries(text: str) -> list[str]:
    return [c.upper() for c in (parse_list(text) or [])]


def argtype(parse: Callable[[str], Any], name: str) -> Callable[[str], Any]:
    """``parse`` as an argparse ``type=``: its :class:`InputError` message is shown as is
    (argparse would otherwise print only "invalid value")."""

    def convert(text: str) -> Any:
        from chainpower.errors import InputError

        try:
            return parse(text)
        except InputError as exc:
            raise argparse.ArgumentTypeError(exc.reason + f" (got {text!r})") from None

    convert.__name__ = name
    return convert


def add_table_source(p: argparse.ArgumentParser, *, multi_year: bool = True) -> None:
    """The one set of table-source options (mutually exclusive, one required)."""
    g = p.add_argument_group("table source (one of)")
    x = g.add_mutually_exclusive_group(required=True)
    x.add_argument(
        "--wiod",
        metavar="YEAR[-YEAR]" if multi_year else "YEAR",
        help="WIOD 2013 release table(s) from the real-data folder (or --path)",
    )
    x.add_argument(
        "--adb", metavar="FILE", help="ADB MRIO workbook (.xlsx; official or 4x3 layout)"
    )
    x.add_argument("--icio", metavar="FILE", help="official OECD ICIO csv")
    x.add_argument("--generic", metavar="FILE", help="generic long-format table (csv/parquet)")
    x.add_argument(
        "--synthetic",
        nargs="?",
        const="2010",
        metavar="YEARS",
        help="seeded synthetic world (default year 2010)",
    )
    g.add_argument("--path", help="with --wiod: npz folder or wiot_YYYY.RData file")
    g.add_argument("--sheet", help="with --adb: sheet name (default: first 'ADB MRIO …' sheet)")
    g.add_argument("--size", help="with --synthetic: GxN (default 20x12)")
    g.add_argument(
        "--seed-table",
        dest="table_seed",
        type=int,
        help="with --synthetic: seed of the world (default 2024)",
    )
    g.add_argument(
        "--derive-va",
        action="store_true",
        help="with --generic: derive value added as x − 1'Z when V rows are absent",
    )
    g.add_argument("--rtol", type=float, help="relative balance tolerance (reader default)")
    g.add_argument("--atol", type=float, help="absolute balance tolerance (reader default)")


def _check_source_options(args: argparse.Namespace) -> None:
    """An option that does not apply to the chosen source is an error, not ignored."""
    from chainpower.errors import InputError

    applies = {
        "path": "wiod",
        "sheet": "adb",
        "size": "synthetic",
        "table_seed": "synthetic",
        "derive_va": "generic",
    }
    for opt, source in applies.items():
        value = getattr(args, opt, None)
        if value not in (None, False) and getattr(args, source, None) is None:
            flag = "--" + ("seed-table" if opt == "table_seed" else opt.replace("_", "-"))
            raise InputError(f"{flag} applies only with --{source}")
    for tol in ("rtol", "atol"):
        value = getattr(args, tol, None)
        if value is not None and not value >= 0:
            raise InputError(f"--{tol} must be a number ≥ 0", label=str(value))


def table_loaders(args: argparse.Namespace) -> list[tuple[str, Callable[[], Any]]]:
    """``(label, zero-argument loader)`` per table, so only one year is in memory at a time.

    All option checks happen here, before any table is read.
    """
    from chainpower.errors import InputError
    from chainpower.mrio import io

    _check_source_options(args)
    tol = {k: v for k, v in (("rtol", args.rtol), ("atol", args.atol)) if v is not None}
    if args.wiod is not None:

        def wiod(year: int) -> Callable[[], Any]:
            return lambda: io.read_wiod2013(year, args.path, **tol)

        return [(f"WIOD {y}", wiod(y)) for y in parse_years(args.wiod)]
    if args.synthetic is not None:
        from chainpower.mrio.synthetic import synthetic_world

        size = args.size or "20x12"
        try:
            G, N = (int(s) for s in str(size).lower().split("x"))
        except ValueError:
            raise InputError("--size must be GxN, e.g. 20x12", label=size) from None
        if G < 2 or N < 1:
            raise InputError("--size needs at least 2 countries and 1 sector", label=size)
        years = parse_years(args.synthetic)
        seed = 2024 if args.table_seed is None else args.table_seed
        cache: dict[int, Any] = {}

        def synthetic(year: int) -> Callable[[], Any]:
            def load() -> Any:
                if not cache:
                    span = range(years[0], years[-1] + 1)
                    cache.update({int(t.year): t for t in synthetic_world(G, N, span, seed=seed)})  # type: ignore[arg-type]
                return cache[year]

            return load

        return [(f"synthetic {y}", synthetic(y)) for y in years]
    if args.adb is not None:
        return [(str(args.adb), lambda: io.read_adb_xlsx(args.adb, sheet=args.sheet, **tol))]
    if args.icio is not None:
        return [(str(args.icio), lambda: io.read_oecd_icio(args.icio, **tol))]
    return [
        (
            str(args.generic),
            lambda: io.read_generic(args.generic, derive_value_added=args.derive_va, **tol),
        )
    ]


def iter_tables(args: argparse.Namespace, *, desc: str = "tables") -> Iterator[Any]:
    """Load the tables one at a time behind a progress bar."""
    from chainpower.progress import progress

    loaders = table_loaders(args)
    for _label, load in progress(loaders, desc=desc, total=len(loaders)):
        yield load()


#: ``key: (flag, parser, metavar, help)`` of the selection options, in help order.
_SELECTION: dict[str, tuple[str, Callable[[str], Any], str, str]] = {
    "countries": (
        "--countries",
        _countries,
        "ISO3[,ISO3…]",
        "economies as ISO3 codes, comma-separated (e.g. USA,CHN,JPN)",
    ),
    "years": ("--years", parse_years, "YEARS", "YEAR, FIRST-LAST or a comma list (e.g. 2018-2022)"),
    "sectors": (
        "--sectors",
        parse_list,
        "CODE[,CODE…]",
        "sector codes, comma-separated (e.g. c14,c15)",
    ),
}


def add_selection(
    p: argparse.ArgumentParser,
    *,
    countries: bool = True,
    years: bool = True,
    sectors: bool = False,
) -> None:
    """``--countries ISO3,…``, ``--years``, ``--sectors CODE,…`` (comma lists)."""
    g = p.add_argument_group("selection")
    wanted = {"countries": countries, "years": years, "sectors": sectors}
    for key, (flag, parse, metavar, help_text) in _SELECTION.items():
        if wanted[key]:
            g.add_argument(flag, type=argtype(parse, key), metavar=metavar, help=help_text)


def add_output(p: argparse.ArgumentParser, *, required: bool = False, wide: bool = False) -> None:
    """``--out FILE``; its suffix picks the format (checked before any work). With ``wide``,
    also ``--wide`` (one column per indicator instead of tidy long rows)."""
    from chainpower.output import FRAME_SUFFIXES

    g = p.add_argument_group("output")
    g.add_argument(
        "--out",
        metavar="FILE",
        required=required,
        help=f"output file; format by suffix: {', '.join(FRAME_SUFFIXES)} "
        "(without --out: a preview is printed)",
    )
    if wide:
        g.add_argument(
            "--wide",
            action="store_true",
            help="wide panel: one row per source/year/country/sector/partner, one column per "
            "indicator (default: tidy long rows)",
        )


def add_store(p: argparse.ArgumentParser) -> None:
    """``--to-store [DATASET]`` and ``--replace``: write into the store picked by the global
    ``--store`` (nothing is written to a store without ``--to-store``)."""
    g = p.add_argument_group("store")
    g.add_argument(
        "--to-store",
        nargs="?",
        const="",
        default=None,
        metavar="DATASET",
        help="also write the result into the store (global --store FOLDER, else the user "
        "cache) as DATASET (default: a name built from the source and years)",
    )
    g.add_argument(
        "--replace",
        action="store_true",
        help="with --to-store: allow replacing a stored dataset that covers more (years, "
        "countries, sectors, indicators or rows) than the new result",
    )


def add_figure(p: argparse.ArgumentParser) -> None:
    """``--figure FILE`` (``.png``, ``.pdf`` or ``.svg``)."""
    p.add_argument_group("figure").add_argument(
        "--figure", metavar="FILE", help="write the figure to FILE (.png, .pdf or .svg)"
    )


def add_run(p: argparse.ArgumentParser, *, seed: bool = True, jobs: bool = True) -> None:
    """``--seed``, ``--jobs``, ``--executor``, ``--quiet``."""
    g = p.add_argument_group("run")
    if seed:
        g.add_argument("--seed", type=int, default=None, help="seed for anything random")
    if jobs:
        g.add_argument(
            "--jobs",
            type=int,
            default=1,
            metavar="N",
            help="parallel workers (with --executor dask; default 1)",
        )
        g.add_argument(
            "--executor",
            choices=("serial", "dask"),
            default="serial",
            help="serial (default) or a local Dask cluster with --jobs workers",
        )
    g.add_argument("--quiet", action="store_true", help="no progress bars")


def check_outputs(args: argparse.Namespace) -> None:
    """Validate ``--out`` and ``--figure`` (when present) before any computation, and
    ``--replace`` (only with ``--to-store``)."""
    from chainpower.output import check_output

    check_store_options(args)
    if getattr(args, "out", None):
        check_output(args.out, "frame")
    if getattr(args, "figure", None):
        check_output(args.figure, "figure")
