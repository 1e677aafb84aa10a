"""Bodies named in Spanish, Portuguese or French (``bodies.foreign_bodies``) and bodies glued to a
neighbouring word by the model (``orgs.glued``), issue 10, organisation recall and precision.

Each text is cut from a dev gold record (``tests/fixtures/gold/dev/``) or a jfk-corpus record
(``/work/shared/samples/jfk-corpus/``) named in the comment. The model reads the Spanish names as
a person and a place ("Jiventud Anticqhunista" PERSON, "Estudiantil" LOC) or misses them.
"""

from __future__ import annotations

import functools

import pytest

from declass.pipeline.extract import bodies, extract_text
from declass.pipeline.extract.components import lexicon_of
from declass.pipeline.extract.nlp import load_nlp


@functools.cache
def _lexicon() -> frozenset[str]:
    return lexicon_of(load_nlp())


def _mentions(text: str, label: str) -> list[str]:
    return [" ".join(m.text.split()) for m in extract_text([text])[0] if m.label == label]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # 104-10171-10033: a scanned rule "|" between two words of the name
        (
            "Gomez told me that the Directorio Revolucionario | Estudiantil (DRE) in Cuba had",
            "Directorio Revolucionario | Estudiantil",
        ),
        # 194-10012-10030, in capitals
        ("BUT THAT THE DIRECTORIO REVOLUCIONARIO ESTUDIANTIL (DRE,", "DIRECTORIO REVOLUCIONARIO ESTUDIANTIL"),
        # 104-10226-10090 (truecased cable): an ordinal before the head, one letter of each misread
        ("I. Secundo Frente Escambray repeat Secwndo Frente . Escanbray, we", "Secundo Frente Escambray"),
        ("revolt, bo % Jiventud Anticqhunista Catclica repeat", "Jiventud Anticqhunista Catclica"),
        # connectives and a date inside the name
        ("the Movimiento 30 de Noviembre was", "Movimiento 30 de Noviembre"),
        ("the Movimiento Revolucionario del Pueblo (MRP)", "Movimiento Revolucionario del Pueblo"),
        ("the Ejercito de Liberacion Nacional and", "Ejercito de Liberacion Nacional"),
        # jfk-corpus records: the name ends before English words, a place and a date stay in it
        ("THAT IN ALL PROBABILITY, THE BANCO NACIONAL DE CUBA WOULD VANT", "BANCO NACIONAL DE CUBA"),  # 104-10170-10112
        (
            "Dominican Communist Party (Partido Socialista Popular Dominicano). Training",
            "Partido Socialista Popular Dominicano",
        ),  # 104-10186-10099, 104-10186-10309
        (": Rescate MRR Accion Dernocratica 20 de Mayo AAA Independiente", "Accion Dernocratica 20 de Mayo"),  # 104-10232-10019
        # a name wrapped at a line end
        ("a member of the Frente\nRevolucionario Democratico since", "Frente\nRevolucionario Democratico"),
    ],
)
def test_foreign_head_and_its_name(text: str, body: str) -> None:
    assert [text[a:b] for a, b in bodies.foreign_bodies(text, _lexicon())] == [body]


@pytest.mark.parametrize(
    "text",
    [
        "the Union Committee for the Defense of Pure Buddhism",  # English words: the other shapes' business
        "he was in the Front Office at the time",
        "shipped by Union Pacific to",
        "the Soviet Union and",  # the head ends the name: nothing after it
        "Frente\n\nRevolucionario",  # a blank line: the next field of a form
        "LOCATED IN FRONT OF THE RCUAS CLARAS AND UNAS",  # 104-10075-10373: English words after the head
        "employees of the African-American Institute OQ Operational use",  # 104-10213-10209: no misread Instituto
        "KUBARK, ORGANIZATION OF STANDBY PBRUMEN SECURITY",  # 104-10229-10097: no misread Organizacion
    ],
)
def test_no_foreign_body_without_a_foreign_name(text: str) -> None:
    assert bodies.foreign_bodies(text, _lexicon()) == []


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "Gomez told me that the Directorio Revolucionario | Estudiantil (DRE) in Cuba had received arms.",
            "Directorio Revolucionario | Estudiantil",
        ),  # 104-10171-10033: "Estudiantil" was a place
        (
            "2. NO INFO RE REVOLT, JIVENTUD ANTICQHUNISTA CATCLICA REPEAT JWENTUD REPORTS THIS GRUP HAS NO INFO.",
            "JIVENTUD ANTICQHUNISTA CATCLICA",
        ),  # 104-10226-10090: was a person
    ],
)
def test_pipeline_types_the_foreign_body_org(text: str, org: str) -> None:
    assert org in _mentions(text, "ORG")
    assert not any(w in p for p in _mentions(text, "PERSON") + _mentions(text, "LOC") for w in org.split())


@pytest.mark.parametrize(
    ("text", "orgs", "not_orgs"),
    [
        # 104-10226-10090: an exile group's acronym glued to its contact's given name / an English word
        ("E, MRR REPEAT MRR CESAR BRO INDICATES HE HAS HAD CONTACT FROM CUBA LAST FEW DAYS.", ["MRR"], ["MRR CESAR"]),
        (
            "UNDER CONSTANT ALERT EVER SINCE THE = DRE ATTACK CF 24 AUG THEY ARE PREPARED. THE DRE SAID NO.",
            ["DRE"],
            ["DRE ATTACK CF 24"],
        ),
        # 104-10065-10028: a fragment printed once before the body
        (
            "LILYRIC - basehouse across the street from GOK Soviet Embassy. LICALLA - basehouse",
            ["Soviet Embassy"],
            ["GOK Soviet Embassy"],
        ),
    ],
)
def test_body_glued_to_a_neighbouring_word_is_cut(text: str, orgs: list[str], not_orgs: list[str]) -> None:
    found = _mentions(text, "ORG")
    assert all(o in found for o in orgs)
    assert not any(o in found for o in not_orgs)
