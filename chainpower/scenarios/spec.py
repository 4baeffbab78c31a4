"""Scenarios as data: a frozen, validated record of each "what if", read from TOML.

A scenario file (``docs/scenarios.md`` has a full example)::

    name = "friendshoring"
    [groups]                        # optional named country groups
    allies = ["JPN", "KOR", "TWN", "DEU"]

    [[scenarios]]
    id = "no_chn_elec_to_usa"
    kind = "extraction"             # extraction | demand | supply
    direction = "backward"          # backward (Leontief) | forward (Ghosh); extraction only
    origin = ["CHN"]                # selling countries (or group names)
    sectors = ["c14"]               # selling sectors (default: all)
    destination = ["USA"]           # buying countries (default: all but the origin)
    final_demand = true             # also cut final-demand sales (default true)
    share = 1.0                     # fraction of the flows cut, in (0, 1]
    replace_from = "allies"         # "none" | "domestic" | a group name | a list of ISO3
    replace_shares = "current"      # "current" (pro rata) | {JPN = 0.6, KOR = 0.4}

    [[scenarios]]
    id = "us_vehicles_minus_10"
    kind = "demand"                 # Leontief demand shock on final demand ...
    shock = "relative"              # absolute | relative | coefficient_delta
    destination = ["USA"]
    sectors = ["c15"]
    change = -0.10

Validation happens in two steps, both before any computation: the schema (pydantic) when the
file is read, and the labels (:meth:`Scenario.resolve`) against the table's countries and
sectors. Every failure is a :class:`~chainpower.errors.SpecError` naming the file and the key
path (e.g. ``scenarios[1].replace_shares.KOR``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from chainpower.data.reading import read_toml
from chainpower.errors import SpecError

__all__ = ["KINDS", "SHOCKS", "Resolved", "Scenario", "ScenarioSet"]

KINDS: tuple[str, ...] = ("extraction", "demand", "supply")
SHOCKS: tuple[str, ...] = ("absolute", "relative", "coefficient_delta")
IntArray = NDArray[np.int64]


class Scenario(BaseModel):
    """One scenario (frozen). See the module docstring for the fields and their defaults."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$", min_length=1, max_length=80)
    kind: Literal["extraction", "demand", "supply"]
    description: str = ""
    origin: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None
    destination: tuple[str, ...] | None = None
    destination_sectors: tuple[str, ...] | None = None
    final_demand: bool = True
    share: float = Field(default=1.0, gt=0.0, le=1.0)
    direction: Literal["backward", "forward"] = "backward"
    replace_from: str | tuple[str, ...] = "none"
    replace_shares: Literal["current"] | dict[str, float] = "current"
    shock: Literal["absolute", "relative", "coefficient_delta"] | None = None
    change: float | None = None

    @field_validator("replace_shares")
    @classmethod
    def _shares(cls, v: Any) -> Any:
        if isinstance(v, dict):
            for name, value in v.items():
                if not value >= 0:
                    raise ValueError(f"negative replacement share {value:g} for {name!r}")
        return v

    @model_validator(mode="after")
    def _by_kind(self) -> Scenario:
        if self.kind == "extraction":
            if not self.origin:
                raise ValueError("an extraction needs 'origin' (the selling countries)")
            if self.shock is not None or self.change is not None:
                raise ValueError("'shock' and 'change' apply to demand/supply scenarios only")
            if self.direction == "forward" and self.replace_from != "none":
                raise ValueError("replacement (GEM) applies to backward extraction only")
        else:
            if self.shock is None or self.change is None:
                raise ValueError(
                    f"a {self.kind} scenario needs 'shock' {list(SHOCKS)} and 'change'"
                )
            if self.replace_from != "none" or self.replace_shares != "current":
                raise ValueError("'replace_from'/'replace_shares' apply to extractions only")
            if self.shock == "relative" and self.change < -1:
                raise ValueError("a relative change below -1 (-100 %) makes flows negative")
        if isinstance(self.replace_shares, dict):
            if self.replace_from in ("none", "domestic"):
                raise ValueError("explicit 'replace_shares' need 'replace_from' countries")
            total = sum(self.replace_shares.values())
            if self.replace_shares and abs(total - 1.0) > 1e-9:
                raise ValueError(f"replace_shares sum to {total:g}, not 1")
        return self

    # -- constructors (design.md §9) -----------------------------------------------------
    @classmethod
    def extraction(
        cls,
        id: str,
        *,
        origin: str | Sequence[str],
        sectors: Sequence[str] | None = None,
        **kw: Any,
    ) -> Scenario:
        """A hypothetical extraction of ``origin``'s sales (of ``sectors``)."""
        return _build(cls, id=id, kind="extraction", origin=_tuple(origin), sectors=sectors, **kw)

    @classmethod
    def demand_shock(cls, id: str, *, change: float, kind: str = "relative", **kw: Any) -> Scenario:
        """A Leontief final-demand shock (``kind``: absolute, relative, coefficient_delta)."""
        return _build(cls, id=id, kind="demand", shock=kind, change=change, **_tuples(kw))

    @classmethod
    def supply_shock(cls, id: str, *, change: float, kind: str = "relative", **kw: Any) -> Scenario:
        """A Ghosh primary-input (value-added) shock."""
        return _build(cls, id=id, kind="supply", shock=kind, change=change, **_tuples(kw))

    # -- labels ----------------------------------------------------------------------------
    def resolve(
        self,
        countries: Sequence[str],
        sectors: Sequence[str],
        *,
        groups: Mapping[str, Sequence[str]] | None = None,
        file: str | Path | None = None,
        key: str | None = None,
    ) -> Resolved:
        """Check every label against a table's ``countries``/``sectors`` and return index arrays.

        Raises :class:`SpecError` (file, key path) on an unknown country, group or sector.
        """
        key = key or self.id
        groups = groups or {}
        cidx = {c: i for i, c in enumerate(countries)}
        sidx = {s: i for i, s in enumerate(sectors)}

        def cty(field: str, names: Sequence[str] | None, default: Iterable[int]) -> list[int]:
            if names is None:
                return sorted(set(default))
            out: list[int] = []
            for name in names:
                for member in groups.get(name, [name]):
                    if member not in cidx:
                        raise SpecError(
                            f"unknown country {member!r} (not in the table's {len(cidx)} "
                            f"countries, not a group of {sorted(groups)})",
                            file=file,
                            key=f"{key}.{field}",
                        )
                    out.append(cidx[member])
            return sorted(set(out))

        def sec(field: str, names: Sequence[str] | None) -> list[int]:
            if names is None:
                return list(range(len(sectors)))
            for name in names:
                if name not in sidx:
                    raise SpecError(
                        f"unknown sector {name!r}; the table's sectors are "
                        f"{list(sectors)[:8]}{' …' if len(sectors) > 8 else ''}",
                        file=file,
                        key=f"{key}.{field}",
                    )
            return sorted({sidx[s] for s in names})

        G = len(countries)
        origin = cty("origin", self.origin, range(G))
        default_dest = [g for g in range(G) if g not in origin] if self.kind == "extraction" else []
        dest = cty(
            "destination", self.destination, default_dest if self.kind == "extraction" else range(G)
        )
        if self.kind == "extraction" and not dest:
            raise SpecError("no destination country left", file=file, key=f"{key}.destination")
        replace: list[int] | str = "none"
        shares: dict[int, float] | None = None
        if self.replace_from == "domestic":
            replace = "domestic"
        elif self.replace_from != "none":
            names = (
                (self.replace_from,) if isinstance(self.replace_from, str) else self.replace_from
            )
            replace = cty("replace_from", names, [])
            clash = sorted(set(replace) & set(origin))
            if clash:
                raise SpecError(
                    f"replacement origin {countries[clash[0]]!r} is also an extracted origin",
                    file=file,
                    key=f"{key}.replace_from",
                )
            if isinstance(self.replace_shares, dict):
                shares = {}
                for name, value in self.replace_shares.items():
                    idx = cty(f"replace_shares.{name}", [name], [])
                    if idx[0] not in replace:
                        raise SpecError(
                            f"{name!r} has a share but is not in replace_from",
                            file=file,
                            key=f"{key}.replace_shares.{name}",
                        )
                    shares[idx[0]] = float(value)
        if replace == "domestic" and set(dest) & set(origin):
            raise SpecError(
                "domestic replacement for a destination that is itself an extracted origin",
                file=file,
                key=f"{key}.destination",
            )
        N = len(sectors)
        osec = sec("sectors", self.sectors)
        dsec = sec("destination_sectors", self.destination_sectors)
        rows = np.array([g * N + i for g in origin for i in osec], dtype=np.int64)
        cols = np.array([g * N + j for g in dest for j in dsec], dtype=np.int64)
        return Resolved(self, rows, cols, np.array(dest, dtype=np.int64), replace, shares, N)


def _tuple(v: str | Sequence[str]) -> tuple[str, ...]:
    return (v,) if isinstance(v, str) else tuple(v)


def _tuples(kw: dict[str, Any]) -> dict[str, Any]:
    keys = ("origin", "sectors", "destination", "destination_sectors")
    return {k: (_tuple(v) if k in keys and v is not None else v) for k, v in kw.items()}


def _build(cls: type[Scenario], **kw: Any) -> Scenario:
    try:
        return cls(**_tuples(kw))
    except ValidationError as exc:
        raise _spec_error(exc, None, str(kw.get("id"))) from None


def _spec_error(exc: ValidationError, file: str | Path | None, prefix: str) -> SpecError:
    err = exc.errors()[0]
    loc = [str(p) for p in err["loc"]]
    key = (prefix + "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in loc)).lstrip(".")
    extra = (
        f" (input {err['input']!r})"
        if "input" in err and not isinstance(err["input"], dict)
        else ""
    )
    more = f"; {len(exc.errors()) - 1} more problem(s)" if len(exc.errors()) > 1 else ""
    return SpecError(f"{err['msg']}{extra}{more}", file=file, key=key)


@dataclass(frozen=True, eq=False)
class Resolved:
    """A scenario with its labels turned into indices of one table.

    ``rows`` ``(r,)`` selling country-sectors; ``cols`` ``(c,)`` buying country-sectors;
    ``dest`` ``(d,)`` buying countries (final-demand columns of ``Yc``); ``replace``
    ``"none"``, ``"domestic"`` or replacement country indices; ``shares`` explicit
    replacement shares by country index (``None`` = pro rata to current flows).
    """

    scenario: Scenario
    rows: IntArray
    cols: IntArray
    dest: IntArray
    replace: list[int] | str
    shares: dict[int, float] | None
    N: int


class _SetModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field(default="scenarios", pattern=r"^[A-Za-z0-9_.\-]+$")
    description: str = ""
    groups: dict[str, tuple[str, ...]] = {}
    scenarios: tuple[Scenario, ...] = Field(min_length=1)


@dataclass(frozen=True)
class ScenarioSet:
    """A named, ordered set of scenarios with their country groups and source file."""

    name: str
    scenarios: tuple[Scenario, ...]
    groups: Mapping[str, tuple[str, ...]]
    file: str | None = None
    description: str = ""

    @classmethod
    def from_toml(cls, path: str | Path) -> ScenarioSet:
        """Read and validate a scenario file (schema only; labels: :meth:`resolve`)."""
        return cls.from_dict(read_toml(path, "scenario file"), file=Path(path))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], *, file: str | Path | None = None) -> ScenarioSet:
        try:
            model = _SetModel.model_validate(dict(raw))
        except ValidationError as exc:
            raise _spec_error(exc, file, "") from None
        seen: set[str] = set()
        for i, sc in enumerate(model.scenarios):
            if sc.id in seen:
                raise SpecError(
                    f"duplicate scenario id {sc.id!r}", file=file, key=f"scenarios[{i}].id"
                )
            seen.add(sc.id)
        for g in model.groups:
            if g.upper() == g and len(g) == 3:
                raise SpecError(
                    f"group name {g!r} looks like an ISO3 code; use a lower-case name",
                    file=file,
                    key=f"groups.{g}",
                )
        return cls(
            model.name,
            model.scenarios,
            dict(model.groups),
            None if file is None else str(file),
            model.description,
        )

    @classmethod
    def of(
        cls,
        scenarios: Iterable[Scenario],
        *,
        name: str = "scenarios",
        groups: Mapping[str, Sequence[str]] | None = None,
    ) -> ScenarioSet:
        """A set from scenario objects (ids must be unique)."""
        items = tuple(scenarios)
        ids = [s.id for s in items]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise SpecError(f"duplicate scenario id {dup[0]!r}", key="scenarios")
        if not items:
            raise SpecError("no scenario given", key="scenarios")
        return cls(name, items, {k: tuple(v) for k, v in (groups or {}).items()})

    def resolve(self, countries: Sequence[str], sectors: Sequence[str]) -> list[Resolved]:
        """Resolve every scenario against a table's labels (all checked before any work)."""
        return [
            sc.resolve(
                countries, sectors, groups=self.groups, file=self.file, key=f"scenarios[{i}]"
            )
            for i, sc in enumerate(self.scenarios)
        ]

    def __len__(self) -> int:
        return len(self.scenarios)
