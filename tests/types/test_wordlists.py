"""The data-file loader and the one given-name list that extraction and name comparison share."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from declass.types import wordlists
from declass.types.names import fold, given_group, is_known_given

PACKAGE = Path(wordlists.__file__).resolve().parents[1]


def test_lines_drop_comments_and_blanks() -> None:
    rows = wordlists.lines("distinct_orgs.txt")
    assert rows and not any(r.startswith("#") or not r.strip() for r in rows)
    assert any(r.startswith("MGB") for r in rows)


def test_distinct_orgs_one_body_per_line() -> None:
    bodies = {forms[0]: forms for forms in wordlists.distinct_orgs()}
    assert {"NKVD", "MGB", "MVD", "KGB"} <= bodies.keys()
    assert "People's Commissariat for Internal Affairs" in bodies["NKVD"]


def test_full_given_names_exclude_nicknames() -> None:
    names = wordlists.given_names()
    assert {"Edward", "William", "Fidel", "Aleksei", "Jack"} <= names
    assert not {"Will", "Bill", "Ed", "Sasha", "|"} & names  # "WILL ADVISE" stays no name


def test_nicknames_and_spellings_share_a_canonical_given_name() -> None:
    assert given_group(fold("Ed")) == given_group(fold("Edward")) == fold("Edward")
    assert given_group(fold("Sasha")) == given_group(fold("Aleksandr")) == fold("Alexander")
    assert given_group(fold("Vanya")) == given_group(fold("Ivan"))
    assert is_known_given(fold("Misha")) and is_known_given(fold("Sergius"))
    # a given name with no group ("Fidel", "Lee") may also be a surname: alone it parses as one
    assert not is_known_given(fold("Fidel")) and "Fidel" in wordlists.given_names()
    assert not is_known_given(fold("Tretyakov"))


def test_no_other_module_reads_the_data_directory() -> None:
    readers = []
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        if any(isinstance(n, ast.Constant) and n.value == "data" for n in ast.walk(tree)) and "read_text" in source:
            readers.append(path.relative_to(PACKAGE).as_posix())
    assert readers == ["types/wordlists.py"]


def test_census_names_hold_given_names_and_frequent_surnames_with_their_share() -> None:
    # names no other data file lists, which an OCR-damaged word may stand for (extract/ocrwords.py)
    census = wordlists.census_names()
    assert census["smith"] == 0.01006  # 1.006% of the 1990 population
    assert census["mary"] == 0.02629
    assert {"harkins", "swenson", "morales"} <= census.keys()
    assert not {"stroy", "ence", "smith jr"} & census.keys()  # rare surnames and non-words are left out
    assert all(len(n) >= 4 and n.isalpha() for n in census)


def test_census_script_regenerates_the_data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the script keeps given names and the top surnames, the larger share of a name in two lists
    import importlib.util

    spec = importlib.util.spec_from_file_location("census_names", PACKAGE.parent / "scripts" / "census_names.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    (tmp_path / "dist.male.first").write_text("JAMES          3.318  3.318      1\nJO             0.100  3.418      2\n")
    (tmp_path / "dist.female.first").write_text("MARY           2.629  2.629      1\nJAMES          0.100  2.729      2\n")
    (tmp_path / "dist.all.last").write_text("SMITH          1.006  1.006      1\nJAMES          0.200  1.206      2\n")
    assert script.shares(tmp_path) == {"james": "3.318", "mary": "2.629", "smith": "1.006"}
    monkeypatch.setattr(script, "OUT", tmp_path / "out.tsv")
    assert script.main([str(tmp_path)]) == 0
    written = wordlists.parse_census((tmp_path / "out.tsv").read_text().splitlines())
    assert written == {"james": 0.03318, "mary": 0.02629, "smith": 0.01006}
