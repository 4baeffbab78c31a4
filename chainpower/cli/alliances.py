"""``chainpower alliances …`` and ``chainpower policies …``: the alliances and policy-instrument
knowledge base (papers 002 and 004). Handlers import the knowledge base lazily."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from chainpower.cli.commands import OptionGroup
from chainpower.cli.options import (
    CommandGroup,
    add_figure,
    add_output,
    add_selection,
    add_store,
    argtype,
    check_outputs,
    emit,
    store_result,
)

__all__ = ["register"]


def _kb(args: argparse.Namespace) -> Any:
    from chainpower.alliances.load import load_knowledge_base

    return load_knowledge_base(args.kb) if getattr(args, "kb", None) else load_knowledge_base()


def parse_date(text: str) -> str:
    """A calendar date ``YYYY-MM-DD`` (checked: ``30/06/2024`` or ``2023-02-30`` are errors)."""
    from chainpower.errors import InputError

    try:
        day = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise InputError(
            "a date must be a real calendar day written YYYY-MM-DD, e.g. 2024-06-30",
            label=repr(text),
        ) from None
    if len(str(text).strip()) != 10:
        raise InputError("a date must be written YYYY-MM-DD, e.g. 2024-06-30", label=repr(text))
    return day.isoformat()


def _emit(df: Any, args: argparse.Namespace, what: str = "result") -> None:
    emit(args, df, what=what, preview=500, empty_hint="nothing matches the filters")


def _list(args: argparse.Namespace) -> int:
    import pandas as pd

    from chainpower.alliances.dates import to_date
    from chainpower.alliances.membership import members_as_of

    check_outputs(args)
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
    _emit(pd.DataFrame(rows), args, "alliance list")
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

    check_outputs(args)
    kb = _kb(args)
    df = classify(args.as_of, kb)
    _emit(df.drop(columns=["exists"]), args, "classification")
    if not args.out:
        print()
        for (com, inst), ids in typology_table(df).items():
            names = ", ".join(kb.alliances[i].abbreviation for i in ids)
            print(f"{com:>12} / {inst:<4}: {names}")
    return 0


def _exposure(args: argparse.Namespace) -> int:
    from chainpower.alliances.exposure import PAPER_000_ECONOMIES, exposure_panel, exposure_tidy

    check_outputs(args)
    kb = _kb(args)
    countries = args.countries or list(PAPER_000_ECONOMIES)
    panel = exposure_panel(countries, args.years or list(range(2018, 2023)), kb)
    store_result(args, exposure_tidy(panel), default="alliance_exposure",
                 inputs=[f"knowledge base {args.kb or '(shipped)'}"])  # fmt: skip
    _emit(panel, args, "exposure panel")
    return 0


def _network(args: argparse.Namespace) -> int:
    from chainpower.alliances.network import centrality

    kb = _kb(args)
    check_outputs(args)
    df = centrality(args.as_of, kb, expand=not args.no_expand)
    _emit(df, args, "network table")
    if args.figure:
        from chainpower.alliances.figures import plot_bipartite

        print(f"wrote {plot_bipartite(args.figure, args.as_of, kb)}")
    return 0


def _patterns(args: argparse.Namespace) -> int:
    from chainpower.alliances.patterns import SMALL_SAMPLE_CAVEAT, pattern_tests

    check_outputs(args)
    _emit(pattern_tests(args.as_of, _kb(args)), args, "pattern tests")
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

    check_outputs(args)
    df = query_instruments(
        _kb(args),
        economy=args.economy,
        level=args.level,
        tool_type=args.type,
        domain=args.domain,
        table=args.table,
    )
    cols = ["id", "economy", "level", "tool_type", "year", "name_zh", "amount_zh", "table"]
    _emit(df if args.out else df[cols], args, "instrument list")
    return 0


def _policies_matrix(args: argparse.Namespace) -> int:
    from chainpower.alliances.instruments import instrument_matrix

    check_outputs(args)
    kb = _kb(args)
    m = instrument_matrix(kb)
    _emit(m.reset_index(), args, "instrument matrix")
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


def _kb_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kb", help="knowledge-base folder (default: the one in the package)")


def _as_of(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of",
        default="2024-06-30",
        type=argtype(parse_date, "date"),
        help="date YYYY-MM-DD (default 2024-06-30)",
    )


def _id(p: argparse.ArgumentParser) -> None:
    p.add_argument("id")


def _no_expand(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-expand", action="store_true", help="keep the EU as one node")


def _figures_folder(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="alliances_figures", metavar="FOLDER", help="folder")


def _instrument_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--economy", help="USA, JPN or EU")
    p.add_argument("--level")
    p.add_argument("--type", help="tool type")
    p.add_argument("--domain")
    p.add_argument("--table", help="表1, 表2, 表3 or 正文")


def register(subparsers: Any) -> None:
    """Add the ``alliances`` and ``policies`` command groups (each action shows its group's
    examples)."""
    kb: tuple[OptionGroup, ...] = (_kb_option,)
    dated: tuple[OptionGroup, ...] = (_kb_option, _as_of)
    alliances = CommandGroup(
        subparsers,
        "alliances",
        help="US supply-chain alliances (paper 002)",
        epilog="examples:\n"
        "  chainpower alliances classify --as-of 2024-06-30\n"
        "  chainpower alliances list --as-of 2023-01-01 --out alliances.xlsx\n"
        "  chainpower alliances exposure --countries VNM,USA,JPN --years 2018-2022 --out exp.dta\n"
        "  chainpower --store ST alliances exposure --years 2018-2022 --to-store\n"
        "  chainpower alliances network --figure network.png --out centrality.csv",
    )
    alliances.add_actions((
        ("list", _list, "list the alliances", (*dated, add_output)),
        ("show", _show, "one alliance with its evidence", (*dated, _id)),
        ("classify", _classify, "apply the coding rules as of a date (2×2 typology)",
         (*dated, add_output)),
        ("exposure", _exposure, "country-year exposure panel",
         (*kb, add_output, add_selection, add_store)),
        ("network", _network, "co-membership network centralities",
         (*dated, add_output, _no_expand, add_figure)),
        ("patterns", _patterns, "paper 002's claimed pattern: cross-tabs and Fisher exact tests",
         (*dated, add_output)),
        ("figures", _figures, "write all four figures", (*dated, _figures_folder)),
        ("validate", _validate, "load and validate every data file", kb),
    ))  # fmt: skip

    policies = CommandGroup(
        subparsers,
        "policies",
        help="US/Japan/EU policy instruments (paper 004)",
        epilog="examples:\n"
        "  chainpower policies list --economy EU --type trade_protection\n"
        "  chainpower policies matrix --figure instruments.png\n"
        "  chainpower policies show eu-crma-2024",
    )
    policies.add_actions((
        ("list", _policies_list, "instruments, filtered", (*kb, add_output, _instrument_filters)),
        ("matrix", _policies_matrix, "economy × level × tool-type counts",
         (*kb, add_output, add_figure)),
        ("show", _policies_show, "one instrument", (*kb, _id)),
    ))  # fmt: skip
