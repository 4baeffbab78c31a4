"""Dependency-screen rules kept as data: the YAML/TOML schema and its parser.

A rule file names the metrics it tests, the comparison and the threshold of each criterion,
how criteria combine and how many years a verdict must hold. Presets ship in
``chainpower/trade/rules/`` (``eu2021``, ``geodep``); a user's file has the same schema::

    name: mine
    scope: extra_group            # extra_group | all_partners (suppliers counted)
    exports: total                # total | extra_group (the group's exports in the ratio)
    criteria:
      - {name: concentration, metric: import_hhi, op: ">", value: 0.4}
      - {name: big, metric: imports, op: ">=", value: 1.0e6}
    combine: all                  # all | any | {at_least: N}
    persistence: {min_years: 2, of_years: 3}

Metrics (per importer × product × year; formulas in :mod:`chainpower.trade.screens`):
:data:`METRICS`. Operators: :data:`OPERATORS`. Every error names the file and the key path
(``criteria[2].op``), e.g. an unknown operator.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from chainpower.data.reading import read_toml
from chainpower.errors import SpecError

__all__ = ["METRICS", "OPERATORS", "PRESETS", "Criterion", "ScreenRules", "load_rules"]

OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}
METRICS: dict[str, str] = {
    "imports": "value of the importer's imports from suppliers in scope",
    "import_hhi": "HHI of the importer's suppliers in scope (0–1)",
    "extra_share": "imports from outside the group / all imports of the group",
    "import_export_ratio": "imports in scope / the group's exports (inf when exports are 0)",
    "world_export_hhi": "HHI of world exporters of the product (0–1)",
    "top_share": "share of the largest supplier in scope",
    "world_top_share": "share of the largest world exporter",
}
PRESETS: tuple[str, ...] = ("eu2021", "geodep")
_TOP_KEYS = {"name", "title", "source", "scope", "exports", "criteria", "combine", "persistence"}


@dataclass(frozen=True)
class Criterion:
    name: str
    metric: str
    op: str
    value: float

    def evaluate(self, metrics: Mapping[str, np.ndarray]) -> np.ndarray:
        """Boolean array: does the criterion hold in each cell?"""
        with np.errstate(invalid="ignore"):
            return np.asarray(OPERATORS[self.op](metrics[self.metric], self.value), dtype=bool)


@dataclass(frozen=True)
class ScreenRules:
    name: str
    criteria: tuple[Criterion, ...]
    scope: str = "extra_group"
    exports: str = "total"
    combine: str | int = "all"
    min_years: int = 1
    of_years: int = 1
    title: str = ""
    source: str = ""
    file: str | None = None

    def combine_flags(self, flags: np.ndarray) -> np.ndarray:
        """Flags (cells × criteria) → verdict per cell."""
        if self.combine == "all":
            return np.asarray(flags.all(axis=1))
        if self.combine == "any":
            return np.asarray(flags.any(axis=1))
        return np.asarray(flags.sum(axis=1) >= int(self.combine))


def _fail(msg: str, file: str | None, key: str) -> SpecError:
    return SpecError(msg, file=file, key=key)


def _one_of(
    value: Any,
    allowed: Mapping[str, Any],
    what: str,
    rule: str,
    file: str | None,
    key: str,
    *,
    sep: str = ", ",
) -> str:
    """``value`` when it is a key of ``allowed``; else a :class:`SpecError` listing them."""
    if value not in allowed:
        raise _fail(
            f"unknown {what} {value!r} in rule {rule!r}; use one of {sep.join(allowed)}", file, key
        )
    return str(value)


def parse_rules(spec: Mapping[str, Any], *, file: str | None = None) -> ScreenRules:
    """Validate a rule mapping (as read from YAML/TOML) into :class:`ScreenRules`."""
    if not isinstance(spec, Mapping):
        raise _fail("a rule file must be a mapping", file, "(top)")
    extra = sorted(set(spec) - _TOP_KEYS)
    if extra:
        raise _fail(f"unknown key(s) {extra}; allowed: {sorted(_TOP_KEYS)}", file, extra[0])
    name = str(spec.get("name") or (Path(file).stem if file else "custom"))
    crit = spec.get("criteria")
    if not isinstance(crit, list) or not crit:
        raise _fail("criteria must be a non-empty list", file, "criteria")
    out = []
    for i, c in enumerate(crit):
        key = f"criteria[{i}]"
        if not isinstance(c, Mapping):
            raise _fail("a criterion must be a mapping", file, key)
        unknown = sorted(set(c) - {"name", "metric", "op", "value"})
        if unknown:
            raise _fail(f"unknown key(s) {unknown} in rule {c.get('name', i)!r}", file, key)
        cname = str(c.get("name", f"c{i}"))
        metric = _one_of(c.get("metric"), METRICS, "metric", cname, file, f"{key}.metric")
        op = _one_of(c.get("op"), OPERATORS, "operator", cname, file, f"{key}.op", sep=" ")
        try:
            value = float(c["value"])
        except (KeyError, TypeError, ValueError):
            raise _fail(f"value of rule {cname!r} must be a number", file, f"{key}.value") from None
        out.append(Criterion(cname, str(metric), str(op), value))
    if len({c.name for c in out}) != len(out):
        raise _fail("criterion names must be unique", file, "criteria")
    scope = spec.get("scope", "extra_group")
    if scope not in ("extra_group", "all_partners"):
        raise _fail("scope must be extra_group or all_partners", file, "scope")
    exports = spec.get("exports", "total")
    if exports not in ("total", "extra_group"):
        raise _fail("exports must be total or extra_group", file, "exports")
    combine: str | int = spec.get("combine", "all")
    if isinstance(combine, Mapping) and set(combine) == {"at_least"}:
        combine = int(combine["at_least"])
        if not 1 <= combine <= len(out):
            raise _fail(f"at_least must lie in 1–{len(out)}", file, "combine.at_least")
    elif combine not in ("all", "any"):
        raise _fail("combine must be all, any or {at_least: N}", file, "combine")
    pers = spec.get("persistence", {}) or {}
    if not isinstance(pers, Mapping) or set(pers) - {"min_years", "of_years"}:
        raise _fail("persistence takes min_years and of_years", file, "persistence")
    min_years = int(pers.get("min_years", 1))
    of_years = int(pers.get("of_years", min_years))
    if not 1 <= min_years <= of_years:
        raise _fail("need 1 ≤ min_years ≤ of_years", file, "persistence.min_years")
    return ScreenRules(
        name=name,
        criteria=tuple(out),
        scope=str(scope),
        exports=str(exports),
        combine=combine,
        min_years=min_years,
        of_years=of_years,
        title=str(spec.get("title", "")),
        source=str(spec.get("source", "")),
        file=file,
    )


def load_rules(rules: str | Path | Mapping[str, Any] | ScreenRules) -> ScreenRules:
    """A preset name (``"eu2021"``, ``"geodep"``), a YAML/TOML file, a mapping or rules."""
    if isinstance(rules, ScreenRules):
        return rules
    if isinstance(rules, Mapping):
        return parse_rules(rules)
    text_name = str(rules)
    if text_name in PRESETS:
        ref = resources.files("chainpower.trade").joinpath("rules", f"{text_name}.yaml")
        import yaml

        return parse_rules(
            yaml.safe_load(ref.read_text(encoding="utf-8")), file=f"{text_name}.yaml"
        )
    path = Path(rules)
    if not path.is_file():
        raise SpecError(
            f"no rule file or preset {text_name!r}; presets: {', '.join(PRESETS)}", file=path
        )
    if path.suffix.lower() == ".toml":
        spec = read_toml(path, "rule file")
    else:
        import yaml

        try:
            spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise SpecError(f"not valid YAML: {exc}", file=path) from None
    return parse_rules(spec, file=str(path))
