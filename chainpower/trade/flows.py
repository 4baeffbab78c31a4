"""TradeFlows: a validated product-level flow frame (exporter → importer × product × year).

Columns (:data:`chainpower.data.trade_files.FLOW_COLUMNS`): ``year`` (int), ``exporter`` and
``importer`` (ISO3 or a reader's documented code), ``product`` (HS6 / CN8 text), ``value``
(≥ 0, in ``value_unit``), ``qty`` (≥ 0 or NaN). The readers of :mod:`chainpower.data.trade_files`
produce this frame; :class:`TradeFlows` checks it once more (a user may build one by hand) and
carries its source, value unit and HS vintage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from chainpower.data.trade_files import FLOW_COLUMNS
from chainpower.errors import InputError, LayoutError
from chainpower.results import Result

__all__ = ["TradeFlows", "load_flows"]


@dataclass(frozen=True, eq=False, repr=False)
class TradeFlows(Result):
    """Product-level flows; build with :meth:`from_frame` or :func:`load_flows`."""

    frame: pd.DataFrame
    source: str = "flows"
    value_unit: str = "USD"
    hs_vintage: str | None = None
    meta_inputs: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        *,
        source: str | None = None,
        value_unit: str | None = None,
        hs_vintage: str | None = None,
        label: str = "flows",
    ) -> TradeFlows:
        """Validate ``df`` (columns, non-negative finite values, no duplicate keys)."""
        missing = [c for c in FLOW_COLUMNS if c not in df.columns and c != "qty"]
        if missing:
            raise LayoutError(
                f"flow frame lacks columns {missing}; needs {list(FLOW_COLUMNS)}", label=label
            )
        out = df.reset_index(drop=True)
        if "qty" not in out.columns:
            out = out.assign(qty=np.nan)
        value = pd.to_numeric(out["value"], errors="coerce").to_numpy(dtype=float)
        bad = np.flatnonzero(~np.isfinite(value) | (value < 0))
        if bad.size:
            raise InputError(
                f"value must be a finite number ≥ 0, got {out['value'].iloc[bad[0]]!r}",
                label=f"{label} row {bad[0] + 1}",
            )
        for col in ("exporter", "importer", "product"):
            if out[col].isna().any():
                pos = int(np.flatnonzero(out[col].isna().to_numpy())[0])
                raise InputError(f"{col} missing", label=f"{label} row {pos + 1}")
        cats = {c: out[c].astype("category") for c in ("exporter", "importer")}
        cats["product"] = (
            out["product"]
            if isinstance(out["product"].dtype, pd.CategoricalDtype)
            else out["product"].astype(str)
        ).astype("category")
        year = out["year"].to_numpy(dtype=np.int64)
        key = year - year.min() if len(year) else year
        for c in ("exporter", "importer", "product"):
            key = key * (len(cats[c].cat.categories) + 1) + cats[c].cat.codes.to_numpy(
                dtype=np.int64
            )
        dup = pd.Series(key).duplicated().to_numpy()
        if dup.any():
            pos = int(np.flatnonzero(dup)[0])
            raise InputError(
                "duplicate flow (same year, exporter, importer, product); sum or drop it first",
                label=f"{label} row {pos + 1}",
            )
        attrs = dict(df.attrs)
        frame = pd.DataFrame(
            {
                "year": out["year"].astype(np.int32).to_numpy(),
                "exporter": cats["exporter"],
                "importer": cats["importer"],
                "product": cats["product"],
                "value": value,
                "qty": pd.to_numeric(out["qty"], errors="coerce").to_numpy(dtype=float),
            }
        )
        return cls(
            frame=frame,
            source=source or attrs.get("source", "flows"),
            value_unit=value_unit or attrs.get("value_unit", "USD"),
            hs_vintage=hs_vintage or attrs.get("hs_vintage"),
            meta_inputs={"files": attrs.get("files", []), "valuation": attrs.get("valuation")},
        )

    # -- views ---------------------------------------------------------------------------
    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in np.unique(self.frame["year"]))

    @property
    def products(self) -> list[str]:
        return sorted(self.frame["product"].astype(str).unique())

    def __len__(self) -> int:
        return len(self.frame)

    def select(
        self,
        *,
        years: Iterable[int] | None = None,
        products: Iterable[str] | None = None,
    ) -> TradeFlows:
        """A new TradeFlows with only these years / products (prefix match on products, so
        ``"8505"`` selects every 8505xx code)."""
        df = self.frame
        if years is not None:
            ys = [int(y) for y in years]
            df = df[df["year"].isin(ys)]
        if products is not None:
            prefixes = tuple(str(p) for p in products)
            df = df[df["product"].astype(str).str.startswith(prefixes)]
        return self._replace(df)

    def to_hs6(self) -> TradeFlows:
        """Aggregate 8-digit (CN8) products to their HS6 code."""
        df = self.frame.assign(product=self.frame["product"].astype(str).str[:6])
        keys = ["year", "exporter", "importer", "product"]
        agg = df.groupby(keys, observed=True, as_index=False)[["value", "qty"]].sum(min_count=1)
        agg = agg[agg["value"].notna()]
        return self._replace(agg.astype({"product": "category"}))

    def convert_hs(self, to_vintage: str) -> TradeFlows:
        """Re-code products to another HS vintage (merged codes summed; splits are errors)."""
        from chainpower.data.hs import convert_products

        if self.hs_vintage is None:
            raise InputError(
                "these flows have no HS vintage; set hs_vintage first", label=self.source
            )
        out = convert_products(self.frame, self.hs_vintage, to_vintage)
        new = self._replace(out.astype({"product": "category"}))
        return TradeFlows(
            new.frame, new.source, new.value_unit, out.attrs["hs_vintage"], new.meta_inputs
        )

    def _replace(self, df: pd.DataFrame) -> TradeFlows:
        return TradeFlows(
            df.reset_index(drop=True),
            self.source,
            self.value_unit,
            self.hs_vintage,
            self.meta_inputs,
        )

    # -- Result contract -----------------------------------------------------------------
    def _repr_fields(self) -> dict[str, Any]:
        ys = self.years
        span = f"{ys[0]}–{ys[-1]}" if ys else "no years"
        return {
            "": self.source,
            "years": span,
            "rows": len(self.frame),
            "products": int(self.frame["product"].nunique()),
            "unit": self.value_unit,
        }

    @property
    def summary(self) -> pd.DataFrame:
        g = self.frame.groupby("year", observed=True)
        return pd.DataFrame(
            {
                "rows": g.size(),
                "products": g["product"].nunique(),
                "exporters": g["exporter"].nunique(),
                "importers": g["importer"].nunique(),
                f"value_{self.value_unit.lower()}": g["value"].sum(),
            }
        )

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def _meta(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "value_unit": self.value_unit,
            "hs_vintage": self.hs_vintage,
            **self.meta_inputs,
        }


def load_flows(
    path: str | Path,
    *,
    format: Literal["baci", "baci_extract", "comext", "comtrade"] = "baci",
    country_codes: str | Path | None = None,
    hs_vintage: str | None = None,
) -> TradeFlows:
    """Read a trade file with the matching reader and wrap it as :class:`TradeFlows`."""
    from chainpower.data import trade_files as tf

    if format == "baci":
        if country_codes is None:
            raise InputError("a BACI file needs its country-code file (country_codes=)", file=path)
        df = tf.read_baci(path, country_codes, hs_vintage=hs_vintage)
    elif format == "baci_extract":
        df = tf.read_baci_extract(path)
    elif format == "comext":
        df = tf.read_comext(path)
    elif format == "comtrade":
        if country_codes is None:
            raise InputError(
                "a Comtrade file needs a country-code file (country_codes=)", file=path
            )
        df = tf.read_comtrade(path, country_codes)
    else:
        raise InputError(
            "format must be baci, baci_extract, comext or comtrade", label=repr(format)
        )
    return TradeFlows(
        frame=df,
        source=df.attrs["source"],
        value_unit=df.attrs["value_unit"],
        hs_vintage=hs_vintage or df.attrs.get("hs_vintage"),
        meta_inputs={"files": df.attrs["files"], "valuation": df.attrs["valuation"]},
    )
