"""Pure frame → frame helpers for study panels: policy dummies, pre-policy levels, products.

Every function returns a *new* frame (the input is never mutated) and refuses, with an
:class:`~chainpower.errors.InputError` naming the column or unit, anything it cannot do
honestly (a missing column, a unit with no pre-policy observation, a reference year outside
the data). Nothing here fills a gap silently.

Notation (long panel, one row per unit × time, optionally × industry):

=============  ==========================================================================
``post_t``      ``1[t ≥ policy_year]`` (generalized DiD, paper 000 §4: post = year ≥ 2021)
``x̄_i^pre``     unit ``i``'s pre-policy level of ``x``: mean (``how="mean"``) or last value
                (``how="last"``) over ``t < before``; constant within unit (the DiD intensity)
``a:b``         the product column ``a × b`` (a DiD or event-study term)
``D_y``         ``1[t = y]`` for each year ``y ≠ reference`` (event study, reference omitted)
=============  ==========================================================================
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from chainpower.errors import InputError

__all__ = ["add_event_terms", "add_interaction", "add_post", "add_pre_level", "event_year"]


def _need(df: pd.DataFrame, *columns: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(
            f"column(s) {missing} not in the panel (has {list(df.columns)})", label=missing[0]
        )


def add_post(
    df: pd.DataFrame, *, time: str = "year", policy_year: int, name: str = "post"
) -> pd.DataFrame:
    """Add ``name = 1[time ≥ policy_year]`` (int 0/1); refuse when no row is before or after."""
    _need(df, time)
    post = (df[time] >= policy_year).astype(int)
    if post.all() or not post.any():
        side = "before" if post.all() else "on or after"
        raise InputError(
            f"no observation {side} the policy year {policy_year}: '{name}' would be constant",
            label=time,
        )
    return df.assign(**{name: post.to_numpy()})


def add_pre_level(
    df: pd.DataFrame,
    column: str,
    *,
    unit: str = "country",
    time: str = "year",
    before: int,
    how: Literal["mean", "last"] = "mean",
    name: str | None = None,
) -> pd.DataFrame:
    """Add the unit-constant pre-policy level of ``column`` (default name ``{column}_pre``).

    ``how="mean"`` averages ``column`` over the unit's rows with ``time < before``;
    ``how="last"`` takes the value at the unit's latest such year (rows of that year are
    averaged, e.g. several industries of one country). A unit with no non-missing value
    before ``before`` is an error naming it.
    """
    if how not in ("mean", "last"):
        raise InputError(f"how must be 'mean' or 'last', not {how!r}", label="how")
    _need(df, column, unit, time)
    out_name = name or f"{column}_pre"
    pre = df.loc[(df[time] < before) & df[column].notna(), [unit, time, column]]
    if how == "last":
        last = pre.groupby(unit)[time].transform("max")
        pre = pre[pre[time] == last]
    level = pre.groupby(unit)[column].mean()
    units = pd.Index(df[unit].unique())
    lacking = units.difference(level.index)
    if len(lacking):
        raise InputError(
            f"no value of '{column}' before {before} for unit(s) {sorted(map(str, lacking))}",
            label=str(lacking[0]),
        )
    return df.assign(**{out_name: df[unit].map(level).to_numpy(dtype=float)})


def add_interaction(df: pd.DataFrame, a: str, b: str, name: str | None = None) -> pd.DataFrame:
    """Add the product column ``a × b`` (default name ``{a}_x_{b}``).

    :func:`chainpower.studies.estimate` also accepts the term ``"a:b"`` and builds the product
    itself; prefer that form when randomization inference must rebuild the term.
    """
    _need(df, a, b)
    return df.assign(**{name or f"{a}_x_{b}": (df[a] * df[b]).to_numpy(dtype=float)})


def add_event_terms(
    df: pd.DataFrame,
    column: str,
    *,
    time: str = "year",
    reference: int,
    name_fmt: str = "{time}_{year}",
) -> tuple[pd.DataFrame, list[str]]:
    """Year dummies ``D_y`` for every year but ``reference`` and the event-study terms.

    Returns the frame with the dummy columns (named ``name_fmt.format(time=, year=)``,
    default ``year_2019``) and the terms ``"{column}:{dummy}"`` in year order, e.g.
    ``["trust_pre:year_2018", "trust_pre:year_2020", …]``: products that
    :func:`~chainpower.studies.estimate` builds (and randomization inference rebuilds).
    :func:`event_year` recovers the year of a term. Paper 000's event study uses the year
    before the policy (2020) as the reference.
    """
    _need(df, column, time)
    years = sorted(int(y) for y in pd.unique(df[time]))
    if reference not in years:
        raise InputError(
            f"reference year {reference} is not in the data (years {years})", label=time
        )
    new: dict[str, np.ndarray] = {}
    terms: list[str] = []
    for year in years:
        if year == reference:
            continue
        dummy = name_fmt.format(time=time, year=year)
        new[dummy] = (df[time] == year).to_numpy(dtype=int)
        terms.append(f"{column}:{dummy}")
    return df.assign(**new), terms


def event_year(term: str) -> int:
    """The year of an event-study term made by :func:`add_event_terms` (its trailing digits)."""
    digits = ""
    for ch in reversed(term):
        if not ch.isdigit():
            break
        digits = ch + digits
    if len(digits) != 4:
        raise InputError(f"term {term!r} does not end in a four-digit year", label=term)
    return int(digits)


def unit_constant(
    df: pd.DataFrame, column: str, unit: str, *, names: pd.Series | None = None
) -> pd.Series:
    """The per-unit value of a column that must be constant within unit (error otherwise).

    ``names`` (aligned with ``df``) gives the labels the error message shows for each unit.
    """
    _need(df, column, unit)
    spread = df.groupby(unit)[column].agg(lambda s: s.max() - s.min())
    bad = spread.index[spread.to_numpy() > 1e-12]
    if len(bad):
        shown = df.loc[df[unit].isin(bad), unit] if names is None else names[df[unit].isin(bad)]
        raise InputError(
            f"'{column}' varies within {sorted({str(v) for v in shown})}; randomization "
            "inference permutes one value per cluster (use add_pre_level for a constant one)",
            label=column,
        )
    return df.groupby(unit)[column].first()
