"""A documented generic long format so users can bring any MRIO table (Eora, FIGARO, national …).

One row per non-zero entry, in CSV (``.csv``, ``.csv.gz``) or Parquet (``.parquet``):

==============  ==============================================================================
column          meaning
==============  ==============================================================================
``kind``        ``Z`` intermediate flow, ``Y`` final demand, ``V`` value added, ``x`` output
``from_country`` selling country (``Z``, ``Y``, ``x``); empty for ``V``
``from_sector`` selling sector (``Z``, ``Y``, ``x``); the value-added component for ``V``
``to_country``  buying country (``Z``, ``V``), destination country (``Y``); empty for ``x``
``to_sector``   buying sector (``Z``, ``V``), final-demand category (``Y``); empty for ``x``
``value``       the flow, in ``unit``
==============  ==============================================================================

Optional constant columns ``year``, ``source``, ``unit``. Entries not listed are zero. Labels are
ordered by first appearance (``x`` rows, then ``Z`` rows) — write ``x`` for every country-sector,
country-major, to fix the order. ``x`` may be omitted (row totals are used); ``V`` may be omitted
only when the caller asks to derive it (``x − 1'Z``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.data.mrio_readers.parts import TableParts, country_major_labels, existing_file
from chainpower.data.reading import frame_suffix, read_frame
from chainpower.errors import InputError, LayoutError

__all__ = ["GENERIC_COLUMNS", "parts_to_long", "read_generic_long", "write_generic_long"]

GENERIC_COLUMNS: tuple[str, ...] = (
    "kind", "from_country", "from_sector", "to_country", "to_sector", "value",
)  # fmt: skip
KINDS = ("Z", "Y", "V", "x")


def _read(path: Path) -> pd.DataFrame:
    if frame_suffix(path) not in (".csv", ".csv.gz", ".txt", ".parquet"):
        raise LayoutError("generic MRIO files must end in .csv, .csv.gz or .parquet", file=path)
    return read_frame(
        path,
        "generic MRIO file",
        dtype={c: "string" for c in GENERIC_COLUMNS[1:5]},
        keep_default_na=False,
        na_values={"value": ["", "NA", "NaN", "nan"]},
    )


def read_generic_long(path: str | Path) -> TableParts:
    """Parse the generic long format (see module docstring)."""
    path = existing_file(path, "generic MRIO file")
    origin = str(path)
    df = _read(path)
    missing = [c for c in GENERIC_COLUMNS if c not in df.columns]
    if missing:
        raise LayoutError(f"columns {missing} missing (need {list(GENERIC_COLUMNS)})", file=path)
    for c in GENERIC_COLUMNS[:5]:
        df[c] = df[c].astype("string").fillna("").str.strip()
    bad_kind = ~df["kind"].isin(KINDS)
    if bad_kind.any():
        i = int(np.flatnonzero(bad_kind.to_numpy())[0])
        r = df.iloc[i]
        raise LayoutError(
            f"line {i + 2}: kind {r['kind']!r} is not one of {KINDS}",
            file=path,
            label=f"{r['from_country']}/{r['from_sector']}",
        )
    value = pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(value)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        r = df.iloc[i]
        who = (
            f"{r['to_country']}/{r['to_sector']}"
            if r["kind"] == "V"
            else f"{r['from_country']}/{r['from_sector']}"
        )
        raise InputError(
            f"line {i + 2}: {r['kind']} value {df['value'].iloc[i]!r} is not a finite number",
            file=path,
            label=who,
        )
    df["value"] = value

    z, y, v, xx = (df[df["kind"] == k] for k in KINDS)
    order = pd.concat(
        [
            xx[["from_country", "from_sector"]],
            z[["from_country", "from_sector"]],
            z[["to_country", "to_sector"]].set_axis(["from_country", "from_sector"], axis=1),
        ]
    )
    pairs = list(dict.fromkeys(zip(order["from_country"], order["from_sector"], strict=True)))
    countries = list(dict.fromkeys(c for c, _ in pairs))
    sectors = list(dict.fromkeys(s for _, s in pairs))
    if len(pairs) != len(countries) * len(sectors):
        grid = {(c, s) for c in countries for s in sectors} - set(pairs)
        c, s = sorted(grid)[0]
        raise LayoutError(
            f"country-sector {c}/{s} never appears although both labels do; "
            "every country needs the same sectors",
            file=path,
            label=f"{c}/{s}",
        )
    labels_grid = [(c, s) for c in countries for s in sectors]
    country_major_labels(labels_grid, origin=origin)
    index = {p: k for k, p in enumerate(labels_grid)}
    n = len(labels_grid)
    fd = list(dict.fromkeys(y["to_sector"])) or ["FD"]
    comps = list(dict.fromkeys(v["from_sector"]))

    def locate(frame: pd.DataFrame, cc: str, ss: str, what: str) -> np.ndarray:
        keys = list(zip(frame[cc], frame[ss], strict=True))
        out = np.empty(len(keys), dtype=np.int64)
        for k, key in enumerate(keys):
            if key not in index:
                raise LayoutError(
                    f"{what} {key[0]}/{key[1]} is not a country-sector of the table",
                    file=path,
                    label=f"{key[0]}/{key[1]}",
                )
            out[k] = index[key]
        return out

    def add(
        shape: tuple[int, ...],
        rows: np.ndarray,
        cols: np.ndarray,
        vals: np.ndarray,
        what: str,
        row_names: list[str],
    ) -> np.ndarray:
        key = rows * shape[1] + cols
        uniq, counts = np.unique(key, return_counts=True)
        if (counts > 1).any():
            k = int(uniq[counts > 1][0])
            raise InputError(
                f"duplicate {what} entry (row {k // shape[1]}, column {k % shape[1]})",
                file=path,
                label=row_names[k // shape[1]],
            )
        out = np.zeros(shape)
        out[rows, cols] = vals
        return out

    names = [f"{c}/{s}" for c, s in labels_grid]
    Z = add(
        (n, n),
        locate(z, "from_country", "from_sector", "Z seller"),
        locate(z, "to_country", "to_sector", "Z buyer"),
        z["value"].to_numpy(),
        "Z",
        names,
    )
    cidx = {c: g for g, c in enumerate(countries)}
    ycol = np.array(
        [
            cidx.get(c, -1) * len(fd) + fd.index(f)
            for c, f in zip(y["to_country"], y["to_sector"], strict=True)
        ],
        dtype=np.int64,
    )
    if (ycol < 0).any():
        bad_c = y["to_country"].iloc[int(np.flatnonzero(ycol < 0)[0])]
        raise LayoutError(f"final demand of unknown country {bad_c!r}", file=path, label=bad_c)
    Y = add(
        (n, len(countries) * len(fd)),
        locate(y, "from_country", "from_sector", "Y seller"),
        ycol,
        y["value"].to_numpy(),
        "Y",
        names,
    )
    V = None
    if comps:
        V = add(
            (len(comps), n),
            np.array([comps.index(c) for c in v["from_sector"]], dtype=np.int64),
            locate(v, "to_country", "to_sector", "V buyer"),
            v["value"].to_numpy(),
            "V",
            comps,
        )
    x = None
    if len(xx):
        x = add(
            (n, 1),
            locate(xx, "from_country", "from_sector", "x"),
            np.zeros(len(xx), dtype=np.int64),
            xx["value"].to_numpy(),
            "x",
            names,
        )[:, 0]
    meta: dict[str, object] = {}
    for col in ("year", "source", "unit"):
        if col in df.columns:
            vals = df[col].dropna().unique()
            if len(vals) > 1:
                raise LayoutError(
                    f"column {col!r} must be constant, holds {list(vals[:3])}", file=path
                )
            if len(vals):
                meta[col] = vals[0]
    return TableParts(
        Z=Z,
        Y=Y,
        V=V,
        va_components=comps or None,
        x=x,
        countries=countries,
        sectors=sectors,
        fd_categories=fd,
        origin=origin,
        year=int(meta["year"]) if "year" in meta else None,  # type: ignore[call-overload]
        source=str(meta.get("source", "generic")),
        unit=str(meta.get("unit", "")),
    )


def parts_to_long(parts: TableParts, *, drop_zeros: bool = True) -> pd.DataFrame:
    """The long frame of ``parts`` (inverse of :func:`read_generic_long`)."""
    cs = [(c, s) for c in parts.countries for s in parts.sectors]
    n = len(cs)
    fdc = [(c, f) for c in parts.countries for f in parts.fd_categories]
    frames = []
    if parts.x is not None:
        frames.append(
            pd.DataFrame(
                {
                    "kind": "x",
                    "from_country": [c for c, _ in cs],
                    "from_sector": [s for _, s in cs],
                    "to_country": "",
                    "to_sector": "",
                    "value": parts.x,
                }
            )
        )

    def block(
        kind: str, M: np.ndarray, rows: list[tuple[str, str]], cols: list[tuple[str, str]]
    ) -> pd.DataFrame:
        r, c = np.nonzero(M) if drop_zeros else np.indices(M.shape).reshape(2, -1)
        return pd.DataFrame(
            {
                "kind": kind,
                "from_country": [rows[i][0] for i in r],
                "from_sector": [rows[i][1] for i in r],
                "to_country": [cols[j][0] for j in c],
                "to_sector": [cols[j][1] for j in c],
                "value": M[r, c],
            }
        )

    frames.append(block("Z", parts.Z, cs, cs))
    frames.append(block("Y", parts.Y, cs, fdc))
    if parts.V is not None:
        V = parts.V if parts.V.ndim == 2 else parts.V[None, :]
        comps = parts.va_components or [f"VA{k + 1}" for k in range(V.shape[0])]
        frames.append(block("V", V, [("", k) for k in comps], cs))
    df = pd.concat(frames, ignore_index=True)
    if parts.year is not None:
        df["year"] = int(parts.year)
    df["source"] = parts.source
    df["unit"] = parts.unit
    assert len(cs) == n
    return df


def write_generic_long(parts: TableParts, path: str | Path) -> Path:
    """Write ``parts`` as CSV or Parquet (by suffix), atomically (no partial file on error)."""
    path = Path(path)
    df = parts_to_long(parts)
    tmp = path.with_name(path.name + ".tmp")
    name = path.name.lower()
    if name.endswith(".parquet"):
        df.to_parquet(tmp, index=False)
    elif name.endswith((".csv", ".csv.gz")):
        df.to_csv(
            tmp,
            index=False,
            compression="gzip" if name.endswith(".gz") else None,
            float_format="%.17g",
        )
    else:
        raise LayoutError("generic MRIO files must end in .csv, .csv.gz or .parquet", file=path)
    tmp.replace(path)
    return path
