"""HS vintages and concordances (real concordance files) and the dated EU."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from chainpower.data import groups
from chainpower.errors import InputError


def test_eu_membership_by_date() -> None:
    assert len(groups.eu_members("2013-06-30")) == 27 and "HRV" not in groups.eu_members(
        "2013-06-30"
    )
    assert len(groups.eu_members(2013)) == 28
    assert "GBR" in groups.eu_members(dt.date(2020, 1, 31))
    assert "GBR" not in groups.eu_members(dt.date(2020, 2, 1))
    assert groups.GROUPS["EU27"] == groups.eu_members(2024)
    assert len(groups.eu_members(1995)) == 15
    with pytest.raises(InputError, match="as_of"):
        groups.group_members("EU")
    with pytest.raises(InputError, match="unknown group"):
        groups.group_members("EUROPE")
    assert groups.group_members("usa") == frozenset({"USA"})


@pytest.mark.shared_data
def test_chips_map_to_electrical_and_optical_equipment() -> None:
    from chainpower.data.hs import hs_codes, hs_to_isic3, hs_to_sector

    assert len(hs_codes("HS17")) == 5388 and len(hs_codes("HS2017")) == 5388
    chips = [c for c in sorted(hs_codes("HS17")) if c.startswith(("8541", "8542"))]
    sectors = hs_to_sector(chips, "HS17")
    assert set(sectors) == {"c14"}
    isic = hs_to_isic3(chips, "HS17")
    assert (isic.drop("854239") == "3210").all() and isic["854239"] == "3190"  # PROVENANCE check
    assert hs_to_sector(["260300", "850511", "870380"]).tolist() == ["c2", "c14", "c15"]
    with pytest.raises(InputError, match="unknown HS17 code"):
        hs_to_sector(["123456"])
    with pytest.raises(InputError, match="no ISIC3 class"):
        hs_to_sector(["999999"])


@pytest.mark.shared_data
def test_code_changes_between_vintages() -> None:
    from chainpower.data.hs import convert_products, hs_mapping

    # HS22 split 811292 (HS17) into hafnium 811231 and rhenium 811241 (and others)
    df = pd.DataFrame(
        {
            "year": [2022, 2022, 2022],
            "exporter": ["CHN", "CHN", "FRA"],
            "importer": ["DEU", "DEU", "DEU"],
            "product": ["811231", "811241", "811231"],
            "value": [10.0, 5.0, 2.0],
            "qty": [np.nan, np.nan, 1.0],
        }
    )
    out = convert_products(df, "HS22", "HS17").set_index("exporter")
    assert out.loc["CHN", "product"] == "811292" and out.loc["CHN", "value"] == 15.0
    assert np.isnan(out.loc["CHN", "qty"]) and out.loc["FRA", "qty"] == 1.0
    assert sorted(hs_mapping("HS17", "HS22").query("from_code == '854140'")["to_code"]) == [
        "854141",
        "854142",
        "854143",
        "854149",
    ]
    split = df.assign(product=["854140", "854140", "854140"])
    with pytest.raises(InputError, match=r"splits into \['854141'.*854140"):
        convert_products(split, "HS17", "HS22")
