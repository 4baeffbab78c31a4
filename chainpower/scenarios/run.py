"""Run a scenario set over one table or a panel, serially or on Dask.

:func:`run_scenarios` validates every scenario against the table labels *before* any
computation, then hands each table (year) to a pure worker, :func:`run_table`, which factorises
the table once and runs every scenario on it, returning arrays. Years run in parallel through
:func:`chainpower.mrio.parallel.map_tables` (a ``LocalCluster`` of ``jobs`` workers, or a given
``client`` / scheduler address); only the driver writes anything.

Per scenario (module references give the formulas):

==============  ==========  ==================================================================
kind            model       computation
==============  ==========  ==================================================================
extraction      leontief    backward: cut ``A[R, C]`` (and ``Yc[R, D]``); without replacement
                            the closed form of :func:`.extraction.extract_cells` on the one
                            LU of ``I − A``; with replacement (GEM, :mod:`.replacement`) one
                            solve of the re-sourced system
extraction      ghosh       forward: cut ``H[R, C]``, closed form on ``I − H'``
demand          leontief    :func:`.shocks.apply_demand_shock`, ``x* = (I − A*)⁻¹ f*``
supply          ghosh       :func:`.shocks.apply_supply_shock`, ``x*' = v*'(I − H*)⁻¹``
==============  ==========  ==================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from chainpower.errors import InputError
from chainpower.mrio.algebra import ghosh_coefficients, safe_reciprocal, technical_coefficients
from chainpower.mrio.parallel import map_tables
from chainpower.mrio.table import MRIOTable
from chainpower.scenarios.extraction import extract_cells, factorise
from chainpower.scenarios.replacement import replace_inputs
from chainpower.scenarios.results import ScenarioResult, ScenarioSetResult
from chainpower.scenarios.shocks import (
    State,
    apply_demand_shock,
    apply_supply_shock,
    ghosh_state,
    leontief_state,
    participation_levels,
)
from chainpower.scenarios.spec import Resolved, Scenario, ScenarioSet

__all__ = ["as_scenario_set", "run_scenarios", "run_table"]

TableLike = MRIOTable | Callable[[], MRIOTable]


def _levels(state: State, G: int, N: int) -> dict[str, np.ndarray]:
    return {"x": state.x, "va": state.v, **participation_levels(state, G, N)}


def _one(
    table: MRIOTable, res: Resolved, ctx: dict[str, Any]
) -> tuple[State, str, dict[str, float]]:
    """The shocked state of one scenario on ``table``; ``ctx`` caches A, H and the LU."""
    sc = res.scenario
    A, Yc, vc = ctx["A"], ctx["Yc"], ctx["vc"]
    labels = table.labels
    if sc.kind == "extraction" and sc.direction == "backward":
        As, Ys, rep = replace_inputs(A, Yc, table.x, res, labels=labels)
        notes = {
            "extracted_intermediate": rep.extracted_intermediate,
            "replaced_intermediate": rep.replaced_intermediate,
            "extracted_final": rep.extracted_final,
            "replaced_final": rep.replaced_final,
            "output_weighted_cells": float(rep.output_weighted),
        }
        if res.replace == "none":
            if "lu" not in ctx:
                ctx["lu"] = factorise(A)
            x = extract_cells(A, Ys.sum(axis=1), res.rows, res.cols, share=sc.share, lu=ctx["lu"])
            return leontief_state(As, Ys, vc, x=x), "leontief", notes
        return leontief_state(As, Ys, vc), "leontief", notes
    if "H" not in ctx:
        ctx["H"] = ghosh_coefficients(table.Z, table.x)
    H = ctx["H"]
    if sc.kind == "extraction":  # forward: H[R, C] is (H')[C, R]
        if "lu_g" not in ctx:
            ctx["HT"] = np.ascontiguousarray(H.T)
            ctx["lu_g"] = factorise(ctx["HT"])
        x = extract_cells(ctx["HT"], table.v, res.cols, res.rows, share=sc.share, lu=ctx["lu_g"])
        Hs = np.array(H)
        Hs[np.ix_(res.rows, res.cols)] *= 1.0 - sc.share
        return ghosh_state(Hs, np.array(table.v), Yc, x=x), "ghosh", {}
    if sc.kind == "demand":
        As, Ys = apply_demand_shock(A, Yc, res, labels=labels)
        return leontief_state(As, Ys, vc), "leontief", {}
    Hs, vs = apply_supply_shock(H, table.v, res, labels=labels)
    return ghosh_state(Hs, vs, Yc), "ghosh", {}


def run_table(table: MRIOTable, scenarios: ScenarioSet) -> list[ScenarioResult]:
    """Every scenario of ``scenarios`` on one table (pure: returns arrays, writes nothing)."""
    resolved = scenarios.resolve(table.countries, table.sectors)
    G, N = table.G, table.N
    A = technical_coefficients(table.Z, table.x)
    Yc = np.array(table.Yc)
    vc = np.array(table.v) * safe_reciprocal(table.x)
    ctx: dict[str, Any] = {"A": A, "Yc": Yc, "vc": vc}
    base = _levels(State(A, Yc, np.array(table.v), np.array(table.x)), G, N)
    out = []
    for res in resolved:
        state, model, notes = _one(table, res, ctx)
        out.append(
            ScenarioResult(
                scenario=res.scenario.id,
                kind=res.scenario.kind,
                model=model,
                baseline=base,
                shocked=_levels(state, G, N),
                notes=notes,
                **table.result_labels(),
            )
        )
    return out


def as_scenario_set(
    scenarios: ScenarioSet | Scenario | Sequence[Scenario] | str | Path,
) -> ScenarioSet:
    """A :class:`ScenarioSet` from a set, one or more scenarios, or a TOML path."""
    if isinstance(scenarios, ScenarioSet):
        return scenarios
    if isinstance(scenarios, (str, Path)):
        return ScenarioSet.from_toml(scenarios)
    if isinstance(scenarios, Scenario):
        return ScenarioSet.of([scenarios])
    return ScenarioSet.of(scenarios)


def run_scenarios(
    table_or_tables: TableLike | Iterable[TableLike],
    scenarios: ScenarioSet | Scenario | Sequence[Scenario] | str | Path,
    *,
    executor: str = "serial",
    jobs: int = 1,
    client: Any = None,
) -> ScenarioSetResult:
    """Run ``scenarios`` on one table or many (tables or zero-argument loaders).

    Labels are checked before any computation: against every table given as an object, and
    against the first one when loaders are given (the driver loads that one). ``executor``,
    ``jobs``, ``client``: see :func:`chainpower.mrio.parallel.map_tables`; the results are the
    same on every executor.
    """
    sset = as_scenario_set(scenarios)
    items: list[TableLike] = (
        [table_or_tables]
        if isinstance(table_or_tables, MRIOTable) or callable(table_or_tables)
        else list(table_or_tables)
    )
    if not items:
        raise InputError("run_scenarios: no table given")
    if not any(isinstance(t, MRIOTable) for t in items):
        items[0] = items[0]()  # type: ignore[operator]
    for t in items:
        if isinstance(t, MRIOTable):
            sset.resolve(t.countries, t.sectors)
    per_table = map_tables(
        partial(run_table, scenarios=sset),
        items,
        executor=executor,
        jobs=jobs,
        client=client,
        desc="scenarios",
    )
    return ScenarioSetResult(sset.name, tuple(r for rs in per_table for r in rs))
