"""Exception types shared by every layer of chainpower.

Every error that comes from bad input names *where* the problem is: the file, the row or the
label (country, sector, field) at fault. Callers catch :class:`ChainpowerError` to handle all of
them; each subclass also derives from the builtin exception a Python user would expect
(``ValueError``, ``FileNotFoundError``) so generic handlers keep working.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BalanceError",
    "ChainpowerError",
    "DataNotFoundError",
    "EstimationError",
    "InputError",
    "LayoutError",
    "SchemaError",
    "SpecError",
]


def _where(file: str | Path | None, label: str | None) -> str:
    parts = []
    if file is not None:
        parts.append(f"file {str(file)!r}")
    if label is not None:
        parts.append(f"at {label}")
    return (" [" + ", ".join(parts) + "]") if parts else ""


class ChainpowerError(Exception):
    """Base class of every chainpower error."""


class InputError(ChainpowerError, ValueError):
    """Bad input values: NaN, negative output, unknown code, duplicate label …

    ``file`` and ``label`` (e.g. ``"DEU/c14"`` or ``"row 17"``) are kept as attributes and
    appended to the message.
    """

    def __init__(
        self, message: str, *, file: str | Path | None = None, label: str | None = None
    ) -> None:
        self.file = None if file is None else str(file)
        self.label = label
        self.reason = message
        super().__init__(message + _where(file, label))


class BalanceError(InputError):
    """An input-output table violates a row or column accounting identity."""


class LayoutError(InputError):
    """A file does not have the layout its reader expects (wrong sheet, header, shape)."""


class SchemaError(InputError):
    """A knowledge-base record breaks its schema (unknown code, missing source, …)."""


class DataNotFoundError(ChainpowerError, FileNotFoundError):
    """A data file or folder that was asked for does not exist."""

    def __init__(self, message: str, *, file: str | Path | None = None) -> None:
        self.file = None if file is None else str(file)
        super().__init__(message + _where(file, None))


class SpecError(InputError):
    """A study or scenario spec breaks its schema; names the file and the key path
    (e.g. ``models.did.cluster``) and, where it helps, the allowed values."""

    def __init__(
        self, message: str, *, file: str | Path | None = None, key: str | None = None
    ) -> None:
        self.key = key
        super().__init__(message, file=file, label=None if key is None else f"key {key}")


class EstimationError(ChainpowerError, RuntimeError):
    """A model cannot be estimated as asked; names the model and the term at fault."""

    def __init__(self, message: str, *, model: str | None = None, term: str | None = None) -> None:
        self.model = model
        self.term = term
        where = ", ".join(p for p in (model and f"model {model}", term and f"term {term}") if p)
        super().__init__(message + (f" [{where}]" if where else ""))
