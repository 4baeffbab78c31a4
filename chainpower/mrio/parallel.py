"""One executor helper for every multi-year computation: serial, or Dask (local or remote).

:func:`map_tables` applies a pure function to each item (a table, or a zero-argument loader of
one, so a worker loads its own year and the driver never holds them all) and returns the results
**in input order**, whatever order the workers finish in. The serial and Dask paths call the
same function on the same items, so their results are identical (tested).

=================  ============================================================================
``executor``       what runs the items
=================  ============================================================================
``"serial"``       this process, one item after another, with a progress bar
``"dask"``         a ``dask.distributed`` cluster: ``client`` if given (a ``Client`` or a
                   scheduler address such as ``"tcp://10.0.0.5:8786"`` — a real cluster, same
                   code), otherwise a ``LocalCluster`` of ``jobs`` single-threaded worker
                   processes, started for the call and closed after it
=================  ============================================================================

Workers return arrays or frames; only the driver writes files or the store. ``dask`` is
imported inside :func:`map_tables` only (``import chainpower`` never loads it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, TypeVar

from chainpower.errors import InputError
from chainpower.progress import progress

__all__ = ["EXECUTORS", "Executor", "map_tables", "resolve"]

Executor = Literal["serial", "dask"]
EXECUTORS: tuple[str, ...] = ("serial", "dask")
T = TypeVar("T")


def resolve(item: Any) -> Any:
    """A table as given, or the table a zero-argument loader returns."""
    return item() if callable(item) else item


def _apply(fn: Callable[[Any], T], item: Any) -> T:
    return fn(resolve(item))


def _check(executor: str, jobs: int, client: Any) -> None:
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r}; use one of {list(EXECUTORS)}")
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise InputError("jobs must be a whole number ≥ 1", label=repr(jobs))
    if client is not None and executor != "dask":
        raise InputError("a Dask client is given but executor is 'serial'; pass executor='dask'")


def map_tables(
    fn: Callable[[Any], T],
    items: Iterable[Any],
    *,
    executor: Executor | str = "serial",
    jobs: int = 1,
    client: Any = None,
    desc: str = "tables",
) -> list[T]:
    """``[fn(resolve(item)) for item in items]``, serially or on Dask (see module docstring).

    ``fn`` must be picklable by cloudpickle (module-level functions and ``functools.partial``
    of them are). Errors raised in a worker are re-raised here unchanged.
    """
    _check(str(executor), jobs, client)
    seq: Sequence[Any] = list(items)
    if executor == "serial":
        return [_apply(fn, it) for it in progress(seq, desc=desc, total=len(seq))]
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    own_client = None
    if client is None:
        cluster = LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=40,
        )
        own_client = Client(cluster)
        active = own_client
    elif isinstance(client, str):
        own_client = Client(client)
        active = own_client
    else:
        active = client
    try:
        futures = [active.submit(_apply, fn, it, pure=False) for it in seq]
        order = {f.key: i for i, f in enumerate(futures)}
        out: list[Any] = [None] * len(futures)
        for fut in progress(as_completed(futures), desc=desc, total=len(futures)):
            out[order[fut.key]] = fut.result()
        return out
    finally:
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
