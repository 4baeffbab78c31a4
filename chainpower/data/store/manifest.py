"""The store's manifest: the one list of committed files that every reader goes by.

``<root>/manifest.json`` maps each kind (``indicators``, ``tables``) and name to its versions::

    {"format": 1,
     "indicators": {"gvc_wiod_2011": {"current": 2, "versions": [
         {"version": 1, "file": "indicators/gvc_wiod_2011/v0001.parquet", "sha256": "…",
          "bytes": 123, "coverage": {"rows": …, "years": […], …}, "written_at": "…",
          "provenance": {…}, "replaced": null}, …]}},
     "tables": {…}}

It is replaced atomically (temporary file + ``os.replace``) and only ever after the data file
it names is complete on disk, so a reader sees either the previous state or the new one. A
store written before manifests existed (flat ``indicators/<name>.parquet``) is read as version
0 of each file; the next write records it in a manifest.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from chainpower.errors import SchemaError
from chainpower.output import TEMP_PREFIX, atomic_path

__all__ = ["KINDS", "MANIFEST_NAME", "current_version", "fsync_dir", "read_manifest",
           "write_manifest"]  # fmt: skip

MANIFEST_NAME = "manifest.json"
KINDS: tuple[str, ...] = ("indicators", "tables")
FORMAT = 1


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - not on POSIX
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _legacy(root: Path) -> dict[str, Any]:
    """Flat ``<kind>/<name>.parquet`` files of a store without a manifest, as version 0."""
    manifest: dict[str, Any] = {"format": FORMAT}
    for kind in KINDS:
        entries: dict[str, Any] = {}
        folder = root / kind
        if folder.is_dir():
            for p in sorted(folder.glob("*.parquet")):
                if p.name.startswith((TEMP_PREFIX, ".")):
                    continue
                entries[p.stem] = {
                    "current": 0,
                    "versions": [
                        {
                            "version": 0,
                            "file": f"{kind}/{p.name}",
                            "sha256": None,
                            "bytes": p.stat().st_size,
                            "coverage": None,
                            "written_at": None,
                            "provenance": {"note": "written before the store kept a manifest"},
                            "replaced": None,
                        }
                    ],
                }
        manifest[kind] = entries
    return manifest


def read_manifest(root: Path) -> dict[str, Any]:
    """The committed state of the store at ``root`` (no lock needed)."""
    path = root / MANIFEST_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _legacy(root)
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"store manifest is not valid JSON ({exc.msg})", file=path) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise SchemaError(f"store manifest is not format {FORMAT}", file=path)
    for kind in KINDS:
        manifest.setdefault(kind, {})
    return manifest


def write_manifest(root: Path, manifest: dict[str, Any]) -> None:
    """Replace the manifest atomically (call only while holding the writer lock)."""
    text = json.dumps(manifest, indent=1, sort_keys=True, default=str)
    with atomic_path(root / MANIFEST_NAME) as tmp:  # gives the file the usual umask mode
        tmp.write_text(text, encoding="utf-8")
    fsync_dir(root)


def current_version(entry: dict[str, Any]) -> dict[str, Any]:
    """The version record an entry's ``current`` points at."""
    for v in entry["versions"]:
        if v["version"] == entry["current"]:
            return dict(v)
    raise SchemaError(f"store manifest: current version {entry['current']} is not listed")
