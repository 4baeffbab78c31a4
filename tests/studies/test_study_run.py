"""Study.run on the seeded synthetic panel: every model runs, the known effects come back,
results are deterministic given the seed, and the tables, figures and report are built from
the coefficient schema."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

from chainpower.studies.results import check_coefficients
from chainpower.studies.spec import StudySpec
from chainpower.studies.study import Study, StudyResult
from chainpower.studies.synthetic import EFFECTS, synthetic_sources

FAST = {"methods": ["crv1", "wild", "ri"], "n_boot": 99, "n_perm": 99}


@pytest.fixture(scope="module")
def result() -> StudyResult:
    spec = StudySpec.default().replace(inference=FAST)
    return Study(spec).run(sources=synthetic_sources(spec, seed=11), progress=False)


def test_every_model_runs_and_follows_the_schema(result: StudyResult) -> None:
    c = check_coefficients(result.coefficients)
    names = {*result.fits}
    for step in ("pooled", "re", "fe", "twfe", "did", "event", "placebo"):
        assert {f"{step}:{i}" for i in ("chips", "vehicles", "minerals")} <= names
    assert {"stacked_twfe", "stacked_did"} <= names
    did = c[(c["model"] == "did") & (c["method"] == "crv1")]
    assert sorted(did["outcome"]) == ["gvcpt_chips", "gvcpt_minerals", "gvcpt_vehicles"]
    assert (did["n_clusters"] == 15).all() and (did["n_obs"] == 75).all()
    placebo = c[(c["model"] == "placebo") & (c["method"] == "crv1")]
    assert (placebo["n_obs"] == 45).all()  # 15 economies × 2018-2020
    ev = c[(c["model"] == "event") & (c["outcome"] == "gvcpt_chips")]
    assert sorted(set(ev["term"])) == [f"trust_pre:year_{y}" for y in (2018, 2019, 2021, 2022)]
    # baseline models: no permutation of a time-varying regressor; the RI rows say so
    for m in ("pooled", "re", "fe", "twfe"):
        rows = c[c["model"] == m]
        assert set(rows["method"]) == {"crv1", "wild", "ri"}
        ri = rows[rows["method"] == "ri"]
        assert (ri["status"] == "unavailable").all() and ri["p"].isna().all()
        assert ri["reason"].str.contains("varies within economy").all()
    assert (c.loc[c["model"] == "did", "status"] == "ok").all()
    # Hausman (classic) and Mundlak (cluster-robust) per industry
    assert sorted(result.tests["test"].unique()) == ["hausman_classic", "mundlak_cr1"]
    assert len(result.tests) == 6
    assert repr(result) == (
        "StudyResult(study='paper000', data='synthetic', rows=225, models=23, seed='2024')"
    )
    assert repr(result.panel).startswith("Panel(outcome='gvcpt', economies=15, years='2018–2022'")
    assert "\n" not in repr(result.panel)


def test_known_effects_are_recovered(result: StudyResult) -> None:
    """The synthetic DGP has β = −0.05 (chips), 0 (vehicles), +0.10 (minerals)."""
    c = result.coefficients
    did = c[(c["model"] == "did") & (c["method"] == "crv1")].set_index("outcome")
    for ind, beta in EFFECTS.items():
        row = did.loc[f"gvcpt_{ind}"]
        assert abs(row["estimate"] - beta) < 4 * row["se"] + 0.01, (ind, row["estimate"])
    wild = c[(c["model"] == "did") & (c["method"] == "wild")].set_index("outcome")["p"]
    assert wild["gvcpt_minerals"] < 0.05 and wild["gvcpt_chips"] < 0.05
    # stacked DiD: the industry interactions equal the per-industry DiD effects roughly
    st = c[(c["model"] == "stacked_did") & (c["method"] == "crv1")].set_index("term")["estimate"]
    assert sorted(st.index) == [f"trust_pre:post:ind_{i}" for i in ("chips", "minerals",
                                                                     "vehicles")]
    assert st["trust_pre:post:ind_minerals"] > st["trust_pre:post:ind_chips"]
    assert abs(st["trust_pre:post:ind_minerals"] - 0.10) < 0.04
    # event study: post-policy coefficients carry the effect, pre-policy ones do not
    ev = c[(c["model"] == "event") & (c["outcome"] == "gvcpt_minerals")
           & (c["method"] == "crv1")].set_index("term")["estimate"]
    assert abs(ev["trust_pre:year_2018"]) < 0.04 and abs(ev["trust_pre:year_2019"]) < 0.04
    assert ev["trust_pre:year_2021"] > 0.05 and ev["trust_pre:year_2022"] > 0.05


def test_deterministic_given_the_seed() -> None:
    spec = StudySpec.default().replace(
        models={"include": ["did"]},
        inference={"methods": ["crv1", "cr3", "wild", "ri"], "n_boot": 99, "n_perm": 99},
    )
    src = synthetic_sources(spec, seed=2)
    a = Study(spec).run(seed=5, sources=src, progress=False).coefficients
    b = Study(spec).run(seed=5, sources=src, progress=False).coefficients
    c = Study(spec).run(seed=6, sources=src, progress=False).coefficients
    pd.testing.assert_frame_equal(a, b)
    pa, pc = a.set_index(["outcome", "method"])["p"], c.set_index(["outcome", "method"])["p"]
    assert (pa.xs("crv1", level="method") == pc.xs("crv1", level="method")).all()
    assert not np.allclose(pa.xs("ri", level="method"), pc.xs("ri", level="method"))


def test_tables_render_every_method_side_by_side(result: StudyResult) -> None:
    from chainpower.studies.tables import latex_escape, render

    did = result.table("did")
    assert list(did.columns) == ["did", "placebo"]
    lines = [line for o, t, line in did.index if (o, t) == ("gvcpt_minerals", "trust_pre:post")]
    assert lines == ["estimate", "se CR1", "p CR1", "p wild bootstrap", "p randomization",
                     "methods agree", "N", "G"]
    # minerals has a true effect of 0.10: every method rejects
    agree = did.loc[("gvcpt_minerals", "trust_pre:post", "methods agree"), "did"]
    assert agree == "yes: reject"
    c = result.coefficients
    est = c[(c["model"] == "did") & (c["outcome"] == "gvcpt_minerals")]["estimate"].iloc[0]
    cell = did.loc[("gvcpt_minerals", "trust_pre:post", "estimate"), "did"]
    assert cell.rstrip("*") == f"{est:.3f}"
    base = result.table("baseline")
    assert list(base.columns) == ["pooled", "re", "fe", "twfe"]
    tex = render(did, "tex", caption="DiD & placebo_1 (100%)")
    assert r"DiD \& placebo\_1 (100\%)" in tex and r"trust\_pre:post" in tex
    assert "\\begin{tabular}" in tex and tex.count("\\\\") >= len(did) + 1
    assert latex_escape("a_b$c#d{e}~^\\") == (
        r"a\_b\$c\#d\{e\}\textasciitilde{}\textasciicircum{}\textbackslash{}"
    )
    md = render(did, "md")
    assert md.splitlines()[0].startswith("| outcome | term | line | did | placebo |")
    html = render(did, "html", caption="<b>x</b>")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and html.count("<tr>") == len(did) + 1
    desc = result.table("descriptive")
    f = result.panel.frame
    chips = f.loc[f["industry"] == "chips", "gvcpt"]
    assert desc.loc["gvcpt_chips", "mean"] == pytest.approx(chips.mean())
    assert desc.loc["gvcpt_chips", "sd"] == pytest.approx(chips.std(ddof=1))
    assert desc.loc["distance", "n"] == 75


def test_replication_puts_the_paper_beside_ours(result: StudyResult) -> None:
    rep = result.table("replication").set_index(["industry", "model"])
    assert rep.loc[("minerals", "did"), "paper_estimate"] == 2.577
    assert rep.loc[("chips", "twfe"), "paper_estimate"] == 0.3363
    c = result.coefficients
    ours = c[(c["model"] == "did") & (c["outcome"] == "gvcpt_chips") & (c["method"] == "crv1")]
    assert rep.loc[("chips", "did"), "estimate"] == pytest.approx(ours["estimate"].iloc[0])
    assert rep.loc[("chips", "did"), "t_crv1"] == pytest.approx(ours["stat"].iloc[0])
    assert "not defined well enough" in rep.loc[("chips", "time_fe"), "note"]
    assert np.isnan(rep.loc[("chips", "time_fe"), "estimate"])
    from chainpower.studies.replication import descriptives_side_by_side

    wide = descriptives_side_by_side(result.table("descriptive").reset_index())
    assert wide.loc["distance", "mean (paper)"] == 2.032
    assert wide.loc["distance", "max (ours)"] == pytest.approx(result.panel.frame["distance"].max())


def test_figures_leave_global_state_alone(result: StudyResult, tmp_path: Path) -> None:
    backend, rc = matplotlib.get_backend(), dict(matplotlib.rcParams)
    figs = result.figures()
    assert sorted(figs) == ["event_study", "participation", "trust_scatter"]
    assert matplotlib.get_backend() == backend and dict(matplotlib.rcParams) == rc
    part = figs["participation"]
    assert len(part.axes) == 3 and [a.get_title() for a in part.axes] == [
        "chips", "vehicles", "minerals"
    ]
    assert len(part.axes[0].lines) == 15
    assert all(float(t).is_integer() for t in part.axes[0].get_xticks())
    ev = figs["event_study"].axes[0]
    xs = sorted(float(x) for x in ev.lines[0].get_xdata())
    assert xs == [2018, 2019, 2020, 2021, 2022]  # reference year drawn at zero
    ys = dict(zip(ev.lines[0].get_xdata(), ev.lines[0].get_ydata(), strict=True))
    assert ys[2020] == 0.0


def test_report_is_self_contained_and_atomic(result: StudyResult, tmp_path: Path) -> None:
    folder = tmp_path / "rep"
    index = result.report(folder)
    html = index.read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 3
    assert "SYNTHETIC" in html and "G = 15 clusters" in html
    assert "http://" not in html and "https://" not in html  # nothing fetched from outside
    for heading in ("What the evidence can and cannot support", "Data and provenance",
                    "Descriptive statistics", "Figures", "Estimates", "The spec", "Software"):
        assert f">{heading}</h2>" in html
    assert (folder / "tables" / "did.tex").exists() and (folder / "coefficients.csv").exists()
    coef = pd.read_csv(folder / "coefficients.csv")
    assert len(coef) == len(result.coefficients)
    # a second report replaces the first; no temporary folder is left behind
    plain = dataclasses.replace(result, spec=result.spec.replace(outputs={"figures": False}))
    plain.report(folder)
    assert [p.name for p in tmp_path.iterdir()] == ["rep"]
    html2 = (folder / "index.html").read_text(encoding="utf-8")
    assert "data:image/png" not in html2 and not (folder / "figures").exists()


def test_interrupted_report_leaves_the_old_one(result: StudyResult, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from chainpower.studies import report as report_mod

    folder = tmp_path / "rep"
    plain = dataclasses.replace(result, spec=result.spec.replace(outputs={"figures": False}))
    plain.report(folder)
    before = (folder / "index.html").read_bytes()

    def boom(*_a: object, **_k: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(report_mod, "render_report", boom)
    with pytest.raises(KeyboardInterrupt):
        plain.report(folder)
    assert (folder / "index.html").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["rep"]
