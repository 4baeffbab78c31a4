"""Trust = −|θ_i − θ_ref|: paper 000's table from the published estimates, own estimates,
store output, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.alignment.trust import (
    PAPER000_COUNTRIES,
    paper000_comparison,
    trust,
    trust_indicators,
    write_trust,
)
from chainpower.errors import InputError


@pytest.mark.shared_data
def test_paper000_table_from_published(shared_data: Path) -> None:
    table = trust("published", countries=PAPER000_COUNTRIES, years=(2018, 2022))
    assert len(table) == 75 and set(table["iso3"]) == set(PAPER000_COUNTRIES)
    assert np.allclose(table["trust"], -table["distance"])
    # independent computation straight from the CSV (iso3c column, session = year − 1945)
    raw = pd.read_csv(shared_data / "unga" / "bsv" / "IdealpointestimatesAll_Jul2023.csv")
    raw = raw[raw["iso3c"].isin(PAPER000_COUNTRIES) & raw["session"].between(73, 77)]
    us = raw[raw["iso3c"] == "USA"].set_index("session")["IdealPointAll"]
    d = (raw["IdealPointAll"] - raw["session"].map(us)).abs()
    assert np.allclose(np.sort(table["distance"]), np.sort(d))
    # PROVENANCE.md: mean 2.020, sd 0.996, min 0, max 3.613, n = 75
    cmp = paper000_comparison(table)
    assert cmp.loc["mean", "ours"] == pytest.approx(2.020, abs=5e-4)
    assert cmp.loc["sd", "ours"] == pytest.approx(0.996, abs=5e-4)
    assert cmp.loc["min", "ours"] == 0.0
    assert cmp.loc["max", "ours"] == pytest.approx(3.613, abs=5e-4)
    assert cmp.loc["n", "ours"] == 75
    assert cmp["paper"].tolist() == [2.032, 1.002, 0.0, 3.752, 75.0]
    assert cmp.loc["max", "difference"] == pytest.approx(3.613 - 3.752, abs=5e-4)
    # the largest distance is Vietnam in 2018
    top = table.loc[table["distance"].idxmax()]
    assert (top["iso3"], top["year"]) == ("VNM", 2018)


def _own() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["USA", "CHN", "GBR", "USA", "CHN", "GBR"],
            "session": [73, 73, 73, 74, 74, 74],
            "year": [2018, 2018, 2018, 2019, 2019, 2019],
            "ideal": [2.0, -1.0, 1.5, 2.5, -0.5, 1.0],
            "se": 0.1,
            "lower": 0.0,
            "upper": 0.0,
        }
    )


def test_own_estimates_any_reference() -> None:
    t = trust(_own(), reference="CHN", years=(2018, 2019)).set_index(["year", "iso3"])
    assert t.loc[(2018, "USA"), "distance"] == pytest.approx(3.0)
    assert t.loc[(2019, "GBR"), "trust"] == pytest.approx(-1.5)
    assert t.loc[(2019, "CHN"), "trust"] == 0.0

    class Result:  # duck-typed IdealPointResult
        def to_frame(self) -> pd.DataFrame:
            return _own()

    assert trust(Result(), reference="USA")["distance"].max() == pytest.approx(3.0)


def test_trust_bad_input() -> None:
    with pytest.raises(InputError, match=r"no ideal points for year\(s\) \[2020\]"):
        trust(_own(), years=(2019, 2020))
    with pytest.raises(InputError, match="reference 'USA' has no ideal point in year"):
        trust(_own()[lambda d: ~((d.iso3 == "USA") & (d.year == 2019))])
    with pytest.raises(InputError, match="no ideal point for 2 country-year"):
        trust(_own(), countries=["USA", "FRA"])
    with pytest.raises(InputError, match="two ideal points for one country-year"):
        trust(pd.concat([_own(), _own().iloc[[0]]]))
    with pytest.raises(InputError, match="non-finite"):
        trust(_own().assign(ideal=[1.0, np.nan, 1, 1, 1, 1]))
    with pytest.raises(InputError, match="unknown ideal-point source"):
        trust("nonsense")


def test_trust_to_store(store) -> None:  # type: ignore[no-untyped-def]
    t = trust(_own(), reference="USA")
    tidy = trust_indicators(t, source="own")
    assert set(tidy["indicator"]) == {"trust_ideal_distance", "trust_score"}
    assert len(tidy) == 2 * len(t)
    write_trust(store, t, source="own")
    back = store.read_indicators("trust_USA_own", indicator="trust_score", country="CHN")
    assert back.sort_values("year")["value"].tolist() == pytest.approx([-3.0, -3.0])
    assert back["partner"].unique().tolist() == ["USA"]
