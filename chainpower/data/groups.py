"""Country groups: the EU by date, EU-27 (2020), and a few fixed regions (ISO3 codes).

EU membership follows the accession treaties (dates of entry into force) and the withdrawal of
the United Kingdom on 31 January 2020 (Withdrawal Agreement, OJ L 29, 31.1.2020):

============  ==========================================================
from          members joining
============  ==========================================================
1958-01-01    BEL, DEU, FRA, ITA, LUX, NLD (Treaty of Rome)
1973-01-01    DNK, GBR, IRL
1981-01-01    GRC
1986-01-01    ESP, PRT
1995-01-01    AUT, FIN, SWE
2004-05-01    CYP, CZE, EST, HUN, LTU, LVA, MLT, POL, SVK, SVN
2007-01-01    BGR, ROU
2013-07-01    HRV
============  ==========================================================

A year given instead of a date means the membership on 31 December of that year (so the EU of
2013 includes Croatia and the EU of 2020 excludes the United Kingdom).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from chainpower.errors import InputError

__all__ = ["EU_ACCESSIONS", "EU_EXITS", "GROUPS", "eu_members", "group_members", "is_group"]

EU_ACCESSIONS: dict[str, dt.date] = {
    **{c: dt.date(1958, 1, 1) for c in ("BEL", "DEU", "FRA", "ITA", "LUX", "NLD")},
    **{c: dt.date(1973, 1, 1) for c in ("DNK", "GBR", "IRL")},
    "GRC": dt.date(1981, 1, 1),
    **{c: dt.date(1986, 1, 1) for c in ("ESP", "PRT")},
    **{c: dt.date(1995, 1, 1) for c in ("AUT", "FIN", "SWE")},
    **{
        c: dt.date(2004, 5, 1)
        for c in ("CYP", "CZE", "EST", "HUN", "LTU", "LVA", "MLT", "POL", "SVK", "SVN")
    },
    **{c: dt.date(2007, 1, 1) for c in ("BGR", "ROU")},
    "HRV": dt.date(2013, 7, 1),
}
#: Last day of membership.
EU_EXITS: dict[str, dt.date] = {"GBR": dt.date(2020, 1, 31)}


def _date(as_of: dt.date | int | str) -> dt.date:
    if isinstance(as_of, dt.date):
        return as_of
    if isinstance(as_of, int):
        return dt.date(as_of, 12, 31)
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise InputError("a date must be YYYY-MM-DD or a year", label=repr(as_of)) from None


def eu_members(as_of: dt.date | int | str) -> frozenset[str]:
    """EU member states on a date (or on 31 December of a year)."""
    d = _date(as_of)
    return frozenset(
        c for c, start in EU_ACCESSIONS.items() if start <= d and d <= EU_EXITS.get(c, dt.date.max)
    )


#: Fixed-composition groups.
GROUPS: dict[str, frozenset[str]] = {
    "EU27": eu_members(dt.date(2020, 2, 1)),
    "EU28": eu_members(dt.date(2019, 12, 31)),
    "G7": frozenset({"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}),
    "ASEAN": frozenset({"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}),
    "EFTA": frozenset({"ISL", "LIE", "NOR", "CHE"}),
    "USMCA": frozenset({"USA", "MEX", "CAN"}),
}


def is_group(name: str) -> bool:
    """True for ``"EU"`` (dated) and the names in :data:`GROUPS`."""
    return str(name).upper() in GROUPS or str(name).upper() == "EU"


def group_members(
    name: str | Iterable[str], as_of: dt.date | int | str | None = None
) -> frozenset[str]:
    """Members of a group: ``"EU"`` (needs ``as_of``), a name of :data:`GROUPS`, one ISO3 code
    (a group of one) or an explicit collection of ISO3 codes."""
    if not isinstance(name, str):
        members = frozenset(str(c).upper() for c in name)
        if not members:
            raise InputError("an empty group of countries")
        return members
    key = name.upper()
    if key == "EU":
        if as_of is None:
            raise InputError("the EU changes over time: give as_of (a date or year)", label=name)
        return eu_members(as_of)
    if key in GROUPS:
        return GROUPS[key]
    if len(key) == 3 and key.isalpha():
        return frozenset({key})
    raise InputError(
        f"unknown group; use an ISO3 code, EU (dated) or one of {', '.join(GROUPS)}", label=name
    )
