"""Every GVC indicator of a table in one tidy frame, over years, and for the strategic industries.

:func:`compute_indicators` factorises a table once — ``A (n, n)``, ``B = (I − A)⁻¹ (n, n)`` by LU,
local inverses ``L (G, N, N)`` — and reuses them for

================================  ==========================================  ===================
family                            indicators (``indicator`` column)           source
================================  ==========================================  ===================
WWYZ production-based             ``wwyz_*`` (participation f/b, simple,      WWYZ 2017a, b;
                                  complex, position, lengths PLv/PLy,          :mod:`.production`
                                  ``PLv_GVC/PLy_GVC``) and their levels
Koopman (KWW) trade-based         ``kww_gvcpt``, ``kww_position``, ``kww_iv``  Koopman et al. 2010;
                                  ``kww_fv``, ``kww_e``, ``wwz_dva_intrex``;   KWW 2014 eq. 36;
                                  origin-sector ``kww_*_origin``               :mod:`.kww`
Borin–Mancini trade-based         ``bm_gvc_trade_f|b``, ``bm_gvcp_trade_f|b``  BM 2023; ADB
                                  (and totals)                                 :mod:`.borin_mancini`
TiVA value-added content          ``tiva_exgr*``                               OECD TiVA;
                                                                               :mod:`.tiva`
value added by destination, VAX   ``jn_va_fd``, ``jn_vax``, ``jn_vax_total``,  Johnson & Noguera
                                  ``jn_vax_ratio``                             2012; :mod:`.tiva`
================================  ==========================================  ===================

Rows carry the store's tidy schema ``(source, year, country, sector, partner, indicator,
value)``: per exporting/producing country-sector (``sector`` set) and per country (``sector``
null); ``partner`` is set only for ``jn_va_fd`` and ``jn_vax``. Ratios whose denominator is
zero are left out (never NaN); shares of gross exports are left out where exports are ≤ 0.
Every name is in the indicator catalogue (:mod:`chainpower.data.catalogue`), old names kept
there as aliases.

:func:`strategic_indicators` maps sectors onto the papers' strategic industries (chips,
vehicles, minerals) with a concordance, sums the level indicators and recomputes every ratio
from the sums (:data:`RATIO_DEFS`), so a group of several ICIO sectors gets correctly weighted
participation rates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from chainpower.data.store import Store
from chainpower.errors import InputError
from chainpower.gvc._blocks import table_blocks
from chainpower.gvc.borin_mancini import borin_mancini
from chainpower.gvc.decomposition import decompose_exports
from chainpower.gvc.kww import koopman_indicators
from chainpower.gvc.production import PRODUCTION_POSITIONS, PRODUCTION_RATIOS, production_gvc
from chainpower.gvc.tiva import tiva
from chainpower.mrio.algebra import (
    FloatArray,
    leontief_inverse,
    local_inverses,
    technical_coefficients,
)
from chainpower.mrio.table import MRIOTable
from chainpower.progress import progress

__all__ = [
    "RATIO_DEFS",
    "compute_indicators",
    "compute_panel",
    "default_dataset",
    "recompute_ratios",
    "strategic_indicators",
]


#: Ratio indicators: name → (numerator level indicators, denominator level indicator).
RATIO_DEFS: dict[str, tuple[tuple[str, ...], str]] = {
    **PRODUCTION_RATIOS,
    "kww_gvcpt": (("kww_iv", "kww_fv"), "kww_e"),
    "kww_gvcpt_origin": (("kww_iv_origin", "kww_fv"), "kww_e"),
    "bm_gvcp_trade_f": (("bm_gvc_trade_f",), "tiva_exgr"),
    "bm_gvcp_trade_b": (("bm_gvc_trade_b",), "tiva_exgr"),
    "bm_gvcp_trade": (("bm_gvc_trade",), "tiva_exgr"),
    "tiva_exgr_dvash": (("tiva_exgr_dva",), "tiva_exgr"),
    "tiva_exgr_fvash": (("tiva_exgr_fva",), "tiva_exgr"),
    "jn_vax_ratio": (("jn_vax_total",), "tiva_exgr"),
}

#: Indicators that are functions of ratios (computed after them).
DERIVED: dict[str, Callable[[dict[str, FloatArray]], FloatArray]] = {
    **PRODUCTION_POSITIONS,  # WWYZ 2017a, section 2.3; WWYZ 2017b, section 3
    # Koopman et al. 2010, section 5: ln(1 + IV/E) − ln(1 + FV/E)
    "kww_position": lambda r: (
        np.log1p(r["kww_iv"] / r["kww_e"]) - np.log1p(r["kww_fv"] / r["kww_e"])
    ),
    "kww_position_origin": lambda r: (
        np.log1p(r["kww_iv_origin"] / r["kww_e"]) - np.log1p(r["kww_fv"] / r["kww_e"])
    ),
}
_DERIVED_NEEDS: dict[str, tuple[str, ...]] = {
    "wwyz_position": ("wwyz_gvcpt_f", "wwyz_gvcpt_b"),
    "wwyz_pl_position": ("wwyz_plv_gvc", "wwyz_ply_gvc"),
    "kww_position": ("kww_iv", "kww_fv", "kww_e"),
    "kww_position_origin": ("kww_iv_origin", "kww_fv", "kww_e"),
}
#: Denominators that are gross exports: a share is undefined where they are ≤ 0.
_EXPORT_DENOMINATORS = frozenset({"kww_e", "tiva_exgr"})

_KEYS = ["source", "year", "country", "sector", "partner"]
_NULL = "\x00null"


def default_dataset(source: str, years: Iterable[int | None]) -> str:
    """Store dataset name ``gvc_<source>_<year>`` or ``gvc_<source>_<first>_<last>``."""
    ys = sorted({int(y) for y in years if y is not None})
    src = "".join(ch if ch.isalnum() or ch in "_-." else "_" for ch in (source or "table"))
    if not ys:
        return f"gvc_{src}"
    return f"gvc_{src}_{ys[0]}" if len(ys) == 1 else f"gvc_{src}_{ys[0]}_{ys[-1]}"


def _trade_frames(table: MRIOTable, B: FloatArray, L: FloatArray) -> list[pd.DataFrame]:
    """Koopman and Borin–Mancini indicators, both from one set of blocks of ``table``."""
    blocks = table_blocks(table, B=B, L=L)
    dec = decompose_exports(table, blocks=blocks)
    frames = [
        koopman_indicators(dec, "sector", blocks=blocks),
        koopman_indicators(dec, "country"),
    ]
    del dec
    bm = borin_mancini(table, blocks=blocks)
    for level in ("sector", "country"):
        f = bm.participation_frame(level)
        f["indicator"] = "bm_" + f["indicator"].astype(str).str.lower()  # catalogue names
        frames.append(f)
    return frames


def compute_indicators(
    table: MRIOTable,
    *,
    store: Store | str | None = None,
    dataset: str | None = None,
    origin_destination: bool = True,
    trade: bool = True,
    inverse: Callable[[FloatArray], FloatArray] = leontief_inverse,
) -> pd.DataFrame:
    """All GVC indicators of ``table`` as one tidy frame (see module docstring).

    ``store`` (a :class:`~chainpower.data.store.Store` or its folder): the frame is also written
    as indicator dataset ``dataset`` (default :func:`default_dataset`).
    ``origin_destination=False`` leaves out ``jn_va_fd`` (``n·G`` rows); ``trade=False`` skips the
    gross-export decompositions (Koopman, Borin–Mancini). ``inverse`` computes
    ``B = (I − A)⁻¹`` ``(n, n)`` from ``A (n, n)`` (Miller & Blair 2009, eq. 2.9); default
    :func:`~chainpower.mrio.algebra.leontief_inverse` (LU),
    :func:`chainpower.gvc.lean.compute_indicators_lean` passes its in-place inverse.
    """
    G, N = table.G, table.N
    A = technical_coefficients(table.Z, table.x)
    B = inverse(A)
    L = local_inverses(A, G, N)
    prod = production_gvc(table, A=A, B=B, L=L)
    del A
    frames = [prod.to_frame("sector"), prod.to_frame("country")]
    del prod
    frames.append(tiva(table, B=B).to_frame(origin_destination=origin_destination))
    if trade:
        frames += _trade_frames(table, B, L)
    del B, L
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype("int64")
    if store is not None:
        st = store if isinstance(store, Store) else Store(store)
        st.write_indicators(out, dataset=dataset or default_dataset(table.source, [table.year]))
    return out


def _indicators_of(table: MRIOTable, options: dict[str, Any]) -> pd.DataFrame:
    """Worker of :func:`compute_panel`: one table's indicators (module level, so picklable)."""
    return compute_indicators(table, **options)


def compute_panel(
    tables: Iterable[MRIOTable | Callable[[], MRIOTable]],
    *,
    store: Store | str | None = None,
    dataset: str | None = None,
    total: int | None = None,
    desc: str = "GVC indicators",
    executor: str = "serial",
    jobs: int = 1,
    client: Any = None,
    **options: Any,
) -> pd.DataFrame:
    """:func:`compute_indicators` over many tables (years), with a progress bar.

    ``tables`` holds tables or zero-argument loaders (so only one year is in memory at a
    time). The frames are concatenated in input order and, with ``store``, written once by
    the driver as ``dataset`` (default ``gvc_<source>_<first>_<last>``). ``options`` go to
    :func:`compute_indicators`.

    ``executor="dask"`` runs the years in parallel through
    :func:`chainpower.mrio.parallel.map_tables`: on ``client`` (a ``distributed.Client`` or a
    scheduler address) or, without one, on a ``LocalCluster`` of ``jobs`` worker processes;
    the result is identical to the serial path.
    """
    from functools import partial

    from chainpower.mrio.parallel import map_tables

    if total is None and hasattr(tables, "__len__"):
        total = len(tables)  # type: ignore[arg-type]
    worker = partial(_indicators_of, options=dict(options))
    if executor == "serial" and client is None:  # lazy: one table in memory at a time
        frames = [
            worker(item() if callable(item) else item)
            for item in progress(tables, desc=desc, total=total)
        ]
    else:
        frames = map_tables(worker, tables, executor=executor, jobs=jobs, client=client, desc=desc)
    if not frames:
        raise InputError("compute_panel: no tables given")
    out = pd.concat(frames, ignore_index=True)
    if store is not None:
        st = store if isinstance(store, Store) else Store(store)
        name = dataset or default_dataset(str(out["source"].iloc[0]), out["year"].unique().tolist())
        st.write_indicators(out, dataset=name)
    return out


def recompute_ratios(levels: pd.DataFrame) -> pd.DataFrame:
    """Ratio and position indicators (:data:`RATIO_DEFS`, :data:`DERIVED`) from a tidy frame of
    level indicators; returns tidy rows for the ratios whose inputs are present (rows with a
    zero denominator left out)."""
    if levels.empty:
        return levels.iloc[:0]
    keyed = levels.copy()
    for col in ("sector", "partner"):  # null keys would be dropped by the pivot
        keyed[col] = keyed[col].astype(object).where(keyed[col].notna(), _NULL)
    wide = keyed.pivot_table(index=_KEYS, columns="indicator", values="value", aggfunc="sum")
    cols: dict[str, FloatArray] = {c: wide[c].to_numpy(dtype=float) for c in wide.columns}
    res: dict[str, FloatArray] = {}
    with np.errstate(invalid="ignore", divide="ignore"):
        for name, (nums, den) in RATIO_DEFS.items():
            if den in cols and all(k in cols for k in nums):
                d = cols[den]
                ok = d > 0 if den in _EXPORT_DENOMINATORS else d != 0
                res[name] = np.where(ok, sum(cols[k] for k in nums) / np.where(ok, d, 1.0), np.nan)
        avail = {**cols, **res}
        for name, fn in DERIVED.items():
            if all(k in avail for k in _DERIVED_NEEDS[name]):
                value = fn(avail)
                if "kww_e" in _DERIVED_NEEDS[name]:
                    value = np.where(avail["kww_e"] > 0, value, np.nan)
                res[name] = value
    if not res:
        return levels.iloc[:0]
    out = pd.DataFrame(res, index=wide.index).reset_index()
    out = out.melt(id_vars=_KEYS, var_name="indicator", value_name="value")
    out = out[np.isfinite(out["value"].to_numpy(dtype=float))].copy()
    for col in ("sector", "partner"):
        out[col] = out[col].where(out[col] != _NULL, None)
    return out[[*_KEYS, "indicator", "value"]].reset_index(drop=True)


def strategic_indicators(
    df: pd.DataFrame,
    concordance: Any = None,
    *,
    groups: Iterable[str] = ("chips", "vehicles", "minerals"),
) -> pd.DataFrame:
    """Indicators of the strategic industries: sector rows of ``df`` mapped onto groups.

    ``concordance`` is a :class:`~chainpower.data.concordances.Concordance`, a mapping
    sector → group, a shipped classification name (``"wiod35"``, ``"icio2023"`` …) or
    ``None`` (detected from the sectors in ``df``). Level indicators are summed over the
    sectors of each group; ratios and positions are recomputed from the sums
    (:func:`recompute_ratios`). The ``sector`` column holds the group name.
    """
    from chainpower.data.concordances import Concordance, strategic_concordance

    sectors = df["sector"].dropna().unique().tolist()
    if concordance is None:
        concordance = strategic_concordance(sectors)
    elif isinstance(concordance, str):
        concordance = strategic_concordance(concordance)
    mapping: Mapping[str, str] = (
        concordance.mapping if isinstance(concordance, Concordance) else concordance
    )
    wanted = set(groups)
    rows = df[df["sector"].notna()].copy()
    rows["sector"] = rows["sector"].astype(str).map(lambda s: mapping.get(s))
    rows = rows[rows["sector"].isin(wanted)]
    if rows.empty:
        raise InputError(
            f"no sector of the table maps onto {sorted(wanted)}", label=f"sectors {sectors[:5]}"
        )
    ratio_names = set(RATIO_DEFS) | set(DERIVED)
    levels = rows[~rows["indicator"].isin(ratio_names)]
    summed: pd.DataFrame = (
        levels.groupby([*_KEYS, "indicator"], dropna=False)["value"].sum().reset_index()
    )
    out = pd.concat([summed, recompute_ratios(summed)], ignore_index=True)
    return out.sort_values([*_KEYS, "indicator"], ignore_index=True)
