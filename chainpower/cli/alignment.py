"""CLI of the alignment layer: ``votes agreement``, ``ideal estimate|published|plot``, ``trust``.

Handlers import the heavy modules lazily so ``chainpower --help`` stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from chainpower.errors import InputError

__all__ = ["parse_years", "register"]

_FMT = argparse.RawDescriptionHelpFormatter
_OWN_TABLE = "ideal_points_own"
_BSV_TABLE = "ideal_points_bsv"


def parse_years(text: str) -> tuple[int, int]:
    """``"2010-2019"`` → ``(2010, 2019)``; ``"2015"`` → ``(2015, 2015)``."""
    parts = text.split("-")
    try:
        if len(parts) == 1:
            y = int(parts[0])
            return y, y
        if len(parts) == 2:
            lo, hi = int(parts[0]), int(parts[1])
            if lo <= hi:
                return lo, hi
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"years must look like 2010-2019 or 2015, not {text!r}")


def _countries(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out: list[str] = []
    for v in values:
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    return out


def _store(args: argparse.Namespace) -> Any:
    from chainpower.data.store import Store

    return Store(getattr(args, "store", None))


def _write(df: Any, out: str | None) -> None:
    if out is None:
        print(df.to_string(index=False))
        return
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        df.to_csv(path, index=False)
    elif path.suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        raise InputError("output must end in .csv or .parquet", file=path)
    print(f"wrote {len(df)} rows to {path}")


def _read_frame(path: str) -> Any:
    import pandas as pd

    p = Path(path)
    if not p.is_file():
        from chainpower.errors import DataNotFoundError

        raise DataNotFoundError("estimates file not found", file=p)
    return pd.read_csv(p) if p.suffix == ".csv" else pd.read_parquet(p)


def _own_estimates(args: argparse.Namespace) -> Any:
    if args.estimates:
        return _read_frame(args.estimates)
    store = _store(args)
    if _OWN_TABLE not in store.tables():
        raise InputError(
            "no own ideal points: run `chainpower ideal estimate --years A-B --out FILE` "
            "first or pass --estimates FILE"
        )
    return store.read_table(_OWN_TABLE)


# -- handlers ---------------------------------------------------------------------------------
def _agreement(args: argparse.Namespace) -> int:
    from chainpower.alignment.agreement import agreement_scores
    from chainpower.data.unvotes import load_unvotes

    votes = load_unvotes(args.data)
    countries = [args.country.upper()] if args.country else None
    df = agreement_scores(
        votes,
        args.reference.upper(),
        countries,
        args.years,
        absent=args.absent,
        coding=args.coding,
        skip_empty_years=args.skip_empty_years,
    )
    cols = ["year", "country", "reference", "n_votes"] + (
        [args.measure] if args.measure else ["share", "sscore", "kappa"]
    )
    _write(df[cols], args.out)
    return 0


def _estimate(args: argparse.Namespace) -> int:
    try:
        from chainpower.alignment.idealpoints import estimate_ideal_points
    except ImportError as exc:  # pragma: no cover - until the estimator lands
        raise InputError(f"the ideal-point estimator is not available: {exc}") from exc
    from chainpower.data.unvotes import load_roll_calls, load_unvotes

    votes = load_unvotes(args.data)
    roll_calls = load_roll_calls(args.data)
    result = estimate_ideal_points(
        votes,
        roll_calls,
        years=args.years,
        countries=_countries(args.countries),
        seed=args.seed,
        progress=True,
    )
    frame = result.to_frame()
    _store(args).write_table(_OWN_TABLE, frame)
    _write(frame, args.out)
    return 0


def _published(args: argparse.Namespace) -> int:
    from chainpower.data.bsv import load_bsv

    frame = load_bsv(args.bsv)
    if args.years:
        frame = frame[frame["year"].between(*args.years)]
    _store(args).write_table(_BSV_TABLE, frame)
    _write(frame, args.out)
    return 0


def _plot(args: argparse.Namespace) -> int:
    from chainpower.alignment.figures import plot_ideal_points

    if args.source == "own":
        ideal = _own_estimates(args)
    else:
        from chainpower.data.bsv import load_bsv

        ideal = load_bsv(args.bsv)
    countries = _countries(args.countries) or ["USA", "CHN", "RUS", "GBR", "IND"]
    plot_ideal_points(ideal, countries, years=args.years, out=args.out)
    print(f"wrote {args.out}")
    return 0


def _trust(args: argparse.Namespace) -> int:
    from chainpower.alignment.trust import (
        PAPER000_COUNTRIES,
        paper000_comparison,
        trust,
        write_trust,
    )

    source: Any = _own_estimates(args) if args.source == "own" else "published"
    countries = _countries(args.countries) or list(PAPER000_COUNTRIES)
    table = trust(
        source,
        reference=args.reference.upper(),
        countries=countries,
        years=args.years,
        path=args.bsv,
    )
    label = "bsv" if args.source == "published" else "own"
    path = write_trust(_store(args), table, source=label)
    _write(table, args.out)
    print(f"stored indicators in {path}")
    if args.compare_paper:
        print("\ndistance |θ_i − θ_ref| next to paper 000:")
        print(paper000_comparison(table).round(3).to_string())
    return 0


# -- parser -----------------------------------------------------------------------------------
def register(subparsers: Any) -> None:
    """Add ``votes``, ``ideal`` and ``trust`` to the ``chainpower`` parser."""
    votes = subparsers.add_parser(
        "votes",
        help="UN General Assembly votes: agreement scores",
        formatter_class=_FMT,
        epilog="examples:\n"
        "  chainpower votes agreement --country CHN --reference USA --years 2010-2019\n"
        "  chainpower votes agreement --reference USA --measure kappa --out agree.parquet",
    )
    vsub = votes.add_subparsers(dest="votes_command", metavar="SUBCOMMAND", required=True)
    agr = vsub.add_parser(
        "agreement",
        help="share of identical votes, S-score, Cohen's kappa per year",
        formatter_class=_FMT,
        epilog="examples:\n"
        "  chainpower votes agreement --country CHN --reference USA --years 2010-2019\n"
        "  chainpower votes agreement --reference RUS --years 1990-1999 --absent abstain "
        "--out rus.csv",
    )
    agr.add_argument("--country", help="ISO3 code (default: every country)")
    agr.add_argument("--reference", default="USA", help="reference country (default USA)")
    agr.add_argument("--years", type=parse_years, help="year range, e.g. 2010-2019")
    agr.add_argument(
        "--measure",
        choices=["sscore", "kappa", "share"],
        help="print one measure (default: all three)",
    )
    agr.add_argument(
        "--absent",
        choices=["drop", "abstain"],
        default="drop",
        help="absences dropped (default) or counted as abstentions",
    )
    agr.add_argument(
        "--coding",
        choices=["1-0.5-0", "1-2-3"],
        default="1-0.5-0",
        help="numeric coding of yes/abstain/no for the S-score",
    )
    agr.add_argument(
        "--skip-empty-years",
        action="store_true",
        help="leave out years without votes instead of failing",
    )
    agr.add_argument("--data", help="vote folder (default: $CHAINPOWER_DATA/unga/unvotes_dgrtwo)")
    agr.add_argument("--out", help="write .csv or .parquet instead of printing")
    agr.set_defaults(handler=_agreement)

    ideal = subparsers.add_parser(
        "ideal",
        help="ideal points: estimate, published BSV, plot",
        formatter_class=_FMT,
        epilog="examples:\n"
        "  chainpower ideal estimate --years 1990-2019 --out ideal.parquet\n"
        "  chainpower ideal published --out bsv.csv\n"
        "  chainpower ideal plot --countries USA CHN RUS --source published --out fig.png",
    )
    isub = ideal.add_subparsers(dest="ideal_command", metavar="SUBCOMMAND", required=True)
    est = isub.add_parser(
        "estimate",
        help="estimate own dynamic ideal points from the votes",
        formatter_class=_FMT,
        epilog="example:\n  chainpower ideal estimate --years 2000-2019 "
        "--countries USA CHN --out ideal.parquet",
    )
    est.add_argument("--years", type=parse_years, help="year range (default: all)")
    est.add_argument("--countries", nargs="+", help="ISO3 codes (default: all)")
    est.add_argument("--seed", type=int, default=0)
    est.add_argument("--data", help="vote folder (default: $CHAINPOWER_DATA/unga/unvotes_dgrtwo)")
    est.add_argument("--out", required=True, help=".csv or .parquet")
    est.set_defaults(handler=_estimate)

    pub = isub.add_parser(
        "published",
        help="export BSV's published ideal points",
        formatter_class=_FMT,
        epilog="example:\n  chainpower ideal published --out bsv.parquet",
    )
    pub.add_argument("--years", type=parse_years)
    pub.add_argument("--bsv", help="BSV CSV or folder (default: $CHAINPOWER_DATA/unga/bsv)")
    pub.add_argument("--out", help=".csv or .parquet (default: print)")
    pub.set_defaults(handler=_published)

    plot = isub.add_parser(
        "plot",
        help="trajectories with uncertainty bands",
        formatter_class=_FMT,
        epilog="example:\n  chainpower ideal plot --countries USA CHN RUS "
        "--source own --estimates ideal.parquet --out fig.png",
    )
    plot.add_argument("--countries", nargs="+", help="ISO3 codes (default USA CHN RUS GBR IND)")
    plot.add_argument("--source", choices=["published", "own"], default="published")
    plot.add_argument("--estimates", help="own estimates file (default: the store's table)")
    plot.add_argument("--bsv", help="BSV CSV or folder")
    plot.add_argument("--years", type=parse_years)
    plot.add_argument("--out", required=True, help="figure file (.png, .pdf, .svg)")
    plot.set_defaults(handler=_plot)

    tr = subparsers.add_parser(
        "trust",
        help="political trust −|θ_i − θ_ref| per year (paper 000)",
        formatter_class=_FMT,
        epilog="examples:\n"
        "  chainpower trust --reference USA --years 2018-2022 --source published --compare-paper\n"
        "  chainpower trust --reference CHN --countries VNM PHL --years 2010-2019 --source own",
    )
    tr.add_argument("--reference", default="USA")
    tr.add_argument(
        "--countries", nargs="+", help="ISO3 codes (default: the 15 economies of paper 000)"
    )
    tr.add_argument("--years", type=parse_years, help="year range, e.g. 2018-2022")
    tr.add_argument("--source", choices=["published", "own"], default="published")
    tr.add_argument("--estimates", help="own estimates file (default: the store's table)")
    tr.add_argument("--bsv", help="BSV CSV or folder")
    tr.add_argument(
        "--compare-paper",
        action="store_true",
        help="print the distance statistics next to paper 000's",
    )
    tr.add_argument("--out", help=".csv or .parquet (default: print)")
    tr.set_defaults(handler=_trust)
