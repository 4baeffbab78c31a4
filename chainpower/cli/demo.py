"""``chainpower demo``: the main job on the embedded default, a seeded synthetic world.

Builds a balanced synthetic MRIO world by code (default 20 economies × 12 sectors × 10 years),
stores every table and every GVC indicator in a local store (Parquet + DuckDB), prints the
participation of a few economies in the three strategic industries (first vs last year) and
writes one figure: participation over time.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

__all__ = ["register", "run_demo"]

EXAMPLES = """examples:
  chainpower demo                       # writes demo_output/
  chainpower demo --out /tmp/cp --countries 30 --sectors 12 --years 2000-2019 --seed 7

outputs: OUT/store/ (Parquet tables + chainpower.duckdb with one view per dataset),
OUT/strategic_participation.csv, OUT/participation.png."""


def run_demo(
    out: str | Path = "demo_output",
    *,
    countries: int = 20,
    sectors: int = 12,
    years: list[int] | None = None,
    seed: int = 2024,
    show: int = 5,
) -> dict[str, Any]:
    """Run the demo pipeline; return paths and the printed summary table.

    Steps: :func:`~chainpower.mrio.synthetic.synthetic_world` → :class:`~chainpower.data.Store`
    (``mrio_synthetic_<year>`` tables) → :func:`~chainpower.gvc.compute_panel` (dataset
    ``synthetic_gvc``) → :func:`~chainpower.gvc.strategic_indicators` →
    :func:`~chainpower.gvc.plot_participation`.
    """
    import pandas as pd

    from chainpower.data.store import Store
    from chainpower.gvc import compute_panel, plot_participation, strategic_indicators
    from chainpower.gvc.figures import largest_economies
    from chainpower.mrio.io import table_to_store
    from chainpower.mrio.synthetic import synthetic_world

    years = list(years) if years is not None else list(range(2010, 2020))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    store = Store(out / "store")
    tables = synthetic_world(countries, sectors, years, seed=seed)
    for table in tables:
        table_to_store(store, table)
    panel = compute_panel(tables, store=store, dataset="synthetic_gvc", desc="demo: indicators")
    strategic = strategic_indicators(panel)
    store.write_indicators(strategic, dataset="synthetic_gvc_strategic")
    strategic.to_csv(out / "strategic_participation.csv", index=False)

    chosen = largest_economies(strategic[strategic["partner"].isna()], show)
    wanted = strategic[
        strategic["country"].isin(chosen)
        & strategic["partner"].isna()
        & strategic["year"].isin([min(years), max(years)])
        & strategic["indicator"].isin(["wwyz_gvcpt_f", "wwyz_gvcpt_b"])
    ]
    summary = wanted.pivot_table(
        index=["country", "sector"], columns=["indicator", "year"], values="value"
    ).round(3)
    summary.columns = [
        f"{'fwd' if str(col[0]).endswith('_f') else 'bwd'} {col[1]}"
        for col in summary.columns.to_list()
    ]
    figure = out / "participation.png"
    plot_participation(strategic, countries=chosen, path=figure)
    with pd.option_context("display.width", 120, "display.max_columns", 20):
        print(
            f"synthetic world: {countries} economies × {sectors} sectors × {len(years)} years "
            f"(seed {seed}); {len(panel):,} indicator rows stored in {store.root}"
        )
        print("GVC participation (Wang-Wei-Yu-Zhu 2017, forward/backward) of the strategic")
        print("industries, largest economies:")
        print(summary.to_string())
        print(f"figure: {figure}")
    return {"store": store.root, "figure": figure, "summary": summary, "rows": len(panel)}


def _handle(args: argparse.Namespace) -> int:
    from chainpower.cli.gvc import parse_years

    run_demo(
        args.out,
        countries=args.countries,
        sectors=args.sectors,
        years=parse_years(args.years),
        seed=args.seed,
    )
    return 0


def register(subparsers: Any) -> None:
    """Add ``demo`` to the top-level parser."""
    p = subparsers.add_parser(
        "demo",
        help="run the whole GVC pipeline on a seeded synthetic world",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", default="demo_output", help="output folder (default demo_output)")
    p.add_argument("--countries", type=int, default=20, help="economies (default 20)")
    p.add_argument("--sectors", type=int, default=12, help="sectors (default 12; ≥ 12)")
    p.add_argument("--years", default="2010-2019", help="years (default 2010-2019)")
    p.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    p.set_defaults(handler=_handle)
