"""Load and validate the knowledge base from YAML files.

Layout of a knowledge-base folder (the package ships one in ``chainpower/alliances/data``)::

    vocabularies.yaml   controlled vocabularies (domains, commitment/institution types, …)
    organisations.yaml  organisations (EU, ASEAN) with member states and dates
    security_ties.yaml  US collective-defence treaty allies with dates
    ideologies.yaml     guiding ideology per economy (paper 004)
    alliances/*.yaml    one file per alliance
    instruments/*.yaml  one file per policy instrument

Any of the loaders also accepts a folder (or a single file) that holds only alliance or only
instrument files; vocabularies, organisations and treaties then come from the package. Every
problem raises :class:`~chainpower.errors.SchemaError` naming the file and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import yaml
from pydantic import BaseModel, ValidationError

from chainpower.alliances.dates import PartialDate, parse_partial_date
from chainpower.alliances.schema import Alliance, Ideology, Instrument, Registry
from chainpower.errors import DataNotFoundError, SchemaError

__all__ = [
    "KnowledgeBase",
    "Membership",
    "iso3_codes",
    "load_alliances",
    "load_instruments",
    "load_knowledge_base",
    "package_data_dir",
]

M = TypeVar("M", bound=BaseModel)


def package_data_dir() -> Path:
    """The knowledge base shipped with chainpower."""
    return Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """ISO3 codes of the country table of ``country_converter`` (read directly: its
    ``CountryConverter`` constructor fails under pandas 3)."""
    import country_converter

    path = Path(country_converter.__file__).resolve().parent / "country_data.tsv"
    table = pd.read_csv(path, sep="\t", keep_default_na=False, usecols=["ISO3"])
    return frozenset(str(c) for c in table["ISO3"] if c)


@dataclass(frozen=True)
class Membership:
    """A dated membership of a state in an organisation or treaty; ``left`` is the last day."""

    code: str
    joined: PartialDate
    left: PartialDate | None = None

    def active(self, as_of: dt.date) -> bool:
        return self.joined.latest <= as_of and (self.left is None or as_of <= self.left.latest)


@dataclass
class KnowledgeBase:
    """The loaded, validated knowledge base."""

    root: Path
    vocab: dict[str, Any]
    organisations: dict[str, list[Membership]]
    organisation_names: dict[str, str]
    treaty_allies: dict[str, list[Membership]]
    alliances: dict[str, Alliance] = field(default_factory=dict)
    instruments: dict[str, Instrument] = field(default_factory=dict)
    ideologies: dict[str, Ideology] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    def alliance(self, alliance_id: str) -> Alliance:
        try:
            return self.alliances[alliance_id]
        except KeyError:
            raise SchemaError(
                f"no alliance {alliance_id!r} (known: {', '.join(sorted(self.alliances))})"
            ) from None

    def instrument(self, instrument_id: str) -> Instrument:
        try:
            return self.instruments[instrument_id]
        except KeyError:
            raise SchemaError(f"no instrument {instrument_id!r}") from None


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader whose timestamps fail as YAML errors with a line number (plain
    ``SafeLoader`` raises a bare ``ValueError`` on an impossible date such as 2023-02-30)."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"impossible date {node.value!r} ({exc})", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise SchemaError(f"not valid YAML: {' '.join(str(exc).split())}", file=path) from exc
    except UnicodeDecodeError as exc:
        raise SchemaError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=path) from exc


def _loc(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(record)"


def _validate(model: type[M], raw: Any, path: Path, registry: Registry) -> M:
    if not isinstance(raw, dict):
        raise SchemaError("expected a mapping of fields at the top level", file=path)
    try:
        return model.model_validate(raw, context={"registry": registry})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _loc(tuple(err["loc"]))
        msg = str(err["msg"]).removeprefix("Value error, ")
        record = raw.get("id") or raw.get("economy")
        prefix = f"{model.__name__} {record!r}: " if record else f"{model.__name__}: "
        raise SchemaError(f"{prefix}{where}: {msg}", file=path, label=f"field {where}") from None


def _memberships(raw: Any, path: Path, what: str) -> list[Membership]:
    out = []
    for i, item in enumerate(raw or []):
        try:
            code = str(item["code"])
            joined = parse_partial_date(item["joined"])
            left = parse_partial_date(item["left"]) if item.get("left") else None
        except (KeyError, TypeError, ValueError) as exc:
            raise SchemaError(
                f"{what}: bad member entry ({exc})", file=path, label=f"field {what}.members[{i}]"
            ) from None
        if code not in iso3_codes():
            raise SchemaError(
                f"{what}: unknown ISO3 code {code!r}",
                file=path,
                label=f"field {what}.members[{i}].code",
            )
        out.append(Membership(code, joined, left))
    return out


def _files(path: Path, sub: str) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise DataNotFoundError("knowledge-base path does not exist", file=path)
    folder = path / sub if (path / sub).is_dir() else path
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def _base(root: Path) -> KnowledgeBase:
    """Vocabularies, organisations and treaties from ``root`` or else from the package."""

    def pick(name: str) -> Path:
        own = root / name
        return own if own.is_file() else package_data_dir() / name

    vocab_file = pick("vocabularies.yaml")
    vocab = _read_yaml(vocab_file)
    if not isinstance(vocab, dict):
        raise SchemaError("vocabularies must be a mapping", file=vocab_file)
    org_file = pick("organisations.yaml")
    orgs_raw = _read_yaml(org_file) or {}
    organisations = {k: _memberships(v.get("members"), org_file, k) for k, v in orgs_raw.items()}
    names = {k: str(v.get("name_zh", k)) for k, v in orgs_raw.items()}
    ties_file = pick("security_ties.yaml")
    ties_raw = (_read_yaml(ties_file) or {}).get("treaties", {})
    ties = {k: _memberships(v, ties_file, k) for k, v in ties_raw.items()}
    return KnowledgeBase(root, vocab, organisations, names, ties)


def _registry_for(kb: KnowledgeBase, today: dt.date | None) -> Registry:
    return Registry(kb.vocab, iso3_codes(), frozenset(kb.organisations), today or dt.date.today())


def _load_into(kb: KnowledgeBase, path: Path, sub: str, today: dt.date | None) -> None:
    registry = _registry_for(kb, today)
    model: type[Alliance] | type[Instrument] = Alliance if sub == "alliances" else Instrument
    target: dict[str, Any] = kb.alliances if sub == "alliances" else kb.instruments
    evidence_ids: dict[str, Path] = {}
    for file in _files(path, sub):
        raw = _read_yaml(file)
        record = _validate(model, raw, file, registry)
        if record.id in target:
            raise SchemaError(
                f"duplicate id {record.id!r} (also in {kb.files[sub + ':' + record.id]})",
                file=file,
                label="field id",
            )
        if isinstance(record, Alliance):
            for i, ev in enumerate(record.evidence):
                if ev.id in evidence_ids:
                    raise SchemaError(
                        f"duplicate evidence id {ev.id!r} (also in {evidence_ids[ev.id]})",
                        file=file,
                        label=f"field evidence[{i}].id",
                    )
                evidence_ids[ev.id] = file
        target[record.id] = record
        kb.files[sub + ":" + record.id] = file


def _load_records(path: str | Path | None, sub: str, today: dt.date | None) -> KnowledgeBase:
    root = package_data_dir() if path is None else Path(path)
    if not root.exists():
        raise DataNotFoundError("knowledge-base path does not exist", file=root)
    kb = _base(root if root.is_dir() else root.parent)
    _load_into(kb, root, sub, today)
    return kb


def load_alliances(
    path: str | Path | None = None, *, today: dt.date | None = None
) -> dict[str, Alliance]:
    """Alliances from a folder (``<path>/alliances/*.yaml`` or ``<path>/*.yaml``) or a file."""
    return _load_records(path, "alliances", today).alliances


def load_instruments(
    path: str | Path | None = None, *, today: dt.date | None = None
) -> dict[str, Instrument]:
    """Policy instruments from a folder (``<path>/instruments/*.yaml`` or ``<path>/*.yaml``)."""
    return _load_records(path, "instruments", today).instruments


def _load_ideologies(kb: KnowledgeBase) -> None:
    file = kb.root / "ideologies.yaml"
    if not file.is_file():
        file = package_data_dir() / "ideologies.yaml"
    raw = _read_yaml(file) or []
    if not isinstance(raw, list):
        raise SchemaError("ideologies.yaml must hold a list", file=file)
    registry = _registry_for(kb, None)
    for i, item in enumerate(raw):
        try:
            rec = Ideology.model_validate(item, context={"registry": registry})
        except ValidationError as exc:
            err = exc.errors()[0]
            where = f"[{i}]." + _loc(tuple(err["loc"]))
            raise SchemaError(
                f"Ideology: {where}: {err['msg']}", file=file, label=f"field {where}"
            ) from None
        kb.ideologies[rec.economy] = rec


def _load_full(root: Path, today: dt.date | None = None) -> KnowledgeBase:
    kb = _base(root)
    if (root / "alliances").is_dir():
        _load_into(kb, root, "alliances", today)
    if (root / "instruments").is_dir():
        _load_into(kb, root, "instruments", today)
    _load_ideologies(kb)
    return kb


@lru_cache(maxsize=4)
def _cached(root: str) -> KnowledgeBase:
    return _load_full(Path(root))


def load_knowledge_base(root: str | Path | None = None, *, cache: bool = True) -> KnowledgeBase:
    """The whole knowledge base: the package's (default) or one in folder ``root``."""
    path = package_data_dir() if root is None else Path(root)
    if not path.is_dir():
        raise DataNotFoundError("knowledge-base folder does not exist", file=path)
    return _cached(str(path.resolve())) if cache else _load_full(path)
