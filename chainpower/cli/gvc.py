"""``chainpower gvc``: gross-export decompositions and every GVC indicator, one or many years."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from chainpower.cli.options import (
    CommandGroup,
    add_output,
    add_run,
    add_selection,
    add_store,
    add_table_source,
    parse_years,
)

__all__ = ["parse_years", "register"]

EXAMPLES = """examples:
  chainpower gvc indicators --wiod 2011 --out gvc_wiod_2011.parquet
  chainpower gvc indicators --wiod 1995-2011 --strategic --countries CHN,USA,DEU --out strategic.csv
  chainpower --store ST gvc indicators --wiod 1995-2011 --to-store
  chainpower gvc indicators --adb ADB-MRIO-2019.xlsx --countries PRC,USA --out adb_2019.dta
  chainpower gvc indicators --icio ICIO2023_2019.csv --strategic --wide --out icio_2019.xlsx
  chainpower gvc indicators --synthetic 2010-2019 --size 20x12 --out synthetic.parquet
  chainpower gvc indicators --generic my_table.parquet --derive-va --no-trade --out mine.csv
  chainpower gvc decompose --wiod 2011 --method wwz --level country_bilateral --out wwz.csv
  chainpower --store ST gvc decompose --wiod 2000-2011 --method bm --level sector --to-store

sources: one of --wiod YEAR[-YEAR] (WIOD 2013 release from the real-data folder, or --path),
--adb FILE.xlsx, --icio FILE.csv, --generic FILE (long format, see docs/mrio.md) or
--synthetic [YEARS] (seeded balanced world, --size GxN, --seed-table). Output: --out FILE
(.csv, .csv.gz, .parquet, .xlsx, .dta, .json; tidy columns source, year, country, sector,
sector_name, partner, indicator, value; --wide for one column per indicator); without --out
a preview is printed. --to-store [DATASET] also writes the result into the global --store
(default name gvc_<source>_<years>). Measures: docs/gvc.md."""


def _common(p: argparse.ArgumentParser) -> None:
    add_table_source(p)
    add_selection(p, countries=True, years=False, sectors=True)
    add_output(p, wide=True)
    add_store(p)
    add_run(p, seed=False, jobs=False)


def _indicator_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--strategic",
        action="store_true",
        help="keep the strategic industries only (chips, vehicles, minerals; sectors aggregated "
        "by the shipped concordance of the table's classification)",
    )
    p.add_argument("--no-va-fd", action="store_true", help="leave out value added by destination")
    p.add_argument("--no-trade", action="store_true", help="skip the gross-export decompositions")


def _decompose_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--method", choices=("wwz", "bm"), default="wwz", help="default wwz")
    p.add_argument(
        "--level",
        choices=("bilateral", "sector", "country_bilateral", "country"),
        default="sector",
        help="aggregation (default sector: exporting country-sector, all partners)",
    )
    p.add_argument("--what", choices=("terms", "groups", "all"), default="all")


def register(subparsers: Any) -> None:
    """Add ``gvc decompose|indicators`` to the top-level parser."""
    group = CommandGroup.of_module(
        subparsers, __name__, help="decompose gross exports and compute GVC indicators"
    )
    group.add_actions((
        ("indicators", _indicators,
         "every GVC indicator (WWYZ, Koopman, Borin-Mancini, TiVA, VAX) in tidy form",
         (_common, _indicator_options),
         "Compute every GVC indicator of one or many tables (docs/gvc.md)."),
        ("decompose", _decompose,
         "Wang-Wei-Zhu (16 terms) or Borin-Mancini decomposition of gross exports",
         (_common, _decompose_options),
         "Decompose gross exports by exporting country-sector and partner."),
    ))  # fmt: skip


def _check_selection(table: Any, args: argparse.Namespace, *, strategic: bool = False) -> None:
    """Requested countries and sectors must exist in the table (checked before computing)."""
    from chainpower.data.concordances import STRATEGIC_INDUSTRIES
    from chainpower.errors import InputError

    for flag, wanted, have in (
        ("--countries", args.countries, table.countries),
        ("--sectors", args.sectors, STRATEGIC_INDUSTRIES if strategic else table.sectors),
    ):
        missing = [c for c in wanted or [] if c not in have]
        if missing:
            raise InputError(
                f"{', '.join(missing)} not in the table (it has {', '.join(have[:15])}"
                f"{' …' if len(have) > 15 else ''})",
                file=table.origin,
                label=flag,
            )


def _run(
    args: argparse.Namespace, desc: str, compute: Callable[[Any], Any], *, strategic: bool = False
) -> tuple[Any, list[str]]:
    """Load each table (one in memory at a time), check the selection, compute; return the
    concatenated tidy frame and the inputs read."""
    import pandas as pd

    from chainpower.cli.options import check_outputs, select_rows, table_loaders
    from chainpower.progress import progress

    check_outputs(args)
    loaders = table_loaders(args)  # every option checked here, before any table is read
    frames, inputs = [], []
    print(f"{desc}: {len(loaders)} table(s) to read …", flush=True)
    started = time.monotonic()
    for label, load in progress(loaders, desc=desc, total=len(loaders),
                                disable=True if args.quiet else None):  # fmt: skip
        table = load()
        _check_selection(table, args, strategic=strategic)
        inputs.append(f"{label} ({table.origin})" if table.origin else label)
        frames.append(select_rows(compute(table), countries=args.countries, sectors=args.sectors))
    out = pd.concat(frames, ignore_index=True)
    years = sorted({int(y) for y in out["year"].unique()})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else "none"
    print(
        f"{desc}: {len(out):,} rows from {len(loaders)} table(s), years {span}, "
        f"{_n(out['country'].nunique(), 'country', 'countries')}, "
        f"{_n(out['indicator'].nunique(), 'measure', 'measures')} "
        f"in {time.monotonic() - started:.1f} s"
    )
    return out, inputs


def _n(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _finish(out: Any, args: argparse.Namespace, prefix: str, inputs: list[str]) -> int:
    from chainpower.cli.options import add_sector_names, emit, store_result
    from chainpower.gvc.indicators import default_dataset

    src = str(out["source"].iloc[0]) if len(out) else "table"
    dataset = default_dataset(src, out["year"].unique().tolist())
    if prefix != "gvc":
        dataset = prefix + dataset[3:]
    if len(out) == 0:
        from chainpower.errors import InputError

        raise InputError("the GVC result is empty: no rows for the selected countries/sectors")
    store_result(args, out, default=dataset, inputs=inputs)  # a refusal stops before --out
    emit(args, add_sector_names(out), what="GVC result")
    return 0


def _indicators(args: argparse.Namespace) -> int:
    from chainpower.gvc.indicators import compute_indicators, strategic_indicators

    def compute(table: Any) -> Any:
        df = compute_indicators(
            table, origin_destination=not args.no_va_fd, trade=not args.no_trade
        )
        return strategic_indicators(df) if args.strategic else df

    out, inputs = _run(args, "GVC indicators", compute, strategic=args.strategic)
    summary = out[out.sector.notna() & out.partner.isna()]
    key = "wwyz_gvcpt_f"
    head = summary[summary.indicator == key].sort_values("value", ascending=False).head(5)
    if len(head):
        print(f"highest {key} (forward GVC participation share):")
        print(head[["year", "country", "sector", "value"]].to_string(index=False))
    return _finish(out, args, "gvc", inputs)


def _decompose(args: argparse.Namespace) -> int:
    def compute(table: Any) -> Any:
        if args.method == "wwz":
            from chainpower.gvc.decomposition import decompose_exports

            res: Any = decompose_exports(table)
        else:
            from chainpower.gvc.borin_mancini import borin_mancini

            res = borin_mancini(table)
        return res.to_frame(level=args.level, what=args.what)

    if args.sectors and args.level in ("country", "country_bilateral"):
        from chainpower.errors import InputError

        raise InputError(f"--sectors does not apply with --level {args.level} (no sector rows)")
    out, inputs = _run(args, f"{args.method.upper()} decomposition", compute)
    return _finish(out, args, args.method, inputs)
