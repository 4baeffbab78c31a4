"""The shared result contract (``../shared/docs/design.md`` §3).

Every chainpower result is a frozen dataclass (``eq=False`` where it holds arrays) that also
derives from :class:`Result`, which supplies:

===================  =====================================================================
``repr(res)``         one line: ``ClassName(key=value, …)`` from :meth:`_repr_fields`
``res.summary``       small DataFrame of headline numbers (a property; subclasses define it)
``str(res)``          header + summary as text; ``_repr_html_`` the same as HTML
``res.to_frame()``    the kind's documented long schema (subclasses define it)
``res.plot()``        a Figure (subclasses forward to their layer's ``figures.py``)
``res.write(path)``   ``output.write(res.to_frame(), path, meta=res.meta)``
``res.meta``          dict: chainpower version, inputs, parameters, seed …
===================  =====================================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["Result", "format_fields"]


def format_fields(name: str, fields: dict[str, Any]) -> str:
    """``Name(a=1, b='x')`` with large integers grouped (``5,204``); always one line."""
    parts = []
    for key, value in fields.items():
        if isinstance(value, bool) or not isinstance(value, int):
            text = repr(value) if isinstance(value, str) else str(value)
        elif key.startswith("year"):  # a year is a label, not a quantity: 2010, not 2,010
            text = str(value)
        else:
            text = f"{value:,}"
        parts.append(f"{key}={text}" if key else text)
    return f"{name}({', '.join(parts)})".replace("\n", " ")


class Result:
    """Mixin base of every result class; see the module docstring for the contract."""

    def _repr_fields(self) -> dict[str, Any]:
        """Headline fields for the one-line repr (override)."""
        return {}

    def __repr__(self) -> str:
        return format_fields(type(self).__name__, self._repr_fields())

    @property
    def summary(self) -> pd.DataFrame:  # pragma: no cover - every subclass overrides
        raise NotImplementedError(f"{type(self).__name__} defines no summary")

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - every subclass overrides
        raise NotImplementedError(f"{type(self).__name__} defines no to_frame")

    @property
    def meta(self) -> dict[str, Any]:
        """Provenance: chainpower version plus the subclass's ``_meta`` (override that)."""
        from chainpower import __version__

        return {"chainpower": __version__, "result": type(self).__name__, **self._meta()}

    def _meta(self) -> dict[str, Any]:
        return {}

    def __str__(self) -> str:
        return repr(self) + "\n" + self.summary.to_string()

    def _repr_html_(self) -> str:
        from html import escape

        return f"<p><b>{escape(repr(self))}</b></p>" + self.summary.to_html()

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Figure:
        """A figure of this result (subclasses forward to their layer's figures module)."""
        from chainpower.errors import InputError

        raise InputError(f"{type(self).__name__} has no figure", label=str(kind))

    def write(self, path: str | Path, **kw: Any) -> Path:
        """Write :meth:`to_frame` to ``path`` (format by suffix) with ``meta`` beside it."""
        from chainpower.output import write

        return write(self.to_frame(), path, meta=self.meta, **kw)
