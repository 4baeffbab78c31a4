"""Paper 000's country-level controls, with an explicit, reported policy for missing years.

Paper 000 (``../shared/docs/methods.md``; table 2 of the original) controls for economic size,
capital intensity, government, age structure and resource endowment:

=========================  ======================================================================
column                     definition (source)
=========================  ======================================================================
``ln_gdp``                 ln real GDP, constant 2015 USD (WDI; chained as in :mod:`.capital`)
``ln_capital_per_worker``  ln(PWT ``rnna`` / ``emp``): capital stock at constant 2017 national
                           prices per person engaged, 2017 USD (``rnna``, not the current-PPP
                           ``cn``, so that the panel's changes are real); 2020– by the PIM
                           extension of :mod:`.capital`
``ln_gov_share``           ln general government final consumption, % of GDP (WDI
                           ``NE.CON.GOVT.ZS``; ln of the percentage, as the paper's range
                           suggests); ``government="expense"``: ln general government expense,
                           % of GDP (``GC.XPN.TOTL.GD.ZS``), whose 2018–2022 moments match the
                           paper's printed ``lngov`` (no data for CHN and VNM)
``ln_working_age``         ln(1 + population 15–64 as % of total) "as printed" (WDI
                           ``SP.POP.1564.TO.ZS`` in percent: the paper's mean 4.192 = ln(1 + 65))
``ln_working_age_plain``   ln(population 15–64, % of total), the plain log
``resource_rents``         total natural-resource rents, % of GDP (WDI ``NY.GDP.TOTL.RT.ZS``)
=========================  ======================================================================

Missing years (``missing=``; every filled or dropped cell is listed in ``.report``):

* ``"extend"`` (default): the project's own extensions — capital per worker by the perpetual
  inventory method (:func:`.capital.extend_capital`); resource rents, which the World Bank
  publishes only to 2021, by the stated rule *last observed value carried forward*; any other
  gap after an observation likewise carried forward. Report status ``extended`` (PIM) or
  ``carried_forward``.
* ``"carry_forward"``: every gap takes the control's last observed value (capital per worker
  2019 included).
* ``"drop"``: nothing is filled.

A country-year whose control still has no value (e.g. before the first observation) is left
out of ``.frame`` and listed with status ``dropped``: the frame never holds NaN.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from chainpower.data.macro.capital import chained_gdp, extend_capital, series
from chainpower.data.macro.pwt import load_pwt
from chainpower.data.macro.wdi import load_wdi
from chainpower.errors import InputError
from chainpower.results import Result

__all__ = [
    "CONTROLS",
    "MISSING_POLICIES",
    "ControlsResult",
    "IncompleteControlsWarning",
    "paper000_controls",
]

MissingPolicy = Literal["extend", "carry_forward", "drop"]
MISSING_POLICIES: tuple[str, ...] = ("extend", "carry_forward", "drop")
#: ``government=`` → the WDI code behind ``ln_gov_share``.
GOVERNMENT_CODES: dict[str, str] = {
    "consumption": "NE.CON.GOVT.ZS",
    "expense": "GC.XPN.TOTL.GD.ZS",
}
#: The control columns of ``ControlsResult.frame`` (in order).
CONTROLS: tuple[str, ...] = (
    "ln_gdp",
    "ln_capital_per_worker",
    "ln_gov_share",
    "ln_working_age",
    "ln_working_age_plain",
    "resource_rents",
)
WDI_CODES: tuple[str, ...] = (
    "NY.GDP.MKTP.CD",
    "NY.GDP.MKTP.KD.ZG",
    "NE.CON.GOVT.ZS",
    "GC.XPN.TOTL.GD.ZS",
    "SP.POP.1564.TO.ZS",
    "NY.GDP.TOTL.RT.ZS",
    "NE.GDI.FTOT.KD",
    "NE.GDI.TOTL.ZS",
    "SL.TLF.TOTL.IN",
    "SL.UEM.TOTL.ZS",
)
PWT_VARIABLES: tuple[str, ...] = ("rnna", "emp", "delta")
REPORT_COLUMNS: tuple[str, ...] = ("country", "year", "control", "status", "reason")


class IncompleteControlsWarning(UserWarning):
    """Some country-years were left out of the controls because a control has no value."""


@dataclass(frozen=True, eq=False, repr=False)
class ControlsResult(Result):
    """Paper 000's controls: ``frame`` (one row per country-year, no NaN) and ``report``."""

    frame: pd.DataFrame
    report: pd.DataFrame
    countries: tuple[str, ...]
    years: tuple[int, ...]
    missing: str
    methods: dict[str, str] = field(default_factory=dict)

    def _repr_fields(self) -> dict[str, Any]:
        status = self.report["status"].value_counts()
        return {
            "economies": len(self.countries),
            "years": f"{min(self.years)}–{max(self.years)}",
            "rows": len(self.frame),
            "missing": self.missing,
            "extended": int(status.get("extended", 0)),
            "carried": int(status.get("carried_forward", 0)),
            "dropped": int(status.get("dropped", 0)),
        }

    @property
    def summary(self) -> pd.DataFrame:
        """Per control: observations, mean, sd, min, max, and cells extended/carried/dropped."""
        rows = []
        for c in CONTROLS:
            v = self.frame[c]
            rep = self.report[self.report["control"] == c]["status"].value_counts()
            rows.append(
                {
                    "control": c,
                    "n": int(v.size),
                    "mean": float(v.mean()) if v.size else np.nan,
                    "sd": float(v.std()) if v.size > 1 else np.nan,
                    "min": float(v.min()) if v.size else np.nan,
                    "max": float(v.max()) if v.size else np.nan,
                    "extended": int(rep.get("extended", 0)),
                    "carried_forward": int(rep.get("carried_forward", 0)),
                    "dropped": int(rep.get("dropped", 0)),
                }
            )
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Tidy form in the store's schema: ``source="wdi_pwt"``, ``indicator`` =
        ``macro_<control>`` (e.g. ``macro_ln_gdp``: the ``macro`` family of the naming rule)."""
        long = self.frame.melt(
            id_vars=["country", "year"], value_vars=list(CONTROLS), var_name="indicator"
        )
        long.insert(0, "source", "wdi_pwt")
        long["indicator"] = "macro_" + long["indicator"].astype(str)
        long["sector"] = None
        long["partner"] = None
        cols = ["source", "year", "country", "sector", "partner", "indicator", "value"]
        return long[cols].sort_values(["indicator", "country", "year"]).reset_index(drop=True)

    def _meta(self) -> dict[str, Any]:
        return {
            "countries": list(self.countries),
            "years": list(self.years),
            "missing": self.missing,
            "methods": dict(self.methods),
        }


def _check_args(
    countries: Sequence[str], years: Iterable[int], missing: str
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    if missing not in MISSING_POLICIES:
        raise InputError(
            f"missing={missing!r} is not a policy; use one of {list(MISSING_POLICIES)}",
            label="missing",
        )
    if isinstance(countries, str):
        countries = [countries]
    cs = tuple(str(c).strip().upper() for c in countries)
    if not cs:
        raise InputError("no economies given", label="countries")
    dup = sorted({c for c in cs if cs.count(c) > 1})
    if dup:
        raise InputError(f"economies given twice: {dup}", label="countries")
    ys: list[int] = []
    for y in years:
        if isinstance(y, bool) or float(y) != int(y):
            raise InputError(f"year {y!r} is not an integer", label="years")
        ys.append(int(y))
    if not ys:
        raise InputError("no years given", label="years")
    return cs, tuple(sorted(set(ys)))


def _inputs(
    countries: tuple[str, ...], data: Mapping[str, pd.DataFrame] | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    if data is None:
        return load_wdi(WDI_CODES), load_pwt(PWT_VARIABLES)
    unknown = sorted(set(data) - {"wdi", "pwt"})
    if unknown or not {"wdi", "pwt"} <= set(data):
        raise InputError("data= must map 'wdi' and 'pwt' to long frames", label=str(unknown))
    return data["wdi"], data["pwt"]


def _validate_scope(
    countries: tuple[str, ...], years: tuple[int, ...], wdi: pd.DataFrame, pwt: pd.DataFrame
) -> None:
    """Unknown economy or out-of-range year → :class:`InputError`, before any computation."""
    in_wdi, in_pwt = set(wdi["country"].unique()), set(pwt["country"].unique())
    for c in countries:
        if c not in in_wdi:
            raise InputError(f"unknown economy {c!r}: not in the WDI data", label=c)
        if c not in in_pwt:
            raise InputError(
                f"economy {c!r} is not in PWT 10.01: no capital stock for capital per worker",
                label=c,
            )
    lo, hi = int(wdi["year"].min()), int(wdi["year"].max())
    outside = [y for y in years if not lo <= y <= hi]
    if outside:
        raise InputError(
            f"years {outside} lie outside the WDI data ({lo}–{hi})", label=f"year {outside[0]}"
        )


def _observed(wdi: pd.DataFrame, pwt: pd.DataFrame, government: str) -> dict[str, pd.Series]:
    """Each control where the sources observe it, indexed by (country, year)."""
    gov = series(wdi, GOVERNMENT_CODES[government])
    wa = series(wdi, "SP.POP.1564.TO.ZS")
    k = series(pwt, "rnna", column="variable") / series(pwt, "emp", column="variable")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = {
            "ln_gdp": np.log(chained_gdp(wdi)),
            "ln_capital_per_worker": np.log(k),
            "ln_gov_share": np.log(gov),
            "ln_working_age": np.log1p(wa),
            "ln_working_age_plain": np.log(wa),
            "resource_rents": series(wdi, "NY.GDP.TOTL.RT.ZS"),
        }
    return {name: s[np.isfinite(s.to_numpy(dtype=float))] for name, s in out.items()}


#: year → (value, the year whose observation it is, or its own year when extended)
Known = dict[int, tuple[float, int]]


def _by_country(s: pd.Series) -> dict[str, Known]:
    """``{country: {year: (value, year)}}`` of a (country, year)-indexed series."""
    out: dict[str, Known] = {}
    countries = s.index.get_level_values(0).astype(str)
    years = s.index.get_level_values(1).astype(int)
    for c, y, v in zip(countries, years, s.to_numpy(dtype=float), strict=True):
        out.setdefault(c, {})[int(y)] = (float(v), int(y))
    return out


def _carry(known: Known, year: int) -> tuple[float, int] | None:
    """The latest value known before ``year`` (observed or already filled): (value, origin)."""
    past = [t for t in known if t < year]
    return None if not past else known[max(past)]


def paper000_controls(
    countries: Sequence[str],
    years: Iterable[int],
    *,
    missing: MissingPolicy = "extend",
    government: Literal["consumption", "expense"] = "consumption",
    data: Mapping[str, pd.DataFrame] | None = None,
) -> ControlsResult:
    """Paper 000's controls for ``countries`` × ``years`` (see the module docstring).

    ``data`` replaces the real files: ``{"wdi": load_wdi(...)-like frame, "pwt":
    load_pwt(...)-like frame}``. Unknown economies (absent from WDI or PWT), years outside the
    WDI data and an unknown ``missing`` policy raise :class:`InputError` before anything is
    computed.
    """
    cs, ys = _check_args(countries, years, missing)
    if government not in GOVERNMENT_CODES:
        raise InputError(
            f"government={government!r}; use one of {list(GOVERNMENT_CODES)}", label="government"
        )
    wdi, pwt = _inputs(cs, data)
    _validate_scope(cs, ys, wdi, pwt)
    wdi = wdi[wdi["country"].isin(cs)]
    pwt = pwt[pwt["country"].isin(cs)]
    observed = _observed(wdi, pwt, government)
    extensions = (
        {c: extend_capital(pwt, wdi, c, max(ys)) for c in cs} if missing == "extend" else {}
    )

    values: dict[tuple[str, int], dict[str, float]] = {(c, y): {} for c in cs for y in ys}
    report: list[tuple[str, int, str, str, str]] = []
    for name in CONTROLS:
        known = _by_country(observed[name])
        fill = _filler(name, missing, extensions)
        for c in cs:
            mine = known.setdefault(c, {})
            for y in ys:  # ascending: a filled year can be carried into the next ones
                if y in mine:
                    values[(c, y)][name] = mine[y][0]
                    continue
                got = fill(mine, c, y)
                if got is None:
                    report.append((c, y, name, "dropped", f"no {name} for {c} {y}; row left out"))
                else:
                    values[(c, y)][name] = got[0]
                    origin = y if got[1] == "extended" else (_carry(mine, y) or (0.0, y))[1]
                    mine[y] = (got[0], origin)
                    report.append((c, y, name, got[1], got[2]))
    rows = [
        {"country": c, "year": y, **v} for (c, y), v in values.items() if len(v) == len(CONTROLS)
    ]
    frame = pd.DataFrame(rows, columns=["country", "year", *CONTROLS])
    frame["year"] = frame["year"].astype(np.int64)
    rep = pd.DataFrame(report, columns=list(REPORT_COLUMNS))
    dropped = rep[rep["status"] == "dropped"]
    if len(dropped):
        cells = sorted(
            {f"{c} {y}" for c, y in zip(dropped["country"], dropped["year"], strict=True)}
        )
        more = f" and {len(cells) - 8} more" if len(cells) > 8 else ""
        warnings.warn(
            f"controls: {len(cells)} country-year(s) left out for missing values "
            f"({', '.join(cells[:8])}{more}); see .report",
            IncompleteControlsWarning,
            stacklevel=2,
        )
    methods = {"ln_gov_share": GOVERNMENT_CODES[government]}
    methods |= {
        c: f"PIM from PWT {e.last_pwt_year}, δ={e.delta:.4f}, investment index {e.index_code}"
        for c, e in extensions.items()
        if e is not None and e.capital
    }
    return ControlsResult(
        frame.sort_values(["country", "year"]).reset_index(drop=True),
        rep.sort_values(["country", "year", "control"]).reset_index(drop=True),
        cs,
        ys,
        missing,
        methods,
    )


Filler = Callable[[Known, str, int], "tuple[float, str, str] | None"]


def _filler(name: str, missing: str, extensions: dict[str, Any]) -> Filler:
    """How a gap in control ``name`` is filled under policy ``missing``."""

    def carried(known: Known, c: str, y: int) -> tuple[float, str, str] | None:
        last = _carry(known, y)
        if last is None:
            return None
        rule = (
            "the stated extension rule for resource rents (WDI publishes them to 2021)"
            if name == "resource_rents"
            else f"missing={missing!r}"
        )
        return last[0], "carried_forward", f"value of {last[1]} carried forward: {rule}"

    def pim(known: Known, c: str, y: int) -> tuple[float, str, str] | None:
        ext = extensions.get(c)
        if ext is not None and y in ext.capital:
            k = ext.per_worker()[y]
            why = (
                f"PIM from PWT {ext.last_pwt_year}: K_t=(1−δ)K_t−1+I_{ext.last_pwt_year}·X_t/"
                f"X_{ext.last_pwt_year}, δ={ext.delta:.4f}, X={ext.index_code}; "
                "emp by WDI employment growth"
            )
            return float(np.log(k)), "extended", why
        got = carried(known, c, y)
        if got is not None and ext is not None and ext.reason:
            return got[0], got[1], got[2] + f" (PIM not possible: {ext.reason})"
        return got

    if missing == "drop":
        return lambda s, c, y: None
    if missing == "extend" and name == "ln_capital_per_worker":
        return pim
    return carried
