"""Reading the store: no lock, one manifest per call, only committed files (see :mod:`.core`).

:class:`StoreReader` is the part of :class:`~chainpower.data.store.Store` that opens a store and
reads it: listing, version records, frames and SQL. SQL runs in an in-memory DuckDB connection
whose views are built from the manifest's explicit list of files, so a reader takes no lock,
never blocks a writer, and never sees a writer's temporary files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from chainpower.data.paths import cache_dir
from chainpower.data.store.manifest import KINDS, current_version, read_manifest
from chainpower.data.store.schema import TIDY_COLUMNS
from chainpower.errors import DataNotFoundError, InputError

__all__ = ["StoreReader", "check_name", "view_statements"]

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
_WHAT = {"indicators": "dataset", "tables": "table"}
T = TypeVar("T")


def check_name(name: str) -> str:
    """``name`` if it can name a dataset or table (letters, digits, ``_ - .``), else an error."""
    if not isinstance(name, str) or not _NAME.match(name) or name.endswith(".parquet"):
        raise InputError(
            "store names may hold only letters, digits, '_', '-' and '.'", label=repr(name)
        )
    return name


class StoreReader:
    """Open a store folder and read it (the writing half: :class:`~chainpower.data.store.Store`)."""

    def __init__(
        self,
        root: str | Path | None = None,
        *,
        lock_timeout: float | None = None,
        keep_versions: int = 3,
        create: bool = True,
    ) -> None:
        self.root = Path(root) if root is not None else cache_dir() / "store"
        if self.root.exists() and not self.root.is_dir():
            raise InputError("store path is a file, not a folder", file=self.root)
        if not create and not self.root.is_dir():
            raise DataNotFoundError("no store folder here (write into one with --to-store)",
                                    file=self.root)  # fmt: skip
        self.root.mkdir(parents=True, exist_ok=True)
        env = os.environ.get("CHAINPOWER_STORE_LOCK_TIMEOUT")
        self.lock_timeout = float(lock_timeout if lock_timeout is not None else env or 30.0)
        if keep_versions < 1:
            raise InputError("keep_versions must be ≥ 1", label=str(keep_versions))
        self.keep_versions = keep_versions

    def __repr__(self) -> str:
        m = read_manifest(self.root)
        return (
            f"{type(self).__name__}({str(self.root)!r}, {len(m['indicators'])} datasets, "
            f"{len(m['tables'])} tables)"
        )

    # -- reading -----------------------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        """The committed state (a fresh copy on each call)."""
        return read_manifest(self.root)

    def tables(self) -> list[str]:
        return sorted(read_manifest(self.root)["tables"])

    def datasets(self) -> list[str]:
        return sorted(read_manifest(self.root)["indicators"])

    def _kind(self, manifest: dict[str, Any], name: str, kind: str | None) -> str:
        kinds = [kind] if kind else [k for k in KINDS if name in manifest[k]]
        if kind is not None and kind not in KINDS:
            raise InputError(f"unknown store kind {kind!r}; use one of {', '.join(KINDS)}")
        if not kinds or name not in manifest[kinds[0]]:
            have = sorted({*manifest["indicators"], *manifest["tables"]})
            raise DataNotFoundError(
                f"no {_WHAT.get(kind or '', 'dataset or table')} {name!r} in store {self.root} "
                f"(it holds: {', '.join(have) or 'nothing yet'})"
            )
        if len(kinds) > 1:
            raise InputError(f"{name!r} is both a dataset and a table: say which (kind=)")
        return kinds[0]

    def info(self, name: str, *, kind: str | None = None) -> dict[str, Any]:
        """Manifest entry of ``name``: ``kind``, ``current`` and every version's record."""
        manifest = read_manifest(self.root)
        kind = self._kind(manifest, name, kind)
        return {"kind": kind, "name": name, **manifest[kind][name]}

    def version(self, name: str, version: int | None = None, *, kind: str | None = None) -> dict:
        """One version record of ``name`` (default: the current one)."""
        entry = self.info(name, kind=kind)
        want = entry["current"] if version is None else version
        for v in entry["versions"]:
            if v["version"] == want:
                if not v.get("file"):
                    raise DataNotFoundError(
                        f"{name!r} v{want} was pruned on {v.get('pruned_at')} (the store keeps "
                        f"the newest {self.keep_versions} versions); its record remains in "
                        "`chainpower store show`"
                    )
                return {"kind": entry["kind"], "name": name, **v}
        raise DataNotFoundError(f"{name!r} has no version v{want}")

    def ref(self, name: str, *, kind: str | None = None) -> str:
        """``name@vN`` of the current version (for provenance records)."""
        return f"{name}@v{self.info(name, kind=kind)['current']}"

    def _retry(self, read: Callable[[], T]) -> T:
        """Run ``read``; if a file vanished (a concurrent ``remove``), try once more on a
        fresh manifest, which then raises :class:`DataNotFoundError` if it is really gone."""
        for _ in range(3):
            try:
                return read()
            except FileNotFoundError as exc:
                if isinstance(exc, DataNotFoundError):
                    raise
        return read()

    def read_table(self, name: str, *, version: int | None = None) -> pd.DataFrame:
        check_name(name)
        return self._retry(
            lambda: pd.read_parquet(self.root / self.version(name, version, kind="tables")["file"])
        )

    def read_indicators(
        self, dataset: str | None = None, *, version: int | None = None, **filters: object
    ) -> pd.DataFrame:
        """All indicator rows (or one dataset's), filtered by equality on tidy columns."""
        bad = [c for c in filters if c not in TIDY_COLUMNS]
        if bad:
            raise InputError(f"unknown tidy column(s) {bad}; use {', '.join(TIDY_COLUMNS)}")
        if dataset is not None:
            check_name(dataset)

            def one() -> pd.DataFrame:
                rec = self.version(dataset, version, kind="indicators")
                return pd.read_parquet(self.root / rec["file"])

            df = self._retry(one)
        else:

            def every() -> pd.DataFrame:
                entries = read_manifest(self.root)["indicators"]
                files = [self.root / current_version(e)["file"] for _, e in sorted(entries.items())]
                if not files:
                    return pd.DataFrame(columns=list(TIDY_COLUMNS))
                return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)

            df = self._retry(every)
        for col, val in filters.items():
            df = df[df[col] == val]
        return df.reset_index(drop=True)

    def query(self, sql: str) -> pd.DataFrame:
        """Run SQL over the current versions: one view per dataset and per table (a table wins
        a name clash) and ``indicators`` (every dataset, with a ``dataset`` column).

        Runs in an in-memory DuckDB connection, so it takes no lock and never blocks a writer.
        """
        import duckdb

        def run() -> pd.DataFrame:
            con = duckdb.connect(":memory:")
            try:
                for stmt in view_statements(self.root, read_manifest(self.root)):
                    con.execute(stmt)
                return con.execute(sql).df()
            except duckdb.IOException as exc:
                if "No files found" in str(exc) or "No such file" in str(exc):
                    raise FileNotFoundError(str(exc)) from None
                raise InputError(f"query failed: {exc}") from None
            except duckdb.Error as exc:
                raise InputError(f"query failed: {exc}".splitlines()[0]) from None
            finally:
                con.close()

        return self._retry(run)


def _quote(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "''") + "'"


def view_statements(root: Path, manifest: dict[str, Any]) -> list[str]:
    """``create view`` statements over the explicit list of current files."""
    stmts = []
    ind = {n: root / current_version(e)["file"] for n, e in sorted(manifest["indicators"].items())}
    tab = {n: root / current_version(e)["file"] for n, e in sorted(manifest["tables"].items())}
    if ind:
        union = " union all by name ".join(
            f"select *, '{n}' as dataset from read_parquet({_quote(p)})" for n, p in ind.items()
        )
        stmts.append(f"create or replace view indicators as {union}")
    for n, p in [*((n, p) for n, p in ind.items() if n not in tab), *tab.items()]:
        stmts.append(f'create or replace view "{n}" as select * from read_parquet({_quote(p)})')
    return stmts
