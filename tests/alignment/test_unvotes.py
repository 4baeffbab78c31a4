"""Vote loaders: the real unvotes files, generated files in both published layouts, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.unvotes import (
    load_roll_calls,
    load_unvotes,
    load_voeten_dataverse,
    load_voeten_roll_calls,
    session_year,
)
from chainpower.errors import DataNotFoundError, InputError, LayoutError


def test_session_year() -> None:
    assert session_year(1) == 1946
    assert session_year(73) == 2018
    assert list(session_year(np.array([74, 77]))) == [2019, 2022]


@pytest.mark.shared_data
def test_real_unvotes(un_votes_real: pd.DataFrame, unvotes_dir: Path) -> None:
    v = un_votes_real
    assert list(v.columns) == ["rcid", "session", "year", "date", "iso3", "vote"]
    assert len(v) == 870_109  # PROVENANCE.md
    assert v["rcid"].nunique() == 6_203
    assert (v["session"].min(), v["session"].max()) == (1, 74)
    assert str(v["vote"].dtype) == "int8" and set(v["vote"].unique()) == {1, 2, 3}
    assert v["iso3"].notna().all() and not v.duplicated(["rcid", "iso3"]).any()
    # yes/abstain/no counts equal the raw file's strings
    raw = pd.read_parquet(unvotes_dir / "un_votes.parquet")
    counts = raw["vote"].astype(str).value_counts()
    assert (v["vote"] == 1).sum() == counts["yes"]
    assert (v["vote"] == 2).sum() == counts["abstain"]
    assert (v["vote"] == 3).sum() == counts["no"]
    # year is the calendar year of the date; 1964 (19th session) had no recorded vote
    assert (v["year"] == v["date"].dt.year).all()
    assert 1964 not in set(v["year"])
    # predecessors merged into successors without overlap
    deu = v[v["iso3"] == "DEU"]
    assert deu["session"].min() == 28 and not deu.duplicated("rcid").any()


@pytest.mark.shared_data
def test_real_roll_calls(un_roll_calls_real: pd.DataFrame, unvotes_dir: Path) -> None:
    rc = un_roll_calls_real
    assert len(rc) == 6_203 and rc["rcid"].is_unique
    issues = pd.read_parquet(unvotes_dir / "un_roll_call_issues.parquet")
    for code in ("me", "nu", "di", "hr", "co", "ec"):
        assert rc[code].sum() == (issues["short_name"] == code).sum()
    assert {"unres", "short", "descr", "importantvote"} <= set(rc.columns)


@pytest.mark.shared_data
def test_single_file_path(unvotes_dir: Path, un_votes_real: pd.DataFrame) -> None:
    rc = load_roll_calls(unvotes_dir / "un_roll_calls.parquet")
    assert len(rc) == 6_203


def _write_unvotes_csv(folder: Path, votes: list[tuple[object, ...]]) -> Path:
    """Files in the unvotes layout as R's write.csv writes them (NA for missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(votes, columns=["rcid", "country", "country_code", "vote"]).to_csv(
        folder / "un_votes.csv", index=False, na_rep="NA"
    )
    pd.DataFrame(
        {
            "rcid": [10, 11],
            "session": [28, 28],
            "importantvote": [0, 1],
            "date": ["1973-10-05", "1974-01-02"],
            "unres": ["R/28/1", "R/28/2"],
            "amend": [0, "NA"],
            "para": [1, 0],
            "short": ["A", "B"],
            "descr": ["d1", "d2"],
        }
    ).to_csv(folder / "un_roll_calls.csv", index=False)
    pd.DataFrame({"rcid": [11], "short_name": ["hr"], "issue": ["Human rights"]}).to_csv(
        folder / "un_roll_call_issues.csv", index=False
    )
    return folder


def test_generated_unvotes_csv_layout(tmp_path: Path) -> None:
    folder = _write_unvotes_csv(
        tmp_path / "u",
        [
            (10, "United States", "US", "yes"),
            (10, "Namibia", "NA", "no"),
            (10, "Federal Republic of Germany", None, "abstain"),
            (11, "Yugoslavia", "YU", "no"),
            (11, "United States", "US", "yes"),
        ],
    )
    v = load_unvotes(folder)
    got = {(r.rcid, r.iso3): r.vote for r in v.itertuples()}
    assert got == {(10, "USA"): 1, (10, "NAM"): 3, (10, "DEU"): 2, (11, "SRB"): 3, (11, "USA"): 1}
    assert set(v["year"]) == {1973, 1974} and set(v["session"]) == {28}
    rc = load_roll_calls(folder)
    assert rc["hr"].tolist() == [False, True]
    assert rc["amend"].isna().tolist() == [False, True]


US_YES = (10, "United States", "US", "yes")

BAD_VOTE_ROWS = {
    "bad_vote_code": (
        [US_YES, (10, "Canada", "CA", "maybe")],
        r"'maybe' is outside the codebook.*row 1",
    ),
    "unknown_country": ([(10, "Atlantis", "QX", "yes")], "unknown ISO2 country code 'QX'"),
    "conflicting_duplicates": (
        [US_YES, (10, "United States", "US", "no")],
        r"conflicting duplicate vote rows \(rcid=10, iso3=USA",
    ),
}


@pytest.mark.parametrize("case", list(BAD_VOTE_ROWS))
def test_bad_vote_rows_raise(tmp_path: Path, case: str) -> None:
    rows, message = BAD_VOTE_ROWS[case]
    folder = _write_unvotes_csv(tmp_path / "u", rows)
    with pytest.raises(InputError, match=message):
        load_unvotes(folder)


def test_exact_duplicates_dropped(tmp_path: Path) -> None:
    folder = _write_unvotes_csv(tmp_path / "a", [US_YES, US_YES])
    assert len(load_unvotes(folder)) == 1  # documented: exact duplicate rows are dropped


def test_duplicated_roll_call_rows(tmp_path: Path) -> None:
    folder = _write_unvotes_csv(tmp_path / "u", [(10, "United States", "US", "yes")])
    rc = pd.read_csv(folder / "un_roll_calls.csv", keep_default_na=False)
    pd.concat([rc, rc.iloc[[0]]]).to_csv(folder / "un_roll_calls.csv", index=False)
    assert len(load_roll_calls(folder)) == 2  # exact duplicate dropped
    rc2 = pd.concat([rc, rc.iloc[[0]].assign(session=29)])
    rc2.to_csv(folder / "un_roll_calls.csv", index=False)
    with pytest.raises(InputError, match="conflicting duplicate roll-call rows"):
        load_roll_calls(folder)


def test_vote_without_roll_call_and_missing_files(tmp_path: Path) -> None:
    folder = _write_unvotes_csv(tmp_path / "u", [(99, "United States", "US", "yes")])
    with pytest.raises(InputError, match="roll call 99 that has no description"):
        load_unvotes(folder)
    with pytest.raises(DataNotFoundError):
        load_unvotes(tmp_path / "nowhere")


def _write_dataverse(folder: Path, rows: list[tuple[int, int, int, int]]) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    votes = folder / "RawVotingdata.tab"
    pd.DataFrame(rows, columns=["rcid", "ccode", "member", "vote"]).to_csv(
        votes, sep="\t", index=False
    )
    desc = folder / "descriptions.tab"
    pd.DataFrame(
        {
            "rcid": [5, 6],
            "session": [44, 45],
            "abstain": [1, 0],
            "yes": [100, 90],
            "no": [3, 2],
            "importantvote": [0, 0],
            "date": ["1989-12-06", "1990-10-10"],
            "unres": ["R/44/1", ""],
            "amend": [0, 0],
            "para": [0, 0],
            "short": ["S", "T"],
            "descr": ["x", "y"],
            "me": [1, 0],
            "nu": [0, 0],
            "di": [0, 1],
            "hr": [0, 0],
            "co": [0, 0],
            "ec": [0, 0],
        }
    ).to_csv(desc, sep="\t", index=False)
    return votes, desc


def test_generated_dataverse_layout(tmp_path: Path) -> None:
    votes, desc = _write_dataverse(
        tmp_path,
        [
            (5, 2, 1, 1),
            (5, 365, 1, 3),
            (5, 678, 1, 8),
            (5, 679, 0, 9),
            (5, 680, 1, 2),
            (6, 2, 1, 1),
            (6, 265, 0, 9),
            (6, 260, 1, 1),
        ],
    )
    v = load_voeten_dataverse(votes, desc)
    assert list(v.columns) == ["rcid", "session", "year", "date", "iso3", "vote"]
    got = {(r.rcid, r.iso3): r.vote for r in v.itertuples()}
    # 679's non-member row on roll call 5 is dropped: 678 (also YEM) sat and was absent (8)
    assert got == {
        (5, "USA"): 1,
        (5, "RUS"): 3,
        (5, "YEM"): 8,
        (5, "YMD"): 2,
        (6, "USA"): 1,
        (6, "DDR"): 9,
        (6, "DEU"): 1,
    }
    assert set(v["year"]) == {1989, 1990}
    rc = load_voeten_roll_calls(desc)
    assert rc["me"].tolist() == [True, False] and rc["di"].tolist() == [False, True]


def test_dataverse_bad_codes(tmp_path: Path) -> None:
    votes, desc = _write_dataverse(tmp_path / "a", [(5, 2, 1, 4)])
    with pytest.raises(InputError, match=r"vote '4' is outside the codebook.*row 0"):
        load_voeten_dataverse(votes, desc)
    votes, desc = _write_dataverse(tmp_path / "b", [(5, 2, 1, 1), (5, 1234, 1, 1)])
    with pytest.raises(InputError, match="unknown COW country code 1234.*row 1"):
        load_voeten_dataverse(votes, desc)
    bad = tmp_path / "c.tab"
    pd.DataFrame({"rcid": [5], "country": [2]}).to_csv(bad, sep="\t", index=False)
    with pytest.raises(LayoutError, match="missing columns"):
        load_voeten_dataverse(bad, desc)
