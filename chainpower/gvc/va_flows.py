"""Bilateral value-added trade by type: the WWYZ (2017a) production decomposition by partner.

Source: Z. Wang, S.-J. Wei, X. Yu and K. Zhu (2017a), "Measures of participation in global value
chains and global business cycles", NBER w23222, section 2.1 (the four-way split of ``V̂BŶ``;
:mod:`chainpower.gvc.production` has the country-sector totals). This module keeps the partner
dimension of each term that crosses a border:

==================  ==========================================================================
traditional (RT)    ``V̂ L Y^F``: value added of ``s`` in final goods exported to importer ``r``
                    (``Y^F (n, G)``: final demand with the own-country blocks zeroed)
simple GVC          ``V̂ L A^F L Y^D``: value added of ``s`` in intermediates exported to ``r``
                    and absorbed in ``r``'s own final demand (``Y^D (n, G)``: column ``r`` holds
                    ``r``'s domestic final demand). Partner = direct importer = absorber.
complex GVC         ``V̂ L A^F (B Y − L Y^D)``: crosses at least twice; the partner needs a rule
==================  ==========================================================================

Complex-GVC attribution (the literature has two conventions; both are offered):

* ``"direct_importer"`` (default): the partner is the economy that imports the intermediates
  first, ``V̂ L A^F_{·r} (B Y − L Y^D)_r`` with ``A^F_{·r}`` the columns of ``r``. This is the
  bilateral convention of the gross-export decompositions (Wang, Wei & Zhu 2013, NBER w19677,
  eq. 36; Borin & Mancini 2019, World Bank WPS 8804, section 3): value added is assigned to the
  bilateral flow that carries it across the first border. ``r ≠ s`` always.
* ``"final_absorber"``: the partner is the economy whose final demand absorbs the value added,
  ``V̂ L A^F (B Y_{·r} − L Y^D_{·r})`` (Johnson & Noguera 2012, *JIE* 86(2), eq. 6, value added
  by destination of final demand). ``r = s`` is possible (value added that returns home).

Shapes: ``G`` countries, ``N`` sectors, ``n = G·N`` (country-major rows ``g·N + i``); ``A (n, n)``,
``L`` the local inverses ``(G, N, N)``, ``Yc (n, G)``. Every flow is returned as ``(G, N, G)``
(origin country, origin sector, partner). Summed over partners each equals the production totals
``wwyz_v_rt``, ``wwyz_v_gvc_s``, ``wwyz_v_gvc_c`` of :func:`production_gvc_arrays`.
No ``(n, n)`` temporary besides ``A`` and, for ``final_absorber``, none beyond ``(n, G)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.linalg as sla

from chainpower.errors import InputError
from chainpower.gvc._tidy import GVCResult, tidy_frame
from chainpower.mrio.algebra import (
    FloatArray,
    local_inverses,
    safe_reciprocal,
    technical_coefficients,
)
from chainpower.mrio.table import MRIOTable

__all__ = [
    "COMPLEX_RULES",
    "FLOW_INDICATORS",
    "FLOW_TYPES",
    "ValueAddedFlows",
    "va_flow_arrays",
    "value_added_flows",
]

ComplexRule = Literal["direct_importer", "final_absorber"]
COMPLEX_RULES: tuple[str, ...] = ("direct_importer", "final_absorber")
#: The three trade types, in the order of the networks.
FLOW_TYPES: tuple[str, ...] = ("traditional", "simple_gvc", "complex_gvc")
#: Tidy indicator name of each type (partner is a column, design.md §7).
FLOW_INDICATORS: dict[str, str] = {
    "traditional": "wwyz_vat_rt",
    "simple_gvc": "wwyz_vat_gvc_s",
    "complex_gvc": "wwyz_vat_gvc_c",
}


def _by_importer(A: FloatArray, w: FloatArray, G: int, N: int) -> FloatArray:
    """``M[:, r] = A^F_{·r} w_r``, ``(n, G)``: the foreign-input part of ``A w`` split by the
    column (importing) country ``r``; own-country blocks are zero (``A^F`` has none)."""
    n = G * N
    M = np.einsum("kgj,gj->kg", A.reshape(n, G, N), w.reshape(G, N))
    M.reshape(G, N, G)[np.arange(G), :, np.arange(G)] = 0.0
    return M


def _local(L: FloatArray, M: FloatArray) -> FloatArray:
    """Block-diagonal ``L M`` for ``L (G, N, N)`` and ``M (n, K)``; returns ``(G, N, K)``."""
    G, N, _ = L.shape
    return np.matmul(L, M.reshape(G, N, -1))


def va_flow_arrays(
    A: FloatArray,
    Yc: FloatArray,
    v: FloatArray,
    x: FloatArray,
    G: int,
    N: int,
    *,
    complex_rule: ComplexRule = "direct_importer",
    L: FloatArray | None = None,
    B: FloatArray | None = None,
) -> dict[str, FloatArray]:
    """The three bilateral flows (module docstring), each ``(G, N, G)``.

    ``A (n, n)``, ``Yc (n, G)`` final demand by destination country, ``v (n,)`` value added,
    ``x (n,)`` output; ``L (G, N, N)`` and ``B (n, n)`` are reused when given, else ``I − A`` is
    LU-factorised once. Model output ``x̃ = B Y 1`` is used, as in
    :func:`chainpower.gvc.production.production_gvc_arrays`, so the identities are exact.
    """
    n = G * N
    if A.shape != (n, n) or Yc.shape != (n, G) or v.shape != (n,) or x.shape != (n,):
        raise InputError(
            f"shapes A {A.shape}, Y {Yc.shape}, v {v.shape}, x {x.shape} do not fit "
            f"{G} countries × {N} sectors"
        )
    if complex_rule not in COMPLEX_RULES:
        raise InputError(f"unknown complex_rule {complex_rule!r}; use one of {list(COMPLEX_RULES)}")
    if L is None:
        L = local_inverses(A, G, N)
    idx = np.arange(G)
    vc = (np.asarray(v, dtype=np.float64) * safe_reciprocal(x)).reshape(G, N, 1)
    Y3 = np.asarray(Yc, dtype=np.float64).reshape(G, N, G)
    YD = np.zeros((G, N, G))
    YD[idx, :, idx] = Y3[idx, :, idx]  # column r: r's own final demand, rows of r only
    YF = Y3 - YD
    rhs_y = Yc if complex_rule == "final_absorber" else Yc.sum(axis=1, keepdims=True)
    if B is not None:
        BY = B @ rhs_y
    else:
        M = -A.copy()
        M[np.diag_indices(n)] += 1.0
        BY = sla.lu_solve(sla.lu_factor(M, overwrite_a=True, check_finite=False), rhs_y)
    LYD = _local(L, YD.reshape(n, G)).reshape(n, G)  # column r nonzero on r's rows only
    lyd = LYD.sum(axis=1)  # L y^D, (n,)

    out: dict[str, FloatArray] = {}
    out["traditional"] = vc * _local(L, YF.reshape(n, G))
    out["simple_gvc"] = vc * _local(L, _by_importer(A, lyd, G, N))
    if complex_rule == "direct_importer":
        out["complex_gvc"] = vc * _local(L, _by_importer(A, BY[:, 0] - lyd, G, N))
    else:
        W = BY - LYD  # (n, G): B Y_{·r} − L Y^D_{·r}
        AW = A @ W
        AWb = AW.reshape(G, N, G)
        Ab = A.reshape(G, N, G, N)
        AD = Ab[idx, :, idx, :]  # (G, N, N) domestic blocks
        AWb -= np.matmul(AD, W.reshape(G, N, G))  # A^F W = A W − A^D W
        out["complex_gvc"] = vc * _local(L, AW)
    return out


@dataclass(frozen=True, eq=False, repr=False)
class ValueAddedFlows(GVCResult):
    """Bilateral value-added trade by type of one table.

    ``flows`` type → ``(G, N, G)`` array (origin country, origin sector, partner; table
    units), ``countries`` (G), ``sectors`` (N), ``year``, ``source``, ``unit``,
    ``complex_rule`` (see module docstring).
    """

    flows: dict[str, FloatArray]
    unit: str = ""
    complex_rule: str = "direct_importer"

    def _repr_fields(self) -> dict[str, Any]:
        return {**super()._repr_fields(), "complex_rule": self.complex_rule}

    def _meta(self) -> dict[str, Any]:
        return {
            **super()._meta(),
            "unit": self.unit,
            "complex_rule": self.complex_rule,
            "indicators": FLOW_INDICATORS,
        }

    def country_matrix(self, kind: str) -> FloatArray:
        """Country × partner flows of ``kind`` (one of :data:`FLOW_TYPES`), ``(G, G)``."""
        if kind not in self.flows:
            raise InputError(f"unknown trade type {kind!r}; use one of {list(FLOW_TYPES)}")
        return self.flows[kind].sum(axis=1)

    def va_exports(self) -> FloatArray:
        """Each economy's value added crossing a border, all three types, ``(G,)``:
        ``v_rt + v_gvc`` summed over sectors (excludes ``r = s`` under ``final_absorber``)."""
        total = sum(self.country_matrix(k) for k in FLOW_TYPES)
        tot = np.asarray(total, dtype=np.float64).copy()
        np.fill_diagonal(tot, 0.0)
        return tot.sum(axis=1)

    @property
    def summary(self) -> pd.DataFrame:
        """Per economy: the three types summed over partners, and their share of the total."""
        data = {k: self.country_matrix(k).sum(axis=1) for k in FLOW_TYPES}
        df = pd.DataFrame(data, index=pd.Index(self.countries, name="country"))
        df["total"] = df.sum(axis=1)
        return df.sort_values("total", ascending=False)

    def to_frame(self, level: str = "country") -> pd.DataFrame:
        """Tidy ``(source, year, country, sector, partner, indicator, value)``; ``level`` is
        ``"country"`` (sector null) or ``"sector"`` (origin sector). Indicators:
        :data:`FLOW_INDICATORS`; the ``final_absorber`` rule adds ``_absorber`` to the
        complex-GVC name and keeps ``partner = country`` rows (value added returning home)."""
        names = dict(FLOW_INDICATORS)
        if self.complex_rule == "final_absorber":
            names["complex_gvc"] = FLOW_INDICATORS["complex_gvc"] + "_absorber"
        frames = []
        for kind, arr in self.flows.items():
            if level == "country":
                a: FloatArray = arr.sum(axis=1)
                layout = "origin_destination_country"
            elif level == "sector":
                a = arr
                layout = "sector"
            else:
                raise InputError(f"unknown level {level!r}; use 'country' or 'sector'")
            keep_home = kind == "complex_gvc" and self.complex_rule == "final_absorber"
            frames.append(self._flow_frame(names[kind], a, layout, keep_home))
        return pd.concat(frames, ignore_index=True)

    def _flow_frame(self, name: str, a: FloatArray, layout: str, keep_home: bool) -> pd.DataFrame:
        if layout == "sector":
            kind = "origin_destination" if keep_home else "bilateral"
            return self._tidy({name: a.reshape(self.G * self.N, self.G)}, kind)
        if keep_home:  # (G, G) with the diagonal kept: the N = 1 origin-destination layout
            df = tidy_frame({name: a}, "origin_destination", countries=self.countries,
                            sectors=("_",), year=self.year, source=self.source)  # fmt: skip
            df["sector"] = None
            return df
        return self._tidy({name: a}, "country_bilateral")


def value_added_flows(
    table: MRIOTable,
    *,
    complex_rule: ComplexRule = "direct_importer",
    A: FloatArray | None = None,
    L: FloatArray | None = None,
    B: FloatArray | None = None,
) -> ValueAddedFlows:
    """Bilateral WWYZ (2017a) value-added flows by type of ``table`` (module docstring).

    ``A (n, n)``, ``L (G, N, N)`` and ``B (n, n)`` are reused when given.
    """
    G, N = table.G, table.N
    if A is None:
        A = technical_coefficients(table.Z, table.x)
    flows = va_flow_arrays(
        A, table.Yc, table.v, table.x, G, N, complex_rule=complex_rule, L=L, B=B
    )
    return ValueAddedFlows(
        flows=flows,
        **table.result_labels(),
        unit=table.unit,
        complex_rule=complex_rule,
    )
