# ruff: noqa: E501  (tables of cases: one case a line)
"""Acceptance 3 (issue 12), second half: bad dates, unknown codes and bad options.

Every case is generated here (small files in the publishers' layouts with one value spoiled, or
an option value) and must raise the stated :class:`ChainpowerError` subclass with the culprit
(the value, the code, the file) in its one-line message.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chainpower.alliances.dates import parse_partial_date, to_date
from chainpower.alliances.load import load_knowledge_base, package_data_dir
from chainpower.alliances.rules import classify
from chainpower.cli.options import parse_list, parse_years
from chainpower.data.bsv import load_bsv
from chainpower.data.concordances import load_concordance
from chainpower.data.unvotes import load_roll_calls, load_unvotes
from chainpower.errors import (
    ChainpowerError,
    DataNotFoundError,
    InputError,
    LayoutError,
    SchemaError,
)
from chainpower.mrio import synthetic_table
from chainpower.mrio.io import read_generic, read_wiod2013, write_generic

BAD_DATES = ["2023-02-30", "30/06/2024", "2024-13", "2024-00", "2023-04-31", "", "by", "soon"]


@pytest.mark.parametrize("text", BAD_DATES)
def test_bad_partial_date(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_partial_date(text)
    assert repr(text) in str(info.value) or text in str(info.value)


@pytest.mark.parametrize("value", [True, 2024.5, None])
def test_not_a_date_type(value: object) -> None:
    with pytest.raises(InputError, match=repr(value).replace(".", r"\.")):
        parse_partial_date(value)


@pytest.mark.parametrize("text", ["30/06/2024", "2023-02-30", "June 2024"])
def test_as_of_date_is_a_clear_error(text: str) -> None:
    with pytest.raises(InputError, match=text):
        to_date(text)
    with pytest.raises(InputError, match=text):
        classify(text)


# --- the knowledge base: one field spoiled in a copy of the shipped files ---------------------


def _kb(tmp_path: Path, file: str, old: str, new: str) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(package_data_dir(), root)
    target = root / file
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


KB_CASES = {
    "impossible_founding_date": ("alliances/apep.yaml", "founded: 2022-06", "founded: 2023-02-30", "2023-02-30"),
    "month_13_founding_date": ("alliances/apep.yaml", "founded: 2022-06", "founded: 2022-13", "2022-13"),
    "unknown_member_code": ("alliances/chip4.yaml", "code: KOR", "code: KOX", "KOX"),
    "unknown_domain": ("alliances/apep.yaml", "- climate", "- spaceflight", "spaceflight"),
    "organisation_join_date": ("organisations.yaml", "joined: 1958-01-01}", "joined: 2023-02-30}", "2023-02-30"),
    "not_yaml": ("alliances/apep.yaml", "id: apep", "id: [apep", "apep.yaml"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(KB_CASES))
def test_knowledge_base_value(case: str, tmp_path: Path) -> None:
    file, old, new, culprit = KB_CASES[case]
    target = _kb(tmp_path, file, old, new)
    with pytest.raises(SchemaError) as info:
        load_knowledge_base(tmp_path / "kb", cache=False)
    text = str(info.value)
    assert target.name in text and culprit in text, text
    assert len(text.splitlines()) == 1


# --- unknown codes in the data files ----------------------------------------------------------

VOTES = "rcid,country,country_code,vote\n3,United States,US,yes\n3,China,CN,no\n"
ROLL_CALLS = (
    "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
    "3,1,0,1946-01-01,R/1/66,1,0,AMENDMENTS,desc\n"
)
ISSUES = "rcid,short_name,issue\n3,hr,Human rights\n"
BSV = (
    "ccode,session,NVotesAll,IdealPointAll,Countryname\n"
    "2,70,80,2.9,United States\n710,70,80,-0.6,China\n"
)


def _unvotes(folder: Path, file: str, old: str, new: str) -> Path:
    texts = {
        "un_votes.csv": VOTES,
        "un_roll_calls.csv": ROLL_CALLS,
        "un_roll_call_issues.csv": ISSUES,
    }
    for name, text in texts.items():
        (folder / name).write_text(text.replace(old, new) if name == file else text)
    return folder / file


def _bsv(folder: Path, old: str, new: str) -> Path:
    path = folder / "bsv.csv"
    path.write_text(BSV.replace(old, new))
    return path


def _generic(folder: Path, old: str, new: str) -> Path:
    path = write_generic(synthetic_table(2, 3, seed=2), folder / "t.csv")
    lines = path.read_text().splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[k] = new + lines[k][len(old) :]
    path.write_text("\n".join(lines) + "\n")
    return path


def _concordance(folder: Path, body: str) -> Path:
    path = folder / "conc.csv"
    path.write_text("from,to\n" + body)
    return path


# name: (write the spoiled file, read it, error class, culprit in the message)
CODE_CASES: dict[str, tuple[Callable[[Path], Path], Callable[[Path], Any], type, str]] = {
    "unknown_iso2": (lambda d: _unvotes(d, "un_votes.csv", ",CN,", ",QQ,"), load_unvotes, InputError, "QQ"),
    "vote_outside_codebook": (lambda d: _unvotes(d, "un_votes.csv", ",no", ",maybe"), load_unvotes, InputError, "maybe"),
    "non_integer_rcid": (lambda d: _unvotes(d, "un_votes.csv", "\n3,China", "\nx3,China"), load_unvotes, InputError, "x3"),
    "vote_without_roll_call": (lambda d: _unvotes(d, "un_votes.csv", "\n3,China", "\n9,China"), load_unvotes, InputError, "9"),
    "unknown_issue_code": (lambda d: _unvotes(d, "un_roll_call_issues.csv", "3,hr", "3,zz"), load_roll_calls, InputError, "zz"),
    "impossible_vote_date": (lambda d: _unvotes(d, "un_roll_calls.csv", "1946-01-01", "1946-02-30"), load_roll_calls, InputError, "1946-02-30"),
    "missing_column": (lambda d: _unvotes(d, "un_roll_calls.csv", "unres", "unresolution"), load_roll_calls, LayoutError, "unres"),
    "unknown_cow_code": (lambda d: _bsv(d, "\n710,", "\n7100,"), load_bsv, InputError, "7100"),
    "non_numeric_ideal": (lambda d: _bsv(d, "-0.6", "n/a"), load_bsv, InputError, "n/a"),
    "bsv_missing_column": (lambda d: _bsv(d, "IdealPointAll", "Ideal"), load_bsv, LayoutError, "IdealPointAll"),
    "generic_unknown_kind": (lambda d: _generic(d, "Z,", "Q,"), read_generic, LayoutError, "'Q'"),
    "generic_text_value": (lambda d: _generic(d, "x,C1,S1,,,", "x,C1,S1,,,lots"), read_generic, InputError, "lots"),
    "concordance_duplicate": (lambda d: _concordance(d, "S1,chips\nS1,other\n"), load_concordance, LayoutError, "S1"),
    "concordance_empty_group": (lambda d: _concordance(d, "S1,chips\nS2,\n"), load_concordance, LayoutError, "line 3"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CODE_CASES))
def test_unknown_code_names_culprit(case: str, tmp_path: Path) -> None:
    write, read, error, culprit = CODE_CASES[case]
    path = write(tmp_path)
    with pytest.raises(error) as info:
        read(path)
    text = str(info.value)
    assert isinstance(info.value, ChainpowerError)
    assert culprit in text and path.name in text, text


def test_unknown_concordance_name() -> None:
    with pytest.raises(DataNotFoundError, match="wiod99"):
        load_concordance("wiod99")


def test_wiod_year_without_file(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError, match="wiod2013_1990.npz"):
        read_wiod2013(1990, path=tmp_path)


# --- option values ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2019-2010", "19x5", "1800-1801", "", "2018-", "2010,abc"])
def test_bad_years_option(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_years(text)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize("text", ["", " , "])
def test_empty_list_option(text: str) -> None:
    with pytest.raises(InputError, match="empty list"):
        parse_list(text)


@pytest.mark.parametrize(
    "argv, culprit",
    [
        (["alliances", "classify", "--as-of", "30/06/2024"], "30/06/2024"),
        (["alliances", "classify", "--as-of", "2023-02-30"], "2023-02-30"),
        (["alliances", "show", "nosuch"], "nosuch"),
        (["mrio", "check", "--generic", "{tmp}/absent.csv"], "absent.csv"),
    ],
)
def test_cli_bad_option_is_a_clear_error(
    argv: list[str], culprit: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from chainpower.cli import main

    try:
        rc = main([a.replace("{tmp}", str(tmp_path)) for a in argv])
    except SystemExit as exc:  # argparse refuses the option value itself (usage + one line)
        rc = int(exc.code or 0)
    err = capsys.readouterr().err.strip()
    assert rc != 0
    assert "Traceback" not in err, err
    last = err.splitlines()[-1]
    assert culprit in last and "error" in last, err
