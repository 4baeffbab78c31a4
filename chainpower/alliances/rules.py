"""Coding rules of paper 002 (section 3), applied to dated evidence as of a date.

The paper codes each alliance on two dimensions (its table 2):

* **commitment** — *action* if the alliance requires members jointly to apply export controls,
  economic sanctions, investment screening and the like ("如果联盟要求成员共同实施出口管制、
  经济制裁、投资审查等行动"); otherwise *consultative* (it only calls for cooperation). An
  alliance holding both kinds is action.
* **institutionalisation** — *high* if it has a standing organisation or has adopted a common
  supply-chain policy such as technical standards or an export-control list ("设有常设组织，或
  制定共同供应链政策（如制定技术标准、出口管制清单等）"); otherwise *low*.

Here each evidence item carries a type; the rules below say which types count. Exclusive joint
standards count as action because the paper lists "制定排他性标准和规则" with export controls and
investment screening among the collective actions (section 1) and codes MSP, whose only
commitments are standards, as action. Information sharing, crisis coordination and general
cooperation are consultative: the paper codes USMCA and APEP, whose commitments are crisis
coordination, as consultative. Regular meetings, forums and intergovernmental consultation do
not make an alliance high (the paper codes the US–Japan–ROK summits, APEP's ministerials and
PGII's G7 coordination group as low).

An item counts on date ``d`` when its date's last day is on or before ``d`` (see
:mod:`chainpower.alliances.dates`). Labels are never stored in the data.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from chainpower.alliances.dates import PartialDate, to_date
from chainpower.alliances.load import KnowledgeBase, load_knowledge_base
from chainpower.alliances.schema import Alliance, Evidence

__all__ = [
    "ACTION_COMMITMENTS",
    "HIGH_INSTITUTIONS",
    "classify",
    "classify_alliance",
    "commitment_type",
    "evidence_as_of",
    "institutionalisation",
    "typology_table",
]

#: Commitment types that make an alliance's commitment "action".
ACTION_COMMITMENTS: frozenset[str] = frozenset(
    {"export_control", "sanctions", "investment_screening", "joint_standards"}
)
#: Institution types that make an alliance's institutionalisation "high".
HIGH_INSTITUTIONS: frozenset[str] = frozenset({"standing_body", "working_group", "common_policy"})


def evidence_as_of(alliance: Alliance, as_of: str | dt.date | PartialDate) -> list[Evidence]:
    """Evidence items whose date is certainly past on ``as_of``."""
    day = to_date(as_of)
    return [ev for ev in alliance.evidence if ev.date.latest <= day]


def _deciding(
    alliance: Alliance, as_of: str | dt.date | PartialDate, kind: str, counted: frozenset[str]
) -> list[Evidence]:
    return [ev for ev in evidence_as_of(alliance, as_of) if ev.kind == kind and ev.type in counted]


def commitment_type(alliance: Alliance, as_of: str | dt.date | PartialDate) -> str:
    """``"action"`` if any commitment in :data:`ACTION_COMMITMENTS` is past on ``as_of``,
    else ``"consultative"`` (paper 002, section 3)."""
    return (
        "action" if _deciding(alliance, as_of, "commitment", ACTION_COMMITMENTS) else "consultative"
    )


def institutionalisation(alliance: Alliance, as_of: str | dt.date | PartialDate) -> str:
    """``"high"`` if a standing body, standing working group or common policy in
    :data:`HIGH_INSTITUTIONS` is past on ``as_of``, else ``"low"`` (paper 002, section 3)."""
    return "high" if _deciding(alliance, as_of, "institution", HIGH_INSTITUTIONS) else "low"


def classify_alliance(alliance: Alliance, as_of: str | dt.date | PartialDate) -> dict[str, object]:
    """One row of :func:`classify`: the two labels and the evidence ids that decide them."""
    action = _deciding(alliance, as_of, "commitment", ACTION_COMMITMENTS)
    high = _deciding(alliance, as_of, "institution", HIGH_INSTITUTIONS)
    return {
        "id": alliance.id,
        "abbreviation": alliance.abbreviation,
        "name_zh": alliance.name_zh,
        "founded": str(alliance.founded),
        "exists": alliance.founded.latest <= to_date(as_of),
        "commitment": "action" if action else "consultative",
        "institutionalisation": "high" if high else "low",
        "n_evidence": len(evidence_as_of(alliance, as_of)),
        "action_evidence": ",".join(ev.id for ev in action),
        "high_evidence": ",".join(ev.id for ev in high),
    }


def classify(
    as_of: str | dt.date = "2024-06-30",
    kb: KnowledgeBase | None = None,
    *,
    existing_only: bool = True,
) -> pd.DataFrame:
    """Classify every alliance as of a date; one row per alliance (paper 002, table 2).

    Alliances founded after ``as_of`` are dropped unless ``existing_only`` is false.
    """
    kb = kb or load_knowledge_base()
    rows = [classify_alliance(a, as_of) for a in kb.alliances.values()]
    df = pd.DataFrame(
        rows,
        columns=[
            "id",
            "abbreviation",
            "name_zh",
            "founded",
            "exists",
            "commitment",
            "institutionalisation",
            "n_evidence",
            "action_evidence",
            "high_evidence",
        ],
    )
    if existing_only:
        df = df[df["exists"]].reset_index(drop=True)
    return df


def typology_table(classified: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """The 2×2 table: ``(commitment, institutionalisation)`` → sorted alliance ids."""
    table: dict[tuple[str, str], list[str]] = {
        (c, i): [] for c in ("action", "consultative") for i in ("high", "low")
    }
    for row in classified.itertuples(index=False):
        table[(str(row.commitment), str(row.institutionalisation))].append(str(row.id))
    return {k: sorted(v) for k, v in table.items()}
