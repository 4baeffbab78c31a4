"""A seeded synthetic BACI year in CEPII's exact file layout (for tests and benchmarks).

Writes ``BACI_<vintage>_Y<year>_V<version>.csv`` with the header ``t,i,j,k,v,q`` (numeric
country codes, six-character product codes, values in kUSD with 3 decimals, quantities in
tonnes or ``NA``) and a ``country_codes_V<version>.csv`` in the V2024 layout
(``country_code,country_name,country_iso2,country_iso3``). Each product has a "champion"
exporter that ships about a third of its flows, so screens find dependencies. Keys
``(t, i, j, k)`` are unique, as in BACI.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.errors import InputError
from chainpower.output import atomic_path

__all__ = ["synthetic_baci"]


def _countries(n: int) -> pd.DataFrame:
    import country_converter.country_converter as ccm

    t = pd.read_csv(Path(ccm.COUNTRY_DATA_FILE), sep="\t", dtype=str, keep_default_na=False)
    t = t[t["ISOnumeric"].str.isdigit() & (t["ISO3"].str.len() == 3) & (t["ISO2"].str.len() == 2)]
    t = t.drop_duplicates("ISOnumeric").drop_duplicates("ISO3")
    from chainpower.data.groups import GROUPS

    first = {"CHN", "USA", "JPN", "KOR", *GROUPS["EU27"]}
    t = pd.concat([t[t["ISO3"].isin(first)], t[~t["ISO3"].isin(first)]]).head(n)
    if len(t) < n:
        raise InputError(f"at most {len(t)} countries available", label=str(n))
    return pd.DataFrame(
        {
            "country_code": t["ISOnumeric"].astype(int).to_numpy(),
            "country_name": t["name_short"].to_numpy(),
            "country_iso2": t["ISO2"].to_numpy(),
            "country_iso3": t["ISO3"].to_numpy(),
        }
    )


def synthetic_baci(
    folder: str | Path,
    *,
    products: Sequence[str],
    n_countries: int = 200,
    rows: int = 1_000_000,
    year: int = 2022,
    vintage: str = "HS17",
    version: str = "V202401",
    seed: int = 2024,
) -> tuple[Path, Path]:
    """Write a BACI-layout year file and its country-code file; return both paths."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    countries = _countries(n_countries)
    codes = countries["country_code"].to_numpy()
    prods = np.asarray([str(p) for p in products])
    n_p, n_c = len(prods), len(codes)
    champion = rng.integers(0, n_c, n_p)
    k = rng.integers(0, n_p, rows)
    ex = np.where(rng.random(rows) < 0.3, champion[k], rng.integers(0, n_c, rows))
    im = rng.integers(0, n_c - 1, rows)
    im = np.where(im >= ex, im + 1, im)  # never a self-flow
    key = (k.astype(np.int64) * n_c + ex) * n_c + im
    _, first = np.unique(key, return_index=True)
    first.sort()
    k, ex, im = k[first], ex[first], im[first]
    m = len(first)
    v = np.round(rng.lognormal(3.0, 2.0, m), 3)
    q = np.round(v / rng.lognormal(1.0, 1.0, m), 3)
    q_text = pa.compute.cast(pa.array(q), pa.string())
    q_text = pa.compute.if_else(pa.array(rng.random(m) < 0.1), "NA", q_text)
    table = pa.table(
        {
            "t": pa.array(np.full(m, year, dtype=np.int32)),
            "i": pa.array(codes[ex].astype(np.int32)),
            "j": pa.array(codes[im].astype(np.int32)),
            "k": pa.array(prods[k]),
            "v": pa.array(v),
            "q": q_text,
        }
    )
    path = out / f"BACI_{vintage}_Y{year}_{version}.csv"
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:  # BACI's header is unquoted
        fh.write(b"t,i,j,k,v,q\n")
        pacsv.write_csv(table, fh, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    codes_path = out / f"country_codes_{version}.csv"
    with atomic_path(codes_path) as tmp:
        countries.to_csv(tmp, index=False)
    return path, codes_path
