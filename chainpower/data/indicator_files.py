"""Published GVC indicator files: the ADB-derived indicators of ``mrio/adb_ksreyes/`` and a
documented long format for UIBE / OECD TiVA downloads (``docs/data_indicators.md``).

**ADB indicators** (:func:`load_adb_indicators`). K. Reyes' ``mrio-processing`` (commit
9eb705a) computed them from the ADB MRIO 72-economy tables, 2017–2022, 35 sectors; the files
hold no tables. Files read (``<root>/adb72_2017_2022/``): ``gvcp.parquet`` (Borin & Mancini
2019 trade-based participation, exporting-sector breakdown, ADB *Key Indicators* 2021
definitions: ``GVC_trade_f = REX1+REX2+REX3+REF1+REF2``, ``GVC_trade_b = FVA+PDC1+PDC2``,
``GVCP_trade_* = GVC_trade_* / Exports``; ``GVC_prod`` by origin sector, ``GVCP_prod =
GVC_prod / va``), ``lengths.parquet`` (Wang, Wei, Yu & Zhu 2017b production lengths and
``GVC_POS = PLv_GVC / PLy_GVC``) and ``summary.parquet`` (table aggregates). Key columns:
``t`` year, ``s`` economy number (``<root>/dicts/countries_mrio.csv``: ``mrio`` → ISO3
``iso_a3``; 73 = ``ROW``), ``agg``/``i`` sector level (0/0 = country total, 35/1…35 = ADB
sectors ``c1…c35``; the 5- and 15-sector groupings are not read).

PROVENANCE quirk: in ``summary.parquet`` the columns ``e, ez, ey`` are **domestic** sales, not
exports, so gross exports = ``x − e`` (equal to ``gvcp`` ``Exports`` to 1.5e-8 USD mn, tested),
intermediate exports = ``zsales − ez``, final exports = ``y − ey``.

Every emitted name (see :data:`ADB_INDICATORS`) follows design.md §7; WWYZ names are those
:mod:`chainpower.gvc.production` emits for the same quantity. Shares whose denominator
(exports, or value added for ``bm_gvcp_prod``) is ≤ 0 are left out with an
:class:`UndefinedShareWarning` naming the cells; cells the file leaves empty (lengths of idle
sectors) are left out and counted in the same warning. Values are USD millions (levels),
fractions (``_share``-like ratios ``bm_gvcp_*``) or numbers of stages (lengths).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.indicator_long import LONG_AGGREGATES, LONG_COLUMNS, read_indicator_long
from chainpower.data.paths import data_path
from chainpower.data.store import TIDY_COLUMNS
from chainpower.errors import DataNotFoundError, InputError, LayoutError

__all__ = [
    "ADB_INDICATORS",
    "ADB_SOURCE",
    "LONG_AGGREGATES",
    "LONG_COLUMNS",
    "UndefinedShareWarning",
    "load_adb_indicators",
    "read_indicator_long",
]

ADB_SOURCE = "adb_ksreyes"
_ADB72 = "adb72_2017_2022"

#: name → (file, column or formula, unit, definition).
ADB_INDICATORS: dict[str, tuple[str, str, str, str]] = {
    "adb_exports": ("gvcp", "Exports", "USD mn", "gross exports = x − e (e = domestic sales)"),
    "adb_exports_intermediate": ("summary", "zsales − ez", "USD mn", "intermediate exports"),
    "adb_exports_final": ("summary", "y − ey", "USD mn", "final-goods exports"),
    "adb_output": ("summary", "x", "USD mn", "gross output (total-input row)"),
    "adb_va": ("gvcp", "va", "USD mn", "value added (the 6 rows between Z and total input)"),
    "bm_gvc_trade_f": ("gvcp", "GVC_trade_f", "USD mn", "forward GVC trade REX1–3 + REF1–2"),
    "bm_gvc_trade_b": ("gvcp", "GVC_trade_b", "USD mn", "backward GVC trade FVA + PDC1–2"),
    "bm_gvc_trade": ("gvcp", "GVC_trade", "USD mn", "GVC-related trade, forward + backward"),
    "bm_gvcp_trade_f": ("gvcp", "GVCP_trade_f", "fraction", "bm_gvc_trade_f / adb_exports"),
    "bm_gvcp_trade_b": ("gvcp", "GVCP_trade_b", "fraction", "bm_gvc_trade_b / adb_exports"),
    "bm_gvcp_trade": ("gvcp", "GVCP_trade", "fraction", "bm_gvc_trade / adb_exports"),
    "bm_gvc_prod": ("gvcp", "GVC_prod", "USD mn", "GVC VA by origin: DAVAX2 + REX1–3 + REF1–2"),
    "bm_gvcp_prod": ("gvcp", "GVCP_prod", "fraction", "bm_gvc_prod / adb_va"),
    "wwyz_plv": ("lengths", "PLv", "stages", "forward production length PLv"),
    "wwyz_plv_d": ("lengths", "PLv_D", "stages", "PLv of purely domestic production"),
    "wwyz_plv_rt": ("lengths", "PLv_RT", "stages", "PLv of traditional trade"),
    "wwyz_plv_gvc": ("lengths", "PLv_GVC", "stages", "forward GVC production length"),
    "wwyz_plv_gvc_domestic": ("lengths", "PLvd_GVC", "stages", "domestic segment of PLv_GVC"),
    "wwyz_plv_gvc_border": ("lengths", "CBv_GVC", "stages", "border crossings of PLv_GVC"),
    "wwyz_plv_gvc_foreign": ("lengths", "PLvf_GVC", "stages", "foreign segment of PLv_GVC"),
    "wwyz_ply": ("lengths", "PLy", "stages", "backward production length PLy"),
    "wwyz_ply_d": ("lengths", "PLy_D", "stages", "PLy of purely domestic production"),
    "wwyz_ply_rt": ("lengths", "PLy_RT", "stages", "PLy of traditional trade"),
    "wwyz_ply_gvc": ("lengths", "PLy_GVC", "stages", "backward GVC production length"),
    "wwyz_ply_gvc_domestic": ("lengths", "PLyd_GVC", "stages", "domestic segment of PLy_GVC"),
    "wwyz_ply_gvc_border": ("lengths", "CBy_GVC", "stages", "border crossings of PLy_GVC"),
    "wwyz_ply_gvc_foreign": ("lengths", "PLyf_GVC", "stages", "foreign segment of PLy_GVC"),
    "wwyz_pl_position": ("lengths", "GVC_POS", "ratio", "GVC position PLv_GVC / PLy_GVC"),
}
#: Shares and their denominators: a cell with denominator ≤ 0 is left out.
_SHARE_DENOMINATOR = {
    "bm_gvcp_trade_f": "Exports",
    "bm_gvcp_trade_b": "Exports",
    "bm_gvcp_trade": "Exports",
    "bm_gvcp_prod": "va",
}
_KEYS = ["t", "s", "agg", "i"]


class UndefinedShareWarning(UserWarning):
    """Cells were left out: a share with a denominator ≤ 0, or a cell the file leaves empty."""


def _root(path: str | Path | None) -> Path:
    if path is None:
        return data_path("mrio", "adb_ksreyes")
    p = Path(path).expanduser()
    if (p / "gvcp.parquet").is_file() and (p.parent / "dicts").is_dir():
        return p.parent  # the adb72 folder itself was given
    if not p.is_dir():
        raise DataNotFoundError("ADB indicator folder not found", file=p)
    return p


def _read(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    if not path.is_file():
        raise DataNotFoundError("ADB indicator file missing", file=path)
    try:
        df = pd.read_parquet(path)
    except (OSError, ValueError) as exc:
        raise LayoutError(f"cannot read ADB indicator file: {exc}", file=path) from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise LayoutError(f"ADB indicator file lacks columns {missing}", file=path)
    return df


def _economies(root: Path) -> dict[int, str]:
    path = root / "dicts" / "countries_mrio.csv"
    if not path.is_file():
        raise DataNotFoundError("ADB economy dictionary missing", file=path)
    d = pd.read_csv(path, dtype={"iso_a3": str})
    if not {"mrio", "iso_a3"} <= set(d.columns):
        raise LayoutError("economy dictionary needs columns mrio, iso_a3", file=path)
    d = d.dropna(subset=["mrio"])
    return {int(m): str(c) for m, c in zip(d["mrio"], d["iso_a3"], strict=True)}


def _sector_level(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Rows for country totals (agg 0) and the 35 sectors, with a ``sector`` column."""
    if "agg" not in df.columns:  # summary.parquet: 35 sectors only
        out = df.copy()
        out["agg"] = 35
    else:
        out = df[df["agg"].isin([0, 35])].copy()
    bad = (out["agg"] == 35) & ~out["i"].between(1, 35)
    if bad.any():
        raise InputError(f"sector index {out.loc[bad, 'i'].iloc[0]} outside 1–35", file=path)
    codes = ("c" + out["i"].astype(str)).to_numpy(dtype=object)
    out["sector"] = np.where(out["agg"].to_numpy() == 0, np.asarray(None, dtype=object), codes)
    return out


def _warn(dropped: dict[str, list[str]], root: Path) -> None:
    if not dropped:
        return
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, cells in dropped.items():
        groups.setdefault(tuple(cells), []).append(name)
    parts = []
    for cell_key, names in groups.items():
        cells = list(cell_key)
        more = f" +{len(cells) - 4} more" if len(cells) > 4 else ""
        parts.append(f"{', '.join(names)}: {len(cells)} cell(s) ({', '.join(cells[:4])}{more})")
    warnings.warn(
        f"ADB indicators ({root}): cells left out — shares with exports (or value added) ≤ 0 "
        f"and cells the file leaves empty; {'; '.join(parts)}",
        UndefinedShareWarning,
        stacklevel=3,
    )


def _cells(df: pd.DataFrame, mask: np.ndarray) -> list[str]:
    sub = df[mask]
    sec = sub["sector"].fillna("total").astype(str)
    return [f"{c}/{s} {y}" for c, s, y in zip(sub["country"], sec, sub["t"], strict=True)]


def load_adb_indicators(
    path: str | Path | None = None,
    *,
    countries: Sequence[str] | None = None,
    years: Iterable[int] | None = None,
    sectors: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The ADB-derived indicators in the store's tidy schema (``source="adb_ksreyes"``).

    ``path``: the ``adb_ksreyes`` folder (default ``<data>/mrio/adb_ksreyes``) or its
    ``adb72_2017_2022`` subfolder. ``countries`` (ISO3), ``years`` and ``sectors`` (``c1``…
    ``c35``) filter; an unknown economy, a year outside the files or an unknown sector is an
    :class:`InputError`. Without ``sectors`` the country totals (``sector`` null) come too.
    """
    root = _root(path)
    folder = root / _ADB72
    econ = _economies(root)
    cols: dict[str, list[str]] = {"gvcp": [], "lengths": [], "summary": []}
    for _name, (file, column, _u, _d) in ADB_INDICATORS.items():
        if file != "summary":
            cols[file].append(column)
    gvcp = _read(folder / "gvcp.parquet", _KEYS + cols["gvcp"])
    lengths = _read(folder / "lengths.parquet", _KEYS + cols["lengths"])
    summary = _read(folder / "summary.parquet", ["t", "s", "i", "x", "zsales", "ez", "y", "ey"])
    unknown = sorted(set(gvcp["s"].unique()) - set(econ))
    if unknown:
        raise InputError(f"economy number {unknown[0]} not in the dictionary", file=folder)

    have_years = sorted(int(t) for t in gvcp["t"].unique())
    want_c = _check_filter(countries, sorted(set(econ.values())), "economy", folder)
    want_y = _check_filter(years, have_years, "year", folder)
    want_s = _check_filter(sectors, [f"c{i}" for i in range(1, 36)], "sector", folder)

    frames: list[pd.DataFrame] = []
    dropped: dict[str, list[str]] = {}
    # summary: sector rows, country totals summed (levels only)
    s = _sector_level(summary, folder / "summary.parquet")
    s["adb_exports_intermediate"] = s["zsales"] - s["ez"]
    s["adb_exports_final"] = s["y"] - s["ey"]
    s["adb_output"] = s["x"]
    levels = ["adb_exports_intermediate", "adb_exports_final", "adb_output"]
    tot = s.groupby(["t", "s"], as_index=False)[levels].sum()
    tot["agg"], tot["i"], tot["sector"] = 0, 0, None
    s = pd.concat([s, tot], ignore_index=True)
    for file, df in (
        ("gvcp", _sector_level(gvcp, folder)),
        ("lengths", _sector_level(lengths, folder)),
        ("summary", s),
    ):
        df["country"] = df["s"].map(econ)
        keep = np.ones(len(df), dtype=bool)
        if want_c is not None:
            keep &= df["country"].isin(want_c).to_numpy()
        if want_y is not None:
            keep &= df["t"].isin(want_y).to_numpy()
        if want_s is not None:
            keep &= df["sector"].isin(want_s).to_numpy()
        df = df[keep]
        for name, (f, column, _u, _d) in ADB_INDICATORS.items():
            if f != file:
                continue
            col = name if file == "summary" else column
            v = df[col].to_numpy(dtype=float)
            ok = np.isfinite(v)
            den = _SHARE_DENOMINATOR.get(name)
            if den is not None:
                ok &= df[den].to_numpy(dtype=float) > 0
            if (~ok).any():
                dropped[name] = _cells(df, ~ok)
            sub = df[ok]
            frames.append(
                pd.DataFrame(
                    {
                        "source": ADB_SOURCE,
                        "year": sub["t"].to_numpy(dtype=np.int64),
                        "country": sub["country"].to_numpy(dtype=object),
                        "sector": sub["sector"].to_numpy(dtype=object),
                        "partner": None,
                        "indicator": name,
                        "value": v[ok],
                    }
                )
            )
    _warn(dropped, root)
    out = pd.concat(frames, ignore_index=True)[list(TIDY_COLUMNS)]
    return out.sort_values(
        ["indicator", "country", "sector", "year"], na_position="first", kind="stable"
    ).reset_index(drop=True)


def _check_filter(
    items: Iterable[object] | None, allowed: Sequence[object], what: str, file: Path
) -> list[object] | None:
    if items is None:
        return None
    if isinstance(items, str):
        items = [items]
    want = [int(x) for x in items] if what == "year" else [str(x) for x in items]  # type: ignore[call-overload]
    if not want:
        raise InputError(f"empty {what} selection", file=file)
    bad = [x for x in want if x not in allowed]
    if bad:
        shown = (
            f"{allowed[0]}–{allowed[-1]}" if what == "year" else ", ".join(map(str, allowed[:12]))
        )
        raise InputError(
            f"{what} {bad[0]!r} is not in the ADB indicator files (they have {shown}"
            f"{' …' if what != 'year' and len(allowed) > 12 else ''})",
            file=file,
            label=f"{what} {bad[0]}",
        )
    return want
