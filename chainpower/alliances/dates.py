"""Partial dates for the knowledge base: ``2021``, ``2021-06``, ``2021-06-15`` or ``by 2024-06``.

The papers often date an event to a month only ("2021 年 6 月"); some evidence is not dated at
all and is only known to exist by the time a paper was written. A :class:`PartialDate` keeps
the precision that the source gives. For as-of evaluation an event counts from the *last* day
of its period (``latest``): an event dated ``2022-05`` is certainly past on 2022-05-31. A
``by`` date (``by 2024-06``) is an upper bound — the event happened at some unknown time no
later than that period — and also counts from ``latest``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from chainpower.errors import InputError

__all__ = ["PartialDate", "parse_partial_date", "to_date"]

_PATTERN = re.compile(r"^(by\s+)?(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to year, month or day precision; ``by`` marks an upper bound."""

    year: int
    month: int | None = None
    day: int | None = None
    by: bool = False

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise InputError("a day needs a month", label=f"date {self.year}")
        try:  # impossible dates such as 2023-02-30
            month = 1 if self.month is None else self.month
            dt.date(self.year, month, 1 if self.day is None else self.day)
        except ValueError as exc:
            raise InputError(f"impossible date ({exc})", label=f"date {self}") from None

    @property
    def precision(self) -> str:
        return "day" if self.day else ("month" if self.month else "year")

    @property
    def earliest(self) -> dt.date:
        """First day of the period (for a ``by`` date: unknown, so the period's first day)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """Last day of the period: from this day on the event is certainly past."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return ("by " + text) if self.by else text


def parse_partial_date(value: object) -> PartialDate:
    """Read ``2021``, ``"2021-06"``, ``"2021-06-15"``, ``"by 2024-06"`` or a ``datetime.date``."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise InputError("not a date", label=f"date {value!r}")
    if isinstance(value, int):
        return PartialDate(value)
    if isinstance(value, str):
        match = _PATTERN.match(value.strip())
        if match:
            by, year, month, day = match.groups()
            return PartialDate(
                int(year),
                None if month is None else int(month),
                None if day is None else int(day),
                by=bool(by),
            )
    raise InputError(
        "not a date (use YYYY, YYYY-MM, YYYY-MM-DD or 'by YYYY-MM')", label=f"date {value!r}"
    )


def to_date(value: str | dt.date | PartialDate) -> dt.date:
    """An as-of date from ``"2024-06-30"``, a ``date`` or a partial date (its last day)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, PartialDate):
        return value.latest
    return parse_partial_date(value).latest
