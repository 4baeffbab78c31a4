"""Benchmark: own ideal points for the whole history of UNGA votes (issue 3, acceptance 1 and 4).

Estimates every country and session in the vote files at hand, prints wall time and peak memory
(``ru_maxrss`` of this process, which includes the loaded vote frames) against the targets
(3 minutes, 2 GiB on the 2-core CI machine; issue 3 allows 10 minutes and 4 GiB), whether the
Newton fit converged, and the correlations with the published BSV ideal points: overall, the
worst session with >= 50 roll calls, and every session (acceptance 0.95 / 0.90; the estimator
is held to 0.96 / 0.92).

Run: ``.venv/bin/python benchmarks/bench_ideal.py [--years 1946 2019]``.
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd
from _bench import peak_gib

from chainpower.alignment.idealpoints import compare_with_published, estimate_ideal_points
from chainpower.data.bsv import load_bsv
from chainpower.data.unvotes import load_roll_calls, load_unvotes

TARGET_S, TARGET_GIB = 180.0, 2.0
TARGET_R, TARGET_WORST = 0.96, 0.92


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--years", nargs=2, type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    votes, roll_calls, bsv = load_unvotes(), load_roll_calls(), load_bsv()
    t_load = time.perf_counter() - t0
    t1 = time.perf_counter()
    years = (args.years[0], args.years[1]) if args.years else None
    result = estimate_ideal_points(
        votes, roll_calls, years=years, seed=args.seed, progress=sys.stderr.isatty()
    )
    t_fit = time.perf_counter() - t1
    peak = peak_gib()
    print(result.summary)
    print(
        f"\nload {t_load:.1f} s; estimate {t_fit:.1f} s (target <= {TARGET_S:.0f} s, "
        f"ratio {t_fit / TARGET_S:.2f}); peak RSS {peak:.2f} GiB (target <= {TARGET_GIB:.0f} "
        f"GiB, ratio {peak / TARGET_GIB:.2f})"
    )

    agree = compare_with_published(result.to_frame(), bsv, votes)
    w = agree.worst
    print(
        f"\ncorrelation with BSV (Jul 2023), {agree.n} shared country-sessions: "
        f"r = {agree.overall:.4f} (target >= {TARGET_R})"
    )
    print(
        f"worst session with >= {agree.min_rollcalls} roll calls: {int(w['session'])} "
        f"({int(w['year'])}), r = {w['r']:.4f} (target >= {TARGET_WORST}); median session r = "
        f"{agree.per_session['r'].median():.4f}"
    )
    with pd.option_context("display.max_rows", 200, "display.width", 120):
        print("\nper session:")
        print(agree.per_session.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    ok = (
        bool(result.info["converged"])
        and agree.overall >= TARGET_R
        and w["r"] >= TARGET_WORST
        and t_fit <= TARGET_S
        and peak <= TARGET_GIB
    )
    print("\nall targets met" if ok else "\nSOME TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
