"""Look-through supply-chain exposure (Baldwin, Freeman & Theodorakopoulos 2022, 2023).

Baldwin, Freeman & Theodorakopoulos (2022), "Horses for courses: measuring foreign supply chain
exposure", NBER WP 30525, section 3 (the foreign production exposure matrix, FPEM), and (2023)
"Hidden exposure: measuring US supply chain reliance", *Brookings Papers on Economic Activity*,
Fall, section II: the exposure of a buyer to a supplier is the supplier's output embodied in the
buyer's purchases, counted through every tier of the chain ("look-through") rather than only the
first tier visible in trade statistics ("face value").

Notation (``n = G·N`` country-sectors; ``m`` buying columns):

==========  ===========  ==============================================================
``A``       ``(n, n)``   technical coefficients;  ``L = (I − A)⁻¹ = I + A + A² + …``
``f``       ``(m,)``     the buyer's purchases in the buying columns ``c``:
                         ``basis="output"``: gross output ``x`` of the buyer's ``N`` sectors
                         (production exposure, BFT 2022 eq. 4); ``basis="final_demand"``:
                         the buyer's final demand ``Yc[:, buyer]`` of all ``n`` products
                         (consumption exposure), then summed by product sector
look        ``(n, m)``   ``L[:, c]·diag(f)`` — look-through exposure (FPEM)
face        ``(n, m)``   ``(I + A)[:, c]·diag(f)`` — face value: the purchase itself plus its
                         direct (first-tier) inputs
hidden      ``(n, m)``   ``look − face = A²·L[:, c]·diag(f) ≥ 0`` — second tier and beyond
==========  ===========  ==============================================================

Rows are summed by supplier country to ``(G, m)``; *shares by supplier* divide each column by
its total over all ``G`` suppliers (the buyer's own country included), so they sum to 1.
Hidden exposure is computed as ``A·(A·L[:, c])`` — a product of non-negative matrices — so it is
non-negative exactly, not only up to rounding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import scipy.linalg as sla
from numpy.typing import NDArray

from chainpower.errors import InputError
from chainpower.gvc._tidy import GVCResult
from chainpower.mrio.algebra import technical_coefficients
from chainpower.mrio.table import MRIOTable

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Basis", "ExposureResult", "compute_exposure", "exposure_arrays"]

FloatArray = NDArray[np.float64]
Basis = Literal["output", "final_demand"]
MEASURES = ("look_through", "face_value", "hidden")


def exposure_arrays(
    A: FloatArray, cols: NDArray[np.int64], f: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(look, face, hidden)``, each ``(n, m)``, for buying columns ``cols (m,)`` with
    purchases ``f (m,)`` (module docstring; BFT 2022 section 3)."""
    n = A.shape[0]
    IA = -np.asarray(A, dtype=np.float64)
    IA[np.diag_indices(n)] += 1.0
    E = np.zeros((n, cols.size))
    E[cols, np.arange(cols.size)] = 1.0
    Lc = sla.lu_solve(sla.lu_factor(IA, overwrite_a=True, check_finite=False), E)
    hidden = A @ (A @ Lc)
    fr = np.asarray(f, dtype=np.float64)[None, :]
    face = (E + A[:, cols]) * fr
    return Lc * fr, face, hidden * fr


@dataclass(frozen=True, eq=False, repr=False)
class ExposureResult(GVCResult):
    """Exposure of ``buyer`` to every supplier country, by buying sector.

    ``look``, ``face``, ``hidden``: ``(G, m)`` arrays (supplier country × buying sector),
    table units; ``countries`` (G) suppliers; ``sectors`` (m) buying sectors (with ``year``
    and ``source``, keyword-only fields of :class:`~chainpower.gvc._tidy.GVCResult`).
    """

    buyer: str
    basis: str
    look: FloatArray
    face: FloatArray
    hidden: FloatArray
    unit: str = ""

    def _repr_fields(self) -> dict[str, Any]:
        return {
            "buyer": self.buyer,
            "basis": self.basis,
            "year": str(self.year),
            "suppliers": len(self.countries),
            "sectors": len(self.sectors),
        }

    def _meta(self) -> dict[str, Any]:
        return {**super()._meta(), "buyer": self.buyer, "basis": self.basis, "unit": self.unit}

    def arrays(self, *, sectors: list[str] | None = None) -> dict[str, FloatArray]:
        """Levels and shares by supplier, ``(G, m)`` (or ``(G,)`` summed over ``sectors``)."""
        idx = (
            list(range(len(self.sectors)))
            if sectors is None
            else [self.sectors.index(s) for s in sectors]
        )
        out: dict[str, FloatArray] = {}
        for name, arr in zip(MEASURES, (self.look, self.face, self.hidden), strict=True):
            sub = arr[:, idx]
            out[name] = sub
        return out

    def totals(self, sectors: list[str] | None = None) -> pd.DataFrame:
        """Per supplier: levels, shares (sum to 1) and look-through/face ratio over
        ``sectors`` (default all)."""
        unknown = sorted(set(sectors or []) - set(self.sectors))
        if unknown:
            raise InputError(f"unknown buying sector {unknown[0]!r}", label=self.buyer)
        arr = {k: v.sum(axis=1) for k, v in self.arrays(sectors=sectors).items()}
        df = pd.DataFrame(arr, index=pd.Index(self.countries, name="supplier"))
        for name in MEASURES:
            tot = df[name].sum()
            df[f"{name}_share"] = df[name] / tot if tot > 0 else np.nan
        df["look_to_face"] = np.where(
            df["face_value"] > 0,
            df["look_through"] / df["face_value"].where(df["face_value"] > 0, 1.0),
            np.nan,
        )
        return df

    @property
    def summary(self) -> pd.DataFrame:
        """Suppliers ranked by look-through exposure (foreign suppliers, top 10)."""
        df = self.totals().drop(index=self.buyer, errors="ignore")
        return df.sort_values("look_through", ascending=False).head(10).round(6)

    def to_frame(self) -> pd.DataFrame:
        """Tidy rows: ``country`` = buyer, ``partner`` = supplier, ``sector`` = buying sector
        (null for the buyer's total); indicators ``fpem_look_through``, ``fpem_face_value``,
        ``fpem_hidden`` and their ``_share`` (by supplier, summing to 1)."""
        rows = []
        G, m = len(self.countries), len(self.sectors)
        for name, arr in zip(MEASURES, (self.look, self.face, self.hidden), strict=True):
            tot = arr.sum(axis=0, keepdims=True)
            share = np.divide(arr, tot, out=np.full_like(arr, np.nan), where=tot > 0)
            for ind, vals in ((f"fpem_{name}", arr), (f"fpem_{name}_share", share)):
                rows.append(
                    pd.DataFrame(
                        {
                            "sector": np.tile(np.array(self.sectors, dtype=object), G),
                            "partner": np.repeat(np.array(self.countries, dtype=object), m),
                            "indicator": ind,
                            "value": vals.ravel(),
                        }
                    )
                )
            t = arr.sum(axis=1)
            rows.append(
                pd.DataFrame(
                    {
                        "sector": None,
                        "partner": list(self.countries),
                        "indicator": f"fpem_{name}",
                        "value": t,
                    }
                )
            )
            if t.sum() > 0:
                rows.append(
                    pd.DataFrame(
                        {
                            "sector": None,
                            "partner": list(self.countries),
                            "indicator": f"fpem_{name}_share",
                            "value": t / t.sum(),
                        }
                    )
                )
        out = pd.concat(rows, ignore_index=True)
        out = out[np.isfinite(out["value"].to_numpy(dtype=float))]
        out.insert(0, "country", self.buyer)
        out.insert(0, "year", -1 if self.year is None else int(self.year))
        out.insert(0, "source", self.source)
        return out[
            ["source", "year", "country", "sector", "partner", "indicator", "value"]
        ].reset_index(drop=True)

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Figure:
        """Face-value and hidden exposure of the top suppliers (:mod:`.figures`)."""
        from chainpower.scenarios.figures import plot_exposure

        return plot_exposure(self, ax=ax, **kw)


def compute_exposure(
    table: MRIOTable,
    buyer: str,
    *,
    basis: Basis = "output",
    categories: Sequence[str] | None = None,
    A: FloatArray | None = None,
) -> ExposureResult:
    """Look-through, face-value and hidden exposure of ``buyer`` (ISO3 code of the table)
    to every supplier country (module docstring; BFT 2022, 2023).

    ``categories`` (``basis="final_demand"`` only): the final-demand categories that count as
    purchases (default all). Purchases must be non-negative for the exposure to be one;
    WIOD's inventory changes (``INVEN``) can be negative, so leave them out there.
    """
    if buyer not in table.countries:
        raise InputError(f"unknown buyer country {buyer!r}", file=table.origin, label=buyer)
    if basis not in ("output", "final_demand"):
        raise InputError(f"unknown basis {basis!r}; use 'output' or 'final_demand'")
    G, N = table.G, table.N
    b = table.countries.index(buyer)
    A = technical_coefficients(table.Z, table.x) if A is None else A
    if basis == "output":
        if categories is not None:
            raise InputError("categories apply only with basis='final_demand'")
        cols = np.arange(b * N, (b + 1) * N, dtype=np.int64)
        f = np.array(table.x[cols])
    else:
        cols = np.arange(G * N, dtype=np.int64)
        cats = list(table.fd_categories) if categories is None else list(categories)
        unknown = sorted(set(cats) - set(table.fd_categories))
        if unknown:
            raise InputError(
                f"unknown final-demand category {unknown[0]!r}; the table has "
                f"{list(table.fd_categories)}",
                file=table.origin,
            )
        ci = [table.fd_categories.index(c) for c in cats]
        f = table.Y.reshape(table.n, G, table.F)[:, b, ci].sum(axis=1)
        if (f < 0).any():
            k = int(np.argmin(f))
            raise InputError(
                f"final demand of {buyer} is negative ({f[k]:.6g}): purchases must be ≥ 0; "
                "leave out inventory changes with categories=[…]",
                file=table.origin,
                label=table.labels[k],
            )
    look, face, hidden = exposure_arrays(A, cols, f)
    by_supplier = [a.reshape(G, N, -1).sum(axis=1) for a in (look, face, hidden)]
    if basis == "final_demand":  # columns are products: sum them by product sector
        by_supplier = [a.reshape(G, G, N).sum(axis=1) for a in by_supplier]
    look_g, face_g, hidden_g = by_supplier
    return ExposureResult(
        buyer=buyer,
        basis=basis,
        look=look_g,
        face=face_g,
        hidden=hidden_g,
        unit=table.unit,
        **table.result_labels(),
    )
