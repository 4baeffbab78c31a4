"""Several processes reading and writing one store at once (issue 12, acceptance 2).

Three writers (each its own dataset plus one shared dataset) and three readers run for a few
seconds on one store. Readers check every dataset they list and the ``indicators`` view for
complete, unmixed frames; writers either commit or are refused with the lock's message.
Afterwards: zero failed reads, every process exited cleanly, and the final state matches
the last write of each writer.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from chainpower.data.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from store_fault_helper import ROWS, Forker, check_frame, frame  # noqa: E402

pytestmark = pytest.mark.slow


def test_readers_never_fail_while_writers_work(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    store.write_indicators(frame(7), dataset="base")
    base_sha = store.version("base")["sha256"]
    forker = Forker()
    try:
        pids = {i: forker.start("mixed", store.root, i, tmp_path / f"log{i}") for i in range(6)}
        status = {i: forker.wait(pid) for i, pid in pids.items()}
    finally:
        forker.close()
    assert status == dict.fromkeys(range(6), 0)  # no process crashed (asserts inside count)
    counts = {i: json.loads((tmp_path / f"log{i}").read_text()) for i in range(6)}
    readers = [counts[i] for i in (1, 3, 5)]
    writers = {i: counts[i] for i in (0, 2, 4)}
    assert sum(r["failed_reads"] for r in readers) == 0, [r["errors"] for r in readers]
    assert all(r["reads"] > 0 for r in readers)
    assert all(w["writes"] > 0 for w in writers.values())
    print({i: (c["reads"], c["writes"], c["refused"]) for i, c in counts.items()})
    # final state: each writer's dataset holds its last stamp; shared holds someone's last one
    final = Store(store.root)
    for i, w in writers.items():
        assert check_frame(final.read_indicators(f"w{i}")) == w["last_stamp"]
    assert check_frame(final.read_indicators("shared")) in {
        w["last_stamp"] for w in writers.values()
    }
    assert final.version("base")["sha256"] == base_sha
    manifest = final.manifest()
    for entry in manifest["indicators"].values():
        numbers = [v["version"] for v in entry["versions"]]
        assert numbers == sorted(set(numbers)) and entry["current"] == numbers[-1]
        for v in entry["versions"]:
            if v["file"]:
                data = (final.root / v["file"]).read_bytes()
                assert hashlib.sha256(data).hexdigest() == v["sha256"]
    q = final.query("select dataset, count(*) n from indicators group by 1 order by 1")
    assert q["dataset"].tolist() == ["base", "shared", "w0", "w2", "w4"]
    assert (q["n"] == ROWS).all()
