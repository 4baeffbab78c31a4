"""``chainpower interdependence``: paper 001's China–US interdependence index, for each side."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]

EXAMPLES = """examples:
  chainpower interdependence --years 1995-2021
  chainpower interdependence --years 2001-2011 --normalisation zscore --out index.csv
  chainpower interdependence --years 2015-2019 --tariffs naics --technology naics --trade census
  chainpower interdependence --years 2001-2017 --components trade,investment --weights 0.5,0.5
  chainpower interdependence --years 2001-2011 --normalisation reference --reference-year 2001
  chainpower interdependence --years 1995-2021 --missing refuse

Components (docs/networks.md): trade = bilateral goods trade / GDP; investment = US FDI in
China / China's FDI inflow (no source for the US side: listed as missing); liberalisation =
1 − tariff on the other's high-tech goods; technology = Grubel-Lloyd of machinery and
electrical equipment. Every missing input is printed; none is filled."""


def register(subparsers: Any) -> None:
    """Add ``interdependence``."""
    from chainpower.cli.options import (
        add_command,
        add_figure,
        add_output,
        add_selection,
        add_store,
    )

    p = add_command(
        subparsers, "interdependence", _run,
        help="the China-US interdependence index (paper 001), each side",
        description=__doc__, epilog=EXAMPLES)
    add_selection(p, countries=False)
    g = p.add_argument_group("index")
    g.add_argument("--components", help="comma list (default trade,investment,liberalisation,"
                   "technology)")
    g.add_argument("--weights", help="comma list in the order of --components "
                   "(default 0.4,0.3,0.2,0.1)")
    g.add_argument("--normalisation", choices=("minmax", "zscore", "reference", "raw"),
                   default="minmax", help="default minmax (over the years, both sides pooled)")
    g.add_argument("--reference-year", type=int, help="with --normalisation reference")
    g.add_argument("--per-side", action="store_true",
                   help="normalise each side over its own years (default: pooled)")
    g.add_argument("--missing", choices=("reweight", "complete", "refuse"), default="reweight",
                   help="reweight over present components (default), keep complete years, "
                   "or refuse")
    g = p.add_argument_group("inputs")
    g.add_argument("--trade", choices=("wits", "census", "comtrade"), default="wits")
    g.add_argument("--trade-reporter", choices=("CHN", "USA"))
    g.add_argument("--tariffs", choices=("wits", "naics", "hs6", "bown"), default="wits")
    g.add_argument("--fdi", choices=("position_change", "position"), default="position_change")
    g.add_argument("--technology", choices=("wiod", "naics"), default="wiod")
    p.add_argument("--changes", action="store_true",
                   help="write the decomposition of each year's change instead of the index")
    add_output(p)
    add_store(p)
    add_figure(p)


def _run(args: argparse.Namespace) -> int:
    from chainpower.cli.options import check_outputs, emit, parse_list, store_result
    from chainpower.errors import InputError
    from chainpower.output import write
    from chainpower.trade.china_us_index import china_us_index
    from chainpower.trade.interdependence import COMPONENTS, DEFAULT_WEIGHTS

    check_outputs(args)
    if not args.years:
        raise InputError("give --years, e.g. --years 1995-2021")
    comps = [c.lower() for c in parse_list(args.components) or []] if args.components else list(
        COMPONENTS)
    if args.weights:
        try:
            vals = [float(v) for v in parse_list(args.weights) or []]
        except ValueError:
            raise InputError("--weights must be numbers", label=args.weights) from None
        if len(vals) != len(comps):
            raise InputError(f"{len(vals)} weights for {len(comps)} components",
                             label="--weights")
        weights = dict(zip(comps, vals, strict=False))
    else:
        weights = {c: DEFAULT_WEIGHTS[c] for c in comps if c in DEFAULT_WEIGHTS}
    res = china_us_index(
        args.years, weights=weights, components=comps, normalisation=args.normalisation,
        reference_year=args.reference_year, missing=args.missing,
        pool_sides=not args.per_side, trade_source=args.trade,
        trade_reporter=args.trade_reporter, tariff_source=args.tariffs, fdi=args.fdi,
        technology=args.technology)
    print(repr(res))
    if len(res.missing):
        grouped = res.missing.groupby(["side", "component", "reason"])["year"]
        print("missing inputs (not filled):")
        for (side, comp, reason), years in grouped:
            ys = sorted(years)
            print(f"  {side} {comp}: {len(ys)} year(s) {_span(ys)} — {reason}")
    if args.figure:
        print(f"written: {write(res.plot(), args.figure)}")
    ys = args.years
    store_result(args, res.to_frame(), default=f"interdep_chn_usa_{ys[0]}_{ys[-1]}")
    if args.out:
        emit(args, res.changes if args.changes else res.to_frame(), what="index")
    else:
        print((res.changes if args.changes else res.summary.reset_index()).to_string(
            index=False, float_format=lambda v: f"{v:.4f}"))
    return 0


def _span(years: list[int]) -> str:
    parts, start = [], years[0]
    for a, b in zip(years, [*years[1:], None], strict=False):
        if b != a + 1:
            parts.append(str(start) if start == a else f"{start}–{a}")
            start = b if b is not None else a
    return ", ".join(parts)
