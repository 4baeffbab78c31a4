"""Subprocess used by the store fault-injection and concurrency tests (not a test module).

``python store_fault_helper.py fork``  import once, then for each stdin line ``MODE PATH SEED
LOG`` fork a child, print its pid, and for ``wait PID`` its exit status. Modes: ``store``
writes new store versions in a loop until killed; ``out`` writes ``--out`` style files in a
loop; ``mixed`` reads (odd SEED) or writes (even SEED) one store for a few seconds.

Forking from one process that has already paid the imports keeps each kill round short; the
children are ordinary processes that the test kills with SIGKILL or SIGINT.

Every frame it writes is self-checking: all rows carry the same ``stamp`` and the row count
is fixed, so a reader can tell a complete frame from a partial or mixed one.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb  # noqa: F401  (import cost paid before forking)
import matplotlib.figure  # noqa: F401  (imported lazily by output.write)
import pandas as pd

from chainpower.data.store import Store, StoreLockedError
from chainpower.output import write

ROWS = 6_000
COUNTRIES = [f"C{i:02d}" for i in range(30)]


def frame(stamp: int, rows: int = ROWS) -> pd.DataFrame:
    """A tidy frame of ``rows`` rows whose values all encode ``stamp``."""
    n = len(COUNTRIES)
    return pd.DataFrame(
        {
            "source": "fault",
            "year": [2000 + (i // n) % 20 for i in range(rows)],
            "country": [COUNTRIES[i % n] for i in range(rows)],
            "sector": [f"s{(i // (n * 20)):03d}" for i in range(rows)],
            "partner": None,
            "indicator": "stamp",
            "value": [float(stamp)] * rows,
        }
    )


def check_frame(df: pd.DataFrame, rows: int = ROWS) -> int:
    """The stamp of a complete frame; AssertionError for a partial or mixed one."""
    assert len(df) == rows, f"{len(df)} rows, expected {rows}"
    stamps = set(df["value"].tolist())
    assert len(stamps) == 1, f"mixed stamps {sorted(stamps)[:5]}"
    return int(stamps.pop())


def _store_loop(root: str, seed: int) -> None:
    rng = random.Random(seed)
    store = Store(root)
    base = frame(0)
    k = 0
    while True:
        k += 1
        stamp = seed * 10_000 + k
        name = f"loop_{rng.randrange(3)}"
        data = base.assign(value=float(stamp))
        print(f"begin {name} {stamp}", flush=True)
        store.write_indicators(data, dataset=name, overwrite=True)
        if k % 4 == 0:
            store.write_table("loop_table", pd.DataFrame({"stamp": [stamp] * 500}), overwrite=True)
        print(f"wrote {name} {stamp}", flush=True)


def _out_loop(folder: str, seed: int) -> None:
    k = 0
    while True:
        k += 1
        for suffix in (".csv", ".parquet", ".dta"):
            write(frame(seed * 10_000 + k), Path(folder) / f"out{suffix}")
        print(f"wrote {k}", flush=True)


def _mixed(root: str, ident: int, seconds: float = 4.0) -> None:
    """Writers (even ``ident``) write their own dataset and a shared one; readers (odd) read
    every dataset and the ``indicators`` view. Prints one JSON line of counts at the end."""
    store = Store(root, lock_timeout=0.5)
    counts: dict[str, Any] = {"reads": 0, "failed_reads": 0, "writes": 0, "refused": 0,
                              "last_stamp": None, "errors": []}  # fmt: skip
    end = time.monotonic() + seconds
    k = 0
    while time.monotonic() < end:
        k += 1
        if ident % 2 == 0:
            try:
                stamp = ident * 100_000 + k
                store.write_indicators(frame(stamp), dataset=f"w{ident}", overwrite=True)
                counts["last_stamp"] = stamp
                store.write_indicators(frame(stamp), dataset="shared", overwrite=True)
                counts["writes"] += 1
            except StoreLockedError as exc:
                assert "being written by" in str(exc)
                counts["refused"] += 1
            continue
        try:
            for name in store.datasets():
                check_frame(store.read_indicators(name))
            q = store.query("select dataset, count(*) n, count(distinct value) s "
                            "from indicators group by 1")  # fmt: skip
            assert (q["n"] == ROWS).all() and (q["s"] == 1).all(), q.to_dict("records")
            counts["reads"] += 1
        except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
            counts["failed_reads"] += 1
            counts["errors"].append(f"{type(exc).__name__}: {exc}"[:300])
    print(json.dumps(counts), flush=True)


class Forker:
    """The helper in ``fork`` mode: one import, then one forked writer per round."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "fork"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert self._ask(None) == "ready"

    def _ask(self, line: str | None) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if line is not None:
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def start(self, mode: str, path: Path, seed: int, log: Path) -> int:
        return int(self._ask(f"{mode} {path} {seed} {log}").split()[1])

    def wait(self, pid: int) -> int:
        return int(self._ask(f"wait {pid}").split()[1])

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def _fork_server() -> None:
    """Answer ``MODE PATH SEED LOG`` lines with ``pid N`` and ``wait N`` with ``status N``."""
    print("ready", flush=True)
    loops: dict[str, Callable[[str, int], None]] = {
        "store": _store_loop,
        "out": _out_loop,
        "mixed": _mixed,
    }
    for line in sys.stdin:
        words = line.split()
        if words[0] == "wait":
            _, status = os.waitpid(int(words[1]), 0)
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            print(f"status {code}", flush=True)
            continue
        mode, path, seed, log = words
        child = os.fork()
        if child == 0:  # the child: stdout to its log, then run
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            code = 1
            try:
                loops[mode](path, int(seed))
                code = 0
            except KeyboardInterrupt:
                code = 130
            finally:
                sys.stdout.flush()
                os._exit(code)
        print(f"pid {child}", flush=True)


if __name__ == "__main__":
    _fork_server()
