"""Benchmark of the default study (issue 8, acceptance 6): wall time and peak memory.

Runs ``Study.default().run()`` — the paper-000 spec as shipped: 15 economies × 2018–2022 × 3
industries, every model (pooled, RE + Hausman/Mundlak, FE, TWFE, stacked, DiD, event study,
placebo) with the whole inference menu (CR1, CR3, wild bootstrap B = 999, randomization
inference P = 499) — on the real data folder when present, otherwise on the seeded synthetic
panel. ``--report`` adds the HTML report.

Memory method: each run is a fresh Python process (``spawn``); the child reports its peak
resident set size (``ru_maxrss``), the true high-water mark of the whole process (interpreter,
libraries, data and models). Wall time is measured inside the child from before the first
chainpower import to the end of the run ("excluding the set-up" = the venv install only).

The peer for the ratio: the same study with CR1 only (``inference.methods = ["crv1"]``), so the
ratio is what the few-cluster inference menu costs on top of the point estimates.

Run: ``.venv/bin/python benchmarks/bench_study.py`` (``--synthetic`` forces the synthetic
panel). Targets (2-core CI machine): under 60 s and 2 GiB.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from _bench import GiB, in_fresh_process, peak_bytes

TARGET_S = 60.0
TARGET_GIB = 2.0


def _child(synthetic: bool, crv1_only: bool, report: str | None, queue: Any) -> None:
    t0 = time.perf_counter()
    from chainpower.data.paths import data_dir
    from chainpower.studies.study import Study

    study = Study.default()
    if crv1_only:
        study = Study(study.spec.replace(inference={"methods": ["crv1"]}))
    sources = None
    use_synth = synthetic or data_dir() is None
    if use_synth:
        from chainpower.studies.synthetic import synthetic_sources

        sources = synthetic_sources(study.spec, seed=study.spec.inference.seed)
    res = study.run(sources=sources, progress=False)
    if report:
        res.report(report)
    wall = time.perf_counter() - t0
    peak = peak_bytes()
    queue.put({"wall": wall, "peak": peak, "steps": res.timings, "models": len(res.fits),
               "rows": len(res.coefficients), "synthetic": use_synth})


def _measure(synthetic: bool, crv1_only: bool, report: str | None = None) -> dict[str, Any]:
    return in_fresh_process(_child, synthetic, crv1_only, report)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", action="store_true", help="use the synthetic panel")
    ap.add_argument("--report", metavar="FOLDER", help="also write the report there")
    args = ap.parse_args(argv)
    full = _measure(args.synthetic, False, args.report)
    peer = _measure(args.synthetic, True)
    data = "synthetic panel" if full["synthetic"] else "real data"
    print(f"default study (paper000, {data}): {full['models']} models, "
          f"{full['rows']} coefficient rows")
    print(f"{'run':<28}{'wall s':>9}{'peak GiB':>10}")
    print(f"{'full inference menu':<28}{full['wall']:>9.1f}{full['peak'] / GiB:>10.2f}")
    print(f"{'peer: CR1 only':<28}{peer['wall']:>9.1f}{peer['peak'] / GiB:>10.2f}")
    print(f"ratio full / CR1-only: {full['wall'] / peer['wall']:.2f}× time, "
          f"{full['peak'] / peer['peak']:.2f}× memory")
    steps = ", ".join(f"{k} {v:.1f}" for k, v in full["steps"].items())
    print(f"steps (s): {steps}")
    ok = full["wall"] < TARGET_S and full["peak"] / GiB < TARGET_GIB
    print(f"target < {TARGET_S:.0f} s and < {TARGET_GIB:.0f} GiB: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
