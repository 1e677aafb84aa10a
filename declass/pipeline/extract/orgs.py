"""Organisations: unit names the model misses and ORG spans that are debris, form lines or furniture.

The component ``declass_orgs`` runs after ``declass_consistency`` on the model's and the gazetteer's
ORG entities. Each rule was found by reading the dev gold's missed and spurious organisations
(docs/quality.md, "ORG and LOC causes"):

* unit names by shape: an office symbol and a unit noun ("WH Division", "SR Branch"), and a unit
  noun with a letter designation ("Task Force W", "Staff C"); the model reads neither as a body;
* a model ORG that holds a known body (``data/orgs.tsv``) with debris around it is cut to the
  body: "CIG BE" (of "CIG BE KEPT"), "el Res Central Intelligence Agency : Information",
  "NARA\\n\\nNational Security Files" (the AGENCY field of a NARA form over the next field);
* a model ORG running over a blank line is no name: the form's next field, not a continuation
  ("Algiers\\n1\\nNational Security Files", "the Current\\n\\nIntelligence");
* OCR debris typed ORG: a glued run of capitals ("ATQIEADOURRTERSSHISTORICAL"), a word that mixes
  digits into letters ("F22ZST MOS"), a phrase mostly of lower-case words that are no connectors
  ("Te & pontine pina fat J —bebiryer");
* a model ORG that glues an acronym to a neighbouring word is cut to the acronym when the next
  word is a person's name or an English word and no head noun follows ("MRR CESAR", "DRE ATTACK CF
  24", "UN AKHLI", "SER ALVAREZ"); a lone fragment in capitals before a body's name ending in a head
  noun is cut off ("GOK Soviet Embassy" -> "Soviet Embassy");
* a form line typed ORG: capitals only, every word English (or one OCR letter from English), no
  body head noun and no known body among them ("INDEX OT-S SUBJECT TO BE CHECKED SURNAME GIVEN
  NAMES", "INITEALS CHECKING"). Real bodies in capitals have a head noun ("FEDERAL BUREAU OF
  INVESTIGATION" has "BUREAU") or are acronyms.

Pure functions of the Doc; character offsets are clean-text offsets.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from declass.pipeline.extract import gazetteer, perdoc
from declass.pipeline.extract.components import info, lexicon_of, put, span
from declass.pipeline.extract.patterns import english
from declass.pipeline.extract.shouted import english_form
from declass.types import wordlists

# Unit nouns that an office symbol or a letter designation completes.
UNITS = r"Division|Branch|Staff|Section|Desk|Group"
# "WH Division", "SR Branch": an office symbol of two to four capitals before a unit noun. Not after
# a digit or a house number ("NE 70th Street" is no unit: the head must follow the symbol directly).
SYMBOL_UNIT = re.compile(rf"(?<![\w/-])(?P<sym>[A-Z]{{2,4}})[ \t]+(?:{UNITS})\b(?![-'’])")
# "Task Force W", "Staff C": a unit noun and one capital letter (not "I" or "A", which are words).
LETTER_UNIT = re.compile(rf"\b(?:Task[ \t]+Force|{UNITS})[ \t]+[B-HJ-Z]\b(?![\w'’.-])")
_GLUED = re.compile(r"[A-Z]{13,}")
_LONG = re.compile(r"[A-Za-z]{16,}")
_SLASHED_WORDS = re.compile(r"[A-Z][a-z]{4,}/[A-Z][a-z]{4,}")  # "Ofpicer/Advisedgcos"; office symbols are capitals
_MIXED = re.compile(r"(?=\w*\d)(?=(?:\w*[A-Za-z]){3})[A-Za-z\d]*[A-Za-z]\d+[A-Za-z]+\w*|\b\d+[A-Za-z]{3,}\w*\d\w*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CONNECT = frozenset({"of", "for", "the", "and", "de", "del", "la", "el", "y", "i", "to", "in", "on", "at", "&"})


def unit_names(text: str, lexicon: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of unit names by shape: symbol + unit noun, unit noun + letter."""
    out = []
    for m in SYMBOL_UNIT.finditer(text):
        sym = m["sym"]
        if sym in gazetteer.acronyms() or not english(sym, lexicon):
            out.append((m.start(), m.end()))
    out += [(m.start(), m.end()) for m in LETTER_UNIT.finditer(text)]
    return out


def known_inside(doc: Doc, ent: Span) -> list[Span]:
    """The known bodies (``data/orgs.tsv`` forms) printed inside an entity, as spans of the Doc."""
    out = []
    forms = gazetteer.orgs()
    words = [t for t in ent]
    for i in range(len(words)):
        for j in range(min(len(words), i + 8), i, -1):
            piece = doc[ent.start + i : ent.start + j]
            if piece.text in forms and (i, j) != (0, len(words)):
                out.append(Span(doc, piece.start, piece.end, label="ORG"))
                break
    return out


def debris(text: str, lexicon: frozenset[str] = frozenset()) -> bool:
    """OCR debris typed ORG: words glued into one run, digits inside a word, or mostly lower-case words."""
    if _GLUED.search(text) or _MIXED.search(text) or _SLASHED_WORDS.search(text):
        return True
    if lexicon and any(not english(w, lexicon) and not _known_word(w) for w in _LONG.findall(text)):
        return True  # "Atqieadourrtersshistorical" (the truecased "ATQIEADOURRTERSSHISTORICAL OFFICE")
    words = [w for w in re.findall(r"[^\W\d_]+", text)]
    lower = [w for w in words if w.islower() and w not in _CONNECT]
    return len(lower) >= 2 and len(lower) * 2 > len(words)


@functools.cache
def _known_word(word: str) -> bool:
    """A word of a known body's name (``orgs.tsv``, ``distinct_orgs.txt``): long, foreign, but no debris."""
    forms = [*gazetteer.orgs(), *(f for body in wordlists.distinct_orgs() for f in body)]
    return any(word in form for form in forms)


@functools.cache
def _upper_heads() -> frozenset[str]:
    """The body head nouns in capitals ("EMBASSY"), built once rather than per entity."""
    return frozenset(h.upper() for h in gazetteer.org_heads())


@functools.cache
def _any_case_heads() -> frozenset[str]:
    """The body head nouns as listed and in capitals ("Embassy", "EMBASSY")."""
    return gazetteer.org_heads() | _upper_heads()


def form_line(text: str, lexicon: frozenset[str]) -> bool:
    """Capitals only, two words or more, all English (or one OCR letter off), no head noun, no known body."""
    words = re.findall(r"[A-Za-z]+", text)
    if len(words) < 2 or not all(w.isupper() for w in words):
        return False
    heads = _upper_heads()
    if any(w in heads or w in gazetteer.acronyms() or w in gazetteer.orgs() for w in words):
        return False
    return all(english_form(w, lexicon) or _one_letter_off(w, lexicon) for w in words if len(w) > 2)


def _one_letter_off(word: str, lexicon: frozenset[str]) -> bool:
    """A word of six letters or more that is English after one substituted letter ("INITEALS")."""
    w = word.lower()
    if len(w) < 6:
        return False
    for i in range(len(w)):
        for c in "aeioulnrstcmh":
            if c != w[i] and english_form(w[:i] + c + w[i + 1 :], lexicon):
                return True
    return False


@Language.factory("declass_orgs", requires=["doc.ents"], assigns=["doc.ents"])
def make_orgs(nlp: Language, name: str) -> Any:
    """Unit names by shape in; ORG debris, form lines and furniture out; known bodies cut free."""
    lexicon = lexicon_of(nlp)

    def orgs(doc: Doc) -> Doc:
        data = info(doc)
        keep: list[Span] = []
        cut: list[Span] = []
        drop: list[Span] = []
        for e in doc.ents:
            if e.label_ != "ORG" or data["attrs"].get((e.start_char, e.end_char), {}).get("rule") not in (None, "model"):
                continue
            inner = known_inside(doc, e)
            if inner and (_BLANK_LINE.search(e.text) or debris(e.text, lexicon) or not _well_formed_around(e, inner)):
                for s in inner:
                    data["attrs"][(s.start_char, s.end_char)] = {"rule": "known_inside", "norm": gazetteer.orgs()[s.text]}
                cut += inner
                drop.append(e)
            elif _BLANK_LINE.search(e.text) or debris(e.text, lexicon) or form_line(e.text, lexicon):
                drop.append(e)
            elif (piece := glued(doc, e, lexicon)) is not None:
                if len(piece):
                    data["attrs"][(piece.start_char, piece.end_char)] = {"rule": "unglued"}
                    cut.append(piece)
                drop.append(e)
        if drop:
            doc.ents = [e for e in doc.ents if e not in drop]
        put(doc, cut, override=True)
        for a, b in unit_names(perdoc.text(doc), lexicon):
            if unit := span(doc, a, b, "ORG", "unit_shape"):
                keep.append(unit)
        put(doc, keep, override=True)
        return doc

    return orgs


_ACRONYM = re.compile(r"[A-Z]{2,5}")


def glued(doc: Doc, ent: Span, lexicon: frozenset[str]) -> Span | None:
    """The body inside a model ORG that glued it to a neighbouring word: an acronym (no English
    word itself: "TIME MAGAZINE" stays) before a person's name or an English word, with no head
    noun after it ("MRR CESAR" -> "MRR", "DRE ATTACK CF 24" -> "DRE"); or a body ending in a head
    noun after a fragment in capitals printed nowhere else ("GOK Soviet Embassy" -> "Soviet
    Embassy"). An empty span (the entity is dropped) when the acronym is neither known nor printed
    again ("SER ALVAREZ", "GUNN Pete MEE"); None when the span is no such glue."""
    words = [t for t in ent if not t.is_space]
    if len(words) < 2 or not _ACRONYM.fullmatch(words[0].text) or any("\n" in t.text for t in ent):
        return None
    first, rest = words[0].text, [t.text for t in words[1:]]
    heads = _any_case_heads()
    if any(w in heads for w in rest):
        if first in gazetteer.acronyms() or rest[-1] not in heads or len(first) > 3:
            return None
        if perdoc.text(doc).count(first) > 1 or not all(w[:1].isupper() for w in rest):
            return None
        return Span(doc, words[1].i, ent.end, label="ORG")
    if ent.text in gazetteer.orgs() or english_form(first.lower(), lexicon) or not _caps_name(rest[0], lexicon):
        return None
    again = len(re.findall(rf"(?<![\w-]){first}(?![\w-])", perdoc.text(doc))) > 1
    end = words[0].i + 1 if first in gazetteer.acronyms() or again else words[0].i
    return Span(doc, words[0].i, end, label="ORG")


def _caps_name(word: str, lexicon: frozenset[str]) -> bool:
    """A given name, a frequent surname or an English word: what an acronym is glued to."""
    w = word.strip(".,;:").lower()
    if len(w) < 3 or not w.isalpha():
        return False
    return w.title() in gazetteer.given_names() or w in wordlists.census_names() or english_form(w, lexicon)


def _well_formed_around(ent: Span, inner: list[Span]) -> bool:
    """The words around the known bodies are a name's words: capitalised, or connectors, on one line
    ("the OAS Security Committee" stays; "CIG BE", "GOK Soviet Embassy" do not)."""
    inside = {i for s in inner for i in range(s.start, s.end)}
    rest = [t for t in ent if t.i not in inside]
    for t in rest:
        if t.is_space or t.text.lower() in _CONNECT:
            continue
        if "\n" in t.text or not (t.text[:1].isupper() and t.text[1:].islower() and t.is_alpha and len(t.text) > 2):
            return False
    return True
