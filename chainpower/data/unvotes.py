"""Readers of UN General Assembly roll-call data (Voeten; Bailey, Strezhnev & Voeten 2017).

Two published layouts are read into the same frames:

* the ``unvotes`` R-package layout (David Robinson; ``un_votes``, ``un_roll_calls``,
  ``un_roll_call_issues`` as Parquet or CSV): votes are "yes"/"abstain"/"no" strings and a
  country that was absent or not a member has **no row**;
* Voeten's Harvard Dataverse layout (doi:10.7910/DVN/LEJUQZ): ``RawVotingdata.tab`` with
  ``rcid, ccode, member, vote`` and a descriptions file with the roll-call metadata.

Votes use Voeten's codebook (:data:`VOTE_CODES`): 1 yes, 2 abstain, 3 no, 8 absent, 9 not a
member. Countries are ISO3 (:mod:`chainpower.data.countries`). Treatment of bad input: a vote
code outside the codebook, an unknown country, a roll call without metadata or a conflicting
duplicate (same roll call and country, different vote) raises :class:`InputError`; rows that
are exact duplicates of another row are dropped (documented in ``docs/alignment.md``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.countries import cow_to_iso3, iso2_to_iso3, names_to_iso3
from chainpower.data.paths import data_dir
from chainpower.data.reading import fail_at_first, read_frame
from chainpower.errors import DataNotFoundError, InputError, LayoutError

__all__ = [
    "ISSUE_CODES",
    "VOTE_CODES",
    "load_roll_calls",
    "load_unvotes",
    "load_voeten_dataverse",
    "load_voeten_roll_calls",
    "session_year",
]

#: Voeten's vote codebook.
VOTE_CODES: dict[int, str] = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "not a member"}
_VOTE_WORDS = {v: k for k, v in VOTE_CODES.items()}
#: Issue codes of ``un_roll_call_issues`` / the Dataverse descriptions.
ISSUE_CODES: tuple[str, ...] = ("me", "nu", "di", "hr", "co", "ec")
#: Roll-call fields of both published layouts (besides the issue codes), in output order.
_RC_FIELDS: tuple[str, ...] = (
    "rcid", "session", "date", "unres", "importantvote", "amend", "para", "short", "descr",
)  # fmt: skip
_SESSION_OFFSET = 1945


def session_year(session: int | np.ndarray | pd.Series) -> int | np.ndarray | pd.Series:
    """The year BSV assign to UNGA session ``s``: ``s + 1945`` (session 1 = 1946).

    A regular session opens in September of year ``s + 1945`` and its votes mostly fall in
    that autumn; BSV (2017) index their ideal points by this year.
    """
    return session + _SESSION_OFFSET


def _default_dir() -> Path:
    base = data_dir(required=True)
    assert base is not None
    return base / "unga" / "unvotes_dgrtwo"


def _find(path: str | Path | None, stem: str) -> Path:
    """The file ``stem`` (.parquet, then .csv) in a folder, next to a given file, or itself."""
    p = _default_dir() if path is None else Path(path)
    if not p.exists():  # never fall back to another file in the same folder
        raise DataNotFoundError("UN votes path not found", file=p)
    if p.is_file() and p.stem.removesuffix(".csv") == stem:
        return p
    folder = p if p.is_dir() else p.parent
    for suffix in (".parquet", ".csv"):
        cand = folder / f"{stem}{suffix}"
        if cand.is_file():
            return cand
    raise DataNotFoundError(f"no {stem}.parquet or {stem}.csv", file=folder)


def _read(path: Path, *, sep: str | None = None) -> pd.DataFrame:
    # keep_default_na=False: Namibia's ISO2 code is the string "NA".
    return read_frame(
        path, "UN votes file", sep=sep, keep_default_na=False, na_values=[""], low_memory=False
    )


def _require(df: pd.DataFrame, cols: list[str], path: Path) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise LayoutError(f"missing columns {missing} (has {list(df.columns)})", file=path)


def _as_int(series: pd.Series, name: str, path: Path) -> np.ndarray:
    num = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(num) | (num != np.round(num))
    fail_at_first(bad, lambda i: f"{name} {str(series.iloc[i])!r} is not an integer", file=path)
    return num.astype(np.int64)


def _vote_codes(series: pd.Series, path: Path) -> np.ndarray:
    """Map vote words or numbers to the codebook; raise on anything else (shape (n,) int8)."""
    text = series.astype("string").str.strip().str.lower()
    words = text.map(_VOTE_WORDS)
    nums = pd.to_numeric(text, errors="coerce")
    code = words.astype("Float64").fillna(nums.astype("Float64"))
    valid = code.isin(list(VOTE_CODES)).fillna(False).to_numpy(dtype=bool)
    fail_at_first(
        ~valid,
        lambda i: f"vote {str(series.iloc[i])!r} is outside the codebook "
        "(yes/abstain/no or 1, 2, 3, 8, 9)",
        file=path,
    )
    return code.to_numpy(dtype=np.int8)


def _dedup(df: pd.DataFrame, keys: list[str], path: Path, what: str) -> pd.DataFrame:
    """Drop exact duplicate rows; raise on rows that share ``keys`` but differ elsewhere."""
    df = df.drop_duplicates()
    dup = df.duplicated(keys, keep=False).to_numpy()
    if dup.any():
        first = df[dup].iloc[0]
        key = ", ".join(f"{k}={first[k]}" for k in keys)
        raise InputError(
            f"conflicting duplicate {what} rows ({key})",
            file=path,
            label=f"row {df.index[np.flatnonzero(dup)[0]]}",
        )
    return df


def _dates(series: pd.Series, path: Path) -> pd.Series:
    out = pd.to_datetime(series, errors="coerce", format="mixed")
    bad = out.isna().to_numpy()
    fail_at_first(bad, lambda i: f"date {str(series.iloc[i])!r} cannot be read", file=path)
    return out.astype("datetime64[ns]")


def _finish_roll_calls(rc: pd.DataFrame, path: Path) -> pd.DataFrame:
    rc = rc.copy()
    rc["rcid"] = _as_int(rc["rcid"], "rcid", path)
    rc["session"] = _as_int(rc["session"], "session", path)
    rc["date"] = _dates(rc["date"], path)
    rc["year"] = rc["date"].dt.year.astype("int64")
    for col in ("importantvote", "amend", "para"):
        rc[col] = pd.to_numeric(rc[col], errors="coerce").astype("Int8")
    for col in ("unres", "short", "descr"):
        rc[col] = rc[col].astype("string")
    rc = _dedup(rc, ["rcid"], path, "roll-call")
    cols = ["rcid", "session", "year", *_RC_FIELDS[2:], *ISSUE_CODES]
    return rc[cols].sort_values("rcid").reset_index(drop=True)


def load_roll_calls(path: str | Path | None = None) -> pd.DataFrame:
    """Roll-call metadata of the ``unvotes`` layout, one row per roll call.

    ``path``: the folder, or any file in it (default ``data_dir()/unga/unvotes_dgrtwo``).
    Columns: rcid, session, year (calendar year of ``date``), date, unres, importantvote, amend,
    para, short, descr, and one boolean per issue code (me, nu, di, hr, co, ec).
    """
    rc_path = _find(path, "un_roll_calls")
    is_path = _find(path, "un_roll_call_issues")
    rc = _read(rc_path)
    _require(
        rc,
        ["rcid", "session", "date", "unres", "importantvote", "amend", "para", "short", "descr"],
        rc_path,
    )
    issues = _read(is_path)
    _require(issues, ["rcid", "short_name"], is_path)
    issues = issues.assign(
        rcid=_as_int(issues["rcid"], "rcid", is_path),
        short_name=issues["short_name"].astype("string").str.strip(),
    )
    unknown = ~issues["short_name"].isin(ISSUE_CODES).to_numpy(dtype=bool)
    fail_at_first(
        unknown, lambda i: f"unknown issue code {issues['short_name'].iloc[i]!r}", file=is_path
    )
    rcids = set(pd.to_numeric(rc["rcid"], errors="coerce").dropna().astype(int))
    orphan = ~issues["rcid"].isin(rcids).to_numpy()
    fail_at_first(
        orphan, lambda i: f"issue row for unknown roll call {issues['rcid'].iloc[i]}", file=is_path
    )
    rc = rc.copy()
    rc_ids = pd.to_numeric(rc["rcid"], errors="coerce")
    for code in ISSUE_CODES:
        ids = set(issues.loc[issues["short_name"] == code, "rcid"])
        rc[code] = rc_ids.isin(ids).to_numpy(dtype=bool)
    return _finish_roll_calls(rc, rc_path)


def _attach(votes: pd.DataFrame, rc: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Join session/year/date onto votes; every vote's roll call must be known."""
    meta = rc.set_index("rcid")[["session", "year", "date"]]
    known = votes["rcid"].isin(meta.index).to_numpy()
    fail_at_first(
        ~known,
        lambda i: f"vote on roll call {votes['rcid'].iloc[i]} that has no description",
        file=path,
        label=lambda i: f"row {votes.index[i]}",
    )
    out = votes.join(meta, on="rcid")
    out = out[["rcid", "session", "year", "date", "iso3", "vote"]]
    out["iso3"] = out["iso3"].astype("string")
    out["vote"] = out["vote"].astype(np.int8)
    return out.sort_values(["rcid", "iso3"]).reset_index(drop=True)


def load_unvotes(path: str | Path | None = None) -> pd.DataFrame:
    """Country votes of the ``unvotes`` layout: one row per (roll call, country) that voted.

    ``path``: the folder, or the ``un_votes`` file (then ``un_roll_calls`` is read from the same
    folder). Columns: rcid, session, year (calendar year of the vote date), date, iso3, vote
    (int8, codebook 1 yes / 2 abstain / 3 no; this layout has no absent or non-member rows).
    """
    v_path = _find(path, "un_votes")
    votes = _read(v_path)
    _require(votes, ["rcid", "country", "vote"], v_path)
    votes = votes.reset_index(drop=True)
    rows = list(range(len(votes)))
    code = (
        (
            votes["country_code"]
            if "country_code" in votes.columns
            else pd.Series(pd.NA, index=votes.index)
        )
        .astype("string")
        .str.strip()
    )
    name = votes["country"].astype("string").str.strip()
    # A missing code (written "NA" by R's write.csv) is resolved by name, except for Namibia.
    no_code = (code.isna() | (code == "") | ((code == "NA") & (name != "Namibia"))).to_numpy(
        dtype=bool
    )
    iso3 = np.empty(len(votes), dtype=object)
    if (~no_code).any():
        iso3[~no_code] = iso2_to_iso3(
            code[~no_code].tolist(),
            file=v_path,
            rows=[r for r, m in zip(rows, no_code, strict=True) if not m],
        )
    if no_code.any():
        iso3[no_code] = names_to_iso3(
            name[no_code].tolist(),
            file=v_path,
            rows=[r for r, m in zip(rows, no_code, strict=True) if m],
        )
    frame = pd.DataFrame(
        {
            "rcid": _as_int(votes["rcid"], "rcid", v_path),
            "iso3": iso3,
            "vote": _vote_codes(votes["vote"], v_path),
        }
    )
    frame = _dedup(frame, ["rcid", "iso3"], v_path, "vote")
    rc = load_roll_calls(v_path)
    return _attach(frame, rc, v_path)


def load_voeten_roll_calls(descriptions_file: str | Path) -> pd.DataFrame:
    """Roll-call metadata of Voeten's Dataverse descriptions file (same columns as
    :func:`load_roll_calls`). Tab-separated for .tab/.tsv, comma for .csv, or Parquet."""
    path = Path(descriptions_file)
    if not path.is_file():
        raise DataNotFoundError("descriptions file not found", file=path)
    rc = _read(path)
    _require(
        rc,
        [*_RC_FIELDS, *ISSUE_CODES],
        path,
    )
    rc = rc.copy()
    for code in ISSUE_CODES:
        flag = pd.to_numeric(rc[code], errors="coerce").fillna(0).to_numpy()
        rc[code] = flag == 1
    return _finish_roll_calls(rc, path)


def load_voeten_dataverse(votes_file: str | Path, descriptions_file: str | Path) -> pd.DataFrame:
    """Country votes of Voeten's Dataverse layout (``RawVotingdata.tab``), same columns as
    :func:`load_unvotes`, including absent (8) and non-member (9) rows as published.

    COW codes (``ccode``) are converted with :func:`~chainpower.data.countries.cow_to_iso3`.
    """
    path = Path(votes_file)
    if not path.is_file():
        raise DataNotFoundError("votes file not found", file=path)
    votes = _read(path).reset_index(drop=True)
    _require(votes, ["rcid", "ccode", "vote"], path)
    frame = pd.DataFrame(
        {
            "rcid": _as_int(votes["rcid"], "rcid", path),
            "iso3": cow_to_iso3(votes["ccode"].tolist(), file=path),
            "vote": _vote_codes(votes["vote"], path),
        }
    )
    # A predecessor and its successor (e.g. COW 678 and 679 → YEM) both have rows on every roll
    # call; the "not a member" row of the one that did not sit is dropped.
    key = frame["rcid"].astype(str) + "/" + frame["iso3"].astype(str)
    seated = set(key[frame["vote"] != 9])
    frame = frame[~((frame["vote"] == 9) & key.isin(seated)).to_numpy()]
    frame = _dedup(frame, ["rcid", "iso3"], path, "vote")
    rc = load_voeten_roll_calls(descriptions_file)
    return _attach(frame, rc, path)
