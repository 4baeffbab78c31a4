"""Scenario runs and compute_panel: the Dask path gives the serial results; result contract."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from chainpower.data.store.schema import TIDY_COLUMNS
from chainpower.errors import InputError
from chainpower.gvc.indicators import compute_panel
from chainpower.mrio.parallel import map_tables
from chainpower.mrio.synthetic import synthetic_world
from chainpower.mrio.table import MRIOTable
from chainpower.scenarios import Scenario, ScenarioSet, run_scenarios

SET = ScenarioSet.of(
    [
        Scenario.extraction("cut", origin="C1", sectors=["S1"], replace_from=("C2", "C3")),
        Scenario.extraction("fwd", origin="C2", direction="forward"),
        Scenario.demand_shock("dem", destination="C3", change=-0.1),
        Scenario.supply_shock("sup", origin="C1", change=0.05, kind="relative"),
    ],
    name="t",
)


@pytest.fixture(scope="module")
def world() -> list[MRIOTable]:
    return synthetic_world(4, 3, range(2001, 2004), seed=5)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    )
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def _loader(t: MRIOTable) -> Callable[[], MRIOTable]:
    # a lambda travels by value (cloudpickle); a test-module function would not import on a
    # worker (pytest's importlib mode)
    return lambda: t


def _square(x: Any) -> Any:
    return x * x


def test_map_tables_serial_order_and_checks() -> None:
    assert map_tables(_square, [3, 1, 2]) == [9, 1, 4]
    assert map_tables(_square, [lambda: 4]) == [16]  # loaders are resolved
    with pytest.raises(InputError, match="unknown executor"):
        map_tables(_square, [1], executor="threads")
    with pytest.raises(InputError, match="jobs"):
        map_tables(_square, [1], executor="dask", jobs=0)
    with pytest.raises(InputError, match="executor is 'serial'"):
        map_tables(_square, [1], client=object())


def test_serial_run_and_contract(world: list[MRIOTable], tmp_path: Path) -> None:
    import matplotlib

    res = run_scenarios(world, SET)
    assert len(res.results) == 4 * 3 and res.ids == ["cut", "fwd", "dem", "sup"]
    assert "\n" not in repr(res) and "2001–2003" in repr(res)
    one = res.get("cut", 2002)
    assert "\n" not in repr(one) and one.year == 2002
    assert isinstance(res.summary, pd.DataFrame) and isinstance(one.summary, pd.DataFrame)
    df = res.to_frame()
    assert list(df.columns) == [TIDY_COLUMNS[0], "scenario", *TIDY_COLUMNS[1:]]
    assert np.isfinite(df["value"]).all()
    # delta rows are shocked − baseline
    w = one.to_frame().pivot_table(index=["country", "sector"], columns="indicator", values="value")
    np.testing.assert_allclose(
        w["hem_output_delta"], w["hem_output_shocked"] - w["hem_output_baseline"]
    )
    back = pd.read_parquet(res.write(tmp_path / "r.parquet"))
    assert len(back) == len(df)
    assert set(res.datasets()) == {"scn_t_cut", "scn_t_fwd", "scn_t_dem", "scn_t_sup"}
    before = dict(matplotlib.rcParams)
    backend = matplotlib.get_backend()
    fig = one.plot("sector")
    fig2 = res.plot(year=2001)
    assert fig.axes and fig2.axes
    assert matplotlib.get_backend() == backend and dict(matplotlib.rcParams) == before


@pytest.mark.slow
def test_dask_equals_serial_for_scenarios_and_panel(world: list[MRIOTable], client: Any) -> None:
    serial = run_scenarios(world, SET).to_frame()
    loaders = [_loader(t) for t in world]
    on_client = run_scenarios(loaders, SET, executor="dask", client=client)
    pd.testing.assert_frame_equal(serial, on_client.to_frame())
    p_serial = compute_panel(world)
    p_dask = compute_panel(world, executor="dask", client=client)
    pd.testing.assert_frame_equal(p_serial, p_dask)
    # engineer D's one-table flows run over a panel through the same helper, unchanged
    from chainpower.gvc.va_flows import value_added_flows

    fn = partial(value_added_flows, complex_rule="final_absorber")
    f_serial = [r.to_frame() for r in map_tables(fn, world)]
    f_dask = [r.to_frame() for r in map_tables(fn, world, executor="dask", client=client)]
    for a, b in zip(f_serial, f_dask, strict=True):
        pd.testing.assert_frame_equal(a, b)
    # a worker's error comes back unchanged
    bad = ScenarioSet.of(
        [Scenario.demand_shock("neg", destination="C1", change=-1e9, kind="absolute")]
    )
    with pytest.raises(InputError, match="negative"):
        run_scenarios(world, bad, executor="dask", client=client)


@pytest.mark.slow
def test_local_cluster_from_jobs(world: list[MRIOTable]) -> None:
    p_serial = compute_panel(world[:2], trade=False)
    p_dask = compute_panel(world[:2], trade=False, executor="dask", jobs=2)
    pd.testing.assert_frame_equal(p_serial, p_dask)


def test_import_loads_no_dask_or_matplotlib() -> None:
    import subprocess
    import sys

    code = (
        "import sys, chainpower.scenarios, chainpower.mrio.parallel, chainpower.mrio.backend, "
        "chainpower.cli.scenario; "
        "heavy = ('dask', 'distributed', 'matplotlib', 'cupy'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
