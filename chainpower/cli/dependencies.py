"""``chainpower dependencies screen|minerals|friendshoring``: strategic dependencies (issue 10).

Formulas and sources: docs/dependencies.md; the engine is :mod:`chainpower.trade.screens`.
"""

from __future__ import annotations

import argparse
from functools import partial
from typing import Any

from chainpower.cli.options import (
    CommandGroup,
    add_figure,
    add_output,
    add_selection,
    add_store,
    check_outputs,
    parse_list,
)

__all__ = ["register"]

EXAMPLES = """examples:
  chainpower dependencies screen --baci BACI_HS17_Y2022_V202401.csv \
      --country-codes country_codes_V202401.csv --importer EU27 --rules eu2021 --out dep.csv
  chainpower dependencies screen --baci-extract FILE --years 2024 --figure suppliers.png
  chainpower dependencies screen --baci-extract FILE --importer USA --rules mine.yaml --to-store
  chainpower dependencies minerals --materials gallium,nd_pr,dy_tb --out crma.csv --figure crma.png
  chainpower dependencies friendshoring --baci-extract FILE --importer USA \
      --friends-alliance msp --years 2022,2024 --out friends.csv

importers: an ISO3 code, EU (membership as of each year), EU27, EU28, G7, ASEAN, EFTA, USMCA.
rules: eu2021 | geodep | a YAML/TOML rule file (schema in docs/dependencies.md)."""


def _add_flows(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("trade data (one of)")
    x = g.add_mutually_exclusive_group(required=True)
    x.add_argument("--baci", metavar="FILE", help="a BACI year file (t,i,j,k,v,q; CSV or Parquet)")
    x.add_argument("--baci-extract", metavar="FILE", help="a stored BACI extract with ISO3 columns")
    x.add_argument("--comext", metavar="FILE", help="a Eurostat Comext extract (CN8; EUR)")
    x.add_argument("--comtrade", metavar="FILE", help="a UN Comtrade download (importers' side)")
    g.add_argument(
        "--country-codes", metavar="FILE", help="BACI country-code file (BACI, Comtrade)"
    )
    g.add_argument(
        "--hs-vintage", metavar="HS17", help="HS vintage of the products (default: file name)"
    )
    g.add_argument("--hs6", action="store_true", help="aggregate CN8 products to HS6 first")


def _flows(args: argparse.Namespace) -> Any:
    from chainpower.trade.flows import load_flows

    for fmt, attr in (
        ("baci", "baci"),
        ("baci_extract", "baci_extract"),
        ("comext", "comext"),
        ("comtrade", "comtrade"),
    ):
        path = getattr(args, attr)
        if path:
            flows = load_flows(
                path,
                format=fmt,  # type: ignore[arg-type]
                country_codes=args.country_codes,
                hs_vintage=args.hs_vintage,
            )
            return flows.to_hs6() if args.hs6 else flows
    raise AssertionError("argparse requires one source")


def _store(args: argparse.Namespace, frame: Any, default: str, meta: dict[str, Any]) -> None:
    if getattr(args, "to_store", None) is None:
        return
    from chainpower.data.store import Store

    name = args.to_store or default
    path = Store(args.store).write_table(name, frame)
    print(f"stored: {name} ({len(frame):,} rows) at {path}")


def _finish(args: argparse.Namespace, result: Any, table: Any, default_name: str) -> int:
    from chainpower.output import write

    if args.out:
        write(table, args.out, meta=result.meta)
        print(f"written: {args.out} ({len(table):,} rows)")
    if getattr(args, "figure", None):
        result.plot(path=args.figure)
        print(f"written: {args.figure}")
    _store(args, result.to_frame(), default_name, result.meta)
    if not args.out:
        print(repr(result))
        print(result.summary.to_string())
    return 0


def _screen(args: argparse.Namespace) -> int:
    from chainpower.trade.screens import screen_dependencies

    check_outputs(args)
    flows = _flows(args)
    res = screen_dependencies(flows, args.importer, rules=args.rules, years=args.years)
    table = {
        "dependent": res.dependent,
        "cells": res.cells,
        "suppliers": res.supplier_shares(),
        "long": res.to_frame(),
    }[args.table]
    if not args.out:
        print(res.dependent.head(20).to_string())
        print(res.supplier_shares().head(10).to_string())
    ys = str(res.years[0]) if len(res.years) == 1 else f"{res.years[0]}_{res.years[-1]}"
    return _finish(args, res, table, f"screen_{res.source}_{res.rules.name}_{ys}")


def _minerals(args: argparse.Namespace) -> int:
    from chainpower.trade.minerals import crma_from_data

    check_outputs(args)
    res = crma_from_data(
        year=args.year,
        usgs_release=args.usgs_release,
        usgs_year=args.usgs_year,
        materials=parse_list(args.materials),
    )
    return _finish(args, res, res.check, f"crma_{args.year}")


def _friends(args: argparse.Namespace, years: list[int]) -> Any:
    from chainpower.errors import InputError

    given = [bool(args.friends), bool(args.friends_alliance), args.friends_trust is not None]
    if sum(given) != 1:
        raise InputError("give exactly one of --friends, --friends-alliance, --friends-trust")
    if args.friends:
        return [c.upper() for c in parse_list(args.friends) or []]
    if args.friends_alliance:
        from chainpower.alliances import load_knowledge_base
        from chainpower.alliances.membership import members_as_of

        kb = load_knowledge_base()
        if args.friends_alliance not in kb.alliances:
            raise InputError(
                f"unknown alliance; use one of {', '.join(kb.alliances)}",
                label=args.friends_alliance,
            )
        a = kb.alliances[args.friends_alliance]
        return {y: members_as_of(a, f"{y}-12-31", kb) for y in years}
    from chainpower.alignment import trust

    t = trust("published", reference=args.reference, years=(min(years), max(years)))
    t = t[t["trust"] >= args.friends_trust]
    return {y: set(t.loc[t["year"] == y, "iso3"]) | {args.reference} for y in years}


def _friendshoring(args: argparse.Namespace) -> int:
    from chainpower.trade.friendshoring import compute_friendshoring

    check_outputs(args)
    flows = _flows(args)
    years = args.years or flows.years
    groups = None
    if args.product_groups == "sector":
        from chainpower.data.hs import hs_to_sector

        groups = hs_to_sector(
            flows.products, args.hs_vintage or flows.hs_vintage or "HS17"
        ).to_dict()
    elif args.product_groups == "hs4":
        groups = {p: p[:4] for p in flows.products}
    res = compute_friendshoring(
        flows, args.importer, _friends(args, years), years=years, product_groups=groups
    )
    return _finish(args, res, res.shares, f"friendshoring_{args.importer.lower()}")


def _screen_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--importer", default="EU27", help="ISO3 code or group (default EU27)")
    p.add_argument("--rules", default="eu2021", help="eu2021 (default), geodep or a rule file")
    p.add_argument(
        "--table",
        choices=("dependent", "cells", "suppliers", "long"),
        default="dependent",
        help="what --out receives (default: the dependent products)",
    )


def _minerals_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=int, default=2024, help="Comext import year (default 2024)")
    p.add_argument("--usgs-release", type=int, default=2024, help="MCS release (default 2024)")
    p.add_argument("--usgs-year", type=int, default=2023, help="USGS data year (default 2023)")
    p.add_argument("--materials", help="comma list, e.g. gallium,nd_pr,dy_tb (default: all)")


def _friendshoring_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--importer", required=True, help="ISO3 code or group")
    p.add_argument("--friends", metavar="ISO3[,…]", help="a fixed list of friends")
    p.add_argument(
        "--friends-alliance", metavar="ID", help="members of an alliance as of 31 Dec of each year"
    )
    p.add_argument(
        "--friends-trust",
        type=float,
        metavar="T",
        help="countries whose published trust with --reference is ≥ T (trust = −ideal-point "
        "distance, ≤ 0; e.g. --friends-trust=-1.5)",
    )
    p.add_argument("--reference", default="USA", help="reference of --friends-trust (default USA)")
    p.add_argument(
        "--product-groups",
        choices=("all", "hs4", "sector"),
        default="all",
        help="group products: all (default), by HS4 heading or by WIOD sector",
    )


def register(subparsers: Any) -> None:
    """Add ``dependencies screen|minerals|friendshoring``."""
    years = partial(add_selection, countries=False, years=True)
    results = (add_output, add_figure, add_store)
    group = CommandGroup(
        subparsers,
        "dependencies",
        help="dependency screens, CRMA 65 %% check, friend-shoring",
        description=__doc__,
        epilog=EXAMPLES,
    )
    group.add_actions((
        ("screen", _screen,
         "screen imported products for dependencies (EU 2021, GeoDep, own rules)",
         (_add_flows, _screen_options, years, *results),
         "Dependency screen of one importer (docs/dependencies.md)."),
        ("minerals", _minerals, "CRMA 65 %% check per material and stage on the real data",
         (_minerals_options, *results), "CRMA Art. 5(1)(d) check (Reg. (EU) 2024/1252)."),
        ("friendshoring", _friendshoring, "share of an importer's supply from friends over time",
         (_add_flows, _friendshoring_options, years, *results),
         "Friend-shoring shares (docs/dependencies.md)."),
    ))  # fmt: skip
