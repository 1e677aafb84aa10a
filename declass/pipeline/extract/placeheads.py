"""Places named by a head word: a capitalised name next to a street, building, river or district
word of ``place_heads.tsv`` ("Wall Street", "Almendares River", "Furnald Hall") or before it in a
Spanish place form ("Campo Libertad", "Alturas del Bosque", "Minas del Frio"), for
``declass_places`` (``placenames.py``). No news model knows most of these places; the head word is
what makes them places.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from rapidfuzz.distance import Levenshtein
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from declass.pipeline.extract import gazetteer, perdoc, placecheck
from declass.pipeline.extract.placeclean import heads
from declass.pipeline.extract.plausible import is_given
from declass.types import wordlists

MIN_DAMAGED = 6  # a shorter word one letter from a place is too often another word ("Texas"/"Texan")
CONNECTORS = frozenset({"de", "del", "la", "las", "los", "y", "of", "the"})
_NAME = r"(?:[A-Z][A-Za-zÀ-ÿ'’-]*|\d+(?:st|nd|rd|th))"
_GAP = r"[ \t]*\n?[ \t]*"  # a name may wrap once ("Ciudad\nJuarez"), never across a blank line
_POSSESSIVE = re.compile(r"['’]s$")
_DAMAGED_STREET = re.compile(r"(?<![\w.])\d+(?:st|nd|rd|th)[ \t]+(?P<head>[A-Z][a-z]{5,})(?![\w])")


@functools.cache
def _head_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    after = sorted((h for h, side in heads().items() if side == "after"), key=len, reverse=True)
    before = sorted((h for h, side in heads().items() if side == "before"), key=len, reverse=True)
    alt = lambda hs: "|".join(re.escape(h) for h in hs) + "|" + "|".join(re.escape(h.upper()) for h in hs)  # noqa: E731
    name = rf"{_NAME}(?:[ \t]+(?:(?:de la|de|del|la|las|los|y)[ \t]+)?{_NAME}){{0,2}}"
    return (
        re.compile(rf"(?<![\w.])(?P<name>{name})[ \t]+(?P<head>{alt(after)})(?![\w])"),
        re.compile(rf"(?<![\w.])(?P<head>{alt(before)})(?:[ \t]+(?:de la|de los|de las|del|de))?{_GAP}(?P<name>{name})(?![\w])"),
    )


def head_places(text: str, lexicon: frozenset[str]) -> Iterator[tuple[int, int, int]]:
    """(start, end, head start) of a capitalised name with a place head word before or after it."""
    after, before = _head_patterns()
    titles = gazetteer.titles()
    for m in after.finditer(text):
        words = m["name"].split()
        while words and (words[0].lower() in STOP_WORDS or words[0].rstrip(".") in titles or _POSSESSIVE.search(words[0])):
            words = words[1:]  # "The Street", "Mr. Hall", "Orozco's 27th Street": not the name before the head
        if not words or is_given(words[0]) or (words[0].isupper() and all(w.lower() in lexicon for w in words)):
            continue
        starts = [t.start() for t in re.finditer(r"\S+", m["name"])]
        yield m.start("name") + starts[len(starts) - len(words)], m.end(), m.start("head")
    for m in _DAMAGED_STREET.finditer(text):
        if m["head"].lower() not in lexicon and _damaged_after_head(m["head"]):
            yield m.start(), m.end(), m.start("head")  # "23rd Streef"
    for m in before.finditer(text):
        words = [w for w in m["name"].split() if w.lower() not in CONNECTORS]
        if any(w.isupper() and len(w) > 1 for w in words) or (m["head"].isupper() and len(m["head"]) > 1):
            continue  # "CENTRAL WNVELLIGEWEE", "SALT LAKE Crey": a damaged capitals line, no Spanish place form
        if any(gazetteer.country_of(w) and w not in _country_words() for w in words):
            continue  # "Central American bases": a nationality adjective, no place name
        if any(heads().get(w) == "before" for w in words):
            continue  # "Avenida Zoologico Alturas de Vedado": two places, each with its head
        if all(_name_word(w, lexicon) and w not in gazetteer.orgs() for w in words):
            yield m.start(), m.end(), m.start()


@functools.cache
def _country_words() -> frozenset[str]:
    """The words of the country forms (not adjectives): "America" of "Latin America" is a place."""
    return frozenset(w for f in gazetteer.country_forms() for w in f.split())


def _damaged_after_head(word: str) -> bool:
    """A word one letter from a head of six letters or more that stands after the name ("Streef")."""
    after = [h for h, side in heads().items() if side == "after" and len(h) >= MIN_DAMAGED]
    return any(Levenshtein.distance(word, h, score_cutoff=1) == 1 for h in after)


def _name_word(word: str, lexicon: frozenset[str]) -> bool:
    """No English word, or a name that spaCy's lemma tables also hold ("juarez", "cuba")."""
    low = word.lower()
    return low not in lexicon or low in wordlists.census_names() or placecheck.known_place(word)


def _no_name(word: str) -> bool:
    """A head word that starts no person's name: no given name, no census name ("Alturas", "Minas";
    not "Sierra", "Campo")."""
    return not is_given(word) and word.lower() not in wordlists.census_names()


def head_spans(doc: Doc, lexicon: frozenset[str], attrs: dict[Any, Any]) -> list[Span]:
    """Head-word places that replace only model spans inside them (no rule-found span, no person over the head)."""
    out = []
    ents = doc.ents  # built on each access: once, not once per head-word place
    text = perdoc.text(doc)
    for a, b, head in head_places(text, lexicon):
        s = doc.char_span(a, b, label="LOC", alignment_mode="contract")
        if s is None or not s.text.strip():
            continue
        inside = [e for e in ents if e.start < s.end and s.start < e.end]
        first = head == a and _no_name(text[head:b].split()[0])  # "Alturas del Bosque" read as a person
        if any(
            e.start < s.start
            or e.end > s.end
            or (e.start_char, e.end_char) in attrs
            or (e.label_ == "PERSON" and len(e) > 1 and e.end_char > head >= e.start_char and not first)
            for e in inside
        ):
            continue
        attrs[(s.start_char, s.end_char)] = {"rule": "place_head"}
        out.append(s)
    return out
