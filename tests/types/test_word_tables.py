"""The one title list, the one role list and the one OCR-confusion table, and what their users
derive from them (every copy that used to live in code is gone)."""

from __future__ import annotations

import re

import pytest

from declass.eval import audit
from declass.pipeline import patterns as markings
from declass.pipeline.claims import roles as claim_roles
from declass.pipeline.extract import gazetteer
from declass.pipeline.extract import patterns as extract_patterns
from declass.types import confusion, names, wordlists


def test_titles_have_a_class_and_flag_the_forms_that_are_also_names() -> None:
    every = wordlists.titles(places=True)
    assert {"Mr", "Senor", "Señor", "Lt.Col", "Comrade", "Gen", "Ambassador", "Bishop", "St"} <= every
    assert {"King", "Major", "Bishop", "Lord"} <= wordlists.titles() - wordlists.titles(names=False)
    assert {"Saint", "St"} == wordlists.titles(places=True) - wordlists.titles()
    assert "Don" not in every  # a given name, never cut from "Don Smith"
    assert "mr" in wordlists.titles(lower=True) and "Mr" not in wordlists.titles(lower=True)


def test_every_title_user_reads_the_one_list() -> None:
    assert gazetteer.titles() == wordlists.titles()
    assert extract_patterns.TITLES == wordlists.titles(places=True)
    assert audit.TITLES == {t.lower() for t in wordlists.titles()}
    assert names.TITLES == {t.lower() for t in wordlists.titles(names=False)}


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("Senor Manuel Artime", "Manuel Artime"),  # a Spanish form of address, dropped anywhere
        ("Prime Minister Fidel Castro", "Fidel Castro"),
        ("King Hussein", "Hussein"),  # a title that is also a surname: dropped in front
        ("Maurice Bishop", "Maurice Bishop"),  # ... but kept as the surname
        ("Martin Luther King", "Martin Luther King"),
        ("KING, Martin Luther", "Martin Luther King"),  # CIA style: the surname first
    ],
)
def test_parsed_names_drop_titles_but_keep_surnames_that_look_like_titles(text: str, display: str) -> None:
    person = names.parse_person(text)
    assert person.display == display
    assert person.surname == names.fold(display.split()[-1])


def test_roles_one_file_with_phrases_and_parse_heads() -> None:
    phrases = [r.phrase for r in wordlists.roles()]
    assert phrases.index("chief of counter-intelligence") < phrases.index("chief")  # longest first
    assert gazetteer.roles() == tuple(phrases)
    assert {"chief", "rezident", "secretary-treasurer", "deputy", "founder"} <= set(claim_roles.ROLE_NOUNS)
    assert "chief of station" not in claim_roles.ROLE_NOUNS  # a parse matches one noun
    assert "agent" not in claim_roles.ROLE_NOUNS  # agent_of, not holds_role
    assert claim_roles.MEMBER_NOUNS == ["member", "members", "collaborator", "collaborators"]
    # a person described by a rank: the ranks of titles.tsv, not a list of their own
    assert {"colonel", "major", "sergeant", "admiral"} <= set(claim_roles.DESCRIPTOR_NOUNS)
    assert wordlists.titles(classes=("rank",)) < wordlists.titles()


def test_confusion_table_gives_costs_and_skeleton() -> None:
    assert confusion.sub_cost("n", "m") == confusion.sub_cost("m", "n") == 0.3
    assert confusion.sub_cost("n", "l") == 1.0  # confused in capitals (N/L) only, not in lower case
    assert confusion.weighted_distance("modern", "rnodern") == pytest.approx(0.3)  # rn/m
    assert confusion.skeleton("Baidalakov") == confusion.skeleton("Daidalakov") == "blkv"
    assert confusion.skeleton("Hikolai") == confusion.skeleton("Nikolai") == confusion.skeleton("Mikolai")


@pytest.mark.parametrize("variant", ["MTS", "HTS", "WTS", "NTC", "NTE", "LTS", "UTS"])
def test_ocr_variants_of_an_acronym_come_from_the_table(variant: str) -> None:
    assert extract_patterns.confusable(variant, "NTS")  # NOTES.md: NTS printed as MTS, HTS...
    assert extract_patterns.confusable("NTS", variant)


def test_unrelated_capitals_are_no_acronym_variant() -> None:
    assert not extract_patterns.confusable("NTA", "NTS")
    assert not extract_patterns.confusable("MVD", "MGB")  # two letters differ: distinct bodies
    assert not extract_patterns.confusable("NTS", "NTS")


def test_marking_classes_from_the_table() -> None:
    classes = confusion.upper_classes()
    assert classes["S"].startswith("S") and {"5", "$"} <= set(classes["S"])
    assert "$" not in classes.get("5", "")  # a one-way row: "S" printed as "$", not the reverse
    assert markings._OCR_UPPER == classes
    word = re.compile(markings.ocr_word("SECRET"))
    for damaged in ("SECRET", "5ECRET", "$ECRET", "SECRFT", "SEGRET", "S-E-C-R-E-T", "SECRE1"):
        assert word.fullmatch(damaged), damaged
    assert not word.fullmatch("Secret")  # prose is not a marking: no lower-case letters in a class


def test_a_bad_row_is_refused_with_its_file() -> None:
    with pytest.raises(ValueError, match="ocr_confusions.tsv"):
        wordlists.parse_confusions(["n\tm\t0.3\tsideways"])
    with pytest.raises(ValueError, match="titles.tsv"):
        wordlists.parse_titles(["honorific\tMr"])
    with pytest.raises(ValueError, match="roles.tsv"):
        wordlists.parse_roles(["chief\tboss"])


@pytest.mark.parametrize(
    ("text", "display", "surname"),
    [
        # dev gold 177-10001-10445 and the corpus: a Spanish double surname printed first
        ("LOPEZ MATEOS, Adolfo", "Adolfo Lopez Mateos", "mateos"),
        ("LOPEZ MATEOS Adolfo", "Adolfo Lopez Mateos", "mateos"),
        ("OSWALD, LEE HARVEY", "Lee Harvey Oswald", "osvald"),  # all capitals: the comma decides
        ("DE GAULLE, Charles", "Charles De Gaulle", "degaule"),
        ("MORGAN Edward P", "Edward P. Morgan", "morgan"),
        # 176-10036-10135 (batch 3): a family name printed first is never rotated; the comma is a speck
        ("DIEU, HUE", "Dieu Hue", "hue"),
        ("NGO Dinh Diem", "Ngo Dinh Diem", "diem"),
    ],
)
def test_surname_first_of_two_words_reads_as_running_text(text: str, display: str, surname: str) -> None:
    person = names.parse_person(text)
    assert (person.display, person.surname) == (display, surname)
    assert person.given == names.parse_person(display).given


def test_a_given_name_before_the_comma_is_no_surname_of_two_words() -> None:
    # jfk-corpus: two people in one span; read as "Raul Castro Fidel Castro" it joined Raul Castro
    assert names.parse_person("Fidel CASTRO, Raul CASTRO").display == "Castro Raul Castro Fidel"
