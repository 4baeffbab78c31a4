"""ScreenResult: the frozen result of :func:`chainpower.trade.screens.screen_dependencies`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from chainpower.results import Result
from chainpower.trade.screen_rules import ScreenRules

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["LONG_COLUMNS", "ScreenResult"]

#: The long product-level schema of :meth:`ScreenResult.to_frame` (design §10.4: product is
#: its own column; the HS vintage is in ``source``).
LONG_COLUMNS = ("source", "year", "country", "product", "partner", "indicator", "value")


@dataclass(frozen=True, eq=False, repr=False)
class ScreenResult(Result):
    """Per-cell metrics (``cells``), per-product verdicts (``verdicts``) and supplier shares.

    ``cells``: one row per (year, product) with every metric, the criterion flags ``c_<name>``
    and ``holds``. ``verdicts``: one row per product: ``n_years_held``, ``dependent``, the main
    supplier and its share in the last year the rule held, ``criteria_met`` (criteria that held
    in at least one year of the window).
    """

    importer: str
    members: dict[int, tuple[str, ...]]
    rules: ScreenRules
    years: tuple[int, ...]
    cells: pd.DataFrame
    verdicts: pd.DataFrame
    source: str
    value_unit: str

    @property
    def dependent(self) -> pd.DataFrame:
        """The dependent products, largest imports first."""
        d = self.verdicts[self.verdicts["dependent"]]
        return d.sort_values(["imports", "product"], ascending=[False, True]).reset_index(drop=True)

    @property
    def n_dependent(self) -> int:
        return int(self.verdicts["dependent"].sum())

    def supplier_shares(self) -> pd.DataFrame:
        """Share of dependent products whose main supplier is each country (the "about half on
        China" statistic of SWD(2021) 352), ties split ``1/n``; plus the value-weighted share
        (that supplier's imports of dependent products / all imports of dependent products, in
        the last year each product held)."""
        dep = self.dependent
        if dep.empty:
            return pd.DataFrame(columns=["supplier", "n_products", "share_products", "share_value"])
        last = self.cells.set_index(["year", "product"])
        keys = pd.MultiIndex.from_arrays([dep["last_year_held"].astype(int), dep["product"]])
        tops = last.loc[keys, "top_suppliers"].str.split(",")
        rows = [(s, 1.0 / len(t)) for t in tops for s in t]
        count = pd.DataFrame(rows, columns=["supplier", "n"]).groupby("supplier")["n"].sum()
        vals = last.loc[keys]
        top_value = vals["top_share"].to_numpy() * vals["imports"].to_numpy()
        vrows = [(s, tv / len(t)) for t, tv in zip(tops, top_value, strict=True) for s in t]
        value = pd.DataFrame(vrows, columns=["supplier", "v"]).groupby("supplier")["v"].sum()
        out = pd.DataFrame({"n_products": count, "value": value}).reset_index()
        out["share_products"] = out["n_products"] / len(dep)
        out["share_value"] = out["value"] / float(vals["imports"].sum())
        out = out.sort_values(["share_products", "supplier"], ascending=[False, True])
        return out[["supplier", "n_products", "share_products", "share_value"]].reset_index(
            drop=True
        )

    # -- Result contract -----------------------------------------------------------------
    def _repr_fields(self) -> dict[str, Any]:
        span = f"{self.years[0]}–{self.years[-1]}" if len(self.years) > 1 else str(self.years[0])
        return {
            "": self.source,
            "rules": self.rules.name,
            "importer": self.importer,
            "years": span,
            "products": len(self.verdicts),
            "dependent": self.n_dependent,
        }

    @property
    def summary(self) -> pd.DataFrame:
        top = self.supplier_shares().head(1)
        rows = {
            "products screened": len(self.verdicts),
            "dependent products": self.n_dependent,
            "years": ", ".join(str(y) for y in self.years),
            "main supplier of most dependencies": top["supplier"].iloc[0] if len(top) else "",
            "its share of dependent products": float(top["share_products"].iloc[0])
            if len(top)
            else 0.0,
        }
        return pd.DataFrame({"value": pd.Series(rows, dtype=object)})

    def to_frame(self) -> pd.DataFrame:
        """Long rows: ``source, year, country, product, partner, indicator, value``.

        Per cell: ``dep_imports``, ``dep_extra_share``, ``dep_import_hhi``,
        ``dep_import_export_ratio`` (``inf`` when the group exports nothing),
        ``dep_world_export_hhi``, ``dep_top_supplier_share`` (partner = main supplier) and the
        flag ``screen_<rule>_holds``; per product (year = last screened year):
        ``screen_<rule>_dependent`` and ``screen_<rule>_n_years``.
        """
        c = self.cells
        name = self.rules.name
        parts = []
        for col, ind in (
            ("imports", "dep_imports"),
            ("extra_share", "dep_extra_share"),
            ("import_hhi", "dep_import_hhi"),
            ("import_export_ratio", "dep_import_export_ratio"),
            ("world_export_hhi", "dep_world_export_hhi"),
            ("top_share", "dep_top_supplier_share"),
            ("holds", f"screen_{name}_holds"),
        ):
            partner = c["top_supplier"] if col == "top_share" else ""
            parts.append(
                pd.DataFrame(
                    {
                        "year": c["year"],
                        "product": c["product"],
                        "partner": partner,
                        "indicator": ind,
                        "value": c[col].astype(float),
                    }
                )
            )
        v = self.verdicts
        last = self.years[-1]
        for col, ind in (
            ("dependent", f"screen_{name}_dependent"),
            ("n_years_held", f"screen_{name}_n_years"),
        ):
            parts.append(
                pd.DataFrame(
                    {
                        "year": last,
                        "product": v["product"],
                        "partner": v["top_supplier"].fillna("") if col == "dependent" else "",
                        "indicator": ind,
                        "value": v[col].astype(float),
                    }
                )
            )
        out = pd.concat(parts, ignore_index=True)
        out.insert(0, "source", self.source)
        out.insert(2, "country", self.importer)
        out["year"] = out["year"].astype(np.int64)
        return out[list(LONG_COLUMNS)]

    def _meta(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "rules": self.rules.name,
            "rule_file": self.rules.file,
            "importer": self.importer,
            "years": list(self.years),
            "value_unit": self.value_unit,
        }

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Figure:
        """``"suppliers"`` (default): share of dependencies per main supplier; ``"hhi"``: HHI of
        the dependent products over time; ``"ranked"``: products ranked by top-supplier share."""
        from chainpower.trade import dependency_figures as figs

        kind = kind or "suppliers"
        if kind == "suppliers":
            return figs.plot_supplier_shares(self, ax=ax, **kw)
        if kind == "hhi":
            return figs.plot_hhi_over_time(self, ax=ax, **kw)
        if kind == "ranked":
            return figs.plot_ranked_concentration(self, ax=ax, **kw)
        from chainpower.errors import InputError

        raise InputError("kind must be suppliers, hhi or ranked", label=str(kind))
