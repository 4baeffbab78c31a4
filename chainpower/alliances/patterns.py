"""Paper 002's claimed pattern as a cross-tab with Fisher's exact test.

Claim (section 4): alliances that cover the Asia-Pacific, target advanced technologies and
whose members have close security ties with the US usually have action commitments and high
institutionalisation. Each alliance gets three binary features as of a date:

* ``asia_pacific`` — ``region == "asia_pacific"`` (stored data);
* ``advanced_tech`` — a domain in :data:`ADVANCED_TECH` (semiconductors, AI, ICT, …);
* ``security_ties`` — at least ``share`` (default ½) of its non-US member states are US
  collective-defence treaty allies on that date (``security_ties.yaml``; the paper's second
  criterion, "close economic-security links", has no measure here).

For each feature × outcome (``action``, ``high``, ``action_high``) the 2×2 table
``[[a, b], [c, d]]`` (rows: feature yes/no; columns: outcome yes/no) is tested with Fisher's
exact test (two-sided, scipy). With 16 alliances the test has little power: a p-value above
0.05 does not refute the claim, and the coding of the features is itself a judgement.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from chainpower.alliances.dates import to_date
from chainpower.alliances.load import KnowledgeBase, load_knowledge_base
from chainpower.alliances.membership import members_as_of
from chainpower.alliances.rules import classify

__all__ = [
    "ADVANCED_TECH",
    "SMALL_SAMPLE_CAVEAT",
    "alliance_features",
    "pattern_tests",
    "treaty_allies",
]

ADVANCED_TECH: frozenset[str] = frozenset(
    {
        "semiconductors",
        "ai",
        "ict",
        "critical_emerging_tech",
        "digital_infrastructure",
        "quantum",
        "technology_security",
    }
)
SMALL_SAMPLE_CAVEAT = (
    "n = 16 alliances: Fisher's exact test has little power at this size; treat p-values as "
    "descriptive, not as a test of paper 002's claim, whose features are coded by judgement."
)


def treaty_allies(as_of: str | dt.date, kb: KnowledgeBase | None = None) -> set[str]:
    """US collective-defence treaty allies on ``as_of``."""
    kb = kb or load_knowledge_base()
    day = to_date(as_of)
    return {m.code for ms in kb.treaty_allies.values() for m in ms if m.active(day)}


def alliance_features(
    as_of: str | dt.date = "2024-06-30", kb: KnowledgeBase | None = None, *, share: float = 0.5
) -> pd.DataFrame:
    """Per alliance: the three features, the ally share and the derived labels."""
    kb = kb or load_knowledge_base()
    allies = treaty_allies(as_of, kb)
    labels = classify(as_of, kb).set_index("id")
    rows = []
    for aid in labels.index:
        a = kb.alliances[aid]
        others = members_as_of(a, as_of, kb) - {"USA"}
        ally_share = len(others & allies) / len(others) if others else 0.0
        rows.append(
            {
                "id": aid,
                "asia_pacific": a.region == "asia_pacific",
                "advanced_tech": bool(set(a.domains) & ADVANCED_TECH),
                "ally_share": ally_share,
                "security_ties": ally_share >= share,
                "action": labels.at[aid, "commitment"] == "action",
                "high": labels.at[aid, "institutionalisation"] == "high",
            }
        )
    df = pd.DataFrame(rows)
    df["action_high"] = df["action"] & df["high"]
    return df


def pattern_tests(
    as_of: str | dt.date = "2024-06-30",
    kb: KnowledgeBase | None = None,
    *,
    features: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Fisher exact tests of every feature × outcome; columns ``feature, outcome, a, b, c, d,
    odds_ratio, p_value, n`` where a = feature & outcome, b = feature & not outcome,
    c = not feature & outcome, d = neither."""
    df = alliance_features(as_of, kb) if features is None else features
    rows = []
    for feat in ("asia_pacific", "advanced_tech", "security_ties"):
        for out in ("action", "high", "action_high"):
            f, o = df[feat].astype(bool), df[out].astype(bool)
            a, b = int((f & o).sum()), int((f & ~o).sum())
            c, d = int((~f & o).sum()), int((~f & ~o).sum())
            from scipy.stats import fisher_exact

            res = fisher_exact([[a, b], [c, d]], alternative="two-sided")
            rows.append(
                {
                    "feature": feat,
                    "outcome": out,
                    "a": a,
                    "b": b,
                    "c": c,
                    "d": d,
                    "odds_ratio": float(res.statistic),
                    "p_value": float(res.pvalue),
                    "n": a + b + c + d,
                }
            )
    return pd.DataFrame(rows)
