"""The study panel: outcome × trust × controls, joined with a merge report.

:func:`assemble_panel` joins three inputs (:class:`PanelSources`, loaded from real data by
:func:`chainpower.studies.sources.load_sources` or built by
:func:`chainpower.studies.synthetic.synthetic_sources`):

* ``outcome`` — tidy indicator rows ``(source, year, country, sector, partner, indicator,
  value)`` in the sector codes of the spec's table family. Per country-year-industry the
  outcome is ``y = Σ_s Σ_k v[s, k]`` over the industry's sectors ``s`` and the spec's
  ``indicators`` ``k``, or, with a ``denominator`` ``d``, ``y = Σ_s Σ_k v[s, k] / Σ_s v[s, d]``
  (a ratio pooled over sectors from its levels). A denominator ≤ 0 (an inventory draw-down
  can make gross exports negative) leaves the share undefined: the cell is left out and listed.
* ``trust`` — :func:`chainpower.alignment.trust` rows (year, iso3, distance, trust).
* ``controls`` — one row per country-year with the control columns.

Before anything is joined, an economy the outcome source does not know, or a year outside its
coverage, raises :class:`~chainpower.errors.InputError` naming them. Inside the coverage, every
missing or undefined cell is a row of :attr:`Panel.report` (country, year, industry, variable,
status, reason) and the observation leaves the panel — nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from chainpower.errors import InputError
from chainpower.results import Result
from chainpower.studies.spec import StudySpec

__all__ = ["REPORT_COLUMNS", "Panel", "PanelSources", "assemble_panel"]

REPORT_COLUMNS: tuple[str, ...] = ("country", "year", "industry", "variable", "status", "reason")
#: Merge-report statuses whose observation left the panel (others say how a cell was filled).
LEFT_OUT: tuple[str, ...] = ("missing", "undefined", "dropped")


@dataclass(frozen=True, eq=False, repr=False)
class PanelSources:
    """The three inputs of a panel and a line of provenance for each."""

    outcome: pd.DataFrame
    trust: pd.DataFrame
    controls: pd.DataFrame
    controls_report: pd.DataFrame = field(default_factory=pd.DataFrame)
    provenance: dict[str, str] = field(default_factory=dict)
    synthetic: bool = False

    def __repr__(self) -> str:
        from chainpower.results import format_fields

        return format_fields("PanelSources", {
            "outcome_rows": len(self.outcome), "trust_rows": len(self.trust),
            "control_rows": len(self.controls), "synthetic": self.synthetic,
        })


@dataclass(frozen=True, eq=False, repr=False)
class Panel(Result):
    """The estimation panel: ``frame`` has one row per country-year-industry with columns
    country, year, industry, unit (``country:industry``), the outcome, trust, distance and the
    controls; ``report`` the merge report (:data:`REPORT_COLUMNS`)."""

    frame: pd.DataFrame
    report: pd.DataFrame
    outcome: str
    controls: tuple[str, ...]
    industries: tuple[str, ...]
    provenance: dict[str, str]
    synthetic: bool = False
    unit: str = "country"
    time: str = "year"
    cluster: str = "country"

    def _repr_fields(self) -> dict[str, Any]:
        years = sorted(self.frame["year"].unique())
        return {
            "outcome": self.outcome,
            "economies": int(self.frame["country"].nunique()),
            "years": f"{years[0]}–{years[-1]}" if years else "-",
            "industries": len(self.industries),
            "rows": len(self.frame),
            "left_out": int(self.report["status"].isin(LEFT_OUT).sum()) if len(self.report) else 0,
        }

    @property
    def summary(self) -> pd.DataFrame:
        g = self.frame.groupby("industry", sort=False)
        return pd.DataFrame(
            {
                "n_obs": g.size(),
                "economies": g["country"].nunique(),
                "years": g["year"].nunique(),
                "mean_outcome": g[self.outcome].mean(),
                "mean_trust": g["trust"].mean(),
            }
        )

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def industry(self, name: str) -> pd.DataFrame:
        """The rows of one industry (a copy)."""
        return self.frame[self.frame["industry"] == name].reset_index(drop=True)


def _report(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(REPORT_COLUMNS))


def _check_coverage(spec: StudySpec, outcome: pd.DataFrame, what: str) -> None:
    """Unknown economy or a year outside the outcome source: an error before estimation."""
    have_c = set(outcome["country"].astype(str))
    unknown = [c for c in spec.economies if c not in have_c]
    if unknown:
        raise InputError(
            f"economies {unknown} are not in the outcome source {what} "
            f"(it covers {len(have_c)} economies, e.g. {sorted(have_c)[:8]})",
            label="economies",
        )
    have_y = set(int(y) for y in outcome["year"])
    outside = [y for y in spec.year_list if y not in have_y]
    if outside:
        span = f"{min(have_y)}-{max(have_y)}" if have_y else "no years"
        raise InputError(
            f"years {outside} are outside the outcome source {what} (it covers {span})",
            label="years",
        )


def _outcome_cells(spec: StudySpec, raw: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    out = spec.outcome
    family = out.family
    wanted = set(out.indicators) | ({out.denominator} if out.denominator else set())
    rows = raw[
        raw["indicator"].isin(wanted)
        & raw["country"].isin(spec.economies)
        & raw["year"].isin(spec.year_list)
        & raw["partner"].isna()
    ]
    report: list[dict[str, Any]] = []
    cells: list[dict[str, Any]] = []
    for ind in spec.industries:
        codes = ind.sectors[family]
        sub = rows[rows["sector"].isin(codes)]
        dup = sub.duplicated(["country", "year", "sector", "indicator"])
        if dup.any():
            r = sub[dup].iloc[0]
            raise InputError(
                "two outcome rows for one cell",
                label=f"{r['country']}/{r['sector']}/{r['indicator']}, {r['year']}",
            )
        values = sub.set_index(["country", "year", "sector", "indicator"])["value"]
        for c in spec.economies:
            for y in spec.year_list:
                cell = {"country": c, "year": y, "industry": ind.name}
                lacking = [
                    f"{s}/{k}" for s in codes for k in sorted(wanted) if (c, y, s, k) not in values
                ]
                if lacking:
                    report.append(
                        {**cell, "variable": out.name, "status": "missing",
                         "reason": f"no {', '.join(lacking)} in the outcome source "
                                   "(see the loader's notes in the provenance)"}
                    )
                    continue
                num = float(sum(values[(c, y, s, k)] for s in codes for k in out.indicators))
                if out.denominator:
                    den = float(sum(values[(c, y, s, out.denominator)] for s in codes))
                    if not den > 0:
                        report.append(
                            {**cell, "variable": out.name, "status": "undefined",
                             "reason": f"{out.denominator} = {den:.6g} ≤ 0: the share is undefined"}
                        )
                        continue
                    num /= den
                if not np.isfinite(num):
                    report.append(
                        {**cell, "variable": out.name, "status": "undefined",
                         "reason": f"non-finite value {num!r}"}
                    )
                    continue
                cells.append({**cell, out.name: num})
    frame = pd.DataFrame(cells, columns=["country", "year", "industry", out.name])
    return frame, report


def assemble_panel(spec: StudySpec, sources: PanelSources | None = None) -> Panel:
    """Join outcome × trust × controls for ``spec`` (see the module docstring).

    ``sources=None`` loads real data (:func:`chainpower.studies.sources.load_sources`).
    """
    if sources is None:
        from chainpower.studies.sources import load_sources

        sources = load_sources(spec)
    what = spec.outcome.source if not sources.synthetic else "synthetic"
    _check_coverage(spec, sources.outcome, what)
    frame, report = _outcome_cells(spec, sources.outcome)

    tr = sources.trust.rename(columns={"iso3": "country"})[["country", "year", "distance", "trust"]]
    tr = tr[tr["country"].isin(spec.economies) & tr["year"].isin(spec.year_list)]
    have_t = set(zip(tr["country"], tr["year"].astype(int), strict=True))
    controls = tuple(spec.controls.variables)
    ctl = sources.controls
    missing_cols = [v for v in controls if v not in ctl.columns]
    if missing_cols:
        raise InputError(f"controls frame lacks columns {missing_cols}", label="controls")
    ctl = ctl[["country", "year", *controls]]
    ctl = ctl[ctl["country"].isin(spec.economies) & ctl["year"].isin(spec.year_list)]
    ctl_ok = ctl.dropna(subset=list(controls))
    have_c = set(zip(ctl_ok["country"], ctl_ok["year"].astype(int), strict=True))
    ctl_nan = ctl.set_index(["country", "year"])

    keep = np.ones(len(frame), dtype=bool)
    for i, (c, y, ind) in enumerate(
        zip(frame["country"], frame["year"].astype(int), frame["industry"], strict=True)
    ):
        cell = {"country": c, "year": y, "industry": ind}
        if (c, y) not in have_t:
            keep[i] = False
            report.append({**cell, "variable": "trust", "status": "missing",
                           "reason": f"no ideal point for {c} or the reference in {y}"})
        if (c, y) not in have_c:
            keep[i] = False
            lacking = (
                [v for v in controls if pd.isna(ctl_nan.loc[(c, y), v])]
                if (c, y) in ctl_nan.index else list(controls)
            )
            report.append({**cell, "variable": ",".join(lacking), "status": "missing",
                           "reason": f"control(s) missing for {c} {y} "
                                     f"(missing-year policy {spec.controls.missing!r})"})
    frame = frame[keep]
    frame = frame.merge(tr, on=["country", "year"], how="left", validate="many_to_one")
    frame = frame.merge(ctl_ok, on=["country", "year"], how="left", validate="many_to_one")
    frame["year"] = frame["year"].astype(np.int64)
    frame.insert(3, "unit", frame["country"] + ":" + frame["industry"])
    frame = frame.sort_values(["industry", "country", "year"], kind="stable")
    order = {name: k for k, name in enumerate(i.name for i in spec.industries)}
    frame = frame.sort_values("industry", key=lambda s: s.map(order), kind="stable")
    rep = _report(report)
    if len(sources.controls_report):
        extra = _controls_rows(sources.controls_report, spec)
        rep = pd.concat([rep, extra], ignore_index=True) if len(rep) else extra
    if frame.empty:
        raise InputError("the panel is empty after the merge; see the merge report", label=what)
    return Panel(
        frame=frame.reset_index(drop=True),
        report=rep.sort_values(["variable", "country", "year"], kind="stable").reset_index(
            drop=True
        ),
        outcome=spec.outcome.name,
        controls=controls,
        industries=tuple(i.name for i in spec.industries),
        provenance=dict(sources.provenance),
        synthetic=sources.synthetic,
    )


def _controls_rows(report: pd.DataFrame, spec: StudySpec) -> pd.DataFrame:
    """The controls loader's own report (filled / extended cells) in the merge-report layout."""
    r = report.copy()
    if "iso3" in r.columns and "country" not in r.columns:
        r = r.rename(columns={"iso3": "country"})
    if "control" in r.columns and "variable" not in r.columns:
        r = r.rename(columns={"control": "variable"})
    for col in REPORT_COLUMNS:
        if col not in r.columns:
            r[col] = "all" if col == "industry" else None
    if "status" in report.columns:
        r["status"] = report["status"].astype(str)
    else:
        r["status"] = "filled"
    r = r[r["country"].isin(spec.economies) & r["year"].isin(spec.year_list)]
    return r[list(REPORT_COLUMNS)].reset_index(drop=True)
