"""Document-level propagation of confirmed names: every other printing of a kept person's surname
is that person.

``declass_consistency`` (:mod:`.components`) already reuses surnames, but it runs *before* the
precision filters, on the model's raw PERSON spans; the filters then judge each reused mention on
its own and drop most of them: a surname in capitals that the lexicon lists ("JOHNSON",
"KENNEDY": all label words to :func:`~declass.pipeline.extract.filters.keep`), a one-word
surname with no evidence next to it, a surname the model typed as a place ("interrogation of
Nosenko" as GPE, dropped by the place check). Those same names survive the filters where the
document prints them in full or after a title ("Vice President LYNDON B, JOHNSON", "Yuri
Nosenko"), so the evidence exists, one step too late.

``declass_propagate`` runs after ``declass_filters`` and takes the surviving PERSON entities as
confirmed. Their surnames (the last word of four letters or more that is not an initial, a
title, a known given name, place or body, nor a common noun the document prints in lower case)
are looked up in the document's tokens; a token printed in Title case or capitals with that
surname, that no entity holds or that the model typed as a single-word place or body, becomes a
PERSON with rule ``propagated``; a word of the same name printed just before it on the same line
joins it ("Dean" of "Dean Rusk"). Pure: the words are the Doc's own.

Invariant: the Doc text is ``Document.clean_text`` (character offsets are clean-text offsets).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from declass.pipeline.extract import gazetteer, ocrwords, perdoc, plausible
from declass.pipeline.extract.components import info, lexicon_of, put
from declass.pipeline.extract.patterns import english
from declass.types import wordlists

RULE = "propagated"
TITLED_RULE = "titled_name"  # a name printed after a title that the model missed ("MR. KAPPEL")
MIN_LETTERS = 4  # "Hunt", "Rusk": shorter words are initials, particles and debris as often as names
# Single-token model entities a propagated surname may retype: the model's guesses for an unknown
# capitalised word ("Nosenko" GPE, "SALAZAR-SANCHEZ" ORG). DATE, MONEY and the domain labels stay.
RETYPE_FROM = frozenset({"GPE", "LOC", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # after the surname: "Manuel F. Artime Jr."
_NAME_WORD = re.compile(r"^[A-Z][A-Za-z'’-]*$")


def surname_of(words: list[str], common: frozenset[str], lexicon: frozenset[str], *, titled: bool = False) -> str | None:
    """The surname (lower case) of a kept PERSON span's words, or None when it has none that can
    be looked up alone: the last word of :data:`MIN_LETTERS` letters or more that is not weak
    (initial, title, particle), not a known given name (unless the name was printed after a title:
    "Mr. HERBERT"), place or body, and not a common noun by use in the document (printed in lower
    case there and an English word)."""
    for word in reversed(words):
        w = plausible.bare(word)
        if plausible.is_weak(word) or not w.replace("-", "").isalpha() or w.lower() in SUFFIXES:
            continue
        if len(w) < MIN_LETTERS or (plausible.is_given(w) and not (titled and len(words) == 1)):
            return None
        title = w[:1] + w[1:].lower()
        if title in gazetteer.places() or w in gazetteer.orgs() or w in gazetteer.acronyms() or gazetteer.country_of(title):
            return None
        if english(w, lexicon) and (w.lower() in common or not ocrwords.census_name(w)):
            return None  # "Information" of "General Information": a word, unless also a census surname
        return w.lower()
    return None


def confirmed(
    doc: Doc, common: frozenset[str], lexicon: frozenset[str], attrs: dict[tuple[int, int], Any]
) -> dict[str, frozenset[str]]:
    """Surname (lower case) -> the other words (lower case) of the kept PERSON names that end in it
    (``attrs``: the domain layer's record per span, which holds the title printed before a name)."""
    out: dict[str, set[str]] = {}
    for e in doc.ents:
        if e.label_ != "PERSON":
            continue
        words = e.text.split()
        titled = bool(attrs.get((e.start_char, e.end_char), {}).get("title"))
        if (s := surname_of(words, common, lexicon, titled=titled)) is not None:
            out.setdefault(s, set()).update(plausible.bare(w).lower() for w in words)
    return {s: frozenset(ws - {s}) for s, ws in out.items()}


def _printed_as_name(text: str) -> bool:
    return bool(_NAME_WORD.match(text)) and (text.isupper() or text[1:].replace("-", "").islower() or "-" in text)


def propagated(doc: Doc, names: dict[str, frozenset[str]]) -> list[Span]:
    """PERSON spans for the other printings of confirmed surnames (see the module docstring)."""
    held: dict[int, Span] = {i: e for e in doc.ents for i in range(e.start, e.end)}
    out: list[Span] = []
    for i, w in enumerate(perdoc.token_texts(doc)):  # texts, not a Token object per token
        low = w.lower()
        if low not in names or not _printed_as_name(w):
            continue
        ent = held.get(i)
        if ent is not None and not (len(ent) == 1 and ent.label_ in RETYPE_FROM):
            continue
        start = i
        while (
            start > 0
            and doc[start - 1].lower_.strip(".") in names[low]
            and doc[start - 1].i not in held
            and "\n" not in doc[start - 1].whitespace_
            and doc[start - 1].text[:1].isupper()
        ):
            start -= 1
        out.append(Span(doc, start, i + 1, label="PERSON"))
    return out


ABBREVIATION = 4  # "Mr", "Gen", "Capt": a title this short may end in a full stop ("Ambassador." ends a sentence)


def _title_before(doc: Doc, i: int) -> str | None:
    """The title printed right before token ``i`` on its line ("Mr." "Ambassador"), or None. A
    full stop after it only after an abbreviation; a short title in capitals needs its full stop
    ("MR. KAPPEL"; "MS" is a manuscript as often)."""
    k = i - 1
    stop = k >= 0 and doc[k].text == "." and "\n" not in doc[k].whitespace_
    if stop:
        k -= 1
    if k < 0 or "\n" in doc[k].whitespace_ or (k == i - 1 and not doc[k].whitespace_):
        return None
    printed = doc[k].text
    word = printed.rstrip(".")
    stop = stop or printed.endswith(".")
    if stop and len(word) > ABBREVIATION or (word.isupper() and len(word) <= 3 and not stop):
        return None
    return doc[k:i].text if word[:1] + word[1:].lower() in plausible.name_titles() else None


def titled_names(doc: Doc, lexicon: frozenset[str]) -> list[tuple[Span, str]]:
    """Names printed right after a title that the model left untagged or typed a place or body
    ("MR. KAPPEL" ORG, "Ambassador Lodge", "Senor Bayo"), with the title: a word of the shape of a
    name (:func:`plausible.name_shaped`) or a census surname, that is no title, given name alone
    is allowed ("Mr. HERBERT"), but not an English word the census does not list as a name
    ("General Assembly", "Agent Report"), a place, a body or an acronym."""
    held: dict[int, Span] = {i: e for e in doc.ents for i in range(e.start, e.end)}
    census = wordlists.census_names()
    out: list[tuple[Span, str]] = []
    for i, w in enumerate(perdoc.token_texts(doc)):  # texts, not a Token object per token
        if not _printed_as_name(w) or len(w) < 3 or (title := _title_before(doc, i)) is None:
            continue
        ent = held.get(i)
        headed = ent is not None and ent.label_ in RETYPE_FROM and ent.start == i
        if ent is not None and not (headed and (len(ent) == 1 or doc[i + 1].is_punct)):
            continue  # a place or body the model read from the name up to a comma: "LODGE, USMACV" ORG
        low = w.lower()
        if w[:1] + low[1:] in plausible.name_titles() or low in STOP_WORDS or w in gazetteer.acronyms() or w in gazetteer.orgs():
            continue
        if not (plausible.name_shaped(w) or low in census) or (english(w, lexicon) and low not in census):
            continue
        if w[:1] + low[1:] in gazetteer.places() or gazetteer.country_of(w[:1] + low[1:]):
            continue
        if ocrwords.damaged(w, lexicon) or (plausible.is_given(w) and _name_follows(doc, i)):
            continue  # "INS TRUCTIONS"; "President LYNDON B, JOHNSON": the given name of a longer name
        out.append((Span(doc, i, i + 1, label="PERSON"), title))
    return out


def _name_follows(doc: Doc, i: int) -> bool:
    """Token ``i`` is followed on its line by an initial or another capitalised word."""
    if i + 1 >= len(doc) or "\n" in doc[i].whitespace_:
        return False
    nxt = doc[i + 1].text
    return nxt[:1].isupper() and nxt[:1].isalpha()


@Language.factory("declass_propagate", requires=["doc.ents"], assigns=["doc.ents"])
def make_propagate(nlp: Language, name: str) -> Any:
    """Every other printing of a confirmed person's surname in the document is that person."""
    lexicon = lexicon_of(nlp)

    def propagate(doc: Doc) -> Doc:
        common = perdoc.lower_words(doc)
        attrs = info(doc)["attrs"]
        titled = titled_names(doc, lexicon)
        for s in put(doc, [s for s, _ in titled], override=True):
            attrs[(s.start_char, s.end_char)] = {"rule": TITLED_RULE, "title": dict((t.start, x) for t, x in titled)[s.start]}
        names = confirmed(doc, common, lexicon, attrs)
        if not names:
            return doc
        spans = propagated(doc, names)
        for s in put(doc, spans, override=True):
            attrs[(s.start_char, s.end_char)] = {"rule": RULE}
        return doc

    return propagate
