"""Benchmark of the scenario layer and of multi-year scale (issue 11, acceptance 3).

Prints, in one run:

1. all-sector hypothetical extraction in closed form (one inverse) vs the per-sector
   re-inversion loop (one LU per sector): on WIOD 2011 (n = 1,435; the loop timed on a sample
   of sectors and scaled to all n, stated as such) and on a synthetic table small enough to run
   the whole loop; the two agree to the printed tolerance;
2. ``compute_panel`` over the 17 WIOD years 1995–2011, serial vs Dask with 2 workers (ratio,
   and whether the two outputs are identical);
3. with ``--exiobase``: one synthetic EXIOBASE-size table (49 × 200 = 9,800 country-sectors)
   through every indicator (``compute_indicators``), wall time and peak memory of a fresh
   child process (targets ≤ 120 s, ≤ 12 GiB). Heavy: run it once, on a quiet machine.

Usage: ``python benchmarks/bench_scenarios.py [--skip-panel] [--exiobase [GxN]]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import warnings

import numpy as np

from chainpower.mrio.io import read_wiod2013
from chainpower.mrio.synthetic import synthetic_table
from chainpower.scenarios.extraction import (
    extract_each,
    extract_each_by_reinversion,
    extraction_system,
)


def _time(fn, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
    t0 = time.perf_counter()
    out = fn(*a, **k)
    return time.perf_counter() - t0, out


def extraction_part(sample: int = 40) -> None:
    print("== 1. all-sector hypothetical extraction: closed form vs re-inversion loop ==")
    t = read_wiod2013(2011)
    M, r = extraction_system(t, "backward")
    n = M.shape[0]
    t_closed, (_total, delta) = _time(extract_each, M, r, full=True)
    rng = np.random.default_rng(0)
    which = np.sort(rng.choice(n, size=sample, replace=False))
    t_loop, ref = _time(extract_each_by_reinversion, M, r, which)
    err = float(np.abs(delta[:, which] - ref).max() / np.abs(t.x).max())
    per = t_loop / sample
    print(f"WIOD 2011, n = {n}: closed form, all {n} sectors: {t_closed:.2f} s")
    print(
        f"  re-inversion loop: {per:.3f} s per sector (timed on {sample}) -> {per * n:.0f} s "
        f"for all {n} (scaled)"
    )
    print(f"  ratio loop / closed form: {per * n / t_closed:.0f}x; max |diff| / max x = {err:.1e}")
    s = synthetic_table(10, 30, seed=3)  # n = 300: the whole loop runs
    M, r = extraction_system(s, "backward")
    t_closed, (_total, delta) = _time(extract_each, M, r, full=True)
    t_loop, ref = _time(extract_each_by_reinversion, M, r)
    err = float(np.abs(delta - ref).max() / np.abs(s.x).max())
    print(
        f"synthetic n = 300, whole loop: closed {t_closed:.3f} s, loop {t_loop:.2f} s, "
        f"ratio {t_loop / t_closed:.0f}x; max |diff| / max x = {err:.1e}"
    )


def panel_part(years: range = range(1995, 2012)) -> None:
    import pandas as pd

    from chainpower.gvc.indicators import compute_panel

    print(f"== 2. compute_panel over {len(years)} WIOD years: serial vs Dask, 2 workers ==")

    def loaders():  # noqa: ANN202
        return [(lambda y=y: read_wiod2013(y)) for y in years]

    t_serial, serial = _time(compute_panel, loaders())
    t_dask, dask = _time(compute_panel, loaders(), executor="dask", jobs=2)
    try:
        pd.testing.assert_frame_equal(serial, dask)
        same = "identical"
    except AssertionError as exc:
        same = f"DIFFERENT: {str(exc).splitlines()[0]}"
    print(
        f"serial {t_serial:.1f} s, dask (2 workers, LocalCluster incl. start-up) {t_dask:.1f} s, "
        f"speed-up {t_serial / t_dask:.2f}x; {len(serial):,} rows, outputs {same}"
    )


_CHILD = r"""
import json, resource, sys, time
G, N = (int(v) for v in sys.argv[1].split("x"))
t0 = time.perf_counter()
from chainpower.mrio.synthetic import synthetic_table
table = synthetic_table(G, N, seed=7)
built = time.perf_counter() - t0
rss_table = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
if sys.argv[2] == "lean":
    from chainpower.gvc.lean import compute_indicators_lean as compute_indicators
else:
    from chainpower.gvc.indicators import compute_indicators
t1 = time.perf_counter()
df = compute_indicators(table)
wall = time.perf_counter() - t1
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
print(json.dumps({"n": G * N, "build_s": built, "indicators_s": wall, "rows": len(df),
                  "peak_gib": peak, "peak_after_build_gib": rss_table}))
"""


def exiobase_part(size: str, route: str) -> None:
    print(f"== 3. synthetic EXIOBASE-size table {size} through all indicators ({route} route) ==")
    env = {**os.environ, "CHAINPOWER_QUIET": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, size, route],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        print(f"FAILED (exit {proc.returncode}): {proc.stderr.strip().splitlines()[-3:]}")
        return
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    print(
        f"n = {res['n']:,}: table built in {res['build_s']:.0f} s "
        f"(peak {res['peak_after_build_gib']:.2f} GiB); "
        f"compute_indicators {res['indicators_s']:.0f} s, "
        f"{res['rows']:,} rows; peak memory {res['peak_gib']:.2f} GiB "
        f"(targets <= 120 s, <= 12 GiB)"
    )


def main() -> None:
    # the indicators warn about WIOD's undefined KWW shares every year: not what is measured here
    warnings.simplefilter("ignore")
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--skip-extraction", action="store_true")
    p.add_argument("--skip-panel", action="store_true")
    p.add_argument("--exiobase", nargs="?", const="49x200", default=None, metavar="GxN")
    p.add_argument(
        "--route",
        choices=("default", "lean"),
        default="default",
        help="compute_indicators (default) or compute_indicators_lean (lean)",
    )
    args = p.parse_args()
    if not args.skip_extraction:
        extraction_part()
    if not args.skip_panel:
        panel_part()
    if args.exiobase:
        exiobase_part(args.exiobase, args.route)


if __name__ == "__main__":
    main()
