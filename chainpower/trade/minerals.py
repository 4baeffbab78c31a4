"""Critical raw materials: concentration by stage, the CRMA 65 % benchmark, JRC criticality.

**CRMA benchmark.** Regulation (EU) 2024/1252 (Critical Raw Materials Act, OJ L, 3.5.2024),
Article 5(1)(d): by 2030 "the Union's annual consumption of each strategic raw material at any
relevant stage of processing" should not be "more than 65 % dependent on a single third
country". :func:`crma_check` tests, per material and stage, whether the largest supplier
outside the EU holds at most 65 % of a share table. Two bases are offered, named explicitly:

- ``eu_imports`` (:func:`eu_import_shares`): shares of extra-EU imports of the material's
  products (Comext CN8 or BACI HS6). Closest to the Act's wording when EU production is small;
  it overstates dependence where EU output covers part of consumption.
- ``world_supply`` (:func:`world_supply_shares`): shares of world production by stage (USGS
  mine / refinery output, BGS stage shares, EU CRM 2023 Table A), the supply-side reading.

JRC criticality (economic importance, supply risk) lives in :mod:`chainpower.trade.criticality`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from chainpower.data.groups import GROUPS
from chainpower.errors import InputError
from chainpower.trade.concentration import hhi
from chainpower.trade.flows import TradeFlows

if TYPE_CHECKING:
    from chainpower.trade.dependency_results import CRMAResult

__all__ = [
    "CRMA_CHECK_COLUMNS",
    "CRMA_THRESHOLD",
    "CRMA_PRODUCTS",
    "REE_GROUPS",
    "USGS_TABLES",
    "check_crma",
    "crma_from_data",
    "STRATEGIC_RAW_MATERIALS",
    "crma_check",
    "eu_import_shares",
    "production_shares",
    "stage_concentration",
    "world_supply_shares",
]

#: Article 5(1)(d) of Regulation (EU) 2024/1252.
CRMA_THRESHOLD = 0.65

#: Annex I, Section 1 of Regulation (EU) 2024/1252: the 17 strategic raw materials.
STRATEGIC_RAW_MATERIALS: tuple[str, ...] = (
    "bauxite/alumina/aluminium",
    "bismuth",
    "boron – metallurgy grade",
    "cobalt",
    "copper",
    "gallium",
    "germanium",
    "lithium – battery grade",
    "magnesium metal",
    "manganese – battery grade",
    "natural graphite – battery grade",
    "nickel – battery grade",
    "platinum group metals",
    "rare earth elements for magnets (Nd, Pr, Tb, Dy, Gd, Sm, Ce)",
    "silicon metal",
    "titanium metal",
    "tungsten",
)

#: (material, stage) → CN8 codes of the Comext extract (HS6 = first six digits). Nd/Pr and
#: Dy/Tb are separated only at CN8 (codes in use from 2023): compounds (oxides etc., the
#: separation stage) 2846 90 50 / 60 and metals (the metal-making stage) 2805 30 29 / 31.
CRMA_PRODUCTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("gallium", "processing"): ("81129289",),
    ("germanium", "processing"): ("81129295",),
    ("nd_pr", "separation"): ("28469050",),
    ("nd_pr", "metal"): ("28053029",),
    ("dy_tb", "separation"): ("28469060",),
    ("dy_tb", "metal"): ("28053031",),
    ("rare_earths", "extraction"): ("25309050",),
    ("cobalt", "extraction"): ("26050000",),
    ("cobalt", "processing"): ("81052000", "28220000"),
    ("lithium", "processing"): ("28252000", "28369100"),
    ("natural_graphite", "extraction"): ("25041000",),
    ("tungsten", "extraction"): ("26110000",),
    ("tungsten", "processing"): ("81011000", "81019400"),
    ("silicon_metal", "processing"): ("28046100", "28046900"),
    ("titanium_metal", "processing"): ("81082000",),
    ("nickel", "processing"): ("75021000",),
    ("manganese", "extraction"): ("26020000",),
}


def _share_frame(
    df: pd.DataFrame, *, material: str, stage: str, source: str, year: int | None
) -> pd.DataFrame:
    total = float(df["value"].sum())
    if total <= 0:
        raise InputError("no positive quantity to take shares of", label=f"{material}/{stage}")
    out = df.assign(share=df["value"] / total, material=material, stage=stage, source=source)
    out["year"] = year
    return out[["material", "stage", "year", "iso3", "value", "share", "source"]]


def eu_import_shares(
    flows: TradeFlows,
    products: Mapping[tuple[str, str], Sequence[str]] | None = None,
    *,
    year: int,
    group: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Shares of extra-group imports by supplier, per (material, stage) product list.

    ``products`` defaults to :data:`CRMA_PRODUCTS` (prefix match, so HS6 codes work on BACI).
    Columns: ``material, stage, year, iso3, value, share, source``.
    """
    members = frozenset(group) if group is not None else GROUPS["EU27"]
    f = flows.frame
    f = f[(f["year"] == year)]
    if f.empty:
        raise InputError("no flows in this year", label=str(year))
    imp = f[f["importer"].astype(str).isin(members) & ~f["exporter"].astype(str).isin(members)]
    prods = imp["product"].astype(str)
    parts = []
    for (material, stage), codes in (products or CRMA_PRODUCTS).items():
        sel = imp[prods.str.startswith(tuple(codes))]
        if sel.empty:
            continue
        by = (
            sel.groupby(sel["exporter"].astype(str))["value"]
            .sum()
            .rename_axis("iso3")
            .reset_index()
        )
        by = by[by["value"] > 0]
        parts.append(
            _share_frame(
                by,
                material=material,
                stage=stage,
                source=f"{flows.source} extra-EU imports",
                year=year,
            )
        )
    if not parts:
        raise InputError("none of the products is imported from outside the group", label=str(year))
    return pd.concat(parts, ignore_index=True)


def production_shares(
    usgs: pd.DataFrame,
    commodity: str,
    *,
    release: int,
    year: int,
    type_contains: str | None = None,
    measure: str = "Prod",
    denominator: str = "world_total",
    material: str | None = None,
    stage: str = "extraction",
) -> pd.DataFrame:
    """Country shares of one USGS world table (from ``read_usgs_world``).

    ``denominator="world_total"`` divides by the published world total (USGS's rounded
    figure, so shares may not sum to 1); ``"listed_sum"`` by the sum of listed countries plus
    "Other countries". Withheld cells (NaN) are left out and counted in ``n_withheld``.
    """
    sel = usgs[
        (usgs["commodity_code"] == commodity)
        & (usgs["release"] == release)
        & (usgs["measure"] == measure)
        & (usgs["year"] == year)
    ]
    if type_contains is not None:
        sel = sel[sel["type"].str.contains(type_contains, case=False, regex=False)]
    if sel.empty:
        raise InputError(
            "no such USGS table",
            label=f"{commodity} MCS{release} {measure} {year} {type_contains or ''}",
        )
    if sel["type"].nunique() > 1:
        raise InputError(
            f"several USGS tables match; pass type_contains= one of {sorted(sel['type'].unique())}",
            label=commodity,
        )
    listed = sel[(sel["kind"] == "country") & sel["value"].notna()]
    countries = listed.groupby("iso3", as_index=False).agg(value=("value", "sum"))
    if denominator == "world_total":
        world = sel[(sel["kind"] == "world") & sel["value"].notna()]
        if len(world) > 1:
            world = world[world["qualifier"].isin(["", "rounded"])]
        if len(world) != 1 or float(world["value"].iloc[0]) <= 0:
            raise InputError(
                "no single published world total; use denominator='listed_sum'", label=commodity
            )
        total = float(world["value"].iloc[0])
        note = str(world["qualifier"].iloc[0])
        if "excluding" in note:  # e.g. magnesium metal: world total excluding the United States
            countries = countries[~countries["iso3"].isin(["USA"])]
    elif denominator == "listed_sum":
        total = float(sel.loc[sel["kind"].isin(["country", "other"]), "value"].sum())
    else:
        raise InputError("denominator must be world_total or listed_sum", label=denominator)
    out = countries.assign(
        share=countries["value"] / total,
        material=material or commodity,
        stage=stage,
        year=year,
        source=f"USGS MCS{release} {sel['type'].iloc[0]}",
    )
    out.attrs["n_withheld"] = int(sel["value"].isna().sum())
    return out[["material", "stage", "year", "iso3", "value", "share", "source"]]


def world_supply_shares(
    stage_shares: pd.DataFrame | None = None, table_a: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Stage shares (BGS via CMA) and CRM 2023 Table A top suppliers in the share schema."""
    parts = []
    if stage_shares is not None:
        s = stage_shares.assign(
            stage=stage_shares["stage"].map(
                {"mined": "extraction", "refined": "processing", "reserves": "reserves"}
            ),
            value=np.nan,
            source="BGS stage shares (CMA)",
        )
        parts.append(s[["material", "stage", "year", "iso3", "value", "share", "source"]])
    if table_a is not None:
        t = table_a.assign(
            value=np.nan, year=2023, source="EU CRM 2023 Table A (top supplier only)"
        )
        parts.append(t[["material", "stage", "year", "iso3", "value", "share", "source"]])
    if not parts:
        raise InputError("give stage_shares and/or table_a")
    return pd.concat(parts, ignore_index=True)


def stage_concentration(shares: pd.DataFrame) -> pd.DataFrame:
    """Per (material, stage, year, source): top country, its share, HHI of the listed shares
    (a lower bound where the table lists only the largest suppliers) and the listed total."""
    rows = []
    keys = ["material", "stage", "year", "source"]
    for key, g in shares.groupby(keys, dropna=False, sort=True):
        g = g.sort_values(["share", "iso3"], ascending=[False, True])
        s = g["share"].to_numpy(dtype=float)
        rows.append(
            (*key, g["iso3"].iloc[0], float(s[0]), float(np.sum(s * s)), float(s.sum()), len(g))
        )
    return pd.DataFrame(
        rows,
        columns=[*keys, "top_country", "top_share", "hhi_listed", "listed_share", "n_countries"],
    )


#: Columns of the CRMA benchmark check (:func:`crma_check`), in order.
CRMA_CHECK_COLUMNS: tuple[str, ...] = (
    "material",
    "stage",
    "year",
    "source",
    "largest_third_country",
    "share",
    "threshold",
    "meets_benchmark",
    "margin",
)


def crma_check(
    shares: pd.DataFrame,
    *,
    threshold: float = CRMA_THRESHOLD,
    union: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The Art. 5(1)(d) test per (material, stage, year, source): the largest supplier
    *outside the Union* and whether its share is ≤ ``threshold`` (``meets_benchmark``)."""
    eu = frozenset(union) if union is not None else GROUPS["EU27"]
    third = shares[~shares["iso3"].astype(str).isin(eu)]
    conc = stage_concentration(third)
    conc = conc.rename(columns={"top_country": "largest_third_country", "top_share": "share"})
    conc["threshold"] = threshold
    conc["meets_benchmark"] = conc["share"] <= threshold
    conc["margin"] = threshold - conc["share"]
    return conc[list(CRMA_CHECK_COLUMNS)]


def supplier_hhi(shares: pd.DataFrame) -> float:
    """HHI of one share table's ``value`` (or ``share``) column."""
    col = "value" if shares["value"].notna().all() else "share"
    return hhi(shares[col].to_numpy(dtype=float))


#: (material, stage) → (USGS commodity code, table-type filter) for world supply shares.
USGS_TABLES: dict[tuple[str, str], tuple[str, str | None]] = {
    ("gallium", "processing"): ("galli", None),
    ("rare_earths", "extraction"): ("raree", None),
    ("cobalt", "extraction"): ("cobal", None),
    ("lithium", "extraction"): ("lithi", None),
    ("natural_graphite", "extraction"): ("graph", None),
    ("tungsten", "extraction"): ("tungs", None),
    ("magnesium_metal", "processing"): ("mgmet", None),
    ("silicon_metal", "processing"): ("simet", "silicon metal"),
    ("copper", "extraction"): ("coppe", "Mine production"),
    ("copper", "processing"): ("coppe", "Refinery"),
    ("nickel", "extraction"): ("nicke", None),
    ("manganese", "extraction"): ("manga", None),
    ("bismuth", "processing"): ("bismu", None),
    ("alumina", "processing"): ("bauxi", "alumina"),
}
#: Rare-earth elements with no element split in USGS: their extraction stage is read from all
#: rare earths (REO equivalent), labelled as such in ``source``.
REE_GROUPS: tuple[str, ...] = ("nd_pr", "dy_tb")


def check_crma(shares: pd.DataFrame, **kw: Any) -> CRMAResult:
    """:func:`crma_check` wrapped as a :class:`~chainpower.trade.dependency_results.CRMAResult`."""
    from chainpower.trade.dependency_results import CRMAResult

    return CRMAResult(check=crma_check(shares, **kw), shares=shares)


def crma_from_data(
    *,
    year: int = 2024,
    usgs_release: int = 2024,
    usgs_year: int = 2023,
    comext: TradeFlows | None = None,
    materials: Iterable[str] | None = None,
) -> CRMAResult:
    """The CRMA check on the real data folder: extra-EU import shares (Comext, ``year``),
    world supply by stage (USGS ``usgs_release`` for ``usgs_year``; BGS stage shares of the
    latest year ≤ ``year``) and EU CRM 2023 Table A."""
    from chainpower.data.minerals_files import (
        read_crm2023_table_a,
        read_stage_shares,
        read_usgs_world,
    )
    from chainpower.data.paths import data_path
    from chainpower.trade.flows import load_flows

    if comext is None:
        comext = load_flows(
            data_path(
                "trade",
                "eu_comext_critical_inputs_isi",
                "eu27_comext_imports_cn8_critical_inputs_2022_2024.parquet",
            ),
            format="comext",
        )
    parts = [eu_import_shares(comext, year=year)]
    usgs = read_usgs_world()
    world: dict[tuple[str, str], pd.DataFrame] = {}
    for (material, stage), (code, kind) in USGS_TABLES.items():
        world[(material, stage)] = production_shares(
            usgs,
            code,
            release=usgs_release,
            year=usgs_year,
            type_contains=kind,
            material=material,
            stage=stage,
        )
    parts += list(world.values())
    ree = world[("rare_earths", "extraction")]
    for group in REE_GROUPS:
        parts.append(ree.assign(material=group, source=ree["source"] + " (all rare earths)"))
    stages = read_stage_shares()
    stages = stages[(stages["year"] == stages.loc[stages["year"] <= year, "year"].max())]
    parts.append(world_supply_shares(stage_shares=stages, table_a=read_crm2023_table_a()))
    shares = pd.concat(parts, ignore_index=True)
    if materials is not None:
        wanted = {str(m) for m in materials}
        shares = shares[shares["material"].isin(wanted)]
        if shares.empty:
            raise InputError("no data for these materials", label=",".join(sorted(wanted)))
    return check_crma(shares)
