"""Friend-shoring: the share of an importer's supply that comes from friends, over time.

For importer ``c`` (a country or a group; intra-group flows are left out for a group),
product group ``p`` and year ``t``, with ``F_t`` the friends in year ``t``:

    friend_share_{c,p,t} = Σ_{s ∈ F_t, k ∈ p} v_{s→c,k,t} / Σ_{s ∉ c, k ∈ p} v_{s→c,k,t}

(the "friend-shoring" reading of Yellen 2022 and of paper 004; shapes: one number per
importer × product group × year). ``change`` is the difference to the first year shown.
Friends are a plain input, so the trade layer does not depend on alliances/alignment:

- a set per year, ``{2018: {"JPN", "KOR"}, …}``;
- a dated membership mapping ``{"JPN": ("2021-09-24", None), …}`` (start, end or ``None``),
  evaluated on 31 December of each year (or ``as_of="mid"``: 1 July);
- one fixed set for all years.

The CLI builds friends from ``chainpower.alliances`` (members as of each date) or from
``chainpower.alignment`` trust with the US above a threshold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import pandas as pd

from chainpower.data.groups import group_members
from chainpower.errors import InputError
from chainpower.trade.dependency_results import FriendshoringResult
from chainpower.trade.flows import TradeFlows

__all__ = ["compute_friendshoring", "friends_by_year", "friendshoring_shares"]

Friends = Mapping[int, Iterable[str]] | Mapping[str, tuple[Any, Any]] | Iterable[str]


def _date(value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            "membership dates must be YYYY-MM-DD or None", label=f"{what}: {value!r}"
        ) from None


def friends_by_year(
    friends: Friends, years: Iterable[int], *, as_of: Literal["end", "mid"] = "end"
) -> dict[int, frozenset[str]]:
    """Resolve any accepted form of ``friends`` to one set per year."""
    ys = sorted({int(y) for y in years})
    if isinstance(friends, Mapping) and friends and all(isinstance(k, int) for k in friends):
        out = {}
        for y in ys:
            if y not in friends:
                raise InputError("friends given per year but not for this year", label=str(y))
            out[y] = frozenset(str(c).upper() for c in friends[y])  # type: ignore[index]
        return out
    if isinstance(friends, Mapping):
        spans = {
            str(c).upper(): (_date(a, str(c)), _date(b, str(c))) for c, (a, b) in friends.items()
        }
        out = {}
        for y in ys:
            day = dt.date(y, 12, 31) if as_of == "end" else dt.date(y, 7, 1)
            out[y] = frozenset(
                c
                for c, (a, b) in spans.items()
                if (a is None or a <= day) and (b is None or day <= b)
            )
        return out
    fixed = frozenset(str(c).upper() for c in friends)
    if not fixed:
        raise InputError("no friends given")
    return {y: fixed for y in ys}


def friendshoring_shares(
    flows: TradeFlows,
    importer: str | Iterable[str],
    friends: Friends,
    *,
    years: Iterable[int] | None = None,
    product_groups: Mapping[str, str] | None = None,
    as_of: Literal["end", "mid"] = "end",
) -> pd.DataFrame:
    """Friend and non-friend shares of the importer's imports per product group and year.

    ``product_groups`` maps a product code (or a code prefix) to a group name; products that
    match no key are left out; ``None`` puts every product in ``"all"``. Columns: ``importer,
    product_group, year, imports, from_friends, from_others, friend_share, other_share,
    n_friends, change``.
    """
    ys = sorted({int(y) for y in years}) if years is not None else flows.years
    fr = friends_by_year(friends, ys, as_of=as_of)
    label = importer.upper() if isinstance(importer, str) else "+".join(sorted(importer))
    f = flows.frame[flows.frame["year"].isin(ys)]
    absent = sorted(set(ys) - set(f["year"].unique()))
    if absent:
        raise InputError(f"year(s) {absent} absent from the flows", label=flows.source)
    rows = []
    for y in ys:
        members = group_members(importer, as_of=dt.date(y, 12, 31))
        fy = f[(f["year"] == y) & f["importer"].astype(str).isin(members)]
        fy = fy[~fy["exporter"].astype(str).isin(members)]
        prod = fy["product"].astype(str)
        if product_groups is None:
            grp = pd.Series("all", index=fy.index)
        else:
            grp = pd.Series(pd.NA, index=fy.index, dtype=object)
            for prefix in sorted(product_groups, key=len, reverse=True):
                hit = grp.isna() & prod.str.startswith(str(prefix))
                grp[hit] = product_groups[prefix]
        is_friend = fy["exporter"].astype(str).isin(fr[y])
        df = pd.DataFrame({"g": grp, "v": fy["value"], "friend": is_friend}).dropna(subset=["g"])
        for g, d in df.groupby("g"):
            total = float(d["v"].sum())
            if total <= 0:
                continue
            fv = float(d.loc[d["friend"], "v"].sum())
            rows.append(
                (label, g, y, total, fv, total - fv, fv / total, 1 - fv / total, len(fr[y]))
            )
    if not rows:
        raise InputError(
            "the importer has no imports in these years and product groups", label=label
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "importer",
            "product_group",
            "year",
            "imports",
            "from_friends",
            "from_others",
            "friend_share",
            "other_share",
            "n_friends",
        ],
    ).sort_values(["product_group", "year"])
    first = out.groupby("product_group")["friend_share"].transform("first")
    out["change"] = out["friend_share"] - first
    return out.reset_index(drop=True)


def compute_friendshoring(
    flows: TradeFlows,
    importer: str | Iterable[str],
    friends: Friends,
    **kw: Any,
) -> FriendshoringResult:
    """:func:`friendshoring_shares` wrapped as a :class:`FriendshoringResult`."""
    shares = friendshoring_shares(flows, importer, friends, **kw)
    fr = friends_by_year(friends, sorted(shares["year"].unique()), as_of=kw.get("as_of", "end"))
    return FriendshoringResult(
        shares=shares, friends={y: tuple(sorted(f)) for y, f in fr.items()}, source=flows.source
    )
