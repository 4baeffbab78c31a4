"""The top-level ``chainpower`` command: every subcommand's ``--help`` and the demo."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import pytest

from chainpower.cli import build_parser, main


def _subcommand_paths() -> list[list[str]]:
    """Every (nested) subcommand of the parser, e.g. ``["gvc", "indicators"]``."""
    paths: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    paths.append([*prefix, name])
                    walk(sub, [*prefix, name])

    walk(build_parser(), [])
    return paths


def test_every_documented_command_is_registered() -> None:
    top = {p[0] for p in _subcommand_paths()}
    assert {"mrio", "gvc", "votes", "ideal", "trust", "alliances", "policies", "demo"} <= top


@pytest.mark.parametrize("path", _subcommand_paths(), ids=lambda p: " ".join(p))
def test_help_of_every_subcommand(path: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*path, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: chainpower " + " ".join(path))
    assert "example" in out  # every command and action shows examples (cli/commands.py)


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 1
    assert "examples:" in capsys.readouterr().out


@pytest.mark.parametrize(
    "command", ["mrio", "gvc", "alliances", "policies", "dependencies", "store", "network", "study"]
)
def test_command_without_action_prints_its_help_and_fails(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command]) == 1
    assert capsys.readouterr().out.startswith(f"usage: chainpower {command} [-h]")


def test_demo_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A small demo world: store, indicators, strategic table and the figure are written,
    and the stored indicators obey the production-side identity that participation
    shares lie in [0, 1]."""
    from chainpower.data.store import Store

    out = tmp_path / "demo"
    args = ["demo", "--out", str(out), "--parts", "world", "--n-countries", "6"]
    assert main([*args, "--years", "2010-2012"]) == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")]  # no left-overs
    printed = capsys.readouterr().out
    assert "GVC participation" in printed and "bwd 2010" in printed and "fwd 2012" in printed
    fig = out / "participation.png"
    assert fig.exists() and fig.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    store = Store(out / "store")
    assert store.tables() == [f"mrio_synthetic_{y}" for y in (2010, 2011, 2012)]
    gvc = store.read_indicators("synthetic_gvc")
    assert sorted(gvc["year"].unique()) == [2010, 2011, 2012]
    assert gvc["country"].nunique() == 6
    strategic = pd.read_csv(out / "strategic_participation.csv")
    shares = strategic[strategic["indicator"].isin(["wwyz_gvcpt_f", "wwyz_gvcpt_b"])]["value"]
    assert len(shares) == 2 * 3 * 6 * 3  # two measures × industries × countries × years
    assert shares.between(0, 1).all()
    # Via DuckDB: the stored strategic table's value added of "chips" is that of sector ELEC.
    q = store.query(
        "select s.country, s.year, s.value as chips, g.value as elec "
        "from synthetic_gvc_strategic s join synthetic_gvc g using (country, year, indicator) "
        "where s.indicator = 'wwyz_va' and s.sector = 'chips' and g.sector = 'ELEC' "
        "and s.partner is null and g.partner is null"
    )
    assert len(q) == 6 * 3
    assert (q["chips"] - q["elec"]).abs().max() <= 1e-9 * q["elec"].abs().max()


def _examples(text: str) -> list[str]:
    """Command lines after ``examples:`` in a help text (``\\`` continuations joined, trailing
    ``# comments`` dropped)."""
    lines, out, cont = text.split("examples:", 1)[-1].splitlines(), [], ""
    for line in lines:
        line = cont + line.strip()
        cont = ""
        if line.endswith("\\"):
            cont = line[:-1] + " "
            continue
        if line.startswith("chainpower "):
            out.append(line.split("  #")[0].strip())
    return out


#: command modules whose examples' --out/--figure files must pass ``check_outputs``
CHECKED_OUTPUTS = {
    f"chainpower.cli.{m}" for m in ("mrio", "gvc", "alignment", "alliances", "store")
}


def test_every_help_example_parses(capsys: pytest.CaptureFixture[str]) -> None:
    """Each example printed by ``--help`` is a valid command line for the parser."""
    import shlex

    parser = build_parser()
    examples = set(_examples(parser.format_help()))
    for path in _subcommand_paths():
        with pytest.raises(SystemExit):
            main([*path, "--help"])
        examples |= set(_examples(capsys.readouterr().out))
    assert len(examples) >= 25
    for line in sorted(examples):
        args = shlex.split(line)[1:]
        try:
            ns = parser.parse_args(args)
        except SystemExit:  # argparse exits on a bad command line
            pytest.fail(f"help example does not parse: {line}")
        assert getattr(ns, "handler", None) is not None, line
        if ns.handler.__module__ in CHECKED_OUTPUTS:
            # the example's --out/--figure suffix is one the writer accepts (checked up front)
            from chainpower.cli.options import check_outputs

            check_outputs(ns)
