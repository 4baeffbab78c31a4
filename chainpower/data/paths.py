"""Where chainpower finds real data and keeps its cache.

Real data (WIOD tables, UN votes, published ideal points …) is never shipped inside the package.
It is looked up, in order, in

1. the folder named by the environment variable ``CHAINPOWER_DATA``;
2. ``../shared/data`` relative to the repository root (the layout of the development checkout).

The cache (DuckDB database, Parquet files) lives in the user cache directory given by
:mod:`platformdirs`, or in ``CHAINPOWER_CACHE`` when set.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir

from chainpower.errors import DataNotFoundError

__all__ = ["cache_dir", "data_dir", "data_path", "repo_root"]

ENV_DATA = "CHAINPOWER_DATA"
ENV_CACHE = "CHAINPOWER_CACHE"


def repo_root() -> Path:
    """The repository root when chainpower runs from a checkout (parent of the package)."""
    return Path(__file__).resolve().parents[2]


def data_dir(required: bool = False) -> Path | None:
    """The real-data folder, or ``None`` when there is none (``required=False``).

    Raises :class:`DataNotFoundError` when ``required`` and no folder is found.
    """
    env = os.environ.get(ENV_DATA)
    if env:
        path = Path(env).expanduser()
        if path.is_dir():
            return path
        if required:
            raise DataNotFoundError(f"${ENV_DATA} points to a missing folder", file=path)
        return None
    default = repo_root().parent / "shared" / "data"
    if default.is_dir():
        return default
    if required:
        raise DataNotFoundError(
            f"no real-data folder: set ${ENV_DATA} or place the data in ../shared/data",
            file=default,
        )
    return None


def data_path(*parts: str) -> Path:
    """A path inside the real-data folder; raises :class:`DataNotFoundError` when missing."""
    base = data_dir(required=True)
    assert base is not None
    path = base.joinpath(*parts)
    if not path.exists():
        raise DataNotFoundError("data file or folder not found", file=path)
    return path


def cache_dir() -> Path:
    """The cache folder (created on first use)."""
    env = os.environ.get(ENV_CACHE)
    path = Path(env).expanduser() if env else Path(user_cache_dir("chainpower"))
    path.mkdir(parents=True, exist_ok=True)
    return path
