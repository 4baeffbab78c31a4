"""``chainpower alliances …`` and ``chainpower policies …``: the alliances and policy-instrument
knowledge base (papers 002 and 004). Handlers import the knowledge base lazily."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

__all__ = ["register"]


def _kb(args: argparse.Namespace) -> Any:
    from chainpower.alliances.load import load_knowledge_base

    return load_knowledge_base(args.kb) if getattr(args, "kb", None) else load_knowledge_base()


def _years(text: str) -> list[int]:
    from chainpower.errors import InputError

    try:
        if "-" in text:
            a, b = text.split("-", 1)
            return list(range(int(a), int(b) + 1))
        return [int(y) for y in text.split(",")]
    except ValueError:
        raise InputError(
            f"bad --years {text!r} (use 2018-2022 or 2018,2020)", label="--years"
        ) from None


def _emit(df: Any, out: str | None) -> None:
    import pandas as pd

    if out:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".parquet":
            df.to_parquet(path, index=False)
        else:
            df.to_csv(path, index=False)
        print(f"wrote {path} ({len(df)} rows)")
    else:
        with pd.option_context(
            "display.max_rows",
            500,
            "display.width",
            200,
            "display.max_columns",
            30,
            "display.max_colwidth",
            60,
        ):
            print(df.to_string(index=False))


def _list(args: argparse.Namespace) -> int:
    import pandas as pd

    from chainpower.alliances.dates import to_date
    from chainpower.alliances.membership import members_as_of

    kb = _kb(args)
    day = to_date(args.as_of)
    rows = [
        {
            "id": a.id,
            "abbreviation": a.abbreviation,
            "name_zh": a.name_zh,
            "region": a.region,
            "founded": str(a.founded),
            "table1_date": str(a.table1_date or ""),
            "members": len(members_as_of(a, args.as_of, kb, expand=False))
            if a.founded.latest <= day
            else 0,
            "evidence": len(a.evidence),
            "domains": ",".join(a.domains),
        }
        for a in kb.alliances.values()
    ]
    _emit(pd.DataFrame(rows), args.out)
    return 0


def _show(args: argparse.Namespace) -> int:
    from chainpower.alliances.membership import members_as_of
    from chainpower.alliances.rules import classify_alliance

    kb = _kb(args)
    a = kb.alliance(args.id)
    row = classify_alliance(a, args.as_of)
    print(f"{a.abbreviation} — {a.name_zh} / {a.name_en}")
    print(f"region {a.region}; founded {a.founded}; table-1 date {a.table1_date}")
    print(f"domains: {', '.join(a.domains)}  (paper: {a.domains_zh})")
    print(
        f"members as of {args.as_of}: "
        f"{', '.join(sorted(members_as_of(a, args.as_of, kb, expand=False)))}"
    )
    print(
        f"as of {args.as_of}: commitment {row['commitment']}, institutionalisation "
        f"{row['institutionalisation']}"
    )
    print(f"source: paper {a.source.paper}, {a.source.document}")
    print("evidence:")
    for ev in sorted(a.evidence, key=lambda e: e.date.earliest):
        note = f" {ev.source.note}" if ev.source.note else ""
        print(f"  {ev.date!s:>12}  {ev.kind:<11} {ev.type:<30} {ev.id}")
        print(f"                {ev.summary_zh[:90]}")
        print(f"                source: paper {ev.source.paper}{note}, {ev.source.document}")
    for n in a.notes:
        print(f"note: {n}")
    return 0


def _classify(args: argparse.Namespace) -> int:
    from chainpower.alliances.rules import classify, typology_table

    kb = _kb(args)
    df = classify(args.as_of, kb)
    _emit(df.drop(columns=["exists"]), args.out)
    if not args.out:
        print()
        for (com, inst), ids in typology_table(df).items():
            names = ", ".join(kb.alliances[i].abbreviation for i in ids)
            print(f"{com:>12} / {inst:<4}: {names}")
    return 0


def _exposure(args: argparse.Namespace) -> int:
    from chainpower.alliances.exposure import PAPER_000_ECONOMIES, exposure_panel, exposure_tidy

    kb = _kb(args)
    countries = args.countries.split(",") if args.countries else list(PAPER_000_ECONOMIES)
    panel = exposure_panel(countries, _years(args.years), kb)
    if args.to_store:
        from chainpower.data.store import Store

        path = Store(args.store).write_indicators(exposure_tidy(panel), dataset="alliance_exposure")
        print(f"wrote {path}")
    _emit(panel, args.out)
    return 0


def _network(args: argparse.Namespace) -> int:
    from chainpower.alliances.network import centrality

    kb = _kb(args)
    df = centrality(args.as_of, kb, expand=not args.no_expand)
    _emit(df, args.out)
    if args.figure:
        from chainpower.alliances.figures import plot_bipartite

        print(f"wrote {plot_bipartite(args.figure, args.as_of, kb)}")
    return 0


def _patterns(args: argparse.Namespace) -> int:
    from chainpower.alliances.patterns import SMALL_SAMPLE_CAVEAT, pattern_tests

    _emit(pattern_tests(args.as_of, _kb(args)), args.out)
    print(f"caveat: {SMALL_SAMPLE_CAVEAT}")
    return 0


def _figures(args: argparse.Namespace) -> int:
    from chainpower.alliances.figures import plot_all

    for p in plot_all(args.out, args.as_of, _kb(args)):
        print(f"wrote {p}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from chainpower.alliances.load import load_knowledge_base

    kb = load_knowledge_base(args.kb, cache=False) if args.kb else load_knowledge_base(cache=False)
    n_ev = sum(len(a.evidence) for a in kb.alliances.values())
    print(
        f"ok: {len(kb.alliances)} alliances, {n_ev} evidence items, "
        f"{len(kb.instruments)} instruments, {len(kb.ideologies)} ideologies"
    )
    return 0


def _policies_list(args: argparse.Namespace) -> int:
    from chainpower.alliances.instruments import query_instruments

    df = query_instruments(
        _kb(args),
        economy=args.economy,
        level=args.level,
        tool_type=args.type,
        domain=args.domain,
        table=args.table,
    )
    cols = ["id", "economy", "level", "tool_type", "year", "name_zh", "amount_zh", "table"]
    _emit(df if args.out else df[cols], args.out)
    return 0


def _policies_matrix(args: argparse.Namespace) -> int:
    from chainpower.alliances.instruments import instrument_matrix

    kb = _kb(args)
    m = instrument_matrix(kb)
    _emit(m.reset_index(), args.out)
    if args.figure:
        from chainpower.alliances.figures import plot_instrument_heatmap

        print(f"wrote {plot_instrument_heatmap(args.figure, kb)}")
    if not args.out:
        for eco, ideo in _kb(args).ideologies.items():
            print(f"{eco}: {ideo.name_zh}")
    return 0


def _policies_show(args: argparse.Namespace) -> int:
    i = _kb(args).instrument(args.id)
    for key, value in i.model_dump(mode="json").items():
        if value not in (None, [], ""):
            print(f"{key}: {value}")
    return 0


def register(subparsers: Any) -> None:
    """Add the ``alliances`` and ``policies`` command groups."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--kb", help="knowledge-base folder (default: the one in the package)")
    asof = argparse.ArgumentParser(add_help=False)
    asof.add_argument("--as-of", default="2024-06-30", help="date YYYY-MM-DD (default 2024-06-30)")
    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("--out", help="write a CSV (or .parquet) instead of printing")

    p = subparsers.add_parser("alliances", help="US supply-chain alliances (paper 002)")
    sub = p.add_subparsers(dest="alliances_command", metavar="ACTION")
    s = sub.add_parser("list", parents=[common, asof, out], help="list the alliances")
    s.set_defaults(handler=_list)
    s = sub.add_parser("show", parents=[common, asof], help="one alliance with its evidence")
    s.add_argument("id")
    s.set_defaults(handler=_show)
    s = sub.add_parser(
        "classify",
        parents=[common, asof, out],
        help="apply the coding rules as of a date (2×2 typology)",
    )
    s.set_defaults(handler=_classify)
    s = sub.add_parser("exposure", parents=[common, out], help="country-year exposure panel")
    s.add_argument("--countries", help="comma-separated ISO3 (default: paper 000's 15)")
    s.add_argument("--years", default="2018-2022")
    s.add_argument(
        "--to-store",
        action="store_true",
        help="also write tidy indicators (dataset alliance_exposure) to the store",
    )
    s.set_defaults(handler=_exposure)
    s = sub.add_parser(
        "network", parents=[common, asof, out], help="co-membership network centralities"
    )
    s.add_argument("--no-expand", action="store_true", help="keep the EU as one node")
    s.add_argument("--figure", help="also draw the bipartite graph to this PNG")
    s.set_defaults(handler=_network)
    s = sub.add_parser(
        "patterns",
        parents=[common, asof, out],
        help="paper 002's claimed pattern: cross-tabs and Fisher exact tests",
    )
    s.set_defaults(handler=_patterns)
    s = sub.add_parser("figures", parents=[common, asof], help="write all four figures")
    s.add_argument("--out", default="alliances_figures", help="folder")
    s.set_defaults(handler=_figures)
    s = sub.add_parser("validate", parents=[common], help="load and validate every data file")
    s.set_defaults(handler=_validate)

    p = subparsers.add_parser("policies", help="US/Japan/EU policy instruments (paper 004)")
    sub = p.add_subparsers(dest="policies_command", metavar="ACTION")
    s = sub.add_parser("list", parents=[common, out], help="instruments, filtered")
    s.add_argument("--economy", help="USA, JPN or EU")
    s.add_argument("--level")
    s.add_argument("--type", help="tool type")
    s.add_argument("--domain")
    s.add_argument("--table", help="表1, 表2, 表3 or 正文")
    s.set_defaults(handler=_policies_list)
    s = sub.add_parser("matrix", parents=[common, out], help="economy × level × tool-type counts")
    s.add_argument("--figure", help="also draw the heatmap to this PNG")
    s.set_defaults(handler=_policies_matrix)
    s = sub.add_parser("show", parents=[common], help="one instrument")
    s.add_argument("id")
    s.set_defaults(handler=_policies_show)
