"""``chainpower scenario``: run scenario files (extraction, friend-shoring, shocks) and
look-through exposure on one table or a panel (docs/scenarios.md)."""

from __future__ import annotations

import argparse
import os
from typing import Any

from chainpower.cli.commands import CommandGroup
from chainpower.cli.options import (
    add_figure,
    add_output,
    add_run,
    add_selection,
    add_store,
    add_table_source,
    check_outputs,
    table_loaders,
)

__all__ = ["register"]

EXAMPLES = """examples:
  chainpower scenario run friendshoring.toml --wiod 2011 --out scenarios.parquet
  chainpower scenario run friendshoring.toml --wiod 1995-2011 --executor dask --jobs 2 --to-store
  chainpower scenario run cuts.toml --synthetic 2010 --figure losses.png
  chainpower scenario exposure --wiod 2011 --countries USA --out exposure.csv --figure us.png

A scenario file lists what is cut or shocked, by how much, and where replacement inputs come
from; errors name the file and the key (docs/scenarios.md). Store datasets: scn_<set>_<id>."""


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenarios", metavar="SCENARIOS.toml", help="the scenario file")
    add_table_source(p)
    add_output(p)
    add_store(p)
    add_figure(p)
    add_run(p, seed=False)
    p.add_argument(
        "--plot-scenarios",
        metavar="ID[,ID…]",
        help="with --figure: scenarios to draw (default all)",
    )


def _exposure_options(p: argparse.ArgumentParser) -> None:
    add_table_source(p, multi_year=False)
    add_selection(p, years=False)
    p.add_argument(
        "--basis",
        choices=("output", "final_demand"),
        default="output",
        help="buyer's gross output (default) or final demand",
    )
    add_output(p)
    add_store(p)
    add_figure(p)
    add_run(p, seed=False, jobs=False)


def register(subparsers: Any) -> None:
    """Add ``scenario run|exposure`` to the top-level parser."""
    group = CommandGroup.of_module(
        subparsers,
        __name__,
        help="hypothetical extraction, friend-shoring and shock scenarios; exposure",
    )
    group.add_actions(
        [
            ("run", _run, "run a scenario file on one table or many", (_run_options,)),
            ("exposure", _exposure, "look-through vs face-value exposure by supplier",
             (_exposure_options,)),
        ]
    )  # fmt: skip


def _quiet(args: argparse.Namespace) -> None:
    if getattr(args, "quiet", False):
        os.environ["CHAINPOWER_QUIET"] = "1"


def _preview(df: Any) -> None:
    print(df.to_string(max_rows=20))


def _run(args: argparse.Namespace) -> int:
    check_outputs(args)
    _quiet(args)
    from chainpower.scenarios.run import run_scenarios
    from chainpower.scenarios.spec import ScenarioSet

    sset = ScenarioSet.from_toml(args.scenarios)  # schema errors before any table is read
    loaders = [load for _label, load in table_loaders(args)]
    res = run_scenarios(loaders, sset, executor=args.executor, jobs=args.jobs)
    if args.out:
        path = res.write(args.out)
        print(f"written: {path} ({len(res.to_frame()):,} rows)")
    else:
        _preview(res.summary)
    if args.to_store is not None:
        from chainpower.data.store import Store

        store = Store(getattr(args, "store", None))
        for name, df in res.datasets().items():
            if args.to_store:
                name = f"{args.to_store}_{name.removeprefix(f'scn_{sset.name}_')}"
            path = store.write_indicators(df, dataset=name, overwrite=True)
            print(f"written: {path} ({len(df):,} rows)")
    if args.figure:
        ids = args.plot_scenarios.split(",") if args.plot_scenarios else None
        res.plot(scenarios=ids, path=args.figure)
        print(f"written: {args.figure}")
    return 0


def _exposure(args: argparse.Namespace) -> int:
    check_outputs(args)
    _quiet(args)
    import pandas as pd

    from chainpower.errors import InputError
    from chainpower.scenarios.exposure import compute_exposure

    loaders = table_loaders(args)
    if len(loaders) != 1:
        raise InputError("scenario exposure takes one table (one year)")
    table = loaders[0][1]()
    buyers = args.countries or ["USA"]
    results = [compute_exposure(table, b, basis=args.basis) for b in buyers]
    df = pd.concat([r.to_frame() for r in results], ignore_index=True)
    if args.out:
        from chainpower.output import write

        path = write(df, args.out, meta=results[0].meta)
        print(f"written: {path} ({len(df):,} rows)")
    else:
        for r in results:
            print(repr(r))
            _preview(r.summary)
    if args.to_store is not None:
        from chainpower.data.store import Store

        name = args.to_store or f"fpem_{table.source or 'table'}_{table.year}".replace(" ", "_")
        path = Store(getattr(args, "store", None)).write_indicators(
            df, dataset=name, overwrite=True
        )
        print(f"written: {path} ({len(df):,} rows)")
    if args.figure:
        results[0].plot(path=args.figure)
        print(f"written: {args.figure}")
    return 0
