"""The project's own extensions of the macro series paper 000's controls need.

PWT 10.01 ends in 2019; the study needs 2018–2022. This module rebuilds and extends the raw
series from the original WDI and PWT observations — nothing here reads ``macro/derived/``
(those files were built outside the project and serve only to cross-check, in the tests).

**Real GDP, constant 2015 USD** (:func:`chained_gdp`; WDI's method for ``NY.GDP.MKTP.KD``, World
Bank *WDI Statistical Methods*, "constant price series"): ``GDP_2015 = NY.GDP.MKTP.CD(2015)``,
then ``GDP_t = GDP_{t−1}·(1 + g_t/100)`` forwards and ``GDP_{t−1} = GDP_t/(1 + g_t/100)``
backwards, ``g = NY.GDP.MKTP.KD.ZG`` (real growth, %). A missing growth rate ends the chain.

**Employment** (:func:`wdi_employment`, persons): ``SL.TLF.TOTL.IN × (1 − SL.UEM.TOTL.ZS/100)``
(ILO-modelled labour force times one minus the unemployment rate).

**Capital per worker** (:func:`extend_capital`): the perpetual-inventory method (PIM) PWT itself
uses for its capital stocks (Feenstra, Inklaar & Timmer 2015, section IV; Inklaar, Woltjer &
Gallardo Albarrán 2019, "The composition of capital and cross-country productivity
comparisons", *International Productivity Monitor* 36), rolled forward from PWT's last year
``T`` (2019) of a country:

    I_T  = K_T − (1 − δ_T)·K_{T−1}           investment implied by PWT (``K = rnna``, ``δ = delta``)
    I_t  = I_T · X_t / X_T                   t > T, ``X`` a real investment index from WDI
    K_t  = (1 − δ_T)·K_{t−1} + I_t           PIM with PWT's depreciation rate frozen at δ_T
    L_t  = emp_T · E_t / E_T                 ``E`` = :func:`wdi_employment`
    k_t  = K_t / L_t                          (2017 USD per person engaged)

``X`` is WDI gross fixed capital formation at constant 2015 USD (``NE.GDI.FTOT.KD``) for the
years it covers from ``T``; where it is missing (China: never published) or stops (USA: 2022
missing in the stored vintage) gross capital formation as a share of GDP times real GDP,
``NE.GDI.TOTL.ZS/100 × GDP_t`` (includes inventories), spliced on by its growth
(:func:`investment_index`). Only the growth of ``X`` enters, so its price base does not matter.
Shapes: every series is a ``pd.Series`` indexed by ``(country, year)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "CapitalExtension",
    "chained_gdp",
    "extend_capital",
    "investment_index",
    "series",
    "wdi_employment",
]

GDP_BASE_YEAR = 2015


def series(long: pd.DataFrame, code: str, *, column: str = "indicator") -> pd.Series:
    """One code of a long WDI/PWT frame as a Series indexed by ``(country, year)``."""
    sub = long[long[column] == code]
    return pd.Series(
        sub["value"].to_numpy(dtype=float),
        index=pd.MultiIndex.from_arrays(
            [sub["country"].to_numpy(dtype=object), sub["year"].to_numpy(dtype=np.int64)],
            names=["country", "year"],
        ),
        name=code,
    ).sort_index()


def chained_gdp(wdi: pd.DataFrame) -> pd.Series:
    """Real GDP in constant 2015 USD by chaining real growth onto 2015 current-USD GDP."""
    level = series(wdi, "NY.GDP.MKTP.CD")
    growth = series(wdi, "NY.GDP.MKTP.KD.ZG")
    out: dict[tuple[str, int], float] = {}
    for country in level.index.get_level_values(0).unique():
        if (country, GDP_BASE_YEAR) not in level.index:
            continue
        g = growth.xs(country, level=0) if country in growth.index.get_level_values(0) else None
        base = float(level[(country, GDP_BASE_YEAR)])
        out[(country, GDP_BASE_YEAR)] = base
        if g is None:
            continue
        value, year = base, GDP_BASE_YEAR
        while year + 1 in g.index:
            year += 1
            value = value * (1.0 + float(g[year]) / 100.0)
            out[(country, year)] = value
        value, year = base, GDP_BASE_YEAR
        while year in g.index:
            value = value / (1.0 + float(g[year]) / 100.0)
            year -= 1
            out[(country, year)] = value
    idx = pd.MultiIndex.from_tuples(list(out), names=["country", "year"])
    return pd.Series(list(out.values()), index=idx, name="gdp_const2015usd").sort_index()


def wdi_employment(wdi: pd.DataFrame) -> pd.Series:
    """Employed persons = labour force × (1 − unemployment rate / 100)."""
    lf = series(wdi, "SL.TLF.TOTL.IN")
    ur = series(wdi, "SL.UEM.TOTL.ZS")
    both = lf.index.intersection(ur.index)
    return (lf[both] * (1.0 - ur[both] / 100.0)).rename("employment_wdi")


def investment_index(
    wdi: pd.DataFrame, country: str, first: int, last: int
) -> tuple[pd.Series | None, str]:
    """The real investment index ``X`` over ``first … last`` and a description of it.

    ``NE.GDI.FTOT.KD`` for the years it covers without a gap from ``first``; after its last
    year ``t*`` it is spliced with the fallback ``F = NE.GDI.TOTL.ZS/100 × real GDP``:
    ``X_t = X_{t*}·F_t/F_{t*}``. Without ``NE.GDI.FTOT.KD`` in ``first``, ``X = F``. So the
    index of a year never depends on how many later years are asked for.
    """
    ftot = _xs(series(wdi, "NE.GDI.FTOT.KD"), country)
    share = _xs(series(wdi, "NE.GDI.TOTL.ZS"), country)
    gdp = _xs(chained_gdp(wdi), country)
    fallback = None
    if share is not None and gdp is not None:
        both = share.index.intersection(gdp.index)
        fallback = share[both] / 100.0 * gdp[both]
    alt = "NE.GDI.TOTL.ZS × real GDP"
    if not _covers(ftot, range(first, first + 1)):
        return fallback, alt
    assert ftot is not None
    end = first
    while end < last and _covers(ftot, range(end + 1, end + 2)):
        end += 1
    values = {t: float(ftot[t]) for t in range(first, end + 1)}
    if end == last:
        return pd.Series(values), "NE.GDI.FTOT.KD"
    code = f"NE.GDI.FTOT.KD to {end}, then spliced with {alt}"
    if fallback is not None and _covers(fallback, range(end, end + 1)):
        for t in range(end + 1, last + 1):
            if not _covers(fallback, range(t, t + 1)):
                break
            values[t] = values[end] * float(fallback[t]) / float(fallback[end])
    return pd.Series(values), code


@dataclass(frozen=True)
class CapitalExtension:
    """The PIM extension of one country: values by year and how they were made."""

    country: str
    last_pwt_year: int
    delta: float
    index_code: str
    capital: dict[int, float]  # K_t, mil. 2017 USD
    employment: dict[int, float]  # L_t, millions
    reason: str  # why the extension stops early, "" when it reached the last year asked

    def per_worker(self) -> dict[int, float]:
        return {t: self.capital[t] / self.employment[t] for t in self.capital}


def _covers(s: pd.Series | None, years: range) -> bool:
    return s is not None and all(y in s.index and np.isfinite(s[y]) for y in years)


def _xs(s: pd.Series, country: str) -> pd.Series | None:
    return s.xs(country, level=0) if country in s.index.get_level_values(0) else None


def extend_capital(
    pwt: pd.DataFrame, wdi: pd.DataFrame, country: str, last_year: int
) -> CapitalExtension | None:
    """PIM extension of ``country``'s capital stock and employment to ``last_year``.

    ``None`` when PWT has no ``rnna``/``emp``/``delta`` for the country (nothing to extend
    from). The result holds the years ``T+1 … last_year`` that could be built; when the WDI
    index or employment stops earlier, ``reason`` says why.
    """
    K = _xs(series(pwt, "rnna", column="variable"), country)
    L = _xs(series(pwt, "emp", column="variable"), country)
    d = _xs(series(pwt, "delta", column="variable"), country)
    if K is None or L is None or d is None:
        return None
    common = K.index.intersection(L.index).intersection(d.index)
    if len(common) == 0 or int(common.max()) - 1 not in K.index:
        return None
    T = int(common.max())
    delta = float(d[T])
    invest_T = float(K[T] - (1.0 - delta) * K[T - 1])
    index, code = investment_index(wdi, country, T, last_year)
    emp = _xs(wdi_employment(wdi), country)
    cap: dict[int, float] = {}
    work: dict[int, float] = {}
    k_prev, reason = float(K[T]), ""
    for t in range(T + 1, last_year + 1):
        if index is None or not _covers(index, range(T, t + 1)):
            reason = f"no WDI investment index ({code}) for {country} in {t}"
            break
        if emp is None or not _covers(emp, range(T, T + 1)) or not _covers(emp, range(t, t + 1)):
            reason = f"no WDI employment for {country} in {t} or {T}"
            break
        k_prev = (1.0 - delta) * k_prev + invest_T * float(index[t]) / float(index[T])
        cap[t] = k_prev
        work[t] = float(L[T]) * float(emp[t]) / float(emp[T])
    return CapitalExtension(country, T, delta, code, cap, work, reason)
