"""The indicator catalogue: one entry per indicator any chainpower writer emits (design.md §7).

Naming rule: ``family_quantity[_variant][_f|_b]`` in lower-case ASCII (``wwyz_gvcpt_f``,
``bm_gvc_trade_f``, ``jn_vax``). Partner, sector, product and scenario are columns, never part of
a name; ratios are fractions (``_share``, a ``…pt`` participation rate or the official code
lower-cased: ``tiva_exgr_dvash``); flags are 0/1; counts are ``n_…``. The literature's spelling
(``DVA_FIN``, ``GVC_trade_f``) is the display ``label``.

Each :class:`Indicator` records ``name``, ``family``, ``kind`` (level, ratio, index, flag,
count), ``unit``, ``label``, ``definition``, ``source`` (paper and equation) and ``aliases``:
names used before the rule (kept for one release; :func:`canonical` maps them). Figures and
the dashboard take their labels from here (:func:`axis_label`).

The static entries live in :mod:`chainpower.data._catalogue_entries`; layers added later list
theirs there too (one tuple a line), so one test can check every emitted name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

import pandas as pd

from chainpower.errors import InputError

__all__ = [
    "ALIASES",
    "CATALOGUE",
    "FAMILIES",
    "NAME_RULE",
    "PATTERN_ALIASES",
    "Indicator",
    "axis_label",
    "canonical",
    "canonical_frame",
    "canonical_indicator",
    "catalogue_frame",
    "catalogue_markdown",
    "is_catalogued",
    "lookup",
]

Kind = Literal["level", "ratio", "index", "flag", "count"]
KINDS: tuple[str, ...] = get_args(Kind)
FAMILIES: tuple[str, ...] = (
    "wwyz", "kww", "wwz", "bm", "tiva", "jn", "trust", "ideal", "alliance", "dep", "gl",
    "interdep", "screen", "fpem", "hem", "shock", "hub", "friend", "crma", "choke", "macro", "adb",
)  # fmt: skip
#: The naming rule as a pattern: a known family, then lower-case words joined by ``_``.
NAME_RULE = re.compile(r"^(?:n_)?[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


@dataclass(frozen=True)
class Indicator:
    """One catalogued indicator (see the module docstring)."""

    name: str
    family: str
    kind: Kind
    unit: str
    label: str
    definition: str
    source: str
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not NAME_RULE.match(self.name) or self.family not in FAMILIES:
            raise InputError("indicator name breaks the naming rule", label=self.name)
        if not self.name.startswith(self.family + "_") and not self.name.startswith("n_"):
            raise InputError(f"name must start with its family {self.family!r}", label=self.name)
        if self.kind not in KINDS:
            raise InputError(f"kind must be one of {KINDS}", label=self.name)


def _build() -> tuple[dict[str, Indicator], dict[str, str]]:
    from chainpower.data._catalogue_entries import ENTRIES

    cat: dict[str, Indicator] = {}
    aliases: dict[str, str] = {}
    for entry in ENTRIES:
        ind = Indicator(*entry)  # type: ignore[arg-type]  # kind is checked in __post_init__
        if ind.name in cat:
            raise InputError("indicator catalogued twice", label=ind.name)
        cat[ind.name] = ind
        for old in ind.aliases:
            aliases[old] = ind.name
    return cat, aliases


CATALOGUE, ALIASES = _build()
#: Old names with the partner inside them (``trust_USA``): partner is a column now.
PATTERN_ALIASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^trust_[A-Z]{3}$"), "trust_score"),
    (re.compile(r"^ideal_distance_[A-Z]{3}$"), "trust_ideal_distance"),
)


def is_catalogued(name: str) -> bool:
    """Whether ``name`` is a catalogued indicator (canonical name, not an alias)."""
    return name in CATALOGUE


def canonical(name: str) -> str:
    """The canonical name of ``name`` (itself, or the new name of an old alias).

    Raises :class:`InputError` naming ``name`` when it is neither.
    """
    if name in CATALOGUE:
        return name
    if name in ALIASES:
        return ALIASES[name]
    for pattern, new in PATTERN_ALIASES:
        if pattern.match(name):
            return new
    raise InputError("unknown indicator (not in chainpower.data.catalogue)", label=repr(name))


#: Top-level name of :func:`canonical` (``chainpower.canonical_indicator``).
canonical_indicator = canonical


def lookup(name: str) -> Indicator:
    """The catalogue entry of ``name`` (an alias resolves to its canonical entry)."""
    return CATALOGUE[canonical(name)]


def axis_label(name: str) -> str:
    """``label (unit)`` for a figure axis; unit-less ratios show as ``(share)``."""
    ind = lookup(name)
    return f"{ind.label} ({ind.unit})" if ind.unit else ind.label


def canonical_frame(df: pd.DataFrame, column: str = "indicator") -> pd.DataFrame:
    """``df`` with old indicator names in ``column`` replaced by their canonical names."""
    if column not in df.columns:
        return df
    names = df[column].astype(str)
    old = {n: canonical(n) for n in names.unique() if n not in CATALOGUE and _is_alias(n)}
    return df.assign(**{column: names.replace(old)}) if old else df


def _is_alias(name: str) -> bool:
    return name in ALIASES or any(p.match(name) for p, _ in PATTERN_ALIASES)


def catalogue_frame() -> pd.DataFrame:
    """The catalogue as a frame: one row per indicator, aliases comma-separated."""
    rows = [
        {**ind.__dict__, "aliases": ", ".join(ind.aliases)}
        for ind in sorted(CATALOGUE.values(), key=lambda i: (i.family, i.name))
    ]
    return pd.DataFrame(rows)


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table (name, family, kind, unit, label, old names), as
    ``docs/catalogue.md`` shows it."""
    lines = ["| name | family | kind | unit | label | old names |", "|---|---|---|---|---|---|"]
    for ind in sorted(CATALOGUE.values(), key=lambda i: (i.family, i.name)):
        old = ", ".join(f"`{a}`" for a in ind.aliases)
        lines.append(
            f"| `{ind.name}` | {ind.family} | {ind.kind} | {ind.unit or '—'} | "
            f"{ind.label.replace('|', '/')} | {old} |"
        )
    return "\n".join(lines) + "\n"
