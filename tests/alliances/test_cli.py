"""The ``alliances`` and ``policies`` subcommands."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chainpower.cli import run as _run


def test_classify_prints_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["alliances", "classify", "--as-of", "2024-06-30"]) == 0
    out = capsys.readouterr().out
    assert "action / high: CoRe, IPEF, JUCIP, QUAD, SCCD, TTC" in out


def test_exposure_to_csv_and_store(tmp_path: Path) -> None:
    out = tmp_path / "exp.csv"
    assert (
        _run(
            [
                "--store",
                str(tmp_path / "store"),
                "alliances",
                "exposure",
                "--countries",
                "VNM,USA",
                "--years",
                "2021-2022",
                "--out",
                str(out),
                "--to-store",
            ]
        )
        == 0
    )
    df = pd.read_csv(out)
    assert df.set_index(["country", "year"]).loc[("VNM", 2022), "n_alliances"] == 1
    assert df.set_index(["country", "year"]).loc[("USA", 2021), "n_alliances"] == 6
    from chainpower.data.store import Store

    tidy = Store(tmp_path / "store").read_indicators("alliance_exposure")
    assert len(tidy) == 4 * 10


def test_policies_and_show(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _run(["policies", "list", "--economy", "EU", "--type", "trade_protection"]) == 0
    out = capsys.readouterr().out
    assert "eu-fdi-screening-2019" in out and "eu-dual-use-2023" in out
    assert _run(["policies", "show", "eu-crma-2024"]) == 0
    assert "0.65" in capsys.readouterr().out
    assert _run(["alliances", "show", "ttc"]) == 0
    assert "ttc-2022-05-sanctions-evaders" in capsys.readouterr().out
    fig = tmp_path / "h.png"
    assert _run(["policies", "matrix", "--figure", str(fig)]) == 0
    assert fig.stat().st_size > 10_000


def test_network_and_unknown_alliance(tmp_path: Path) -> None:
    out = tmp_path / "net.csv"
    assert _run(["alliances", "network", "--out", str(out)]) == 0
    df = pd.read_csv(out)
    assert df.iloc[0]["country"] == "USA" and df.iloc[0]["alliances"] == 16
    from chainpower.errors import SchemaError

    with pytest.raises(SchemaError, match="no alliance 'nato'"):
        _run(["alliances", "show", "nato"])
