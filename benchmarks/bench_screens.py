"""Benchmark of the dependency screen (issue 10, acceptance 3): one full synthetic BACI year.

A seeded year in BACI's exact layout (``t,i,j,k,v,q``; all 5,388 HS17 codes × 200 countries,
≈ 10 million rows) is generated once into a temporary folder. Two measurements then run, each
in its own fresh Python process (``spawn``), so ``ru_maxrss`` is the true peak of that path:

* ``chainpower`` — :func:`chainpower.data.trade_files.read_baci` (DuckDB CSV scan, categorical
  codes) + :func:`chainpower.trade.screens.screen_dependencies` (EU-27, preset ``eu2021``);
* ``pandas``     — the peer: ``pandas.read_csv`` + the same three EU 2021 metrics by plain
  pandas groupbys (HHI, extra-EU share, imports / exports), on the same file.

It prints seconds (read, screen, total), peak memory and the ratio pandas / chainpower, and
checks that both give the same dependent products. Targets: total ≤ 60 s and ≤ 4 GiB.
Run: ``.venv/bin/python benchmarks/bench_screens.py [--rows 12000000]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from typing import Any

from _bench import in_fresh_process, peak_gib


def _chainpower(path: str, codes: str, q: Any) -> None:
    from chainpower.data.trade_files import read_baci
    from chainpower.trade.flows import TradeFlows
    from chainpower.trade.screens import screen_dependencies

    t0 = time.perf_counter()
    df = read_baci(path, codes)
    t1 = time.perf_counter()
    res = screen_dependencies(TradeFlows.from_frame(df), "EU27", rules="eu2021")
    t2 = time.perf_counter()
    dep = sorted(res.verdicts.loc[res.verdicts["dependent"], "product"])
    q.put(
        {
            "rows": len(df),
            "read": t1 - t0,
            "screen": t2 - t1,
            "peak": peak_gib(),
            "dep": dep,
            "products": len(res.verdicts),
        }
    )


def _pandas(path: str, codes: str, q: Any) -> None:
    import pandas as pd

    from chainpower.data.groups import GROUPS
    from chainpower.trade.screen_reference import eu2021_by_pandas

    t0 = time.perf_counter()
    df = pd.read_csv(path, dtype={"k": str}, na_values=["NA"])
    cc = pd.read_csv(codes).set_index("country_code")["country_iso3"]
    df["i"] = df["i"].map(cc)
    df["j"] = df["j"].map(cc)
    t1 = time.perf_counter()
    ref = eu2021_by_pandas(
        df, GROUPS["EU27"], exporter="i", importer="j", product="k", value="v"
    )
    dependent, m = ref["dependent"], ref["import_hhi"]
    t2 = time.perf_counter()
    q.put(
        {
            "rows": len(df),
            "read": t1 - t0,
            "screen": t2 - t1,
            "peak": peak_gib(),
            "dep": sorted(dependent.index[dependent.to_numpy()]),
            "products": len(m),
        }
    )


def _run(target: Any, *args: str) -> dict[str, Any]:
    return in_fresh_process(target, *args)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=12_000_000, help="draws before de-duplication")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    from chainpower.data.hs import hs_codes
    from chainpower.data.trade_files.synthetic import synthetic_baci

    with tempfile.TemporaryDirectory(prefix="bench_screens_") as tmp:
        t = time.perf_counter()
        path, codes = synthetic_baci(
            tmp, products=sorted(hs_codes("HS17")), n_countries=200, rows=args.rows, seed=args.seed
        )
        print(
            f"generated {path.name} ({path.stat().st_size / 1024**2:,.0f} MiB) in "
            f"{time.perf_counter() - t:.1f} s"
        )
        cp = _run(_chainpower, str(path), str(codes))
        pd_ = _run(_pandas, str(path), str(codes))
    print(
        f"rows {cp['rows']:,}; products screened {cp['products']:,}; dependent {len(cp['dep']):,}"
    )
    print(f"{'path':<11} {'read s':>8} {'screen s':>9} {'total s':>8} {'peak GiB':>9}")
    for name, r in (("chainpower", cp), ("pandas", pd_)):
        print(
            f"{name:<11} {r['read']:8.1f} {r['screen']:9.1f} {r['read'] + r['screen']:8.1f} "
            f"{r['peak']:9.2f}"
        )
    total_cp, total_pd = cp["read"] + cp["screen"], pd_["read"] + pd_["screen"]
    print(
        f"ratio pandas / chainpower: total {total_pd / total_cp:.2f}×, screen "
        f"{pd_['screen'] / cp['screen']:.2f}×, peak memory {pd_['peak'] / cp['peak']:.2f}×"
    )
    same = cp["dep"] == pd_["dep"]
    print(f"same dependent products as the peer: {same}")
    ok = total_cp <= 60 and cp["peak"] <= 4 and same
    print(f"targets (≤ 60 s, ≤ 4 GiB, same answer): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
