"""The ``chainpower`` command line.

Each domain registers its own subcommands in a small module of this package (``cli/mrio.py``,
``cli/alignment.py`` …) through a ``register(subparsers)`` function; handlers import heavy
modules lazily so ``chainpower --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from chainpower.errors import ChainpowerError

__all__ = ["build_parser", "main", "run"]

# Modules under chainpower.cli that contribute subcommands, in --help order.
COMMAND_MODULES: tuple[str, ...] = (
    "mrio",
    "gvc",
    "alignment",
    "alliances",
    "demo",
    "dependencies",
    "store",
    "study",
    "scenario",
    "network",
    "interdependence",
)

EPILOG = """examples:
  chainpower demo --out demo_output
  chainpower study run spec.toml --report study_report --out coefficients.csv
  chainpower mrio check --wiod 2011
  chainpower gvc indicators --wiod 2011 --out gvc_2011.parquet
  chainpower votes agreement --countries CHN --reference USA --years 2010-2019
  chainpower ideal estimate --years 1990-2019 --out ideal.parquet
  chainpower alliances classify --as-of 2024-06-30
  chainpower --store ST gvc indicators --wiod 2011 --to-store
  chainpower --store ST store list
  chainpower dependencies minerals --materials gallium,nd_pr,dy_tb --out crma.csv
  chainpower scenario run friendshoring.toml --wiod 2011 --out scenarios.parquet
  chainpower network hubs --wiod 1995,2011 --rule largest_partner --out hubs.csv
  chainpower interdependence --years 1995-2021 --out interdependence.csv

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
    parser.add_argument("--version", action="version", version=f"chainpower {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"chainpower.cli.{name}")
        module.register(sub)
    return parser


def run(argv: Sequence[str]) -> int:
    """Parse ``argv`` and run its command; unlike :func:`main`, a :class:`ChainpowerError`
    propagates (for callers and tests that want the exception itself)."""
    parser = build_parser()
    argv = list(argv)
    args = parser.parse_args(argv)
    args.argv = argv  # recorded as provenance of anything written to the store
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 1
    return int(handler(args) or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``chainpower`` command: :func:`run`, with errors as one line and an exit status."""
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except ChainpowerError as exc:
        print(f"chainpower: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # Every file output and store write is atomic (temporary file + rename), so an
        # interrupt leaves the previous state: say so in one line, no traceback.
        print("chainpower: interrupted; nothing partial was written", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `chainpower store query … | head`
        with contextlib.suppress(OSError, ValueError):  # no second error at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _version() -> str:
    from chainpower import __version__

    return __version__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
