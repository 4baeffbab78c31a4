"""The store's versions, manifest, provenance, clean-up of left-overs and writer lock."""

from __future__ import annotations

import json
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from chainpower.data.store import Store, StoreConflictError, StoreLockedError
from chainpower.data.store.lock import writer_lock
from chainpower.errors import DataNotFoundError, InputError, SchemaError


def _frame(countries: list[str], years: list[int], value: float = 1.0) -> pd.DataFrame:
    rows = [(c, y) for c in countries for y in years]
    return pd.DataFrame(
        {
            "source": "test",
            "year": [y for _, y in rows],
            "country": [c for c, _ in rows],
            "sector": None,
            "partner": None,
            "indicator": "wwyz_gvcpt_f",
            "value": [value + i for i in range(len(rows))],
        }
    )


def test_broader_write_reports_what_it_replaced(store: Store) -> None:
    first = store.commit("indicators", "p", _frame(["CHN"], [2010]))
    assert (first.version, first.replaced) == (1, None)
    second = store.commit("indicators", "p", _frame(["CHN", "USA"], [2010, 2011]),
                          provenance={"inputs": ["synthetic"]})  # fmt: skip
    assert second.version == 2 and second.replaced is not None
    assert second.replaced["version"] == 1 and second.replaced["coverage"]["rows"] == 1
    assert "stored: dataset p@v2 (4 rows, years 2010–2011, 2 countries" in second.message
    assert "replaced v1 (1 rows, years 2010, 1 country" in second.message
    info = store.info("p")
    assert info["current"] == 2 and [v["version"] for v in info["versions"]] == [1, 2]
    rec = store.version("p")
    assert rec["provenance"]["inputs"] == ["synthetic"] and rec["replaced"] == 1
    assert rec["coverage"]["countries"] == ["CHN", "USA"]
    assert store.ref("p") == "p@v2"


def test_narrowing_refused_names_what_is_lost(store: Store) -> None:
    store.commit("indicators", "p", _frame(["CHN", "USA", "JPN"], [2018, 2019]))
    with pytest.raises(StoreConflictError, match=r"lose countries JPN, USA"):
        store.commit("indicators", "p", _frame(["CHN"], [2018, 2019]))
    assert store.info("p")["current"] == 1
    assert len(store.read_indicators("p")) == 6


def test_identical_data_is_not_a_new_version(store: Store) -> None:
    store.commit("indicators", "p", _frame(["CHN"], [2010]))
    again = store.commit("indicators", "p", _frame(["CHN"], [2010]))
    assert again.unchanged and again.version == 1 and "unchanged" in again.message
    assert [v["version"] for v in store.info("p")["versions"]] == [1]


def test_sha256_and_bytes_match_the_file(store: Store) -> None:
    import hashlib

    store.commit("tables", "t", pd.DataFrame({"a": [1, 2, 3]}))
    rec = store.version("t")
    data = (store.root / rec["file"]).read_bytes()
    assert rec["sha256"] == hashlib.sha256(data).hexdigest() and rec["bytes"] == len(data)


def test_leftovers_of_a_killed_writer_are_ignored_then_removed(store: Store) -> None:
    store.write_indicators(_frame(["CHN"], [2010]), dataset="a")
    junk = [
        store.root / "indicators" / "a" / ".tmp-v0002.parquet-x.parquet",
        store.root / "indicators" / "a" / "v0002.parquet",  # renamed, manifest never updated
        store.root / ".tmp-manifest.json-y.json",
    ]
    for p in junk:
        p.write_bytes(b"garbage, not parquet")
    assert store.datasets() == ["a"]
    assert store.query("select count(*) as n from indicators")["n"].iloc[0] == 1
    store.write_indicators(_frame(["CHN", "USA"], [2010]), dataset="a")
    assert not any(p.exists() and p.read_bytes() == b"garbage, not parquet" for p in junk)
    assert not list(store.root.rglob(".tmp-*"))
    assert store.read_indicators("a")["country"].tolist() == ["CHN", "USA"]


def test_second_writer_times_out_with_a_clear_message(tmp_path: Path) -> None:
    store = Store(tmp_path / "s", lock_timeout=0.2)
    with writer_lock(store.root, 1.0):
        t0 = time.monotonic()
        with pytest.raises(StoreLockedError, match=r"being written by process \d+; gave up"):
            store.write_indicators(_frame(["CHN"], [2010]), dataset="a")
        assert 0.15 < time.monotonic() - t0 < 2.0
        # reading needs no lock: listing and SQL work while a writer holds it
        assert store.datasets() == []
        assert store.query("select 42 as x")["x"].tolist() == [42]
    store.write_indicators(_frame(["CHN"], [2010]), dataset="a")
    assert store.datasets() == ["a"]


def test_remove_versions_and_datasets(store: Store) -> None:
    store.commit("indicators", "a", _frame(["CHN"], [2010]))
    store.commit("indicators", "a", _frame(["CHN"], [2010, 2011]))
    assert "v2" in store.remove("a", version=2)
    assert store.info("a")["current"] == 1
    assert not (store.root / "indicators/a/v0002.parquet").exists()
    store.remove("a")
    assert store.datasets() == []
    with pytest.raises(DataNotFoundError, match="no dataset 'a' in store"):
        store.read_indicators("a")


def test_views_follow_the_manifest_and_views_sql_runs(store: Store) -> None:
    store.write_indicators(_frame(["CHN"], [2010], 2.0), dataset="a")
    store.write_indicators(_frame(["USA"], [2010], 3.0), dataset="b")
    store.write_table("t", pd.DataFrame({"x": [1.5, 2.5]}))
    got = store.query("select dataset, sum(value) s from indicators group by 1 order by 1")
    assert got["dataset"].tolist() == ["a", "b"]
    np.testing.assert_allclose(got["s"], [2.0, 3.0])
    with duckdb.connect(":memory:") as con:  # what `duckdb -init views.sql` does
        con.execute(store.views_sql.read_text())
        assert con.execute("select sum(x) from t").fetchall() == [(4.0,)]
        assert con.execute("select count(*) from indicators").fetchall() == [(2,)]
    with pytest.raises(InputError, match="query failed"):
        store.query("select * from no_such_view")


def test_legacy_flat_store_is_read_and_adopted(tmp_path: Path) -> None:
    root = tmp_path / "old"
    (root / "indicators").mkdir(parents=True)
    _frame(["CHN"], [2010]).to_parquet(root / "indicators" / "gvc_old.parquet")
    (root / "indicators" / ".tmp-abc.parquet").write_bytes(b"half")
    store = Store(root)
    assert store.datasets() == ["gvc_old"]
    assert len(store.read_indicators("gvc_old")) == 1
    w = store.commit("indicators", "gvc_old", _frame(["CHN", "USA"], [2010]))
    assert w.version == 1 and w.replaced is not None and w.replaced["version"] == 0
    assert json.loads((root / "manifest.json").read_text())["indicators"]["gvc_old"]["current"] == 1


def test_corrupt_manifest_names_the_file(store: Store) -> None:
    (store.root / "manifest.json").write_text("{not json")
    with pytest.raises(SchemaError, match="manifest.json"):
        store.datasets()


def test_old_versions_are_pruned_but_their_records_stay(tmp_path: Path) -> None:
    store = Store(tmp_path / "s", keep_versions=2)
    for k in range(4):
        store.commit("indicators", "a", _frame(["CHN"], [2010], float(k)))
    versions = store.info("a")["versions"]
    assert [v["version"] for v in versions] == [1, 2, 3, 4]
    assert [bool(v["file"]) for v in versions] == [False, False, True, True]
    assert sorted(p.name for p in (store.root / "indicators" / "a").iterdir()) == [
        "v0003.parquet", "v0004.parquet"]  # fmt: skip
    assert store.read_indicators("a", version=3)["value"].tolist() == [2.0]
    with pytest.raises(DataNotFoundError, match="v1 was pruned"):
        store.read_indicators("a", version=1)
    assert oct((store.root / "manifest.json").stat().st_mode & 0o777) != oct(0o600)
