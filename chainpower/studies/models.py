"""The study's model registry: one step name → the fits it makes (see :mod:`.study`).

Every fit goes through :func:`chainpower.studies.estimate` with the spec's inference menu,
clustered by economy. Randomization inference permutes the economy-level pre-policy trust
(``ri_column="trust_pre"``) across economies in the DiD, event-study, placebo and stacked-DiD
models. The baseline models' regressor ``trust`` varies within economy, so no permutation of
economy-level values keeps their design: their ``ri`` rows are ``unavailable`` with that reason
(never silently missing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from chainpower.errors import InputError
from chainpower.studies.design import Model
from chainpower.studies.panel import Panel
from chainpower.studies.spec import MODEL_NAMES, StudySpec

__all__ = ["ModelOutput", "run_model"]


@dataclass
class ModelOutput:
    fits: dict[str, Any] = field(default_factory=dict)
    tests: list[dict[str, Any]] = field(default_factory=list)


def _options(spec: StudySpec, seed: int) -> dict[str, Any]:
    inf = spec.inference
    return {
        "inference": tuple(inf.methods),
        "level": inf.level,
        "seed": seed,
        "n_boot": inf.n_boot,
        "n_perm": inf.n_perm,
        "study": spec.name,
        "cluster": "country",
    }


def _industry_frame(panel: Panel, industry: str) -> pd.DataFrame:
    df = panel.industry(industry)
    return df.rename(columns={panel.outcome: f"{panel.outcome}_{industry}"})


def _fit(df: pd.DataFrame, *, outcome: str, terms: list[str], controls: tuple[str, ...],
         model: Model, name: str, opts: dict[str, Any], unit: str = "country",
         ri_column: str | None = None) -> Any:
    from chainpower.studies.estimate import estimate

    methods = tuple(opts["inference"])
    no_ri = ri_column is None and "ri" in methods
    if no_ri:
        methods = tuple(m for m in methods if m != "ri")
    fit = estimate(
        df,
        outcome=outcome,
        terms=terms,
        controls=controls,
        model=model,
        unit=unit,
        time="year",
        cluster=opts["cluster"],
        inference=methods,
        level=opts["level"],
        seed=opts["seed"],
        n_boot=opts["n_boot"],
        n_perm=opts["n_perm"],
        ri_column=ri_column,
        study=opts["study"],
        name=name,
    )
    if no_ri:
        fit = _with_unavailable_ri(fit)
    return fit


def _with_unavailable_ri(fit: Any) -> Any:
    """Add an ``unavailable`` RI row per term, saying why (see the module docstring)."""
    import dataclasses

    c = fit.coefficients
    first = c[c["method"] == c["method"].iloc[0]].copy()
    first["method"] = "ri"
    for col in ("se", "stat", "df", "p", "ci_low", "ci_high"):
        first[col] = float("nan")
    first["status"] = "unavailable"
    first["reason"] = (
        "randomization inference permutes economy-level pre-policy trust; this regressor "
        "varies within economy, so no permutation keeps the design"
    )
    return dataclasses.replace(fit, coefficients=pd.concat([c, first], ignore_index=True))


def _with_pre(df: pd.DataFrame, *, policy_year: int, unit: str = "country") -> pd.DataFrame:
    from chainpower.studies.transforms import add_post, add_pre_level

    df = add_pre_level(df, "trust", unit=unit, time="year", before=policy_year, how="mean")
    return add_post(df, time="year", policy_year=policy_year)


def run_model(step: str, spec: StudySpec, panel: Panel, *, seed: int) -> ModelOutput:
    """Run one step of the study for every industry (or stacked); see the module docstring."""
    if step not in MODEL_NAMES:
        raise InputError(f"unknown model {step!r}; known: {', '.join(MODEL_NAMES)}", label=step)
    opts = _options(spec, seed)
    controls = tuple(panel.controls)
    out = ModelOutput()
    d = spec.design
    if step == "stacked":
        _stacked(panel, spec, controls, opts, out)
        return out
    for ind in panel.industries:
        df = _industry_frame(panel, ind)
        y = f"{panel.outcome}_{ind}"
        key = f"{step}:{ind}"
        if step in ("pooled", "re", "fe", "twfe"):
            out.fits[key] = _fit(df, outcome=y, terms=["trust"], controls=controls, model=step,
                                 name=step, opts=opts)
            if step == "re":
                out.tests += _hausman_rows(df, y, controls, ind, opts)
        elif step == "did":
            df = _with_pre(df, policy_year=d.policy_year)
            out.fits[key] = _fit(df, outcome=y, terms=["trust_pre:post"], controls=controls,
                                 model="twfe", name="did", opts=opts, ri_column="trust_pre")
        elif step == "event":
            from chainpower.studies.transforms import add_event_terms

            df = _with_pre(df, policy_year=d.policy_year)
            df, terms = add_event_terms(df, "trust_pre", time="year", reference=d.reference_year)
            out.fits[key] = _fit(df, outcome=y, terms=terms, controls=controls, model="twfe",
                                 name="event", opts=opts, ri_column="trust_pre")
        elif step == "placebo":
            lo, hi = d.placebo_years
            df = df[df["year"].between(lo, hi)].reset_index(drop=True)
            df = _with_pre(df, policy_year=d.placebo_year)
            out.fits[key] = _fit(df, outcome=y, terms=["trust_pre:post"], controls=controls,
                                 model="twfe", name="placebo", opts=opts, ri_column="trust_pre")
    return out


def _stacked(panel: Panel, spec: StudySpec, controls: tuple[str, ...], opts: dict[str, Any],
             out: ModelOutput) -> None:
    """All industries in one regression: unit = country × industry, clusters = economies."""
    df = panel.frame.copy()
    inds = list(panel.industries)
    for ind in inds:
        df[f"ind_{ind}"] = (df["industry"] == ind).astype(float)
    terms = [f"trust:ind_{ind}" for ind in inds]
    out.fits["stacked_twfe"] = _fit(df, outcome=panel.outcome, terms=terms, controls=controls,
                                    model="twfe", name="stacked_twfe", opts=opts, unit="unit")
    dd = _with_pre(df, policy_year=spec.design.policy_year, unit="country")
    did_terms = [f"trust_pre:post:ind_{ind}" for ind in inds]
    out.fits["stacked_did"] = _fit(dd, outcome=panel.outcome, terms=did_terms,
                                   controls=controls, model="twfe", name="stacked_did",
                                   opts=opts, unit="unit", ri_column="trust_pre")


def _hausman_rows(df: pd.DataFrame, outcome: str, controls: tuple[str, ...], industry: str,
                  opts: dict[str, Any]) -> list[dict[str, Any]]:
    """Classic Hausman (FE vs RE, non-robust) and the cluster-robust Mundlak test."""
    from chainpower.studies.hausman import hausman, mundlak_test

    regressors = ["trust", *controls]
    results = [
        hausman(df, outcome=outcome, regressors=regressors, unit="country", time="year"),
        mundlak_test(df, outcome=outcome, regressors=regressors, unit="country", time="year",
                     cluster=opts["cluster"]),
    ]
    rows = []
    for res in results:
        for rec in res.to_frame().to_dict("records"):
            rows.append({"industry": industry, "outcome": outcome,
                         **{str(k): v for k, v in rec.items()}})
    return rows
