"""``chainpower study init|run|report`` and ``demo --parts``."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from chainpower.cli import main
from chainpower.studies.spec import StudySpec, default_spec_text


def _small_spec(tmp_path: Path) -> Path:
    """The default spec, cut to the DiD and event models with a small inference budget."""
    text = default_spec_text()
    text = text.replace(
        'include = ["pooled", "re", "fe", "twfe", "stacked", "did", "event", "placebo"]',
        'include = ["did", "event"]',
    ).replace("n_boot = 999", "n_boot = 99").replace("n_perm = 499", "n_perm = 99")
    text = text.replace('methods = ["crv1", "cr3", "wild", "ri"]', 'methods = ["crv1", "ri"]')
    path = tmp_path / "small.toml"
    path.write_text(text, encoding="utf-8")
    assert StudySpec.from_toml(path).models.include == ("did", "event")
    return path


def test_init_writes_the_default_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "spec.toml"
    assert main(["study", "init", "--out", str(out)]) == 0
    assert tomllib.loads(out.read_text(encoding="utf-8")) == tomllib.loads(default_spec_text())
    assert "written:" in capsys.readouterr().out
    assert main(["study", "init", "--out", str(out)]) == 2  # exists, no --force
    assert "--force" in capsys.readouterr().err
    assert main(["study", "init", "--out", str(out), "--force"]) == 0
    capsys.readouterr()
    assert main(["study", "init"]) == 0
    assert capsys.readouterr().out.startswith("# chainpower study spec")


def test_run_writes_coefficients_and_report(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    spec = _small_spec(tmp_path)
    out = tmp_path / "coef.csv"
    rep = tmp_path / "rep"
    argv = ["study", "run", str(spec), "--synthetic", "--seed", "3", "--quiet",
            "--out", str(out), "--report", str(rep)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "study paper000:" in printed and "[synthetic panel]" in printed
    coef = pd.read_csv(out)
    assert set(coef["model"]) == {"did", "event"} and set(coef["method"]) == {"crv1", "ri"}
    assert (rep / "index.html").is_file() and (rep / "tables" / "event.md").is_file()
    # the summary line prints the DiD estimates that the file holds
    did = coef[(coef["model"] == "did") & (coef["method"] == "crv1")]
    chips = did.loc[did["outcome"] == "gvcpt_chips", "estimate"].iloc[0]
    assert f"chips {chips:+.4f}" in printed
    # the same seed gives the same file
    out2 = tmp_path / "coef2.csv"
    assert main(["study", "run", str(spec), "--synthetic", "--seed", "3", "--quiet",
                 "--out", str(out2)]) == 0
    pd.testing.assert_frame_equal(coef, pd.read_csv(out2))


def test_report_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _small_spec(tmp_path)
    assert main(["study", "report", str(spec), str(tmp_path / "r"), "--synthetic",
                 "--quiet"]) == 0
    assert "written:" in capsys.readouterr().out
    assert (tmp_path / "r" / "index.html").read_text(encoding="utf-8").count("<h2") >= 7


def test_bad_spec_and_output_are_errors_before_work(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(default_spec_text().replace('missing = "extend"', 'missing = "guess"'),
                   encoding="utf-8")
    assert main(["study", "run", str(bad), "--synthetic"]) == 2
    err = capsys.readouterr().err
    assert "key controls.missing" in err and "'carry_forward'" in err and str(bad) in err
    spec = _small_spec(tmp_path)
    assert main(["study", "run", str(spec), "--synthetic", "--out", str(tmp_path / "x.docx")]) == 2
    assert "unsupported output format" in capsys.readouterr().err


def test_demo_rejects_an_unknown_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--out", str(tmp_path), "--parts", "study,plots"]) == 2
    assert "plots" in capsys.readouterr().err


def test_demo_falls_back_to_the_synthetic_panel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Without a real-data folder the demo's study runs on the seeded synthetic panel (the
    default spec cut to the DiD model here, to stay fast)."""
    from chainpower.data.store import Store
    from chainpower.studies.study import Study

    small = StudySpec.from_toml(_small_spec(tmp_path))
    monkeypatch.setattr(Study, "default", classmethod(lambda cls: cls(small)))
    monkeypatch.setenv("CHAINPOWER_DATA", str(tmp_path / "no-data-here"))
    out = tmp_path / "demo"
    assert main(["demo", "--parts", "study", "--out", str(out)]) == 0
    assert "[synthetic panel]" in capsys.readouterr().out
    html = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "SYNTHETIC" in html
    coef = Store(out / "study_store").read_table("study_paper000_coefficients")
    assert set(coef["model"]) == {"did", "event"}
    assert not (out / "store").exists()  # the world part did not run
