"""``chainpower store list|show|query|export|rm``: what the store holds, where it came from.

The store is picked by the global ``--store FOLDER`` (default: the user cache). Reading never
locks the store; ``rm`` takes the writer lock like any write (docs/store.md).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from typing import Any

from chainpower.cli.options import CommandGroup, add_output, emit, open_store

__all__ = ["register"]

EXAMPLES = """examples:
  chainpower --store ST store list
  chainpower --store ST store show gvc_wiod_1995_2011
  chainpower --store ST store query "select dataset, year, count(*) from indicators group by 1, 2"
  chainpower --store ST store export gvc_wiod_1995_2011 --out gvc.dta
  chainpower --store ST store export gvc_wiod_2011 --version 1 --wide --out gvc_v1.xlsx
  chainpower --store ST store rm trust_USA_own --version 2

Datasets are written only by commands given --to-store (e.g. `chainpower gvc indicators
--wiod 2011 --to-store`); each write is a new version, older ones are kept (newest 3)."""

_KIND = {"datasets": "indicators", "tables": "tables"}


def _kind(args: argparse.Namespace) -> str | None:
    return _KIND.get(args.kind) if getattr(args, "kind", None) else None


def _list(args: argparse.Namespace) -> int:
    import pandas as pd

    from chainpower.data.store import describe_coverage

    store = open_store(args, create=False)
    manifest = store.manifest()
    rows = []
    for kind in ("indicators", "tables"):
        if _kind(args) not in (None, kind):
            continue
        for name, entry in sorted(manifest[kind].items()):
            cur = next(v for v in entry["versions"] if v["version"] == entry["current"])
            rows.append(
                {
                    "name": name,
                    "kind": "dataset" if kind == "indicators" else "table",
                    "version": f"v{entry['current']}",
                    "versions": len(entry["versions"]),
                    "written": cur.get("written_at") or "",
                    "covers": describe_coverage(cur["coverage"]) if cur.get("coverage") else "",
                }
            )
    if not rows:
        print(f"store {store.root} is empty (write into it with --to-store)")
        return 0
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        print(pd.DataFrame(rows).to_string(index=False))
    return 0


def _show(args: argparse.Namespace) -> int:
    import json

    from chainpower.data.store import describe_coverage

    info = open_store(args, create=False).info(args.name, kind=_kind(args))
    what = "dataset" if info["kind"] == "indicators" else "table"
    print(f"{what} {args.name}: current v{info['current']}, {len(info['versions'])} version(s)")
    for v in reversed(info["versions"]):
        mark = "*" if v["version"] == info["current"] else " "
        cov = describe_coverage(v["coverage"]) if v.get("coverage") else "(not measured)"
        state = v["file"] or f"pruned {v.get('pruned_at')}"
        print(f" {mark} v{v['version']}  {v.get('written_at') or '(legacy)'}  {cov}")
        print(f"      file: {state}; sha256 {str(v.get('sha256'))[:16]}…")
        if v.get("replaced") is not None:
            print(f"      replaced v{v['replaced']}")
        prov = v.get("provenance") or {}
        for key in ("command", "inputs", "derived_from", "run"):
            if key in prov:
                print(f"      {key}: {json.dumps(prov[key], default=str)}")
    cur = next(v for v in info["versions"] if v["version"] == info["current"])
    current_cov: dict[str, Any] = cur.get("coverage") or {}
    for key in ("years", "countries", "sectors", "indicators", "columns"):
        if current_cov.get(key):
            labels = current_cov[key]
            shown = ", ".join(str(x) for x in labels[:20])
            more = f" … ({len(labels)})" if len(labels) > 20 else ""
            print(f"  {key}: {shown}{more}")
    return 0


def _query(args: argparse.Namespace) -> int:
    df = open_store(args, create=False).query(args.sql)
    emit(args, df, what="query result", preview=args.limit, empty_hint="no rows match")
    return 0


def _export(args: argparse.Namespace) -> int:
    store = open_store(args, create=False)
    kind = _kind(args) or store.info(args.name)["kind"]
    if kind == "tables":
        if args.wide:
            from chainpower.errors import InputError

            raise InputError("--wide applies to indicator datasets, not tables", label=args.name)
        df = store.read_table(args.name, version=args.version)
    else:
        df = store.read_indicators(args.name, version=args.version)
    emit(args, df, what=f"{args.name}", empty_hint="the stored version has no rows")
    return 0


def _rm(args: argparse.Namespace) -> int:
    print(open_store(args, create=False).remove(args.name, kind=_kind(args), version=args.version))
    return 0


def _check_out_first(handler: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        from chainpower.cli.options import check_outputs

        check_outputs(args)
        return int(handler(args))

    return run


def _kind_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", choices=("datasets", "tables"), help="only datasets or tables")


def _name(p: argparse.ArgumentParser) -> None:
    p.add_argument("name")


def _version(help_text: str) -> Callable[[argparse.ArgumentParser], None]:
    def add(p: argparse.ArgumentParser) -> None:
        p.add_argument("--version", type=int, help=help_text)

    return add


def _query_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("sql")
    p.add_argument("--limit", type=int, default=40, help="rows printed without --out")


def register(subparsers: Any) -> None:
    """Add ``store list|show|query|export|rm``."""
    group = CommandGroup.of_module(
        subparsers, __name__, help="list, inspect, query, export and remove stored datasets"
    )
    group.add_actions((
        ("list", _list, "every dataset and table with its current version", (_kind_option,)),
        ("show", _show, "versions, coverage and provenance of one dataset", (_name, _kind_option)),
        ("query", _check_out_first(_query), "SQL over the views (one per dataset, and "
         "indicators)", (_query_options, add_output)),
        ("export", _check_out_first(_export), "write one dataset (any version) to a file",
         (_name, _version("version number (default: the current one)"), _kind_option,
          partial(add_output, required=True, wide=True))),
        ("rm", _rm, "remove a dataset (or one version of it)",
         (_name, _version("remove only this version"), _kind_option)),
    ))  # fmt: skip
