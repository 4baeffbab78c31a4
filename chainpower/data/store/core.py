"""The local store: immutable, versioned Parquet files plus a manifest, queried through DuckDB.

Layout under the store root (default: ``<user cache>/chainpower/store``)::

    manifest.json                       the committed state: every dataset, its versions and
                                        their provenance (see :mod:`.manifest`)
    indicators/<dataset>/v0001.parquet  one immutable file per version, tidy schema
    tables/<name>/v0001.parquet         any other table (an MRIO table in long form …)
    views.sql                           the same views for the DuckDB shell: one per current
                                        dataset and ``indicators`` (``duckdb -init views.sql``;
                                        rewritten atomically on every write)
    .lock                               the writer lock (``fcntl.flock``)

Guarantees (``docs/store.md``):

- *Atomic, crash-safe writes.* A version file is written to a ``.tmp-`` name, fsynced and
  renamed; only then is the manifest replaced (also atomically). A writer killed at any point
  leaves the previous state readable; its left-overs (``.tmp-*`` files, unreferenced version
  files) are never read and are removed by the next writer.
- *Readers never lock and never fail because of a writer.* They read the manifest once per
  call and open only the immutable files it names; SQL runs in an in-memory DuckDB
  connection over that explicit list (no glob, no database file lock).
- *Writers are serialised* by the lock; one that waits longer than ``lock_timeout`` gets
  :class:`~.lock.StoreLockedError`.
- *No silent narrowing.* Replacing a dataset with one that covers fewer years, countries,
  sectors, indicators or rows raises :class:`StoreConflictError` unless ``overwrite=True``;
  every write reports what it replaced and keeps the older versions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from chainpower.data.store.lock import writer_lock
from chainpower.data.store.manifest import (
    KINDS,
    current_version,
    fsync_dir,
    read_manifest,
    write_manifest,
)
from chainpower.data.store.reading import StoreReader, check_name, view_statements
from chainpower.data.store.schema import (
    coverage,
    describe_coverage,
    lost_coverage,
    validate_tidy,
)
from chainpower.errors import DataNotFoundError, InputError
from chainpower.output import TEMP_PREFIX, atomic_path

__all__ = ["Store", "StoreConflictError", "StoreWrite", "check_name"]

_VERSION_FILE = re.compile(r"^v(\d{4,})\.parquet$")


class StoreConflictError(InputError):
    """A write would replace a dataset with a narrower one (pass ``overwrite=True``)."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class StoreWrite:
    """What one write did: the version written (or found unchanged) and what it replaced."""

    kind: str
    name: str
    version: int
    path: Path
    coverage: dict[str, Any]
    replaced: dict[str, Any] | None = None
    unchanged: bool = False
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        """``name@vN``: how provenance records elsewhere point at this version."""
        return f"{self.name}@v{self.version}"

    @property
    def message(self) -> str:
        """One line for the command line, e.g. ``stored gvc_x@v2 (…; replaced v1: …)``."""
        what = "dataset" if self.kind == "indicators" else "table"
        if self.unchanged:
            return f"store: {what} {self.ref} unchanged (identical data already stored)"
        text = f"stored: {what} {self.ref} ({describe_coverage(self.coverage)})"
        if self.replaced is not None:
            old = self.replaced
            text += f"; replaced v{old['version']} ({describe_coverage(old['coverage'] or {})})"
        return text

    def __fspath__(self) -> str:
        return str(self.path)


class Store(StoreReader):
    """Versioned Parquet files, a manifest, and SQL through DuckDB (see the module docstring).

    >>> store = Store(tmp_path)                                 # doctest: +SKIP
    >>> store.write_indicators(df, dataset="gvc_wiod_2011")     # doctest: +SKIP
    >>> store.query("select * from indicators where country = 'CHN'")  # doctest: +SKIP
    """

    @property
    def views_sql(self) -> Path:
        """SQL that creates the views over the current versions, for the DuckDB shell
        (``duckdb -init <store>/views.sql``); :meth:`query` does not need it."""
        return self.root / "views.sql"

    # -- writing -----------------------------------------------------------------------------
    def write_indicators(
        self,
        df: pd.DataFrame,
        *,
        dataset: str,
        provenance: Mapping[str, Any] | None = None,
        overwrite: bool = False,
    ) -> Path:
        """Validate ``df`` against the tidy schema and store it as a new version of
        ``dataset``; return the version file. See :meth:`commit` for the rules."""
        return self.commit("indicators", dataset, df, provenance=provenance,
                           overwrite=overwrite).path  # fmt: skip

    def write_table(
        self,
        name: str,
        df: pd.DataFrame,
        *,
        provenance: Mapping[str, Any] | None = None,
        overwrite: bool = False,
    ) -> Path:
        """Store ``df`` as a new version of table ``name``; return the version file."""
        return self.commit("tables", name, df, provenance=provenance, overwrite=overwrite).path

    def commit(
        self,
        kind: str,
        name: str,
        df: pd.DataFrame,
        *,
        provenance: Mapping[str, Any] | None = None,
        overwrite: bool = False,
    ) -> StoreWrite:
        """Write ``df`` as the next version of ``name`` (``kind`` ``"indicators"`` or
        ``"tables"``) and return a :class:`StoreWrite` saying what it replaced.

        Identical data (same bytes) writes nothing (``unchanged=True``). Data that covers less
        than the current version (years, countries, sectors, indicators, columns or rows) is
        refused with :class:`StoreConflictError` unless ``overwrite`` is true. ``provenance``
        (inputs, parameters, ``derived_from`` refs such as ``"ideal_own@v2"``) is recorded in
        the manifest with the time and the chainpower version.
        """
        if kind not in KINDS:
            raise InputError(f"unknown store kind {kind!r}; use one of {', '.join(KINDS)}")
        check_name(name)
        if kind == "indicators":
            frame = validate_tidy(df, what=f"dataset {name!r}")
        else:
            frame = df.reset_index(drop=True)
        cov = coverage(frame, kind)
        with writer_lock(self.root, self.lock_timeout):
            manifest = read_manifest(self.root)
            self._clean(manifest)
            entry = manifest[kind].get(name)
            old = current_version(entry) if entry else None
            if old is not None and old.get("coverage") is None:  # legacy file: measure it
                old["coverage"] = coverage(pd.read_parquet(self.root / old["file"]), kind)
            if old is not None and not overwrite:
                lost = lost_coverage(old["coverage"], cov)
                if lost:
                    raise StoreConflictError(
                        f"{'table' if kind == 'tables' else 'dataset'} {name!r} v"
                        f"{old['version']} covers {describe_coverage(old['coverage'])}; the new "
                        f"data would lose {'; '.join(lost)}. Refused: pass overwrite=True "
                        "(command line: --replace) to replace it, or choose another name",
                        label=name,
                    )
            number = 1 + max([v["version"] for v in entry["versions"]] if entry else [0])
            rel = f"{kind}/{name}/v{number:04d}.parquet"
            final = self.root / rel
            try:
                with atomic_path(final) as tmp:
                    frame.to_parquet(tmp, index=False)
                    digest = _sha256(tmp)
                    if old is not None and old.get("sha256") == digest:
                        raise _Unchanged
            except _Unchanged:
                return _unchanged_write(self.root, kind, name, old)  # type: ignore[arg-type]
            fsync_dir(final.parent)
            record = {
                "version": number,
                "file": rel,
                "sha256": digest,
                "bytes": final.stat().st_size,
                "coverage": cov,
                "written_at": _now(),
                "provenance": self._provenance(provenance),
                "replaced": None if old is None else old["version"],
            }
            versions = [*(entry["versions"] if entry else []), record]
            doomed = self._prune(versions)
            manifest[kind][name] = {"current": number, "versions": versions}
            write_manifest(self.root, manifest)
            self._write_views_sql(manifest)
            for rel_old in doomed:
                (self.root / rel_old).unlink(missing_ok=True)
        return StoreWrite(
            kind, name, number, final, cov,
            replaced=None if old is None else {"version": old["version"],
                                               "coverage": old["coverage"]},
            provenance=record["provenance"],
        )  # fmt: skip

    def _prune(self, versions: list[dict[str, Any]]) -> list[str]:
        """Mark all but the newest ``keep_versions`` files as pruned (their records stay, so
        provenance that points at them still resolves); return the files to delete."""
        live = [v for v in versions if v.get("file")]
        doomed = []
        for v in live[: max(len(live) - self.keep_versions, 0)]:
            doomed.append(v["file"])
            v["file"] = None
            v["pruned_at"] = _now()
        return doomed

    def _provenance(self, given: Mapping[str, Any] | None) -> dict[str, Any]:
        from chainpower import __version__

        out: dict[str, Any] = {"chainpower": __version__}
        out.update(dict(given or {}))
        return out

    def remove(self, name: str, *, kind: str | None = None, version: int | None = None) -> str:
        """Remove ``name`` (every version, or only ``version``); return a one-line report."""
        with writer_lock(self.root, self.lock_timeout):
            manifest = read_manifest(self.root)
            kind = self._kind(manifest, name, kind)
            entry = manifest[kind][name]
            doomed = [v for v in entry["versions"] if version in (None, v["version"])]
            if not doomed:
                known = ", ".join(f"v{v['version']}" for v in entry["versions"])
                raise DataNotFoundError(f"{name!r} has no version v{version} (it has {known})")
            keep = [v for v in entry["versions"] if v not in doomed]
            if any(v.get("file") for v in keep):
                current = entry["current"]
                if all(v["version"] != current for v in keep):
                    current = [v for v in keep if v.get("file")][-1]["version"]
                manifest[kind][name] = {"current": current, "versions": keep}
            else:
                del manifest[kind][name]
            write_manifest(self.root, manifest)
            self._write_views_sql(manifest)
            for v in doomed:
                if v.get("file"):
                    (self.root / v["file"]).unlink(missing_ok=True)
        what = "all versions" if version is None else f"v{version}"
        return f"removed {'table' if kind == 'tables' else 'dataset'} {name!r} ({what})"

    def refresh_views_sql(self) -> Path:
        """Rewrite ``views.sql`` for the folder the store is in now (after it was moved or
        renamed: the file holds absolute paths for the DuckDB shell)."""
        with writer_lock(self.root, self.lock_timeout):
            self._write_views_sql(read_manifest(self.root))
        return self.views_sql

    def _clean(self, manifest: dict[str, Any]) -> None:
        """Delete a killed writer's left-overs: ``.tmp-*`` files and version files the
        manifest does not name. Runs under the writer lock, so no live writer owns them."""
        named = {v["file"] for kind in KINDS for e in manifest[kind].values()
                 for v in e["versions"] if v.get("file")}  # fmt: skip
        for p in self.root.glob(f"{TEMP_PREFIX}*"):
            p.unlink(missing_ok=True)
        # the catalogue of stores before manifests: its glob view read temporary files
        (self.root / "chainpower.duckdb").unlink(missing_ok=True)
        for kind in KINDS:
            for p in (self.root / kind).glob("**/*"):
                rel = p.relative_to(self.root).as_posix()
                stray = p.name.startswith(TEMP_PREFIX) or (
                    _VERSION_FILE.match(p.name) is not None and rel not in named
                )
                if p.is_file() and stray:
                    p.unlink(missing_ok=True)

    def _write_views_sql(self, manifest: dict[str, Any]) -> None:
        statements = ";\n".join(view_statements(self.root, manifest))
        header = "-- chainpower store views (rewritten on every write); duckdb -init views.sql\n"
        with atomic_path(self.views_sql) as tmp:
            tmp.write_text(header + statements + (";\n" if statements else ""), encoding="utf-8")


class _Unchanged(Exception):
    """Raised inside :func:`atomic_path` to drop a version identical to the current one."""


def _unchanged_write(root: Path, kind: str, name: str, old: dict[str, Any]) -> StoreWrite:
    return StoreWrite(kind, name, old["version"], root / old["file"], old["coverage"],
                      unchanged=True, provenance=old.get("provenance") or {})  # fmt: skip
