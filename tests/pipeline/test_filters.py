"""Form labels, field hints and filler are not entities; real capitalised names still are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from declass.model import Document
from declass.pipeline.extract.filters import balanced, hint_spans, is_filler, is_label_word, keep

ROOT = Path(__file__).resolve().parents[2]
JFK = ROOT / "examples/jfk"
FORM = JFK / "104-10117-10076.pdf"  # a personnel history form
LEXICON = frozenset({"name", "relationship", "citizenship", "agency", "cause", "of", "death", "haiti", "rcmp"})
KNOWN = frozenset({"CIA", "NTS"})


@pytest.mark.parametrize("word", ["RELATIONSHIP", "NAME", "AGENCY", "CITIZENSHIP", "OF", "&"])
def test_capitalised_english_words_are_label_words(word: str) -> None:
    assert is_label_word(word, LEXICON, KNOWN)


@pytest.mark.parametrize("word", ["CIA", "NTS", "ARTIME", "Name", "HAITI", "RCMP", "AMLASH-1"])
def test_bodies_names_and_acronyms_are_not_label_words(word: str) -> None:
    assert not is_label_word(word, LEXICON, KNOWN)


@pytest.mark.parametrize(
    ("tokens", "filler"),
    [
        (["NA"], True),
        (["NA", "NA", "NA"], True),
        (["N/A"], True),
        (["None"], True),
        (["NATO"], False),
        (["Housewife", "NA"], False),
    ],
)
def test_filler(tokens: list[str], filler: bool) -> None:
    assert is_filler(tokens) is filler


def test_unbalanced_parenthesis_cuts_the_span() -> None:
    text = "3. CITIZENSHIP (Country"
    a, b = balanced(text, 3, len(text))
    assert text[a:b] == "CITIZENSHIP"
    assert keep(text, 3, len(text), [], LEXICON, KNOWN) is None  # and what is left is a label


def test_field_hint_after_label_is_not_entity_text() -> None:
    text = "1. FULL NAME (Last-First-Middle) 2. RELATIONSHIP Natsionalno-Trudovoi Soyuz (NTS - National Labor Union)"
    hints = hint_spans(text, LEXICON | {"full"}, KNOWN)
    assert [text[a:b] for a, b in hints] == ["(Last-First-Middle)"]
    s = text.index("Last")
    assert keep(text, s, s + len("Last-First-Middle"), hints, LEXICON, KNOWN) is None


@pytest.mark.parametrize(
    ("span", "kept"),
    [
        ("MORGAN, Edward P.", "MORGAN, Edward P."),
        ("THE COMMUNIST PARTY OF HAITI", "THE COMMUNIST PARTY OF HAITI"),
        ("CAUSE OF DEATH", None),
    ],
)
def test_keep_whole_names_drop_labels(span: str, kept: str | None) -> None:
    lexicon = LEXICON | {"the", "communist", "party"}
    got = keep(span, 0, len(span), [], lexicon, KNOWN)
    assert (span[got[0] : got[1]] if got else None) == kept


# --- on the real JFK documents (slow: loads the spaCy model) --------------------------------------


@pytest.fixture(scope="module")
def jfk() -> dict[str, Document]:
    from declass.pipeline import process
    from declass.pipeline.extract import extract

    names = ["104-10117-10076", "104-10006-10247", "104-10110-10242", "104-10131-10010"]
    docs = extract([process(str(JFK / f"{n}.pdf"), (JFK / f"{n}.pdf").read_bytes()) for n in names])
    return dict(zip(names, docs, strict=True))


def _entities(doc: Document) -> list[str]:
    return [" ".join(m.text.split()) for m in doc.mentions if m.label in ("PERSON", "ORG", "ACRONYM")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "label",
    [
        "NAME",
        "FULL NAME",
        "NA",
        "NA NA",
        "None",
        "RELATIONSHIP",
        "CITIZENSHIP",
        "CITIZENSHIP (Country",
        "AGENCY",
        "SALARY",
        "If Federal Service",
    ],
)
def test_form_labels_are_not_mentions(jfk: dict[str, Document], label: str) -> None:
    assert label not in _entities(jfk["104-10117-10076"])


@pytest.mark.slow
def test_form_name_hints_are_not_mentions(jfk: dict[str, Document]) -> None:
    # "(Last-First-Middle)" after FULL NAME, in every OCR spelling: Laat-Firat-Middle, Last-F irst-Middle...
    hint = re.compile(r"L\w\w[tf]-\s?F\s?\w+-Midd")
    assert [e for e in _entities(jfk["104-10117-10076"]) if hint.search(e)] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("doc", "name"),
    [
        ("104-10117-10076", "Ignacio Gonzales"),
        ("104-10117-10076", "John Magruder"),
        ("104-10117-10076", "L. G. Bruce"),
        ("104-10117-10076", "Carl Raymond"),
        ("104-10006-10247", "PEDKOV, Roman"),
        ("104-10110-10242", "Manuel F. ARTIME Buesa"),
        ("104-10131-10010", "SWENSON, Harold Francis"),  # the middle name kept since person14
    ],
)
def test_real_names_in_jfk_records_stay_persons(jfk: dict[str, Document], doc: str, name: str) -> None:
    assert name in {m.text for m in jfk[doc].mentions if m.label == "PERSON"}
