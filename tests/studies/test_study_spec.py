"""StudySpec: the default spec's content, TOML round trip, and errors that name the key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from chainpower.data.countries import PAPER000_ECONOMIES
from chainpower.errors import SpecError
from chainpower.studies.spec import StudySpec, default_spec_text, spec_to_toml


def _default_dict() -> dict:
    return tomllib.loads(default_spec_text())


def test_default_spec_is_paper000() -> None:
    spec = StudySpec.default()
    assert spec.name == "paper000"
    assert sorted(spec.economies) == sorted(PAPER000_ECONOMIES) and len(spec.economies) == 15
    assert spec.years == (2018, 2022) and spec.year_list == [2018, 2019, 2020, 2021, 2022]
    assert [i.name for i in spec.industries] == ["chips", "vehicles", "minerals"]
    assert [i.sectors["adb"] for i in spec.industries] == [("c14",), ("c15",), ("c2",)]
    assert spec.outcome.source == "adb_ksreyes" and spec.outcome.family == "adb"
    assert spec.outcome.indicators == ("bm_gvcp_trade_f", "bm_gvcp_trade_b")
    assert spec.alignment.source == "published" and spec.alignment.reference == "USA"
    d = spec.design
    assert (d.policy_year, d.reference_year, d.placebo_year, d.placebo_years) == (
        2021, 2020, 2019, (2018, 2020)
    )
    assert spec.inference.methods == ("crv1", "cr3", "wild", "ri")


def test_toml_round_trip(tmp_path: Path) -> None:
    spec = StudySpec.default().replace(alignment={"reference": "CHN"}, years=[2017, 2022])
    path = tmp_path / "spec.toml"
    path.write_text(spec_to_toml(spec), encoding="utf-8")
    back = StudySpec.from_toml(path)
    assert back == spec
    assert back.alignment.reference == "CHN" and back.years == (2017, 2022)


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        ({"models": {"include": ["pooled", "ols"]}}, "models.include[1]", ["'pooled'", "'did'"]),
        ({"controls": {"missing": "interpolate"}}, "controls.missing", ["'extend'", "'drop'"]),
        ({"alignment": {"source": "mine"}}, "alignment.source", ["'published'", "'own'"]),
        ({"outcome": {"source": "tiva"}}, "outcome.source", ["'adb_ksreyes'", "'mrio'"]),
        ({"design": {"policy_year": 2030}}, "design.policy_year", ["2030"]),
        ({"design": {"event_reference": 2022}}, "design.event_reference", ["2022"]),
        ({"design": {"placebo_years": [2019, 2020], "placebo_year": 2019}},
         "design.placebo_years", ["placebo_year"]),
        ({"economies": ["USA", "usa"]}, "economies[1]", ["ISO3"]),
        ({"economies": ["USA", "USA"]}, "economies", ["twice"]),
        ({"alignment": {"source": "own"}}, "alignment.source", ["2019"]),
        ({"inference": {"n_boot": 10}}, "inference.n_boot", ["99"]),
        ({"controlz": {}}, "controlz", ["unknown key"]),
        ({"outcome": {"source": "mrio", "indicators": ["kww_iv"]}}, "outcome.table",
         ["wiod2013"]),
    ],
)
def test_errors_name_the_key_and_allowed_values(change: dict, key: str, words: list[str]) -> None:
    data = {**_default_dict(), **{k: ({**_default_dict().get(k, {}), **v}
                                      if isinstance(v, dict) else v) for k, v in change.items()}}
    with pytest.raises(SpecError) as err:
        StudySpec.from_dict(data, file="my.toml")
    assert err.value.key == key, str(err.value)
    text = str(err.value)
    assert "my.toml" in text and f"key {key}" in text
    for w in words:
        assert w in text, text


def test_industry_needs_codes_for_the_outcome_family() -> None:
    data = _default_dict()
    data["industries"][1]["sectors"] = {"wiod": ["c15"]}
    with pytest.raises(SpecError) as err:
        StudySpec.from_dict(data)
    assert err.value.key == "industries[1].sectors.adb"
    data = _default_dict()
    data["industries"][0]["sectors"]["adb"] = ["c14", "c13"]
    with pytest.raises(SpecError, match="denominator") as err:
        StudySpec.from_dict(data)
    assert err.value.key == "industries[0].sectors.adb"


def test_missing_file_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="not found"):
        StudySpec.from_toml(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("name = \n", encoding="utf-8")
    with pytest.raises(SpecError, match="not valid TOML") as err:
        StudySpec.from_toml(bad)
    assert str(bad) in str(err.value)


def test_spec_is_frozen() -> None:
    spec = StudySpec.default()
    with pytest.raises(Exception, match="frozen"):
        spec.name = "other"  # type: ignore[misc]
