"""CLI: votes agreement, ideal published/plot, trust (through :func:`chainpower.cli.main`:
errors are exit status 2)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chainpower.cli import main as _run
from chainpower.cli.alignment import parse_years
from chainpower.errors import InputError


def test_parse_years() -> None:
    assert parse_years("2010-2019") == (2010, 2019)
    assert parse_years("2015") == (2015, 2015)
    with pytest.raises(InputError, match="2019-2010"):
        parse_years("2019-2010")
    with pytest.raises(InputError, match="one range"):
        parse_years("2010,2012")


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _run(["votes", "agreement", "--help"])
    assert "examples:" in capsys.readouterr().out


@pytest.mark.shared_data
def test_agreement_cli(tmp_path: Path, un_votes_real: pd.DataFrame) -> None:
    out = tmp_path / "a.csv"
    rc = _run(
        [
            "votes",
            "agreement",
            "--countries",
            "CHN",
            "--reference",
            "USA",
            "--years",
            "2010-2019",
            "--measure",
            "sscore",
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    df = pd.read_csv(out)
    assert list(df.columns) == ["year", "country", "reference", "n_votes", "sscore"]
    assert df["year"].tolist() == list(range(2010, 2020))
    from chainpower.alignment.agreement import dyad_agreement

    direct = dyad_agreement(un_votes_real, "CHN", "USA", years=(2010, 2019))
    assert df["sscore"].to_numpy() == pytest.approx(direct["sscore"].to_numpy())
    # a year range without votes is a clean error (exit 2), not a traceback
    assert _run(["votes", "agreement", "--countries", "CHN", "--years", "2021-2022"]) == 2


@pytest.mark.shared_data
def test_trust_published_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    out = tmp_path / "t.parquet"
    assert (
        _run(
            [
                "--store",
                str(store),
                "trust",
                "--reference",
                "USA",
                "--years",
                "2018-2022",
                "--source",
                "published",
                "--compare-paper",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert len(pd.read_parquet(out)) == 75
    text = capsys.readouterr().out
    assert "2.032" in text and "3.613" in text
    from chainpower.data.store import Store

    assert Store(store).datasets() == []  # nothing stored without --to-store
    argv = ["--store", str(store), "trust", "--years", "2018-2022", "--to-store"]
    assert _run(argv) == 0
    assert "stored: dataset trust_USA_bsv@v1 (150 rows" in capsys.readouterr().out
    # a one-country lookup cannot silently replace the 15-economy panel
    assert _run([*argv, "--countries", "CHN"]) == 2
    assert "would lose countries" in capsys.readouterr().err
    assert len(Store(store).read_indicators("trust_USA_bsv")) == 150
    # own source without estimates: clean error
    assert _run(["--store", str(store), "trust", "--source", "own"]) == 2


@pytest.mark.shared_data
def test_ideal_published_and_plot_cli(tmp_path: Path) -> None:
    store = tmp_path / "store"
    out = tmp_path / "bsv.csv"
    assert (
        _run(
            ["--store", str(store), "ideal", "published", "--years", "2018-2022", "--out", str(out)]
        )
        == 0
    )
    df = pd.read_csv(out)
    assert df["year"].between(2018, 2022).all() and "q95" in df.columns
    fig = tmp_path / "fig.png"
    assert (
        _run(
            [
                "ideal",
                "plot",
                "--countries",
                "USA,CHN",
                "--source",
                "published",
                "--figure",
                str(fig),
            ]
        )
        == 0
    )
    assert fig.stat().st_size > 1000
    own = tmp_path / "own.csv"
    df.assign(lower=df["q05"], upper=df["q95"])[["iso3", "year", "ideal", "lower", "upper"]].to_csv(
        own, index=False
    )
    fig2 = tmp_path / "fig2.png"
    assert (
        _run(
            [
                "--store",
                str(store),
                "ideal",
                "plot",
                "--countries",
                "USA",
                "--source",
                "own",
                "--estimates",
                str(own),
                "--figure",
                str(fig2),
            ]
        )
        == 0
    )
    assert fig2.exists()


@pytest.mark.shared_data
@pytest.mark.slow
def test_own_estimates_are_explicit_runs(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    un_votes_real: pd.DataFrame,
    un_roll_calls_real: pd.DataFrame,
) -> None:
    """`ideal estimate` stores a run only with --to-store; with two runs stored, `trust --source
    own` must be told which (--run), says which it used, and records it as provenance."""
    import chainpower.data.unvotes as unvotes
    from chainpower.data.store import Store

    # the session's vote frames instead of re-reading the files on every command
    monkeypatch.setattr(unvotes, "load_unvotes", lambda *_a, **_k: un_votes_real)
    monkeypatch.setattr(unvotes, "load_roll_calls", lambda *_a, **_k: un_roll_calls_real)

    st = ["--store", str(tmp_path / "st")]
    assert _run([*st, "ideal", "estimate", "--years", "2017-2018"]) == 0
    assert Store(tmp_path / "st").tables() == []
    printed = capsys.readouterr().out
    assert "ideal points: " in printed and "converged after" in printed
    for years in ("2017-2018", "2016-2018"):
        assert _run([*st, "ideal", "estimate", "--years", years, "--to-store"]) == 0
    store = Store(tmp_path / "st")
    assert store.tables() == ["ideal_own_2016_2018", "ideal_own_2017_2018"]
    run = store.version("ideal_own_2017_2018")["provenance"]["run"]
    assert run["converged"] is True and run["n_obs"] > 10_000
    capsys.readouterr()
    trust = [*st, "trust", "--source", "own", "--years", "2017-2018"]
    assert _run(trust) == 2
    assert "2 own estimate runs are stored" in capsys.readouterr().err
    assert _run([*trust, "--run", "ideal_own_2017_2018@v1", "--to-store"]) == 0
    assert "using own estimates: stored run ideal_own_2017_2018@v1" in capsys.readouterr().out
    rec = Store(tmp_path / "st").version("trust_USA_own")
    assert rec["provenance"]["derived_from"] == ["ideal_own_2017_2018@v1"]
