"""Readers of the China–US inputs of paper 001's interdependence index (``<data>/macro/``).

Every reader takes ``path=None`` (the file under the real-data folder) or an explicit file in
the publisher's layout as stored there (``macro/PROVENANCE.md`` describes each), checks the
columns, and returns a tidy frame. Values are in USD (not millions) and tariffs in percent.

==============================  ============================================================
:func:`load_china_us_trade`      goods trade, ``year, reporter, exporter, importer, value,
                                 source``: ``"census"`` (US-reported, 2001–2019, c5700 page),
                                 ``"comtrade"`` (both reporters, 2013–2024), ``"wits"``
                                 (both reporters, 1992–2021; US exports only from 2004)
:func:`load_bown_tariffs`        Bown/PIIE trade-weighted average tariffs, day-weighted annual
                                 means 2018–2024: ``year, imposer, target, tariff``
:func:`load_hs6_tariffs`         Waugh's HS6 schedules 2018–2020: ``imposer, target, hs6,
                                 date, tariff``
:func:`high_tech_tariffs`        each side's tariff on the other's high-tech goods by year
                                 (three sources, see there)
:func:`load_us_fdi_position`     US direct-investment position in China (BEA via Statista),
                                 2000–2017 and 2023: **2018–2022 are missing**
:func:`load_naics_trade`         US trade with China by NAICS3, complete years 2015–2019
==============================  ============================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from chainpower.data.paths import data_path
from chainpower.data.reading import existing_file, read_frame
from chainpower.errors import InputError, LayoutError

__all__ = [
    "HIGH_TECH_HS2",
    "HIGH_TECH_NAICS",
    "high_tech_tariffs",
    "load_bown_tariffs",
    "load_china_us_trade",
    "load_hs6_tariffs",
    "load_naics_trade",
    "load_us_fdi_position",
]

TradeSource = Literal["census", "comtrade", "wits"]
TariffSource = Literal["hs6", "naics", "bown", "wits"]
#: High-tech goods by HS chapter (paper 001: machinery and electrical equipment).
HIGH_TECH_HS2: tuple[str, ...] = ("84", "85")
#: Their NAICS proxy: machinery (333), computer/electronic (334), electrical equipment (335).
HIGH_TECH_NAICS: tuple[str, ...] = ("333", "334", "335")
_FILES = {
    "census": ("macro", "trade_chn_usa", "census_us_china_goods_annual_2001_2019.csv"),
    "comtrade": ("macro", "trade_chn_usa", "comtrade_chn_usa_total_goods_2013_2024.csv"),
    "wits": ("macro", "trade_chn_usa", "wits_chn_usa_bilateral_goods_annual.csv"),
    "bown": ("macro", "tariffs", "bown_piie_annual_dayweighted_2018_2024.csv"),
    "hs6": ("macro", "tariffs", "waugh_hs6_tariffs_us_china_2018_2020.parquet"),
    "naics": ("macro", "tariffs", "waugh_us_china_trade_tariff_by_naics3_monthly.parquet"),
    "wits_tariffs": ("macro", "tariffs", "wits_trade_summary_all_reporters.parquet"),
    "fdi": ("macro", "fdi", "us_direct_investment_position_in_china_secondary.csv"),
}
_OTHER = {"CHN": "USA", "USA": "CHN"}


def _read(key: str, path: str | Path | None, columns: list[str]) -> tuple[pd.DataFrame, Path]:
    p = data_path(*_FILES[key]) if path is None else existing_file(path, key)
    df = read_frame(p, key)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise LayoutError(f"missing column(s) {missing}; has {list(df.columns)}", file=p)
    return df, p


def _rows(records: list[dict[str, object]], p: Path) -> pd.DataFrame:
    out = pd.DataFrame(records)
    if out.empty:
        raise InputError("no observations", file=p)
    return out.sort_values(["year", "reporter", "exporter"]).reset_index(drop=True)


def load_china_us_trade(
    source: TradeSource = "wits", *, path: str | Path | None = None
) -> pd.DataFrame:
    """China–US goods trade as ``year, reporter, exporter, importer, value (USD), source``.

    One row per reported flow; empty cells are left out (WITS has no US-reported exports to
    China before 2004).
    """
    recs: list[dict[str, object]] = []
    if source == "census":
        df, p = _read("census", path, ["year", "us_exports_to_chn_musd",
                                       "us_imports_from_chn_musd"])
        for y, x, m in zip(df["year"].astype(int), df["us_exports_to_chn_musd"].astype(float),
                           df["us_imports_from_chn_musd"].astype(float), strict=True):
            recs.append({"year": y, "reporter": "USA", "exporter": "USA", "importer": "CHN",
                         "value": x * 1e6})
            recs.append({"year": y, "reporter": "USA", "exporter": "CHN", "importer": "USA",
                         "value": m * 1e6})
    elif source == "comtrade":
        df, p = _read("comtrade", path, ["year", "reporter", "partner", "flow", "value_usd"])
        for y, rep, par, flow, v in zip(df["year"].astype(int), df["reporter"].astype(str),
                                        df["partner"].astype(str), df["flow"].astype(str),
                                        df["value_usd"].astype(float), strict=True):
            if flow not in ("export", "import"):
                raise LayoutError(f"unknown flow {flow!r}", file=p, label=f"year {y}")
            ex, im = (rep, par) if flow == "export" else (par, rep)
            recs.append({"year": y, "reporter": rep, "exporter": ex, "importer": im,
                         "value": v})
    elif source == "wits":
        cols = ["CHN_export_musd", "CHN_import_musd", "USA_export_musd", "USA_import_musd"]
        df, p = _read("wits", path, ["year", *cols])
        for col in cols:
            rep, flow = col.split("_")[:2]
            for y, v in zip(df["year"].astype(int), df[col].astype(float), strict=True):
                if np.isnan(v):
                    continue
                ex, im = (rep, _OTHER[rep]) if flow == "export" else (_OTHER[rep], rep)
                recs.append({"year": y, "reporter": rep, "exporter": ex, "importer": im,
                             "value": v * 1e6})
    else:
        raise InputError(f"unknown trade source {source!r}; use census, comtrade or wits")
    out = _rows(recs, p)
    out["source"] = source
    return out


def load_bown_tariffs(path: str | Path | None = None) -> pd.DataFrame:
    """Bown (PIIE) average tariffs, calendar-year means weighted by days in force (2018–2024),
    as ``year, imposer, target, tariff`` (%; target ``ROW`` = rest of the world)."""
    pairs = {"usa_tariff_on_chn": ("USA", "CHN"), "chn_tariff_on_usa": ("CHN", "USA"),
             "usa_tariff_on_row": ("USA", "ROW"), "chn_tariff_on_row": ("CHN", "ROW")}
    df, _p = _read("bown", path, ["year", *pairs])
    long = df.melt(id_vars="year", value_vars=list(pairs), var_name="pair", value_name="tariff")
    long["imposer"] = long["pair"].map(lambda k: pairs[k][0])
    long["target"] = long["pair"].map(lambda k: pairs[k][1])
    return long[["year", "imposer", "target", "tariff"]].sort_values(
        ["year", "imposer", "target"]).reset_index(drop=True)


def load_hs6_tariffs(path: str | Path | None = None) -> pd.DataFrame:
    """Waugh's HS6 tariff schedules (US MFN + Section 301 on China; China MFN + retaliation on
    the US) as ``imposer, target, hs6, date, tariff`` (%), one row per line and action date."""
    df, p = _read("hs6", path, ["direction", "hs6", "date", "tariff"])
    direction = df["direction"].astype(str)
    bad = ~direction.isin(["USA_on_CHN", "CHN_on_USA"])
    if bad.any():
        raise LayoutError(f"unknown direction {direction[bad].iloc[0]!r}", file=p)
    return pd.DataFrame({
        "imposer": direction.str[:3].to_numpy(), "target": direction.str[-3:].to_numpy(),
        "hs6": df["hs6"].astype(str).str.zfill(6).to_numpy(),
        "date": pd.to_datetime(df["date"]).to_numpy(), "tariff": df["tariff"].astype(float),
    })


def _dayweighted(schedule: pd.Series, year: int) -> float:
    """Day-weighted mean over calendar ``year`` of a step series ``date → value`` (each value
    holds from its date to the next one)."""
    s = schedule.sort_index()
    dates = [pd.Timestamp(d) for d in s.index]
    start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
    edges = [max(d, start) for d in dates if d < end]
    vals = [float(v) for d, v in zip(dates, s.to_numpy(dtype=float), strict=True) if d < end]
    keep = [i for i in range(len(edges)) if i + 1 == len(edges) or dates[i + 1] > start]
    edges, vals = [edges[i] for i in keep], [vals[i] for i in keep]
    bounds = [*edges[1:], end]
    days = np.array([(b - a).days for a, b in zip(edges, bounds, strict=False)], dtype=float)
    return float(np.dot(days, vals) / days.sum())


def high_tech_tariffs(
    source: TariffSource = "wits", *, path: str | Path | None = None
) -> pd.DataFrame:
    """Each side's tariff on the other's high-tech goods, ``year, imposer, target, tariff (%),
    source``.

    * ``"hs6"``: simple mean over the HS 84 and 85 lines of Waugh's schedules, day-weighted
      over the calendar year; the years the schedules cover in full (2018, 2019);
    * ``"naics"``: the trade-weighted (2017 weights) tariff of NAICS 333–335, averaged over the
      months, combined with each code's 2017 trade as weight; complete years 2015–2019;
    * ``"bown"``: Bown's all-goods trade-weighted averages (not high-tech only), 2018–2024;
    * ``"wits"``: the imposer's weighted MFN tariff on **capital goods towards the World**
      (WITS; excludes Section 301 and retaliation), 1992–2021: a pre-2018 proxy only.
    """
    if source == "hs6":
        hs = load_hs6_tariffs(path)
        hs = hs[hs["hs6"].str[:2].isin(HIGH_TECH_HS2)]
        recs = []
        for (imp, tgt), d in hs.groupby(["imposer", "target"], sort=True):
            by_date = d.groupby("date")["tariff"].mean()
            for year in (2018, 2019):
                recs.append({"year": year, "imposer": imp, "target": tgt,
                             "tariff": _dayweighted(by_date, year)})
        out = pd.DataFrame(recs)
    elif source == "naics":
        out = _naics_tariffs(path)
    elif source == "bown":
        b = load_bown_tariffs(path)
        out = b[b["target"] != "ROW"].reset_index(drop=True)
    elif source == "wits":
        df, p = _read("wits_tariffs", path, ["reporter_iso3", "product_group", "indicator",
                                             "partner", "year", "value"])
        sel = df[df["reporter_iso3"].astype(str).isin(["CHN", "USA"])
                 & (df["product_group"].astype(str) == "Capital goods")
                 & (df["indicator"].astype(str) == "Weighted Average (%)")
                 & (df["partner"].astype(str) == "World")]
        if sel.empty:
            raise InputError("no capital-goods tariffs of CHN or USA", file=p)
        out = pd.DataFrame({"year": sel["year"].astype(int).to_numpy(),
                            "imposer": sel["reporter_iso3"].astype(str).to_numpy(),
                            "tariff": sel["value"].astype(float).to_numpy()})
        out["target"] = out["imposer"].map(_OTHER)
    else:
        raise InputError(f"unknown tariff source {source!r}; use hs6, naics, bown or wits")
    out["source"] = source
    return out[["year", "imposer", "target", "tariff", "source"]].sort_values(
        ["year", "imposer"]).reset_index(drop=True)


def _naics_frame(path: str | Path | None) -> tuple[pd.DataFrame, Path]:
    df, p = _read("naics", path, ["month", "naics3", "flow", "tariff_tradeweighted_2017",
                                  "us_trade_with_china_usd"])
    df = df.assign(year=pd.to_datetime(df["month"]).dt.year, naics3=df["naics3"].astype(str),
                   flow=df["flow"].astype(str))
    months = df.groupby("year")["month"].nunique()
    complete = months[months == 12].index
    return df[df["year"].isin(complete)], p


def _naics_tariffs(path: str | Path | None) -> pd.DataFrame:
    df, _p = _naics_frame(path)
    df = df[df["naics3"].isin(HIGH_TECH_NAICS)]
    w = df[df["year"] == 2017].groupby(["flow", "naics3"])["us_trade_with_china_usd"].sum()
    recs = []
    for _key, d in df.groupby(["flow", "year"], sort=True):
        flow, year = str(d["flow"].iloc[0]), int(d["year"].iloc[0])
        t = d.groupby("naics3")["tariff_tradeweighted_2017"].mean()
        weights = w.xs(flow, level="flow").reindex(t.index)
        imposer = "CHN" if flow == "us_exports" else "USA"  # tariff met by that flow
        recs.append({"year": year, "imposer": imposer, "target": _OTHER[imposer],
                     "tariff": float(np.dot(t, weights) / weights.sum())})
    return pd.DataFrame(recs)


def load_naics_trade(path: str | Path | None = None) -> pd.DataFrame:
    """US trade with China by NAICS3 for the complete years (2015–2019), summed over months:
    ``year, product (naics3), exporter, importer, value (USD)`` — ready for
    :func:`chainpower.trade.intra_industry.grubel_lloyd`."""
    df, _p = _naics_frame(path)
    g = df.groupby(["year", "naics3", "flow"], observed=True)["us_trade_with_china_usd"].sum()
    out = g.reset_index().rename(columns={"naics3": "product", "us_trade_with_china_usd":
                                          "value"})
    out["exporter"] = np.where(out["flow"] == "us_exports", "USA", "CHN")
    out["importer"] = np.where(out["flow"] == "us_exports", "CHN", "USA")
    return out[["year", "product", "exporter", "importer", "value"]]


def load_us_fdi_position(path: str | Path | None = None) -> pd.DataFrame:
    """US direct-investment position in China (historical cost), ``year, value (USD)``.

    Typed in from stored Statista pages citing BEA (``macro/PROVENANCE.md`` P1): 2000–2017 and
    2023. The years 2018–2022 are **not** in the file and are not filled.
    """
    df, p = _read("fdi", path, ["year", "us_di_position_in_china_bn_usd"])
    vals = pd.to_numeric(df["us_di_position_in_china_bn_usd"], errors="coerce")
    if vals.isna().any():
        row = int(np.flatnonzero(vals.isna().to_numpy())[0])
        raise InputError("non-numeric position", file=p, label=f"row {row}")
    return pd.DataFrame({"year": df["year"].astype(int), "value": vals * 1e9})
