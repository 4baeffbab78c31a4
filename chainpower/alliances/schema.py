"""Pydantic models of the knowledge base: alliances (paper 002), policy instruments and guiding
ideologies (paper 004), with their sources.

Checks that need the controlled vocabularies or the country table (unknown ISO3 code, unknown
domain, date in the future) run in validators that read a :class:`Registry` from the pydantic
validation context; :mod:`chainpower.alliances.load` passes it and turns the first error into a
:class:`~chainpower.errors.SchemaError` naming the file and the field.

Labels (action/consultative, high/low) are deliberately *not* fields: they are derived from the
evidence by :mod:`chainpower.alliances.rules`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
    model_validator,
)

from chainpower.alliances.dates import PartialDate, parse_partial_date

__all__ = [
    "Alliance",
    "Event",
    "Evidence",
    "Ideology",
    "Instrument",
    "Member",
    "QuantitativeRule",
    "Registry",
    "Source",
]


@dataclass
class Registry:
    """What validators check against: vocabularies, known codes and today's date."""

    vocab: dict[str, Any]
    iso3: frozenset[str]
    organisations: frozenset[str]
    today: dt.date = field(default_factory=dt.date.today)

    def known_code(self, code: str) -> bool:
        return code in self.iso3 or code in self.organisations


def _registry(info: ValidationInfo) -> Registry | None:
    ctx = info.context
    if isinstance(ctx, dict):
        reg = ctx.get("registry")
        return reg if isinstance(reg, Registry) else None
    return None


def _check_past(value: PartialDate | None, info: ValidationInfo) -> PartialDate | None:
    reg = _registry(info)
    today = reg.today if reg is not None else dt.date.today()
    if value is not None and value.earliest > today:
        raise ValueError(f"date {value} is in the future (today is {today})")
    return value


Date = Annotated[
    PartialDate,
    BeforeValidator(parse_partial_date),
    PlainSerializer(str, return_type=str),
]


def _vocab_check(kind: str, values: list[str], info: ValidationInfo) -> None:
    reg = _registry(info)
    if reg is None:
        return
    allowed = reg.vocab.get(kind, {})
    for v in values:
        if v not in allowed:
            raise ValueError(
                f"unknown {kind[:-1] if kind.endswith('s') else kind} {v!r} "
                f"(allowed: {', '.join(sorted(allowed))})"
            )


def _in_vocab(kind: str) -> AfterValidator:
    """Field validator: the value (a label, or a list of labels) is in vocabulary ``kind``."""

    def check(value: Any, info: ValidationInfo) -> Any:
        _vocab_check(kind, value if isinstance(value, list) else [value], info)
        return value

    return AfterValidator(check)


def _check_codes(codes: list[str], info: ValidationInfo) -> list[str]:
    """Every code is a known ISO3 country or organisation code (when a registry is given)."""
    reg = _registry(info)
    for code in codes:
        if reg is not None and not reg.known_code(code):
            raise ValueError(f"unknown ISO3 country or organisation code {code!r}")
    return codes


#: a partial date that may not lie after the registry's ``today``
PastDate = Annotated[Date, AfterValidator(_check_past)]
#: a record id: lower-case letters, digits, ``_`` and ``-``
RecordId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")]
Domains = Annotated[list[str], _in_vocab("domains")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Source(_Model):
    """Where a record comes from: a paper (``"002"``/``"004"``) or ``"public record"``, plus
    the primary document as the paper names it, its date, the paper's note number and the URL
    where the paper gives one."""

    paper: Annotated[str, _in_vocab("source_kinds")]
    document: str = Field(min_length=1)
    date: PastDate | None = None
    note: str | None = None
    url: str | None = None
    location: str | None = None



class Member(_Model):
    """A member: an ISO3 code or an organisation (``EU``) resolved to its member states."""

    code: str
    name_zh: str | None = None
    joined: PastDate | None = None
    left: PastDate | None = None
    source: Source | None = None
    note: str | None = None

    @field_validator("code")
    @classmethod
    def _code(cls, v: str, info: ValidationInfo) -> str:
        _check_codes([v], info)
        return v

    @model_validator(mode="after")
    def _dated_needs_source(self) -> Member:
        if (self.joined is not None or self.left is not None) and self.source is None:
            raise ValueError(f"member {self.code}: a join/leave date needs a source")
        return self


class Event(_Model):
    """A founding or update event in an alliance's history."""

    date: PastDate
    event: str = Field(min_length=1)
    source: Source


class Evidence(_Model):
    """One dated, cited piece of evidence: a commitment (``type`` from ``commitment_types``)
    or an institution (``type`` from ``institution_types``)."""

    id: RecordId
    kind: Literal["commitment", "institution"]
    type: str
    date: PastDate
    summary_zh: str = Field(min_length=1)
    summary_en: str = Field(min_length=1)
    source: Source
    date_source: Source | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _type_in_vocab(self, info: ValidationInfo) -> Evidence:
        kind = "commitment_types" if self.kind == "commitment" else "institution_types"
        _vocab_check(kind, [self.type], info)
        return self


class Alliance(_Model):
    """One supply-chain alliance of paper 002 table 1 (or one added later)."""

    id: RecordId
    abbreviation: str
    name_en: str
    name_zh: str
    region: Annotated[str, _in_vocab("regions")]
    domains: Domains = Field(min_length=1)
    domains_zh: str | None = None
    members_zh: str | None = None
    members: list[Member] = Field(min_length=2)
    founded: PastDate
    table1_date: PastDate | None = None
    history: list[Event] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    source: Source
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Alliance:
        seen: set[str] = set()
        for i, m in enumerate(self.members):
            if m.code in seen:
                raise ValueError(f"members[{i}]: duplicate member {m.code!r}")
            seen.add(m.code)
        return self


class QuantitativeRule(_Model):
    """A numeric rule stated by an instrument, e.g. CRMA: share of one third country ≤ 0.65."""

    id: RecordId
    indicator: str
    comparison: Literal["<=", "<", ">=", ">"]
    threshold: float
    unit: str
    scope: str
    deadline: Date | None = None
    description_zh: str
    source: Source

    def satisfied(self, value: float) -> bool:
        """Whether an observed ``value`` of ``indicator`` meets the rule."""
        return {
            "<=": value <= self.threshold,
            "<": value < self.threshold,
            ">=": value >= self.threshold,
            ">": value > self.threshold,
        }[self.comparison]


class Instrument(_Model):
    """One policy instrument of paper 004 (tables 1–3 and the text)."""

    id: RecordId
    economy: Annotated[str, _in_vocab("economies")]
    level: str
    tool_type: str
    name_zh: str
    name_en: str | None = None
    programme_zh: str | None = None
    year: int | None = None
    year_source: Source | None = None
    amount: float | None = None
    currency: str | None = None
    amount_zh: str | None = None
    domains: Domains = Field(default_factory=list)
    actors: Annotated[list[str], AfterValidator(_check_codes)] = Field(default_factory=list)
    content_zh: str | None = None
    table: Literal["表1", "表2", "表3", "正文"]
    cell: str | None = None
    source: Source
    rules: list[QuantitativeRule] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _level_tool(self, info: ValidationInfo) -> Instrument:
        reg = _registry(info)
        if reg is not None:
            levels = reg.vocab.get("levels", {})
            if self.level not in levels:
                raise ValueError(f"unknown level {self.level!r} (allowed: {', '.join(levels)})")
            tools = levels[self.level]["tool_types"]
            if self.tool_type not in tools:
                raise ValueError(
                    f"tool_type {self.tool_type!r} does not belong to level {self.level!r} "
                    f"(allowed: {', '.join(tools)})"
                )
        if (self.amount is None) != (self.currency is None):
            raise ValueError("amount and currency go together")
        if self.year is not None and self.year > dt.date.today().year:
            raise ValueError(f"year {self.year} is in the future")
        return self


class Ideology(_Model):
    """The guiding ideology (指导思想) of one economy, paper 004 section 2."""

    economy: str
    name_zh: str
    name_en: str
    summary_zh: str
    summary_en: str
    goals_zh: list[str] = Field(default_factory=list)
    source: Source
