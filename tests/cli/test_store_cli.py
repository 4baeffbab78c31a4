"""``chainpower store list|show|query|export|rm`` and writing with ``--to-store`` only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.cli import main
from chainpower.data.store import Store, tidy_to_wide

GVC = ["gvc", "indicators", "--synthetic", "2010-2011", "--size", "4x12", "--no-trade",
       "--no-va-fd"]  # fmt: skip
NAME = "gvc_synthetic_2010_2011"


def _cp(store: Path, *argv: str) -> int:
    return main(["--store", str(store), *argv])


def test_store_commands_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    st = tmp_path / "st"
    assert _cp(st, *GVC) == 0  # no --to-store: nothing stored
    assert Store(st).datasets() == []
    assert _cp(st, "store", "list") == 0
    assert "is empty" in capsys.readouterr().out

    assert _cp(st, *GVC, "--to-store") == 0
    assert f"stored: dataset {NAME}@v1" in capsys.readouterr().out
    stored = Store(st).read_indicators(NAME)
    assert stored["country"].nunique() == 4 and sorted(stored["year"].unique()) == [2010, 2011]

    assert _cp(st, "store", "list") == 0
    listing = capsys.readouterr().out
    assert NAME in listing and f"{len(stored):,} rows, years 2010–2011, 4 countries" in listing

    assert _cp(st, "store", "show", NAME) == 0
    shown = capsys.readouterr().out
    assert "current v1" in shown and "--to-store" in shown and "synthetic 2010" in shown

    sql = "select count(*) as n, sum(value) as s from indicators"
    assert _cp(st, "store", "query", sql) == 0
    assert capsys.readouterr().out.split()[2] == str(len(stored))
    q = tmp_path / "q.json"
    assert _cp(st, "store", "query", sql, "--out", str(q)) == 0
    got_q = pd.read_json(q)
    assert got_q["n"].iloc[0] == len(stored)
    assert got_q["s"].iloc[0] == pytest.approx(stored["value"].sum(), rel=1e-12)

    dta = tmp_path / "x.dta"
    assert _cp(st, "store", "export", NAME, "--out", str(dta)) == 0
    back = pd.read_stata(dta)
    np.testing.assert_allclose(back["value"], stored["value"], rtol=1e-15)
    wide = tmp_path / "w.parquet"
    assert _cp(st, "store", "export", NAME, "--wide", "--out", str(wide)) == 0
    got, want = pd.read_parquet(wide), tidy_to_wide(stored)
    assert list(got.columns) == list(want.columns) and len(got) == len(want)
    np.testing.assert_allclose(got["wwyz_va"], want["wwyz_va"])
    capsys.readouterr()

    # an unsupported suffix is refused before anything is read, and nothing is written
    assert _cp(st, "store", "export", NAME, "--out", str(tmp_path / "x.xls")) == 2
    assert "unsupported output format '.xls'" in capsys.readouterr().err
    assert not (tmp_path / "x.xls").exists()


def test_narrowing_needs_replace_and_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    st = tmp_path / "st"
    assert _cp(st, *GVC, "--to-store") == 0
    capsys.readouterr()
    narrow = [*GVC, "--countries", "C1", "--to-store", NAME]
    assert _cp(st, *narrow) == 2
    err = capsys.readouterr().err
    assert "would lose countries C2, C3, C4" in err and "--replace" in err
    assert err.count("\n") == 1  # one line, no traceback
    assert Store(st).read_indicators(NAME)["country"].nunique() == 4
    assert _cp(st, *narrow, "--replace") == 0
    assert "replaced v1" in capsys.readouterr().out
    assert Store(st).read_indicators(NAME)["country"].unique().tolist() == ["C1"]
    assert _cp(st, "store", "show", NAME) == 0
    assert "replaced v1" in capsys.readouterr().out
    assert _cp(st, "store", "export", NAME, "--version", "1",
               "--out", str(tmp_path / "v1.csv")) == 0  # fmt: skip
    assert pd.read_csv(tmp_path / "v1.csv")["country"].nunique() == 4
    assert _cp(st, "store", "rm", NAME, "--version", "2") == 0
    assert Store(st).info(NAME)["current"] == 1
    assert _cp(st, "store", "rm", NAME) == 0
    assert Store(st).datasets() == []
    capsys.readouterr()
    assert _cp(st, "store", "show", NAME) == 2
    assert "no dataset or table" in capsys.readouterr().err


def test_query_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store(tmp_path / "st")
    assert _cp(tmp_path / "st", "store", "query", "select * from nowhere") == 2
    err = capsys.readouterr().err
    assert err.startswith("chainpower: error: query failed") and err.count("\n") == 1


def test_reading_a_store_that_does_not_exist_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo"
    assert _cp(missing, "store", "list") == 2
    assert "no store folder here" in capsys.readouterr().err
    assert not missing.exists()  # not silently created
