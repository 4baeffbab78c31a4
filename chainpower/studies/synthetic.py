"""A seeded synthetic panel in the layout of the real sources (for ``make demo`` without data).

The data-generating process (country ``i``, industry ``j``, year ``t``; known effects so that a
test can check the study recovers them):

* ideal points ``θ_it = a_i + 0.05·u_it`` with ``a_i ~ N(0, 1)``; the reference sits at
  ``a_ref``; ``trust_it = −|θ_it − θ_ref,t|`` (computed by :func:`chainpower.alignment.trust`);
* controls: ``ln_gdp ~ N(14.5, 1)`` per country plus a country-specific trend (mean 2 % a
  year), and the other four around the paper's printed means (table 2) with small noise;
* outcome ``y_ijt = 0.6 + α_ij + γ_jt + β_j·trust_pre_i·post_t + 0.02·(ln_gdp_it − 14.5)
  + ε_ijt`` with ``trust_pre_i`` the mean trust of the years before ``policy_year``,
  ``post_t = 1[t ≥ policy_year]``, ``α_ij ~ N(0, 0.15²)``, ``γ_jt ~ N(0, 0.02²)``,
  ``ε ~ N(0, 0.02²)`` and the effects :data:`EFFECTS` (chips −0.05, vehicles 0, minerals +0.10);
  ``y`` is split 55/45 into the spec's two indicators (forward / backward).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chainpower.studies.panel import PanelSources
from chainpower.studies.spec import StudySpec

__all__ = ["EFFECTS", "synthetic_sources"]

#: True DiD effects β_j of trust_pre × post per industry (other industries: 0).
EFFECTS: dict[str, float] = {"chips": -0.05, "vehicles": 0.0, "minerals": 0.10}


def synthetic_sources(spec: StudySpec, *, seed: int = 2024) -> PanelSources:
    """Outcome rows, trust and controls for ``spec``'s economies, years and industries."""
    from chainpower.alignment.trust import trust

    rng = np.random.default_rng(seed)
    countries = list(spec.economies)
    ref = spec.alignment.reference
    if ref not in countries:
        countries.append(ref)
    years = spec.year_list
    n, t = len(countries), len(years)
    a = rng.normal(0.0, 1.0, n)
    ideal = a[:, None] + 0.05 * rng.normal(size=(n, t))
    ideal_frame = pd.DataFrame(
        {
            "iso3": np.repeat(countries, t),
            "year": np.tile(years, n),
            "ideal": ideal.ravel(),
        }
    )
    tr = trust(ideal_frame, reference=ref, countries=countries, years=(years[0], years[-1]))
    growth = rng.normal(0.02, 0.015, n)[:, None]
    gdp = (rng.normal(14.5, 1.0, n)[:, None] + growth * np.arange(t)[None, :]
           + 0.01 * rng.normal(size=(n, t)))
    controls = pd.DataFrame(
        {
            "country": np.repeat(countries, t),
            "year": np.tile(years, n),
            "ln_gdp": gdp.ravel(),
            "ln_capital_per_worker": (rng.normal(18.4, 1.3, n)[:, None]
                                      + 0.01 * rng.normal(size=(n, t))).ravel(),
            "ln_gov_share": (rng.normal(3.2, 0.3, n)[:, None]
                             + 0.02 * rng.normal(size=(n, t))).ravel(),
            "ln_working_age": (rng.normal(4.19, 0.05, n)[:, None]
                               + 0.002 * rng.normal(size=(n, t))).ravel(),
            "resource_rents": np.abs(rng.normal(2.2, 3.0, n)[:, None]
                                     + 0.1 * rng.normal(size=(n, t))).ravel(),
        }
    )
    tmat = tr.pivot(index="iso3", columns="year", values="trust").loc[countries, years]
    pre = [y for y in years if y < spec.design.policy_year] or years[:1]
    trust_pre = tmat[pre].mean(axis=1).to_numpy()
    post = np.array([y >= spec.design.policy_year for y in years], dtype=float)
    family = spec.outcome.family
    rows = []
    ind_names = spec.outcome.indicators
    for ind in spec.industries:
        alpha = rng.normal(0.0, 0.15, n)[:, None]
        gamma = rng.normal(0.0, 0.02, t)[None, :]
        beta = EFFECTS.get(ind.name, 0.0)
        y = (
            0.6 + alpha + gamma + beta * trust_pre[:, None] * post[None, :]
            + 0.02 * (gdp - 14.5) + rng.normal(0.0, 0.02, (n, t))
        )
        codes = ind.sectors[family]
        split = [0.55, 0.45] if len(ind_names) == 2 else [1.0 / len(ind_names)] * len(ind_names)
        for code in codes:
            for name, w in zip(ind_names, split, strict=True):
                rows.append(_tidy(countries, years, code, name, w * y / len(codes)))
            if spec.outcome.denominator:
                rows.append(_tidy(countries, years, code, spec.outcome.denominator,
                                  np.ones((n, t)) / len(codes)))
    outcome = pd.concat(rows, ignore_index=True)
    return PanelSources(
        outcome=outcome,
        trust=tr,
        controls=controls,
        provenance={
            "outcome": f"synthetic (seed {seed}); true DiD effects {EFFECTS}",
            "trust": f"synthetic ideal points (seed {seed}), reference {ref}",
            "controls": f"synthetic (seed {seed})",
        },
        synthetic=True,
    )


def _tidy(countries: list[str], years: list[int], sector: str, indicator: str,
          values: np.ndarray) -> pd.DataFrame:
    n, t = len(countries), len(years)
    return pd.DataFrame(
        {
            "source": "synthetic",
            "year": np.tile(years, n),
            "country": np.repeat(countries, t),
            "sector": sector,
            "partner": None,
            "indicator": indicator,
            "value": np.asarray(values, dtype=float).ravel(),
        }
    )
