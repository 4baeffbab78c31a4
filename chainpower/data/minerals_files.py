"""Readers of the minerals data: USGS Mineral Commodity Summaries, stage shares, EU CRM 2023.

Files under ``$CHAINPOWER_DATA/minerals/`` (see its PROVENANCE.md):

- ``usgs_mcs/usgs_mcs_world_2023_2024.parquet``: the 77 "world" tables of MCS 2023 (years 2021,
  2022e) and MCS 2024 (2022, 2023e) stacked long. Country cells carry footnote marks glued to
  the name (``Japane`` = Japan + "e", ``Other countries4``), a non-breaking space
  (``United\\xa0States``) or a qualifier (``Brazil (beneficiated)``, ``China, boric oxide
  equivalent``). :func:`read_usgs_world` splits these into ``country``, ``qualifier`` and
  ``iso3`` and classifies each row as ``country``, ``world`` (published world total),
  ``other`` ("Other countries") or ``group`` (e.g. "United States and Canada").
  Names are matched with the country_converter table's regular expressions.
- ``stage_shares_cma/stage_shares_mined_refined_reserves.csv``: integer-percent country shares by
  stage (``mined``, ``refined``, ``reserves``); BGS World Mineral Statistics via the CMA repo.
- ``stage_shares_cma/eu_crm2023_tableA_top_supplier.csv``: for 31 materials the bottleneck stage
  (E extraction / P processing), the largest global supplier and its share (EU CRM 2023 study,
  Table A, DOI 10.2873/725585).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.paths import data_path
from chainpower.errors import InputError

__all__ = ["clean_country_name", "read_crm2023_table_a", "read_stage_shares", "read_usgs_world"]


@lru_cache(maxsize=1)
def _regexes() -> list[tuple[re.Pattern[str], str]]:
    import country_converter.country_converter as ccm

    t = pd.read_csv(
        Path(ccm.COUNTRY_DATA_FILE), sep="\t", encoding="utf-8", dtype=str, keep_default_na=False
    )
    return [
        (re.compile(r, re.IGNORECASE), iso) for r, iso in zip(t["regex"], t["ISO3"], strict=True)
    ]


def _match(name: str) -> list[str]:
    return sorted({iso for rx, iso in _regexes() if rx.search(name)})


_COMMA_NAMES = ("Korea, Republic of", "Korea, North", "Congo (Kinshasa)")


@lru_cache(maxsize=4096)
def clean_country_name(
    raw: str, plain_names: frozenset[str] = frozenset()
) -> tuple[str, str, str | None, str]:
    """``(country, qualifier, iso3 or None, kind)`` of one USGS country cell.

    A trailing ``e`` is USGS's "estimated" footnote when the name without it is one of
    ``plain_names`` (the names the same file spells without a mark): ``Japane`` → Japan, while
    ``Ukraine`` stays Ukraine.

    >>> clean_country_name("Japane", frozenset({"Japan"}))
    ('Japan', '', 'JPN', 'country')
    """
    text = re.sub(r"\d+$", "", str(raw).replace("\xa0", " ").strip()).strip()
    if text.endswith("e") and text[:-1] in plain_names:
        text = text[:-1]
    qualifier = ""
    if not text.startswith(_COMMA_NAMES):
        m = re.match(r"^(.*?)\s*(\(.*\)|,.*)$", text)
        if m:
            text, qualifier = m.group(1), m.group(2).strip(" ,()")
    else:
        base = next(n for n in _COMMA_NAMES if text.startswith(n))
        text, qualifier = base, text[len(base) :].strip(" ,()")
    base = re.sub(r"\d+$", "", text).strip()
    if base.endswith("e") and base[:-1] in plain_names:
        base = base[:-1]
    low = base.lower()
    if low.startswith("world total"):
        return base, qualifier, None, "world"
    if low.startswith("other"):
        return base, qualifier, None, "other"
    found = _match(base)
    if len(found) == 1:
        return base, qualifier, found[0], "country"
    if len(found) > 1:
        return base, qualifier, None, "group"
    raise InputError("country name not recognised", label=repr(raw))


def read_usgs_world(path: str | Path | None = None) -> pd.DataFrame:
    """The USGS MCS world production / capacity / reserves tables, cleaned (one row per cell).

    Columns: ``release, commodity_code, country, qualifier, iso3, kind, type, measure, unit,
    year, estimated, value`` (``value`` NaN where USGS withheld or did not publish it).
    """
    p = (
        Path(path)
        if path
        else data_path("minerals", "usgs_mcs", "usgs_mcs_world_2023_2024.parquet")
    )
    df = pd.read_parquet(p)
    names = df["country"].astype(str).str.replace("\xa0", " ").str.strip()
    plain = frozenset(names.str.replace(r"\d+$", "", regex=True).str.strip())
    parts = []
    for n, raw in enumerate(df["country"].astype(str)):
        try:
            parts.append(clean_country_name(raw, plain))
        except InputError as exc:
            raise InputError(exc.reason, file=p, label=f"row {n + 1}: {raw!r}") from None
    country, qualifier, iso3, kind = (list(x) for x in zip(*parts, strict=True))
    return pd.DataFrame(
        {
            "release": df["release"].astype(int).to_numpy(),
            "commodity_code": df["commodity_code"].astype(str).to_numpy(),
            "country": country,
            "qualifier": qualifier,
            "iso3": pd.array(iso3, dtype="string"),
            "kind": kind,
            "type": df["type"].astype(str).to_numpy(),
            "measure": df["measure"].astype(str).to_numpy(),
            "unit": df["unit"].astype(str).to_numpy(),
            "year": df["year"].astype("Int64").to_numpy(),
            "estimated": df["estimated"].astype(bool).to_numpy(),
            "value": df["value"].to_numpy(dtype=float),
        }
    )


def _iso2(codes: pd.Series, file: Path) -> np.ndarray:
    from chainpower.data.countries import iso2_to_iso3

    return iso2_to_iso3(codes.astype(str), file=file)


def read_stage_shares(path: str | Path | None = None) -> pd.DataFrame:
    """Country shares by stage: ``stage, material, year, iso3, share`` (fraction, from the
    published integer percent; the listed countries need not sum to 1)."""
    p = (
        Path(path)
        if path
        else data_path("minerals", "stage_shares_cma", "stage_shares_mined_refined_reserves.csv")
    )
    df = pd.read_csv(p, dtype={"country_iso2": str}, keep_default_na=False)
    share = pd.to_numeric(df["share_pct"], errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(np.isnan(share) | (share < 0) | (share > 100))
    if bad.size:
        raise InputError("share_pct must lie in 0–100", file=p, label=f"row {bad[0] + 1}")
    return pd.DataFrame(
        {
            "stage": df["stage"].astype(str),
            "material": df["material"].astype(str),
            "year": df["year"].astype(int),
            "iso3": _iso2(df["country_iso2"], p),
            "share": share / 100.0,
        }
    )


def read_crm2023_table_a(path: str | Path | None = None) -> pd.DataFrame:
    """EU CRM 2023 Table A: ``material, stage, stage_code, iso3, supplier, share`` (fraction)."""
    p = (
        Path(path)
        if path
        else data_path("minerals", "stage_shares_cma", "eu_crm2023_tableA_top_supplier.csv")
    )
    df = pd.read_csv(p, dtype={"iso": str}, keep_default_na=False)
    return pd.DataFrame(
        {
            "material": df["material"].astype(str),
            "stage": df["stage"].astype(str),
            "stage_code": df["stage_code"].astype(str),
            "iso3": _iso2(df["iso"], p),
            "supplier": df["name"].astype(str),
            "share": df["pct"].astype(float) / 100.0,
        }
    )
