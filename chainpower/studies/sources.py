"""Load a study's three inputs from real data (``$CHAINPOWER_DATA``).

* outcome, by ``spec.outcome.source``:
  ``adb_ksreyes`` → :func:`chainpower.data.indicator_files.load_adb_indicators` (published
  ADB-derived Borin–Mancini participation, 72 economies × 35 sectors, 2017–2022);
  ``mrio`` → the GVC engine on each year's table (:func:`chainpower.mrio.io.read_wiod2013`,
  then :func:`chainpower.gvc.compute_indicators`; WIOD 2013 covers 1995–2011 and 12 of paper
  000's 15 economies); ``long`` → :func:`chainpower.data.indicator_files.read_indicator_long`.
* trust → :func:`chainpower.alignment.trust` on published BSV ideal points, or on own estimates
  (:func:`chainpower.alignment.estimate_ideal_points` on the UN votes, or a file of them).
* controls → :func:`chainpower.data.macro.controls.paper000_controls` with the spec's
  missing-year policy.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from chainpower.errors import InputError
from chainpower.studies.panel import PanelSources
from chainpower.studies.spec import StudySpec

__all__ = ["load_controls", "load_outcome", "load_sources", "load_trust"]


def _codes(spec: StudySpec) -> list[str]:
    fam = spec.outcome.family
    return sorted({c for ind in spec.industries for c in ind.sectors[fam]})


def load_outcome(spec: StudySpec) -> tuple[pd.DataFrame, str]:
    """Tidy outcome rows for the spec's economies, years and sectors, and a provenance line."""
    out = spec.outcome
    if out.source == "adb_ksreyes":
        from chainpower.data.indicator_files import load_adb_indicators

        df = load_adb_indicators(
            countries=list(spec.economies), years=spec.year_list, sectors=_codes(spec)
        )
        line = (
            "ADB MRIO-derived indicators (ksreyes/mrio-processing, 72 economies, 2017-2022): "
            f"{' + '.join(out.indicators)}; published indicators, since no full ADB table for "
            "these years is at hand"
        )
        return df, line
    if out.source == "long":
        from chainpower.data.indicator_files import read_indicator_long

        path = Path(str(out.path)).expanduser()
        return read_indicator_long(path), f"long-format indicator file {path}"
    return _mrio_outcome(spec)


def _mrio_outcome(spec: StudySpec) -> tuple[pd.DataFrame, str]:
    from chainpower.gvc import compute_indicators
    from chainpower.mrio.io import read_wiod2013
    from chainpower.progress import progress

    out = spec.outcome
    wanted = set(out.indicators) | ({out.denominator} if out.denominator else set())
    codes = set(_codes(spec))
    frames = []
    for year in progress(spec.year_list, desc="outcome: WIOD tables", total=len(spec.year_list)):
        if not 1995 <= year <= 2011:
            raise InputError(
                f"years: WIOD 2013 covers 1995-2011, not {year}", label="outcome.table"
            )
        table = read_wiod2013(year, out.path)
        have = set(table.countries)
        unknown = [c for c in spec.economies if c not in have]
        if unknown:
            raise InputError(
                f"economies {unknown} are not in WIOD 2013 (it has {len(have)} economies)",
                label="economies",
            )
        ind = compute_indicators(table)
        ind = ind[
            ind["indicator"].isin(wanted)
            & ind["sector"].isin(codes)
            & ind["partner"].isna()
            & ind["country"].isin(spec.economies)
        ]
        frames.append(ind)
    df = pd.concat(frames, ignore_index=True)
    line = f"WIOD 2013 tables {spec.years[0]}-{spec.years[1]} through the GVC engine: " + (
        f"({' + '.join(out.indicators)}) / {out.denominator}" if out.denominator
        else " + ".join(out.indicators)
    )
    return df, line


def load_trust(spec: StudySpec, *, seed: int | None = None) -> tuple[pd.DataFrame, str]:
    """Trust with the spec's reference country per economy-year, and a provenance line."""
    from chainpower.alignment.trust import trust

    al = spec.alignment
    countries = sorted(set(spec.economies) | {al.reference})
    lo, hi = spec.years
    if al.source == "published":
        table = trust("published", reference=al.reference, countries=countries, years=(lo, hi))
        return table, (
            f"Bailey-Strezhnev-Voeten ideal points (July 2023 release), reference {al.reference}"
        )
    ideal: Any
    if al.estimates:
        from chainpower.data.reading import read_frame

        ideal = read_frame(Path(al.estimates).expanduser())
        line = f"own ideal-point estimates from {al.estimates}"
    else:
        from chainpower.alignment.idealpoints import estimate_ideal_points
        from chainpower.data.unvotes import load_roll_calls, load_unvotes

        first = al.window if al.window is not None else lo - 10
        votes = load_unvotes()
        ideal = estimate_ideal_points(
            votes,
            load_roll_calls(),
            years=(first, hi),
            seed=spec.inference.seed if seed is None else seed,
            progress=False,
        )
        line = (
            f"own dynamic ideal points estimated from UN votes {first}-{hi} "
            f"(chainpower.alignment), reference {al.reference}"
        )
    table = trust(ideal, reference=al.reference, countries=countries, years=(lo, hi))
    return table, line


def load_controls(spec: StudySpec) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The control variables (country, year, …), the loader's report and a provenance line."""
    from chainpower.data.macro.controls import paper000_controls

    res = paper000_controls(
        list(spec.economies), spec.year_list, missing=spec.controls.missing
    )
    report = getattr(res, "report", pd.DataFrame())
    if not isinstance(report, pd.DataFrame):
        report = pd.DataFrame()
    line = (
        "World Bank WDI (2026-07 vintage) and Penn World Table 10.01, missing-year policy "
        f"{spec.controls.missing!r}"
    )
    return res.frame, report, line


def load_sources(spec: StudySpec, *, seed: int | None = None) -> PanelSources:
    """All three inputs of ``spec`` from the real-data folder.

    Warnings the loaders raise (cells they leave out, series they extend) are kept and shown
    in the report's provenance, not lost on the console.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome, o_line = load_outcome(spec)
        tr, t_line = load_trust(spec, seed=seed)
        ctl, ctl_report, c_line = load_controls(spec)
    notes = {
        f"note {i + 1}": " ".join(str(w.message).split())
        for i, w in enumerate(caught)
        if not issubclass(w.category, (DeprecationWarning, FutureWarning))
    }
    return PanelSources(
        outcome=outcome,
        trust=tr,
        controls=ctl,
        controls_report=ctl_report,
        provenance={"outcome": o_line, "trust": t_line, "controls": c_line, **notes},
    )
