"""Agreement measures: a vote matrix worked by hand, and a plain loop over the real files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.alignment.agreement import (
    agreement_scores,
    cohen_kappa,
    dyad_agreement,
    s_score,
    share_identical,
)
from chainpower.errors import InputError

# Eight roll calls of one year (codebook 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member).
#   rc:  1  2  3  4  5  6  7  8
A = [1, 1, 3, 2, 1, 8, 1, 3]
B = [1, 3, 3, 2, 2, 1, 9, 1]


def test_pair_measures_by_hand_absent_dropped() -> None:
    # Drop rc6 (A absent) and rc7 (B not a member): n = 6 roll calls 1,2,3,4,5,8.
    # Identical on rc1, rc3, rc4 → share = 3/6 = 1/2.
    assert share_identical(np.array(A), np.array(B)) == pytest.approx(0.5)
    # Coding yes 1 / abstain .5 / no 0: |A−B| = 0, 1, 0, 0, .5, 1 → Σ = 2.5, d_max = 1:
    # S = 1 − 2·2.5/(6·1) = 1/6.
    assert s_score(np.array(A), np.array(B)) == pytest.approx(1 / 6)
    # Coding 1/2/3: |A−B| = 0, 2, 0, 0, 1, 2 → Σ = 5, d_max = 2: S = 1 − 2·5/(6·2) = 1/6.
    assert s_score(np.array(A), np.array(B), coding="1-2-3") == pytest.approx(1 / 6)
    # Kappa: A yes 3/6, abst 1/6, no 2/6; B yes 2/6, abst 2/6, no 2/6;
    # p_e = 1/2·1/3 + 1/6·1/3 + 1/3·1/3 = 1/3, p_o = 1/2 → κ = (1/2 − 1/3)/(2/3) = 1/4.
    assert cohen_kappa(np.array(A), np.array(B)) == pytest.approx(0.25)


def test_pair_measures_by_hand_absent_as_abstain() -> None:
    # rc6 A absent → abstain (2) vs B yes: n = 7, identical 3 → share 3/7.
    a, b = np.array(A), np.array(B)
    assert share_identical(a, b, absent="abstain") == pytest.approx(3 / 7)
    # Σ|A−B| = 2.5 + |.5 − 1| = 3 → S = 1 − 6/7 = 1/7.
    assert s_score(a, b, absent="abstain") == pytest.approx(1 / 7)
    # A: yes 3, abst 2, no 2; B: yes 3, abst 2, no 2 (of 7): p_e = (9+4+4)/49 = 17/49,
    # p_o = 21/49 → κ = (4/49)/(32/49) = 1/8.
    assert cohen_kappa(a, b, absent="abstain") == pytest.approx(1 / 8)


def test_kappa_undefined_and_empty() -> None:
    assert np.isnan(cohen_kappa(np.array([1, 1, 1]), np.array([1, 1, 1])))
    with pytest.raises(InputError, match="no roll call"):
        s_score(np.array([8, 9]), np.array([1, 1]))
    with pytest.raises(InputError, match="unknown coding"):
        s_score(np.array([1]), np.array([1]), coding="0-1")


def _frame(cols: dict[str, list[int]], year: int = 2000, session: int = 55) -> pd.DataFrame:
    rows = [
        (k + 1, session, year, iso, v)
        for iso, vs in cols.items()
        for k, v in enumerate(vs)
        if v != 0
    ]
    return pd.DataFrame(rows, columns=["rcid", "session", "year", "iso3", "vote"])


def test_vectorised_matches_hand_values() -> None:
    votes = pd.concat(
        [
            _frame({"AAA": A, "BBB": B, "CCC": A}),
            # a second year: BBB identical to AAA on two votes
            _frame({"AAA": [1, 3], "BBB": [1, 3]}, year=2001, session=56).assign(
                rcid=[101, 102] * 2
            ),
        ]
    )
    out = agreement_scores(votes, reference="AAA").set_index(["year", "country"])
    r = out.loc[(2000, "BBB")]
    assert r["n_votes"] == 6
    assert (r["share"], r["sscore"], r["kappa"]) == pytest.approx((0.5, 1 / 6, 0.25))
    # CCC = AAA: both absent on rc6 → n = 7, everything identical: share = S = κ = 1.
    c = out.loc[(2000, "CCC")]
    assert (c["n_votes"], c["share"], c["sscore"], c["kappa"]) == pytest.approx((7, 1, 1, 1))
    assert out.loc[(2001, "BBB"), "sscore"] == pytest.approx(1.0)
    assert (2001, "CCC") not in out.index  # no joint vote → no row
    d = dyad_agreement(votes, "BBB", "AAA", years=(2000, 2000))
    assert len(d) == 1 and d["share"].iloc[0] == pytest.approx(0.5)


def test_vectorised_absent_inferred_in_unvotes_layout() -> None:
    # unvotes layout: no rows for absences. AAA's rc6 and BBB's rc7 rows are missing; both
    # voted in the session, so with absent="abstain" both count as abstentions:
    # n = 8, identical rc1, rc3, rc4 → share 3/8; Σ|A−B| = 2.5 + .5 + .5 = 3.5 → S = 1/8.
    a = [v if v in (1, 2, 3) else 0 for v in A]
    b = [v if v in (1, 2, 3) else 0 for v in B]
    out = agreement_scores(_frame({"AAA": a, "BBB": b}), "AAA", ["BBB"], absent="abstain")
    assert out["n_votes"].iloc[0] == 8
    assert out["share"].iloc[0] == pytest.approx(3 / 8)
    assert out["sscore"].iloc[0] == pytest.approx(1 / 8)
    dropped = agreement_scores(_frame({"AAA": a, "BBB": b}), "AAA", ["BBB"])
    assert dropped["sscore"].iloc[0] == pytest.approx(1 / 6)


def test_bad_inputs() -> None:
    votes = _frame({"AAA": A, "BBB": B})
    with pytest.raises(InputError, match="outside the codebook"):
        agreement_scores(votes.assign(vote=votes["vote"].replace({2: 5})), "AAA")
    with pytest.raises(InputError, match="reference country 'ZZZ'"):
        agreement_scores(votes, "ZZZ")
    with pytest.raises(InputError, match="two votes of one country"):
        agreement_scores(pd.concat([votes, votes.iloc[[0]]]), "AAA")
    with pytest.raises(InputError, match=r"no recorded votes in year\(s\) \[2001\]"):
        agreement_scores(votes, "AAA", years=(2000, 2001))
    out = agreement_scores(votes, "AAA", years=(2000, 2001), skip_empty_years=True)
    assert set(out["year"]) == {2000}


def _plain_loop_s(raw: pd.DataFrame, rc: pd.DataFrame, a: str, b: str, year: int) -> float:
    """Independent S-score: python loop over the raw parquet rows (ISO2 codes, strings)."""
    years = pd.to_datetime(rc["date"]).dt.year
    ids = set(rc.loc[years == year, "rcid"].astype(int))
    val = {"yes": 1.0, "abstain": 0.5, "no": 0.0}
    va: dict[int, float] = {}
    vb: dict[int, float] = {}
    pair = raw[raw["country_code"].isin([a, b])]
    for rcid, code, vote in zip(pair["rcid"], pair["country_code"], pair["vote"], strict=True):
        if int(rcid) in ids:
            (va if code == a else vb)[int(rcid)] = val[str(vote)]
    both = sorted(set(va) & set(vb))
    total = sum(abs(va[k] - vb[k]) for k in both)
    return 1.0 - 2.0 * total / len(both)


@pytest.mark.shared_data
def test_sscore_real_data_against_plain_loop(
    un_votes_real: pd.DataFrame, unvotes_dir: Path
) -> None:
    raw = pd.read_parquet(unvotes_dir / "un_votes.parquet")
    rc = pd.read_parquet(unvotes_dir / "un_roll_calls.parquet")
    cases = [
        ("CN", "US", "CHN", "USA", 2018),
        ("GB", "US", "GBR", "USA", 1985),
        ("IN", "RU", "IND", "RUS", 1975),
        ("FR", "DE", "FRA", "DEU", 2005),
    ]
    for a2, b2, a3, b3, year in cases:
        want = _plain_loop_s(raw, rc, a2, b2, year)
        got = dyad_agreement(un_votes_real, a3, b3, years=(year, year))
        assert got["sscore"].iloc[0] == pytest.approx(want, abs=1e-12), (a3, b3, year)


@pytest.mark.shared_data
def test_real_one_against_all(un_votes_real: pd.DataFrame) -> None:
    out = agreement_scores(un_votes_real, "USA")
    assert out[["share", "sscore"]].notna().all().all()
    assert out["sscore"].between(-1, 1).all() and out["share"].between(0, 1).all()
    usa = out[out["country"] == "USA"]
    assert np.allclose(usa[["share", "sscore"]].to_numpy(), 1.0)
    # codings are affine in one another → identical S
    alt = agreement_scores(un_votes_real, "USA", coding="1-2-3")
    assert np.allclose(alt["sscore"], out["sscore"])
    with pytest.raises(InputError, match=r"\[1964\]"):
        agreement_scores(un_votes_real, "USA", years=(1960, 1970))
