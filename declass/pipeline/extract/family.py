"""Names that print the family name first and are shortened to their last syllable (Vietnamese).

Read from the jfk-corpus and the second batch of dev gold (records on Vietnam, 1963): cables
print "NGO DINH NHU", "PHAM: Naoc THAO", "NGUYEN HUU | 'DUONG", "TRAN KIM TOYEN" and then refer
to the person by the last syllable alone ("NHU HAS STRIPPED HIM", "TUYEN", "THAO"). The model
reads neither: it types the short form an ORG ("NHU", "TUYEN": junk in the corpus top-100 ORG
list) or nothing, and misses the full names in capitals. The shape is the one of the naming
system, not of any record:

* a family name of ``data/family_names.txt`` (Title case or capitals) and one or two syllables
  after it on the same line or across one line end (each capitalised, five letters or fewer or no
  English word, no stop word), OCR punctuation between them allowed ("PHAM: Naoc THAO"); a family
  name of two letters (Le, Ho) needs two syllables, the first a common middle name ("LE VAN KIM",
  "Ho Chi Minh"; not "Le Monde" or the OCR debris "Le Se Metta");
* the last syllable of such a name, printed alone in the same document, is that person (rule
  ``family_short``): the way the records refer to them.

Functions of the text (and, for the short forms, of the entities of a parsed Doc); the spaCy
component that applies them is ``declass_names``.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc

from declass.pipeline.extract.patterns import english
from declass.types.wordlists import lines

_SEP = r"[ \t:.,|'’‘”“]*[ \t\n][ \t:.,|'’‘”“]*"  # a space or one line end, OCR specks around it
_SYLLABLE = r"[A-Z][A-Za-z]{1,5}(?![\w])"
_STOP = frozenset("the and of to in on at by for was has had who is are said from with as but not".split())


@functools.cache
def family_names() -> frozenset[str]:
    """The family names of ``data/family_names.txt`` (Title case)."""
    return frozenset(row for row in lines("family_names.txt") if "\t" not in row)


@functools.cache
def middle_names() -> frozenset[str]:
    """The common middle names of ``data/family_names.txt`` (lower case), which a family name of
    two letters needs after it."""
    return frozenset(row.split("\t")[0].lower() for row in lines("family_names.txt") if row.endswith("\tmiddle"))


@functools.cache
def _pattern() -> re.Pattern[str]:
    alternation = "|".join(sorted(family_names(), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_]|-)(?P<f>(?i:{alternation}))(?![\w-])(?P<rest>(?:{_SEP}{_SYLLABLE}){{1,2}})")


def _syllables(rest: str) -> list[re.Match[str]]:
    return list(re.finditer(_SYLLABLE, rest))


def _syllable_ok(word: str, lexicon: frozenset[str]) -> bool:
    return word.lower() not in _STOP and (len(word) <= 3 or not english(word, lexicon))


def family_first(text: str, lexicon: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, short form) of every family-first name in ``text``: the span from the family
    name to its last syllable, and that syllable (the form the record uses alone)."""
    out: list[tuple[int, int, str]] = []
    for m in _pattern().finditer(text):
        family = m["f"]
        if not family[:1].isupper() or not (family.isupper() or family[1:].islower()):
            continue
        syllables = []
        for s in _syllables(m["rest"]):
            if not _syllable_ok(s.group(), lexicon):
                break
            syllables.append(s)
        if not syllables:
            continue
        if len(family) <= 2 and (len(syllables) < 2 or syllables[0].group().lower() not in middle_names()):
            continue  # "Le Monde", "Le Se Metta": a two-letter family name needs a middle name after it
        last = syllables[-1]
        out.append((m.start(), m.start("rest") + last.end(), last.group()))
    return out


def printed_name(printed: str) -> str:
    """The name without the OCR punctuation between its syllables ("DIEU, HUE", "PHAM: Naoc THAO"
    -> "DIEU HUE", "PHAM Naoc THAO"): a comma there is a speck, not "SURNAME, Given"."""
    return " ".join(re.findall(r"[A-Za-z]+", printed))


def names_and_shorts(text: str, lexicon: frozenset[str]) -> tuple[list[tuple[int, int]], set[str]]:
    """The (start, end) of the family-first names of ``text`` and their short forms (case-folded),
    less the middle syllables of any of them ("NGO DINH" cut short elsewhere: DINH is no short form)."""
    found = family_first(text, lexicon)
    middles = {w.casefold() for a, b, _ in found for w in text[a:b].split()[1:-1]}
    return [(a, b) for a, b, _ in found], {s.casefold() for _, _, s in found} - middles


def short_ranges(doc: Doc, shorts: set[str]) -> list[tuple[int, int]]:
    """Where a short form (``shorts``, case-folded) is printed alone, capitalised, and no entity or
    only a one-word entity of another type holds it ("NHU" typed ORG): the person's mentions."""
    if not shorts:
        return []
    holder = {i: e for e in doc.ents for i in range(e.start, e.end)}
    out = []
    for tok in doc:
        e = holder.get(tok.i)
        if tok.text.casefold() in shorts and tok.text[:1].isupper() and (e is None or (len(e) == 1 and e.label_ != "PERSON")):
            out.append((tok.idx, tok.idx + len(tok.text)))
    return out
