"""``chainpower dependencies screen|minerals|friendshoring`` end to end."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chainpower.cli import main

BACI = ("trade", "baci_critical_materials_cma", "baci_hs17_2022_2024_critical31_fixture.parquet")


def _on_extract(shared_data: Path, action: str, *options: str, store: Path | None = None) -> int:
    """``chainpower [--store STORE] dependencies ACTION --baci-extract <the shared BACI extract>
    OPTIONS…``."""
    first = [] if store is None else ["--store", str(store)]
    extract = str(shared_data.joinpath(*BACI))
    return main([*first, "dependencies", action, "--baci-extract", extract, *options])


def test_help_lists_the_three_actions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["dependencies", "--help"])
    out = capsys.readouterr().out
    assert "screen" in out and "minerals" in out and "friendshoring" in out


def test_bad_output_suffix_fails_before_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = main(
        [
            "dependencies",
            "screen",
            "--baci-extract",
            str(tmp_path / "missing.parquet"),
            "--out",
            str(tmp_path / "x.docx"),
        ]
    )
    assert rc == 2 and "unsupported output format" in capsys.readouterr().err


def test_unknown_operator_rule_file(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "criteria:\n  - {name: c, metric: import_hhi, op: '>>', value: 1}\n", encoding="utf-8"
    )
    rc = _on_extract(shared_data, "screen", "--rules", str(rules), "--years", "2024")
    err = capsys.readouterr().err
    assert rc == 2 and "r.yaml" in err and "criteria[0].op" in err


def test_screen_writes_table_figure_and_store(shared_data: Path, tmp_path: Path) -> None:
    out, fig, store = tmp_path / "dep.csv", tmp_path / "sup.png", tmp_path / "store"
    rc = _on_extract(shared_data, "screen", "--importer", "EU27", "--years", "2024",
                     "--out", str(out), "--figure", str(fig), "--to-store", "screen_test",
                     store=store)  # fmt: skip
    assert rc == 0
    dep = pd.read_csv(out, dtype={"product": str}).set_index("product")
    assert dep.loc["850511", "top_supplier"] == "CHN"
    assert dep.loc["850511", "top_share"] == pytest.approx(0.886, abs=5e-4)
    assert fig.stat().st_size > 1000 and (tmp_path / "dep.csv.meta.json").exists()
    from chainpower.data.store import Store

    stored = Store(store).read_table("screen_test")
    assert (stored["indicator"] == "screen_eu2021_dependent").any()


def test_minerals_and_friendshoring(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "crma.csv"
    assert (
        main(["dependencies", "minerals", "--materials", "gallium,nd_pr,dy_tb", "--out", str(out)])
        == 0
    )
    crma = pd.read_csv(out)
    assert set(crma["material"]) == {"gallium", "nd_pr", "dy_tb"}
    assert not crma.loc[crma["material"] == "gallium", "meets_benchmark"].any()
    fs = tmp_path / "fs.csv"
    rc = _on_extract(shared_data, "friendshoring", "--importer", "USA", "--friends-alliance",
                     "msp", "--years", "2022,2024", "--out", str(fs),
                     "--figure", str(tmp_path / "fs.png"))  # fmt: skip
    assert rc == 0
    shares = pd.read_csv(fs)
    assert shares["year"].tolist() == [2022, 2024] and shares["friend_share"].between(0, 1).all()


def test_screen_on_a_raw_baci_file(shared_data: Path, tmp_path: Path) -> None:
    from chainpower.data.hs import hs_codes
    from chainpower.data.trade_files.synthetic import synthetic_baci

    path, codes = synthetic_baci(
        tmp_path, products=sorted(hs_codes("HS17"))[:300], n_countries=60, rows=20_000, seed=3
    )
    out = tmp_path / "sup.csv"
    rc = main(
        [
            "dependencies",
            "screen",
            "--baci",
            str(path),
            "--country-codes",
            str(codes),
            "--importer",
            "EU",
            "--table",
            "suppliers",
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    sup = pd.read_csv(out)
    assert sup["share_products"].sum() == pytest.approx(1.0)


def test_friends_from_published_trust(shared_data: Path, tmp_path: Path) -> None:
    fs = tmp_path / "trust.csv"
    args = ["--importer", "USA", "--years", "2022", "--out", str(fs)]
    assert _on_extract(shared_data, "friendshoring", *args, "--friends-trust=-1.5") == 0
    loose = pd.read_csv(fs)["friend_share"].iloc[0]
    # stricter: fewer friends
    assert _on_extract(shared_data, "friendshoring", *args, "--friends-trust=-0.5") == 0
    strict = pd.read_csv(fs)["friend_share"].iloc[0]
    assert 0 < strict < loose < 1
