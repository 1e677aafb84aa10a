"""Names in form fields and memo headers (declass/pipeline/extract/fields.py), on real records.

Every JFK record of the corpus opens with the NARA identification form; OCR prints its values
beside their labels ("FROM: MCCONE, JOHN") or as a column after all the labels ("STATE / DEAN
RUSK / THE PRESIDENT"). One test per kind of field and value, each on the record that prints it.
"""

from __future__ import annotations

from functools import cache

import pytest

from declass.model import Document
from declass.pipeline import process
from declass.pipeline.extract import extract
from declass.pipeline.extract.fields import add_field_mentions, field_names, form_pages, person_norm
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "samples" / "jfk-corpus"


@cache
def record(number: str) -> Document:
    path = CORPUS / f"{number}.pdf"
    if not path.is_file():
        pytest.skip(f"no development corpus at {CORPUS}")
    return process(str(path), path.read_bytes())


def names(number: str) -> list[tuple[str, str, str, str]]:
    """(label, printed form, canonical form, field) of each field name of a record."""
    doc = record(number)
    return [(n.label, doc.text[n.start : n.end], n.norm, n.field) for n in field_names(doc)]


def test_a_surname_first_name_in_the_value_column_of_the_form_is_a_person() -> None:
    # labels first, then "SSCIA / 157-10002-10056 / DOCUMENT INFORMATION / CIA / SCHLESINGER, ARTHUR JR / THE PRESIDENT"
    found = names("157-10002-10056")
    assert ("PERSON", "SCHLESINGER, ARTHUR JR", "Arthur Schlesinger Jr.", "column") in found
    assert not any(printed == "THE PRESIDENT" for _, printed, _, _ in found)  # a post, not a name


def test_a_given_name_first_in_the_value_column_is_a_person_and_agency_codes_are_bodies() -> None:
    # "LBJ / 177-10002-10069 / NSF, COUNTRY FILE, ... / STATE / DEAN RUSK / THE PRESIDENT / 02/18/1964"
    found = names("177-10002-10069")
    assert ("PERSON", "DEAN RUSK", "Dean Rusk", "column") in found
    assert ("ORG", "LBJ", "LBJ Library", "column") in found
    assert ("ORG", "STATE", "Department of State", "column") in found
    assert [f for f in found if f[0] == "PERSON"] == [("PERSON", "DEAN RUSK", "Dean Rusk", "column")]


def test_a_value_beside_its_label_is_read_by_the_label() -> None:
    # "AGENCY: LBJ", "FROM: MCCONE, JOHN", "SUBJECTS : / NEED SUBJECT ASSIGNED"
    found = names("177-10001-10445")
    assert ("PERSON", "MCCONE, JOHN", "John McCone", "FROM") in found
    assert ("ORG", "LBJ", "LBJ Library", "AGENCY") in found
    assert len(found) == 2  # "NEED SUBJECT ASSIGNED", "MEMORANDUM FOR THE RECORD": nobody


def test_a_person_in_the_subjects_field_keeps_his_initial() -> None:
    assert ("PERSON", "PFUNTNER, JORDAN J", "Jordan J. Pfuntner", "SUBJECTS") in names("194-10012-10030")


def test_a_list_of_subjects_gives_the_name_a_given_name_follows() -> None:
    # "EPE, BAYO, ALBERTO, POLIT, REVOLUTIONARY ACT": BAYO opens the name, EPE is no surname of BAYO
    found = names("124-10284-10155")
    assert [f[1:3] for f in found if f[0] == "PERSON"] == [("BAYO, ALBERTO", "Alberto Bayo")]


def test_two_names_on_one_line_of_the_column_are_two_people() -> None:
    # "BELIN, DAVID W. HARVEY, WILLIAM K." (FROM and TO run together)
    found = names("157-10005-10141")
    persons = [f[1:3] for f in found if f[0] == "PERSON"]
    assert ("BELIN, DAVID W.", "David W. Belin") in persons
    assert ("HARVEY, WILLIAM K", "William K. Harvey") in persons


def test_one_surname_in_a_from_or_to_field_of_an_fbi_form_is_a_person() -> None:
    # "FROM: KEAY" (the letter prints "Keay" too), "TO: BELMONT" (a census surname)
    found = names("124-10326-10098")
    assert ("PERSON", "KEAY", "Keay", "FROM") in found
    assert ("PERSON", "BELMONT", "Belmont", "TO") in found


def test_an_office_or_a_post_in_a_from_or_to_field_is_nobody() -> None:
    # "FROM: LEG, PA" (the legal attache in Paris), "TO: DIRECTOR, FBI", "FROM: HQ", "TO: NY"
    for number in ("124-10284-10155", "124-90137-10468"):
        assert not [f for f in names(number) if f[3] in ("FROM", "TO")]


def test_english_words_in_a_list_of_subjects_are_no_name() -> None:
    # "MR, CUBAN INVASION, COST, MILITARY MOBILIZATION": "INVASION, COST" has the shape of a name
    assert not [f for f in names("124-10225-10195") if f[0] == "PERSON"]


def test_the_form_page_is_found_and_a_memo_without_the_form_has_none() -> None:
    doc = record("177-10002-10069")
    assert form_pages(doc) == [(doc.pages[0].start, doc.pages[0].end)]
    assert form_pages(record("104-10172-10105")) == []


@pytest.mark.parametrize(
    ("given", "surname", "suffix", "norm"),
    [
        (["ARTHUR"], "SCHLESINGER", "Jr.", "Arthur Schlesinger Jr."),
        (["JOHN"], "MCCONE", None, "John McCone"),
        (["S", "J."], "PAPICH", None, "S. J. Papich"),
        (["JORGE", "RAUL"], "O'BRIEN-SMITH", None, "Jorge Raul O'Brien-Smith"),
    ],
)
def test_the_canonical_form_is_truecased_given_name_first(given: list[str], surname: str, suffix: str | None, norm: str) -> None:
    assert person_norm(given, surname, suffix) == norm


def test_extraction_adds_the_field_names_as_mentions_at_their_printed_offsets() -> None:
    form = record("177-10002-10069")
    page = form.text[form.pages[0].start : form.pages[0].end]  # the form page alone: a short parse
    doc = extract([process("177-10002-10069.txt", page.encode())])[0]
    rusk = [m for m in doc.mentions if m.attrs.get("rule") == "form_field" and m.label == "PERSON"]
    assert [(m.text, m.norm, m.page) for m in rusk] == [("DEAN RUSK", "Dean Rusk", 1)]
    assert doc.text[rusk[0].start : rusk[0].end] == "DEAN RUSK"
    # no other name mention overlaps the one read from the field
    names = [m for m in doc.mentions if m.label in ("PERSON", "ORG", "LOC") and m is not rusk[0]]
    assert not [m for m in names if m.start < rusk[0].end and rusk[0].start < m.end]


def test_an_agency_code_refers_to_its_body_unless_it_is_the_known_name_of_one() -> None:
    # "LBJ" alone would be the President; "NARA" is the printed name of a known body and resolves
    # with the other NARA mentions as it is (a "refers" split NARA in two entities on the corpus)
    def bodies(number: str) -> list[tuple[str, str | None]]:
        path = CORPUS / f"{number}.pdf"
        doc = process(str(path), path.read_bytes())  # a fresh copy: the cached record stays as read
        return [(m.text, m.attrs.get("refers")) for m in add_field_mentions(doc).mentions if m.label == "ORG"]

    record("177-10001-10445")  # skips without the corpus
    assert bodies("177-10001-10445") == [("LBJ", "LBJ Library")]
    assert bodies("176-10036-10051") == [("NARA", None)]
