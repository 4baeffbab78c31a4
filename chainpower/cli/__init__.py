"""The ``chainpower`` command line.

Each domain registers its own subcommands in a small module of this package (``cli/mrio.py``,
``cli/alignment.py`` …) through a ``register(subparsers)`` function; handlers import heavy
modules lazily so ``chainpower --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from chainpower.errors import ChainpowerError

__all__ = ["build_parser", "main"]

# Modules under chainpower.cli that contribute subcommands, in --help order.
COMMAND_MODULES: tuple[str, ...] = ("mrio", "gvc", "alignment", "alliances", "demo")

EPILOG = """examples:
  chainpower demo --out demo_output
  chainpower mrio check --wiod 2011
  chainpower gvc indicators --wiod 2011 --out gvc_2011.parquet
  chainpower votes agreement --country CHN --reference USA --years 2010-2019
  chainpower ideal estimate --years 1990-2019 --out ideal.parquet
  chainpower alliances classify --as-of 2024-06-30

Real data is read from $CHAINPOWER_DATA (default ../shared/data next to the checkout)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chainpower",
        description="Power and security in global value chains: GVC accounting on MRIO tables, "
        "political alignment from UN votes, alliances and policy instruments.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--store", help="store folder (default: user cache directory)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"chainpower.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 1
    try:
        result = handler(args)
    except ChainpowerError as exc:
        print(f"chainpower: error: {exc}", file=sys.stderr)
        return 2
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
