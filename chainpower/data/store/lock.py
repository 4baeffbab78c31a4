"""The writer lock of a store: one ``fcntl.flock`` on ``<root>/.lock``.

Only writers take it (readers never lock anything): a second writer waits up to ``timeout``
seconds and then gets :class:`StoreLockedError`, which names the store and the process that
holds the lock. The lock is released by the kernel when the holder dies (``kill -9``
included), so a crashed writer never leaves a store locked.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from chainpower.errors import ChainpowerError

__all__ = ["StoreLockedError", "writer_lock"]

LOCK_NAME = ".lock"


class StoreLockedError(ChainpowerError, TimeoutError):
    """Another process is writing to the store and did not finish within the timeout."""


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return "another process"
    return f"process {text}" if text else "another process"


@contextlib.contextmanager
def writer_lock(root: Path, timeout: float) -> Iterator[None]:
    """Hold the store's writer lock for the body of the ``with`` block."""
    import fcntl

    path = root / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreLockedError(
                        f"store {str(root)!r} is being written by {_holder(path)}; gave up "
                        f"after {timeout:g} s (try again when it has finished)"
                    ) from None
                time.sleep(0.02)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
