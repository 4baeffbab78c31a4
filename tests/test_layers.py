"""The package's layering: each layer imports only from the layers below it (DEVELOPERS.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import chainpower

PACKAGE = Path(chainpower.__file__).parent
#: layer → the chainpower layers it may import (besides itself and the shared modules).
ALLOWED: dict[str, set[str]] = {
    "data": set(),
    "mrio": {"data"},
    "gvc": {"data", "mrio"},
    "alignment": {"data"},
    "alliances": {"data"},
    "trade": {"data", "mrio", "gvc"},
    "scenarios": {"data", "mrio", "gvc", "trade"},
    "studies": {"data", "mrio", "gvc", "alignment", "alliances", "trade", "scenarios"},
}
SHARED = {"errors", "progress", "results", "output", "style"}


def _imported_layers(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return {n.split(".")[1] for n in names if n.startswith("chainpower.") and n.count(".") >= 1}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_from_below(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"layer {layer} has no modules"
    for path in files:
        bad = _imported_layers(path) - ALLOWED[layer] - SHARED - {layer}
        assert not bad, f"{path.relative_to(PACKAGE)} imports layer(s) {sorted(bad)}"


def test_public_api_names_resolve() -> None:
    for name in chainpower.__all__:
        assert hasattr(chainpower, name), name
