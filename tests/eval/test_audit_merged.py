"""The audit's ``merged`` flag finds each class of wrong merge seen in the dev gold (resolve11)."""

from __future__ import annotations

from declass.eval.audit import entity_flags
from declass.eval.audit_merged import place_within, woman_and_bare_surname, word_conflict
from declass.model import Entity


def _entity(etype: str, name: str, *variants: str) -> Entity:
    return Entity(id="e1", type=etype, name=name, variants={v: 1 for v in variants}, mention_ids=["m1"], doc_ids=["d1"])


def test_a_woman_named_by_her_patronymic_with_the_bare_masculine_surname_is_flagged() -> None:
    # 104-10006-10247 as main resolved it: the wife's name and the "DEDKOV" of her husband.
    assert woman_and_bare_surname(["Vilasa Nikolayevna DEDKOV", "DEDKOV"]) == ("Vilasa Nikolayevna DEDKOV", "DEDKOV")
    assert woman_and_bare_surname(["Roman Fedorovich DEDKOV", "DEDKOV"]) is None
    assert woman_and_bare_surname(["Vilasa Nikolayevna DEDKOVA", "DEDKOVA"]) is None  # her own surname
    e = _entity("PERSON", "Vilasa Nikolayevna Dedkov", "DEDKOV", "Vilasa Nikolayevna DEDKOV")
    assert [f["flag"] for f in entity_flags(e, [])] == ["merged"]


def test_organisation_names_differing_in_a_word_are_flagged() -> None:
    assert word_conflict(["Special Security Division", "Personnel Security Division"]) == (
        "Special Security Division",
        "Personnel Security Division",
    )
    assert word_conflict(["Soviet Embassy, Mexico City", "Soviet Embassy, New Delhi"]) is not None
    assert word_conflict(["Office of Security", "Office of Securlty", "the Office of Security"]) is None
    e = _entity("ORG", "Personnel Security Division", "Special Security Division", "Personnel Security Division")
    assert any(f["flag"] == "merged" and "Special" in f["detail"] for f in entity_flags(e, []))


def test_a_city_and_its_state_in_one_entity_are_flagged() -> None:
    assert place_within(["Miami, Florida", "Florida"]) == ("Miami, Florida", "Florida")
    assert place_within(["Florida", "Fla."]) is None
    assert place_within(["Mexico, D.F.", "Mexico City"]) is None
    e = _entity("LOC", "Florida", "Florida", "Miami, Florida")
    assert any(f["flag"] == "merged" for f in entity_flags(e, []))


def test_shifted_debris_a_nickname_and_country_forms_are_no_conflict() -> None:
    # jfk-corpus variants the first version of these checks flagged by mistake.
    assert word_conflict(["Domestic Collection G Divisioa", "OQ Domestic Collection Division"]) is None
    e = _entity("PERSON", "Richard Helms", "Richard Helms", "Dick Helms")
    assert not [f for f in entity_flags(e, []) if f["flag"] == "merged"]
    us = _entity("LOC", "United States", "U.S.", "the Gnital States", "Soviet Russia")
    assert not [f for f in entity_flags(us, []) if f["flag"] == "merged"]


def test_divisions_differing_in_their_letters_are_flagged() -> None:
    # jfk-corpus at main: "SR Division", "DO Division", "the FE Division", "ER Division", "WH Division".
    assert word_conflict(["SR Division", "the FE Division"]) == ("SR Division", "the FE Division")
    assert word_conflict(["SR Division", "SR Divislon", "the SR Division"]) is None
    e = _entity("ORG", "SR Division", "SR Division", "ER Division")
    assert any(f["flag"] == "merged" and "ER Division" in f["detail"] for f in entity_flags(e, []))


def test_two_forms_of_a_country_in_a_body_s_name_are_not_flagged() -> None:
    # jfk-corpus: "U.S. Government" / "the United Btates Government" (OCR) are one body.
    assert word_conflict(["U.S. Government", "the United Btates Government", "US Government"]) is None
