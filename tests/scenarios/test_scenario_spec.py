"""Scenario files are validated with clear errors, before any computation (acceptance 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import chainpower.scenarios.run as run_mod
from chainpower.errors import SpecError
from chainpower.mrio.table import MRIOTable
from chainpower.scenarios import Scenario, ScenarioSet, run_scenarios

GOOD = """
name = "fs"
[groups]
allies = ["C3", "C4"]

[[scenarios]]
id = "cut"
kind = "extraction"
origin = ["C1"]
sectors = ["S2"]
destination = ["C2"]
replace_from = "allies"
replace_shares = {C3 = 0.4, C4 = 0.6}

[[scenarios]]
id = "dem"
kind = "demand"
shock = "relative"
destination = ["C2"]
sectors = ["S1"]
change = -0.1
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "s.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_good_file_reads_and_resolves(tmp_path: Path, small: MRIOTable) -> None:
    s = ScenarioSet.from_toml(_write(tmp_path, GOOD))
    assert s.name == "fs" and [sc.id for sc in s.scenarios] == ["cut", "dem"]
    res = s.resolve(small.countries, small.sectors)
    assert res[0].rows.tolist() == [1]  # C1/S2
    assert res[0].cols.tolist() == [4, 5, 6, 7]  # all sectors of C2
    assert res[0].replace == [2, 3] and res[0].shares == {2: 0.4, 3: 0.6}
    assert res[1].rows.tolist() == [0, 4, 8, 12, 16] and res[1].dest.tolist() == [1]
    with pytest.raises(ValidationError, match="frozen"):
        s.scenarios[0].share = 0.5


@pytest.mark.parametrize(
    ("edit", "key", "message"),
    [
        (('origin = ["C1"]', 'origin = ["XX1"]'), "scenarios[0].origin", "unknown country 'XX1'"),
        (('sectors = ["S2"]', 'sectors = ["S9"]'), "scenarios[0].sectors", "unknown sector 'S9'"),
        (
            ("C3 = 0.4, C4 = 0.6", "C3 = -0.4, C4 = 1.4"),
            "scenarios[0].replace_shares",
            "negative replacement share -0.4 for 'C3'",
        ),
        (
            ('allies = ["C3", "C4"]', 'allies = ["C3", "ZZZ"]'),
            "scenarios[0].replace_from",
            "unknown country 'ZZZ'",
        ),
    ],
)
def test_bad_labels_refused_before_computation(
    tmp_path: Path,
    small: MRIOTable,
    monkeypatch: pytest.MonkeyPatch,
    edit: tuple[str, str],
    key: str,
    message: str,
) -> None:
    called = []
    monkeypatch.setattr(run_mod, "map_tables", lambda *a, **k: called.append(1))
    text = GOOD.replace(*edit)
    assert text != GOOD
    with pytest.raises(SpecError) as err:
        run_scenarios(small, _write(tmp_path, text))
    assert message in str(err.value)
    assert err.value.key == key
    assert err.value.file is not None and err.value.file.endswith("s.toml")
    assert not called  # nothing was computed


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        ('kind = "extraction"', 'kind = "extract"', "scenarios[0].kind", "'extraction'"),
        ('shock = "relative"', 'shock = "percent"', "scenarios[1].shock", "coefficient_delta"),
        ("change = -0.1", "change = -1.5", "scenarios[1]", "below -1"),
        ('id = "dem"', 'id = "cut"', "scenarios[1].id", "duplicate scenario id"),
        ('id = "dem"', 'id = "dem"\nsharee = 0.5', "scenarios[1].sharee", "Extra inputs"),
        (
            'destination = ["C2"]\nreplace',
            'share = 1.5\ndestination = ["C2"]\nreplace',
            "scenarios[0].share",
            "less than or equal to 1",
        ),
        ("C3 = 0.4, C4 = 0.6", "C3 = 0.4, C4 = 0.4", "scenarios[0]", "sum to 0.8"),
    ],
)
def test_schema_errors_name_file_and_key(
    tmp_path: Path, old: str, new: str, key: str, message: str
) -> None:
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    with pytest.raises(SpecError) as err:
        ScenarioSet.from_toml(_write(tmp_path, text))
    assert message in str(err.value), str(err.value)
    assert err.value.key == key
    assert "s.toml" in str(err.value)


def test_toml_syntax_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="not valid TOML"):
        ScenarioSet.from_toml(_write(tmp_path, "name = [unclosed"))
    with pytest.raises(SpecError, match="not found"):
        ScenarioSet.from_toml(tmp_path / "none.toml")
    with pytest.raises(SpecError, match="at least 1 item"):
        ScenarioSet.from_toml(_write(tmp_path, 'name = "x"\nscenarios = []'))


def test_constructors_and_kind_rules(small: MRIOTable) -> None:
    cut = Scenario.extraction("no_c1", origin="C1", sectors=["S1"], replace_from="domestic")
    assert cut.origin == ("C1",) and cut.kind == "extraction"
    tariff = Scenario.demand_shock("d", destination="C2", sectors=["S1"], change=-0.1)
    assert tariff.destination == ("C2",) and tariff.shock == "relative"
    with pytest.raises(SpecError, match="needs 'origin'"):
        Scenario.extraction("e", origin=[])
    with pytest.raises(SpecError, match="backward extraction only"):
        Scenario.extraction("e", origin="C1", direction="forward", replace_from="domestic")
    with pytest.raises(SpecError, match="domestic replacement"):
        Scenario.extraction("e", origin="C1", destination=["C1"], replace_from="domestic").resolve(
            small.countries, small.sectors
        )
    with pytest.raises(SpecError, match="also an extracted origin"):
        Scenario.extraction("e", origin="C1", replace_from=("C1",)).resolve(
            small.countries, small.sectors
        )
    with pytest.raises(SpecError, match="duplicate"):
        ScenarioSet.of([cut, cut])
