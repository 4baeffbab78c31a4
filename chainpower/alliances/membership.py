"""Membership as of a date, with organisations (the EU) resolved to their member states.

A member counts from its ``joined`` date (or, if none is recorded, from the alliance's
``founded`` date) up to and including its ``left`` date. Dates count from the last day of
their period (:mod:`chainpower.alliances.dates`). An organisation member such as ``EU`` counts
for every state that belongs to it on the same date: the United Kingdom is an EU member up to
and including 2020-01-31, so it is not a member of the US–EU TTC (founded 2021-06).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from chainpower.alliances.dates import PartialDate, to_date
from chainpower.alliances.load import KnowledgeBase, load_knowledge_base
from chainpower.alliances.schema import Alliance, Member

__all__ = ["member_active", "members_as_of", "membership_table", "organisation_members"]


def organisation_members(kb: KnowledgeBase, code: str, as_of: str | dt.date) -> set[str]:
    """Member states of organisation ``code`` on ``as_of``."""
    day = to_date(as_of)
    return {m.code for m in kb.organisations.get(code, []) if m.active(day)}


def member_active(alliance: Alliance, member: Member, as_of: str | dt.date | PartialDate) -> bool:
    """Whether ``member`` belongs to ``alliance`` on ``as_of``."""
    day = to_date(as_of)
    start = member.joined or alliance.founded
    if start.latest > day or alliance.founded.latest > day:
        return False
    return member.left is None or day <= member.left.latest


def members_as_of(
    alliance: Alliance,
    as_of: str | dt.date,
    kb: KnowledgeBase | None = None,
    *,
    expand: bool = True,
) -> set[str]:
    """Member codes on ``as_of``; with ``expand`` organisations become their member states."""
    kb = kb or load_knowledge_base()
    out: set[str] = set()
    for member in alliance.members:
        if not member_active(alliance, member, as_of):
            continue
        if expand and member.code in kb.organisations:
            out |= organisation_members(kb, member.code, as_of)
        else:
            out.add(member.code)
    return out


def membership_table(
    as_of: str | dt.date = "2024-06-30", kb: KnowledgeBase | None = None, *, expand: bool = True
) -> pd.DataFrame:
    """Tidy country × alliance membership on ``as_of``: columns ``alliance, country, via``
    (``via`` is the organisation through which a state belongs, or empty)."""
    kb = kb or load_knowledge_base()
    rows: list[dict[str, str]] = []
    for a in kb.alliances.values():
        for member in a.members:
            if not member_active(a, member, as_of):
                continue
            if expand and member.code in kb.organisations:
                rows += [
                    {"alliance": a.id, "country": c, "via": member.code}
                    for c in sorted(organisation_members(kb, member.code, as_of))
                ]
            else:
                rows.append({"alliance": a.id, "country": member.code, "via": ""})
    df = pd.DataFrame(rows, columns=["alliance", "country", "via"])
    # a state that is both a direct member and an EU member appears once (direct wins)
    df = df.sort_values(["alliance", "country", "via"]).drop_duplicates(["alliance", "country"])
    return df.reset_index(drop=True)
