"""The store: tidy validation, atomic writes, DuckDB views over Parquet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.paths import data_dir
from chainpower.data.store import TIDY_COLUMNS, Store, StoreConflictError, validate_tidy
from chainpower.errors import DataNotFoundError, InputError


def _frame(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": "test",
            "year": [2010 + i for i in range(len(values))],
            "country": ["CHN"] * len(values),
            "sector": ["c14"] * len(values),
            "partner": [None] * len(values),
            "indicator": ["gvc_participation"] * len(values),
            "value": values,
        }
    )


def test_write_and_query_round_trip(store: Store) -> None:
    store.write_indicators(_frame([0.1, 0.2, 0.4]), dataset="a")
    other = _frame([1.0]).assign(country="USA")
    store.write_indicators(other, dataset="b")
    assert store.datasets() == ["a", "b"]
    got = store.query("select country, sum(value) as s from indicators group by country order by 1")
    assert got["country"].tolist() == ["CHN", "USA"]
    np.testing.assert_allclose(got["s"].to_numpy(), [0.7, 1.0])
    back = store.read_indicators("a")
    assert list(back.columns) == list(TIDY_COLUMNS)
    np.testing.assert_allclose(back["value"].to_numpy(), [0.1, 0.2, 0.4])
    assert len(store.read_indicators(country="USA")) == 1
    by_set = store.query("select dataset, sum(value) as s from indicators group by 1 order by 1")
    assert by_set["dataset"].tolist() == ["a", "b"]
    np.testing.assert_allclose(by_set["s"].to_numpy(), [0.7, 1.0])
    assert store.query("select sum(value) as s from b")["s"].iloc[0] == 1.0


def test_replacing_a_dataset(store: Store) -> None:
    store.write_indicators(_frame([1.0, 2.0]), dataset="a")
    with pytest.raises(StoreConflictError, match=r"lose years 2011; rows 2 → 1.*--replace"):
        store.write_indicators(_frame([5.0]), dataset="a")
    assert store.read_indicators("a")["value"].tolist() == [1.0, 2.0]
    store.write_indicators(_frame([5.0]), dataset="a", overwrite=True)
    assert store.read_indicators("a")["value"].tolist() == [5.0]
    assert store.read_indicators("a", version=1)["value"].tolist() == [1.0, 2.0]


def test_nan_value_rejected_with_row_and_nothing_written(store: Store) -> None:
    store.write_indicators(_frame([1.0]), dataset="a")
    with pytest.raises(InputError, match=r"row 1 \(CHN/c14/"):
        store.write_indicators(_frame([1.0, float("nan")]), dataset="a")
    # the earlier file is untouched: no partial write
    assert store.read_indicators("a")["value"].tolist() == [1.0]
    assert not list(store.root.rglob(".tmp-*"))


def test_missing_column_and_null_key() -> None:
    with pytest.raises(InputError, match="missing tidy columns"):
        validate_tidy(_frame([1.0]).drop(columns="indicator"))
    bad = _frame([1.0, 2.0])
    bad.loc[1, "country"] = None
    with pytest.raises(InputError, match="null 'country'.*row 1"):
        validate_tidy(bad)


def test_tables_and_bad_names(store: Store) -> None:
    df = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    store.write_table("votes_sample", df)
    assert store.tables() == ["votes_sample"]
    assert store.query("select sum(a) as s from votes_sample")["s"].iloc[0] == 3
    with pytest.raises(InputError, match="store names"):
        store.write_table("../escape", df)


def test_data_dir_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHAINPOWER_DATA", str(tmp_path))
    assert data_dir() == tmp_path
    monkeypatch.setenv("CHAINPOWER_DATA", str(tmp_path / "nope"))
    assert data_dir() is None
    with pytest.raises(DataNotFoundError, match="nope"):
        data_dir(required=True)
