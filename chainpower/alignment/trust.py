"""Political trust with a reference country from ideal points (paper 000).

``distance_{i,t} = |θ_{i,t} − θ_{ref,t}|`` and ``trust_{i,t} = −distance_{i,t}`` (paper 000,
"political trust" after Bailey, Strezhnev & Voeten 2017), with ``θ`` one-dimensional ideal
points indexed by year (= UNGA session + 1945 for BSV). Sources: ``"published"`` — BSV's
posterior means (:func:`~chainpower.data.bsv.load_bsv`) — or ``"own"`` — a frame (or result
object with ``to_frame()``) from :func:`chainpower.alignment.idealpoints.estimate_ideal_points`
with columns iso3, year, ideal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from chainpower.data.countries import PAPER000_ECONOMIES
from chainpower.data.store import Store
from chainpower.errors import InputError

__all__ = [
    "PAPER000_COUNTRIES",
    "PAPER000_DISTANCE_STATS",
    "ideal_point_source",
    "paper000_comparison",
    "trust",
    "trust_indicators",
    "write_trust",
]

#: The 15 economies of paper 000.
PAPER000_COUNTRIES: tuple[str, ...] = PAPER000_ECONOMIES
#: Descriptive statistics of |θ_i − θ_US| printed in paper 000 (2018–2022, 15 economies).
PAPER000_DISTANCE_STATS: dict[str, float] = {"mean": 2.032, "sd": 1.002, "min": 0.0, "max": 3.752}


def ideal_point_source(
    source: str | pd.DataFrame | Any = "published", *, path: str | Path | None = None
) -> pd.DataFrame:
    """Ideal points as a frame with at least iso3, year, ideal (one row per country-year).

    ``source``: ``"published"`` (BSV file at ``path`` or the default), a frame, or an object
    with ``to_frame()`` (an ``IdealPointResult``). Raises :class:`InputError` on a missing
    column, a non-finite ideal point or two rows for one country-year.
    """
    if isinstance(source, str):
        if source == "published":
            from chainpower.data.bsv import load_bsv

            return load_bsv(path)
        if source == "own":
            raise InputError("source 'own' needs the estimates: pass the estimator's frame")
        raise InputError(f"unknown ideal-point source {source!r} (published or own)")
    df: Any = source
    if not isinstance(df, pd.DataFrame) and callable(getattr(df, "to_frame", None)):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"ideal-point source must be a DataFrame, not {type(df).__name__}")
    missing = [c for c in ("iso3", "year", "ideal") if c not in df.columns]
    if missing:
        raise InputError(f"ideal-point frame lacks columns {missing}")
    bad = ~np.isfinite(pd.to_numeric(df["ideal"], errors="coerce").to_numpy(dtype=float))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(
            "non-finite ideal point", label=f"row {i} ({df['iso3'].iloc[i]}, {df['year'].iloc[i]})"
        )
    dup = df.duplicated(["iso3", "year"]).to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(
            "two ideal points for one country-year",
            label=f"row {i} ({df['iso3'].iloc[i]}, {df['year'].iloc[i]})",
        )
    return df


def trust(
    source: str | pd.DataFrame | Any = "published",
    *,
    reference: str = "USA",
    countries: list[str] | tuple[str, ...] | None = None,
    years: tuple[int, int] | None = None,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """Distance and trust of each country with ``reference`` per year.

    Returns columns year, iso3, reference, ideal, ideal_reference, distance, trust (rows sorted
    by year, iso3); ``countries=None`` takes every country present. Raises
    :class:`InputError` when a requested year, the reference in some year, or a requested
    country-year is missing from the source — never a NaN row.
    """
    ideal = ideal_point_source(source, path=path)
    df = ideal[["iso3", "year", "ideal"]].copy()
    df["iso3"] = df["iso3"].astype(str)
    df["year"] = df["year"].astype(np.int64)
    if years is not None:
        lo, hi = years
        have = set(df["year"].tolist())
        absent = [y for y in range(lo, hi + 1) if y not in have]
        if absent:
            raise InputError(
                f"no ideal points for year(s) {absent} (source covers {min(have)}-{max(have)})"
            )
        df = df[df["year"].between(lo, hi)]
    ref = df[df["iso3"] == reference].set_index("year")["ideal"]
    no_ref = sorted(set(df["year"]) - set(ref.index))
    if no_ref:
        raise InputError(f"reference {reference!r} has no ideal point in year(s) {no_ref}")
    if countries is not None:
        wanted = pd.MultiIndex.from_product([list(countries), sorted(set(df["year"]))])
        have_pairs = pd.MultiIndex.from_frame(df[["iso3", "year"]])
        lacking = wanted.difference(have_pairs)
        if len(lacking):
            raise InputError(
                f"no ideal point for {len(lacking)} country-year(s), e.g. {list(lacking[:5])}"
            )
        df = df[df["iso3"].isin(list(countries))]
    out = df.assign(reference=reference, ideal_reference=df["year"].map(ref).to_numpy())
    out["distance"] = np.abs(out["ideal"] - out["ideal_reference"])
    out["trust"] = 0.0 - out["distance"]  # 0.0 − d, so that d = 0 gives +0.0
    cols = ["year", "iso3", "reference", "ideal", "ideal_reference", "distance", "trust"]
    return out[cols].sort_values(["year", "iso3"]).reset_index(drop=True)


def trust_indicators(table: pd.DataFrame, *, source: str = "bsv") -> pd.DataFrame:
    """A :func:`trust` table in the store's tidy schema: indicators ``trust_ideal_distance`` and
    ``trust_score`` per (year, country) with partner = the reference, source = ``source``
    (catalogue names; before 0.2 they were ``ideal_distance_<REF>`` and ``trust_<REF>``)."""
    parts = []
    for col, name in (("distance", "trust_ideal_distance"), ("trust", "trust_score")):
        parts.append(
            pd.DataFrame(
                {
                    "source": source,
                    "year": table["year"].to_numpy(),
                    "country": table["iso3"].to_numpy(),
                    "sector": None,
                    "partner": table["reference"].to_numpy(),
                    "indicator": name,
                    "value": table[col].to_numpy(dtype=float),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def write_trust(
    store: Store, table: pd.DataFrame, *, source: str = "bsv", dataset: str | None = None
) -> Path:
    """Write :func:`trust_indicators` of ``table`` to ``store`` (dataset
    ``trust_<REF>_<source>`` unless given)."""
    refs = sorted(set(table["reference"]))
    name = dataset or f"trust_{'_'.join(refs)}_{source}"
    return store.write_indicators(trust_indicators(table, source=source), dataset=name)


def paper000_comparison(
    table: pd.DataFrame | None = None, *, path: str | Path | None = None
) -> pd.DataFrame:
    """Descriptive statistics of the distance next to paper 000's printed ones.

    ``table``: a :func:`trust` table (default: published BSV, 15 economies, 2018–2022).
    Returns rows mean, sd (sample, ddof = 1), min, max, n and columns ours, paper, difference
    (paper n = 75 is implied by its 15 × 5 panel, not printed).
    """
    if table is None:
        table = trust(
            "published",
            reference="USA",
            countries=PAPER000_COUNTRIES,
            years=(2018, 2022),
            path=path,
        )
    d = table["distance"].to_numpy(dtype=float)
    ours = {
        "mean": d.mean(),
        "sd": d.std(ddof=1),
        "min": d.min(),
        "max": d.max(),
        "n": float(d.size),
    }
    paper = {**PAPER000_DISTANCE_STATS, "n": 75.0}
    out = pd.DataFrame({"ours": pd.Series(ours), "paper": pd.Series(paper)})
    out["difference"] = out["ours"] - out["paper"]
    out.index.name = "statistic"
    return out
