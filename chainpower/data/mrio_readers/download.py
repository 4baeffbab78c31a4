"""Fetch an official MRIO file from a URL, or accept a local copy.

Nothing here runs at import time and tests never call it with a URL: :func:`fetch` downloads
(with :mod:`urllib`) only when the caller passes an ``http(s)://`` address.
"""

from __future__ import annotations

import shutil
import urllib.parse
import urllib.request
from pathlib import Path

from chainpower.data.mrio_readers.parts import existing_file
from chainpower.data.paths import cache_dir
from chainpower.errors import DataNotFoundError

__all__ = ["fetch"]

#: Where the publishers offer the tables (for users; chainpower never fetches on its own).
OFFICIAL_PAGES: dict[str, str] = {
    "adb": "https://kidb.adb.org/globalization",
    "oecd_icio": "https://www.oecd.org/en/data/datasets/inter-country-input-output-tables.html",
    "wiod2013": "https://www.rug.nl/ggdc/valuechain/wiod/wiod-2013-release",
}


def fetch(source: str | Path, dest: str | Path | None = None, *, timeout: float = 120.0) -> Path:
    """A local path to ``source``: a local file is returned as is; a URL is downloaded.

    The download goes to ``dest`` (a file or folder; default the cache folder ``downloads/``),
    through a temporary file so that a failed transfer leaves nothing behind.
    """
    text = str(source)
    if not text.lower().startswith(("http://", "https://")):
        return existing_file(text, "MRIO file")
    name = Path(urllib.parse.urlparse(text).path).name or "download"
    target = Path(dest) if dest is not None else cache_dir() / "downloads"
    if target.is_dir() or dest is None:
        target.mkdir(parents=True, exist_ok=True)
        target = target / name
    tmp = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(text, timeout=timeout) as resp, tmp.open("wb") as fh:
            shutil.copyfileobj(resp, fh)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DataNotFoundError(f"download failed: {exc}", file=text) from exc
    tmp.replace(target)
    return target
