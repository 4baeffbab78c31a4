"""Published BSV ideal points: the real file and generated files with bad content."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.bsv import load_bsv, quantile_columns
from chainpower.errors import InputError

HEADER = (
    '"","ccode","session","NVotesAll","IdealPointAll","QO%All","Q5%All","Q10%All",'
    '"Q50%All","Q90%All","Q95%All","Q100%All","iso3c","Countryname"'
)


@pytest.mark.shared_data
def test_real_bsv(bsv_real: pd.DataFrame, shared_data: Path) -> None:
    b = bsv_real
    assert len(b) == 11_045  # PROVENANCE.md
    assert b["iso3"].notna().all() and not b.duplicated(["iso3", "session"]).any()
    assert quantile_columns(b) == ["q00", "q05", "q10", "q50", "q90", "q95", "q100"]
    assert (b["year"] == b["session"] + 1945).all()
    assert (b["session"].min(), b["session"].max()) == (1, 77)
    # first data row of the file: USA, session 1
    usa1 = b[(b["iso3"] == "USA") & (b["session"] == 1)].iloc[0]
    assert usa1["ideal"] == pytest.approx(1.729717) and usa1["n_votes"] == 42
    assert usa1["q05"] == pytest.approx(1.408308) and usa1["q95"] == pytest.approx(2.071162)
    q = b[quantile_columns(b)].to_numpy()
    assert np.all(np.diff(q, axis=1) >= -1e-12)  # quantiles are ordered
    # Germany: 260 (1973–1990) and 255 (1991–) both become DEU without overlap
    deu = b[b["iso3"] == "DEU"]
    assert set(deu["ccode"]) == {255, 260} and deu["session"].is_unique


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_generated_bsv(tmp_path: Path) -> None:
    p = _write(
        tmp_path / "b.csv",
        [
            '"1",2,73,90,2.6,1.9,2.3,2.4,2.6,2.8,2.9,3.2,"USA","United States"',
            '"2",710,73,88,-1.0,-1.8,-1.3,-1.2,-1.0,-0.8,-0.7,-0.2,"CHN","China"',
        ],
    )
    b = load_bsv(p)
    assert b["iso3"].tolist() == ["CHN", "USA"] and b["year"].tolist() == [2018, 2018]
    assert b.loc[b["iso3"] == "USA", "q00"].iloc[0] == pytest.approx(1.9)


def test_bsv_bad_rows(tmp_path: Path) -> None:
    p = _write(tmp_path / "a.csv", ['"1",1234,73,90,2.6,1,2,2,2,3,3,3,"XXX","Nowhere"'])
    with pytest.raises(InputError, match="unknown COW country code 1234.*row 2"):
        load_bsv(p)
    p = _write(
        tmp_path / "b.csv",
        [
            '"1",678,40,90,0.1,0,0,0,0,0,0,0,"YAR","Yemen Arab Republic"',
            '"2",679,40,90,0.2,0,0,0,0,0,0,0,"YEM","Yemen"',
        ],
    )
    with pytest.raises(InputError, match="two rows for YEM in session 40"):
        load_bsv(p)
    p = _write(tmp_path / "c.csv", ['"1",2,73,90,,1,2,2,2,3,3,3,"USA","United States"'])
    with pytest.raises(InputError, match="non-finite ideal"):
        load_bsv(p)
