"""Pure frame helpers: post dummies, pre-policy levels, products, event-study terms."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chainpower.errors import InputError
from chainpower.studies import add_event_terms, add_interaction, add_post, add_pre_level, estimate
from chainpower.studies.transforms import event_year, unit_constant


@pytest.fixture()
def df() -> pd.DataFrame:
    return pd.DataFrame({
        "country": ["A"] * 4 + ["B"] * 4,
        "year": [2018, 2019, 2020, 2021] * 2,
        "trust": [1.0, 2.0, 4.0, 9.0, 0.5, np.nan, 1.5, 7.0],
    })


def test_add_post(df):
    out = add_post(df, policy_year=2020)
    assert out["post"].tolist() == [0, 0, 1, 1] * 2
    assert "post" not in df.columns  # the input is not mutated
    with pytest.raises(InputError, match="constant"):
        add_post(df, policy_year=2030)


def test_add_pre_level_mean_and_last(df):
    mean = add_pre_level(df, "trust", before=2021)
    assert mean["trust_pre"].tolist() == [7 / 3] * 4 + [1.0] * 4  # B: NaN in 2019 is skipped
    last = add_pre_level(df, "trust", before=2021, how="last", name="t0")
    assert last["t0"].tolist() == [4.0] * 4 + [1.5] * 4
    with pytest.raises(InputError, match="no value of 'trust' before 2018") as err:
        add_pre_level(df, "trust", before=2018)
    assert err.value.label == "A"
    with pytest.raises(InputError, match="how must be"):
        add_pre_level(df, "trust", before=2021, how="median")  # type: ignore[arg-type]


def test_add_pre_level_last_averages_rows_of_that_year():
    stacked = pd.DataFrame({"country": ["A"] * 4, "industry": ["x", "y", "x", "y"],
                            "year": [2019, 2019, 2020, 2020], "trust": [1.0, 3.0, 5.0, 7.0]})
    out = add_pre_level(stacked, "trust", before=2021, how="last")
    assert out["trust_pre"].tolist() == [6.0] * 4


def test_add_interaction(df):
    out = add_interaction(add_post(df, policy_year=2020), "trust", "post")
    np.testing.assert_array_equal(out["trust_x_post"].to_numpy(),
                                  (df["trust"] * [0, 0, 1, 1, 0, 0, 1, 1]).to_numpy())
    with pytest.raises(InputError):
        add_interaction(df, "trust", "missing")


def test_add_event_terms(df):
    out, terms = add_event_terms(df, "trust", reference=2020)
    assert terms == ["trust:year_2018", "trust:year_2019", "trust:year_2021"]
    assert out["year_2019"].tolist() == [0, 1, 0, 0] * 2 and "year_2020" not in out
    assert [event_year(t) for t in terms] == [2018, 2019, 2021]
    with pytest.raises(InputError, match="reference year 2017"):
        add_event_terms(df, "trust", reference=2017)
    with pytest.raises(InputError, match="four-digit year"):
        event_year("trust:post")


def test_unit_constant(df):
    pre = add_pre_level(df, "trust", before=2021)
    assert unit_constant(pre, "trust_pre", "country").to_dict() == {"A": 7 / 3, "B": 1.0}
    with pytest.raises(InputError, match=r"varies within \['A', 'B'\]"):
        unit_constant(df.fillna(0.0), "trust", "country")


def test_event_study_pipeline_recovers_a_known_path():
    """y = a_i + d_t + trust_pre · β_t exactly (no noise): the event study returns β_t − β_ref."""
    rng = np.random.default_rng(1)
    years = list(range(2016, 2023))
    beta = dict(zip(years, [0.1, -0.2, 0.0, 0.3, 1.0, 1.5, 2.0], strict=True))
    rows = []
    for i in range(6):
        trust, a = float(rng.normal()), float(rng.normal())
        for y in years:
            rows.append((f"C{i}", y, trust, a + 0.1 * (y - 2016) + trust * beta[y]))
    panel = pd.DataFrame(rows, columns=["country", "year", "trust", "y"])
    panel = add_pre_level(panel, "trust", before=2021)
    panel, terms = add_event_terms(panel, "trust_pre", reference=2020)
    res = estimate(panel, outcome="y", terms=terms, model="twfe", inference=("crv1",))
    got = {event_year(t): res.estimate_of(t) for t in terms}
    for y, b in got.items():
        assert b == pytest.approx(beta[y] - beta[2020], abs=1e-9)
