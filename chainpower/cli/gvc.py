"""``chainpower gvc``: gross-export decompositions and every GVC indicator, one or many years."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["parse_years", "register"]

EXAMPLES = """examples:
  chainpower gvc indicators --wiod 2011 --out gvc_wiod_2011.parquet
  chainpower gvc indicators --wiod 1995-2011 --store --strategic --out strategic.csv
  chainpower gvc indicators --synthetic 2010-2019 --size 20x12 --out synthetic.parquet
  chainpower gvc indicators --generic my_table.parquet --derive-va --no-trade --out mine.csv
  chainpower gvc decompose --wiod 2011 --method wwz --level country_bilateral --out wwz.csv
  chainpower gvc decompose --wiod 2000-2011 --method bm --level sector --store

sources: --wiod YEAR or FIRST-LAST (WIOD 2013 release from the real-data folder, or --path),
--synthetic [YEARS] (seeded balanced world, --size GxN, --seed), --generic FILE (long format,
see docs/mrio.md). Output: --out FILE (.csv, .csv.gz or .parquet; tidy columns source, year,
country, sector, partner, indicator, value) and/or --store [FOLDER] (indicator dataset in the
store; default folder: the global --store or the user cache). Measures: docs/gvc.md."""


def parse_years(text: str) -> list[int]:
    """``"2011"`` → ``[2011]``; ``"1995-2011"`` → ``[1995, …, 2011]``; ``"2000,2005"`` too."""
    from chainpower.errors import InputError

    years: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if "-" in part:
                a, b = (int(s) for s in part.split("-", 1))
                if b < a:
                    raise ValueError
                years += list(range(a, b + 1))
            elif part:
                years.append(int(part))
    except ValueError:
        raise InputError("years must be YEAR, FIRST-LAST or a comma list", label=text) from None
    if not years:
        raise InputError("no year given", label=repr(text))
    return years


def _add_common(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--wiod", metavar="YEAR[-YEAR]", help="WIOD 2013 tables of these years")
    g.add_argument(
        "--synthetic",
        nargs="?",
        const="2010",
        metavar="YEARS",
        help="seeded synthetic world (default year 2010)",
    )
    g.add_argument("--generic", metavar="FILE", help="generic long-format table (csv/parquet)")
    p.add_argument("--path", help="with --wiod: npz folder or wiot_YYYY.RData file")
    p.add_argument("--size", default="20x12", help="with --synthetic: GxN (default 20x12)")
    p.add_argument("--seed", type=int, default=2024, help="with --synthetic: seed (default 2024)")
    p.add_argument("--derive-va", action="store_true", help="with --generic: V = x − 1'Z")
    p.add_argument("--out", help="output file: .csv, .csv.gz or .parquet")
    p.add_argument(
        "--store",
        dest="gvc_store",
        nargs="?",
        const=True,
        default=None,
        metavar="FOLDER",
        help="also write the result into the store (FOLDER, else the global --store/cache)",
    )
    p.add_argument("--dataset", help="store dataset name (default gvc_<source>_<years>)")


def register(subparsers: Any) -> None:
    """Add ``gvc decompose|indicators`` to the top-level parser."""
    fmt = argparse.RawDescriptionHelpFormatter
    gvc = subparsers.add_parser(
        "gvc",
        help="decompose gross exports and compute GVC indicators",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=fmt,
    )
    sub = gvc.add_subparsers(dest="gvc_command", metavar="ACTION")
    gvc.set_defaults(handler=lambda args: (gvc.print_help(), 1)[1])

    p = sub.add_parser(
        "indicators",
        help="every GVC indicator (WWYZ, Koopman, Borin-Mancini, TiVA, VAX) in tidy form",
        description="Compute every GVC indicator of one or many tables (docs/gvc.md).",
        epilog=EXAMPLES,
        formatter_class=fmt,
    )
    _add_common(p)
    p.add_argument(
        "--strategic",
        action="store_true",
        help="keep the strategic industries only (chips, vehicles, minerals; sectors aggregated "
        "by the shipped concordance of the table's classification)",
    )
    p.add_argument("--no-va-fd", action="store_true", help="leave out value added by destination")
    p.add_argument("--no-trade", action="store_true", help="skip the gross-export decompositions")
    p.set_defaults(handler=_indicators)

    p = sub.add_parser(
        "decompose",
        help="Wang-Wei-Zhu (16 terms) or Borin-Mancini decomposition of gross exports",
        description="Decompose gross exports by exporting country-sector and partner.",
        epilog=EXAMPLES,
        formatter_class=fmt,
    )
    _add_common(p)
    p.add_argument("--method", choices=("wwz", "bm"), default="wwz", help="default wwz")
    p.add_argument(
        "--level",
        choices=("bilateral", "sector", "country_bilateral", "country"),
        default="sector",
        help="aggregation (default sector: exporting country-sector, all partners)",
    )
    p.add_argument("--what", choices=("terms", "groups", "all"), default="all")
    p.set_defaults(handler=_decompose)


def _loaders(args: argparse.Namespace) -> list[Callable[[], Any]]:
    """One zero-argument loader per table, so only one year is in memory at a time."""
    from chainpower.errors import InputError

    if args.wiod is not None:
        from chainpower.mrio.io import read_wiod2013

        def wiod(year: int) -> Callable[[], Any]:
            return lambda: read_wiod2013(year, args.path)

        return [wiod(y) for y in parse_years(args.wiod)]
    if args.synthetic is not None:
        from chainpower.mrio.synthetic import synthetic_world

        try:
            G, N = (int(s) for s in str(args.size).lower().split("x"))
        except ValueError:
            raise InputError("--size must be GxN, e.g. 20x12", label=args.size) from None
        years = parse_years(args.synthetic)
        span = range(years[0], years[-1] + 1)
        world = {t.year: t for t in synthetic_world(G, N, span, seed=args.seed)}

        def synthetic(year: int) -> Callable[[], Any]:
            return lambda: world[year]

        return [synthetic(y) for y in years]
    from chainpower.mrio.io import read_generic

    return [lambda: read_generic(args.generic, derive_value_added=args.derive_va)]


def _store(args: argparse.Namespace) -> Any:
    if args.gvc_store is None:
        return None
    from chainpower.data.store import Store

    folder = args.gvc_store if isinstance(args.gvc_store, str) else getattr(args, "store", None)
    return Store(folder)


def _finish(df: Any, args: argparse.Namespace, prefix: str) -> int:
    from chainpower.errors import InputError
    from chainpower.gvc.indicators import default_dataset

    if args.out is None and args.gvc_store is None:
        raise InputError("say where the result goes: --out FILE and/or --store")
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        name = out.name.lower()
        if name.endswith(".parquet"):
            df.to_parquet(out, index=False)
        elif name.endswith((".csv", ".csv.gz")):
            df.to_csv(out, index=False)
        else:
            raise InputError("--out must end in .csv, .csv.gz or .parquet", file=out)
        print(f"written: {out} ({len(df):,} rows)")
    store = _store(args)
    if store is not None:
        src = str(df["source"].iloc[0]) if len(df) else "table"
        dataset = args.dataset or default_dataset(src, df["year"].unique().tolist())
        if prefix != "gvc":
            dataset = prefix + dataset[3:]
        path = store.write_indicators(df, dataset=dataset)
        print(f"stored: dataset {dataset} ({path})")
    return 0


def _indicators(args: argparse.Namespace) -> int:
    import pandas as pd

    from chainpower.gvc.indicators import compute_indicators, strategic_indicators
    from chainpower.progress import progress

    frames = []
    for load in progress(_loaders(args), desc="GVC indicators"):
        table = load()
        df = compute_indicators(
            table, origin_destination=not args.no_va_fd, trade=not args.no_trade
        )
        frames.append(strategic_indicators(df) if args.strategic else df)
    out = pd.concat(frames, ignore_index=True)
    summary = out[out.sector.isna() & out.partner.isna()] if not args.strategic else out
    key = "wwyz_gvcpt_f"
    head = summary[summary.indicator == key].sort_values("value", ascending=False).head(5)
    if len(head):
        print(f"highest {key}:")
        print(head[["year", "country", "sector", "value"]].to_string(index=False))
    return _finish(out, args, "gvc")


def _decompose(args: argparse.Namespace) -> int:
    import pandas as pd

    from chainpower.progress import progress

    frames = []
    for load in progress(_loaders(args), desc=f"{args.method.upper()} decomposition"):
        table = load()
        if args.method == "wwz":
            from chainpower.gvc.decomposition import decompose_exports

            res: Any = decompose_exports(table)
        else:
            from chainpower.gvc.borin_mancini import borin_mancini

            res = borin_mancini(table)
        frames.append(res.to_frame(level=args.level, what=args.what))
    out = pd.concat(frames, ignore_index=True)
    return _finish(out, args, args.method)
