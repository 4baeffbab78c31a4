"""``chainpower mrio``: load, check, aggregate and export MRIO tables."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]

EXAMPLES = """examples:
  chainpower mrio check --wiod 2011
  chainpower mrio load --adb ADB-MRIO-2019.xlsx --sheet "ADB MRIO 2019"
  chainpower mrio check --icio ICIO2023_2019.csv
  chainpower mrio aggregate --wiod 2011 --strategic --out wiod2011_strategic.parquet
  chainpower mrio aggregate --generic my_table.csv --sectors my_map.csv --countries regions.csv \\
      --out my_table_agg.csv
  chainpower mrio export --wiod 2011 --out wiod2011.parquet

sources: --wiod YEAR (real data folder, or --path FOLDER|FILE.RData), --adb FILE.xlsx,
--icio FILE.csv, --generic FILE.csv|FILE.parquet (long format, see docs/mrio.md).
Concordances: shipped names (adb35, wiod35, icio2023, icio2021, synthetic) or CSV from,to."""


def _add_source(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--wiod", type=int, metavar="YEAR", help="WIOD 2013 table of YEAR")
    g.add_argument("--adb", metavar="FILE", help="ADB MRIO workbook (official or 4x3 layout)")
    g.add_argument("--icio", metavar="FILE", help="official OECD ICIO csv")
    g.add_argument("--generic", metavar="FILE", help="generic long format (csv/parquet)")
    p.add_argument("--path", help="with --wiod: npz folder or wiot_YYYY.RData file")
    p.add_argument("--sheet", help="with --adb: sheet name (default: first 'ADB MRIO …' sheet)")
    p.add_argument(
        "--derive-va",
        action="store_true",
        help="with --generic: derive value added as x − 1'Z when V rows are absent",
    )
    p.add_argument("--rtol", type=float, help="relative balance tolerance (reader default)")
    p.add_argument("--atol", type=float, help="absolute balance tolerance (reader default)")


def register(subparsers: Any) -> None:
    """Add ``mrio load|check|aggregate|export`` to the top-level parser."""
    fmt = argparse.RawDescriptionHelpFormatter
    mrio = subparsers.add_parser(
        "mrio",
        help="load, check, aggregate and export MRIO tables",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=fmt,
    )
    sub = mrio.add_subparsers(dest="mrio_command", metavar="ACTION")
    mrio.set_defaults(handler=lambda args: (mrio.print_help(), 1)[1])

    p = sub.add_parser(
        "load",
        help="read a table, validate it and put it into the store",
        epilog=EXAMPLES,
        formatter_class=fmt,
    )
    _add_source(p)
    p.add_argument("--name", help="store table name (default mrio_<source>_<year>)")
    p.set_defaults(handler=_load)

    p = sub.add_parser(
        "check",
        help="validate a table and print its balance report",
        epilog=EXAMPLES,
        formatter_class=fmt,
    )
    _add_source(p)
    p.set_defaults(handler=_check)

    p = sub.add_parser(
        "aggregate",
        help="aggregate sectors/countries by a concordance",
        epilog=EXAMPLES,
        formatter_class=fmt,
    )
    _add_source(p)
    p.add_argument(
        "--strategic",
        action="store_true",
        help="sectors onto chips/vehicles/minerals/other (classification detected)",
    )
    p.add_argument("--narrow", action="store_true", help="with --strategic: narrow ICIO codes")
    p.add_argument("--sectors", metavar="CONCORDANCE", help="sector concordance name or CSV")
    p.add_argument("--countries", metavar="CSV", help="country concordance CSV (from,to)")
    p.add_argument("--out", required=True, help="output file (.csv, .csv.gz, .parquet)")
    p.set_defaults(handler=_aggregate)

    p = sub.add_parser(
        "export",
        help="write a table in the generic long format",
        epilog=EXAMPLES,
        formatter_class=fmt,
    )
    _add_source(p)
    p.add_argument("--out", required=True, help="output file (.csv, .csv.gz, .parquet)")
    p.set_defaults(handler=_export)


def _read(args: argparse.Namespace) -> Any:
    from chainpower.mrio import io

    tol = {k: v for k, v in (("rtol", args.rtol), ("atol", args.atol)) if v is not None}
    if args.wiod is not None:
        if tol:
            from chainpower.data.mrio_readers import read_wiod2013_npz, read_wiod2013_rdata
            from chainpower.data.paths import data_dir

            if args.path and str(args.path).lower().endswith(".rdata"):
                parts = read_wiod2013_rdata(args.path)
            else:
                base = args.path or data_dir(required=True).joinpath(*io.WIOD2013_NPZ)  # type: ignore[union-attr]
                parts = read_wiod2013_npz(base, args.wiod)
            return io.table_from_parts(
                parts,
                derive_value_added=True,
                output_from_rows=True,
                **{"rtol": 0.0, "atol": io.wiod2013_tolerance(parts), **tol},
            )
        return io.read_wiod2013(args.wiod, args.path)
    if args.adb is not None:
        return io.read_adb_xlsx(args.adb, sheet=args.sheet, **tol)
    if args.icio is not None:
        return io.read_oecd_icio(args.icio, **tol)
    return io.read_generic(args.generic, derive_value_added=args.derive_va, **tol)


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


def _load(args: argparse.Namespace) -> int:
    from chainpower.data.store import Store
    from chainpower.mrio.io import table_to_store

    table = _read(args)
    path = table_to_store(Store(getattr(args, "store", None)), table, args.name)
    print(_summary(table))
    print(f"  stored: {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    print(_summary(_read(args)))
    print("  OK: shapes, labels, values and both balances pass")
    return 0


def _aggregate(args: argparse.Namespace) -> int:
    from chainpower.data.concordances import load_concordance, strategic_concordance
    from chainpower.mrio.aggregate import aggregate
    from chainpower.mrio.io import write_generic

    table = _read(args)
    sectors = countries = None
    s_order = c_order = None
    if args.strategic:
        conc = strategic_concordance(table.sectors, narrow=args.narrow)
        sectors, s_order = conc.mapping, conc.groups
    elif args.sectors:
        conc = load_concordance(args.sectors)
        sectors, s_order = conc.mapping, conc.groups
    if args.countries:
        cc = load_concordance(args.countries)
        countries, c_order = cc.mapping, cc.groups
    out = aggregate(
        table, sectors=sectors, countries=countries, sector_order=s_order, country_order=c_order
    )
    print(_summary(out))
    print(f"  written: {write_generic(out, args.out)}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from chainpower.mrio.io import write_generic

    table = _read(args)
    print(f"written: {write_generic(table, args.out)} ({table!r})")
    return 0
