"""Helpers the benchmark scripts share: peak memory and one measurement per fresh process."""

from __future__ import annotations

import multiprocessing as mp
import queue as queue_module
import resource
from collections.abc import Callable
from typing import Any

GiB = 2.0**30


def peak_bytes() -> float:
    """Peak resident memory of this process in bytes (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024.0


def peak_gib() -> float:
    """Peak resident memory of this process in GiB."""
    return peak_bytes() / GiB


def in_fresh_process(target: Callable[..., None], *args: Any) -> dict[str, Any]:
    """Run ``target(*args, queue)`` in a spawned process and return the dict it puts on the
    queue, so that each measurement starts from a clean interpreter (memory peaks included).
    Exits with a message when the child dies without reporting."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, q))
    proc.start()
    while True:
        try:
            out = q.get(timeout=1.0)
            break
        except queue_module.Empty:
            if not proc.is_alive() and q.empty():
                raise SystemExit(
                    f"benchmark step {target.__name__}{args!r} failed (exit code {proc.exitcode})"
                ) from None
    proc.join()
    return dict(out)
