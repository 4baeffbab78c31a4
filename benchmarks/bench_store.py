"""Benchmark: what crash safety and versioning cost in the store (issue 12).

Writes and reads one tidy indicator dataset of ``--rows`` rows (default 1,000,000: about a WIOD
1995–2011 panel of sector-level indicators) through :class:`chainpower.data.store.Store` and,
as the peer, through a bare ``DataFrame.to_parquet`` / ``pd.read_parquet`` of the same frame.
Prints seconds and the ratio store / peer for: commit (validation, Parquet, sha256, fsyncs,
manifest), reading one dataset, a ``group by`` over the ``indicators`` view (in-memory DuckDB
over the manifest's files) against DuckDB on the bare file, and listing datasets.

Run: ``.venv/bin/python benchmarks/bench_store.py [--rows 1000000]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.store import Store


def _frame(rows: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "source": "bench",
            "year": rng.integers(1995, 2012, rows),
            "country": rng.choice([f"C{i:02d}" for i in range(40)], rows),
            "sector": rng.choice([f"c{i}" for i in range(1, 36)], rows),
            "partner": None,
            "indicator": rng.choice([f"ind_{i}" for i in range(50)], rows),
            "value": rng.random(rows),
        }
    )


def _time(fn: Callable[[], object], repeat: int = 1) -> float:
    """Best of ``repeat`` wall times (reads repeat 3 times so both sides are warm)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    import duckdb

    df = _frame(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        root, bare = Path(tmp) / "store", Path(tmp) / "bare.parquet"
        store = Store(root)
        store.write_indicators(df.head(1000), dataset="warm_up")  # imports, first fsync
        _frame(1000).to_parquet(Path(tmp) / "warm_up.parquet")
        sql = "select indicator, avg(value) from {} group by 1"
        rows = [
            ("commit", _time(lambda: store.write_indicators(df, dataset="big")),
             _time(lambda: df.to_parquet(bare, index=False))),
            ("read dataset", _time(lambda: store.read_indicators("big"), 3),
             _time(lambda: pd.read_parquet(bare), 3)),
            ("group by", _time(lambda: store.query(sql.format("big")), 3),
             _time(lambda: duckdb.connect().execute(
                 sql.format(f"read_parquet('{bare}')")).df(), 3)),
            ("list datasets", _time(store.datasets, 3),
             _time(lambda: sorted(p.stem for p in Path(tmp).glob("*.parquet")), 3)),
        ]  # fmt: skip
    print(f"store vs bare Parquet, {args.rows:,} tidy rows")
    print(f"{'operation':<15}{'store s':>10}{'peer s':>10}{'ratio':>8}")
    for name, ours, peer in rows:
        print(f"{name:<15}{ours:>10.3f}{peer:>10.3f}{ours / peer:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
