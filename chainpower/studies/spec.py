"""StudySpec: the frozen, validated record of one study, read from TOML.

A spec says *what* to estimate, never *how* to compute it: the economies and years of the panel,
the strategic industries and their sector codes per table family, the dependent variable and its
source, where political trust comes from, the controls and how a missing year is handled, the
models, the policy and placebo years, the inference menu and seed, and the outputs.
``chainpower study init`` writes the default (paper 000, :data:`DEFAULT_SPEC`) to edit.

Every problem is a :class:`~chainpower.errors.SpecError` naming the file, the TOML key path
(``models.include[2]``, ``industries[0].sectors.adb``) and, for a choice, the allowed values. A
misspelt key is an error, never ignored.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from chainpower.data.reading import read_toml
from chainpower.errors import SpecError

__all__ = [
    "CONTROL_VARIABLES",
    "DEFAULT_SPEC",
    "MODEL_NAMES",
    "AlignmentSpec",
    "ControlsSpec",
    "DesignSpec",
    "IndustrySpec",
    "InferenceSpec",
    "ModelsSpec",
    "OutcomeSpec",
    "OutputsSpec",
    "StudySpec",
    "default_spec_text",
    "spec_to_toml",
]

#: The bundled default spec (paper 000).
DEFAULT_SPEC = "paper000.toml"
ModelName = Literal["pooled", "re", "fe", "twfe", "stacked", "did", "event", "placebo"]
ControlName = Literal[
    "ln_gdp", "ln_capital_per_worker", "ln_gov_share", "ln_working_age", "resource_rents"
]
#: Models a study can run, in report order.
MODEL_NAMES: tuple[ModelName, ...] = (
    "pooled", "re", "fe", "twfe", "stacked", "did", "event", "placebo",
)
#: Control variables (columns of ``paper000_controls(...).frame``).
CONTROL_VARIABLES: tuple[ControlName, ...] = (
    "ln_gdp",
    "ln_capital_per_worker",
    "ln_gov_share",
    "ln_working_age",
    "resource_rents",
)
#: Table family each outcome source reads sector codes from.
SOURCE_FAMILY: dict[str, str] = {"adb_ksreyes": "adb", "long": "long"}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IndustrySpec(_Frozen):
    """One strategic industry: its name, a label, and its sector codes per table family
    (``adb``, ``wiod``, ``icio``, ``long`` …)."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = ""
    sectors: dict[str, tuple[str, ...]]

    @model_validator(mode="after")
    def _codes(self) -> IndustrySpec:
        for family, codes in self.sectors.items():
            if not codes:
                raise ValueError(f"sectors.{family}: give at least one sector code")
        return self


class OutcomeSpec(_Frozen):
    """The dependent variable.

    ``indicators`` are summed per country-year-sector; with ``denominator`` the outcome is
    ``Σ_sectors Σ indicators / Σ_sectors denominator`` (the only honest way to pool a ratio over
    several sectors, and the way ratios with a denominator ≤ 0 are found and left out).
    ``source``: ``adb_ksreyes`` (published ADB-derived indicators, 2017–2022), ``mrio`` (an MRIO
    table family through the GVC engine; ``table`` names it) or ``long`` (a tidy long file at
    ``path``, e.g. a UIBE/TiVA download).
    """

    name: str = Field(default="gvcpt", pattern=r"^[a-z][a-z0-9_]*$")
    label: str = "GVC participation"
    source: Literal["adb_ksreyes", "mrio", "long"] = "adb_ksreyes"
    indicators: tuple[str, ...] = ("bm_gvcp_trade_f", "bm_gvcp_trade_b")
    denominator: str | None = None
    table: Literal["wiod2013"] | None = None
    path: str | None = None

    @model_validator(mode="after")
    def _source(self) -> OutcomeSpec:
        if not self.indicators:
            raise ValueError("indicators: give at least one indicator")
        if self.source == "mrio" and self.table is None:
            raise ValueError("table: source 'mrio' needs a table family (allowed: 'wiod2013')")
        if self.source == "long" and not self.path:
            raise ValueError("path: source 'long' needs the file's path")
        if self.source != "mrio" and self.table is not None:
            raise ValueError("table: applies only with source 'mrio'")
        return self

    @property
    def family(self) -> str:
        """The table family whose sector codes the industries must give."""
        return "wiod" if self.source == "mrio" else SOURCE_FAMILY[self.source]


class AlignmentSpec(_Frozen):
    """Political trust: ``published`` BSV ideal points (1946–2022) or ``own`` estimates from
    the UN votes (to 2019); ``estimates`` a file of own estimates (iso3, year, ideal) instead
    of estimating; ``window`` the first year of votes the own estimator sees."""

    source: Literal["published", "own"] = "published"
    reference: str = Field(default="USA", pattern=r"^[A-Z]{3}$")
    estimates: str | None = None
    window: int | None = None

    @model_validator(mode="after")
    def _own(self) -> AlignmentSpec:
        if self.source == "published" and (self.estimates or self.window):
            raise ValueError("estimates/window: apply only with source 'own'")
        return self


class ControlsSpec(_Frozen):
    """Controls and the missing-year policy: ``extend`` (documented extensions of the raw
    series), ``carry_forward`` (last observed value) or ``drop`` (the row leaves the panel,
    listed in the merge report)."""

    variables: tuple[ControlName, ...] = CONTROL_VARIABLES
    missing: Literal["extend", "carry_forward", "drop"] = "extend"


class ModelsSpec(_Frozen):
    """Which models to run (``pooled, re, fe, twfe, stacked, did, event, placebo``) and the
    cluster variable."""

    include: tuple[ModelName, ...] = MODEL_NAMES
    cluster: Literal["country"] = "country"

    @model_validator(mode="after")
    def _unique(self) -> ModelsSpec:
        if len(set(self.include)) != len(self.include):
            raise ValueError("include: a model is listed twice")
        if not self.include:
            raise ValueError(f"include: give at least one of {', '.join(MODEL_NAMES)}")
        return self


class DesignSpec(_Frozen):
    """Policy year (post = year ≥ policy year), the event-study reference year (default the
    year before the policy), the placebo year and the placebo window."""

    policy_year: int = 2021
    event_reference: int | None = None
    placebo_year: int = 2019
    placebo_years: tuple[int, int] = (2018, 2020)

    @property
    def reference_year(self) -> int:
        return self.policy_year - 1 if self.event_reference is None else self.event_reference


class InferenceSpec(_Frozen):
    """The few-cluster inference menu, shown side by side: ``crv1`` (CR1), ``cr3``
    (jackknife), ``wild`` (restricted wild cluster bootstrap, Webb weights), ``ri``
    (randomization inference permuting pre-policy trust across economies)."""

    methods: tuple[Literal["crv1", "cr3", "wild", "ri"], ...] = ("crv1", "cr3", "wild", "ri")
    seed: int = 2024
    n_boot: int = Field(default=999, ge=99)
    n_perm: int = Field(default=499, ge=99)
    level: float = Field(default=0.95, gt=0.5, lt=1.0)


class OutputsSpec(_Frozen):
    """What the report folder holds: table formats, whether figures are drawn, and the folder
    ``study run`` writes the report to when ``--report`` is not given (none: no report)."""

    tables: tuple[Literal["md", "html", "tex"], ...] = ("md", "html", "tex")
    figures: bool = True
    folder: str | None = None


class StudySpec(_Frozen):
    """One study: see the module docstring and ``docs/studies.md`` for every key."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = ""
    economies: tuple[str, ...]
    years: tuple[int, int]
    industries: tuple[IndustrySpec, ...]
    outcome: OutcomeSpec = OutcomeSpec()
    alignment: AlignmentSpec = AlignmentSpec()
    controls: ControlsSpec = ControlsSpec()
    models: ModelsSpec = ModelsSpec()
    design: DesignSpec = DesignSpec()
    inference: InferenceSpec = InferenceSpec()
    outputs: OutputsSpec = OutputsSpec()

    @model_validator(mode="after")
    def _consistent(self) -> StudySpec:
        lo, hi = self.years
        if hi < lo:
            raise ValueError("years: give [first, last] with first ≤ last")
        for i, code in enumerate(self.economies):
            if len(code) != 3 or not code.isalpha() or not code.isupper():
                raise ValueError(f"economies[{i}]: {code!r} is not an upper-case ISO3 code")
        if len(set(self.economies)) != len(self.economies):
            raise ValueError("economies: an economy is listed twice")
        names = [ind.name for ind in self.industries]
        if not names or len(set(names)) != len(names):
            raise ValueError("industries: give at least one industry, each name once")
        family = self.outcome.family
        for i, ind in enumerate(self.industries):
            if family not in ind.sectors:
                raise ValueError(
                    f"industries[{i}].sectors.{family}: industry {ind.name!r} has no sector "
                    f"codes for table family {family!r} (outcome.source = "
                    f"{self.outcome.source!r}); it has {sorted(ind.sectors)}"
                )
            if len(ind.sectors[family]) > 1 and self.outcome.denominator is None:
                raise ValueError(
                    f"industries[{i}].sectors.{family}: several sectors need "
                    "outcome.denominator to pool a ratio"
                )
        d = self.design
        uses_policy = {"did", "event", "stacked"} & set(self.models.include)
        if uses_policy and not lo < d.policy_year <= hi:
            raise ValueError(
                f"design.policy_year: {d.policy_year} must lie in ({lo}, {hi}] so that the panel "
                "has years before and after it"
            )
        if "event" in self.models.include and not lo <= d.reference_year < d.policy_year:
            raise ValueError(
                f"design.event_reference: {d.reference_year} must be a panel year before the "
                f"policy year {d.policy_year}"
            )
        if "placebo" in self.models.include:
            a, b = d.placebo_years
            if not (lo <= a < d.placebo_year <= b <= hi):
                raise ValueError(
                    f"design.placebo_years: need {lo} ≤ first < placebo_year ({d.placebo_year}) "
                    f"≤ last ≤ {hi}"
                )
        if self.alignment.source == "own" and hi > 2019 and self.alignment.estimates is None:
            raise ValueError(
                "alignment.source: own estimates reach 2019 (the vote files end there); "
                f"the panel runs to {hi}: use 'published' or end the years at 2019"
            )
        return self

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_dict(cls, data: dict[str, Any], *, file: str | Path | None = None) -> StudySpec:
        """Validate a dict (the parsed TOML); errors are :class:`SpecError` naming the key."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise _spec_error(exc, file) from None

    @classmethod
    def from_toml(cls, path: str | Path) -> StudySpec:
        """Read and validate a TOML spec file."""
        return cls.from_dict(read_toml(path), file=Path(path))

    @classmethod
    def default(cls) -> StudySpec:
        """The bundled paper-000 spec."""
        return cls.from_dict(tomllib.loads(default_spec_text()), file=DEFAULT_SPEC)

    def replace(self, **changes: Any) -> StudySpec:
        """A new, re-validated spec with top-level sections replaced (nested dicts merge)."""
        data = self.model_dump(mode="python")
        for key, value in changes.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return StudySpec.from_dict(data)

    def industry(self, name: str) -> IndustrySpec:
        for ind in self.industries:
            if ind.name == name:
                return ind
        raise SpecError(
            f"no industry {name!r}; the spec has {[i.name for i in self.industries]}",
            key="industries",
        )

    @property
    def year_list(self) -> list[int]:
        return list(range(self.years[0], self.years[1] + 1))


def default_spec_text() -> str:
    """The bundled default spec as TOML text (what ``study init`` writes)."""
    return (resources.files("chainpower.studies") / "data" / DEFAULT_SPEC).read_text("utf-8")


def _spec_error(exc: ValidationError, file: str | Path | None) -> SpecError:
    """The first pydantic error as a SpecError with a TOML key path and the allowed values."""
    err = exc.errors()[0]
    parts: list[str] = []
    for loc in err["loc"]:
        if isinstance(loc, int):
            parts[-1:] = [f"{parts[-1]}[{loc}]"] if parts else [f"[{loc}]"]
        else:
            parts.append(str(loc))
    key = ".".join(parts) or None
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
        head, sep, rest = msg.partition(": ")
        if sep and re.fullmatch(r"[a-z_][a-z0-9_.\[\]/]*", head):
            key = ".".join(p for p in (key, head) if p)
            msg = rest
    if err["type"] == "extra_forbidden":
        msg = "unknown key (misspelt?)"
    elif err["type"] == "missing":
        msg = "required key missing"
    elif "input" in err and err["type"] not in ("value_error",):
        msg = f"{msg} (got {err['input']!r})"
    return SpecError(msg, file=file, key=key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def spec_to_toml(spec: StudySpec) -> str:
    """The spec as TOML text that :meth:`StudySpec.from_toml` reads back to an equal spec."""
    data = spec.model_dump(mode="python", exclude_none=True)
    lines: list[str] = []
    sections: list[tuple[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, dict) or key == "industries":
            sections.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, value in sections:
        if key == "industries":
            for ind in value:
                lines += ["", "[[industries]]"]
                lines += [f"{k} = {_toml_value(v)}" for k, v in ind.items()]
        else:
            lines += ["", f"[{key}]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in value.items()]
    return "\n".join(lines) + "\n"
