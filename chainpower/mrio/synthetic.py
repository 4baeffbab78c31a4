"""A seeded synthetic world: balanced MRIO tables built by code, for demos, tests and benchmarks.

Construction (balanced by design, Miller & Blair 2009, eq. 2.9–2.11): draw technical
coefficients ``A`` ``(n, n)`` whose column sums lie in ``[0.3, 0.65]`` and final demand
``Y`` ``(n, G·F)`` > 0; then output ``x = (I − A)⁻¹·Y·1``, flows ``Z = A·diag(x)`` and value
added ``V = x' − 1'Z = x'·(1 − 1'A) > 0``. Row and column balance hold to rounding error.

Over the years each country's share of foreign inputs drifts (a country-specific trend), so
GVC participation moves over time as in real data; everything is reproducible from ``seed``.
"""

from __future__ import annotations

import numpy as np

from chainpower.mrio.algebra import leontief_solve
from chainpower.mrio.table import MRIOTable

__all__ = [
    "SYNTHETIC_COUNTRIES",
    "SYNTHETIC_SECTORS",
    "SYNTHETIC_STRATEGIC",
    "synthetic_table",
    "synthetic_world",
]

#: 19 named economies (the 15 of paper 000 and four more) plus the rest of the world.
SYNTHETIC_COUNTRIES: tuple[str, ...] = (
    "USA", "CHN", "JPN", "DEU", "KOR", "GBR", "FRA", "IND", "CAN", "MEX",
    "AUS", "RUS", "VNM", "SGP", "PHL", "ITA", "BRA", "IDN", "NLD", "ROW",
)  # fmt: skip

#: 12 sectors; codes are the synthetic world's own, names follow ISIC Rev. 3 groupings.
SYNTHETIC_SECTORS: tuple[str, ...] = (
    "AGR", "MIN", "FOOD", "TEX", "CHEM", "METAL",
    "MACH", "ELEC", "TRAN", "UTIL", "TRADE", "SERV",
)  # fmt: skip

#: The papers' strategic industries in synthetic sector codes.
SYNTHETIC_STRATEGIC: dict[str, str] = {"chips": "ELEC", "vehicles": "TRAN", "minerals": "MIN"}


def _names(prefix: str, k: int) -> tuple[str, ...]:
    width = len(str(k))
    return tuple(f"{prefix}{i + 1:0{width}d}" for i in range(k))


def synthetic_table(
    G: int = 20,
    N: int = 12,
    *,
    year: int = 2010,
    seed: int = 0,
    fd_categories: tuple[str, ...] = ("HH", "GFCF"),
    trend: float = 0.0,
) -> MRIOTable:
    """One balanced synthetic table of ``G`` countries × ``N`` sectors.

    ``trend`` shifts every country's foreign-input share by that many years of its drift;
    :func:`synthetic_world` uses it to build a time series from one seed. Country and sector
    labels are the named lists above when sizes allow, else ``C01…``/``S01…``.
    """
    rng = np.random.default_rng(seed)
    n, F = G * N, len(fd_categories)
    countries = SYNTHETIC_COUNTRIES if len(SYNTHETIC_COUNTRIES) == G else _names("C", G)
    sectors = SYNTHETIC_SECTORS if len(SYNTHETIC_SECTORS) == N else _names("S", N)

    size = rng.lognormal(0.0, 1.0, G)
    size /= size.sum()
    # Foreign-input share per country: base level + country-specific drift per year.
    foreign0 = rng.uniform(0.08, 0.30, G)
    drift = rng.normal(0.004, 0.004, G)
    foreign = np.clip(foreign0 + drift * trend, 0.02, 0.6)
    # Sector input recipes shared by all countries, perturbed per country.
    recipe = rng.dirichlet(np.full(N, 0.6), size=N).T  # (N supplying, N buying)
    col_total = rng.uniform(0.3, 0.65, n)  # total input coefficient per buying column

    A = np.empty((n, n))
    for s in range(G):  # buying country
        noise = rng.lognormal(0.0, 0.25, (N, N))
        dom = recipe * noise
        dom /= dom.sum(axis=0, keepdims=True)
        partners = size * rng.lognormal(0.0, 0.5, G)
        partners[s] = 0.0
        partners /= partners.sum()
        cols = slice(s * N, (s + 1) * N)
        share_f = np.clip(foreign[s] * rng.lognormal(0.0, 0.3, N), 0.01, 0.8)
        for r in range(G):  # supplying country
            w = (1.0 - share_f) * dom if r == s else share_f * partners[r] * dom
            A[r * N : (r + 1) * N, cols] = w
    A *= col_total[None, :]

    # Final demand: home bias, partner weights by size, sector mix per destination.
    Y = np.empty((n, G * F))
    cat_share = rng.dirichlet(np.full(F, 3.0))
    growth = (1.0 + rng.normal(0.03, 0.01, G)) ** trend
    for r in range(G):  # destination
        total = 1e5 * size[r] * growth[r]
        origin = size * rng.lognormal(0.0, 0.4, G)
        origin[r] = 0.0
        origin = 0.2 * origin / origin.sum()
        origin[r] = 0.8
        mix = rng.dirichlet(np.full(N, 1.5), size=G)  # (G origin, N)
        col = (origin[:, None] * mix).ravel() * total
        for f in range(F):
            Y[:, r * F + f] = col * cat_share[f]

    x = leontief_solve(A, Y.sum(axis=1))
    Z = A * x[None, :]
    V = x - Z.sum(axis=0)
    return MRIOTable(
        Z=Z,
        Y=Y,
        V=V,
        x=Z.sum(axis=1) + Y.sum(axis=1),
        countries=countries,
        sectors=sectors,
        fd_categories=fd_categories,
        year=year,
        source="synthetic",
        unit="USD million (synthetic)",
        rtol=1e-9,
    )


def synthetic_world(
    G: int = 20,
    N: int = 12,
    years: range | list[int] = range(2010, 2020),
    *,
    seed: int = 2024,
) -> list[MRIOTable]:
    """A time series of balanced synthetic tables, one per year, reproducible from ``seed``.

    The structure (recipes, partner weights) is drawn once from ``seed``; years differ by the
    countries' foreign-input drift and demand growth, plus small year-specific noise.
    """
    years = list(years)
    tables = []
    for t, year in enumerate(years):
        base = synthetic_table(G, N, year=year, seed=seed, trend=float(t))
        noisy = synthetic_table(G, N, year=year, seed=seed + 1000 + t, trend=float(t))
        # Blend 90 % shared structure with 10 % year-specific noise; blending two balanced
        # tables (same labels) keeps both identities because they are linear in (Z, Y, V, x).
        tables.append(
            MRIOTable(
                Z=0.9 * base.Z + 0.1 * noisy.Z,
                Y=0.9 * base.Y + 0.1 * noisy.Y,
                V=0.9 * base.V + 0.1 * noisy.V,
                x=0.9 * base.x + 0.1 * noisy.x,
                countries=base.countries,
                sectors=base.sectors,
                fd_categories=base.fd_categories,
                year=year,
                source="synthetic",
                unit=base.unit,
                rtol=1e-9,
            )
        )
    return tables
