"""Result objects of the gross-export decompositions and the WWZ entry point.

:class:`TermResult` holds additive terms of gross exports by exporter ``s``, exporting sector
``i`` and partner ``r`` (``terms (G, N, G, K)``, ``exports (G, N, G)``) and aggregates them:
over partners (``by_exporter``), to countries, to named groups of terms, to tidy frames with
the store's schema ``(source, year, country, sector, partner, indicator, value)``.

:class:`ExportDecomposition` is the Wang–Wei–Zhu (2013) 16-term decomposition
(:mod:`chainpower.gvc.wwz`); its groups follow WWZ (2013, Figure 1 / Table A2) and Koopman,
Wang & Wei (2014, *AER* 104(2), eq. 36):

===========  ==================  ==========================================================
DVA_FIN      T1                  domestic VA in final exports
DVA_INT      T2                  domestic VA in intermediates absorbed by the direct importer
DVA_INTrex   T3 + T4 + T5        WWZ's domestic VA in intermediates re-exported (WWZ Figure 1;
                                 ``wwz_dva_intrex``); **not** KWW's term 3, see ``IV``
RDV          T6 + T7 + T8        domestic VA that returns home
DDC          T9 + T10            domestic double counting
FVA_FIN      T11 + T14           foreign VA in final exports
FVA_INT      T12 + T15           foreign VA in intermediate exports
FDC          T13 + T16           foreign double counting
PDC          DDC + FDC           pure double counting
VAX          T1 … T5             value-added exports (VAX_G)
DVA          T1 … T8             domestic value added in exports
FVA          FVA_FIN + FVA_INT   foreign value added (excluding double counting)
IV           T4 + T5             KWW (2014, eq. 36) term 3 "DVA in intermediates re-exported to
                                 third countries" = WWZ DVA_INTrexF + DVA_INTrexI2 (WWZ 2013,
                                 Table E2; decompr ``wwz2kww``); T3 (DVA_INTrexI1) is absorbed
                                 by the direct importer and belongs to KWW's DVA_INT
FV           T11 … T16           foreign VA embodied in exports incl. FDC (KWW's VS)
===========  ==================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar, Self

import numpy as np
import pandas as pd

from chainpower.errors import InputError
from chainpower.gvc._blocks import Blocks, table_blocks
from chainpower.gvc._tidy import GVCResult
from chainpower.gvc.wwz import WWZ_TERMS, wwz_from_blocks
from chainpower.mrio.algebra import FloatArray
from chainpower.mrio.table import MRIOTable

__all__ = ["LEVELS", "WWZ_GROUPS", "ExportDecomposition", "TermResult", "decompose_exports"]


#: Aggregation levels: array shape of each.
LEVELS: dict[str, str] = {
    "bilateral": "(G, N, G) exporter, exporting sector, partner",
    "sector": "(G, N) exporter, exporting sector (all partners)",
    "country_bilateral": "(G, G) exporter, partner (all sectors)",
    "country": "(G,) exporter (all sectors and partners)",
}

#: WWZ groups as tuples of term names (see module docstring).
WWZ_GROUPS: dict[str, tuple[str, ...]] = {
    "DVA_FIN": ("DVA_FIN",),
    "DVA_INT": ("DVA_INT",),
    "DVA_INTrex": ("DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2"),
    "RDV": ("RDV_FIN", "RDV_FIN2", "RDV_INT"),
    "DDC": ("DDC_FIN", "DDC_INT"),
    "FVA_FIN": ("MVA_FIN", "OVA_FIN"),
    "FVA_INT": ("MVA_INT", "OVA_INT"),
    "FDC": ("MDC", "ODC"),
    "PDC": ("DDC_FIN", "DDC_INT", "MDC", "ODC"),
    "VAX": ("DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2"),
    "DVA": WWZ_TERMS[:8],  # T1–T8: DVA_FIN … RDV_INT
    "FVA": ("MVA_FIN", "MVA_INT", "OVA_FIN", "OVA_INT"),
    "IV": ("DVA_INTrexF", "DVA_INTrexI2"),
    "FV": ("MVA_FIN", "MVA_INT", "MDC", "OVA_FIN", "OVA_INT", "ODC"),
}


@dataclass(frozen=True, eq=False, repr=False)
class TermResult(GVCResult):
    """Additive terms of gross exports with labels.

    ``terms`` ``(G, N, G, K)`` [exporter, exporting sector, partner, term], ``exports``
    ``(G, N, G)`` gross exports (zero on the diagonal r = s), ``term_names`` (K),
    ``group_defs`` group name → term names, ``countries`` (G), ``sectors`` (N).
    """

    #: Catalogue family of the indicator names :meth:`to_frame` writes (set by subclasses).
    family: ClassVar[str] = ""

    terms: FloatArray
    exports: FloatArray
    term_names: tuple[str, ...]
    group_defs: Mapping[str, tuple[str, ...]]

    @classmethod
    def of_table(
        cls,
        table: MRIOTable,
        terms_of: Callable[[Blocks], FloatArray],
        term_names: tuple[str, ...],
        group_defs: Mapping[str, tuple[str, ...]],
        *,
        B: FloatArray | None = None,
        L: FloatArray | None = None,
        blocks: Blocks | None = None,
    ) -> Self:
        """``terms_of`` (``Blocks → (G, N, G, K)``) applied to ``blocks``, else to
        :func:`~chainpower.gvc._blocks.table_blocks` of ``table`` (reusing ``B (n, n)`` and
        ``L (G, N, N)`` when given), with the blocks' exports and ``table``'s labels."""
        bl = blocks if blocks is not None else table_blocks(table, B=B, L=L)
        return cls(
            terms=terms_of(bl),
            exports=bl.E,
            term_names=term_names,
            group_defs=group_defs,
            **table.result_labels(),
        )

    def term(self, name: str) -> FloatArray:
        """One term at the bilateral level, ``(G, N, G)``."""
        try:
            k = self.term_names.index(name)
        except ValueError:
            raise InputError(f"unknown term {name!r}; terms are {self.term_names}") from None
        return self.terms[..., k]

    def _repr_fields(self) -> dict[str, object]:
        return {**super()._repr_fields(), "terms": len(self.term_names)}

    def _meta(self) -> dict[str, object]:
        return {**super()._meta(), "terms": list(self.term_names)}

    @property
    def summary(self) -> pd.DataFrame:
        """Country-level groups as shares of gross exports (rows: exporters; ``E`` in levels),
        with a final row for the world; shares in per cent, rounded to 0.1."""
        g = self.groups("country")
        E = g.pop("E")
        world = {k: float(v.sum()) for k, v in g.items()}
        with np.errstate(invalid="ignore", divide="ignore"):
            rows = {k: np.append(v / E, world[k] / E.sum()) * 100 for k, v in g.items()}
        out = pd.DataFrame(rows, index=pd.Index([*self.countries, "World"], name="exporter"))
        out.insert(0, "E", np.append(E, E.sum()))
        return out.round(1)

    # -- aggregation ---------------------------------------------------------------------
    def by_exporter(self) -> FloatArray:
        """Terms summed over partners, ``(G, N, K)``."""
        return self.terms.sum(axis=2)

    def country(self) -> FloatArray:
        """Terms of each exporting country (all sectors and partners), ``(G, K)``."""
        return self.terms.sum(axis=(1, 2))

    def country_bilateral(self) -> FloatArray:
        """Terms by exporting and partner country (all sectors), ``(G, G, K)``."""
        return self.terms.sum(axis=1)

    @staticmethod
    def _reduce(a: FloatArray, level: str) -> FloatArray:
        """Sum a ``(G, N, G, …)`` array to ``level`` (see :data:`LEVELS`)."""
        if level == "bilateral":
            return a
        if level == "sector":
            return a.sum(axis=2)
        if level == "country_bilateral":
            return a.sum(axis=1)
        if level == "country":
            return a.sum(axis=(1, 2))
        raise InputError(f"unknown level {level!r}; use one of {sorted(LEVELS)}")

    def groups(self, level: str = "bilateral") -> dict[str, FloatArray]:
        """Named groups of terms (``group_defs``) plus ``"E"`` (gross exports), each summed to
        ``level`` (``"bilateral"`` (G, N, G), ``"sector"`` (G, N), ``"country_bilateral"``
        (G, G) or ``"country"`` (G,))."""
        idx = {name: k for k, name in enumerate(self.term_names)}
        out: dict[str, FloatArray] = {}
        for gname, members in self.group_defs.items():
            cols = [idx[m] for m in members]
            out[gname] = self._reduce(self.terms[..., cols].sum(axis=-1), level)
        out["E"] = self._reduce(self.exports, level)
        return out

    def values(self, level: str = "bilateral", what: str = "all") -> dict[str, FloatArray]:
        """Terms (``what="terms"``), groups (``"groups"``) or both (``"all"``) at ``level``."""
        if what not in ("terms", "groups", "all"):
            raise InputError(f"unknown selection {what!r}; use 'terms', 'groups' or 'all'")
        out: dict[str, FloatArray] = {}
        if what in ("terms", "all"):
            red = self._reduce(self.terms, level)
            out.update({name: red[..., k] for k, name in enumerate(self.term_names)})
        if what in ("groups", "all"):
            out.update(self.groups(level))
        elif "E" not in out:
            out["E"] = self._reduce(self.exports, level)
        return out

    # -- tidy output ---------------------------------------------------------------------
    def _frame_from(
        self, arrays: Mapping[str, FloatArray], level: str, *, drop_nan: bool = False
    ) -> pd.DataFrame:
        """Tidy rows of ``arrays`` laid out as ``level`` (:func:`chainpower.gvc._tidy.tidy_frame`);
        ``drop_nan`` leaves out undefined values (ratios with a zero denominator)."""
        if level not in LEVELS:
            raise InputError(f"unknown level {level!r}; use one of {sorted(LEVELS)}")
        return self._tidy(arrays, level, finite_only=drop_nan)

    def to_frame(self, level: str = "sector", what: str = "all") -> pd.DataFrame:
        """Tidy frame ``(source, year, country, sector, partner, indicator, value)``.

        ``level``: ``"bilateral"`` (sector and partner set), ``"sector"`` (partner null),
        ``"country_bilateral"`` (sector null) or ``"country"`` (both null); ``what``:
        ``"terms"``, ``"groups"`` (with ``E``) or ``"all"``. Cells with r = s are left out;
        ``year`` is −1 when the table has none. Indicator names follow the catalogue:
        ``<family>_<code lower-cased>`` (``wwz_dva_fin``, ``bm_rex1``, ``wwz_e``); the papers'
        codes (``DVA_FIN``) are the keys of :meth:`values` and the catalogue's labels.
        """
        frame = self._frame_from(self.values(level, what), level)
        if self.family:
            frame["indicator"] = self.family + "_" + frame["indicator"].astype(str).str.lower()
        return frame


@dataclass(frozen=True, eq=False, repr=False)
class ExportDecomposition(TermResult):
    """WWZ (2013) 16-term decomposition of one table (see :mod:`chainpower.gvc.wwz`).

    ``terms`` ``(G, N, G, 16)``, ``exports`` ``(G, N, G)``, ``term_names`` = :data:`WWZ_TERMS`,
    groups = :data:`WWZ_GROUPS`.
    """

    family: ClassVar[str] = "wwz"


def decompose_exports(
    table: MRIOTable,
    *,
    B: FloatArray | None = None,
    L: FloatArray | None = None,
    blocks: Blocks | None = None,
) -> ExportDecomposition:
    """Wang–Wei–Zhu (2013, eq. 37) decomposition of ``table``'s bilateral gross exports by
    exporting country-sector into 16 terms (:func:`chainpower.gvc.wwz.wwz_terms`).

    ``B (n, n)`` (global Leontief inverse) and ``L (G, N, N)`` (local inverses) are reused when
    given, e.g. when indicators computed on the same table need them too; ``blocks``
    (:func:`~chainpower.gvc._blocks.table_blocks` of ``table``) is reused as a whole.
    """
    return ExportDecomposition.of_table(
        table, wwz_from_blocks, WWZ_TERMS, WWZ_GROUPS, B=B, L=L, blocks=blocks
    )
