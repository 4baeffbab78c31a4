"""Tables and figures of a :class:`~chainpower.studies.study.StudyResult`, and writing them.

Table kinds (all built from the panel and the coefficient schema):

============  ====================================================================
descriptive   paper 000 table 2: mean, sd, min, max, n of every variable
baseline      table 3: trust in pooled OLS, RE, FE and TWFE, per industry
did           table 4: trust_pre × post, the DiD and the placebo, per industry
event         event-study coefficients trust_pre × year
stacked       industries stacked with industry interactions
tests         Hausman (classic) and Mundlak (cluster-robust) per industry
replication   the paper's printed coefficients beside ours
merge         the merge report (every missing or filled cell with its reason)
============  ====================================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from chainpower.errors import InputError
from chainpower.studies import replication
from chainpower.studies.tables import descriptive_table, regression_table, render

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from chainpower.studies.study import StudyResult

__all__ = ["TABLE_KINDS", "figures", "table", "write_tables"]

TABLE_KINDS: tuple[str, ...] = (
    "descriptive", "baseline", "did", "event", "stacked", "tests", "replication", "merge",
)
CAPTIONS: dict[str, str] = {
    "descriptive": "Descriptive statistics (paper 000 table 2)",
    "baseline": "Trust and GVC participation: pooled OLS, random and fixed effects (table 3)",
    "did": "Generalized DiD trust_pre × post and the placebo (table 4)",
    "event": "Event study: trust_pre × year (reference year omitted)",
    "stacked": "Industries stacked, trust × industry interactions",
    "tests": "Random vs fixed effects: Hausman (classic) and Mundlak (cluster-robust)",
    "replication": "Paper 000's printed coefficients beside ours",
    "merge": "Merge report: every cell left out or filled, with its reason",
}


def _source(res: StudyResult) -> str:
    return "synthetic panel" if res.panel.synthetic else {
        "adb_ksreyes": "ADB MRIO-derived indicators; BSV ideal points; WDI/PWT",
        "mrio": "WIOD 2013 via chainpower; BSV ideal points; WDI/PWT",
        "long": "indicator file; BSV ideal points; WDI/PWT",
    }[res.spec.outcome.source]


def table(res: StudyResult, kind: str) -> pd.DataFrame:
    """One table of ``res`` (see the module docstring for the kinds)."""
    c = res.coefficients
    models = set(c["model"])
    if kind == "descriptive":
        return descriptive_table(
            res.panel.frame,
            outcome=res.panel.outcome,
            controls=res.panel.controls,
            industries=res.panel.industries,
        ).set_index("variable")
    if kind == "baseline":
        return regression_table(
            c, models=[m for m in ("pooled", "re", "fe", "twfe") if m in models], terms=["trust"]
        )
    if kind == "did":
        return regression_table(
            c, models=[m for m in ("did", "placebo") if m in models], terms=["trust_pre:post"]
        )
    if kind == "event":
        terms = sorted({t for t in c.loc[c["model"] == "event", "term"]})
        return regression_table(c, models=["event"], terms=terms)
    if kind == "stacked":
        terms = sorted({t for t in c.loc[c["model"].str.startswith("stacked"), "term"]})
        return regression_table(
            c, models=[m for m in ("stacked_twfe", "stacked_did") if m in models], terms=terms
        )
    if kind == "tests":
        if res.tests.empty:
            raise InputError("no specification tests: the spec has no 're' model", label=kind)
        return res.tests
    if kind == "replication":
        return replication.compare_coefficients(c, outcome=res.panel.outcome)
    if kind == "merge":
        return res.panel.report
    raise InputError(f"unknown table {kind!r}; known: {', '.join(TABLE_KINDS)}", label=kind)


def available_tables(res: StudyResult) -> list[str]:
    """The kinds that apply to ``res`` (those whose models ran)."""
    models = set(res.coefficients["model"])
    need = {
        "baseline": {"pooled", "re", "fe", "twfe"},
        "did": {"did", "placebo"},
        "event": {"event"},
        "stacked": {"stacked_twfe", "stacked_did"},
    }
    out = []
    for kind in TABLE_KINDS:
        if kind in need and not need[kind] & models:
            continue
        if kind == "tests" and res.tests.empty:
            continue
        out.append(kind)
    return out


def figures(res: StudyResult) -> dict[str, Figure]:
    """``participation`` (figs. 3/5/7), ``event_study`` (figs. 9–11, when the event model ran)
    and ``trust_scatter``."""
    from chainpower.studies.figures import (
        plot_event_study,
        plot_participation,
        plot_trust_scatter,
    )

    p = res.panel
    src = _source(res)
    if not res.spec.outputs.figures:
        return {}
    out: dict[str, Figure] = {
        "participation": plot_participation(
            p.frame, outcome=p.outcome, industries=p.industries, source=src,
            label=res.spec.outcome.label,
        ),
    }
    if "event" in set(res.coefficients["model"]):
        out["event_study"] = plot_event_study(
            res.coefficients,
            industries=p.industries,
            outcome=p.outcome,
            reference_year=res.spec.design.reference_year,
            policy_year=res.spec.design.policy_year,
            source=src,
        )
    out["trust_scatter"] = plot_trust_scatter(
        p.frame, outcome=p.outcome, industries=p.industries, source=src
    )
    return out


def write_tables(res: StudyResult, folder: str | Path) -> list[Path]:
    """Every available table in every format of ``outputs.tables`` (atomic writes)."""
    from chainpower.output import write

    folder = Path(folder)
    written = []
    for kind in available_tables(res):
        t = table(res, kind)
        for fmt in res.spec.outputs.tables:
            written.append(write(render(t, fmt, caption=CAPTIONS[kind]), folder / f"{kind}.{fmt}"))
    return written


def reading(res: StudyResult) -> list[str]:
    """A plain-language reading: what the evidence can and cannot support."""
    c = res.coefficients
    level = res.spec.inference.level
    alpha = 1 - level
    g_lo = int(c["n_clusters"].min()) if len(c) else 0
    g_hi = int(c["n_clusters"].max()) if len(c) else 0
    g = f"{g_hi}" if g_lo == g_hi else f"{g_lo}–{g_hi}"
    lines = [
        f"All inference clusters by economy: G = {g} clusters. With so few clusters, CR1 "
        "standard errors over-reject; the jackknife (CR3), the wild cluster bootstrap and "
        "randomization inference are the honest guides, and a result is only called "
        "supported when they agree.",
    ]
    did = c[(c["model"] == "did") & (c["term"] == "trust_pre:post")]
    for outcome, rows in did.groupby("outcome", sort=False):
        ind = str(outcome).split("_", 1)[-1]
        est = float(rows["estimate"].iloc[0])
        ok = rows[(rows["status"] == "ok") & rows["p"].notna()].set_index("method")["p"]
        rejects = [str(m) for m, p in ok.items() if p < alpha]
        ps = ", ".join(f"{m} p = {p:.3f}" for m, p in ok.items())
        if ok.empty:
            verdict = "no inference method was available"
        elif len(rejects) == len(ok):
            verdict = f"every method rejects a zero effect at {alpha:.0%}: supported"
        elif not rejects:
            verdict = f"no method rejects a zero effect at {alpha:.0%}: not supported"
        else:
            verdict = (f"only {', '.join(rejects)} reject(s) at {alpha:.0%}; the few-cluster "
                       "methods disagree, so the evidence is weak")
        lines.append(
            f"{ind}: the DiD coefficient of pre-policy trust × post is {est:+.4f} "
            f"({ps}) — {verdict}."
        )
    if not res.tests.empty:
        for ind_name, rows in res.tests.groupby("industry", sort=False):
            by = rows.set_index("test")
            parts = []
            if "mundlak_cr1" in by.index:
                p_m = float(by.loc["mundlak_cr1", "p"])  # type: ignore[arg-type]
                parts.append(f"the cluster-robust Mundlak test gives p = {p_m:.3f} "
                             + ("(random effects rejected: use fixed effects)" if p_m < alpha
                                else "(random effects not rejected)"))
            if "hausman_classic" in by.index:
                stat = float(by.loc["hausman_classic", "statistic"])  # type: ignore[arg-type]
                parts.append(f"the classic Hausman statistic is {stat:.2f}"
                             + (" (negative: its variance difference is not positive "
                                "definite, a known failure of the classic test)" if stat < 0
                                else "") + "; it assumes i.i.d. errors, which clustering denies")
            lines.append(f"{ind_name}, random vs fixed effects: " + "; ".join(parts) + ".")
    lines.append(
        "What the design cannot support: a causal effect of trust itself (trust is not "
        "randomly assigned and the post-2021 period also brings the pandemic recovery and "
        "the war in Ukraine), effects for economies outside the panel, or magnitudes beyond "
        "the few years observed. The DiD identifies only whether economies that trusted the "
        "US more before 2021 changed their participation differently afterwards."
    )
    if res.panel.synthetic:
        lines.insert(0, "These results come from a SYNTHETIC panel built by code (no real "
                        "data folder was found); they demonstrate the pipeline, not the world.")
    return lines


def numbers(res: StudyResult) -> dict[str, Any]:
    """Headline numbers for the CLI's summary line."""
    c = res.coefficients
    return {"models": len(res.fits), "rows": len(c), "n_obs": len(res.panel.frame),
            "seconds": round(res.timings.get("total", 0.0), 1)}
