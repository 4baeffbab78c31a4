"""``chainpower mrio``: load, check, aggregate and export MRIO tables."""

from __future__ import annotations

import argparse
from functools import partial
from typing import Any

from chainpower.cli.options import CommandGroup, add_output, add_run, add_table_source

__all__ = ["register"]

EXAMPLES = """examples:
  chainpower mrio check --wiod 2011
  chainpower mrio check --wiod 1995-2011 --quiet
  chainpower --store ST mrio load --adb ADB-MRIO-2019.xlsx --sheet "ADB MRIO 2019"
  chainpower mrio check --icio ICIO2023_2019.csv
  chainpower mrio aggregate --wiod 2011 --strategic --out wiod2011_strategic.parquet
  chainpower mrio aggregate --generic my_table.csv --sector-map my_map.csv \\
      --country-map regions.csv --out my_table_agg.csv
  chainpower mrio export --wiod 2011 --out wiod2011.parquet

sources: --wiod YEAR[-YEAR] (real data folder, or --path FOLDER|FILE.RData), --adb FILE.xlsx,
--icio FILE.csv, --generic FILE.csv|FILE.parquet (long format, see docs/mrio.md), --synthetic.
Concordances: shipped names (adb35, wiod35, icio2023, icio2021, synthetic) or CSV from,to.
Outputs (--out) are in the generic long format; .csv, .csv.gz and .parquet can be read back
with --generic, .xlsx/.dta/.json are for other software."""


def _load_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", help="store table name (default mrio_<source>_<year>)")
    p.add_argument(
        "--replace", action="store_true", help="allow replacing a stored table with fewer rows"
    )


def _aggregation(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("aggregation")
    g.add_argument(
        "--strategic",
        action="store_true",
        help="sectors onto chips/vehicles/minerals/other (classification detected)",
    )
    g.add_argument("--narrow", action="store_true", help="with --strategic: narrow ICIO codes")
    g.add_argument("--sector-map", metavar="CONCORDANCE", help="sector concordance name or CSV")
    g.add_argument("--country-map", metavar="CSV", help="country concordance CSV (from,to)")


def register(subparsers: Any) -> None:
    """Add ``mrio load|check|aggregate|export`` to the top-level parser."""
    one_table = partial(add_table_source, multi_year=False)
    out_file = partial(add_output, required=True)
    quiet = partial(add_run, seed=False, jobs=False)
    group = CommandGroup(
        subparsers,
        "mrio",
        help="load, check, aggregate and export MRIO tables",
        description=__doc__,
        epilog=EXAMPLES,
    )
    group.add_actions((
        ("load", _load, "read a table, validate it and put it into the store (global --store)",
         (add_table_source, _load_options, quiet)),
        ("check", _check, "validate table(s) and print the balance report",
         (add_table_source, quiet)),
        ("aggregate", _aggregate, "aggregate sectors/countries by a concordance",
         (one_table, _aggregation, out_file)),
        ("export", _export, "write a table in the generic long format", (one_table, out_file)),
    ))  # fmt: skip


def _tables(args: argparse.Namespace, *, one: bool = False) -> list[tuple[str, Any]]:
    """``(label, loader)`` pairs after every option check (``one``: exactly one table)."""
    from chainpower.cli.options import check_outputs, table_loaders
    from chainpower.errors import InputError

    check_outputs(args)
    loaders = table_loaders(args)
    if one and len(loaders) != 1:
        raise InputError(
            f"this command writes one table; {len(loaders)} were selected "
            "(give one year, e.g. --wiod 2011)"
        )
    return loaders


def _summary(table: Any) -> str:
    lines = [
        repr(table),
        f"  file: {table.origin}",
        f"  balance: {table.balance}",
        f"  tolerance: {table.atol:g} + {table.rtol:g}·|x|",
        f"  total output {table.x.sum():,.6g}, value added {table.v.sum():,.6g}, "
        f"final demand {table.Y.sum():,.6g} ({table.unit})",
    ]
    if table.published_misfit is not None:
        lines.append(f"  published output: {table.published_misfit}")
    return "\n".join(lines)


def _each(args: argparse.Namespace, desc: str) -> Any:
    from chainpower.progress import progress

    loaders = _tables(args)
    for label, load in progress(loaders, desc=desc, total=len(loaders),
                                disable=True if args.quiet else None):  # fmt: skip
        yield label, load()


def _load(args: argparse.Namespace) -> int:
    import re

    from chainpower.cli.options import open_store, provenance
    from chainpower.mrio.io import table_to_frame

    store = open_store(args)
    loaders = _tables(args)
    if args.name and len(loaders) > 1:
        from chainpower.errors import InputError

        raise InputError("--name applies to one table; drop it to store each year separately")
    for label, table in _each(args, "mrio load"):
        raw = f"mrio_{table.source or 'table'}_{table.year if table.year is not None else 'na'}"
        name = args.name or re.sub(r"[^0-9a-zA-Z]+", "_", raw).strip("_").lower()
        written = store.commit(
            "tables",
            name,
            table_to_frame(table),
            provenance=provenance(args, inputs=[f"{label} ({table.origin})"]),
            overwrite=args.replace,
        )
        print(_summary(table))
        print(f"  {written.message}")
    return 0


def _check(args: argparse.Namespace) -> int:
    n = 0
    for _label, table in _each(args, "mrio check"):
        print(_summary(table))
        print("  OK: shapes, labels, values and both balances pass")
        n += 1
    if n > 1:
        print(f"all {n} tables pass")
    return 0


def _aggregate(args: argparse.Namespace) -> int:
    from chainpower.data.concordances import load_concordance, strategic_concordance
    from chainpower.errors import InputError
    from chainpower.mrio.aggregate import aggregate
    from chainpower.mrio.io import table_to_frame
    from chainpower.output import write

    ((_label, load),) = _tables(args, one=True)
    if args.strategic and args.sector_map:
        raise InputError("give --strategic or --sector-map, not both")
    if args.narrow and not args.strategic:
        raise InputError("--narrow applies only with --strategic")
    if not (args.strategic or args.sector_map or args.country_map):
        raise InputError("say how to aggregate: --strategic, --sector-map and/or --country-map")
    sconc = load_concordance(args.sector_map) if args.sector_map else None
    cconc = load_concordance(args.country_map) if args.country_map else None
    table = load()
    if args.strategic:
        sconc = strategic_concordance(table.sectors, narrow=args.narrow)
    out = aggregate(
        table,
        sectors=sconc.mapping if sconc else None,
        countries=cconc.mapping if cconc else None,
        sector_order=sconc.groups if sconc else None,
        country_order=cconc.groups if cconc else None,
    )
    print(_summary(out))
    frame = table_to_frame(out)
    print(f"  written: {write(frame, args.out)} ({len(frame):,} rows)")
    return 0


def _export(args: argparse.Namespace) -> int:
    from chainpower.mrio.io import table_to_frame
    from chainpower.output import write

    ((_label, load),) = _tables(args, one=True)
    table = load()
    frame = table_to_frame(table)
    print(f"written: {write(frame, args.out)} ({len(frame):,} rows; {table!r})")
    return 0
