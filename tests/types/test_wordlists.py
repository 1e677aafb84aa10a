"""The data-file loader and the one given-name list that extraction and name comparison share."""

from __future__ import annotations

import ast
from pathlib import Path

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
