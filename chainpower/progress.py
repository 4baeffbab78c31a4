"""One place for progress bars, so they can be silenced globally (``CHAINPOWER_QUIET=1``)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm.auto import tqdm

T = TypeVar("T")

__all__ = ["progress"]


def progress(
    items: Iterable[T], *, desc: str = "", total: int | None = None, disable: bool | None = None
) -> Iterator[T]:
    """Wrap ``items`` in a tqdm progress bar written to stderr.

    Bars are hidden when ``disable`` is true, when ``CHAINPOWER_QUIET`` is set, or when stderr
    is not a terminal and ``CHAINPOWER_PROGRESS`` is not set.
    """
    if disable is None:
        disable = bool(os.environ.get("CHAINPOWER_QUIET")) or None
    yield from tqdm(items, desc=desc, total=total, disable=disable, leave=False)
