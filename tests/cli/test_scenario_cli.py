"""``chainpower scenario run|exposure``: parsing, errors before work, outputs, store, figure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.cli import main, run
from chainpower.errors import SpecError
from chainpower.mrio.synthetic import synthetic_world
from chainpower.scenarios import ScenarioSet, run_scenarios

TOML = """
name = "cli"
[[scenarios]]
id = "cut"
kind = "extraction"
origin = ["CHN"]
sectors = ["ELEC"]
destination = ["USA"]
replace_from = ["JPN", "KOR"]

[[scenarios]]
id = "dem"
kind = "demand"
shock = "relative"
destination = ["USA"]
change = -0.05
"""


def _file(tmp_path: Path, text: str = TOML) -> Path:
    p = tmp_path / "s.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_help_lists_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["scenario", "run", "--help"])
    out = capsys.readouterr().out
    assert "chainpower scenario run friendshoring.toml --wiod 2011" in out
    assert "--executor" in out and "--to-store" in out and "--figure" in out


def test_run_writes_output_store_and_figure(tmp_path: Path) -> None:
    out, fig, store = tmp_path / "r.parquet", tmp_path / "f.png", tmp_path / "st"
    rc = run(
        [
            "--store",
            str(store),
            "scenario",
            "run",
            str(_file(tmp_path)),
            "--synthetic",
            "2010",
            "--size",
            "20x12",
            "--out",
            str(out),
            "--figure",
            str(fig),
            "--to-store",
            "--quiet",
        ]
    )
    assert rc == 0 and fig.stat().st_size > 5000
    df = pd.read_parquet(out)
    world = synthetic_world(20, 12, range(2010, 2011), seed=2024)
    ref = run_scenarios(world, ScenarioSet.from_toml(_file(tmp_path))).to_frame()
    np.testing.assert_allclose(df["value"].to_numpy(), ref["value"].to_numpy(), rtol=1e-12)
    from chainpower.data.store import Store

    assert {"scn_cli_cut", "scn_cli_dem"} <= set(Store(store).datasets())


def test_errors_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _file(tmp_path, TOML.replace('["CHN"]', '["XXX"]'))
    rc = main(
        ["scenario", "run", str(bad), "--synthetic", "2010", "--out", str(tmp_path / "r.csv")]
    )
    err = capsys.readouterr().err
    assert rc == 2 and "unknown country 'XXX'" in err and "scenarios[0].origin" in err
    assert not (tmp_path / "r.csv").exists()
    with pytest.raises(SpecError, match="replace_shares"):
        run(
            [
                "scenario",
                "run",
                str(
                    _file(
                        tmp_path,
                        TOML.replace(
                            'replace_from = ["JPN", "KOR"]',
                            'replace_from = ["JPN", "KOR"]\n'
                            "replace_shares = {JPN = -1.0, KOR = 2.0}",
                        ),
                    )
                ),
                "--synthetic",
                "2010",
            ]
        )
    rc = main(
        [
            "scenario",
            "run",
            str(_file(tmp_path)),
            "--synthetic",
            "2010",
            "--out",
            str(tmp_path / "r.xyz"),
        ]
    )
    assert rc == 2 and "r.xyz" in capsys.readouterr().err


def test_exposure_command(tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    assert (
        run(
            [
                "scenario",
                "exposure",
                "--synthetic",
                "2010",
                "--countries",
                "USA,DEU",
                "--out",
                str(out),
                "--figure",
                str(tmp_path / "e.png"),
            ]
        )
        == 0
    )
    df = pd.read_csv(out)
    assert set(df["country"]) == {"USA", "DEU"}
    tot = df[df["indicator"].eq("fpem_look_through_share") & df["sector"].isna()]
    np.testing.assert_allclose(tot.groupby("country")["value"].sum(), 1.0, atol=1e-12)
