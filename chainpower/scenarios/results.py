"""Scenario results: baseline, shocked and delta, by country-sector and country.

Indicator names (design.md §7; families ``hem`` for hypothetical extraction, ``shock`` for
demand and supply shocks), each with ``state`` ∈ ``baseline | shocked | delta``:

=============================  ========  ===================================================
``<fam>_output_<state>``       level     gross output ``x`` (table units)
``<fam>_va_<state>``           level     value added ``v``
``<fam>_gvcpt_<state>_f|_b``   ratio     WWYZ (2017) GVC participation, forward / backward
=============================  ========  ===================================================

Rows per country-sector (``sector`` set) and per country (``sector`` null; participation
recomputed from summed levels). ``ScenarioSetResult.to_frame()`` adds a ``scenario`` column;
in the store each scenario is its own dataset ``scn_<set>_<id>`` (design.md §10.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from chainpower.data.store.schema import TIDY_COLUMNS
from chainpower.errors import InputError
from chainpower.gvc._tidy import GVCResult
from chainpower.results import Result

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["ScenarioResult", "ScenarioSetResult", "STATES"]

FloatArray = NDArray[np.float64]
STATES = ("baseline", "shocked", "delta")


def _ratio(num: FloatArray, den: FloatArray) -> FloatArray:
    return np.divide(num, den, out=np.full_like(num, np.nan), where=den != 0)


def _measures(levels: dict[str, FloatArray]) -> dict[str, FloatArray]:
    return {
        "output": levels["x"],
        "va": levels["va"],
        "gvcpt_f": _ratio(levels["wwyz_v_gvc"], levels["wwyz_va"]),
        "gvcpt_b": _ratio(levels["wwyz_y_gvc"], levels["wwyz_y"]),
    }


@dataclass(frozen=True, eq=False, repr=False)
class ScenarioResult(GVCResult):
    """One scenario on one table. ``baseline`` and ``shocked`` map level names (``x``, ``va``
    and the WWYZ participation levels) to ``(n,)`` arrays; ``notes`` holds scalars such as
    the re-sourced volumes of a replacement. ``countries`` (G), ``sectors`` (N), ``year`` and
    ``source`` are the keyword-only fields of :class:`~chainpower.gvc._tidy.GVCResult`."""

    scenario: str
    kind: str
    model: str
    baseline: dict[str, FloatArray]
    shocked: dict[str, FloatArray]
    notes: dict[str, float] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return "hem" if self.kind == "extraction" else "shock"

    def _repr_fields(self) -> dict[str, Any]:
        d = self.delta("output")
        base = float(self.baseline["x"].sum())
        return {
            "scenario": self.scenario,
            "kind": self.kind,
            "model": self.model,
            "year": str(self.year),
            "output_change": f"{100 * d.sum() / base:+.3f}%",
        }

    def _meta(self) -> dict[str, Any]:
        return {
            **super()._meta(),
            "scenario": self.scenario,
            "kind": self.kind,
            "model": self.model,
            **self.notes,
        }

    def delta(self, quantity: str = "output") -> FloatArray:
        """``shocked − baseline`` of ``quantity`` (``output``, ``va``, ``gvcpt_f|b``), ``(n,)``."""
        b, s = _measures(self.baseline), _measures(self.shocked)
        if quantity not in b:
            raise InputError(f"unknown quantity {quantity!r}; use one of {list(b)}")
        return s[quantity] - b[quantity]

    def by_country(self) -> pd.DataFrame:
        """Output and value added, baseline / shocked / change / % change, per country."""
        G, N = len(self.countries), len(self.sectors)
        out = {}
        for q, key in (("output", "x"), ("va", "va")):
            b = self.baseline[key].reshape(G, N).sum(axis=1)
            s = self.shocked[key].reshape(G, N).sum(axis=1)
            out[f"{q}_baseline"], out[f"{q}_shocked"], out[f"{q}_delta"] = b, s, s - b
            out[f"{q}_pct"] = 100 * _ratio(s - b, b)
        return pd.DataFrame(out, index=pd.Index(self.countries, name="country"))

    @property
    def summary(self) -> pd.DataFrame:
        """The ten countries with the largest output losses (or gains)."""
        df = self.by_country()
        return df.reindex(df["output_delta"].abs().sort_values(ascending=False).index).head(10)

    def _state_levels(self, state: str) -> dict[str, FloatArray]:
        return self.baseline if state == "baseline" else self.shocked

    def to_frame(self) -> pd.DataFrame:
        """Tidy rows (module docstring)."""
        G, N = len(self.countries), len(self.sectors)
        country = np.repeat(np.array(self.countries, dtype=object), N)
        sector = np.tile(np.array(self.sectors, dtype=object), G)
        frames = []
        per: dict[str, dict[str, FloatArray]] = {}
        for level in ("sector", "country"):
            for st in ("baseline", "shocked"):
                lev = self._state_levels(st)
                if level == "country":
                    lev = {k: v.reshape(G, N).sum(axis=1) for k, v in lev.items()}
                per[f"{level}:{st}"] = _measures(lev)
            for st in STATES:
                m = (
                    {
                        k: per[f"{level}:shocked"][k] - per[f"{level}:baseline"][k]
                        for k in per[f"{level}:baseline"]
                    }
                    if st == "delta"
                    else per[f"{level}:{st}"]
                )
                for q, vals in m.items():
                    name = (
                        f"{self.family}_{q[:-2]}_{st}_{q[-1]}"
                        if q.startswith("gvcpt")
                        else f"{self.family}_{q}_{st}"
                    )
                    frames.append(
                        pd.DataFrame(
                            {
                                "country": country if level == "sector" else list(self.countries),
                                "sector": sector if level == "sector" else None,
                                "indicator": name,
                                "value": vals,
                            }
                        )
                    )
        out = pd.concat(frames, ignore_index=True)
        out = out[np.isfinite(out["value"].to_numpy(dtype=float))]
        out.insert(0, "year", -1 if self.year is None else int(self.year))
        out.insert(0, "source", self.source)
        out["partner"] = None
        return out[list(TIDY_COLUMNS)].reset_index(drop=True)

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Figure:
        """Losses by country (``kind="country"``, default) or by sector (``"sector"``)."""
        from chainpower.scenarios.figures import plot_losses

        return plot_losses(self, by=kind or "country", ax=ax, **kw)


@dataclass(frozen=True, eq=False, repr=False)
class ScenarioSetResult(Result):
    """Every scenario of a set on every table (year), in input order."""

    name: str
    results: tuple[ScenarioResult, ...]

    def _repr_fields(self) -> dict[str, Any]:
        years = sorted({r.year for r in self.results if r.year is not None})
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "-")
        return {"name": self.name, "scenarios": len(self.ids), "years": span}

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys(r.scenario for r in self.results))

    def _meta(self) -> dict[str, Any]:
        return {
            "set": self.name,
            "scenarios": self.ids,
            "years": sorted({r.year for r in self.results if r.year is not None}),
        }

    def get(self, scenario: str, year: int | None = None) -> ScenarioResult:
        """The result of ``scenario`` (in ``year``, or the only/first year)."""
        for r in self.results:
            if r.scenario == scenario and (year is None or r.year == year):
                return r
        raise InputError(
            f"no result for scenario {scenario!r}" + (f" in {year}" if year else ""),
            label=f"known: {self.ids}",
        )

    @property
    def summary(self) -> pd.DataFrame:
        """Per scenario and year: world output and value added change (level and %)."""
        rows = []
        for r in self.results:
            bx, sx = r.baseline["x"].sum(), r.shocked["x"].sum()
            bv, sv = r.baseline["va"].sum(), r.shocked["va"].sum()
            rows.append(
                {
                    "scenario": r.scenario,
                    "year": r.year,
                    "kind": r.kind,
                    "model": r.model,
                    "output_delta": sx - bx,
                    "output_pct": 100 * (sx - bx) / bx,
                    "va_delta": sv - bv,
                    "va_pct": 100 * (sv - bv) / bv if bv else np.nan,
                }
            )
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Tidy rows of every result with a ``scenario`` column after ``source``."""
        frames = []
        for r in self.results:
            f = r.to_frame()
            f.insert(1, "scenario", r.scenario)
            frames.append(f)
        return pd.concat(frames, ignore_index=True)

    def datasets(self) -> dict[str, pd.DataFrame]:
        """Store datasets ``scn_<set>_<id>`` → tidy frame (all years), design.md §10.3."""
        out: dict[str, list[pd.DataFrame]] = {}
        for r in self.results:
            out.setdefault(f"scn_{self.name}_{r.scenario}", []).append(r.to_frame())
        return {k: pd.concat(v, ignore_index=True) for k, v in out.items()}

    def plot(
        self,
        kind: str | None = None,
        *,
        ax: Any = None,
        scenarios: Sequence[str] | None = None,
        **kw: Any,
    ) -> Figure:
        """Output losses of every scenario by country (:func:`.figures.plot_set_losses`)."""
        from chainpower.scenarios.figures import plot_set_losses

        return plot_set_losses(self, by=kind or "country", ax=ax, scenarios=scenarios, **kw)
