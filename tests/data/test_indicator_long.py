"""The documented long format for UIBE / TiVA indicator downloads: round trips and bad input,
every error naming the file and the line (CSV) or row (Parquet)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chainpower.data.indicator_files import read_indicator_long
from chainpower.data.store import TIDY_COLUMNS, validate_tidy
from chainpower.errors import DataNotFoundError, InputError, LayoutError

CSV = """source,year,country,sector,partner,indicator,value
uibe_2023,2018,CHN,c14,,uibe_gvcpt_f,0.2125
uibe_2023,2019,CHN,c14,,uibe_gvcpt_f,0.219
uibe_2023,2019,ROW,c14,,uibe_gvcpt_f,-0.5e-3
tiva_2023,2019,USA,D26T27,WLD,tiva_exgr_dvash,87.5
tiva_2023,2019,USA,_T,CHN,tiva_exgr_dvash,90.125
"""


def _write(tmp_path: Path, text: str, name: str = "uibe.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_csv_and_parquet_round_trip(tmp_path: Path) -> None:
    df = read_indicator_long(_write(tmp_path, CSV))
    assert list(df.columns) == list(TIDY_COLUMNS) and len(df) == 5
    validate_tidy(df)
    assert df["value"].tolist() == [0.2125, 0.219, -0.0005, 87.5, 90.125]
    assert pd.isna(df["partner"].iloc[0]) and df["partner"].iloc[3] == "WLD"
    assert df["sector"].tolist() == ["c14", "c14", "c14", "D26T27", "_T"]
    assert df["year"].dtype == np.int64
    pq = tmp_path / "uibe.parquet"
    raw = pd.read_csv(tmp_path / "uibe.csv", dtype={"partner": str})
    raw.to_parquet(pq, index=False)
    pd.testing.assert_frame_equal(read_indicator_long(pq), df)
    gz = tmp_path / "uibe.csv.gz"
    raw.to_csv(gz, index=False)
    pd.testing.assert_frame_equal(read_indicator_long(gz), df)
    # sector and partner are optional columns
    lean = _write(
        tmp_path, "source,year,country,indicator,value\ntiva,2020,JPN,tiva_x,1\n", "lean.csv"
    )
    out = read_indicator_long(lean)
    assert out["sector"].isna().all() and out["partner"].isna().all()


BAD = [
    (
        "missing column",
        CSV.replace(",indicator,", ",measure,"),
        LayoutError,
        r"missing \['indicator'\]",
    ),
    (
        "unknown column",
        CSV.replace("value\n", "value,unit\n", 1),
        LayoutError,
        r"unknown \['unit'\]",
    ),
    ("country code", CSV.replace("2019,ROW", "2019,XYZ"), InputError, r"'XYZ'.*line 4"),
    ("partner code", CSV.replace(",WLD,", ",World,"), InputError, r"'World'.*line 5"),
    ("nan value", CSV.replace("0.219", "nan"), InputError, r"'nan'.*line 3"),
    ("text value", CSV.replace("87.5", "n.a."), InputError, r"'n.a.'.*line 5"),
    ("inf value", CSV.replace("87.5", "inf"), InputError, r"'inf'.*line 5"),
    ("empty value", CSV.replace(",0.2125", ","), InputError, r"line 2"),
    ("fractional year", CSV.replace("2018,", "2018.5,"), InputError, r"'2018.5'.*line 2"),
    ("year range", CSV.replace("2018,", "218,"), InputError, r"'218'.*line 2"),
    (
        "indicator case",
        CSV.replace("tiva_exgr_dvash,87.5", "EXGR_DVAsh,87.5"),
        InputError,
        r"naming rule.*line 5",
    ),
    ("sector chars", CSV.replace("D26T27", "D26 T27"), InputError, r"'D26 T27'.*line 5"),
    ("empty country", CSV.replace("2019,CHN", "2019,"), InputError, r"empty country.*line 3"),
    (
        "duplicate key",
        CSV + "uibe_2023,2018,CHN,c14,,uibe_gvcpt_f,0.3\n",
        InputError,
        r"duplicate key \(also at line 7\).*line 2",
    ),
    ("truncated", CSV[: CSV.index("90.125") - 3], InputError, r"line 6"),
    ("too many fields", CSV + "a,2019,CHN,c1,,x_y,1,extra\n", LayoutError, r"cannot read"),
    ("header only", CSV.splitlines()[0] + "\n", InputError, r"no rows"),
]


@pytest.mark.parametrize(("case", "text", "error", "match"), BAD, ids=[b[0] for b in BAD])
def test_bad_csv(tmp_path: Path, case: str, text: str, error: type, match: str) -> None:
    p = _write(tmp_path, text, f"bad_{case.replace(' ', '_')}.csv")
    with pytest.raises(error, match=match) as info:
        read_indicator_long(p)
    assert p.name in str(info.value)


def test_bad_files(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError):
        read_indicator_long(tmp_path / "absent.csv")
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(np.random.default_rng(1).bytes(500))
    with pytest.raises(LayoutError, match="junk.parquet"):
        read_indicator_long(junk)
    with pytest.raises(InputError, match=r"\.csv, \.csv\.gz or \.parquet"):
        read_indicator_long(_write(tmp_path, CSV, "uibe.xlsx"))
    pq = tmp_path / "rows.parquet"
    pd.read_csv(_write(tmp_path, CSV)).assign(value=[1.0, np.inf, 2, 3, 4]).to_parquet(pq)
    with pytest.raises(InputError, match=r"rows.parquet.*row 1|row 1.*rows.parquet"):
        read_indicator_long(pq)
