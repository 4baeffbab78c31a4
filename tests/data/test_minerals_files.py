"""Readers of the USGS MCS, stage-share and EU CRM 2023 files, against PROVENANCE numbers."""

from __future__ import annotations

import pytest

from chainpower.data.minerals_files import (
    clean_country_name,
    read_crm2023_table_a,
    read_stage_shares,
    read_usgs_world,
)
from chainpower.errors import InputError


def test_clean_country_names() -> None:
    plain = frozenset({"Japan", "Russia", "Korea, Republic of", "Ukraine"})
    assert clean_country_name("Japane", plain) == ("Japan", "", "JPN", "country")
    assert clean_country_name("Korea, Republic ofe", plain)[2] == "KOR"
    assert clean_country_name("Ukraine", plain)[2] == "UKR"
    assert clean_country_name("Other countries4", plain)[3] == "other"
    assert clean_country_name("World total (rounded)", plain)[1:] == ("rounded", None, "world")
    assert clean_country_name("United\xa0States1", plain)[2] == "USA"
    assert clean_country_name("Brazil (beneficiated)", plain)[:3] == (
        "Brazil",
        "beneficiated",
        "BRA",
    )
    assert clean_country_name("Congo (Kinshasa)", plain)[2] == "COD"
    assert clean_country_name("United States and Canada", plain)[3] == "group"
    with pytest.raises(InputError, match="not recognised"):
        clean_country_name("Atlantis", plain)


@pytest.mark.shared_data
def test_usgs_china_shares_match_provenance() -> None:
    from chainpower.trade.minerals import production_shares

    w = read_usgs_world()
    assert len(w) == 7224 and (w["kind"] == "group").sum() == 8
    cases = [
        ("raree", 2023, 2022, 0.700),
        ("raree", 2024, 2023, 0.686),
        ("galli", 2023, 2022, 0.982),
        ("galli", 2024, 2023, 0.984),
        ("tungs", 2024, 2023, 0.808),
        ("mgmet", 2023, 2022, 0.900),
    ]
    for code, release, year, expected in cases:
        s = production_shares(w, code, release=release, year=year).set_index("iso3")["share"]
        assert s["CHN"] == pytest.approx(expected, abs=0.0006), code


@pytest.mark.shared_data
def test_stage_shares_and_table_a() -> None:
    s = read_stage_shares()
    assert len(s) == 2865 and set(s["stage"]) == {"mined", "refined", "reserves"}
    assert s["share"].between(0, 1).all()
    a = read_crm2023_table_a().set_index("material")
    assert len(a) == 31
    assert (a.loc["gallium", "iso3"], a.loc["gallium", "share"]) == ("CHN", 0.94)
    assert (a.loc["cobalt", "iso3"], a.loc["cobalt", "stage"]) == ("COD", "extraction")
