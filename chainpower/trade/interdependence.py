"""A weighted interdependence index of two economies, for each side (after Lin Jue et al.).

Paper 001 (``../shared/docs/methods.md``) weights four components, each measured for one side
``a`` of the pair ``(a, b)`` and year ``t``:

================  ===================================================  ======  ==============
component         raw measure (side ``a``)                             weight  source
================  ===================================================  ======  ==============
``trade``         bilateral goods trade ``(X_ab + M_ab) / GDP_a``      0.4     Lin Jue et al.
``investment``    FDI of ``b`` into ``a`` / ``a``'s total FDI inflow    0.3     Lin Jue et al.
``liberalisation`` ``1 − τ_a/100``, ``τ_a`` = ``a``'s tariff (%) on     0.2     Lin Jue et al.
                  ``b``'s high-tech goods (a higher tariff = less
                  interdependence; the sign is chainpower's reading)
``technology``    Grubel–Lloyd ``1 − |X−M|/(X+M)``, mean of machinery  0.1     Grubel & Lloyd
                  and electrical equipment                                     (1975, eq. 2.2)
================  ===================================================  ======  ==============

The paper does not say how the components are normalised; the choice is a parameter
(``normalisation``), applied per component over the years used, pooling both sides by default
(``pool_sides``) so that the two indices share one scale:

* ``"minmax"`` (default): ``(x − min) / (max − min)`` over the years;
* ``"zscore"``: ``(x − mean) / sd`` (population sd, ``ddof = 0``);
* ``"reference"``: ``x / x_{t0}`` for a fixed ``reference_year`` ``t0``;
* ``"raw"``: ``x`` itself.

Index: ``I_at = Σ_c w_c n_act / Σ_c w_c`` over the components present (``missing="reweight"``),
so the weights always sum to one; ``missing="complete"`` keeps only (side, year) cells with every
component, and ``missing="refuse"`` raises, listing every missing input. Missing inputs are
never filled; :attr:`InterdependenceResult.missing` lists each with its reason.

Change decomposition (exact): ``I_t − I_{t'} = Σ_c (w_c n_ct / W_t − w_c n_ct' / W_t')`` with
``t'`` the previous year of the side's index and ``W`` the weight sum used; a component present
in one year only contributes its whole term. With equal ``W`` this is ``Σ_c w_c Δn_c / W``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from chainpower.errors import InputError
from chainpower.results import Result

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "NORMALISATIONS",
    "InterdependenceResult",
    "interdependence_index",
    "normalise",
]

COMPONENTS: tuple[str, ...] = ("trade", "investment", "liberalisation", "technology")
DEFAULT_WEIGHTS: dict[str, float] = {
    "trade": 0.4, "investment": 0.3, "liberalisation": 0.2, "technology": 0.1,
}
Normalisation = Literal["minmax", "zscore", "reference", "raw"]
NORMALISATIONS: tuple[str, ...] = ("minmax", "zscore", "reference", "raw")
MissingRule = Literal["reweight", "complete", "refuse"]


def normalise(
    values: pd.Series, method: Normalisation = "minmax", *, reference_year: int | None = None,
    label: str = "",
) -> pd.Series:
    """Normalise a series indexed by year (module docstring). A constant series under
    ``minmax``/``zscore``, or a missing or zero reference value, is an :class:`InputError`."""
    x = values.astype(float)
    if method == "raw":
        return x
    if method == "minmax":
        lo, hi = x.min(), x.max()
        if not hi > lo:
            raise InputError(f"{label}: constant over the years, min–max is undefined")
        return (x - lo) / (hi - lo)
    if method == "zscore":
        sd = x.std(ddof=0)
        if not sd > 0:
            raise InputError(f"{label}: constant over the years, z-score is undefined")
        return (x - x.mean()) / sd
    if method == "reference":
        if reference_year is None:
            raise InputError("normalisation 'reference' needs reference_year")
        if reference_year not in x.index or x[reference_year] == 0:
            raise InputError(f"{label}: no non-zero value in reference year {reference_year}")
        return x / x[reference_year]
    raise InputError(f"unknown normalisation {method!r}; use one of {list(NORMALISATIONS)}")


@dataclass(frozen=True, eq=False, repr=False)
class InterdependenceResult(Result):
    """The index per side and year, its normalised components, the decomposition of each
    year's change and the list of missing inputs.

    ``index``: ``side, partner, year, index, weight_used, components``;
    ``components``: ``side, year, component, raw, normalised, weight, term`` (``term`` =
    ``w·n / W``, summing to the index); ``changes``: ``side, year, from_year, component,
    contribution`` (summing to the change); ``missing``: ``side, year, component, reason``.
    """

    index: pd.DataFrame
    components: pd.DataFrame
    changes: pd.DataFrame
    missing: pd.DataFrame
    weights: Mapping[str, float]
    normalisation: str
    reference_year: int | None = None
    missing_rule: str = "reweight"

    def _repr_fields(self) -> dict[str, Any]:
        ys = sorted(self.index["year"].unique())
        return {"sides": ",".join(sorted(self.index["side"].unique())),
                "years": f"{ys[0]}–{ys[-1]}", "normalisation": self.normalisation,
                "missing_inputs": len(self.missing)}

    def _meta(self) -> dict[str, Any]:
        return {"weights": dict(self.weights), "normalisation": self.normalisation,
                "reference_year": self.reference_year, "missing_rule": self.missing_rule,
                "missing": self.missing.to_dict("records")}

    @property
    def summary(self) -> pd.DataFrame:
        """Index by year, one column per side, plus the asymmetry (first side − second)."""
        wide = self.index.pivot(index="year", columns="side", values="index")
        if wide.shape[1] == 2:
            a, b = wide.columns
            wide[f"{a}-{b}"] = wide[a] - wide[b]
        return wide

    def to_frame(self) -> pd.DataFrame:
        """Tidy rows: ``interdep_index`` and ``interdep_<component>`` (normalised values) with
        country = side, partner = the other side; source ``interdependence``."""
        part = dict(zip(self.index["side"], self.index["partner"], strict=False))
        idx = self.index.assign(indicator="interdep_index", value=self.index["index"])
        comp = self.components.assign(indicator="interdep_" + self.components["component"],
                                      value=self.components["normalised"])
        rows = pd.concat([idx[["side", "year", "indicator", "value"]],
                          comp[["side", "year", "indicator", "value"]]], ignore_index=True)
        return pd.DataFrame({
            "source": "interdependence", "year": rows["year"].astype(int),
            "country": rows["side"], "sector": None, "partner": rows["side"].map(part),
            "indicator": rows["indicator"], "value": rows["value"].astype(float)})

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Any:
        """The index of each side over time (``kind=None``)."""
        from chainpower.trade.network_figures import plot_interdependence

        return plot_interdependence(self, ax=ax, **kw)


def _check_weights(weights: Mapping[str, float], comps: Sequence[str]) -> dict[str, float]:
    w = {c: float(weights[c]) for c in comps if c in weights}
    absent = [c for c in comps if c not in weights]
    if absent:
        raise InputError(f"no weight for component(s) {absent}")
    if any(not v >= 0 for v in w.values()) or sum(w.values()) <= 0:
        raise InputError("weights must be ≥ 0 with a positive sum", label=str(w))
    return w


def interdependence_index(
    data: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    components: Sequence[str] | None = None,
    normalisation: Normalisation = "minmax",
    reference_year: int | None = None,
    missing: MissingRule = "reweight",
    years: Iterable[int] | None = None,
    known_missing: pd.DataFrame | None = None,
    pool_sides: bool = True,
) -> InterdependenceResult:
    """The index (module docstring) from ``data`` with columns ``side, partner, year,
    component, value`` (raw component values; one row per cell).

    ``components`` selects (and ``weights`` re-weights) components; ``years`` the years
    expected (default: every year in ``data``). ``known_missing`` (``side, year, component,
    reason``) gives reasons for inputs the caller already knows are absent. ``pool_sides``
    (default) takes the min–max and z-score statistics over both sides together, so the two
    indices share one scale and the asymmetry shows; ``False`` normalises each side over its
    own years. ``"reference"`` always divides by the side's own reference-year value.
    """
    need = ["side", "partner", "year", "component", "value"]
    lacking = [c for c in need if c not in data.columns]
    if lacking:
        raise InputError(f"components frame lacks column(s) {lacking}")
    comps = list(components) if components is not None else list(COMPONENTS)
    unknown = [c for c in comps if c not in COMPONENTS]
    if unknown:
        raise InputError(f"unknown component(s) {unknown}; use {list(COMPONENTS)}")
    w = _check_weights(DEFAULT_WEIGHTS if weights is None else weights, comps)
    if missing not in ("reweight", "complete", "refuse"):
        raise InputError(f"unknown missing rule {missing!r}; use reweight, complete or refuse")
    df = data[data["component"].isin(comps)].dropna(subset=["value"])
    ys = sorted({int(y) for y in (data["year"] if years is None else years)})
    sides = list(dict.fromkeys(data["side"]))
    partner = dict(zip(data["side"], data["partner"], strict=False))
    df = df[df["year"].isin(ys)]
    dup = df.duplicated(["side", "year", "component"])
    if dup.any():
        r = df[dup].iloc[0]
        raise InputError(f"two values for {r['component']} of {r['side']} in {r['year']}")

    have = set(zip(df["side"], df["year"].astype(int), df["component"], strict=False))
    reasons: dict[tuple[str, int, str], str] = {}
    if known_missing is not None:
        for sd, y, c, why in zip(known_missing["side"].astype(str),
                                known_missing["year"].astype(int),
                                known_missing["component"].astype(str),
                                known_missing["reason"].astype(str), strict=True):
            reasons[(sd, y, c)] = why
    miss = pd.DataFrame(
        [{"side": s, "year": y, "component": c,
          "reason": reasons.get((s, y, c), "not in the components frame")}
         for s in sides for y in ys for c in comps if (s, y, c) not in have],
        columns=["side", "year", "component", "reason"])
    if missing == "refuse" and not miss.empty:
        listing = "; ".join(f"{r.side} {r.year} {r.component}" for r in miss.itertuples())
        raise InputError(f"{len(miss)} missing input(s): {listing}")
    if missing == "complete":
        n = df.groupby(["side", "year"])["component"].transform("size")
        df = df[n == len(comps)]
    if df.empty:
        raise InputError("no (side, year) with the inputs the rule needs; see the missing list")

    parts = []
    pooled = pool_sides and normalisation != "reference"
    for key, d in df.groupby(["component"] if pooled else ["side", "component"], sort=False):
        keys = tuple(key) if isinstance(key, tuple) else (key,)
        comp = str(keys[-1])
        label = comp if pooled else f"{comp} of {keys[0]}"
        s = pd.Series(d["value"].to_numpy(dtype=float), index=d["year"].astype(int).to_numpy())
        if pooled:  # statistics over every side's values: levels stay comparable across sides
            n = normalise(s.reset_index(drop=True), normalisation, label=label)
        else:
            n = normalise(s, normalisation, reference_year=reference_year, label=label)
        parts.append(pd.DataFrame({"side": d["side"].to_numpy(), "year": s.index,
                                   "component": comp, "raw": s.to_numpy(),
                                   "normalised": n.to_numpy(), "weight": w[comp]}))
    comp_df = pd.concat(parts, ignore_index=True)
    comp_df["weight_used"] = comp_df.groupby(["side", "year"])["weight"].transform("sum")
    comp_df["term"] = comp_df["weight"] * comp_df["normalised"] / comp_df["weight_used"]
    comp_df = comp_df.sort_values(["side", "year", "component"]).reset_index(drop=True)
    idx = comp_df.groupby(["side", "year"], sort=True).agg(
        index=("term", "sum"), weight_used=("weight", "sum"), components=("component", "size")
    ).reset_index()
    idx.insert(1, "partner", idx["side"].map(partner))
    changes = _decompose(comp_df, idx)
    return InterdependenceResult(idx, comp_df.drop(columns="weight_used"), changes, miss, w,
                                 normalisation, reference_year, missing)


def _decompose(comp: pd.DataFrame, idx: pd.DataFrame) -> pd.DataFrame:
    """Contribution of each component to each year's change of the index (exact)."""
    rows = []
    for side, d in idx.groupby("side", sort=False):
        yrs = list(d["year"])
        terms = comp[comp["side"] == side].pivot(index="year", columns="component",
                                                 values="term")
        for prev, year in zip(yrs[:-1], yrs[1:], strict=False):
            for c in terms.columns:
                a, b = float(terms.at[year, c]), float(terms.at[prev, c])  # type: ignore[arg-type]
                if np.isnan(a) and np.isnan(b):
                    continue
                rows.append({"side": side, "year": year, "from_year": prev, "component": c,
                             "contribution": (0.0 if np.isnan(a) else a)
                             - (0.0 if np.isnan(b) else b)})
    return pd.DataFrame(rows, columns=["side", "year", "from_year", "component",
                                       "contribution"])
