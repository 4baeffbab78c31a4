"""Acceptance 6 (issue 12): every result class keeps the shared contract (design.md §3).

The test imports every module of the package, walks ``Result.__subclasses__()`` recursively and
builds each class from its factory in :data:`FACTORIES`. A class without a factory fails
:func:`test_every_result_class_has_a_factory`, so no new result can skip the contract. For each
instance: the repr is one line naming the class, ``summary`` is a DataFrame property,
``to_frame()`` has the documented columns, ``plot()`` (where the class has one) returns a Figure
and leaves matplotlib's backend and rcParams as they were, ``write()`` round-trips through
Parquet and CSV with its ``.meta.json``, and the dataclass is frozen.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
import pytest

import chainpower
from chainpower.results import Result

TIDY = ("source", "year", "country", "sector", "partner", "indicator", "value")
GENERIC = ("kind", "from_country", "from_sector", "to_country", "to_sector", "value")


def _all_subclasses(cls: type) -> list[type]:
    out: list[type] = []
    for sub in cls.__subclasses__():
        out += [sub, *_all_subclasses(sub)]
    return out


@cache
def result_classes() -> dict[str, type]:
    for info in pkgutil.walk_packages(chainpower.__path__, "chainpower."):
        importlib.import_module(info.name)
    return {f"{c.__module__}.{c.__qualname__}": c for c in _all_subclasses(Result)}


# --- factories: one small instance per class ----------------------------------------------------


@cache
def _table() -> Any:
    from chainpower.mrio import synthetic_table

    return synthetic_table(3, 4, seed=1)


def _ideal_points() -> Any:
    """A two-session ordered-probit world: 8 countries on a line, 30 roll calls a session, the
    first 5 of each session the same resolution (the bridges)."""
    from chainpower.alignment.idealpoints import estimate_ideal_points

    rng = np.random.default_rng(0)
    theta = np.linspace(2, -2, 8)
    votes, calls = [], []
    for s in (1, 2):
        for r in range(30):
            rcid = len(calls) + 1
            text = (
                f"Resolution on topic {'xyz'[r % 3]} {'ab' * (r + 1)}"
                if r < 5
                else (f"One-off draft {'qwertyuiopasdfghjklzxcvbnm'[r % 26] * (r + s)} about it")
            )
            calls.append((rcid, s, f"SHORT {chr(97 + r % 26)}{chr(97 + r // 26)}", text))
            cut = rng.normal(0, 1)
            y = theta + rng.normal(0, 0.8, 8)
            votes += [(rcid, s, f"C{i}", 1 if y[i] > cut else 3) for i in range(8)]
    v = pd.DataFrame(votes, columns=["rcid", "session", "iso3", "vote"])
    rc = pd.DataFrame(calls, columns=["rcid", "session", "short", "descr"]).assign(amend=0, para=0)
    return estimate_ideal_points(v, rc, progress=False, seed=0, s_beta=2.0, sigma=0.3)


def _trade_flows(rows: list[tuple[int, str, str, str, float]]) -> Any:
    from chainpower.trade.flows import TradeFlows

    cols = ["year", "exporter", "importer", "product", "value"]
    return TradeFlows.from_frame(pd.DataFrame(rows, columns=cols), source="fixture")


FLOWS = [
    (2021, "CHN", "USA", "850511", 80.0), (2021, "JPN", "USA", "850511", 20.0),
    (2022, "CHN", "USA", "850511", 60.0), (2022, "JPN", "USA", "850511", 30.0),
    (2022, "VNM", "USA", "850511", 10.0), (2022, "KOR", "USA", "811292", 50.0),
]  # fmt: skip


def _crma() -> Any:
    from chainpower.trade.minerals import check_crma

    rows = [("x", "processing", "FRA", 0.7), ("x", "processing", "CHN", 0.3),
            ("z", "extraction", "COD", 0.66), ("z", "extraction", "ZMB", 0.34)]  # fmt: skip
    shares = pd.DataFrame(rows, columns=["material", "stage", "iso3", "share"])
    return check_crma(shares.assign(year=2024, value=float("nan"), source="fixture"))


def _interdependence() -> Any:
    from chainpower.trade.interdependence import interdependence_index

    raw = {
        ("AAA", "trade"): [0.1, 0.2, 0.4],
        ("AAA", "liberalisation"): [0.9, 0.95, 1.0],
        ("BBB", "trade"): [0.05, 0.1, 0.1],
        ("BBB", "liberalisation"): [0.8, 0.85, 0.9],
    }
    rows = [{"side": s, "partner": "BBB" if s == "AAA" else "AAA", "year": y, "component": c,
             "value": v} for (s, c), vals in raw.items()
            for y, v in zip((2000, 2001, 2002), vals, strict=True)]  # fmt: skip
    return interdependence_index(pd.DataFrame(rows), components=["trade", "liberalisation"])


@cache
def _networks() -> Any:
    from chainpower.mrio import synthetic_table
    from chainpower.trade.networks import value_added_networks

    return value_added_networks([_table(), synthetic_table(3, 4, seed=1, year=2011)])


def _screen() -> Any:
    from chainpower.trade.screens import screen_dependencies

    rows = [(2020, "CHN", "AAA", "P1", 80.0), (2020, "USA", "BBB", "P1", 20.0),
            (2020, "AAA", "USA", "P1", 50.0), (2020, "CHN", "AAA", "P2", 50.0),
            (2020, "JPN", "BBB", "P2", 50.0)]  # fmt: skip
    return screen_dependencies(_trade_flows(rows), ["AAA", "BBB"], rules="eu2021", years=[2020])


@cache
def _scenarios() -> Any:
    from chainpower.scenarios import Scenario, ScenarioSet, run_scenarios

    cut = Scenario.extraction("cut", origin="C1", sectors=["S1"])
    return run_scenarios(_table(), ScenarioSet.of([cut, Scenario.demand_shock(
        "dem", destination="C3", change=-0.1)]))  # fmt: skip


@cache
def _study_inputs() -> tuple[Any, Any]:
    from chainpower.studies.spec import StudySpec
    from chainpower.studies.synthetic import synthetic_sources

    spec = StudySpec.default().replace(inference={"methods": ["crv1"], "n_boot": 99, "n_perm": 99})
    return spec, synthetic_sources(spec, seed=3)


def _grunfeld() -> pd.DataFrame:
    return pd.read_csv(Path(__file__).parent / "reference" / "plm" / "grunfeld.csv")


def _controls() -> Any:
    from chainpower.data.macro import paper000_controls
    from chainpower.data.paths import data_dir

    if data_dir(required=False) is None:
        pytest.skip("paper000_controls reads WDI and PWT from $CHAINPOWER_DATA")
    return paper000_controls(["USA", "CHN"], range(2018, 2020))


def _mod(name: str) -> Any:
    return importlib.import_module(name)


def _on_table(function: str) -> Callable[[], Any]:
    """Factory calling ``chainpower.gvc.<function>`` on the small test table."""
    return lambda: getattr(importlib.import_module("chainpower.gvc"), function)(_table())


LONG = ("source", "year", "country", "product", "partner", "indicator", "value")
COEF = ("study", "model", "outcome", "term", "method", "estimate", "se", "stat")


#: class path → (factory, documented to_frame columns: exact prefix, or None to skip the check)
FACTORIES: dict[str, tuple[Callable[[], Any], tuple[str, ...] | None]] = {
    "chainpower.mrio.table.MRIOTable": (_table, GENERIC),
    "chainpower.gvc.decomposition.ExportDecomposition": (_on_table("decompose_exports"), TIDY),
    "chainpower.gvc.borin_mancini.BorinManciniResult": (_on_table("borin_mancini"), TIDY),
    "chainpower.gvc.production.ProductionGVC": (_on_table("production_gvc"), TIDY),
    "chainpower.gvc.tiva.TivaResult": (_on_table("tiva"), TIDY),
    "chainpower.alignment.idealpoints.result.IdealPointResult": (
        _ideal_points,
        ("iso3", "session", "year", "ideal", "se", "lower", "upper", "n_votes"),
    ),
    # --- the new layers' results -------------------------------------------------------------
    "chainpower.gvc.va_flows.ValueAddedFlows": (
        lambda: _mod("chainpower.gvc.va_flows").value_added_flows(_table()), TIDY),
    "chainpower.trade.flows.TradeFlows": (
        lambda: _trade_flows(FLOWS), ("year", "exporter", "importer", "product", "value")),
    "chainpower.trade.dependency_results.FriendshoringResult": (
        lambda: _mod("chainpower.trade.friendshoring").compute_friendshoring(
            _trade_flows(FLOWS), "USA", ["JPN", "KOR"]), LONG),
    "chainpower.trade.dependency_results.CRMAResult": (_crma, LONG),
    "chainpower.trade.interdependence.InterdependenceResult": (_interdependence, TIDY),
    "chainpower.trade.networks.ValueAddedNetworks": (_networks, TIDY),
    "chainpower.trade.hubs.HubResult": (
        lambda: _mod("chainpower.trade.hubs").compute_hubs(_networks()), TIDY),
    "chainpower.trade.screen_result.ScreenResult": (_screen, LONG),
    "chainpower.scenarios.results.ScenarioSetResult": (
        _scenarios, ("source", "scenario", "year", "country", "sector", "partner", "indicator")),
    "chainpower.scenarios.results.ScenarioResult": (lambda: _scenarios().results[0], TIDY),
    "chainpower.scenarios.exposure.ExposureResult": (
        lambda: _mod("chainpower.scenarios.exposure").compute_exposure(_table(), "C2"), TIDY),
    "chainpower.studies.panel.Panel": (
        lambda: _mod("chainpower.studies.panel").assemble_panel(*_study_inputs()), None),
    "chainpower.studies.results.ModelResult": (
        lambda: _mod("chainpower.studies").estimate(
            _grunfeld(), outcome="invest", terms=["value", "capital"], model="fe", unit="firm",
            time="year", cluster="firm", inference=("crv1",), seed=1), COEF),
    "chainpower.studies.hausman.HausmanResult": (
        lambda: _mod("chainpower.studies").hausman(
            _grunfeld(), outcome="invest", regressors=["value", "capital"], unit="firm"),
        ("test", "statistic", "df")),
    "chainpower.studies.study.StudyResult": (
        lambda: _mod("chainpower.studies.study").Study(_study_inputs()[0]).run(
            sources=_study_inputs()[1], progress=False), COEF),
    "chainpower.data.macro.controls.ControlsResult": (_controls, TIDY),
}  # fmt: skip
#: Abstract bases that are never instantiated themselves.
ABSTRACT = {"chainpower.gvc.decomposition.TermResult", "chainpower.gvc._tidy.GVCResult"}


def test_every_result_class_has_a_factory() -> None:
    missing = sorted(set(result_classes()) - set(FACTORIES) - ABSTRACT)
    assert not missing, f"result classes without a factory in {__file__}: {missing}"
    stale = sorted(set(FACTORIES) - set(result_classes()))
    assert not stale, f"factories for classes that are no longer Results: {stale}"


def _state() -> tuple[str, dict[str, str]]:
    return matplotlib.get_backend(), {k: repr(v) for k, v in matplotlib.rcParams.items()}


@pytest.fixture(scope="module")
def instances() -> dict[str, Any]:
    return {}


def _instance(name: str, cache_: dict[str, Any]) -> Any:
    if name not in cache_:
        cache_[name] = FACTORIES[name][0]()
    return cache_[name]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_contract(name: str, instances: dict[str, Any], tmp_path: Path) -> None:
    cls = result_classes()[name]
    obj = _instance(name, instances)
    assert type(obj) is cls

    text = repr(obj)
    assert "\n" not in text and text.startswith(f"{cls.__name__}("), (
        f"repr not one line: {text[:120]}"
    )
    assert isinstance(type(obj).__dict__.get("summary") or cls.summary, property)
    summary = obj.summary
    assert isinstance(summary, pd.DataFrame) and not summary.empty
    assert str(obj).strip()  # header + summary as text (IdealPointResult: its own text)

    frame = obj.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) > 0
    columns = FACTORIES[name][1]
    if columns is not None:
        assert tuple(frame.columns[: len(columns)]) == columns, list(frame.columns)

    if dataclasses.is_dataclass(obj):
        field = dataclasses.fields(obj)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, field, None)

    if cls.plot is not Result.plot:
        from matplotlib.figure import Figure

        before = _state()
        fig = obj.plot()
        assert isinstance(fig, Figure)
        assert _state() == before, "plot() changed the matplotlib backend or rcParams"

    for suffix in (".parquet", ".csv"):
        path = obj.write(tmp_path / f"out{suffix}")
        assert path.exists() and Path(f"{path}.meta.json").exists()
        back = pd.read_parquet(path) if suffix == ".parquet" else pd.read_csv(path)
        assert list(back.columns) == [str(c) for c in frame.columns]
        assert len(back) == len(frame)
        num = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
        if num:
            np.testing.assert_allclose(back[num].to_numpy(float), frame[num].to_numpy(float),
                                       rtol=1e-15, equal_nan=True)  # fmt: skip
    assert obj.meta["result"] == cls.__name__
