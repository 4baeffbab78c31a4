"""A declarative study: ``Study.from_toml(spec).run(seed=) -> StudyResult``.

``run`` assembles the panel (:func:`chainpower.studies.panel.assemble_panel`) and estimates
every model the spec lists, each with the whole inference menu (CR1, CR3, wild cluster
bootstrap, randomization inference; :func:`chainpower.studies.estimate`), clustered by economy:

==========  ================================================================================
pooled      ``y_ijt = a + b·trust_it + c'controls_it + e`` per industry ``j`` (paper 000 model 1)
re          the same, random country effects; Hausman test against ``fe`` (classic, which
            assumes RE is efficient — not so under clustering — and the cluster-robust
            Mundlak / auxiliary-regression version)
fe, twfe    one-way (country) and two-way (country + year) fixed effects
stacked     all industries in one regression, unit = country × industry, with trust × industry
            (``stacked_twfe``) and trust_pre × post × industry (``stacked_did``)
did         ``y = d·trust_pre_i·post_t + controls + country FE + year FE`` (Nunn & Qian 2014),
            post = 1[t ≥ policy year], ``trust_pre`` the mean trust before the policy year
event       ``Σ_k d_k·trust_pre_i·1[t = k]`` for every year but the reference (the year before
            the policy), with country and year FE
placebo     the DiD on the placebo window (paper: 2018–2020) with a fake policy year (2019)
==========  ================================================================================

Industries are the outcome ``gvcpt_<industry>`` in the coefficient frame (the paper's rows
GVCPT_C, GVCPT_V, GVCPT_M); the stacked models have the outcome ``gvcpt``.
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from chainpower.errors import EstimationError
from chainpower.results import Result
from chainpower.studies.panel import Panel, PanelSources, assemble_panel
from chainpower.studies.spec import StudySpec

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Study", "StudyResult"]

#: Model steps in run order (each a progress step).
_BASELINE = ("pooled", "re", "fe", "twfe")


@dataclass(frozen=True)
class Study:
    """A study spec ready to run."""

    spec: StudySpec
    origin: str = ""

    @classmethod
    def from_toml(cls, path: str | Path) -> Study:
        return cls(StudySpec.from_toml(path), origin=str(path))

    @classmethod
    def default(cls) -> Study:
        return cls(StudySpec.default(), origin="chainpower/studies/data/paper000.toml")

    def panel(self, sources: PanelSources | None = None) -> Panel:
        return assemble_panel(self.spec, sources)

    def run(
        self,
        *,
        seed: int | None = None,
        sources: PanelSources | None = None,
        progress: bool = True,
    ) -> StudyResult:
        """Assemble the panel and estimate every model of the spec (see the module docstring).

        ``seed`` overrides ``inference.seed``; results are deterministic given it.
        ``sources`` (e.g. :func:`chainpower.studies.synthetic.synthetic_sources`) replaces the
        real-data loaders.
        """
        from chainpower.progress import progress as bar
        from chainpower.studies.models import run_model

        spec = self.spec
        seed = spec.inference.seed if seed is None else int(seed)
        started = _time.perf_counter()
        timings: dict[str, float] = {}
        panel = assemble_panel(spec, sources)
        timings["panel"] = _time.perf_counter() - started
        steps = [m for m in spec.models.include]
        fits: dict[str, Any] = {}
        hausman_rows: list[dict[str, Any]] = []
        disable = None if progress else True
        for step in bar(steps, desc=f"study {spec.name}", total=len(steps), disable=disable):
            t0 = _time.perf_counter()
            out = run_model(step, spec, panel, seed=seed)
            fits.update(out.fits)
            hausman_rows += out.tests
            timings[step] = _time.perf_counter() - t0
        if not fits:
            raise EstimationError("the spec lists no model that could run", model="all")
        coefs = pd.concat([f.to_frame() for f in fits.values()], ignore_index=True)
        timings["total"] = _time.perf_counter() - started
        return StudyResult(
            spec=spec,
            panel=panel,
            fits=fits,
            coefficients=coefs,
            tests=pd.DataFrame(hausman_rows),
            seed=seed,
            timings=timings,
            origin=self.origin,
        )


@dataclass(frozen=True, eq=False, repr=False)
class StudyResult(Result):
    """Everything a study estimated: the panel, each fit (name → ModelResult), all
    coefficients in the coefficient schema, the specification tests (Hausman, Mundlak), the
    seed and the time each step took."""

    spec: StudySpec
    panel: Panel
    fits: dict[str, Any]
    coefficients: pd.DataFrame
    tests: pd.DataFrame
    seed: int
    timings: dict[str, float] = field(default_factory=dict)
    origin: str = ""

    def _repr_fields(self) -> dict[str, Any]:
        return {
            "study": self.spec.name,
            "data": "synthetic" if self.panel.synthetic else self.spec.outcome.source,
            "rows": len(self.panel.frame),
            "models": len(self.fits),
            "seed": str(self.seed),
        }

    @property
    def summary(self) -> pd.DataFrame:
        """The DiD coefficient per industry with the p-value of every inference method."""
        c = self.coefficients
        did = c[(c["model"] == "did") & (c["term"] == "trust_pre:post")]
        if did.empty:
            did = c[c["term"] == "trust"]
        return did.pivot_table(
            index=["model", "outcome", "term"], columns="method", values="p", aggfunc="first"
        ).join(
            did.groupby(["model", "outcome", "term"])["estimate"].first()
        )

    def to_frame(self) -> pd.DataFrame:
        return self.coefficients.copy()

    def _meta(self) -> dict[str, Any]:
        return {
            "study": self.spec.name,
            "seed": self.seed,
            "spec": self.spec.model_dump(mode="json"),
            "provenance": self.panel.provenance,
            "synthetic": self.panel.synthetic,
            "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
        }

    # --------------------------------------------------------------- tables / figures
    def table(self, kind: str = "did") -> pd.DataFrame:
        """``descriptive`` (table 2), ``baseline`` (table 3), ``did`` (table 4 incl. the
        placebo), ``event``, ``stacked``, ``tests`` (Hausman/Mundlak), ``replication``."""
        from chainpower.studies import reporting

        return reporting.table(self, kind)

    def figures(self) -> dict[str, Figure]:
        """Participation over time, event study, trust scatter (name → Figure)."""
        from chainpower.studies import reporting

        return reporting.figures(self)

    def write_tables(self, folder: str | Path) -> list[Path]:
        """Every table in every format of ``outputs.tables`` into ``folder``."""
        from chainpower.studies import reporting

        return reporting.write_tables(self, folder)

    def report(self, folder: str | Path) -> Path:
        """The self-contained HTML report ``folder/index.html`` (built in a temporary folder
        and renamed at the end)."""
        from chainpower.studies.report import write_report

        return write_report(self, folder)

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Figure:
        figs = self.figures()
        key = kind or "event_study"
        if key not in figs:
            from chainpower.errors import InputError

            raise InputError(f"no figure {key!r}; have {sorted(figs)}", label=key)
        return figs[key]
