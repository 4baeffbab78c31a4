"""``chainpower network build|hubs|plot`` and ``chainpower interdependence``: outputs agree with
the Python API; bad options fail before any work."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chainpower.cli import main
from chainpower.mrio.synthetic import synthetic_world
from chainpower.trade.networks import value_added_networks

SYN = ["--synthetic", "2010-2011", "--size", "6x3"]


def api_networks(**kw):  # the same world the CLI builds (seed 2024)
    return value_added_networks(synthetic_world(6, 3, range(2010, 2012), seed=2024), **kw)


def test_build_writes_the_api_edges(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "edges.csv"
    assert main(["network", "build", *SYN, "--rule", "top_k", "--k", "2", "--out",
                 str(out)]) == 0
    assert "written:" in capsys.readouterr().out
    got = pd.read_csv(out)
    ref = api_networks(rule="top_k", k=2).to_frame()
    assert len(got) == len(ref) > 0
    pd.testing.assert_series_equal(got["value"], ref["value"], check_names=False, rtol=1e-12)
    assert set(got["indicator"]) == {"wwyz_vat_rt", "wwyz_vat_gvc_s", "wwyz_vat_gvc_c"}


def test_build_to_store(tmp_path: Path) -> None:
    from chainpower.data.store import Store

    store = tmp_path / "st"
    assert main(["--store", str(store), "network", "build", *SYN, "--rule", "all",
                 "--to-store", "vanet_test"]) == 0
    df = Store(store).query("select count(*) as n from vanet_test")
    assert int(df["n"].iloc[0]) == len(api_networks(rule="all").to_frame())


def test_hubs_scores_and_sensitivity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "hubs.parquet"
    assert main(["network", "hubs", *SYN, "--rule", "largest_partner", "--out",
                 str(out)]) == 0
    got = pd.read_parquet(out)
    ref = api_networks(rule="largest_partner").hubs().to_frame()
    assert len(got) == len(ref)
    assert "supply_hub" in capsys.readouterr().out
    sens = tmp_path / "sens.csv"
    assert main(["network", "hubs", *SYN, "--rule", "all", "--sensitivity", "--measure",
                 "out_strength", "--min-flow", "0", "--out", str(sens)]) == 0
    table = pd.read_csv(sens)
    assert {"year", "kind", "country", "all flows", "largest partner (in)"} <= set(table.columns)


def test_plot_figure_and_html(tmp_path: Path) -> None:
    fig, html = tmp_path / "net.png", tmp_path / "net.html"
    assert main(["network", "plot", *SYN, "--rule", "largest_partner", "--figure", str(fig),
                 "--html", str(html)]) == 0
    assert fig.stat().st_size > 10_000 and fig.read_bytes()[:4] == b"\x89PNG"
    text = html.read_text(encoding="utf-8")
    assert text.count("Simple GVC trade") == 2 and "plotly" in text
    shift = tmp_path / "shift.svg"
    assert main(["network", "plot", *SYN, "--hub-shift", "--figure", str(shift)]) == 0
    assert shift.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_bad_options_fail_early(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "build", *SYN, "--out", str(tmp_path / "x.docx")]) == 2
    assert "unsupported output format" in capsys.readouterr().err
    assert main(["network", "plot", *SYN]) == 2
    assert "--figure" in capsys.readouterr().err
    assert main(["network", "build", *SYN, "--countries", "ZZZ"]) == 2
    assert "ZZZ" in capsys.readouterr().err
    assert main(["interdependence", "--years", "2015-2019", "--components", "trade,investment",
                 "--weights", "1"]) == 2
    assert "1 weights for 2 components" in capsys.readouterr().err


@pytest.mark.shared_data
def test_interdependence_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "index.csv"
    assert main(["interdependence", "--years", "2015-2019", "--tariffs", "naics",
                 "--technology", "naics", "--trade", "census", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "missing inputs (not filled):" in text
    assert "USA investment: 5 year(s) 2015–2019" in text
    assert "CHN investment: 2 year(s) 2018–2019" in text
    df = pd.read_csv(out)
    from chainpower.trade.china_us_index import china_us_index

    ref = china_us_index(range(2015, 2020), tariff_source="naics", technology="naics",
                         trade_source="census").to_frame()
    assert len(df) == len(ref)
    assert df["value"].to_numpy() == pytest.approx(ref["value"].to_numpy(), rel=1e-12)
    assert main(["interdependence", "--years", "2015-2019", "--tariffs", "naics",
                 "--technology", "naics", "--missing", "refuse"]) == 2
    assert "missing input(s)" in capsys.readouterr().err
