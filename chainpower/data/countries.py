"""Country-code harmonisation: ISO2, Correlates-of-War (COW) numeric codes and names → ISO3.

Current states are looked up in the country table maintained by the ``country_converter``
package (``coco``; Stadler 2017, JOSS 2(16):332). The table is read directly (tab-separated
file shipped with ``coco``) rather than through ``coco.CountryConverter``, whose constructor
fails under pandas 3 (empty ISO2 cells become NaN and its regex compilation breaks).

Historical states and codes where COW differs from the Gleditsch–Ward codes held in ``coco``
are mapped by the explicit tables below (:data:`COW_EXPLICIT`, :data:`ISO2_EXPLICIT`,
:data:`NAME_EXPLICIT`). The rules (see ``docs/alignment.md``):

* a state that the UN treats as continuing the same seat maps to its successor's ISO3:
  USSR → RUS, Yugoslavia / Serbia and Montenegro → SRB, German Federal Republic → DEU,
  Yemen Arab Republic (North Yemen) → YEM (it held Yemen's seat after 1990),
  Czechoslovakia → CZE (as requested by the project; Slovakia starts anew as SVK);
* a state that disappeared without a successor seat keeps its own code so its votes are never
  merged into another country: German Democratic Republic → ``DDR``, Yemen People's Republic
  (South Yemen) → ``YMD``, Zanzibar → ``EAZ`` (coco's code), Republic of Vietnam → ``RVN``.

Unknown codes raise :class:`~chainpower.errors.InputError` naming the code, the file and the
first row where it occurs — never a silent NaN.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from chainpower.errors import InputError

__all__ = [
    "PAPER000_ECONOMIES",
    "COW_EXPLICIT",
    "ISO2_EXPLICIT",
    "NAME_EXPLICIT",
    "cow_to_iso3",
    "historical_states",
    "iso2_to_iso3",
    "map_unique",
    "names_to_iso3",
]

#: The 15 economies of paper 000's panel (its order), used by the trust and exposure panels.
PAPER000_ECONOMIES: tuple[str, ...] = (
    "AUS",
    "CAN",
    "CHN",
    "IND",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "USA",
    "DEU",
    "FRA",
    "GBR",
    "PHL",
    "VNM",
    "SGP",
)

#: COW numeric code → ISO3 where the COW code is historical or differs from the Gleditsch–Ward
#: code stored in country_converter. (code: (iso3, COW state name, rule))
COW_EXPLICIT: dict[int, tuple[str, str, str]] = {
    255: ("DEU", "Germany (1990–)", "current state"),
    260: ("DEU", "German Federal Republic (1955–1990)", "successor seat"),
    265: ("DDR", "German Democratic Republic (1973–1990)", "own code, no successor"),
    315: ("CZE", "Czechoslovakia (1945–1992)", "mapped to Czechia"),
    316: ("CZE", "Czech Republic (1993–)", "current state"),
    345: ("SRB", "Yugoslavia / Serbia and Montenegro / Serbia", "successor seat"),
    347: ("XKX", "Kosovo", "current state (user-assigned ISO code)"),
    365: ("RUS", "USSR / Russia", "successor seat"),
    510: ("TZA", "Tanzania (Tanganyika)", "current state"),
    511: ("EAZ", "Zanzibar (1963–1964)", "own code, no successor"),
    678: ("YEM", "Yemen Arab Republic (North Yemen, –1990)", "successor seat"),
    679: ("YEM", "Yemen (1990–)", "current state"),
    680: ("YMD", "Yemen People's Republic (South Yemen, 1967–1990)", "own code, no successor"),
    713: ("TWN", "Taiwan (Republic of China; UN seat until 1971)", "current territory"),
    730: ("KOR", "Korea (before 1949)", "successor"),
    816: ("VNM", "Vietnam (Democratic Republic; unified 1976–)", "current state"),
    817: ("RVN", "Republic of Vietnam (South Vietnam, –1975)", "own code, no successor"),
    946: ("KIR", "Kiribati", "COW ≠ Gleditsch–Ward"),
    947: ("TUV", "Tuvalu", "COW ≠ Gleditsch–Ward"),
    955: ("TON", "Tonga", "COW ≠ Gleditsch–Ward"),
    970: ("NRU", "Nauru", "COW ≠ Gleditsch–Ward"),
}

#: ISO2 codes of states that no longer exist (ISO 3166-3), as used in the ``unvotes`` data.
ISO2_EXPLICIT: dict[str, tuple[str, str]] = {
    "CS": ("CZE", "Czechoslovakia"),
    "YU": ("SRB", "Yugoslavia / Serbia and Montenegro / Serbia"),
    "DD": ("DDR", "German Democratic Republic"),
    "YD": ("YMD", "Yemen People's Republic (South Yemen)"),
    "SU": ("RUS", "USSR"),
    "XK": ("XKX", "Kosovo"),
}

#: Country names that carry no ISO2 code in the ``unvotes`` data.
NAME_EXPLICIT: dict[str, str] = {
    "Yemen Arab Republic": "YEM",
    "Federal Republic of Germany": "DEU",
    "Zanzibar": "EAZ",
}


@lru_cache(maxsize=1)
def _coco_table() -> pd.DataFrame:
    """The country table of country_converter, read with every cell as a string."""
    import country_converter.country_converter as ccm

    return pd.read_csv(
        Path(ccm.COUNTRY_DATA_FILE), sep="\t", encoding="utf-8", dtype=str, keep_default_na=False
    )


@lru_cache(maxsize=1)
def _iso2_map() -> dict[str, str]:
    table = _coco_table()
    out: dict[str, str] = {}
    for cell, iso3 in zip(table["ISO2"], table["ISO3"], strict=True):
        # A few cells are regular expressions of alternatives, e.g. "^GB$|^UK$".
        for alt in cell.split("|"):
            code = alt.strip().strip("^$").upper()
            if code and iso3:
                out[code] = iso3
    out.update({k: v[0] for k, v in ISO2_EXPLICIT.items()})
    return out


@lru_cache(maxsize=1)
def _cow_map() -> dict[int, str]:
    table = _coco_table()
    out: dict[int, str] = {}
    for gw, iso3 in zip(table["GWcode"], table["ISO3"], strict=True):
        if gw and iso3:
            out[int(float(gw))] = iso3
    out.update({k: v[0] for k, v in COW_EXPLICIT.items()})
    return out


def _where(rows: Sequence[object] | None, pos: int) -> str:
    """Label of position ``pos``: ``rows[pos]`` when given (a row label), else ``row <pos>``."""
    if rows is None:
        return f"row {pos}"
    label = str(rows[pos])
    return label if label.startswith("row") else f"row {label}"


def iso2_to_iso3(
    codes: Iterable[str],
    *,
    file: str | Path | None = None,
    rows: Sequence[object] | None = None,
) -> np.ndarray:
    """Convert ISO 3166-1 alpha-2 codes to alpha-3 (shape (n,) → (n,), object array).

    ``rows`` (same length) labels each code for error messages (defaults to the position).
    Raises :class:`InputError` on a missing or unknown code.
    """
    arr = np.asarray(list(codes), dtype=object)
    mapping = _iso2_map()
    out = np.empty(arr.shape, dtype=object)
    uniq, inverse = np.unique(arr.astype(str), return_inverse=True)
    conv = []
    for code in uniq:
        iso3 = mapping.get(code.strip().upper())
        if iso3 is None:
            pos = int(np.flatnonzero(arr.astype(str) == code)[0])
            raise InputError(
                f"unknown ISO2 country code {str(code)!r}",
                file=file,
                label=_where(rows, pos),
            )
        conv.append(iso3)
    out[:] = np.asarray(conv, dtype=object)[inverse.reshape(-1)]
    return out


def cow_to_iso3(
    codes: Iterable[int],
    *,
    file: str | Path | None = None,
    rows: Sequence[object] | None = None,
) -> np.ndarray:
    """Convert Correlates-of-War numeric state codes to ISO3 (shape (n,) → (n,), object array).

    Raises :class:`InputError` naming the first row of an unknown or non-integer code.
    """
    given = list(codes)
    raw = pd.to_numeric(pd.Series(given, dtype=object), errors="coerce").to_numpy(float)
    bad = ~np.isfinite(raw) | (raw != np.round(raw))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"COW code {str(given[pos])!r} is not an integer",
            file=file,
            label=_where(rows, pos),
        )
    ints = raw.astype(np.int64)
    return map_unique(
        ints,
        _cow_map(),
        lambda code, pos: InputError(
            f"unknown COW country code {code}", file=file, label=_where(rows, pos)
        ),
    )


def map_unique(
    codes: np.ndarray,
    mapping: Mapping[Any, str],
    unknown: Callable[[Any, int], Exception],
) -> np.ndarray:
    """Map each of ``codes (n,)`` through ``mapping``, looking up each distinct code once;
    returns an ``(n,)`` object array. A code missing from ``mapping`` raises
    ``unknown(code, position of its first occurrence)``. NumPy scalars are looked up as the
    Python values they hold."""
    uniq, inverse = np.unique(codes, return_inverse=True)
    out = []
    for code in uniq:
        key = code.item() if hasattr(code, "item") else code
        value = mapping.get(key)
        if value is None:
            raise unknown(key, int(np.flatnonzero(codes == code)[0]))
        out.append(value)
    return np.asarray(out, dtype=object)[inverse.reshape(-1)]


def names_to_iso3(
    names: Iterable[str],
    *,
    file: str | Path | None = None,
    rows: Sequence[object] | None = None,
) -> np.ndarray:
    """Convert the historical country names of :data:`NAME_EXPLICIT` to ISO3 (shape (n,)).

    Only the explicit table is used (names are not fuzzy-matched): an unlisted name raises
    :class:`InputError`.
    """
    arr = list(names)
    out = np.empty(len(arr), dtype=object)
    for pos, name in enumerate(arr):
        iso3 = NAME_EXPLICIT.get(str(name).strip())
        if iso3 is None:
            raise InputError(
                f"country {name!r} has no code and is not in the table of historical names",
                file=file,
                label=_where(rows, pos),
            )
        out[pos] = iso3
    return out


def historical_states() -> pd.DataFrame:
    """The explicit COW table as a frame (columns ccode, iso3, name, rule) for documentation."""
    return pd.DataFrame(
        [(k, v[0], v[1], v[2]) for k, v in sorted(COW_EXPLICIT.items())],
        columns=["ccode", "iso3", "name", "rule"],
    )
