"""Cross-source check: extra-group import values and supplier shares in two flow sets.

Used to compare CEPII BACI (exporter-reported values reconciled by CEPII, **FOB**, USD, HS6,
partner = exporting country) with Eurostat Comext (EU declarations, **CIF** at the EU border,
EUR, CN8, partner = country of *origin* for imports). Per HS6 product and year:

- ``ratio = M_a / (M_b · rate_t)``: extra-group imports of source a over source b converted to
  a's currency with the annual rate ``rate_t`` (ECB euro reference rates, USD per EUR: 2022
  1.0530, 2023 1.0813, 2024 1.0824). CIF exceeds FOB by freight and insurance (typically 3–7 %
  of value), so with identical coverage ``ratio`` would sit a little *below* 1;
- ``share_a``, ``share_b``: each source's share of one supplier (default China);
- ``top_a``, ``top_b``: each source's largest supplier.

Only products whose every CN8 code in ``b`` shares the HS6 of ``a`` can be compared; the caller
chooses them (``products``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from chainpower.data.groups import GROUPS
from chainpower.errors import InputError
from chainpower.trade.flows import TradeFlows

__all__ = ["ECB_USD_PER_EUR", "compare_import_sources"]

#: ECB euro foreign-exchange reference rates, annual averages (USD per EUR).
ECB_USD_PER_EUR: dict[int, float] = {2022: 1.0530, 2023: 1.0813, 2024: 1.0824}


def _extra(flows: TradeFlows, group: frozenset[str], years: list[int]) -> pd.DataFrame:
    f = flows.frame
    f = f[f["year"].isin(years)]
    f = f[f["importer"].astype(str).isin(group) & ~f["exporter"].astype(str).isin(group)]
    out = f.assign(hs6=f["product"].astype(str).str[:6], exporter=f["exporter"].astype(str))
    return out.groupby(["year", "hs6", "exporter"], as_index=False).agg(value=("value", "sum"))


def compare_import_sources(
    a: TradeFlows,
    b: TradeFlows,
    *,
    years: Iterable[int],
    products: Iterable[str] | None = None,
    group: Iterable[str] | None = None,
    supplier: str = "CHN",
    rates: Mapping[int, float] | None = None,
) -> pd.DataFrame:
    """One row per (year, HS6): values, ``ratio``, supplier shares and top suppliers."""
    ys = sorted({int(y) for y in years})
    g = frozenset(group) if group is not None else GROUPS["EU27"]
    rate = dict(rates) if rates is not None else ECB_USD_PER_EUR
    if b.value_unit == a.value_unit:
        rate = {y: 1.0 for y in ys}
    missing = [y for y in ys if y not in rate]
    if missing:
        raise InputError("no exchange rate for these years", label=str(missing))
    ea, eb = _extra(a, g, ys), _extra(b, g, ys)
    common = sorted(set(ea["hs6"]) & set(eb["hs6"]))
    if products is not None:
        common = [p for p in common if p in {str(x) for x in products}]
    if not common:
        raise InputError("the two sources share no product in these years")
    rows = []
    for y in ys:
        for p in common:
            da = ea[(ea["year"] == y) & (ea["hs6"] == p)].set_index("exporter")["value"]
            db = eb[(eb["year"] == y) & (eb["hs6"] == p)].set_index("exporter")["value"]
            if da.sum() <= 0 or db.sum() <= 0:
                continue
            rows.append(
                (
                    y,
                    p,
                    float(da.sum()),
                    float(db.sum()) * rate[y],
                    float(da.sum()) / (float(db.sum()) * rate[y]),
                    float(da.get(supplier, 0.0) / da.sum()),
                    float(db.get(supplier, 0.0) / db.sum()),
                    str(da.sort_values().index[-1]),
                    str(db.sort_values().index[-1]),
                )
            )
    out = pd.DataFrame(
        rows,
        columns=[
            "year",
            "product",
            "value_a",
            "value_b",
            "ratio",
            "share_a",
            "share_b",
            "top_a",
            "top_b",
        ],
    )
    out["share_gap"] = out["share_a"] - out["share_b"]
    out["same_top"] = out["top_a"] == out["top_b"]
    return out
