"""Acceptance 5 (issue 12): the ```python blocks of README.md and docs/*.md run as written.

The blocks of one file run in order in one namespace (later blocks use earlier names), in a
temporary working folder. Markers in the Markdown, on the line before a block:

* ``<!-- no-run: REASON -->`` skips the block (the reason is reported);
* ``<!-- test-replace: "OLD" "NEW" -->`` runs the block with ``OLD`` replaced by ``NEW``
  (e.g. fewer years), so a slow example still checks the API it shows.

A file whose blocks read the real-data folder is skipped with a reason where that folder is
absent (never under CI, where it must be there).
"""

from __future__ import annotations

import os
import re
import shlex
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```", re.M | re.S)
_MARK = re.compile(r"<!--\s*(no-run|test-replace):?\s*(.*?)\s*-->\s*$")
#: Calls that read the shared real-data folder.
_NEEDS_DATA = re.compile(
    r"read_wiod2013|load_unvotes|load_roll_calls|load_bsv|load_adb|load_wdi|load_pwt|"
    r"paper000_controls|trust\(\s*\"published\""
)


@dataclass(frozen=True)
class Block:
    file: Path
    line: int
    code: str
    skip: str | None


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        code, skip = m.group(1), None
        mark = _MARK.search(before)
        if mark and mark.group(1) == "no-run":
            skip = mark.group(2) or "marked no-run"
        elif mark:
            old, new = shlex.split(mark.group(2))
            assert old in code, f"{path.name}:{line}: test-replace text {old!r} not in the block"
            code = code.replace(old, new)
        out.append(Block(path, line, code, skip))
    return out


def _have_data() -> bool:
    from chainpower.data.paths import data_dir

    return data_dir(required=False) is not None


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in FILES if blocks(p)], ids=lambda p: p.name)
def test_snippets_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    todo = blocks(path)
    if any(_NEEDS_DATA.search(b.code) for b in todo if b.skip is None) and not _have_data():
        if os.environ.get("CI"):
            pytest.fail("CI must have the real-data folder")
        pytest.skip("the snippets read $CHAINPOWER_DATA, which is absent here")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"doc_{path.stem}"}
    ran = 0
    for b in todo:
        if b.skip is not None:
            print(f"{path.name}:{b.line}: skipped ({b.skip})")
            continue
        t0 = time.perf_counter()
        try:
            exec(compile(b.code, f"{path.name}:{b.line}", "exec"), namespace)  # noqa: S102
        except Exception as exc:  # the block's line in the message, then the error
            raise AssertionError(f"{path.name} block at line {b.line} fails: {exc!r}") from exc
        print(f"{path.name}:{b.line}: ran in {time.perf_counter() - t0:.1f} s")
        ran += 1
    assert ran, f"every block of {path.name} is skipped"
