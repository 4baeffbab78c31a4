"""The multi-regional input-output table type.

An :class:`MRIOTable` holds, for ``G`` countries and ``N`` sectors (``n = G·N`` country-sectors,
ordered country-major: row ``g·N + i`` is sector ``i`` of country ``g``) and ``F`` final-demand
categories:

========  ==============  ==========================================================
``Z``     ``(n, n)``      intermediate flows, row = selling, column = buying country-sector
``Y``     ``(n, G·F)``    final demand by destination country (major) and category (minor)
``V``     ``(n,)`` or     value added; with ``(K, n)`` its rows are components
          ``(K, n)``      (``va_components``)
``x``     ``(n,)``        gross output
========  ==============  ==========================================================

Accounting identities (Miller & Blair 2009, *Input-Output Analysis*, eq. 2.1 and 2.5; the MRIO
form in Timmer et al. 2015, *Rev. Int. Econ.* 23(3), the WIOD layout):

* row balance      ``Z·1 + Y·1 = x``   (output = intermediate + final sales)
* column balance   ``1'Z + 1'V = x'``  (output = intermediate inputs + value added)

Both are checked on construction: a row (column) passes when its misfit ``|r|`` satisfies
``|r| ≤ atol + rtol·|x|`` (the rule of :func:`numpy.isclose`). Tables published rounded (WIOD 2013
is in integer USD millions, so a row of ``m`` rounded entries may miss by up to ``m/2``) miss by a
little; readers pass a suitable ``atol``/``rtol`` and the misfit is kept in
:attr:`MRIOTable.balance`. The table is immutable: arrays are made read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TypedDict

import numpy as np
import pandas as pd

from chainpower.errors import BalanceError, InputError
from chainpower.mrio.algebra import FloatArray
from chainpower.results import Result

__all__ = ["BalanceReport", "CountrySectorSizes", "MRIOTable", "OutputMisfit", "TableLabels"]


class TableLabels(TypedDict):
    """What a result computed from one table carries of it (see :meth:`MRIOTable.result_labels`)."""

    countries: tuple[str, ...]
    sectors: tuple[str, ...]
    year: int | None
    source: str


class CountrySectorSizes:
    """``G`` and ``N`` of anything holding ``countries`` and ``sectors`` (tables, results)."""

    countries: tuple[str, ...]
    sectors: tuple[str, ...]

    @property
    def G(self) -> int:
        """Number of countries."""
        return len(self.countries)

    @property
    def N(self) -> int:
        """Number of sectors."""
        return len(self.sectors)



@dataclass(frozen=True)
class BalanceReport:
    """Largest relative misfit of the two accounting identities, and where it occurs.

    ``row`` is the largest ``|Z·1 + Y·1 − x|_k / |x_k|`` over rows with output, ``row_abs`` the
    largest absolute misfit, and ``row_at`` the row that is worst against the tolerance
    ``atol + rtol·|x_k|``; likewise for the column identity ``1'Z + 1'V = x'``.
    """

    row: float
    row_abs: float
    row_at: str
    column: float
    column_abs: float
    column_at: str

    def __str__(self) -> str:
        return (
            f"row balance misfit {self.row:.3g} of output, {self.row_abs:.3g} absolute "
            f"(worst {self.row_at}); column balance misfit {self.column:.3g} of output, "
            f"{self.column_abs:.3g} absolute (worst {self.column_at})"
        )


@dataclass(frozen=True, eq=False)
class OutputMisfit:
    """How far a *published* output vector lies from the row totals the table uses instead.

    Set by :meth:`MRIOTable.from_flows` with ``output_from_rows=True`` and a published ``x``:
    ``residual = Z·1 + Y·1 − x_published`` ``(n,)``. ``max_abs``/``at`` give the largest absolute
    miss and its country-sector, ``max_rel`` the largest ``|r|/x`` over rows with output,
    ``rows_off`` the number of rows that differ at all, ``total_abs`` the sum of ``|r|`` and
    ``share`` that sum as a share of total output ``Σ|r| / Σ|x|``.
    """

    max_abs: float
    max_rel: float
    at: str
    rows_off: int
    total_abs: float
    share: float
    residual: FloatArray

    def __str__(self) -> str:
        return (
            f"published output differs from row totals on {self.rows_off} rows: largest "
            f"{self.max_abs:.6g} absolute (at {self.at}), largest relative {self.max_rel:.3g}, "
            f"sum of |misfit| {self.total_abs:.6g} ({self.share:.2e} of total output)"
        )


def _as_float(name: str, a: object, origin: str | None) -> FloatArray:
    try:
        arr = np.array(a, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} is not numeric: {exc}", file=origin) from exc
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False, repr=False)
class MRIOTable(CountrySectorSizes, Result):
    """An immutable, validated MRIO table (see module docstring for shapes and identities).

    Parameters
    ----------
    Z, Y, V, x
        Arrays as in the module docstring. ``V`` may be ``None`` only through
        :meth:`from_flows` with ``derive_value_added=True``.
    countries, sectors, fd_categories
        Labels: ``G`` countries, ``N`` sectors, ``F`` final-demand categories.
    va_components
        Names of the rows of a 2-D ``V``.
    year, source, unit
        Metadata (``unit`` e.g. ``"USD million"``).
    origin
        The file the table was read from; named in every validation error.
    rtol, atol
        Relative and absolute (table units) tolerance of the balance checks.
    published_misfit
        Set by :meth:`from_flows` when a published output was replaced by row totals: how far
        the published vector was off (:class:`OutputMisfit`); ``None`` otherwise.
    """

    Z: FloatArray
    Y: FloatArray
    V: FloatArray
    x: FloatArray
    countries: tuple[str, ...]
    sectors: tuple[str, ...]
    fd_categories: tuple[str, ...] = ("FD",)
    va_components: tuple[str, ...] | None = None
    year: int | None = None
    source: str = ""
    unit: str = ""
    origin: str | None = None
    rtol: float = 1e-6
    atol: float = 0.0
    published_misfit: OutputMisfit | None = None
    balance: BalanceReport = field(init=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        for name in ("Z", "Y", "V", "x"):
            set_(self, name, _as_float(name, getattr(self, name), self.origin))
        for name in ("countries", "sectors", "fd_categories"):
            set_(self, name, tuple(str(s) for s in getattr(self, name)))
        if self.va_components is not None:
            set_(self, "va_components", tuple(str(s) for s in self.va_components))
        self._check_shapes()
        self._check_labels()
        self._check_values()
        set_(self, "balance", self._check_balance())

    # -- construction helpers ----------------------------------------------------------------
    @classmethod
    def from_flows(
        cls,
        Z: object,
        Y: object,
        *,
        countries: tuple[str, ...] | list[str],
        sectors: tuple[str, ...] | list[str],
        fd_categories: tuple[str, ...] | list[str] = ("FD",),
        x: object | None = None,
        V: object | None = None,
        derive_value_added: bool = False,
        output_from_rows: bool = False,
        **meta: object,
    ) -> MRIOTable:
        """Build a table from flows, deriving what the caller explicitly allows.

        * ``x`` omitted, or ``output_from_rows=True``: output is the row total ``Z·1 + Y·1``
          (the caller's ``x`` is first checked against it within ``rtol``, so rounding in a
          published output vector is reported, then replaced — Miller & Blair 2009, eq. 2.1).
        * ``V`` omitted: only with ``derive_value_added=True``, as ``V = x' − 1'Z``
          (column balance, Miller & Blair 2009, eq. 2.5).
        """
        origin = meta.get("origin")
        origin_s = None if origin is None else str(origin)
        Zf = _as_float("Z", Z, origin_s)
        Yf = _as_float("Y", Y, origin_s)
        if Zf.ndim != 2 or Yf.ndim != 2 or Yf.shape[0] != Zf.shape[0]:
            raise InputError(f"Z {Zf.shape} and Y {Yf.shape} do not conform", file=origin_s)
        rows = Zf.sum(axis=1) + Yf.sum(axis=1)
        published: OutputMisfit | None = None
        if x is None:
            xf = rows
        else:
            xf = _as_float("x", x, origin_s)
            if output_from_rows:
                if xf.shape != rows.shape:
                    raise InputError(f"x has shape {xf.shape}; need {rows.shape}", file=origin_s)
                rtol = float(meta.get("rtol", 1e-6))  # type: ignore[arg-type]
                atol = float(meta.get("atol", 0.0))  # type: ignore[arg-type]
                ratio = _misfit(rows - xf, xf, rtol, atol)[2]
                k = int(np.argmax(ratio))
                if ratio[k] > 1.0:
                    labels = cls._labels(tuple(countries), tuple(sectors))
                    raise BalanceError(
                        f"row balance Z·1 + Y·1 = x misses by {rows[k] - xf[k]:.6g} on output "
                        f"{xf[k]:.6g} (tolerance {atol:g} + {rtol:g}·|x|)",
                        file=origin_s,
                        label=labels[k] if k < len(labels) else f"row {k}",
                    )
                labels = cls._labels(tuple(countries), tuple(sectors))
                published = _output_misfit(rows - xf, xf, labels)
                xf = rows
        if V is None:
            if not derive_value_added:
                raise InputError(
                    "value added V is missing: pass V, or derive_value_added=True to use x − 1'Z",
                    file=origin_s,
                )
            Vf = xf - Zf.sum(axis=0)
        else:
            Vf = _as_float("V", V, origin_s)
        return cls(
            Z=Zf,
            Y=Yf,
            V=Vf,
            x=xf,
            countries=tuple(countries),
            sectors=tuple(sectors),
            fd_categories=tuple(fd_categories),
            published_misfit=published,
            **meta,  # type: ignore[arg-type]
        )

    # -- sizes and labels (G and N come from CountrySectorSizes) ----------------------------
    @property
    def F(self) -> int:
        """Number of final-demand categories."""
        return len(self.fd_categories)

    @property
    def n(self) -> int:
        """Number of country-sectors, ``G·N``."""
        return self.G * self.N

    @staticmethod
    def _labels(countries: tuple[str, ...], sectors: tuple[str, ...]) -> list[str]:
        return [f"{c}/{s}" for c in countries for s in sectors]

    @cached_property
    def labels(self) -> list[str]:
        """``"COUNTRY/SECTOR"`` for each of the ``n`` rows."""
        return self._labels(self.countries, self.sectors)

    def result_labels(self) -> TableLabels:
        """``countries``, ``sectors``, ``year`` and ``source``: the fields a result computed
        from this table copies (``Result(..., **table.result_labels())``)."""
        return TableLabels(
            countries=self.countries, sectors=self.sectors, year=self.year, source=self.source
        )

    @cached_property
    def index(self) -> pd.MultiIndex:
        """Row index ``(country, sector)``, length ``n``."""
        return pd.MultiIndex.from_product(
            [self.countries, self.sectors], names=["country", "sector"]
        )

    # -- derived arrays ----------------------------------------------------------------------
    @cached_property
    def Yc(self) -> FloatArray:
        """Final demand summed over categories by destination country, ``(n, G)``."""
        out = self.Y.reshape(self.n, self.G, self.F).sum(axis=2)
        out.setflags(write=False)
        return out

    @cached_property
    def v(self) -> FloatArray:
        """Total value added per country-sector, ``(n,)`` (sum of components when 2-D)."""
        out = self.V if self.V.ndim == 1 else self.V.sum(axis=0)
        out = np.array(out)
        out.setflags(write=False)
        return out

    def _repr_fields(self) -> dict[str, object]:
        return {"source": self.source, "year": self.year, "countries": self.G,
                "sectors": self.N, "fd_categories": self.F, "unit": self.unit}  # fmt: skip

    def _meta(self) -> dict[str, object]:
        return {"source": self.source, "year": self.year, "unit": self.unit, "origin": self.origin}

    @property
    def summary(self) -> pd.DataFrame:
        """Per country (in ``unit``): output, value added, final demand, gross exports."""
        G, N = self.G, self.N
        exports = self.Z.reshape(G, N, G, N).sum(axis=(1, 3)) + self.Yc.reshape(G, N, G).sum(1)
        np.fill_diagonal(exports, 0.0)
        return pd.DataFrame(
            {"output": self.x.reshape(G, N).sum(1), "value_added": self.v.reshape(G, N).sum(1),
             "final_demand": self.Yc.sum(0), "exports": exports.sum(1)},
            index=pd.Index(self.countries, name="country"),
        )  # fmt: skip

    def to_frame(self) -> pd.DataFrame:
        """The generic long format (``kind, from_country, from_sector, to_country, to_sector,
        value`` plus year/source/unit; :mod:`chainpower.data.mrio_readers.generic`)."""
        from chainpower.mrio.io import table_to_frame

        return table_to_frame(self)

    # -- validation --------------------------------------------------------------------------
    def _fail(self, message: str, index: int | None = None, cls: type = InputError) -> None:
        label = None
        if index is not None:
            label = self.labels[index] if 0 <= index < len(self.labels) else f"row {index}"
        raise cls(message, file=self.origin, label=label)

    def _check_shapes(self) -> None:
        G, N, F = len(self.countries), len(self.sectors), len(self.fd_categories)
        n = G * N
        if G == 0 or N == 0 or F == 0:
            self._fail(f"empty label list: {G} countries, {N} sectors, {F} FD categories")
        if self.Z.shape != (n, n):
            self._fail(f"Z has shape {self.Z.shape}; {G} countries × {N} sectors need ({n}, {n})")
        if self.Y.shape != (n, G * F):
            self._fail(
                f"Y has shape {self.Y.shape}; need ({n}, {G * F}) = {G} countries × {F} categories"
            )
        if self.x.shape != (n,):
            self._fail(f"x has shape {self.x.shape}; need ({n},)")
        if self.V.ndim == 1:
            if self.V.shape != (n,):
                self._fail(f"V has shape {self.V.shape}; need ({n},) or (K, {n})")
        elif self.V.ndim == 2:
            if self.V.shape[1] != n:
                self._fail(f"V has shape {self.V.shape}; need (K, {n})")
            comps = self.va_components
            if comps is not None and len(comps) != self.V.shape[0]:
                self._fail(f"{len(comps)} VA component names for {self.V.shape[0]} rows of V")
        else:
            self._fail(f"V must be 1-D or 2-D, got {self.V.ndim}-D")

    def _check_labels(self) -> None:
        for what, labels in (
            ("country", self.countries),
            ("sector", self.sectors),
            ("final-demand category", self.fd_categories),
        ):
            seen: set[str] = set()
            for lab in labels:
                if lab in seen:
                    self._fail(f"duplicate {what} label {lab!r}")
                seen.add(lab)

    def _check_values(self) -> None:
        for name in ("Z", "Y", "V", "x"):
            arr = getattr(self, name)
            bad = ~np.isfinite(arr)
            if bad.any():
                flat = int(np.flatnonzero(bad.ravel())[0])
                pos = np.unravel_index(flat, arr.shape)
                row = int(pos[-1]) if name == "V" and arr.ndim == 2 else int(pos[0])
                where = f" at position {tuple(int(p) for p in pos)}" if arr.ndim > 1 else ""
                if name == "Z" and int(pos[1]) < len(self.labels):
                    where += f" (column {self.labels[int(pos[1])]})"
                elif name == "Y" and int(pos[1]) < self.G * self.F:
                    g, f = divmod(int(pos[1]), self.F)
                    where += f" (final demand of {self.countries[g]}, {self.fd_categories[f]})"
                self._fail(f"non-finite value {arr[pos]!r} in {name}{where}", row)
        # Output below −atol is an error; within it (a zero-output row of a rounded table whose
        # rounded sales sum to, say, −1) it is a rounding artefact, admitted like any misfit.
        if (self.x < -self.atol).any():
            worst = int(np.argmin(self.x))
            self._fail(f"negative gross output x = {self.x[worst]:g}", worst)

    def _check_balance(self) -> BalanceReport:
        row_res = self.Z.sum(axis=1) + self.Y.sum(axis=1) - self.x
        col_res = self.Z.sum(axis=0) + self.v - self.x
        row_rel, row_abs, row_ratio = _misfit(row_res, self.x, self.rtol, self.atol)
        col_rel, col_abs, col_ratio = _misfit(col_res, self.x, self.rtol, self.atol)
        row_k, col_k = int(np.argmax(row_ratio)), int(np.argmax(col_ratio))
        report = BalanceReport(
            row_rel, row_abs, self.labels[row_k], col_rel, col_abs, self.labels[col_k]
        )
        tol = f"(tolerance {self.atol:g} + {self.rtol:g}·|x|)"
        if row_ratio[row_k] > 1.0:
            self._fail(
                f"row balance Z·1 + Y·1 = x misses by {row_res[row_k]:.6g} on output "
                f"{self.x[row_k]:.6g} {tol}",
                row_k,
                BalanceError,
            )
        if col_ratio[col_k] > 1.0:
            self._fail(
                f"column balance 1'Z + V = x misses by {col_res[col_k]:.6g} on output "
                f"{self.x[col_k]:.6g} {tol}",
                col_k,
                BalanceError,
            )
        return report


def _output_misfit(residual: FloatArray, x: FloatArray, labels: list[str]) -> OutputMisfit:
    res = np.abs(residual)
    ax = np.abs(x)
    rel = np.divide(res, ax, out=np.zeros_like(res), where=ax > 0)
    k = int(np.argmax(res)) if res.size else 0
    kept = np.array(residual, dtype=np.float64)
    kept.setflags(write=False)
    return OutputMisfit(
        max_abs=float(res.max(initial=0.0)),
        max_rel=float(rel.max(initial=0.0)),
        at=labels[k] if k < len(labels) else f"row {k}",
        rows_off=int((res > 0).sum()),
        total_abs=float(res.sum()),
        share=float(res.sum() / ax.sum()) if ax.sum() > 0 else 0.0,
        residual=kept,
    )


def _misfit(
    residual: FloatArray, x: FloatArray, rtol: float, atol: float
) -> tuple[float, float, FloatArray]:
    """Largest relative misfit (rows with output), largest absolute misfit, and the ratio of
    each misfit to its tolerance ``atol + rtol·|x|`` (``> 1`` fails)."""
    res = np.abs(residual)
    ax = np.abs(x)
    rel = np.divide(res, ax, out=np.zeros_like(res), where=ax > 0)
    tol = atol + rtol * ax
    # A zero tolerance (exact tables) still admits floating-point rounding of the sums.
    tol = np.maximum(
        tol, 64 * np.finfo(np.float64).eps * np.maximum(ax, ax.mean() if ax.size else 0)
    )
    ratio = res / tol
    return float(rel.max(initial=0.0)), float(res.max(initial=0.0)), ratio
