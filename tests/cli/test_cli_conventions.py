"""Command-line conventions across commands (issue 12): one table-source group, one list
syntax, one output writer with validated formats, dates checked, too little information
refused, empty results as errors, ``--version``, and Ctrl-C as one line with exit code 130."""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from chainpower.cli import build_parser, main

SOURCES = {"--wiod", "--adb", "--icio", "--generic", "--synthetic"}
#: ``demo`` is being rewritten (its --countries is a count and --out a folder, for now)
EXEMPT = ("demo",)


def _leaves() -> dict[str, argparse.ArgumentParser]:
    """Every leaf subcommand's parser, keyed by its command path."""
    out: dict[str, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs and prefix:
            out[prefix] = parser
        for action in subs:
            for name, sub in action.choices.items():
                walk(sub, f"{prefix} {name}".strip())

    walk(build_parser(), "")
    return out


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {s: a for a in parser._actions for s in a.option_strings}


def _mrio_fixtures() -> Any:
    path = Path(__file__).parents[1] / "mrio" / "conftest.py"
    spec = importlib.util.spec_from_file_location("mrio_fixture_writers", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from chainpower import __version__

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.strip() == f"chainpower {__version__}"


def test_every_table_reader_has_the_whole_source_group() -> None:
    readers = {k: p for k, p in _leaves().items() if "--wiod" in _options(p)}
    assert {"mrio check", "mrio load", "gvc indicators", "gvc decompose"} <= set(readers)
    for name, parser in readers.items():
        opts = _options(parser)
        assert set(opts) >= SOURCES, (name, SOURCES - set(opts))
        assert {"--path", "--sheet", "--size", "--seed-table", "--rtol", "--atol"} <= set(opts)


def test_one_list_syntax_for_countries() -> None:
    seen = 0
    for name, parser in _leaves().items():
        action = _options(parser).get("--countries")
        if action is None or name.startswith(EXEMPT):
            continue
        seen += 1
        assert action.nargs is None, f"{name}: --countries takes one comma list"
        assert callable(action.type) and action.type("usa, chn") == ["USA", "CHN"], name
    assert seen >= 6


def test_every_out_option_names_the_same_formats() -> None:
    from chainpower.output import FRAME_SUFFIXES

    for name, parser in _leaves().items():
        action = _options(parser).get("--out")
        if action is None or action.metavar != "FILE":  # folders, spec files
            continue
        assert all(sfx in (action.help or "") for sfx in FRAME_SUFFIXES), name


def test_gvc_reads_adb_and_icio(tmp_path: Path) -> None:
    from chainpower.gvc.indicators import compute_indicators
    from chainpower.mrio.io import read_adb_xlsx, read_oecd_icio

    fx = _mrio_fixtures()
    adb = tmp_path / "ADB-MRIO-2019.xlsx"
    fx.adb_workbook(adb)
    icio = fx.icio_csv(tmp_path / "ICIO2023_2019.csv", fx.split_icio())
    for flag, path, read in (("--adb", adb, read_adb_xlsx), ("--icio", icio, read_oecd_icio)):
        out = tmp_path / f"{flag[2:]}.parquet"
        argv = ["gvc", "indicators", flag, str(path), "--no-trade", "--no-va-fd", "--out", str(out)]
        assert main(argv) == 0
        got = pd.read_parquet(out)
        assert not got.loc[got["sector"].isna(), "sector_name"].notna().any()
        want = compute_indicators(read(path), trade=False, origin_destination=False)
        np.testing.assert_allclose(got["value"], want["value"], rtol=1e-12)
        named = got[got["sector"].notna()]
        assert (
            named["sector_name"].notna().all() and (named["sector_name"] != named["sector"]).all()
        )


def test_formats_validated_before_work_and_really_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    t0 = time.monotonic()
    assert (
        main(["gvc", "indicators", "--synthetic", "2000-2019", "--out", str(tmp_path / "a.xls")])
        == 2
    )
    assert time.monotonic() - t0 < 2.0  # refused before computing 20 years
    assert "unsupported output format '.xls'" in capsys.readouterr().err
    xlsx = tmp_path / "classify.xlsx"
    assert main(["alliances", "classify", "--out", str(xlsx)]) == 0
    assert xlsx.read_bytes()[:2] == b"PK"  # a real workbook, not CSV text under that name
    assert len(pd.read_excel(xlsx)) > 10
    dta = tmp_path / "exposure.dta"
    assert main(["alliances", "exposure", "--countries", "VNM,USA", "--out", str(dta)]) == 0
    assert set(pd.read_stata(dta)["country"]) == {"VNM", "USA"}


@pytest.mark.parametrize("day", ["30/06/2024", "2023-02-30", "2024-6-30", "tomorrow"])
def test_bad_dates_are_one_line_errors(day: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["alliances", "classify", "--as-of", day])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "YYYY-MM-DD" in err and repr(day) in err and "Traceback" not in err


def test_bad_lists_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["gvc", "indicators", "--synthetic", "--countries", ","])
    assert "empty list" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["trust", "--years", "2022-2018"])
    assert "FIRST-LAST" in capsys.readouterr().err
    assert main(["gvc", "indicators", "--synthetic", "--to-store", "../x"]) == 2
    assert "store names may hold only" in capsys.readouterr().err
    assert main(["gvc", "indicators", "--synthetic", "--sheet", "x"]) == 2
    assert "--sheet applies only with --adb" in capsys.readouterr().err
    assert main(["gvc", "decompose", "--synthetic", "--level", "country", "--sectors", "ELEC"]) == 2
    assert "--sectors does not apply" in capsys.readouterr().err


def test_too_few_countries_refused_before_reading_votes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAINPOWER_DATA", "/nonexistent")  # proves no vote file is read first
    assert main(["ideal", "estimate", "--countries", "USA,CHN", "--years", "2010-2019"]) == 2
    err = capsys.readouterr().err
    assert "at least 3 countries" in err and "±1" in err


def test_empty_result_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "none.csv"
    argv = ["policies", "list", "--economy", "JPN", "--type", "trade_rules", "--out", str(out)]
    assert main(argv) == 2  # JPN has no trade-rules instrument
    assert "is empty" in capsys.readouterr().err and not out.exists()


def test_keyboard_interrupt_is_one_line_and_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import chainpower.cli.gvc as gvc

    def interrupted(*_: Any, **__: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(gvc, "_run", interrupted)
    assert main(["gvc", "indicators", "--synthetic"]) == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "interrupted" in err


@pytest.mark.slow
def test_sigint_during_a_real_command_leaves_nothing(tmp_path: Path) -> None:
    """SIGINT to ``chainpower gvc indicators … --out big.csv --to-store`` once its work has
    started: exit 130, one line on stderr, no output file, no temporary file, store empty."""
    out, store = tmp_path / "big.csv", tmp_path / "st"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    code = "import sys; from chainpower.cli import main; sys.exit(main())"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "--store", str(store), "gvc", "indicators",
         "--synthetic", "2000-2029", "--size", "30x12", "--out", str(out), "--to-store"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # "GVC indicators: 30 table(s) to read …": work started
    assert "30 table(s)" in first, first
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    for _ in range(4):  # a SIGINT swallowed inside a native call: press Ctrl-C again
        try:
            proc.wait(timeout=3)
            break
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGINT)
    err = proc.stderr.read()
    assert proc.wait(timeout=20) == 130
    last = err.replace("\r", "\n").strip().splitlines()[-1]
    assert last == "chainpower: interrupted; nothing partial was written"
    assert "Traceback" not in err
    assert not out.exists() and not list(tmp_path.glob(".tmp-*"))
    from chainpower.data.store import Store

    assert Store(store).datasets() == []
