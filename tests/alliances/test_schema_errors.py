"""Acceptance 5: each schema error raises SchemaError naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chainpower.alliances import load_alliances, load_knowledge_base
from chainpower.errors import SchemaError

SRC = {"paper": "002", "document": "test document", "note": "[1]"}


def _alliance(**over) -> dict:
    rec = {
        "id": "test_alliance",
        "abbreviation": "TA",
        "name_en": "Test",
        "name_zh": "测试",
        "region": "asia_pacific",
        "domains": ["semiconductors"],
        "members": [{"code": "USA"}, {"code": "JPN"}],
        "founded": "2022-05",
        "evidence": [
            {
                "id": "ta-1",
                "kind": "commitment",
                "type": "export_control",
                "date": "2022-06",
                "summary_zh": "出口管制",
                "summary_en": "export control",
                "source": SRC,
            }
        ],
        "source": SRC,
    }
    rec.update(over)
    return rec


def _write(folder: Path, name: str, rec: dict) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(rec, allow_unicode=True), encoding="utf-8")
    return path


def test_valid_file_loads(tmp_path: Path) -> None:
    _write(tmp_path, "ok.yaml", _alliance())
    assert list(load_alliances(tmp_path)) == ["test_alliance"]


def _assert_schema_error(folder: Path, path: Path, label: str, text: str) -> None:
    """Loading ``folder`` raises SchemaError naming ``path``, the field ``label`` and ``text``."""
    with pytest.raises(SchemaError) as err:
        load_alliances(folder)
    assert err.value.file == str(path) and err.value.label == label
    assert text in str(err.value)


def _with_evidence(**change: str | None) -> dict:
    """The test alliance with its first evidence item changed (``None`` drops the key)."""
    ev = _alliance()["evidence"]
    for key, value in change.items():
        if value is None:
            del ev[0][key]
        else:
            ev[0][key] = value
    return _alliance(evidence=ev)


BAD_RECORDS = {
    "unknown_iso3": (
        lambda: _alliance(members=[{"code": "USA"}, {"code": "XYZ"}]),
        "field members[1].code",
        "XYZ",
    ),
    "unknown_domain": (
        lambda: _alliance(domains=["semiconductors", "unicorns"]),
        "field domains",
        "unicorns",
    ),
    "date_in_the_future": (
        lambda: _with_evidence(date="2999-01"),
        "field evidence[0].date",
        "future",
    ),
    "evidence_without_source": (
        lambda: _with_evidence(source=None),
        "field evidence[0].source",
        "source",
    ),
}


@pytest.mark.parametrize("case", list(BAD_RECORDS))
def test_bad_record(tmp_path: Path, case: str) -> None:
    record, label, text = BAD_RECORDS[case]
    path = _write(tmp_path, "bad.yaml", record())
    _assert_schema_error(tmp_path, path, label, text)


def test_duplicate_id(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _alliance())
    second = _alliance(evidence=[{**_alliance()["evidence"][0], "id": "ta-2"}])
    path = _write(tmp_path, "b.yaml", second)
    _assert_schema_error(tmp_path, path, "field id", "duplicate id 'test_alliance'")
    with pytest.raises(SchemaError, match="a.yaml"):
        load_alliances(tmp_path)


def test_adding_an_alliance_needs_no_code_change(tmp_path: Path) -> None:
    """Acceptance 6: a knowledge-base folder with one more alliance file is classified."""
    import shutil

    from chainpower.alliances import classify
    from chainpower.alliances.load import package_data_dir

    root = tmp_path / "kb"
    shutil.copytree(package_data_dir(), root)
    _write(root / "alliances", "test_alliance.yaml", _alliance())
    kb = load_knowledge_base(root, cache=False)
    df = classify("2024-06-30", kb).set_index("id")
    assert len(df) == 17
    assert df.loc["test_alliance", "commitment"] == "action"
    assert df.loc["test_alliance", "institutionalisation"] == "low"
