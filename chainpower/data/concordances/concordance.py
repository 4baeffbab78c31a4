"""Sector concordances, above all onto the papers' three strategic industries.

Shipped CSV files (``code,name,strategic,strategic_narrow[,…]``), one per classification:

============  ===================================================================================
``adb35``     ADB MRIO 35 sectors ``c1…c35``: chips = c14, vehicles = c15, minerals = c2
``wiod35``    WIOD 2013 35 sectors (same codes and grouping as ``adb35``)
``icio2023``  OECD ICIO 2023 edition (45 ISIC Rev. 4 industries ``A01_02 … T``)
``icio2021``  OECD ICIO 2021 edition (``D01T02 … D97T98``)
``synthetic`` the synthetic world's 12 sectors (ELEC, TRAN, MIN)
============  ===================================================================================

For ICIO the ``strategic`` column matches ADB/WIOD's ISIC Rev. 3 groups (c14 = ISIC 30–33 →
Rev. 4 C26 + C27; c15 = 34–35 → C29 + C30; c2 = 10–14 → B05–B09); ``strategic_narrow`` keeps the
core only (chips = C26, vehicles = C29, minerals = B07_08). See ``docs/concordances.md``.
Every other sector maps to ``other``.

A user concordance is a CSV with columns ``from,to`` (or ``code`` plus the chosen column).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from chainpower.data.reading import read_frame
from chainpower.errors import DataNotFoundError, LayoutError

__all__ = [
    "STRATEGIC_INDUSTRIES",
    "Concordance",
    "available_concordances",
    "detect_classification",
    "load_concordance",
    "strategic_concordance",
]

#: The papers' strategic industries, in reporting order (then ``other``).
STRATEGIC_INDUSTRIES: tuple[str, ...] = ("chips", "vehicles", "minerals")


@dataclass(frozen=True)
class Concordance:
    """A many-to-one map of sector (or country) codes onto groups.

    ``mapping`` code → group; ``groups`` in reporting order; ``names`` code → name; ``origin``
    the file it came from.
    """

    name: str
    mapping: dict[str, str]
    groups: tuple[str, ...]
    names: dict[str, str]
    origin: str

    def members(self, group: str) -> list[str]:
        """Codes mapped onto ``group``."""
        return [c for c, g in self.mapping.items() if g == group]


def _shipped() -> dict[str, Path]:
    root = resources.files("chainpower.data.concordances")
    return {Path(str(p)).stem: Path(str(p)) for p in root.iterdir() if str(p).endswith(".csv")}


def available_concordances() -> list[str]:
    """Names of the shipped concordances."""
    return sorted(_shipped())


def load_concordance(name_or_path: str | Path, column: str = "strategic") -> Concordance:
    """A shipped concordance by name (``"adb35"`` …) or a CSV file (``from,to`` or ``code``
    plus ``column``)."""
    shipped = _shipped()
    path = shipped.get(str(name_or_path)) or Path(name_or_path)
    if not path.exists():
        raise DataNotFoundError(
            f"no concordance {name_or_path!r} (shipped: {', '.join(sorted(shipped))})", file=path
        )
    df = read_frame(path, "concordance file", dtype=str, keep_default_na=False)
    if {"from", "to"} <= set(df.columns):
        src, dst = "from", "to"
    elif "code" in df.columns and column in df.columns:
        src, dst = "code", column
    else:
        raise LayoutError(
            f"a concordance needs columns from,to or code,{column}; found {list(df.columns)}",
            file=path,
        )
    df[src] = df[src].str.strip()
    df[dst] = df[dst].str.strip()
    empty = df[(df[src] == "") | (df[dst] == "")]
    if len(empty):
        raise LayoutError(
            f"line {int(empty.index[0]) + 2}: empty code or group",
            file=path,
            label=str(empty.iloc[0][src]) or None,
        )
    dup = df[df[src].duplicated()]
    if len(dup):
        raise LayoutError(
            f"code {dup.iloc[0][src]!r} is mapped twice", file=path, label=str(dup.iloc[0][src])
        )
    mapping = dict(zip(df[src], df[dst], strict=True))
    groups = list(dict.fromkeys(df[dst]))
    if set(groups) <= set(STRATEGIC_INDUSTRIES) | {"other"}:
        groups = [g for g in (*STRATEGIC_INDUSTRIES, "other") if g in groups]
    names = dict(zip(df[src], df["name"], strict=True)) if "name" in df.columns else {}
    return Concordance(
        path.stem if path in shipped.values() else str(path),
        mapping,
        tuple(groups),
        names,
        str(path),
    )


def detect_classification(sectors: Iterable[str]) -> str | None:
    """The shipped concordance whose codes equal ``sectors`` (``adb35`` before ``wiod35``)."""
    want = set(sectors)
    for name in ("adb35", "icio2023", "icio2021", "synthetic", "wiod35"):
        if set(load_concordance(name).mapping) == want:
            return name
    return None


def strategic_concordance(
    classification_or_sectors: str | Iterable[str], *, narrow: bool = False
) -> Concordance:
    """The strategic-industry concordance of a classification name or of a table's sectors."""
    if isinstance(classification_or_sectors, str):
        name: str | None = classification_or_sectors
    else:
        sectors = list(classification_or_sectors)
        name = detect_classification(sectors)
        if name is None:
            raise LayoutError(
                f"sectors {sectors[:5]}… match no shipped classification "
                f"({', '.join(available_concordances())}); pass a concordance file"
            )
    assert name is not None
    return load_concordance(name, "strategic_narrow" if narrow else "strategic")
