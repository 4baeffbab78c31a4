"""``chainpower demo``: the main job — the default study (paper 000) and a synthetic GVC world.

Part ``study`` runs the default study (:func:`chainpower.studies.Study.default`): on the real
data folder when it is present, otherwise on a seeded synthetic panel built by code
(:func:`chainpower.studies.synthetic.synthetic_sources`). It stores the panel, the merge report
and every coefficient in a store of its own (``OUT/study_store``: Parquet + DuckDB, built in a
temporary folder and renamed at the end, so an interrupted demo leaves no half-filled store)
and writes the self-contained HTML report ``OUT/report/index.html``.

Part ``world`` builds a balanced synthetic MRIO world by code (default 20 economies × 12
sectors × 10 years), stores every table and every GVC indicator in ``OUT/store``, prints the
participation of a few economies in the three strategic industries (first vs last year) and
writes one figure: participation over time.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["PARTS", "register", "run_demo", "run_study_demo"]

EXAMPLES = """examples:
  chainpower demo                       # writes demo_output/
  chainpower demo --parts study --synthetic-study
  chainpower demo --out /tmp/cp --parts world --n-countries 30 --years 2000-2019 --seed 7

outputs: OUT/report/index.html (the study report), OUT/study_store/ (the study's panel,
merge report and coefficients), OUT/store/ (Parquet tables + DuckDB views of the world),
OUT/strategic_participation.csv, OUT/participation.png."""

#: Parts of the demo, in run order.
PARTS: tuple[str, ...] = ("study", "world")


def run_study_demo(
    out: str | Path = "demo_output", *, synthetic: bool | None = None, seed: int | None = None
) -> dict[str, Any]:
    """Run the default study and store + report it (see the module docstring).

    ``synthetic=None`` uses the real data folder when present, else the synthetic panel.
    """
    from chainpower.data.paths import data_dir
    from chainpower.data.store import Store
    from chainpower.output import TEMP_PREFIX
    from chainpower.studies.report import replace_folder
    from chainpower.studies.study import Study

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    study = Study.default()
    use_synthetic = data_dir() is None if synthetic is None else synthetic
    sources = None
    if use_synthetic:
        from chainpower.studies.synthetic import synthetic_sources

        sources = synthetic_sources(study.spec, seed=study.spec.inference.seed)
    res = study.run(seed=seed, sources=sources)
    name = res.spec.name
    final = out / "study_store"
    tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}study_store-", dir=out))
    try:
        store = Store(tmp)
        prov = {"study": name, "seed": res.seed, "synthetic": res.panel.synthetic}
        store.write_table(f"study_{name}_panel", res.panel.frame, provenance=prov)
        store.write_table(
            f"study_{name}_merge_report", res.panel.report.astype(str), provenance=prov
        )
        store.write_table(f"study_{name}_coefficients", res.coefficients, provenance=prov)
        if not res.tests.empty:
            store.write_table(f"study_{name}_tests", res.tests, provenance=prov)
        replace_folder(tmp, final)
        Store(final).refresh_views_sql()  # its absolute paths named the temporary folder
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    index = res.report(out / "report")
    from chainpower.cli.study import _summary_line

    print(_summary_line(res))
    print(f"study store: {final}  report: {index}")
    return {"study": res, "study_store": final, "report": index}


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
    from chainpower.output import TEMP_PREFIX, write
    from chainpower.studies.report import replace_folder

    years = list(years) if years is not None else list(range(2010, 2020))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    final = out / "store"
    # build the store in a temporary folder, renamed at the end: an interrupted or failing
    # demo leaves the previous store (or none), never a half-filled one
    tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}store-", dir=out))
    try:
        store = Store(tmp)
        tables = synthetic_world(countries, sectors, years, seed=seed)
        for table in tables:
            table_to_store(store, table)
        panel = compute_panel(tables, store=store, dataset="synthetic_gvc", desc="demo: indicators")
        strategic = strategic_indicators(panel)
        store.write_indicators(strategic, dataset="synthetic_gvc_strategic")
        replace_folder(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    store = Store(final)
    store.refresh_views_sql()
    write(strategic, out / "strategic_participation.csv")

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
    from chainpower.cli.options import parse_list, parse_years
    from chainpower.errors import InputError

    parts = [p.lower() for p in (parse_list(args.parts) or [])]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise InputError(
            f"unknown demo part(s) {unknown}; choose from {', '.join(PARTS)}", label="--parts"
        )
    years = parse_years(args.years)
    if args.countries < 5 or args.sectors < 12:
        raise InputError(
            "the demo world needs --n-countries ≥ 5 and --n-sectors ≥ 12",
            label=f"{args.countries}x{args.sectors}",
        )
    if "study" in parts:
        run_study_demo(args.out, synthetic=True if args.synthetic_study else None)
    if "world" in parts:
        run_demo(
            args.out,
            countries=args.countries,
            sectors=args.sectors,
            years=years,
            seed=args.seed,
        )
    return 0


def register(subparsers: Any) -> None:
    """Add ``demo`` to the top-level parser."""
    from chainpower.cli.options import add_command

    p = add_command(
        subparsers,
        "demo",
        _handle,
        help="run the default study (report) and the GVC pipeline on a synthetic world",
        description=__doc__,
        epilog=EXAMPLES,
    )
    p.add_argument("--out", default="demo_output", help="output folder (default demo_output)")
    p.add_argument(
        "--n-countries",
        dest="countries",
        type=int,
        default=20,
        help="world part: number of economies (default 20; ≥ 5)",
    )
    p.add_argument(
        "--n-sectors",
        dest="sectors",
        type=int,
        default=12,
        help="world part: number of sectors (default 12; ≥ 12)",
    )
    p.add_argument("--years", default="2010-2019", help="years (default 2010-2019)")
    p.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    p.add_argument(
        "--parts",
        default=",".join(PARTS),
        help="comma list of parts to run: study (the default study and its "
        "report), world (the synthetic GVC world); default both",
    )
    p.add_argument(
        "--synthetic-study",
        action="store_true",
        help="run the study on the seeded synthetic panel even when real data exists",
    )
