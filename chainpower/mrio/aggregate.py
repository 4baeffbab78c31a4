"""Aggregate an MRIO table's sectors and/or countries by a concordance, conserving totals.

With a many-to-one map of ``G`` countries onto ``G'`` groups (0/1 matrix ``Sc``, ``(G', G)``) and of
``N`` sectors onto ``N'`` groups (``Ss``, ``(N', N)``), the row aggregator is the Kronecker product
``S = Sc ⊗ Ss`` ``(G'N', GN)`` (country-major order) and (Miller & Blair 2009, §3.5, eq. 3.38–3.40)

* ``Z* = S·Z·S'``  ``(n', n')``
* ``Y* = S·Y·(Sc ⊗ I_F)'``  ``(n', G'·F)`` — final demand summed over destination countries too
* ``V* = V·S'``  ``(K, n')``, ``x* = S·x``  ``(n',)``

Sums of balanced rows (columns) are balanced, so both identities and every total carry over, and
value added by destination (``diag(v/x)·B·Yc``, Johnson & Noguera 2012) keeps its margins: each
origin's row sums to its value added and each destination's column to its final demand. (Its
interior changes with sector aggregation — the usual aggregation bias of the Leontief model.)
The absolute tolerance grows with the largest group (it bounds a sum of that many misfits).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from chainpower.errors import InputError
from chainpower.mrio.table import MRIOTable

__all__ = ["aggregate", "grouping_matrix"]


def grouping_matrix(
    labels: Sequence[str],
    mapping: Mapping[str, str] | None,
    *,
    what: str,
    order: Sequence[str] | None = None,
    origin: str | None = None,
) -> tuple[list[str], sp.csr_matrix]:
    """Group names and the 0/1 aggregator ``(groups, len(labels))`` of a many-to-one map.

    ``mapping=None`` keeps the labels. Group order: ``order`` when given (it must list every
    group), else first appearance. Every label must be mapped: :class:`InputError` names the
    labels left out.
    """
    if mapping is None:
        groups = list(labels)
        return groups, sp.identity(len(labels), format="csr")
    unmapped = [lab for lab in labels if lab not in mapping]
    if unmapped:
        raise InputError(
            f"{len(unmapped)} {what} label(s) not in the concordance: {unmapped[:10]}",
            file=origin,
            label=unmapped[0],
        )
    targets = [str(mapping[lab]) for lab in labels]
    if order is None:
        groups = list(dict.fromkeys(targets))
    else:
        groups = [str(g) for g in order]
        missing = sorted(set(targets) - set(groups))
        if missing:
            raise InputError(
                f"{what} groups {missing} are not in the given order", file=origin, label=missing[0]
            )
        groups = [g for g in groups if g in set(targets)]
    index = {g: k for k, g in enumerate(groups)}
    rows = np.array([index[t] for t in targets])
    S = sp.csr_matrix(
        (np.ones(len(labels)), (rows, np.arange(len(labels)))), shape=(len(groups), len(labels))
    )
    return groups, S


def aggregate(
    table: MRIOTable,
    *,
    sectors: Mapping[str, str] | None = None,
    countries: Mapping[str, str] | None = None,
    sector_order: Sequence[str] | None = None,
    country_order: Sequence[str] | None = None,
) -> MRIOTable:
    """``table`` with sectors and/or countries summed into groups (see module docstring).

    ``sectors``/``countries`` map each old label to its group (e.g. a
    :class:`~chainpower.data.concordances.Concordance`'s ``mapping``); ``None`` keeps them.
    """
    new_c, Sc = grouping_matrix(
        table.countries, countries, what="country", order=country_order, origin=table.origin
    )
    new_s, Ss = grouping_matrix(
        table.sectors, sectors, what="sector", order=sector_order, origin=table.origin
    )
    S = sp.kron(Sc, Ss, format="csr")  # (n', n)
    SY = sp.kron(Sc, sp.identity(table.F), format="csr")  # (G'F, GF)
    Z = np.asarray((S @ (S @ np.asarray(table.Z)).T).T)
    Y = np.asarray((SY @ (S @ np.asarray(table.Y)).T).T)
    V = np.asarray((S @ np.atleast_2d(table.V).T).T)
    if table.V.ndim == 1:
        V = V[0]
    x = np.asarray(S @ np.asarray(table.x))
    largest = int(max(np.asarray(S.sum(axis=1)).max(), 1))
    tag = "aggregated"
    return MRIOTable(
        Z=Z,
        Y=Y,
        V=V,
        x=x,
        countries=tuple(new_c),
        sectors=tuple(new_s),
        fd_categories=table.fd_categories,
        va_components=table.va_components,
        year=table.year,
        source=f"{table.source} ({tag})" if table.source else tag,
        unit=table.unit,
        origin=table.origin,
        rtol=table.rtol,
        atol=table.atol * largest,
    )
