"""Not entities, one class at a time (``declass/data/non_entities.tsv``), on forms printed in the
jfk-corpus records (the record number names the file in /work/shared/samples/jfk-corpus/)."""

from __future__ import annotations

import pytest
import spacy

from declass.model import Document
from declass.pipeline.extract import nonentities
from declass.pipeline.extract.components import info
from declass.pipeline.extract.mentions import to_mentions

# (mention as the model found it, its label, the class) - each from a record of the corpus
NON_ENTITIES = [
    ("Subject", "PERSON", "form"),  # 104-10103-10103 "Subject still in New York and writing regular reports"
    ("Subjec", "PERSON", "form"),  # "Subject" cut at a line end, seen in the jfk-corpus
    ("SUBJ", "ORG", "form"),
    ("Bubject", "PERSON", "form"),  # 104-10163-10019 "referred to Bubject tn the moat familar of terms"
    ("Oubject", "ORG", "form"),  # 104-10130-10215 "the possibility that Oubject's father might know"
    ("Headquarters", "PERSON", "form"),  # 104-10048-10124 "Headquarters suggested that JMWAVE might"
    ("Chief", "PERSON", "form"),  # "Chief, New York Field Office" (a distribution list)
    ("Counsel", "PERSON", "form"),  # 'described as "the new Counsel. in State"'
    ("REF", "ORG", "routing"),  # 104-10100-10034 "REF: DIR 22218"
    ("Pricrity", "PERSON", "routing"),  # OCR of PRIORITY in a cable header
    ("DISTR", "PERSON", "distribution"),  # 176-10036-10088 "DATE DISTR. 20 NOVEMBER"
    ("DISSEM", "PERSON", "distribution"),  # 104-10186-10235 "NO FOREIGN DISSEM CSCI-316/01"
    ("UNEVALUATED", "ORG", "classification"),  # 104-10165-10077 "THIS 1S UNEVALUATED INFORMATION"
    ("SEURET", "PERSON", "classification"),  # 104-10075-10225 "MESSAGE od SEURET" (SECRET)
    ("Top Secret", "PERSON", "classification"),
    ("FOIA Review", "ORG", "control"),  # 104-10051-10106 "for FOIA Review on FEB"
    ("IMPDET", "ORG", "control"),  # "E2 IMPDET CL BY 064737"
    ("RYBAT", "CRYPTONYM", "cable"),  # 104-10072-10227 "SECRET/RYBAT , 201-009239": an indicator
    ("INTEL", "ORG", "cable"),  # 104-10076-10375 "INTEL TYPIC | | |"
    ("PAGES", "ORG", "nara"),  # the NARA identification form, 104-10078-10014
    ("CLASSIFICATION", "PERSON", "nara"),
    ("Agency", "ORG", "generic"),  # 104-10106-10325 "The Agency wanted to avoid MONCURE's having to"
    ("the Agency", "ORG", "generic"),
    ("Council", "ORG", "generic"),  # 104-10227-10150 "coordinated through the Council."
    ("Government", "ORG", "generic"),
    ("ge", "ORG", "debris"),  # 104-10066-10076 "on the home” SO ge \naddresses"
    ("ec", "ORG", "debris"),
    ("che", "ORG", "debris"),
    ("Ne", "ORG", "debris"),
    ("OO", "ORG", "debris"),  # 104-10069-10185 "As a result 7 OO \nhe asked"
    ("Lo", "PERSON", "debris"),  # 104-10075-10225 "Lo. .9@ DO-BOl HAVE"
    ("l. Oe &. Oi", "PERSON", "debris"),
    ("=. t. a. -. Se", "PERSON", "debris"),
    ("2. Ho Ho", "PERSON", "debris"),
    ("003620", "PERSON", "debris"),
    ("OaTE", "ORG", "debris"),  # 104-10006-10247, the RID form: case broken inside a word
    ("yOur", "ORG", "debris"),  # 104-10179-10167 "for yOur consideration"
    ("NNN ScORET", "ORG", "debris"),  # 104-10225-10035 (SECRET)
    ("fromfAmerican Federation", "ORG", "debris"),  # 124-10326-10098 "received fromfAmerican Federation ofS)"
    ("CIA Information Telegram", "ORG", "doctype"),  # 176-10036-10134, the form title of a CIA report
    ("INTELLIGENCE INFORMATION CABLE", "ORG", "doctype"),
    ("Project", "ORG", "form"),  # 104-10250-10200 "Project" as a heading word
    ("Informant", "ORG", "form"),  # 124-10326-10098 "Informant advised that"
    ("Bank", "ORG", "generic"),  # a head noun alone (jfk-corpus ORG list, 2 records)
    ("Groups", "ORG", "generic"),
    ("Clandestine", "ORG", "generic"),  # 104-10171-10018: the adjective of a body's name alone
    ("Defense", "ORG", "generic"),  # 176-10036-10027 "Defense" alone
    ("Nee", "ORG", "debris"),  # 176-10036-10134 and 2 corpus records: a three-letter fragment
    ("Sec", "ORG", "debris"),  # 104-10171-10018 and a corpus record
    ("Mrs", "PERSON", "form"),  # a title alone (titles.tsv)
    ("Lt. Col.", "PERSON", "form"),
]

# Real bodies, places and people that contain or resemble those words
ENTITIES = [
    ("Central Intelligence Agency", "ORG"),
    ("Cia", "ORG"),  # the CIA's acronym in another case: a known acronym, not a fragment
    ("Clandestine Service", "ORG"),
    ("Department of Defense", "ORG"),
    ("Secret Service", "ORG"),
    ("SECRET SERVICE", "ORG"),
    ("WH", "ORG"),  # Western Hemisphere Division
    ("U.S.", "LOC"),
    ("US", "LOC"),
    ("Fidel Castro", "PERSON"),
    ("L. G. Bruce", "PERSON"),
    ("MORGAN, Edward P.", "PERSON"),
    ("Abram Chayes", "PERSON"),
    ("AMLASH-1", "CRYPTONYM"),
    ("State Department", "ORG"),
    ("Mexico City", "LOC"),
    ("McGRATH", "PERSON"),  # 104-10250-10200 "Mc GRATH": name prefixes keep their case
    ("DeGAULLE", "PERSON"),
    ("MacArthur", "PERSON"),
    ("Lee Harvey OSWALD", "PERSON"),
]


@pytest.mark.parametrize(("text", "label", "cls"), NON_ENTITIES)
def test_non_entity_classes(text: str, label: str, cls: str) -> None:
    assert nonentities.non_entity_class(text, label) == cls


def test_every_class_of_the_data_file_is_tested() -> None:
    assert {r.cls for r in nonentities.rules()} <= {cls for _, _, cls in NON_ENTITIES}


@pytest.mark.parametrize(("text", "label"), ENTITIES)
def test_real_entities_are_not_non_entities(text: str, label: str) -> None:
    assert nonentities.non_entity_class(text, label) is None
    assert nonentities.trim(text, label) == (0, len(text))


@pytest.mark.parametrize(
    ("text", "label", "kept"),
    [
        ("PAGES \nSUBJECTS \nDOCUMENT", "ORG", None),  # the identification form, 104-10078-10014
        ("DATE OF LAST REVIEW \nOPENING CRITERIA : \n", "ORG", None),
        ("SECRET RYBAT MORGAN", "PERSON", "MORGAN"),
        ("REF Mexico City", "LOC", "Mexico City"),
        ("Agency Information \n \nORIGINATOR", "ORG", None),
        ("Havana y. Subject", "PERSON", "Havana y."),  # "Subject" cut; the stray "y." is the name stage's
    ],
)
def test_edge_words_are_cut(text: str, label: str, kept: str | None) -> None:
    got = nonentities.trim(text, label)
    assert (text[got[0] : got[1]] if got else None) == kept


def test_release_banner_line_is_page_furniture() -> None:
    # 104-10078-10014: the banner of every page of the 2025 release
    line = "104-10078-10014 | 2025 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992 "
    assert nonentities.non_entity_class("JOHN F. KENNEDY", "PERSON", line) == "nara"
    assert nonentities.non_entity_class("JOHN F. KENNEDY", "PERSON", "President JOHN F. KENNEDY was shot") is None


def _doc(text: str, ents: list[tuple[str, str, dict[str, str]]]) -> tuple[Document, spacy.tokens.Doc]:
    """A hand-built spaCy Doc with the given entities and their domain attrs (no model)."""
    sdoc = spacy.blank("en")(text)
    spans = []
    for surface, label, attrs in ents:
        a = text.index(surface)
        s = sdoc.char_span(a, a + len(surface), label=label)
        assert s is not None
        spans.append(s)
        if attrs:
            info(sdoc)["attrs"][(s.start_char, s.end_char)] = attrs
    sdoc.ents = spans
    return Document(id="d", source_path="d", media_type="text/plain", text=text, clean_text=text), sdoc


def test_a_mention_that_refers_is_never_dropped() -> None:
    text = "Subject still in New York and writing regular reports on U.S. politics."
    doc, sdoc = _doc(text, [("Subject", "PERSON", {"refers": "subject_line"}), ("New York", "GPE", {})])
    assert [m.text for m in to_mentions(doc, sdoc)] == ["Subject", "New York"]
    doc, sdoc = _doc(text, [("Subject", "PERSON", {}), ("New York", "GPE", {})])
    assert [m.text for m in to_mentions(doc, sdoc)] == ["New York"]


def test_a_post_office_box_is_not_a_person() -> None:
    # "P. O. Box 6" taken for a PERSON (6 mentions in one resolved entity of the corpus)
    text = "write to P. O. Box 6 in Miami."
    doc, sdoc = _doc(text, [("P. O. Box 6", "PERSON", {}), ("Miami", "GPE", {})])
    assert [m.text for m in to_mentions(doc, sdoc)] == ["Miami"]


def test_cut_mentions_keep_offsets_into_the_text() -> None:
    text = "SUPDATA: SECRET RYBAT MORGAN met him."
    doc, sdoc = _doc(text, [("SECRET RYBAT MORGAN", "PERSON", {"rule": "name_list"})])
    (m,) = to_mentions(doc, sdoc)
    assert (m.text, text[m.start : m.end]) == ("MORGAN", "MORGAN")
