"""The policy-instrument registry of paper 004: queries and the economy × level × tool-type
matrix (the paper's "guiding ideology — policy tools" framework, figure 1)."""

from __future__ import annotations

import pandas as pd

from chainpower.alliances.load import KnowledgeBase, load_knowledge_base
from chainpower.alliances.schema import QuantitativeRule
from chainpower.errors import InputError

__all__ = ["instrument_matrix", "instruments_frame", "quantitative_rules", "query_instruments"]

_COLUMNS = [
    "id",
    "economy",
    "level",
    "tool_type",
    "name_zh",
    "name_en",
    "programme_zh",
    "year",
    "amount",
    "currency",
    "amount_zh",
    "domains",
    "actors",
    "table",
    "cell",
    "source_document",
    "source_url",
]


def instruments_frame(kb: KnowledgeBase | None = None) -> pd.DataFrame:
    """All instruments, one row each (lists joined with commas)."""
    kb = kb or load_knowledge_base()
    rows = [
        {
            "id": i.id,
            "economy": i.economy,
            "level": i.level,
            "tool_type": i.tool_type,
            "name_zh": i.name_zh,
            "name_en": i.name_en,
            "programme_zh": i.programme_zh,
            "year": i.year,
            "amount": i.amount,
            "currency": i.currency,
            "amount_zh": i.amount_zh,
            "domains": ",".join(i.domains),
            "actors": ",".join(i.actors),
            "table": i.table,
            "cell": i.cell,
            "source_document": i.source.document,
            "source_url": i.source.url,
        }
        for i in kb.instruments.values()
    ]
    df = pd.DataFrame(rows, columns=_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    return df.sort_values(["economy", "level", "tool_type", "id"]).reset_index(drop=True)


def query_instruments(
    kb: KnowledgeBase | None = None,
    *,
    economy: str | None = None,
    level: str | None = None,
    tool_type: str | None = None,
    domain: str | None = None,
    table: str | None = None,
) -> pd.DataFrame:
    """Instruments filtered by economy, level, tool type, domain and/or paper table."""
    kb = kb or load_knowledge_base()
    df = instruments_frame(kb)
    for col, val, vocab in (
        ("economy", economy, "economies"),
        ("level", level, "levels"),
        ("tool_type", tool_type, "tool_types"),
        ("domains", domain, "domains"),
    ):
        if val is None:
            continue
        if val not in kb.vocab[vocab]:
            raise InputError(
                f"unknown {col} {val!r} (allowed: {', '.join(kb.vocab[vocab])})", label=col
            )
        df = (
            df[df[col].str.split(",").apply(lambda xs, v=val: v in xs)]
            if col == "domains"
            else df[df[col] == val]
        )
    if table is not None:
        df = df[df["table"] == table]
    return df.reset_index(drop=True)


def instrument_matrix(kb: KnowledgeBase | None = None) -> pd.DataFrame:
    """Counts of instruments: rows = (level, tool_type) in the paper's order, columns =
    economies (USA, JPN, EU); every cell present, zeros included."""
    kb = kb or load_knowledge_base()
    df = instruments_frame(kb)
    index = pd.MultiIndex.from_tuples(
        [(lvl, t) for lvl, spec in kb.vocab["levels"].items() for t in spec["tool_types"]],
        names=["level", "tool_type"],
    )
    counts = df.groupby(["level", "tool_type", "economy"]).size().unstack("economy")
    counts = counts.reindex(index=index, columns=list(kb.vocab["economies"])).fillna(0)
    return counts.astype(int)


def quantitative_rules(kb: KnowledgeBase | None = None) -> dict[str, QuantitativeRule]:
    """Quantitative rules recorded on instruments (e.g. the CRMA 65% single-supplier rule)."""
    kb = kb or load_knowledge_base()
    return {r.id: r for i in kb.instruments.values() for r in i.rules}
