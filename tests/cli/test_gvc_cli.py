"""``chainpower gvc``: parsing, output files, store, and agreement with the Python API."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.cli import run as _run
from chainpower.cli.gvc import parse_years
from chainpower.errors import InputError


def _store_run(store: Path, argv: list[str]) -> int:
    return _run(["--store", str(store), *argv])


def test_parse_years() -> None:
    assert parse_years("2011") == [2011]
    assert parse_years("1995-1998") == [1995, 1996, 1997, 1998]
    assert parse_years("2000,2005-2006") == [2000, 2005, 2006]
    with pytest.raises(InputError, match="2011-1995"):
        parse_years("2011-1995")


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _run(["gvc", "indicators", "--help"])
    out = capsys.readouterr().out
    assert "chainpower gvc indicators --wiod 2011" in out and "--strategic" in out


def test_indicators_synthetic_matches_api(tmp_path: Path) -> None:
    from chainpower.gvc.indicators import compute_indicators
    from chainpower.mrio.synthetic import synthetic_world

    out = tmp_path / "ind.parquet"
    rc = _store_run(
        tmp_path / "st",
        ["gvc", "indicators", "--synthetic", "2010-2011", "--size", "5x12", "--seed-table", "3",
         "--no-va-fd", "--out", str(out), "--to-store"]
    )  # fmt: skip
    assert rc == 0
    df = pd.read_parquet(out)
    assert sorted(df.year.unique()) == [2010, 2011]
    want = compute_indicators(synthetic_world(5, 12, range(2010, 2012), seed=3)[1],
                              origin_destination=False)  # fmt: skip
    got = df[df.year == 2011].reset_index(drop=True)
    np.testing.assert_allclose(got["value"], want["value"], rtol=1e-12)
    assert list(df.columns) == ["source", "year", "country", "sector", "sector_name", "partner",
                                "indicator", "value"]  # fmt: skip
    assert set(df.loc[df.sector == "ELEC", "sector_name"]) == {"Electrical and optical equipment"}
    from chainpower.data.store import Store

    assert Store(tmp_path / "st").datasets() == ["gvc_synthetic_2010_2011"]


def test_indicators_strategic_csv(tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    assert _run(["gvc", "indicators", "--synthetic", "--strategic", "--no-trade",
                 "--out", str(out)]) == 0  # fmt: skip
    df = pd.read_csv(out)
    assert set(df.sector) == {"chips", "vehicles", "minerals"}
    assert not df.indicator.str.startswith("kww").any()


def test_decompose_sums_to_exports(tmp_path: Path) -> None:
    out = tmp_path / "wwz.csv"
    assert _run(["gvc", "decompose", "--synthetic", "--size", "4x12", "--level", "country",
                 "--what", "groups", "--out", str(out)]) == 0  # fmt: skip
    df = pd.read_csv(out).pivot_table(index="country", columns="indicator", values="value")
    parts = df["wwz_dva"] + df["wwz_fva"] + df["wwz_pdc"]
    np.testing.assert_allclose(parts, df["wwz_e"], rtol=1e-9)


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unsupported output format '.xls'"):
        _run(["gvc", "indicators", "--synthetic", "--no-trade", "--out", str(tmp_path / "x.xls")])
    with pytest.raises(InputError, match=r"USA not in the table.*--countries"):
        _run(["gvc", "indicators", "--synthetic", "--size", "3x12", "--countries", "USA"])
    with pytest.raises(InputError, match="--replace applies only with --to-store"):
        _run(["gvc", "indicators", "--synthetic", "--replace"])
    with pytest.raises(InputError, match="GxN"):
        _run(["gvc", "indicators", "--synthetic", "--size", "20", "--out", str(tmp_path / "a.csv")])
