"""The China–US inputs of paper 001's interdependence index, from ``<data>/macro/`` and WIOD.

Builds the components frame of :func:`chainpower.trade.interdependence.interdependence_index`
for the sides ``CHN`` and ``USA`` (formulas there), with every input the data lack listed with
its reason:

==================  =========================================================================
trade               one reporter's goods exports + imports (``trade_source``: ``wits`` 1992–2021,
                    ``census`` 2001–2019, ``comtrade`` 2013–2024; ``trade_reporter``) over the
                    side's GDP (WDI ``NY.GDP.MKTP.CD``, current USD)
investment          side CHN: US direct investment in China over China's FDI net inflows (WDI
                    ``BX.KLT.DINV.CD.WD``); ``fdi="position_change"`` (default) uses the change
                    of the US position (BEA, historical cost; a flow proxy that includes
                    valuation changes), ``"position"`` the position itself (a stock over a
                    flow). The position is missing for 2018–2022. Side USA: no source of Chinese
                    FDI into the US in the data folder, so the component is missing every year
liberalisation      ``1 − τ/100`` with ``τ`` from :func:`chainpower.data.china_us.high_tech_tariffs`
                    (``tariff_source``: ``wits`` MFN capital goods 1992–2021, ``naics`` 2015–2019,
                    ``hs6`` 2018–2019, ``bown`` all goods 2018–2024)
technology          Grubel–Lloyd of CHN–USA trade, mean of machinery and electrical equipment:
                    ``technology="wiod"`` from WIOD sectors c13 and c14 (1995–2011), ``"naics"``
                    from US-reported NAICS 333 / 334+335 trade (2015–2019)
==================  =========================================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import pandas as pd

from chainpower.data import china_us
from chainpower.errors import InputError
from chainpower.mrio.table import MRIOTable
from chainpower.trade.interdependence import InterdependenceResult, interdependence_index
from chainpower.trade.intra_industry import WIOD_TECH_SECTORS, grubel_lloyd, sector_grubel_lloyd

__all__ = ["china_us_components", "china_us_index"]

SIDES = ("CHN", "USA")
_OTHER = {"CHN": "USA", "USA": "CHN"}
NAICS_TECH_GROUPS = {"333": "machinery", "334": "electrical", "335": "electrical"}


def _wdi(code: str, years: list[int]) -> pd.Series:
    from chainpower.data.macro.wdi import load_wdi

    df = load_wdi([code], countries=list(SIDES))
    df = df[df["year"].isin(years)]
    return df.set_index(["country", "year"])["value"]


def _trade(years: list[int], source: Any, reporter: str) -> dict[tuple[str, int], float]:
    t = china_us.load_china_us_trade(source)
    t = t[t["reporter"] == reporter]
    by_year = t.groupby("year")["value"].agg(["sum", "size"])
    gdp = _wdi("NY.GDP.MKTP.CD", years)
    out = {}
    for side in SIDES:
        for y in years:
            if y in by_year.index and by_year.at[y, "size"] == 2 and (side, y) in gdp.index:
                out[(side, y)] = float(by_year.at[y, "sum"] / gdp[(side, y)])
    return out


def _investment(years: list[int], fdi: str) -> dict[tuple[str, int], float]:
    pos = china_us.load_us_fdi_position().set_index("year")["value"]
    inflow = _wdi("BX.KLT.DINV.CD.WD", years)
    out = {}
    for y in years:
        if ("CHN", y) not in inflow.index or y not in pos.index:
            continue
        if fdi == "position":
            out[("CHN", y)] = float(pos[y] / inflow[("CHN", y)])
        elif y - 1 in pos.index:
            out[("CHN", y)] = float((pos[y] - pos[y - 1]) / inflow[("CHN", y)])
    return out


def _technology(years: list[int], technology: str,
                tables: Iterable[MRIOTable] | None) -> dict[tuple[str, int], float]:
    vals: dict[int, float] = {}
    if technology == "naics":
        gl = grubel_lloyd(china_us.load_naics_trade(), "CHN", "USA", groups=NAICS_TECH_GROUPS)
        means = gl.groupby("year")["gl"].mean()
        vals.update({int(y): float(v) for y, v in zip(means.index, means.to_numpy(),
                                                      strict=True)})
    elif technology == "wiod":
        if tables is None:
            from chainpower.mrio.io import read_wiod2013

            tables = (read_wiod2013(y) for y in years if 1995 <= y <= 2011)
        for t in tables:
            gl = sector_grubel_lloyd(t, "CHN", "USA", groups=WIOD_TECH_SECTORS)
            vals[int(gl["year"].iloc[0])] = float(gl["gl"].mean())
    else:
        raise InputError(f"unknown technology source {technology!r}; use wiod or naics")
    return {(s, y): v for y, v in vals.items() if y in years for s in SIDES}


def china_us_components(
    years: Iterable[int],
    *,
    trade_source: Literal["wits", "census", "comtrade"] = "wits",
    trade_reporter: str | None = None,
    tariff_source: Literal["wits", "naics", "hs6", "bown"] = "wits",
    fdi: Literal["position_change", "position"] = "position_change",
    technology: Literal["wiod", "naics"] = "wiod",
    tables: Iterable[MRIOTable] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(components, missing)`` for sides CHN and USA over ``years`` (module docstring).

    ``components``: ``side, partner, year, component, value``; ``missing``: ``side, year,
    component, reason``. ``trade_reporter`` defaults to USA for Census and CHN otherwise.
    ``tables`` are WIOD tables to reuse for the technology component.
    """
    ys = sorted({int(y) for y in years})
    reporter = trade_reporter or ("USA" if trade_source == "census" else "CHN")
    if fdi not in ("position_change", "position"):
        raise InputError(f"unknown fdi measure {fdi!r}; use position_change or position")
    tariffs = china_us.high_tech_tariffs(tariff_source).set_index(["imposer", "year"])["tariff"]
    values: dict[str, dict[tuple[str, int], float]] = {
        "trade": _trade(ys, trade_source, reporter),
        "investment": _investment(ys, fdi),
        "liberalisation": {(s, y): 1.0 - float(tariffs[(s, y)]) / 100.0
                           for s in SIDES for y in ys if (s, y) in tariffs.index},
        "technology": _technology(ys, technology, tables),
    }
    why = {
        "trade": f"no {trade_source} trade reported by {reporter} or no WDI GDP for the year",
        "liberalisation": f"no {tariff_source} high-tech tariff for the year",
        "technology": f"no {technology} Grubel–Lloyd input for the year",
    }
    rows, miss = [], []
    for comp, cells in values.items():
        for s in SIDES:
            for y in ys:
                if (s, y) in cells:
                    rows.append({"side": s, "partner": _OTHER[s], "year": y, "component": comp,
                                 "value": cells[(s, y)]})
                    continue
                if comp == "investment":
                    reason = ("no source of Chinese FDI into the US in the data folder"
                              if s == "USA" else
                              "US direct-investment position missing (2018–2022 not in the "
                              "source) or no WDI FDI inflow")
                else:
                    reason = why[comp]
                miss.append({"side": s, "year": y, "component": comp, "reason": reason})
    return pd.DataFrame(rows), pd.DataFrame(miss, columns=["side", "year", "component",
                                                           "reason"])


def china_us_index(
    years: Iterable[int],
    *,
    weights: dict[str, float] | None = None,
    components: list[str] | None = None,
    normalisation: Any = "minmax",
    reference_year: int | None = None,
    missing: Any = "reweight",
    pool_sides: bool = True,
    **inputs: Any,
) -> InterdependenceResult:
    """Paper 001's China–US index over ``years``: :func:`china_us_components` then
    :func:`chainpower.trade.interdependence.interdependence_index` (its parameters)."""
    ys = sorted({int(y) for y in years})
    data, known = china_us_components(ys, **inputs)
    return interdependence_index(data, weights=weights, components=components,
                                 normalisation=normalisation, reference_year=reference_year,
                                 missing=missing, years=ys, known_missing=known,
                                 pool_sides=pool_sides)
