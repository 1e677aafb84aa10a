"""PERSON recall in running text (issue 10): names the model found that the filters dropped, and
the other printings of a confirmed name in the document.

Each case is text of a dev gold record (named in the comment). The spans are set as the
statistical model typed them there (checked with the base model of ``extract/nlp.py``), then the
real declass components of the loaded pipeline run on them: the model's own output varies with
the surrounding page, the components' decisions are what these tests pin down.
"""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc

from declass.pipeline.extract import ocrwords, plausible
from declass.pipeline.extract.components import info
from declass.pipeline.extract.nlp import load_nlp
from declass.pipeline.extract.propagate import confirmed, surname_of


def _run(text: str, ents: list[tuple[str, str, int]], *components: str) -> Doc:
    """``text`` with the model's entities (printed form, label, occurrence) run through the named
    declass components of the loaded pipeline."""
    nlp = load_nlp()
    doc = nlp(text, disable=[n for n in nlp.pipe_names if n.startswith("declass_") or n == "ner"])
    spans = []
    for form, label, nth in ents:
        start = [m.start() for m in re.finditer(re.escape(form), text)][nth]
        s = doc.char_span(start, start + len(form), label=label)
        assert s is not None, form
        spans.append(s)
    doc.ents = spans
    for name in components:
        doc = nlp.get_pipe(name)(doc)
    return doc


def _persons(doc: Doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == "PERSON"]


# 124-10326-10149 (an FBI memo of a senator's letters, typed with surnames in capitals)
MALONE = (
    "In connection with MALONE's conversation with Mr. HERBERT of the CIA, who was described as an"
    " assistant to Colonel KING, MALONE wrote that HERBERT told him that the section of CIA dealing"
    " with Cuba was separate. HERBERT did not agree with the general opinion of Vice President"
    " JOHNSON relative to the plans by President KENNEDY relative to Cuba. MALONE stated that"
    " JOHNSON believed KENNEDY would act in the event of a crisis in Cuba."
)


def test_a_surname_in_capitals_after_a_title_is_kept_although_the_lexicon_lists_it() -> None:
    # "Vice President JOHNSON", "President KENNEDY": the filters took the capitals for label words
    doc = _run(MALONE, [("JOHNSON", "PERSON", 0), ("KENNEDY", "PERSON", 0)], "declass_repair", "declass_filters")
    # the third: "JOHNSON believed KENNEDY", a well-known surname no entity held (person14, extract/surnames.py)
    assert _persons(doc) == ["JOHNSON", "KENNEDY", "KENNEDY"]
    attrs = info(doc)["attrs"]
    assert [attrs[(e.start_char, e.end_char)].get("title") for e in doc.ents] == ["Vice President", "President", None]
    assert attrs[(doc.ents[-1].start_char, doc.ents[-1].end_char)]["rule"] == "known_person"


def test_a_label_word_in_capitals_after_a_title_is_still_dropped() -> None:
    # the exception is for census names that are not mainly English words
    assert ocrwords.census_name("JOHNSON") and ocrwords.census_name("HERBERT")
    assert not ocrwords.census_name("WHITE") and not ocrwords.census_name("SECRETARY")
    doc = _run("He met the President SECRETARY at noon.", [("SECRETARY", "PERSON", 0)], "declass_repair", "declass_filters")
    assert _persons(doc) == []


def test_a_given_name_after_a_title_is_a_surname() -> None:
    # "Mr. HERBERT of the CIA": one given name alone is no one in particular, after "Mr." a surname
    doc = _run(MALONE, [("HERBERT", "PERSON", 0)], "declass_repair", "declass_filters")
    # the two untagged KENNEDY are the well-known surname of data/persons.txt (extract/surnames.py)
    assert [p for p in _persons(doc) if p != "KENNEDY"] == ["HERBERT"]
    assert _persons(doc).count("KENNEDY") == 2
    lexicon = frozenset({"of", "the"})
    assert plausible.keep_name(["HERBERT"], plausible.Evidence(lexicon, frozenset())) is None
    assert plausible.keep_name(["HERBERT"], plausible.Evidence(lexicon, frozenset()), titled=True) == (0, 1)


def test_a_title_in_capitals_is_evidence_in_a_damaged_cable() -> None:
    # 104-10226-10090: "ACTION: IFW 10 (MR. KAPPEL, TW ISSUCO TELPO FOPY 2315" (the model: ORG)
    text = "C OR fa. or ee FROM + JavA AUG 31 03102 62 ACTION: IFW 10 (MR. KAPPEL, TW ISSUCO TELPO FOPY 2315, 30 Aus)"
    doc = _run(text, [("KAPPEL", "ORG", 0)], "declass_repair", "declass_filters")
    assert _persons(doc) == ["KAPPEL"]


def test_the_other_printings_of_a_kept_surname_are_the_person() -> None:
    # the model typed the later "JOHNSON" and "HERBERT" PERSON or nothing, a later "KENNEDY" ORG;
    # the filters dropped them, the titled ones survive: every other printing follows those
    ents = [("HERBERT", "PERSON", 0), ("HERBERT", "PERSON", 1), ("JOHNSON", "PERSON", 0), ("KENNEDY", "PERSON", 0)]
    ents += [("JOHNSON", "PERSON", 1), ("KENNEDY", "ORG", 1)]
    doc = _run(MALONE, ents, "declass_repair", "declass_filters", "declass_propagate")
    # "Colonel KING": a name after a rank the model left untagged
    assert _persons(doc) == ["HERBERT", "KING", "HERBERT", "HERBERT", "JOHNSON", "KENNEDY", "JOHNSON", "KENNEDY"]
    rules = [info(doc)["attrs"].get((e.start_char, e.end_char), {}).get("rule") for e in doc.ents]
    assert rules.count("propagated") == 3  # HERBERT twice, the untitled JOHNSON
    # the ORG KENNEDY: a surname in capitals (caps_person) the filters now keep, a well-known
    # surname being no label word (person14); until then it came back by propagation
    assert rules[-1] == "caps_person"


def test_a_place_typed_surname_is_retyped_and_the_given_name_joins() -> None:
    # 177-10002-10069: "fsf Deon Rusk\nDean Rusk\nEnclosure:" after "Dean Rusk" in the text
    text = "Memorandum for the President from Dean Rusk.\nThe points Lopez Mateos will raise.\n"
    text += "fsf Deon Rusk\nDean Rusk\nEnclosure: Paper"
    doc = _run(text, [("Dean Rusk", "PERSON", 0), ("Lopez Mateos", "PERSON", 0), ("Rusk", "GPE", 1)], "declass_propagate")
    assert _persons(doc) == ["Dean Rusk", "Lopez Mateos", "Rusk", "Dean Rusk"]


@pytest.mark.parametrize(
    ("words", "surname"),
    [
        (["Dean", "Rusk"], "rusk"),
        (["LYNDON", "B,", "JOHNSON"], "johnson"),
        (["Manuel", "F.", "Artime", "Jr."], "artime"),
        (["Carl"], None),  # a given name alone is looked up nowhere
        (["Fidel", "Ruz"], None),  # three letters: too short to look up alone
        (["John", "Havana"], None),  # a place
        (["Paul", "Information"], None),  # a common noun of the document
    ],
)
def test_surname_of(words: list[str], surname: str | None) -> None:
    assert surname_of(words, frozenset({"information"}), frozenset({"information"})) == surname


def test_a_surname_printed_in_lower_case_is_not_propagated() -> None:
    # "Hunt" of "E. Howard Hunt" and "a hunt": the word is a common noun in this document
    text = "E. Howard Hunt wrote. The hunt went on. Hunt said so."
    doc = _run(text, [("E. Howard Hunt", "PERSON", 0)], "declass_propagate")
    assert confirmed(doc, frozenset({"hunt", "went", "on", "wrote", "said", "so", "the"}), frozenset({"hunt"}), {}) == {}
    assert _persons(doc) == ["E. Howard Hunt"]


# 176-10036-10134 (a cable in capitals): "3. FIELD DISSEM, STATE AMBASSADOR LODGE, USMACV (GENERAL HARKINS)"
CABLE = "3. FIELD DISSEM, STATE AMBASSADOR LODGE, USMACV (GENERAL HARKINS), CINCPAC PACAF ARPAC"


def test_a_title_and_the_name_after_it_keep_their_capitals_in_a_shouted_line() -> None:
    from declass.pipeline.extract.nlp import lexicon_of_cached
    from declass.pipeline.extract.truecase import truecase

    lexicon = lexicon_of_cached(load_nlp())
    assert "Ambassador Lodge" in truecase(CABLE, lexicon) and "General Harkins" in truecase(CABLE, lexicon)
    # a word the census does not list stays a word ("GENERAL ASSEMBLY", "AGENT REPORT")
    shouted = "THE GENERAL ASSEMBLY MET AND THE SPECIAL AGENT REPORT WAS SENT TO THE EMBASSY"
    assert truecase(shouted, lexicon).startswith("The general assembly met and the special agent report")


def test_a_name_after_a_title_is_a_person_where_the_model_read_a_body() -> None:
    # the model reads "Lodge, USMACV" as one ORG; "SENATOR LONG": a given name after a title is a surname
    from declass.pipeline.extract import extract_text

    texts = [CABLE, "THEY MET WITH SENATOR LONG AT NOON TODAY"]
    persons = [[m.text for m in ms if m.label == "PERSON"] for ms in extract_text(texts)]
    assert "LODGE" in persons[0] and "HARKINS" in persons[0]
    assert persons[1] == ["LONG"]


@pytest.mark.parametrize(
    ("text", "ent"),
    [
        # 157-10002-10056: a sentence ends after the title ("...the Ambassador. Algp ...")
        ("They met the Ambassador. Algp said nothing more of it.", None),
        # 104-10172-10248: "MS" before an OCR-split word is no title
        ("THE MS TRUCTIONS WERE SENT TO THE STATION AT ONCE", None),
        # 124-10326-10149: the given name of a longer name after the title is not a surname
        ("He met Vice President LYNDON B, JOHNSON on 3/15/62 in Texas.", ("JOHNSON", "PERSON", 0)),
    ],
)
def test_no_name_after_a_title_where_the_title_does_not_head_one(text: str, ent: tuple[str, str, int] | None) -> None:
    doc = _run(text, [ent] if ent else [], "declass_propagate")
    assert _persons(doc) == ([ent[0]] if ent else [])


def test_an_english_word_typed_person_is_not_propagated() -> None:
    # 177-10002-10069: "General Information" read as a titled PERSON "Information" is not a
    # surname to look up: an English word the census does not list
    text = "General Information was filed. Information on the case follows."
    doc = _run(text, [("Information", "PERSON", 0)], "declass_propagate")
    assert _persons(doc) == ["Information"]
    # the corpus: "BIRTH" of a form line is a census surname too, but mainly an English word
    assert surname_of(["DATE", "OF", "BIRTH"], frozenset(), frozenset({"birth", "date"})) is None
