"""The vote matrix of the ideal-point model: observations, country-sessions, bridged items.

Votes come in Voeten's codebook (1 yes, 2 abstain, 3 no, 8 absent, 9 not a member; see
:mod:`chainpower.data.unvotes`). Codes 1/2/3 become the ordered categories 0 (yes) < 1 (abstain)
< 2 (no); codes 8 and 9 are *missing* (not a vote, no information) and are dropped; any other
code raises :class:`InputError`.

Bridging (Bailey, Strezhnev & Voeten 2017, section "Identifying preferences over time"): a roll
call that is the *same resolution* voted again in a later session shares its item parameters
(discrimination and both cut-points) with the earlier votes. :func:`bridge_keys` finds them
from the roll-call text: the key is the normalised ``short`` title plus the normalised ``descr``
(upper case, everything but letters removed, spaces squeezed, so that years and document symbols
do not break a match). A key bridges when

* the roll call is a vote on a whole resolution (``amend == 0`` and ``para == 0``),
* ``short`` is not empty and ``descr`` has at least :data:`MIN_DESCR_WORDS` words,
* the key occurs in at least two sessions and at most once in each (a key repeated inside one
  session is ambiguous and left unbridged).

Items whose (bridged) votes all fall in one category carry no information and are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from chainpower.errors import InputError

__all__ = ["MIN_DESCR_WORDS", "VoteData", "bridge_keys", "build_vote_data"]

#: A ``descr`` shorter than this (in words) is too generic to identify a resolution.
MIN_DESCR_WORDS = 4
_SESSION_OFFSET = 1945
_MISSING = (8, 9)


@dataclass(frozen=True)
class VoteData:
    """Votes as index arrays, ready for the likelihood.

    Shapes: ``N`` votes, ``K`` country-sessions, ``J`` items, ``R`` roll calls kept.

    * ``k`` (N,) country-session of each vote, ``j`` (N,) item of each vote, ``y`` (N,) category
      0 yes / 1 abstain / 2 no. Votes are sorted by ``y``; ``bounds`` (4,) holds the slice starts.
    * ``iso3`` (K,), ``session`` (K,) label the country-sessions, sorted by country then session;
      ``prev`` (K,) is the previous country-session of the same country (-1 for the first) and
      ``gap`` (K,) the number of sessions since it (0 for the first).
    * ``item_rcids`` (J,) lists the roll calls of each item; ``n_bridges`` is the number of items
      that join roll calls from two or more sessions, ``n_bridged_rcids`` their roll calls.
    """

    k: np.ndarray
    j: np.ndarray
    y: np.ndarray
    bounds: np.ndarray
    iso3: np.ndarray
    session: np.ndarray
    prev: np.ndarray
    gap: np.ndarray
    item_rcids: list[np.ndarray]
    n_bridges: int
    n_bridged_rcids: int
    n_dropped_items: int

    @property
    def n_obs(self) -> int:
        return int(self.y.size)

    @property
    def n_units(self) -> int:
        return int(self.iso3.size)

    @property
    def n_items(self) -> int:
        return len(self.item_rcids)


def _normalise(text: pd.Series) -> pd.Series:
    """Upper case, letters only, single spaces (shape preserved)."""
    out = text.astype("string").fillna("").str.upper()
    out = out.str.replace(r"[^A-Z]+", " ", regex=True).str.replace(r"\s+", " ", regex=True)
    return out.str.strip()


def bridge_keys(roll_calls: pd.DataFrame) -> pd.Series:
    """Item key of every roll call: its bridge key where it bridges, else ``"rc<rcid>"``.

    ``roll_calls`` needs ``rcid, session, short, descr`` and may have ``amend, para``. Returns a
    string Series aligned with ``roll_calls.index``. The rule is stated in the module docstring.
    """
    short = _normalise(roll_calls["short"])
    descr = _normalise(roll_calls["descr"])
    whole = pd.Series(True, index=roll_calls.index)
    for col in ("amend", "para"):
        if col in roll_calls:
            whole &= roll_calls[col].fillna(0).astype(int).eq(0)
    usable = whole & short.ne("") & descr.str.count(" ").ge(MIN_DESCR_WORDS - 1)
    key = short + " | " + descr
    sessions = pd.DataFrame({"key": key, "session": roll_calls["session"]})[usable]
    per_key = sessions.groupby("key")["session"].agg(["nunique", "size"])
    good = per_key.index[(per_key["nunique"] >= 2) & (per_key["size"] == per_key["nunique"])]
    bridged = usable & key.isin(set(good))
    fallback = "rc" + roll_calls["rcid"].astype("int64").astype(str)
    return key.where(bridged, fallback).astype(str)


def _check_votes(votes: pd.DataFrame) -> None:
    for col in ("rcid", "session", "iso3", "vote"):
        if col not in votes:
            raise InputError(f"votes need a column {col!r}", label=col)
    codes = pd.to_numeric(votes["vote"], errors="coerce")
    bad = ~codes.isin([1, 2, 3, *_MISSING])
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"vote code {votes['vote'].iloc[i]} outside Voeten's codebook (1, 2, 3, 8, 9)",
            label=f"row {votes.index[i]} (rcid {votes['rcid'].iloc[i]}, {votes['iso3'].iloc[i]})",
        )
    dup = votes.duplicated(["rcid", "iso3"])
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError(
            "a country votes twice on one roll call",
            label=f"row {votes.index[i]} (rcid {votes['rcid'].iloc[i]}, {votes['iso3'].iloc[i]})",
        )


def _select(
    votes: pd.DataFrame, years: tuple[int, int] | None, countries: list[str] | None
) -> pd.DataFrame:
    """Votes of the session-years ``years`` (inclusive; year = session + 1945) and ``countries``."""
    out = votes
    if years is not None:
        lo, hi = int(years[0]), int(years[1])
        if lo > hi:
            raise InputError(f"empty year range {lo}-{hi}", label=f"years {lo}-{hi}")
        year = out["session"].astype("int64") + _SESSION_OFFSET
        out = out[(year >= lo) & (year <= hi)]
        if out.empty:
            raise InputError(f"no votes in the years {lo}-{hi}", label=f"years {lo}-{hi}")
    if countries is not None:
        wanted = [str(c).upper() for c in countries]
        iso = out["iso3"].astype(str)
        missing = sorted(set(wanted) - set(iso.unique()))
        if missing:
            raise InputError(f"no votes for countries {missing}", label=", ".join(missing))
        out = out[iso.isin(wanted)]
    return out


def build_vote_data(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame,
    *,
    years: tuple[int, int] | None = None,
    countries: list[str] | None = None,
    bridge: bool = True,
) -> VoteData:
    """Check, select and index the votes (see :class:`VoteData` for the arrays returned)."""
    _check_votes(votes)
    sel = _select(votes, years, countries)
    codes = pd.to_numeric(sel["vote"]).to_numpy()
    sel = sel[~np.isin(codes, _MISSING)]
    if sel.empty:
        raise InputError("no yes/abstain/no votes in the selection", label=f"years {years}")
    unknown = ~sel["rcid"].isin(roll_calls["rcid"])
    if unknown.any():
        rcid = sel["rcid"][unknown].iloc[0]
        raise InputError("vote on a roll call missing from roll_calls", label=f"rcid {rcid}")
    if roll_calls["rcid"].duplicated().any():
        rcid = roll_calls["rcid"][roll_calls["rcid"].duplicated()].iloc[0]
        raise InputError("roll call listed twice", label=f"rcid {rcid}")

    rc = roll_calls[roll_calls["rcid"].isin(sel["rcid"].unique())]
    keys = bridge_keys(rc) if bridge else "rc" + rc["rcid"].astype(str)
    # factorise the keys per roll call (not per vote: the texts are long)
    key_codes, key_names = pd.factorize(keys, sort=True)
    code_of = pd.Series(key_codes, index=rc["rcid"].to_numpy())
    item_key = code_of.reindex(sel["rcid"].to_numpy()).to_numpy()
    y = pd.to_numeric(sel["vote"]).to_numpy().astype(np.int64) - 1  # 1/2/3 -> 0/1/2

    # drop items with a single observed category: no information on the item or on theta
    cats = np.zeros((key_names.size, 3), dtype=bool)
    cats[item_key, y] = True
    used = np.bincount(item_key, minlength=key_names.size) > 0
    informative = cats.sum(axis=1) >= 2
    keep = informative[item_key]
    if not keep.any():
        raise InputError("every roll call in the selection is unanimous", label=f"years {years}")
    sel, y, item_key = sel[keep], y[keep], item_key[keep]

    unit = pd.DataFrame(
        {
            "iso3": sel["iso3"].astype(str).to_numpy(),
            "session": sel["session"].astype("int64").to_numpy(),
        }
    )
    units = unit.drop_duplicates().sort_values(["iso3", "session"]).reset_index(drop=True)
    k = pd.MultiIndex.from_frame(units).get_indexer(pd.MultiIndex.from_frame(unit))
    first = units["iso3"].ne(units["iso3"].shift())
    prev = np.where(first, -1, np.arange(len(units)) - 1)
    gap = np.where(first, 0, units["session"].diff().fillna(0).astype(np.int64))

    _, j = np.unique(item_key, return_inverse=True)
    rcids = sel["rcid"].to_numpy()
    order_j = np.argsort(j, kind="stable")
    split = np.flatnonzero(np.diff(j[order_j])) + 1
    item_rcids = [np.unique(r) for r in np.split(rcids[order_j], split)]
    n_sessions = pd.Series(unit["session"].to_numpy()).groupby(j).nunique().to_numpy()
    bridged = [r for r, n in zip(item_rcids, n_sessions, strict=True) if n >= 2]

    order = np.argsort(y, kind="stable")
    bounds = np.searchsorted(y[order], [0, 1, 2, 3])
    return VoteData(
        k=k[order].astype(np.int64),
        j=j[order].astype(np.int64),
        y=y[order].astype(np.int8),
        bounds=bounds.astype(np.int64),
        iso3=units["iso3"].to_numpy(dtype=object),
        session=units["session"].to_numpy(np.int64),
        prev=prev.astype(np.int64),
        gap=gap.astype(np.int64),
        item_rcids=item_rcids,
        n_bridges=len(bridged),
        n_bridged_rcids=int(sum(r.size for r in bridged)),
        n_dropped_items=int((used & ~informative).sum()),
    )
