"""Product-level dependency screens: one engine, rules as data (EU 2021, GeoDep, your own).

For an importer ``G`` (a country, or a group such as the EU, whose membership may change by
year), a product ``k`` and a year ``t``, with ``v_{s→c}`` the value shipped from ``s`` to ``c``:

=====================  ==========================================================================
metric                 formula (all per k, t; shapes: one value per product-year cell)
=====================  ==========================================================================
``imports``            ``M = Σ_{s∈S, c∈G} v_{s→c}``, with suppliers ``S = {s ∉ G}`` (scope
                       ``extra_group``) or all ``s ≠ c`` (``all_partners``)
``extra_share``        ``Σ_{s∉G, c∈G} v_{s→c} / Σ_{s, c∈G} v_{s→c}`` (extra-group share of imports)
``import_hhi``         ``Σ_{s∈S} (M_s / M)²`` with ``M_s = Σ_{c∈G} v_{s→c}``
``import_export_ratio``  ``M / X`` with ``X = Σ_{c∈G, d} v_{c→d}`` (``exports: total``) or only
                       ``d ∉ G`` (``extra_group``); ``+inf`` when ``X = 0 < M``
``world_export_hhi``   ``Σ_s (W_s / W)²`` with ``W_s = Σ_d v_{s→d}`` (every exporter of k)
``top_share``          ``max_s M_s / M``; ``world_top_share`` ``max_s W_s / W``
=====================  ==========================================================================

Sources: European Commission (2021) SWD(2021) 352, Annex 5 (criteria HHI > 0.4, extra-EU share
> 0.5, extra-EU imports / EU exports > 1); Bonneau & Nakaa (2024), CEPII GeoDep (importer HHI >
0.4, world-export HHI > 0.4, imports / exports > 1, in ≥ 2 of 3 years). Both are presets of
:mod:`chainpower.trade.screen_rules`.

Cells: a product enters year ``t`` when the importer imports it from suppliers in scope
(``M > 0``). A product not imported in a year does not hold that year (a *missing* year of a
product counts against persistence); a requested year with no flows at all is an error.
Persistence: a product is dependent when it holds in at least ``min_years`` of the last
``of_years`` requested years. Ties: the main supplier is the largest, ties broken
alphabetically and flagged (``top_tied``); in the "share of dependencies on each supplier"
statistic a tied product counts ``1/n`` for each of its ``n`` tied suppliers.
The aggregation runs in DuckDB over the (categorical) flow frame: no pandas row loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from chainpower.data.groups import group_members
from chainpower.errors import InputError
from chainpower.trade.concentration import grouped_hhi, grouped_top
from chainpower.trade.flows import TradeFlows
from chainpower.trade.screen_result import ScreenResult
from chainpower.trade.screen_rules import ScreenRules, load_rules

__all__ = ["ScreenResult", "members_by_year", "screen_dependencies", "screen_metrics"]


def members_by_year(
    importer: str | Iterable[str] | Mapping[int, Iterable[str]], years: Iterable[int]
) -> dict[int, frozenset[str]]:
    """The importing group in each year: a name (``"EU"`` dated, ``"EU27"`` …), an ISO3 code,
    a set of codes, or a mapping year → codes."""
    ys = sorted({int(y) for y in years})
    if isinstance(importer, Mapping):
        out = {}
        for y in ys:
            if y not in importer:
                raise InputError("importer mapping has no members for this year", label=str(y))
            out[y] = frozenset(str(c).upper() for c in importer[y])
        return out
    return {y: group_members(importer, as_of=dt.date(y, 12, 31)) for y in ys}


def _label(importer: Any) -> str:
    if isinstance(importer, str):
        return importer.upper()
    if isinstance(importer, Mapping):
        return "custom_group"
    codes = sorted(str(c) for c in importer)
    return codes[0] if len(codes) == 1 else "+".join(codes[:3]) + ("…" if len(codes) > 3 else "")


def _aggregate(
    frame: pd.DataFrame, members: dict[int, frozenset[str]], rules: ScreenRules
) -> dict[str, pd.DataFrame]:
    """Per-cell aggregates in DuckDB; every frame is ordered by the cell id ``cell``."""
    import duckdb

    # integer codes for countries (sorted A–Z, so min(code) breaks ties alphabetically) and products
    exp_cat = frame["exporter"].astype("category")
    imp_cat = frame["importer"].astype("category")
    prod_cat = frame["product"].astype("category")
    countries = pd.Index(sorted(set(exp_cat.cat.categories) | set(imp_cat.cat.categories)))
    codes = pd.DataFrame(
        {
            "year": frame["year"].to_numpy(dtype=np.int32),
            "exporter": exp_cat.cat.set_categories(countries).cat.codes.to_numpy(dtype=np.int32),
            "importer": imp_cat.cat.set_categories(countries).cat.codes.to_numpy(dtype=np.int32),
            "product": prod_cat.cat.codes.to_numpy(dtype=np.int32),
            "value": frame["value"].to_numpy(dtype=float),
        }
    )
    pos = {c: i for i, c in enumerate(countries)}
    m = pd.DataFrame(
        [(y, pos[c]) for y, cs in members.items() for c in sorted(cs) if c in pos],
        columns=["year", "iso"],
    ).astype({"year": np.int32, "iso": np.int32})
    # membership of each row's importer, by a (year, country) lookup table (no join on 10 M rows)
    years = sorted(members)
    lookup = np.zeros((len(years), len(countries)), dtype=bool)
    for r, y in enumerate(years):
        lookup[r, [pos[c] for c in members[y] if c in pos]] = True
    year_row = np.searchsorted(years, codes["year"].to_numpy())
    keep = (year_row < len(years)) & (codes["value"].to_numpy() > 0)
    keep[keep] = np.asarray(years)[year_row[keep]] == codes["year"].to_numpy()[keep]
    codes = codes[keep]
    codes["to_group"] = lookup[year_row[keep], codes["importer"].to_numpy()]
    codes["is_self"] = codes["exporter"].to_numpy() == codes["importer"].to_numpy()
    scope = "NOT intra" if rules.scope == "extra_group" else "TRUE"
    con = duckdb.connect()
    try:
        con.execute("SET threads TO 2")
        import pyarrow as pa

        con.register("f0", pa.Table.from_pandas(codes, preserve_index=False))
        con.register("m", m)
        # one pass over the flows: per (year, product, exporter) the world exports, the imports
        # into the group and the sales outside it
        con.execute(
            """CREATE TEMP TABLE agg AS
               SELECT a.*, (me.iso IS NOT NULL) AS intra FROM (
                   SELECT year, product, exporter, sum(value) AS w,
                          coalesce(sum(value) FILTER (WHERE to_group AND NOT is_self), 0) AS v,
                          coalesce(sum(value) FILTER (WHERE NOT to_group), 0) AS v_out
                   FROM f0 GROUP BY 1, 2, 3) a
               LEFT JOIN m me ON me.year = a.year AND me.iso = a.exporter"""
        )
        con.execute(
            f"""CREATE TEMP TABLE cells AS
                SELECT year, product, (row_number() OVER (ORDER BY year, product)) - 1 AS cell
                FROM (SELECT DISTINCT year, product FROM agg WHERE v > 0 AND {scope})"""
        )
        con.execute(
            "CREATE TEMP TABLE ac AS "
            "SELECT c.cell, a.* FROM agg a JOIN cells c USING (year, product)"
        )
        cells = con.execute("SELECT year, product FROM cells ORDER BY cell").fetchdf()
        scoped = con.execute(
            f"SELECT cell, exporter, v FROM ac WHERE v > 0 AND {scope} ORDER BY cell, exporter"
        ).fetchdf()
        totals = con.execute(
            """SELECT cell, sum(v) AS total, coalesce(sum(v) FILTER (WHERE NOT intra), 0) AS extra
               FROM ac GROUP BY cell ORDER BY cell"""
        ).fetchdf()
        # world exporters of each cell's product: HHI Σ W_s² / W², top exporter (ties → A–Z)
        world = con.execute(
            """WITH t AS (SELECT cell, sum(w) AS w, sum(w * w) AS w2, max(w) AS wmax
                          FROM ac GROUP BY 1)
               SELECT t.cell, t.w, t.w2 / (t.w * t.w) AS hhi, t.wmax,
                      min(ac.exporter) FILTER (WHERE ac.w = t.wmax) AS top
               FROM t JOIN ac USING (cell) GROUP BY t.cell, t.w, t.w2, t.wmax ORDER BY t.cell"""
        ).fetchdf()
        exports = con.execute(
            """SELECT cell, sum(w) AS x_total, sum(v_out) AS x_extra
               FROM ac WHERE intra GROUP BY cell ORDER BY cell"""
        ).fetchdf()
    finally:
        con.close()
    names = np.asarray(countries, dtype=object)
    cells["product"] = np.asarray(prod_cat.cat.categories.astype(str), dtype=object)[
        cells["product"].to_numpy(dtype=np.int64)
    ]
    scoped["exporter"] = names[scoped["exporter"].to_numpy(dtype=np.int64)]
    top = world["top"].to_numpy(dtype=np.int64)
    world["top"] = names[top]
    return {
        "cells": cells,
        "scoped": scoped,
        "totals": totals,
        "world": world,
        "exports": exports,
    }


def screen_metrics(
    flows: TradeFlows, members: dict[int, frozenset[str]], rules: ScreenRules
) -> pd.DataFrame:
    """Every metric of the module table, one row per (year, product) imported in scope."""
    present = set(flows.years)
    missing = [y for y in members if y not in present]
    if missing:
        raise InputError(
            f"year(s) {missing} requested but absent from the flows (have {sorted(present)})",
            label=flows.source,
        )
    agg = _aggregate(flows.frame, members, rules)
    cells = agg["cells"]
    n = len(cells)
    if n == 0:
        raise InputError("the importer imports none of these products in these years")
    scoped = agg["scoped"]
    g = scoped["cell"].to_numpy(dtype=np.int64)
    v = scoped["v"].to_numpy(dtype=float)
    labels = scoped["exporter"].to_numpy(dtype=object)
    imports = np.bincount(g, weights=v, minlength=n)
    top_l, top_v, tied = grouped_top(g, v, labels, n, k=2)
    tops = pd.Series(top_l[:, 0], dtype=object)
    tied_rows = tied[g] & (v == top_v[g, 0])  # only tied cells need the joined list
    if tied_rows.any():
        joined = pd.Series(labels[tied_rows]).groupby(g[tied_rows]).agg(",".join)
        tops[joined.index] = joined.to_numpy()
    totals = agg["totals"].set_index("cell").reindex(np.arange(n))
    world = agg["world"].set_index("cell").reindex(np.arange(n))
    col = "x_total" if rules.exports == "total" else "x_extra"
    exports = agg["exports"].set_index("cell")[col].reindex(np.arange(n)).fillna(0.0).to_numpy()
    with np.errstate(divide="ignore"):
        ratio = np.where(exports > 0, imports / np.where(exports > 0, exports, 1.0), np.inf)
    out = cells.copy()
    out["year"] = out["year"].astype(np.int64)
    out["imports"] = imports
    out["imports_all"] = totals["total"].to_numpy(dtype=float)
    out["extra_share"] = totals["extra"].to_numpy(dtype=float) / out["imports_all"].to_numpy()
    out["import_hhi"] = grouped_hhi(g, v, n)
    out["group_exports"] = exports
    out["import_export_ratio"] = ratio
    out["world_exports"] = world["w"].to_numpy(dtype=float)
    out["world_export_hhi"] = world["hhi"].to_numpy(dtype=float)
    out["top_supplier"] = top_l[:, 0]
    out["top_share"] = top_v[:, 0] / imports
    out["top_tied"] = tied
    out["top_suppliers"] = tops.to_numpy()
    out["second_supplier"] = top_l[:, 1]
    out["second_share"] = top_v[:, 1] / imports
    out["world_top_exporter"] = world["top"].to_numpy(dtype=object)
    out["world_top_share"] = world["wmax"].to_numpy(dtype=float) / out["world_exports"].to_numpy()
    return out


def screen_dependencies(
    flows: TradeFlows | pd.DataFrame,
    importer: str | Iterable[str] | Mapping[int, Iterable[str]] = "EU27",
    *,
    rules: str | Path | Mapping[str, Any] | ScreenRules = "eu2021",
    years: Iterable[int] | None = None,
) -> ScreenResult:
    """Run a dependency screen; see the module docstring for every formula and convention."""
    fl = flows if isinstance(flows, TradeFlows) else TradeFlows.from_frame(flows)
    rule = load_rules(rules)
    ys = sorted({int(y) for y in years}) if years is not None else fl.years
    if len(ys) < rule.of_years:
        raise InputError(
            f"rule {rule.name!r} needs {rule.of_years} years (holding in {rule.min_years}); "
            f"got {ys}",
            label=rule.name,
        )
    members = members_by_year(importer, ys)
    cells = screen_metrics(fl, members, rule)
    metrics = {c: cells[c].to_numpy() for c in cells.columns}
    flags = np.column_stack([c.evaluate(metrics) for c in rule.criteria])
    for i, c in enumerate(rule.criteria):
        cells[f"c_{c.name}"] = flags[:, i]
    cells["holds"] = rule.combine_flags(flags)
    window = ys[-rule.of_years :]
    held = cells[cells["year"].isin(window) & cells["holds"]]
    n_held = held.groupby("product").size()
    universe = sorted(cells["product"].unique())
    verdicts = pd.DataFrame({"product": universe})
    verdicts["n_years_held"] = verdicts["product"].map(n_held).fillna(0).astype(int)
    verdicts["dependent"] = verdicts["n_years_held"] >= rule.min_years
    last = held.sort_values("year").groupby("product").tail(1).set_index("product")
    for col in ("year", "top_supplier", "top_share", "top_tied", "import_hhi", "imports"):
        verdicts[col if col != "year" else "last_year_held"] = verdicts["product"].map(last[col])
    fired = (
        cells[cells["year"].isin(window)]
        .groupby("product")[[f"c_{c.name}" for c in rule.criteria]]
        .any()
    )
    met = pd.Series("", index=fired.index, dtype=object)
    for c in rule.criteria:  # "a,b" lists of the criteria that held, without a row loop
        flag = fired[f"c_{c.name}"].to_numpy()
        met = met.where(~flag, met.where(met == "", met + ",") + c.name)
    verdicts["criteria_met"] = verdicts["product"].map(met).fillna("")
    return ScreenResult(
        importer=_label(importer),
        members={y: tuple(sorted(m)) for y, m in members.items()},
        rules=rule,
        years=tuple(ys),
        cells=cells,
        verdicts=verdicts,
        source=fl.source,
        value_unit=fl.value_unit,
    )
