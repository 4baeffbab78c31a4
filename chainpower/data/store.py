"""The local store: Parquet files on disk, queried through DuckDB.

Layout under the store root (default: ``<user cache>/chainpower/store``)::

    tables/<name>.parquet        any tidy table (an MRIO table in long form, vote files …)
    indicators/<dataset>.parquet computed indicators, one file per dataset, tidy schema
    chainpower.duckdb            views for SQL: ``indicators`` (all datasets, with a
                                 ``dataset`` column), one per dataset and one per table

Every indicator row has the tidy schema ``(source, year, country, sector, partner, indicator,
value)``; ``sector`` and ``partner`` may be null for country-level or non-bilateral measures.
Writes are atomic (temporary file + rename): a failed write leaves the previous file intact,
never a partial one.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from chainpower.data.paths import cache_dir
from chainpower.errors import InputError

__all__ = ["TIDY_COLUMNS", "Store", "validate_tidy"]

TIDY_COLUMNS: tuple[str, ...] = (
    "source",
    "year",
    "country",
    "sector",
    "partner",
    "indicator",
    "value",
)
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")


def _check_name(name: str) -> str:
    if not _NAME.match(name):
        raise InputError(
            "store names may hold only letters, digits, '_', '-' and '.'", label=repr(name)
        )
    return name


def validate_tidy(df: pd.DataFrame, *, what: str = "indicators") -> pd.DataFrame:
    """Check and normalise a tidy indicator frame; return a copy with the canonical columns.

    Raises :class:`InputError` naming the first bad row when a column is missing, a key is
    null, or a value is not finite.
    """
    missing = [c for c in TIDY_COLUMNS if c not in df.columns and c not in ("sector", "partner")]
    if missing:
        raise InputError(f"{what}: missing tidy columns {missing}")
    out = df.copy()
    for col in ("sector", "partner"):
        if col not in out.columns:
            out[col] = None
    out = out[list(TIDY_COLUMNS)]
    for col in ("source", "year", "country", "indicator"):
        bad = out[col].isna().to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(f"{what}: null {col!r}", label=f"row {i}")
    values = pd.to_numeric(out["value"], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        row = out.iloc[i]
        raise InputError(
            f"{what}: non-finite value {df['value'].iloc[i]!r} for indicator {row['indicator']!r}",
            label=f"row {i} ({row['country']}/{row['sector']}/{row['partner']}, {row['year']})",
        )
    out["value"] = values
    out["year"] = out["year"].astype("int64")
    for col in ("source", "country", "sector", "partner", "indicator"):
        out[col] = out[col].astype("string")
    return out


def _atomic_parquet(df: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".parquet", dir=path.parent)
    os.close(fd)
    try:
        df.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


class Store:
    """Parquet files plus a DuckDB catalogue of views over them.

    >>> store = Store(tmp_path)                          # doctest: +SKIP
    >>> store.write_indicators(df, dataset="wiod_2011")  # doctest: +SKIP
    >>> store.query("select * from indicators where country = 'CHN'")  # doctest: +SKIP
    """

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else cache_dir() / "store"
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "tables").mkdir(exist_ok=True)
        (self.root / "indicators").mkdir(exist_ok=True)

    @property
    def database(self) -> Path:
        return self.root / "chainpower.duckdb"

    # -- writing -----------------------------------------------------------------------------
    def write_table(self, name: str, df: pd.DataFrame) -> Path:
        """Store ``df`` as ``tables/<name>.parquet`` (replacing it) and refresh the views."""
        path = _atomic_parquet(
            df.reset_index(drop=True), self.root / "tables" / f"{_check_name(name)}.parquet"
        )
        self._refresh_views()
        return path

    def write_indicators(self, df: pd.DataFrame, *, dataset: str) -> Path:
        """Validate ``df`` against the tidy schema and store it as one dataset (replacing it)."""
        tidy = validate_tidy(df, what=f"dataset {dataset!r}")
        path = _atomic_parquet(tidy, self.root / "indicators" / f"{_check_name(dataset)}.parquet")
        self._refresh_views()
        return path

    # -- reading -----------------------------------------------------------------------------
    def tables(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "tables").glob("*.parquet"))

    def datasets(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "indicators").glob("*.parquet"))

    def read_table(self, name: str) -> pd.DataFrame:
        path = self.root / "tables" / f"{_check_name(name)}.parquet"
        if not path.exists():
            raise KeyError(f"no table {name!r} in store {self.root}")
        return pd.read_parquet(path)

    def read_indicators(self, dataset: str | None = None, **filters: object) -> pd.DataFrame:
        """All indicator rows (or one dataset's), filtered by equality on tidy columns."""
        if dataset is not None:
            path = self.root / "indicators" / f"{_check_name(dataset)}.parquet"
            if not path.exists():
                raise KeyError(f"no indicator dataset {dataset!r} in store {self.root}")
            df = pd.read_parquet(path)
        else:
            files = sorted((self.root / "indicators").glob("*.parquet"))
            if not files:
                return pd.DataFrame(columns=list(TIDY_COLUMNS))
            df = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
        for col, val in filters.items():
            if col not in TIDY_COLUMNS:
                raise KeyError(f"unknown tidy column {col!r}")
            df = df[df[col] == val]
        return df.reset_index(drop=True)

    def query(self, sql: str) -> pd.DataFrame:
        """Run SQL over the views (``indicators`` and one view per stored table)."""
        self._refresh_views()
        with duckdb.connect(str(self.database)) as con:
            return con.execute(sql).df()

    def _refresh_views(self) -> None:
        """(Re)create the views: ``indicators`` (every dataset, with a ``dataset`` column),
        one per indicator dataset and one per table (a table wins a name clash)."""
        ind = sorted((self.root / "indicators").glob("*.parquet"))
        tables = sorted((self.root / "tables").glob("*.parquet"))
        with duckdb.connect(str(self.database)) as con:
            if ind:
                glob = str(self.root / "indicators" / "*.parquet").replace("'", "''")
                con.execute(
                    "create or replace view indicators as select * exclude (filename), "
                    "regexp_extract(filename, '([^/\\\\]+)\\.parquet$', 1) as dataset "
                    f"from read_parquet('{glob}', union_by_name=true, filename=true)"
                )
            table_names = {p.stem for p in tables}
            for p in [*(q for q in ind if q.stem not in table_names), *tables]:
                path = str(p).replace("'", "''")
                con.execute(
                    f"create or replace view \"{p.stem}\" as select * from read_parquet('{path}')"
                )
