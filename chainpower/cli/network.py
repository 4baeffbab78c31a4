"""``chainpower network build|hubs|plot``: value-added trade networks, hubs and their figures."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]

EXAMPLES = """examples:
  chainpower network build --wiod 1995-2011 --out va_networks.parquet
  chainpower network build --wiod 2011 --rule top_k --k 3 --to-store
  chainpower network hubs --wiod 1995,2011 --rule largest_partner --out hubs.csv
  chainpower network hubs --wiod 1995,2011 --sensitivity --measure out_strength
  chainpower network hubs --wiod 1995,2011 --region CHN,JPN,KOR,TWN,IND,IDN,AUS
  chainpower network plot --wiod 1995,2011 --figure networks.png --html networks.html
  chainpower network plot --wiod 1995-2011 --hub-shift --figure hub_shift.png

Flows are the bilateral WWYZ (2017a) value-added trade of three types (traditional, simple
GVC, complex GVC; docs/networks.md); --min-flow is in table units (USD million for WIOD, so
500 = the World Development Report 2020's USD 0.5 bn)."""


def _add_network_options(p: argparse.ArgumentParser) -> None:
    from chainpower.cli.options import add_run, add_selection, add_table_source

    add_table_source(p)
    add_selection(p, years=False)
    g = p.add_argument_group("network")
    g.add_argument("--rule", default="threshold",
                   choices=("all", "threshold", "top_k", "share", "largest_partner"),
                   help="edge rule (default threshold)")
    g.add_argument("--min-flow", type=float, default=500.0,
                   help="threshold in table units (default 500 = USD 0.5 bn in WIOD)")
    g.add_argument("--k", type=int, default=3, help="with --rule top_k (default 3)")
    g.add_argument("--min-share", type=float, default=0.05,
                   help="with --rule share: fraction of the node's flows (default 0.05)")
    g.add_argument("--side", choices=("in", "out"), default="in",
                   help="rank each node's sources (in, default) or destinations (out)")
    g.add_argument("--complex-rule", choices=("direct_importer", "final_absorber"),
                   default="direct_importer", help="complex-GVC partner (default direct_importer)")
    g.add_argument("--keep-row", action="store_true",
                   help="keep the rest-of-world node (dropped by default)")
    add_run(p, seed=False, jobs=False)


def _hubs_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--measure", default="n_supplied",
                   help="ranking measure for --sensitivity (default n_supplied)")
    p.add_argument("--sensitivity", action="store_true",
                   help="rank of each economy under every edge rule instead of the scores")
    p.add_argument("--region", type=lambda s: [c.strip().upper() for c in s.split(",")],
                   metavar="ISO3,…", help="supply hubs inside this region, under every rule")


def _plot_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--show-years", metavar="Y1,Y2", help="years drawn (default first,last)")
    p.add_argument("--hub-shift", action="store_true", help="rank of the supply hubs over time")
    p.add_argument("--html", metavar="FILE", help="also write an interactive HTML page")


def register(subparsers: Any) -> None:
    """Add ``network build|hubs|plot``."""
    from chainpower.cli.options import CommandGroup, add_figure, add_output, add_store

    group = CommandGroup(subparsers, "network", help="value-added trade networks and their hubs",
                         description=__doc__, epilog=EXAMPLES)
    group.add("build", _build, help="the kept edges of every network, tidy",
              description="Bilateral value-added flows and the edges each rule keeps.",
              options=(_add_network_options, add_output, add_store))
    group.add("hubs", _hubs, help="supply/demand hubs and centralities",
              description="Hub measures per economy, year and trade type.",
              options=(_add_network_options, _hubs_options, add_output, add_store))
    group.add("plot", _plot, help="network figures (PNG/PDF/SVG) and interactive HTML",
              description="The three networks for two years, or the hub shift.",
              options=(_add_network_options, _plot_options, add_figure))


def _networks(args: argparse.Namespace) -> Any:
    import os

    from chainpower.cli.options import iter_tables
    from chainpower.errors import InputError
    from chainpower.trade.networks import EdgeRule, value_added_networks

    if getattr(args, "quiet", False):
        os.environ["CHAINPOWER_QUIET"] = "1"
    rule = EdgeRule(args.rule, args.min_flow, args.k, args.min_share, args.side)
    drop: tuple[str, ...] = () if args.keep_row else ("RoW", "ROW")
    nets = value_added_networks(iter_tables(args), rule=rule, drop=drop,
                                complex_rule=args.complex_rule)
    if args.countries:
        missing = [c for c in args.countries if c not in nets.countries]
        if missing:
            raise InputError(f"economies not in the table: {', '.join(missing)}",
                             label="--countries")
    return nets


def _default_name(nets: Any, what: str) -> str:
    ys = nets.years
    src = (nets.source or "table").lower().replace(" ", "_")
    return f"{what}_{src}_{ys[0]}_{ys[-1]}"


def _build(args: argparse.Namespace) -> int:
    from chainpower.cli.options import check_outputs, emit, select_rows, store_result

    check_outputs(args)
    nets = _networks(args)
    df = select_rows(nets.to_frame(), countries=args.countries)
    store_result(args, df, default=_default_name(nets, "vanet"))
    emit(args, df, what="network edges", empty_hint="no flow passes the edge rule")
    return 0


def _hubs(args: argparse.Namespace) -> int:
    from chainpower.cli.options import check_outputs, emit, select_rows, store_result
    from chainpower.trade.hubs import hub_sensitivity, regional_hubs

    check_outputs(args)
    if args.to_store is not None and (args.sensitivity or args.region):
        from chainpower.errors import InputError

        raise InputError("--to-store stores hub scores only (not --sensitivity/--region)")
    nets = _networks(args)
    if args.region:
        emit(args, regional_hubs(nets, args.region), what="regional hubs", preview=40)
        return 0
    if args.sensitivity:
        table = hub_sensitivity(nets, measure=args.measure).reset_index()
        emit(args, table, what="sensitivity table", preview=40)
        return 0
    res = nets.hubs()
    for note in res.notes:
        print(f"note: {note}")
    print(res.summary.to_string(index=False))
    df = select_rows(res.to_frame(), countries=args.countries)
    store_result(args, df, default=_default_name(nets, "hubs"))
    emit(args, df, what="hub scores")
    return 0


def _plot(args: argparse.Namespace) -> int:
    from chainpower.cli.options import check_outputs, parse_years
    from chainpower.errors import InputError
    from chainpower.output import check_output, write, write_text

    check_outputs(args)
    if not args.figure and not args.html:
        raise InputError("give --figure FILE and/or --html FILE")
    if args.html:
        check_output(args.html, "text")
    nets = _networks(args)
    shown = parse_years(args.show_years) if args.show_years else None
    if args.figure:
        if args.hub_shift:
            fig = nets.plot("hub_shift", countries=args.countries)
        else:
            fig = nets.plot(years=shown)
        print(f"written: {write(fig, args.figure)}")
    if args.html:
        from chainpower.trade.network_figures import network_html

        print(f"written: {write_text(network_html(nets, years=shown), args.html)}")
    return 0
