"""``chainpower mrio`` subcommands (errors propagate: :func:`chainpower.cli.run`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.cli import run as _run
from chainpower.errors import InputError
from chainpower.mrio import synthetic_table
from chainpower.mrio.io import read_generic, write_generic


def test_check_aggregate_export_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = synthetic_table(8, 12, seed=3)
    src = write_generic(t, tmp_path / "world.parquet")
    assert _run(["mrio", "check", "--generic", str(src)]) == 0
    assert "OK: shapes, labels, values and both balances pass" in capsys.readouterr().out
    out = tmp_path / "agg.csv"
    assert _run(["mrio", "aggregate", "--generic", str(src), "--strategic", "--out", str(out)]) == 0
    a = read_generic(out)
    assert a.sectors == ("chips", "vehicles", "minerals", "other")
    np.testing.assert_allclose(a.x.sum(), t.x.sum(), rtol=1e-13)
    exp = tmp_path / "exp.csv"
    assert _run(["mrio", "export", "--generic", str(src), "--out", str(exp)]) == 0
    np.testing.assert_array_equal(read_generic(exp).Z, t.Z)
    store = tmp_path / "store"
    assert (
        _run(["--store", str(store), "mrio", "load", "--generic", str(src), "--name", "world"]) == 0
    )
    from chainpower.data.store import Store

    back = Store(store).read_table("world")
    np.testing.assert_array_equal(read_generic(exp).Z, t.Z)
    assert len(back) == len(pd.read_csv(exp))
    assert "stored: table world@v1" in capsys.readouterr().out
    dta = tmp_path / "exp.dta"
    assert _run(["mrio", "export", "--generic", str(src), "--out", str(dta)]) == 0
    assert len(pd.read_stata(dta)) == len(back)
    with pytest.raises(InputError, match="unsupported output format '.xls'"):
        _run(["mrio", "export", "--generic", str(src), "--out", str(tmp_path / "x.xls")])
    with pytest.raises(InputError, match="say how to aggregate"):
        _run(["mrio", "aggregate", "--generic", str(src), "--out", str(out)])


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _run(["mrio", "check", "--help"])
    assert "chainpower mrio check --wiod 2011" in capsys.readouterr().out
