"""Frozen results of the minerals check and the friend-shoring shares (design §3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from chainpower.results import Result
from chainpower.trade.minerals import CRMA_CHECK_COLUMNS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CRMAResult", "FriendshoringResult"]


def _long(
    df: pd.DataFrame,
    *,
    source: str,
    country: str,
    product: str,
    partner: str,
    values: dict[str, str],
    year: str = "year",
) -> pd.DataFrame:
    parts = []
    for col, ind in values.items():
        parts.append(
            pd.DataFrame(
                {
                    "source": df.get(source, source),
                    "year": df[year].astype("Int64"),
                    "country": df.get(country, country),
                    "product": df[product],
                    "partner": df.get(partner, partner),
                    "indicator": ind,
                    "value": df[col].astype(float),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


@dataclass(frozen=True, eq=False, repr=False)
class CRMAResult(Result):
    """The CRMA Art. 5(1)(d) check (``check``) and the share tables it was computed from."""

    check: pd.DataFrame
    shares: pd.DataFrame

    def _repr_fields(self) -> dict[str, Any]:
        return {
            "rows": len(self.check),
            "materials": int(self.check["material"].nunique()),
            "above_65pct": int((~self.check["meets_benchmark"]).sum()),
        }

    @property
    def summary(self) -> pd.DataFrame:
        shown = [c for c in CRMA_CHECK_COLUMNS if c not in ("threshold", "margin")]
        return self.check[shown].reset_index(drop=True)

    def to_frame(self) -> pd.DataFrame:
        """Long rows: ``crma_top_third_share`` (partner = that country) and the 0/1 flag
        ``crma_meets_benchmark``; ``product`` = material/stage, ``country`` = EU27."""
        df = self.check.assign(product=self.check["material"] + "/" + self.check["stage"])
        return _long(
            df,
            source="source",
            country="EU27",
            product="product",
            partner="largest_third_country",
            values={"share": "crma_top_third_share", "meets_benchmark": "crma_meets_benchmark"},
        )

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Figure:
        from chainpower.trade.dependency_figures import plot_crma

        return plot_crma(self.check, ax=ax, **kw)


@dataclass(frozen=True, eq=False, repr=False)
class FriendshoringResult(Result):
    """Friend shares of an importer's supply by product group and year."""

    shares: pd.DataFrame
    friends: dict[int, tuple[str, ...]]
    source: str

    def _repr_fields(self) -> dict[str, Any]:
        ys = sorted(self.shares["year"].unique())
        return {
            "": self.source,
            "importer": str(self.shares["importer"].iloc[0]),
            "years": f"{ys[0]}–{ys[-1]}",
            "groups": int(self.shares["product_group"].nunique()),
        }

    @property
    def summary(self) -> pd.DataFrame:
        last = self.shares.sort_values("year").groupby("product_group").tail(1)
        return last[["product_group", "year", "friend_share", "change"]].reset_index(drop=True)

    def to_frame(self) -> pd.DataFrame:
        """Long rows ``friend_supply_share`` and ``friend_supply_share_change`` (product =
        product group)."""
        return _long(
            self.shares.assign(src=self.source),
            source="src",
            country="importer",
            product="product_group",
            partner="",
            values={"friend_share": "friend_supply_share", "change": "friend_supply_share_change"},
        )

    def _meta(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "friends": {str(y): list(f) for y, f in self.friends.items()},
        }

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Figure:
        from chainpower.trade.dependency_figures import plot_friendshoring

        return plot_friendshoring(self.shares, ax=ax, **kw)
