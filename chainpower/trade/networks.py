"""Value-added trade networks: one directed weighted graph per trade type and year.

Nodes are economies (attribute ``va_exports``: value added crossing a border, all types, and
``region``); a directed edge ``s → r`` carries the bilateral value-added flow of one type from
:mod:`chainpower.gvc.va_flows` (WWYZ 2017a: traditional, simple-GVC, complex-GVC trade), in
table units (``weight``) and as a distance ``1/weight`` (``distance``, for shortest-path
measures: networkx treats ``weight`` as a length, networkx issue #3921).

Edge rules (:class:`EdgeRule`), applied to the ``(G, G)`` flow matrix ``W`` (origin × partner,
diagonal ignored):

===================  =========================================================================
``"all"``            every positive flow
``"threshold"``      ``W_sr ≥ min_flow``; the World Development Report 2020 (World Bank, ch. 1,
                     GVC network maps) keeps links ≥ USD 0.5 bn = 500 in USD-million tables
``"top_k"``          the ``k`` largest flows of each node: its sources (``side="in"``) or its
                     destinations (``side="out"``)
``"share"``          flows that are at least ``min_share`` of the node's total inflow (``in``) or
                     outflow (``out``)
``"largest_partner"`` the backbone of the WTO *Global Value Chain Development Report 2019*
                     (ch. 1, Xiao, Meng, Ye & Li, "supply hubs / demand hubs"): each node keeps
                     only the flow from its largest source (``in``) or to its largest
                     destination (``out``)
===================  =========================================================================

``side="in"`` (the default) is the supplier view used for supply hubs; demand hubs use ``out``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Sized
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, get_args

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from chainpower.errors import InputError
from chainpower.gvc.va_flows import FLOW_INDICATORS, FLOW_TYPES, ValueAddedFlows, value_added_flows
from chainpower.mrio.algebra import FloatArray
from chainpower.mrio.table import MRIOTable
from chainpower.results import Result

if TYPE_CHECKING:
    import networkx as nx

    from chainpower.trade.hubs import HubResult

__all__ = [
    "EDGE_RULES",
    "REGIONS",
    "EdgeRule",
    "ValueAddedNetworks",
    "region_of",
    "select_edges",
    "value_added_networks",
]

RuleName = Literal["all", "threshold", "top_k", "share", "largest_partner"]
EDGE_RULES: tuple[str, ...] = get_args(RuleName)

_ASIA_PACIFIC = (
    "AUS BGD BRN CHN HKG IDN IND JPN KAZ KHM KOR LAO LKA MMR MNG MYS NPL NZL PAK PHL SGP THA "
    "TWN VNM"
)
_EUROPE = (
    "AUT BEL BGR BLR CHE CYP CZE DEU DNK ESP EST FIN FRA GBR GRC HRV HUN IRL ISL ITA LTU LUX "
    "LVA MLT NLD NOR POL PRT ROM ROU RUS SVK SVN SWE TUR UKR"
)
_NORTH_AMERICA = "CAN MEX USA"
_LATIN_AMERICA = "ARG BRA CHL COL CRI ECU PER URY VEN"
#: ISO3 → region, for colours and regional hubs (economies not listed: ``"Other"``).
REGIONS: dict[str, str] = {
    **{c: "Asia-Pacific" for c in _ASIA_PACIFIC.split()},
    **{c: "Europe" for c in _EUROPE.split()},
    **{c: "North America" for c in _NORTH_AMERICA.split()},
    **{c: "Latin America" for c in _LATIN_AMERICA.split()},
}


def region_of(code: str) -> str:
    """Region of an ISO3 code (:data:`REGIONS`), ``"Other"`` when not listed."""
    return REGIONS.get(str(code), "Other")


@dataclass(frozen=True)
class EdgeRule:
    """Which flows become edges (module docstring). ``min_flow`` is in table units."""

    name: RuleName = "threshold"
    min_flow: float = 500.0
    k: int = 3
    min_share: float = 0.05
    side: Literal["in", "out"] = "in"

    def __post_init__(self) -> None:
        if self.name not in EDGE_RULES:
            raise InputError(f"unknown edge rule {self.name!r}; use one of {list(EDGE_RULES)}")
        if self.side not in ("in", "out"):
            raise InputError(f"side must be 'in' or 'out', not {self.side!r}")
        if self.k < 1 or not 0 < self.min_share <= 1 or self.min_flow < 0:
            raise InputError(
                "edge rule needs k ≥ 1, 0 < min_share ≤ 1 and min_flow ≥ 0",
                label=f"k={self.k}, min_share={self.min_share}, min_flow={self.min_flow}",
            )

    @property
    def label(self) -> str:
        """Short text for tables and titles, e.g. ``threshold ≥ 500``."""
        if self.name == "threshold":
            return f"threshold ≥ {self.min_flow:g}"
        if self.name == "top_k":
            return f"top-{self.k} ({self.side})"
        if self.name == "share":
            return f"share ≥ {self.min_share:.0%} ({self.side})"
        if self.name == "largest_partner":
            return f"largest partner ({self.side})"
        return "all flows"


def select_edges(W: FloatArray, rule: EdgeRule) -> NDArray[np.bool_]:
    """Boolean ``(G, G)`` mask of the flows ``W`` (origin × partner) that ``rule`` keeps.

    The diagonal and non-positive flows are never kept. Ties at the ``k``-th or largest flow
    keep every tied flow.
    """
    W = np.asarray(W, dtype=np.float64)
    if W.ndim != 2 or W.shape[0] != W.shape[1]:
        raise InputError(f"flow matrix must be square, got shape {W.shape}")
    pos = W > 0
    np.fill_diagonal(pos, False)
    Wp = np.where(pos, W, 0.0)
    if rule.name == "all":
        return pos
    if rule.name == "threshold":
        return pos & (rule.min_flow <= W)
    M = Wp if rule.side == "out" else Wp.T  # rows = the node whose flows are ranked
    if rule.name == "share":
        tot = M.sum(axis=1, keepdims=True)
        keep = (M > 0) & (rule.min_share * np.where(tot > 0, tot, np.inf) <= M)
    else:
        k = 1 if rule.name == "largest_partner" else min(rule.k, M.shape[1])
        kth = -np.sort(-M, axis=1)[:, k - 1 : k]
        keep = (M > 0) & (kth <= M)
    return keep if rule.side == "out" else keep.T


@dataclass(frozen=True, eq=False, repr=False)
class ValueAddedNetworks(Result):
    """Value-added trade networks of one or more years.

    ``matrices[(year, kind)]`` is the ``(G, G)`` flow matrix (origin × partner, table units),
    ``va_exports[year]`` ``(G,)``, ``countries`` the node labels (after ``drop``), ``rule`` the
    edge rule, ``unit`` and ``source`` from the tables, ``complex_rule`` the complex-GVC
    attribution of :mod:`chainpower.gvc.va_flows`.
    """

    matrices: dict[tuple[int, str], FloatArray]
    va_exports: dict[int, FloatArray]
    countries: tuple[str, ...]
    rule: EdgeRule = field(default_factory=EdgeRule)
    source: str = ""
    unit: str = ""
    complex_rule: str = "direct_importer"
    dropped: tuple[str, ...] = ()

    @property
    def years(self) -> list[int]:
        return sorted(self.va_exports)

    def _repr_fields(self) -> dict[str, Any]:
        ys = self.years
        span = f"{ys[0]}–{ys[-1]}" if len(ys) > 1 else str(ys[0])
        return {"source": self.source, "years": span, "nodes": len(self.countries),
                "rule": self.rule.label}

    def _meta(self) -> dict[str, Any]:
        return {"source": self.source, "years": self.years, "unit": self.unit,
                "rule": self.rule.__dict__, "complex_rule": self.complex_rule,
                "dropped": list(self.dropped)}

    def with_rule(self, rule: EdgeRule | None = None, **kw: Any) -> ValueAddedNetworks:
        """The same flows under another edge rule (a new object)."""
        new = rule if rule is not None else EdgeRule(**{**self.rule.__dict__, **kw})
        return ValueAddedNetworks(self.matrices, self.va_exports, self.countries, new,
                                  self.source, self.unit, self.complex_rule, self.dropped)

    def matrix(self, kind: str, year: int) -> FloatArray:
        """The flow matrix of ``kind`` in ``year``, ``(G, G)``."""
        try:
            return self.matrices[(int(year), kind)]
        except KeyError:
            raise InputError(
                f"no {kind!r} network for {year}; types {list(FLOW_TYPES)}, years {self.years}"
            ) from None

    def edges(self, kind: str, year: int) -> NDArray[np.bool_]:
        """The kept-edge mask of ``kind`` in ``year`` under :attr:`rule`, ``(G, G)``."""
        return select_edges(self.matrix(kind, year), self.rule)

    def graph(self, kind: str, year: int) -> nx.DiGraph:
        """A :class:`networkx.DiGraph`: every economy a node (``va_exports``, ``region``), the
        kept flows as edges (``weight`` in table units, ``distance = 1/weight``)."""
        import networkx as nx

        W = self.matrix(kind, year)
        keep = self.edges(kind, year)
        g = nx.DiGraph(kind=kind, year=int(year), rule=self.rule.label, unit=self.unit)
        vax = self.va_exports[int(year)]
        for i, c in enumerate(self.countries):
            g.add_node(c, va_exports=float(vax[i]), region=region_of(c))
        rows, cols = np.nonzero(keep)
        g.add_weighted_edges_from(
            (self.countries[i], self.countries[j], float(W[i, j]))
            for i, j in zip(rows, cols, strict=True)
        )
        for _u, _v, d in g.edges(data=True):
            d["distance"] = 1.0 / d["weight"]
        return g

    @property
    def summary(self) -> pd.DataFrame:
        """Per year and type: edges kept, flow kept (table units) and its share of all flows."""
        rows = []
        for (year, kind), W in sorted(self.matrices.items()):
            keep = select_edges(W, self.rule)
            off = W.sum() - np.trace(W)
            rows.append({"year": year, "kind": kind, "edges": int(keep.sum()),
                         "flow_kept": float(W[keep].sum()),
                         "share_kept": float(W[keep].sum() / off) if off > 0 else 0.0})
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Kept edges in the tidy schema: country = origin, partner = destination, indicator
        the flow type's name (:data:`chainpower.gvc.va_flows.FLOW_INDICATORS`)."""
        c = np.array(self.countries, dtype=object)
        frames = []
        for (year, kind), W in sorted(self.matrices.items()):
            r, k = np.nonzero(select_edges(W, self.rule))
            frames.append(pd.DataFrame({"source": self.source, "year": year, "country": c[r],
                                        "sector": None, "partner": c[k],
                                        "indicator": FLOW_INDICATORS[kind], "value": W[r, k]}))
        return pd.concat(frames, ignore_index=True)

    def hubs(self, **kw: Any) -> HubResult:
        """Hubs and centralities of every network (:func:`chainpower.trade.hubs.compute_hubs`)."""
        from chainpower.trade.hubs import compute_hubs

        return compute_hubs(self, **kw)

    def plot(self, kind: str | None = None, *, ax: Any = None, **kw: Any) -> Any:
        """``kind="networks"`` (default; ``years=`` two years) or ``"hub_shift"``."""
        from chainpower.trade import network_figures as nf

        if kind in (None, "networks"):
            return nf.plot_networks(self, **kw)
        if kind == "hub_shift":
            return nf.plot_hub_shift(self, ax=ax, **kw)
        raise InputError(f"unknown figure {kind!r}; use 'networks' or 'hub_shift'")


def _flows_of(item: MRIOTable | ValueAddedFlows, complex_rule: str) -> ValueAddedFlows:
    if isinstance(item, ValueAddedFlows):
        return item
    if isinstance(item, MRIOTable):
        return value_added_flows(item, complex_rule=complex_rule)  # type: ignore[arg-type]
    raise InputError(f"expected an MRIOTable or ValueAddedFlows, got {type(item).__name__}")


def value_added_networks(
    tables: MRIOTable | ValueAddedFlows | Iterable[MRIOTable | ValueAddedFlows],
    *,
    rule: EdgeRule | RuleName = "threshold",
    min_flow: float = 500.0,
    k: int = 3,
    min_share: float = 0.05,
    side: Literal["in", "out"] = "in",
    drop: Sequence[str] = ("RoW", "ROW"),
    complex_rule: str = "direct_importer",
    desc: str = "value-added networks",
) -> ValueAddedNetworks:
    """Networks of one table or many (one year each; a progress bar over years).

    ``drop`` removes aggregate nodes (default the rest-of-world rows of WIOD and ICIO; they are
    listed in :attr:`ValueAddedNetworks.dropped`); flows to and from them are left out.
    Every table must have the same economies. A generator of tables is consumed one table
    at a time (only the ``(G, G)`` country matrices are kept).
    """
    from chainpower.progress import progress

    edge_rule = rule if isinstance(rule, EdgeRule) else EdgeRule(rule, min_flow, k, min_share, side)
    items: Iterable[MRIOTable | ValueAddedFlows] = (
        [tables] if isinstance(tables, (MRIOTable, ValueAddedFlows)) else tables)
    total = len(items) if isinstance(items, Sized) else None  # generators stream, one at a time
    matrices: dict[tuple[int, str], FloatArray] = {}
    vax: dict[int, FloatArray] = {}
    countries: tuple[str, ...] | None = None
    source = unit = ""
    dropped: tuple[str, ...] = ()
    for item in progress(items, desc=desc, total=total):
        flows = _flows_of(item, complex_rule)
        keep = [i for i, c in enumerate(flows.countries) if c not in set(drop)]
        labels = tuple(flows.countries[i] for i in keep)
        if countries is None:
            countries, source, unit = labels, flows.source, flows.unit
            dropped = tuple(c for c in flows.countries if c in set(drop))
        elif labels != countries:
            raise InputError("tables differ in their economies", label=f"year {flows.year}")
        year = int(flows.year) if flows.year is not None else -1
        if year in vax:
            raise InputError("two tables for the same year", label=str(year))
        ix = np.ix_(keep, keep)
        for kind in FLOW_TYPES:
            matrices[(year, kind)] = np.ascontiguousarray(flows.country_matrix(kind)[ix])
        vax[year] = flows.va_exports()[keep]
    if countries is None:
        raise InputError("no tables given")
    return ValueAddedNetworks(matrices, vax, countries, edge_rule, source, unit,
                              complex_rule, dropped)
