"""Benchmark of bilateral value-added flows and networks (issue 9, acceptance 5).

Cases, each in a fresh Python process (``spawn``) so the peak resident set size (``ru_maxrss``)
is that case's own high-water mark:

* ``WIOD 1995–2011``: read each of the 17 tables, compute the three bilateral flows
  (:func:`chainpower.gvc.va_flows.value_added_flows`), build the networks (threshold rule,
  USD 0.5 bn) and the hub measures of all three networks; wall time per step summed over years;
* ``ICIO size``: one seeded synthetic table of OECD ICIO size (77 × 45 = 3,465
  country-sectors, :func:`chainpower.mrio.synthetic.synthetic_table`), the same steps with the
  top-10 rule (the synthetic table's units are arbitrary, so a USD threshold means nothing).

Peer, in the same run: a naive dense re-computation of the same flows (explicit ``B = (I −
A)⁻¹`` and ``L`` as full ``(n, n)`` matrices, ``V̂ L A^F`` formed, then split by importer) on
WIOD 2011 and on the ICIO-size table; the ratio is peer time / chainpower time and the
largest difference between the two is printed.

Run: ``.venv/bin/python benchmarks/bench_networks.py`` (``--quick``: WIOD 2011 only).
Target (2-core CI machine): flows + networks ≤ 10 s per ICIO-size year.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np
from _bench import in_fresh_process, peak_gib


def _naive_flows(table: Any) -> dict[str, np.ndarray]:
    """The WWYZ bilateral flows with every matrix dense, ``(G, N, G)`` each."""
    G, N = table.G, table.N
    n = G * N
    x = np.asarray(table.x)
    A = np.asarray(table.Z) / np.where(x > 0, x, 1.0)[None, :]
    B = np.linalg.inv(np.eye(n) - A)
    mask = np.kron(np.eye(G), np.ones((N, N))).astype(bool)
    AD = np.where(mask, A, 0.0)
    AF = A - AD
    L = np.linalg.inv(np.eye(n) - AD)  # block-diagonal by construction
    vc = np.asarray(table.v) / np.where(x > 0, x, 1.0)
    Yc = np.asarray(table.Yc)
    own = np.kron(np.eye(G), np.ones((N, 1))).astype(bool)  # (n, G): row's own country
    YD, YF = np.where(own, Yc, 0.0), np.where(own, 0.0, Yc)
    VL = vc[:, None] * L
    VLAF = VL @ AF
    yd = YD.sum(axis=1)
    w_s, w_c = L @ yd, B @ Yc.sum(axis=1) - L @ yd
    out = {"traditional": VL @ YF}
    for name, w in (("simple_gvc", w_s), ("complex_gvc", w_c)):
        out[name] = np.stack([VLAF[:, r * N:(r + 1) * N] @ w[r * N:(r + 1) * N]
                              for r in range(G)], axis=1)
    return {k: v.reshape(G, N, G) for k, v in out.items()}


def _steps(table: Any, rule: str) -> dict[str, float]:
    from chainpower.gvc.va_flows import value_added_flows
    from chainpower.trade.hubs import compute_hubs
    from chainpower.trade.networks import value_added_networks

    t0 = time.perf_counter()
    flows = value_added_flows(table)
    t1 = time.perf_counter()
    nets = value_added_networks(flows, rule=rule, k=10)  # type: ignore[arg-type]
    graphs = [nets.graph(k, y) for y in nets.years for k in ("traditional", "simple_gvc",
                                                             "complex_gvc")]
    t2 = time.perf_counter()
    compute_hubs(nets)
    t3 = time.perf_counter()
    assert sum(g.number_of_edges() for g in graphs) > 0
    return {"flows": t1 - t0, "networks": t2 - t1, "hubs": t3 - t2}


def _case(case: str, q: Any) -> None:
    from chainpower.mrio.io import read_wiod2013
    from chainpower.mrio.synthetic import synthetic_table

    if case == "wiod":
        tables: Any = (read_wiod2013(y) for y in range(1995, 2012))
    elif case == "wiod2011":
        tables = [read_wiod2013(2011)]
    else:
        tables = [synthetic_table(77, 45, seed=1)]
    total: dict[str, float] = {"read": 0.0, "flows": 0.0, "networks": 0.0, "hubs": 0.0}
    t = time.perf_counter()
    n_years = 0
    for table in tables:
        total["read"] += time.perf_counter() - t
        for k, v in _steps(table, "threshold" if case.startswith("wiod") else "top_k").items():
            total[k] += v
        n_years += 1
        last = table
        t = time.perf_counter()
    peer = ours = diff = float("nan")
    if case != "wiod":
        from chainpower.gvc.va_flows import value_added_flows

        t0 = time.perf_counter()
        mine = value_added_flows(last)
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        ref = _naive_flows(last)
        peer = time.perf_counter() - t0
        diff = max(float(np.abs(mine.flows[k] - ref[k]).max() / np.abs(ref[k]).max())
                   for k in ref)
    peak = peak_gib()
    q.put({"case": case, "years": n_years, **total, "peak_gib": peak, "ours": ours,
           "peer": peer, "rel_diff": diff})


def _run(case: str) -> dict[str, Any]:
    return in_fresh_process(_case, case)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="WIOD 2011 only")
    args = ap.parse_args()
    cases = ["wiod2011"] if args.quick else ["wiod", "icio"]
    labels = {"wiod": "WIOD 1995–2011 (17 × 41 × 35)", "wiod2011": "WIOD 2011 (41 × 35)",
              "icio": "ICIO size, synthetic (77 × 45)"}
    print(f"{'case':34s} {'years':>5s} {'read s':>7s} {'flows s':>8s} {'nets s':>7s} "
          f"{'hubs s':>7s} {'per year s':>10s} {'peak GiB':>8s}")
    results = [_run(c) for c in cases]
    for r in results:
        per = (r["flows"] + r["networks"] + r["hubs"]) / r["years"]
        print(f"{labels[r['case']]:34s} {r['years']:5d} {r['read']:7.2f} {r['flows']:8.2f} "
              f"{r['networks']:7.2f} {r['hubs']:7.2f} {per:10.2f} {r['peak_gib']:8.2f}")
    for r in results:
        if r["case"] == "wiod":
            continue
        print(f"peer (naive dense flows) on {labels[r['case']]}: {r['peer']:.2f} s vs "
              f"chainpower {r['ours']:.2f} s → ratio {r['peer'] / r['ours']:.1f}×; largest "
              f"relative difference {r['rel_diff']:.1e}")
    if not args.quick:
        icio = next(r for r in results if r["case"] == "icio")
        per = icio["flows"] + icio["networks"] + icio["hubs"]
        print(f"target ≤ 10 s per ICIO-size year (flows + networks + hubs): {per:.2f} s → "
              f"{'met' if per <= 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
