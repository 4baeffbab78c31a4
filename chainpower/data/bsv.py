"""Reader of the published Bailey–Strezhnev–Voeten ideal points (BSV 2017, JCR 61(2)).

File ``IdealpointestimatesAll_Jul2023.csv`` of Voeten's Dataverse entry (doi:10.7910/DVN/LEJUQZ):
one row per country and UNGA session with ``ccode`` (COW), ``session``, ``NVotesAll``,
``IdealPointAll`` (posterior mean) and posterior quantiles whose headers are irregular
(``QO%All`` with a letter O for the 0 % quantile, ``Q5%All`` … ``Q100%All``).

Countries are mapped from ``ccode`` with :func:`~chainpower.data.countries.cow_to_iso3`, not
from the file's ``iso3c`` column, which labels both North (678) and South Yemen (680) "YAR" and
keeps "YUG"/"CSK"; ``iso3_file`` keeps that column for reference.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.countries import cow_to_iso3
from chainpower.data.paths import data_dir
from chainpower.data.reading import fail_at_first, read_frame
from chainpower.data.unvotes import _as_int, session_year
from chainpower.errors import DataNotFoundError, LayoutError

__all__ = ["BSV_FILE", "load_bsv", "quantile_columns"]

BSV_FILE = "IdealpointestimatesAll_Jul2023.csv"
_QUANT = re.compile(r"^Q([O0-9]+)%All$")


def quantile_columns(df: pd.DataFrame) -> list[str]:
    """Names of the quantile columns (``q00``, ``q05`` …) of a frame from :func:`load_bsv`."""
    return [c for c in df.columns if re.fullmatch(r"q\d{2,3}", c)]


def load_bsv(path: str | Path | None = None) -> pd.DataFrame:
    """Published BSV ideal points, one row per (country, session).

    ``path``: the CSV or its folder (default ``data_dir()/unga/bsv``). Columns: iso3, ccode,
    session, year (= :func:`session_year`), ideal, n_votes, q00, q05, q10, q50, q90, q95, q100
    (whatever quantiles the file has), country_name, iso3_file.
    Raises :class:`InputError` on an unknown COW code, a non-finite estimate, or two rows for
    the same country and session.
    """
    if path is None:
        base = data_dir(required=True)
        assert base is not None
        path = base / "unga" / "bsv"
    p = Path(path)
    if p.is_dir():
        p = p / BSV_FILE
    if not p.is_file():
        raise DataNotFoundError("BSV ideal-point file not found", file=p)
    raw = read_frame(p, "BSV ideal-point file", keep_default_na=False, na_values=[""])
    needed = ["ccode", "session", "NVotesAll", "IdealPointAll"]
    missing = [c for c in needed if c not in raw.columns]
    if missing:
        raise LayoutError(f"missing columns {missing}", file=p)
    out = pd.DataFrame(
        {
            "iso3": pd.array(
                cow_to_iso3(
                    raw["ccode"].tolist(), file=p, rows=[f"row {i + 2}" for i in range(len(raw))]
                ),
                dtype="string",
            ),
            "ccode": _as_int(raw["ccode"], "ccode", p),
            "session": _as_int(raw["session"], "session", p),
        }
    )
    out["year"] = session_year(out["session"])
    out["ideal"] = pd.to_numeric(raw["IdealPointAll"], errors="coerce").astype(float)
    out["n_votes"] = _as_int(raw["NVotesAll"], "NVotesAll", p)
    quants = []
    for col in raw.columns:
        m = _QUANT.match(col)
        if m:
            level = int(m.group(1).replace("O", "0"))
            name = f"q{level:02d}"
            out[name] = pd.to_numeric(raw[col], errors="coerce").astype(float)
            quants.append(name)
    for col in ["ideal", *quants]:

        def non_finite(i: int, col: str = col) -> str:
            return f"non-finite {col} {raw.iloc[i].get('IdealPointAll')!r}"

        fail_at_first(
            ~np.isfinite(out[col].to_numpy(dtype=float)),
            non_finite,
            file=p,
            label=lambda i: f"row {i + 2} (ccode {out['ccode'].iloc[i]})",
        )
    out["country_name"] = raw.get("Countryname", pd.Series("", index=raw.index)).astype("string")
    out["iso3_file"] = raw.get("iso3c", pd.Series("", index=raw.index)).astype("string")
    fail_at_first(
        out.duplicated(["iso3", "session"], keep=False).to_numpy(),
        lambda i: f"two rows for {out['iso3'].iloc[i]} in session {out['session'].iloc[i]} "
        "(predecessor and successor state overlap)",
        file=p,
        label=lambda i: f"row {i + 2}",
    )
    return out.sort_values(["iso3", "session"]).reset_index(drop=True)
