"""chainpower.alliances — the alliances and policy-instruments knowledge base.

Cited, dated YAML records of the 16 US-led supply-chain alliances of paper 002 and the
US/Japan/EU policy instruments of paper 004, validated by pydantic models; coding rules that
derive action/consultative and high/low institutionalisation from evidence as of a date; and
analyses (membership, networks, a country-year exposure panel, the paper's claimed pattern,
the instrument matrix) and figures. See ``docs/alliances.md``.
"""

from chainpower.alliances.dates import PartialDate
from chainpower.alliances.exposure import PAPER_000_ECONOMIES, exposure_panel, exposure_tidy
from chainpower.alliances.instruments import (
    instrument_matrix,
    instruments_frame,
    quantitative_rules,
    query_instruments,
)
from chainpower.alliances.load import (
    KnowledgeBase,
    load_alliances,
    load_instruments,
    load_knowledge_base,
)
from chainpower.alliances.membership import members_as_of, membership_table
from chainpower.alliances.network import bipartite_graph, centrality, comembership_graph
from chainpower.alliances.patterns import alliance_features, pattern_tests
from chainpower.alliances.rules import (
    ACTION_COMMITMENTS,
    HIGH_INSTITUTIONS,
    classify,
    commitment_type,
    institutionalisation,
    typology_table,
)
from chainpower.alliances.schema import Alliance, Evidence, Ideology, Instrument, Source

__all__ = [
    "ACTION_COMMITMENTS",
    "HIGH_INSTITUTIONS",
    "PAPER_000_ECONOMIES",
    "Alliance",
    "Evidence",
    "Ideology",
    "Instrument",
    "KnowledgeBase",
    "PartialDate",
    "Source",
    "alliance_features",
    "bipartite_graph",
    "centrality",
    "classify",
    "comembership_graph",
    "commitment_type",
    "exposure_panel",
    "exposure_tidy",
    "institutionalisation",
    "instrument_matrix",
    "instruments_frame",
    "load_alliances",
    "load_instruments",
    "load_knowledge_base",
    "members_as_of",
    "membership_table",
    "pattern_tests",
    "quantitative_rules",
    "query_instruments",
    "typology_table",
]
