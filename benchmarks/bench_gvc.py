"""Benchmark of the GVC engine (issue 2, acceptance 6): seconds and peak memory per step.

Tables: WIOD 2013 release, 2011 (41 × 35 = 1,435 country-sectors, from the real-data folder),
and seeded synthetic tables of ADB MRIO size (63 × 35 = 2,205) and OECD ICIO size
(77 × 45 = 3,465). Steps, each timed from the loaded table:

* ``leontief``      — ``A`` and ``B = (I − A)⁻¹`` (LU);
* ``decomposition`` — Wang–Wei–Zhu 16-term decomposition by exporting country-sector and
                      partner (:func:`chainpower.gvc.decomposition.decompose_exports`, incl. ``B``);
* ``indicators``    — every indicator in tidy form (:func:`chainpower.gvc.indicators.
                      compute_indicators`: ``A``, ``B``, ``L`` once, WWYZ, TiVA/VAX, WWZ → Koopman,
                      Borin–Mancini);
* ``pymrio``        — pymrio's ``IOSystem.calc_all`` (``x``, ``A``, ``L``) on the same WIOD table,
                      the peer for the ratio.

Memory method: every measurement runs in its own fresh Python process (``spawn``); the child
reads its resident set size after loading the table (``base``) and its peak resident set size
(``ru_maxrss``) after the step, so ``peak`` is the true high-water mark of the whole process
(libraries, table and step) and ``step`` = peak − base what the step added. Timing is the
median of ``--repeat`` runs inside the child (``time.perf_counter``), after one warm-up run for
steps under 5 s.

Run: ``.venv/bin/python benchmarks/bench_gvc.py`` (``--quick`` skips the ICIO-size table).
Targets (2-core machine): all indicators ≤ 10 s for ADB size, ≤ 60 s for ICIO size, peak
memory ≤ 6 GiB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from _bench import GiB, in_fresh_process, peak_bytes

CASES: dict[str, tuple[int, int]] = {
    "WIOD 2011": (41, 35),
    "ADB size (synthetic)": (63, 35),
    "ICIO size (synthetic)": (77, 45),
}
STEPS = ("leontief", "decomposition", "indicators", "pymrio")


def _rss() -> float:
    """Current resident set size in bytes (Linux /proc)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _load(case: str) -> Any:
    if case == "WIOD 2011":
        from chainpower.mrio.io import read_wiod2013

        return read_wiod2013(2011)
    from chainpower.mrio.synthetic import synthetic_table

    G, N = CASES[case]
    return synthetic_table(G, N, seed=1, year=2020)


def _step(step: str, table: Any) -> Callable[[], object]:
    if step == "leontief":
        from chainpower.mrio.algebra import leontief_inverse, technical_coefficients

        return lambda: leontief_inverse(technical_coefficients(table.Z, table.x))
    if step == "decomposition":
        from chainpower.gvc.decomposition import decompose_exports

        return lambda: decompose_exports(table)
    if step == "indicators":
        from chainpower.gvc.indicators import compute_indicators

        return lambda: compute_indicators(table)
    import numpy as np
    import pandas as pd
    import pymrio

    idx = pd.MultiIndex.from_product([table.countries, table.sectors], names=["region", "sector"])
    cols = pd.MultiIndex.from_product(
        [table.countries, table.fd_categories], names=["region", "category"]
    )

    def run() -> object:
        io = pymrio.IOSystem(
            Z=pd.DataFrame(np.array(table.Z), index=idx, columns=idx),
            Y=pd.DataFrame(np.array(table.Y), index=idx, columns=cols),
            unit=pd.DataFrame({"unit": "USD million"}, index=idx),
        )
        return io.calc_all()

    return run


def _child(case: str, step: str, repeat: int, queue: Any) -> None:
    import warnings

    warnings.simplefilter("ignore")
    os.environ.setdefault("CHAINPOWER_QUIET", "1")
    table = _load(case)
    fn = _step(step, table)
    base = _rss()
    times = []
    t0 = time.perf_counter()
    fn()
    first = time.perf_counter() - t0
    if first < 5.0:
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
    else:
        times.append(first)
    peak = peak_bytes()
    queue.put({"seconds": statistics.median(times), "peak": peak, "base": base})


def measure(case: str, step: str, repeat: int = 3) -> dict[str, float]:
    """Run one (case, step) in a fresh process; seconds (median) and memory in bytes."""
    return in_fresh_process(_child, case, step, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the ICIO-size table")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not (args.quick and c.startswith("ICIO"))]
    print(f"chainpower GVC benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'table':24s} {'n':>5s} {'step':14s} {'seconds':>9s} {'peak GiB':>9s} {'step GiB':>9s}")
    results: dict[tuple[str, str], dict[str, float]] = {}
    for case in cases:
        G, N = CASES[case]
        steps = STEPS if case == "WIOD 2011" else STEPS[:3]
        for step in steps:
            r = measure(case, step, args.repeat)
            results[case, step] = r
            print(
                f"{case:24s} {G * N:5d} {step:14s} {r['seconds']:9.2f} {r['peak'] / GiB:9.2f} "
                f"{(r['peak'] - r['base']) / GiB:9.2f}",
                flush=True,
            )
    w = "WIOD 2011"
    peer = results[w, "pymrio"]["seconds"]
    print("\nratios to pymrio calc_all on WIOD 2011 (x, A, L): ")
    for step in STEPS[:3]:
        print(f"  {step:14s} {results[w, step]['seconds'] / peer:6.2f} × pymrio's time")
    print("\ntargets:")
    checks = [("all indicators, ADB size ", "s  (target ≤ 10 s) ", 10.0, "ADB size (synthetic)")]
    checks.append(
        ("all indicators, ICIO size", "s  (target ≤ 60 s) ", 60.0, "ICIO size (synthetic)")
    )
    for label, unit, target, case in checks:
        if (case, "indicators") in results:
            sec = results[case, "indicators"]["seconds"]
            print(f"  {label} {sec:7.2f} {unit} {'OK' if sec <= target else 'MISSED'}")
    peak = max(r["peak"] for r in results.values()) / GiB
    verdict = "OK" if peak <= 6 else "MISSED"
    print(f"  peak memory               {peak:7.2f} GiB (target ≤ 6 GiB) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
