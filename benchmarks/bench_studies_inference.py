"""Benchmark: few-cluster inference for one 15-economy DiD (issue 8, acceptance 3 budget).

Prints, for a simulated 15 × 6 TWFE panel, the wall time of
- the wild cluster bootstrap (B = 9999, Webb) through our numpy denominator against pyfixest's
  own ``Feols.wildboottest`` (whose numba kernel is recompiled on every call);
- randomization inference (P = 999) by the batched FWL path against P pyfixest refits
  (timed on 50 refits and scaled);
and the whole ``estimate(..., inference=("crv1", "cr3", "wild", "ri"))`` at the defaults.

Run: ``.venv/bin/python benchmarks/bench_studies_inference.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from chainpower.studies import _pyfixest, estimate
from chainpower.studies.design import build_design
from chainpower.studies.inference import ri_statistics


def simulated_panel(seed: int = 0, n_units: int = 15, n_years: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    trust = rng.normal(size=n_units)
    rows = []
    for i in range(n_units):
        for year in range(2018, 2018 + n_years):
            post = int(year >= 2021)
            rows.append((f"U{i:02d}", year, trust[i], post, rng.normal() + 0.3 * trust[i] * post))
    return pd.DataFrame(rows, columns=["country", "year", "trust_pre", "post", "y"])


def _time(fn: Callable[[], object], repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def main() -> int:
    df = simulated_panel()
    d = build_design(df, model="twfe", outcome="y", terms=("trust_pre:post",), controls=(),
                     unit="country", time="year", cluster="country", absorb=None,
                     k_fixef="nonnested")
    fit = _pyfixest.fit_ols(d.data, "_y", d.regressors, d.fe_cols, "_g")
    ours = _time(lambda: _pyfixest.wild_pvalue(fit, "_t0", cluster="_g", reps=9999,
                                               weights="webb", seed=1), repeat=3)
    theirs = _time(lambda: _pyfixest.wild_pvalue_reference(fit, "_t0", cluster="_g", reps=9999,
                                                           weights="webb", seed=1))
    print(f"wild bootstrap B=9999: ours {ours:.3f} s, pyfixest {theirs:.3f} s, "
          f"ratio {theirs / ours:.1f}x")
    perms = np.random.default_rng(0).permuted(np.tile(np.arange(15), (999, 1)), axis=1)
    batched = _time(lambda: ri_statistics(d, "trust_pre", perms))
    trust = df.groupby("country")["trust_pre"].first().to_numpy()
    codes = pd.factorize(df["country"])[0]

    def refits() -> None:
        for p in perms[:50]:
            estimate(df.assign(trust_pre=trust[p][codes]), outcome="y", terms=["trust_pre:post"],
                     model="twfe", inference=("crv1",))

    loop = _time(refits) * 999 / 50
    print(f"randomization inference P=999: batched {batched:.3f} s, refit loop ~{loop:.1f} s, "
          f"ratio {loop / batched:.0f}x")
    whole = _time(lambda: estimate(df, outcome="y", terms=["trust_pre:post"], model="twfe",
                                   ri_column="trust_pre", seed=1))
    print(f"estimate() with crv1+cr3+wild(9999)+ri(999): {whole:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
