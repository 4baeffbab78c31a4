"""Country-year alliance exposure panel, joinable to the study panels.

For country ``i`` and year ``t`` everything is evaluated as of 31 December of ``t``: the
alliances ``i`` belongs to (:mod:`chainpower.alliances.membership`) and their type by the
coding rules of paper 002 (:mod:`chainpower.alliances.rules`) on the evidence known by then.

Counts: ``n_alliances``, ``n_action``, ``n_consultative``, ``n_high``, ``n_low`` and the four
cells ``n_action_high`` … ``n_consultative_low``.

Weighted index (documented choice, not from the papers)::

    exposure_index_it = Σ_{a ∋ i, t} w_a(t),   w_a(t) = 1 + action_a(t) + high_a(t)

so a consultative/low alliance weighs 1, action/low or consultative/high 2 and action/high 3
(the ordering of paper 002: action and high institutionalisation bind members more). Other
weights may be passed as ``weights={"base": 1, "action": 1, "high": 1}``.

Shapes: the panel has ``len(countries) * len(years)`` rows, one per country-year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd

from chainpower.alliances.load import KnowledgeBase, load_knowledge_base
from chainpower.alliances.membership import members_as_of
from chainpower.alliances.rules import commitment_type, institutionalisation
from chainpower.data.countries import PAPER000_ECONOMIES
from chainpower.errors import InputError

__all__ = ["PAPER_000_ECONOMIES", "exposure_panel", "exposure_tidy"]

#: The 15 economies of paper 000's panel.
PAPER_000_ECONOMIES: tuple[str, ...] = PAPER000_ECONOMIES
_COUNTS = (
    "n_alliances",
    "n_action",
    "n_consultative",
    "n_high",
    "n_low",
    "n_action_high",
    "n_action_low",
    "n_consultative_high",
    "n_consultative_low",
)


def exposure_panel(
    countries: Iterable[str] = PAPER_000_ECONOMIES,
    years: Iterable[int] = range(2018, 2023),
    kb: KnowledgeBase | None = None,
    *,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Country-year panel of alliance counts by type and the weighted exposure index.

    Returns one row per (country, year) with columns ``country, year``, the counts listed in
    the module docstring, ``exposure_index`` and ``alliances`` (comma-separated ids).
    """
    from chainpower.alliances.load import iso3_codes

    kb = kb or load_knowledge_base()
    w = {"base": 1.0, "action": 1.0, "high": 1.0, **(weights or {})}
    countries = [str(c) for c in countries]
    for c in countries:
        if c not in iso3_codes():
            raise InputError(f"unknown ISO3 country code {c!r}", label="countries")
    years = [int(y) for y in years]
    rows = []
    for year in years:
        day = dt.date(year, 12, 31)
        types: dict[str, tuple[bool, bool]] = {}
        members: dict[str, set[str]] = {}
        for a in kb.alliances.values():
            if a.founded.latest > day:
                continue
            members[a.id] = members_as_of(a, day, kb)
            types[a.id] = (
                commitment_type(a, day) == "action",
                institutionalisation(a, day) == "high",
            )
        for c in countries:
            ids = sorted(aid for aid, mem in members.items() if c in mem)
            counts = dict.fromkeys(_COUNTS, 0)
            index = 0.0
            for aid in ids:
                act, high = types[aid]
                counts["n_alliances"] += 1
                counts["n_action" if act else "n_consultative"] += 1
                counts["n_high" if high else "n_low"] += 1
                counts[f"n_{'action' if act else 'consultative'}_{'high' if high else 'low'}"] += 1
                index += w["base"] + w["action"] * act + w["high"] * high
            row: dict[str, object] = {"country": c, "year": year, **counts}
            row["exposure_index"] = index
            row["alliances"] = ",".join(ids)
            rows.append(row)
    df = pd.DataFrame(rows, columns=["country", "year", *_COUNTS, "exposure_index", "alliances"])
    return df.sort_values(["country", "year"]).reset_index(drop=True)


def exposure_tidy(panel: pd.DataFrame, *, source: str = "chainpower.alliances") -> pd.DataFrame:
    """The panel in the store's tidy indicator schema (``indicator`` = count name or
    ``exposure_index``; ``sector`` and ``partner`` null)."""
    value_cols = [*_COUNTS, "exposure_index"]
    long = panel.melt(
        id_vars=["country", "year"], value_vars=value_cols, var_name="indicator", value_name="value"
    )
    long.insert(0, "source", source)
    long["sector"] = None
    long["partner"] = None
    long["indicator"] = "alliance_" + long["indicator"].astype(str)
    long["value"] = long["value"].astype(float)
    return long[["source", "year", "country", "sector", "partner", "indicator", "value"]]
