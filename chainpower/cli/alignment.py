"""CLI of the alignment layer: ``votes agreement``, ``ideal estimate|published|plot``, ``trust``.

Handlers import the heavy modules lazily so ``chainpower --help`` stays fast. Nothing is
written to the store without ``--to-store``; ``trust --source own`` says which stored
estimate run it uses (``--run NAME[@vN]``, or the only one stored).
"""

from __future__ import annotations

import argparse
import time
from functools import partial
from typing import Any

from chainpower.cli.options import (
    CommandGroup,
    add_command,
    add_figure,
    add_output,
    add_run,
    add_selection,
    add_store,
    emit,
    open_store,
    store_result,
)
from chainpower.cli.options import (
    parse_years as _parse_year_list,
)
from chainpower.errors import InputError

__all__ = ["parse_years", "register"]

_OWN_PREFIX = "ideal_own"
#: below this many countries ideal points are refused: with two, the identification (mean 0,
#: sd 1, sign fixed by a reference) puts them at ±1 in every year whatever the votes say
MIN_COUNTRIES = 3
#: below this many countries the estimates are flagged (the scale is set by so few members)
FEW_COUNTRIES = 10


def parse_years(text: str) -> tuple[int, int]:
    """``"2010-2019"`` → ``(2010, 2019)``; ``"2015"`` → ``(2015, 2015)`` (one range only)."""
    span = _span(_parse_year_list(text), label=repr(text))
    assert span is not None  # the shared parser refuses an empty list
    return span


def _span(years: list[int] | None, *, label: str = "--years") -> tuple[int, int] | None:
    if not years:
        return None
    if years != list(range(years[0], years[-1] + 1)):
        raise InputError("alignment commands take one range of years (e.g. 2010-2019)", label=label)
    return years[0], years[-1]


def _read_frame(path: str) -> Any:
    from chainpower.data.reading import read_frame

    return read_frame(path, "ideal-point estimates")


def _stored_run(args: argparse.Namespace) -> tuple[Any, str]:
    """The own estimates named by ``--run NAME[@vN]``, else the only stored run."""
    store = open_store(args, create=False)
    if args.run:
        name, _, ver = args.run.partition("@")
        version = int(ver.lstrip("v")) if ver else None
        rec = store.version(name, version, kind="tables")
        return store.read_table(name, version=version), f"{name}@v{rec['version']}"
    runs = [t for t in store.tables() if t.startswith(_OWN_PREFIX)]
    if not runs:
        raise InputError(
            f"no own ideal points in store {store.root}: run `chainpower ideal estimate "
            "--years A-B --to-store` first, or pass --estimates FILE"
        )
    if len(runs) > 1:
        raise InputError(
            f"{len(runs)} own estimate runs are stored ({', '.join(runs)}); say which with "
            "--run NAME[@vN]"
        )
    ref = store.ref(runs[0], kind="tables")
    return store.read_table(runs[0]), ref


def _own_estimates(args: argparse.Namespace) -> tuple[Any, str]:
    """``(frame, what)``: from ``--estimates FILE`` or a stored run, and which it was."""
    if args.estimates and args.run:
        raise InputError("give --estimates FILE or --run NAME, not both")
    if args.estimates:
        return _read_frame(args.estimates), f"file {args.estimates}"
    frame, ref = _stored_run(args)
    return frame, f"stored run {ref}"


def _source_options(args: argparse.Namespace) -> None:
    """Options that apply only to one ``--source`` are errors with the other."""
    if args.source == "published" and (args.estimates or args.run):
        raise InputError("--estimates/--run apply only with --source own")
    if args.source == "own" and args.bsv:
        raise InputError("--bsv applies only with --source published")


# -- handlers ---------------------------------------------------------------------------------
def _agreement(args: argparse.Namespace) -> int:
    from chainpower.alignment.agreement import agreement_scores
    from chainpower.cli.options import check_outputs
    from chainpower.data.unvotes import load_unvotes

    check_outputs(args)
    years = _span(args.years)
    votes = load_unvotes(args.data)
    df = agreement_scores(
        votes,
        args.reference.upper(),
        args.countries,
        years,
        absent=args.absent,
        coding=args.coding,
        skip_empty_years=args.skip_empty_years,
    )
    cols = ["year", "country", "reference", "n_votes"] + (
        [args.measure] if args.measure else ["share", "sscore", "kappa"]
    )
    emit(args, df[cols], what="agreement table", empty_hint="no votes in the selection")
    return 0


def _estimate(args: argparse.Namespace) -> int:
    from chainpower.alignment.idealpoints import estimate_ideal_points
    from chainpower.cli.options import check_outputs
    from chainpower.data.unvotes import load_roll_calls, load_unvotes

    check_outputs(args)
    years = _span(args.years)
    if args.countries is not None and len(args.countries) < MIN_COUNTRIES:
        raise InputError(
            f"ideal points need at least {MIN_COUNTRIES} countries: with "
            f"{len(args.countries)} the identification (mean 0, sd 1 per run, sign fixed by a "
            "reference) puts them at ±1 in every year whatever the votes say. Estimate with "
            "more countries (or all) and select afterwards",
            label="--countries",
        )
    if args.min_votes < 1:
        raise InputError("--min-votes must be ≥ 1", label=str(args.min_votes))
    votes = load_unvotes(args.data)
    roll_calls = load_roll_calls(args.data)
    print("estimating ideal points (Newton to a gradient tolerance) …", flush=True)
    started = time.monotonic()
    result = estimate_ideal_points(
        votes,
        roll_calls,
        years=years,
        countries=args.countries,
        seed=0 if args.seed is None else args.seed,
        progress=False,
    )
    info = result.info
    frame = result.to_frame()
    frame["few_votes"] = frame["n_votes"] < args.min_votes
    n_countries = int(frame["iso3"].nunique())
    state = "converged" if info["converged"] else "NOT converged"
    print(
        f"ideal points: {n_countries} countries, years {frame['year'].min()}–"
        f"{frame['year'].max()}, {info['n_obs']:,} votes on {info['n_items']:,} roll calls; "
        f"{state} after {info['iterations']} Newton iterations (largest gradient "
        f"{info['grad_max']:.2g}) in {time.monotonic() - started:.0f} s"
    )
    flagged = int(frame["few_votes"].sum())
    if flagged:
        print(
            f"flagged: {flagged} country-years rest on fewer than {args.min_votes} votes "
            "(column few_votes; their intervals are wide)"
        )
    if n_countries < FEW_COUNTRIES:
        print(
            f"flagged: only {n_countries} countries; the scale is set by these alone, so "
            "compare positions within this run only"
        )
    y0, y1 = int(frame["year"].min()), int(frame["year"].max())
    suffix = "" if args.countries is None else f"_{n_countries}c"
    store_result(
        args,
        frame,
        default=f"{_OWN_PREFIX}_{y0}_{y1}{suffix}",
        kind="tables",
        inputs=[f"UN votes ({args.data or 'real-data folder'})"],
        run={k: info[k] for k in ("converged", "iterations", "grad_max", "seed", "n_obs")},
    )
    emit(args, frame, what="ideal-point table")
    return 0


def _published(args: argparse.Namespace) -> int:
    from chainpower.cli.options import check_outputs
    from chainpower.data.bsv import load_bsv

    check_outputs(args)
    years = _span(args.years)
    frame = load_bsv(args.bsv)
    if years:
        frame = frame[frame["year"].between(*years)]
    store_result(args, frame, default="ideal_bsv", kind="tables",
                 inputs=[f"BSV ideal points ({args.bsv or 'real-data folder'})"])  # fmt: skip
    emit(args, frame, what="ideal-point table", empty_hint="no BSV rows in these years")
    return 0


def _plot(args: argparse.Namespace) -> int:
    from chainpower.alignment.figures import plot_ideal_points
    from chainpower.cli.options import check_outputs

    if not args.figure:
        raise InputError("say where the figure goes: --figure FILE (.png, .pdf or .svg)")
    check_outputs(args)
    _source_options(args)
    years = _span(args.years)
    if args.source == "own":
        ideal, what = _own_estimates(args)
        print(f"using own estimates: {what}")
    else:
        from chainpower.data.bsv import load_bsv

        ideal = load_bsv(args.bsv)
    countries = args.countries or ["USA", "CHN", "RUS", "GBR", "IND"]
    plot_ideal_points(ideal, countries, years=years, path=args.figure)
    print(f"written: {args.figure}")
    return 0


def _trust(args: argparse.Namespace) -> int:
    from chainpower.alignment.trust import (
        PAPER000_COUNTRIES,
        paper000_comparison,
        trust,
        trust_indicators,
    )
    from chainpower.cli.options import check_outputs

    check_outputs(args)
    _source_options(args)
    years = _span(args.years)
    derived: list[str] = []
    if args.source == "own":
        source, what = _own_estimates(args)
        print(f"using own estimates: {what}")
        derived = [what.removeprefix("stored run ")] if what.startswith("stored run") else []
    else:
        source = "published"
    countries = args.countries or list(PAPER000_COUNTRIES)
    table = trust(
        source,
        reference=args.reference.upper(),
        countries=countries,
        years=years,
        path=args.bsv,
    )
    label = "bsv" if args.source == "published" else "own"
    refs = "_".join(sorted(set(table["reference"])))
    store_result(
        args,
        trust_indicators(table, source=label),
        default=f"trust_{refs}_{label}",
        derived_from=derived,
        inputs=[args.estimates or args.bsv or f"{args.source} ideal points"],
    )
    emit(args, table, what="trust table")
    if args.compare_paper:
        print("\ndistance |θ_i − θ_ref| next to paper 000:")
        print(paper000_comparison(table).round(3).to_string())
    return 0


# -- parser -----------------------------------------------------------------------------------
def _votes_folder(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", help="vote folder (default: $CHAINPOWER_DATA/unga/unvotes_dgrtwo)")


def _own_source(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", choices=["published", "own"], default="published",
                   help="BSV's published ideal points (default) or own estimates")  # fmt: skip
    p.add_argument("--estimates", metavar="FILE", help="with --source own: estimates file")
    p.add_argument(
        "--run",
        metavar="NAME[@vN]",
        help="with --source own: a stored estimate run (default: the only one stored)",
    )
    p.add_argument("--bsv", help="with --source published: BSV CSV or folder")


def _agreement_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--measure",
        choices=["sscore", "kappa", "share"],
        help="print one measure (default: all three)",
    )
    p.add_argument(
        "--absent",
        choices=["drop", "abstain"],
        default="drop",
        help="absences dropped (default) or counted as abstentions",
    )
    p.add_argument(
        "--coding",
        choices=["1-0.5-0", "1-2-3"],
        default="1-0.5-0",
        help="numeric coding of yes/abstain/no for the S-score",
    )
    p.add_argument(
        "--skip-empty-years",
        action="store_true",
        help="leave out years without votes instead of failing",
    )


def _min_votes(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-votes", type=int, default=10,
                   help="flag country-years with fewer votes (default 10)")  # fmt: skip


def _bsv_file(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bsv", help="BSV CSV or folder (default: $CHAINPOWER_DATA/unga/bsv)")


def _reference(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reference", default="USA", help="reference country (default USA)")


def _compare_paper(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--compare-paper",
        action="store_true",
        help="print the distance statistics next to paper 000's",
    )


def register(subparsers: Any) -> None:
    """Add ``votes``, ``ideal`` and ``trust`` to the ``chainpower`` parser."""
    no_jobs = partial(add_run, jobs=False)
    years_only = partial(add_selection, countries=False)
    votes = CommandGroup(
        subparsers,
        "votes",
        help="UN General Assembly votes: agreement scores",
        epilog="examples:\n"
        "  chainpower votes agreement --countries CHN --reference USA --years 2010-2019\n"
        "  chainpower votes agreement --reference USA --measure kappa --out agree.parquet",
        metavar="SUBCOMMAND",
        required=True,
    )
    votes.add(
        "agreement",
        _agreement,
        help="share of identical votes, S-score, Cohen's kappa per year",
        epilog="examples:\n"
        "  chainpower votes agreement --countries CHN --reference USA --years 2010-2019\n"
        "  chainpower votes agreement --countries CHN,IND,BRA --reference RUS --years 1990-1999 "
        "--absent abstain --out rus.csv",
        options=(add_selection, _reference, _agreement_options, _votes_folder, add_output),
    )

    ideal = CommandGroup(
        subparsers,
        "ideal",
        help="ideal points: estimate, published BSV, plot",
        epilog="examples:\n"
        "  chainpower ideal estimate --years 2010-2019 --out ideal.parquet\n"
        "  chainpower ideal published --out bsv.csv\n"
        "  chainpower ideal plot --countries USA,CHN,RUS --source published --figure fig.png",
        metavar="SUBCOMMAND",
        required=True,
    )
    ideal.add(
        "estimate",
        _estimate,
        help="estimate own dynamic ideal points from the votes",
        epilog="examples:\n"
        "  chainpower ideal estimate --years 2010-2019 --out ideal.parquet\n"
        "  chainpower --store ST ideal estimate --years 1990-2019 --to-store\n"
        f"At least {MIN_COUNTRIES} countries (default: all); fewer than {FEW_COUNTRIES} are "
        "flagged, as are country-years with fewer than --min-votes votes.",
        options=(add_selection, _min_votes, _votes_folder, no_jobs, add_output, add_store),
    )
    ideal.add(
        "published",
        _published,
        help="export BSV's published ideal points",
        epilog="example:\n  chainpower ideal published --years 2018-2022 --out bsv.parquet",
        options=(years_only, _bsv_file, add_output, add_store),
    )
    ideal.add(
        "plot",
        _plot,
        help="trajectories with uncertainty bands",
        epilog="examples:\n"
        "  chainpower ideal plot --countries USA,CHN,RUS --source published --figure fig.png\n"
        "  chainpower ideal plot --countries USA,CHN --source own --estimates ideal.parquet "
        "--figure own.png",
        options=(add_selection, _own_source, add_figure),
    )

    add_command(
        subparsers,
        "trust",
        _trust,
        help="political trust −|θ_i − θ_ref| per year (paper 000)",
        epilog="examples:\n"
        "  chainpower trust --reference USA --years 2018-2022 --source published --compare-paper\n"
        "  chainpower --store ST trust --reference USA --years 2018-2022 --to-store\n"
        "  chainpower --store ST trust --reference CHN --countries VNM,PHL --years 2010-2019 "
        "--source own --run ideal_own_1990_2019\n"
        "Default countries: the 15 economies of paper 000.",
        options=(_reference, add_selection, _own_source, _compare_paper, add_output, add_store),
    )
