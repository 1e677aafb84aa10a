"""Name plausibility: is a PERSON span the statistical model found a name, and where does it end?

The model reads OCR garbage as names ("Gownsrecing", "Pitan", "SEASCH JNWAVE") and runs names into
the debris next to them ("Belmont Ceo", "Angleton Ul", "JAMES ANGLETON Tesey Tinccrowd"). Its own
score cannot tell: the words have the shape of names. What can tell is evidence, word by word:

* a **strong** word is a known given name or nickname (``given_names.txt``), a well-known surname
  (``persons.txt``), or a word the document prints elsewhere in a *name position*: right after a
  title ("Mr. Belmont"), right after a given name or an initial ("James Angleton", "W. Scott"), or
  inside a name a domain rule found (a surname-first subject, a name list, a patronymic);
* a **weak** word is an initial, a title or a name particle ("de", "von"): part of a name, no
  name alone.

A span found by the model alone (``rule`` model, title, caps_person) is kept only with a strong
word; its edge words are cut while they are *debris by shape* and the rest keeps a strong word:
short words (two or three letters, not initials: "Ul", "Ceo", "Ree"), words with non-letters
inside ("@ivision", "-Intelligence"), words without a vowel ("MDSX"), English words ("Memo",
"Received"), known bodies and places ("CIA"), and Title-case words after a surname in capitals
("ANGLETON Tesey": record typists capitalise the whole surname, so what follows is not of it). A
token without letters inside a span ("Sec 4 La", "ANGLETON Tesey Tinccrowd ~ Tele") ends the name
before it. The lexicon alone never drops a word that is a strong one: it lists surnames (Belmont,
Scott, Hunt).

A model span of one word no list knows that has an English verb ending and is unknown to
``wordfreq`` (:func:`inflected_debris`: "KIGMAPING", "WRITTED") is OCR damage, not a name by shape.

Pure functions of the words and the document's evidence; the spaCy component is
``declass_filters`` (:mod:`.filters`), which calls :func:`keep_name`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from declass.pipeline.extract import gazetteer
from declass.pipeline.extract.patterns import english
from declass.types import wordlists
from declass.types.confusion import weighted_distance

# Rules of spans the statistical model proposed (possibly re-cut by a repair): these need evidence.
MODEL_RULES = frozenset({"model", "title", "caps_person", "consistency"})
# Rules that found a name by its printed form: their words are name evidence for the document.
SHAPE_RULES = frozenset(
    {
        "name_list",
        "patronymic",
        "initials",
        "surname_first",
        "given_caps",
        "alias_target",
        "line_split",
        "family_first",
        "family_short",
    }
)
PARTICLES = frozenset("de del la las los y e van von der den da di du le dos das bin ibn al el st".split())
_EDGE = "\"'’“”‘.,;:!?|*_~-–—()[]{}<>«»"
_INITIAL = re.compile(r"^[A-Z]\.?$")
_MARKER = re.compile(r"^\(?(?:[a-z]|[0-9]{1,2}|[ivx]{1,4})[.)]$")  # "a.", "(b)", "12.", "iv)"
PROSE_SHARE = 0.4  # on the dev gold: OCR fields around garbage 0.17-0.2, prose around names 0.8-1.0
DAMAGED_MIN = 9  # letters from which a word one letter off an English word is taken for a damaged one
_BREAK = re.compile(r"[0-9~=#$%^*+<>@/\\|]")
_CONSONANTS = re.compile(r"[^aeiouy'’\-]{5}", re.I)
# Consonants a name may start with before its first vowel ("Br", "Sch", "Vl"); "Jr", "Jnw" are OCR.
_ONSETS = frozenset(
    "bl br ch cl cr dr dw fl fr gl gn gr kh kl kn kr ph pl pr ps sc sch schm schn schr schw scr sh shch"
    " sk sl sm sn sp spr st str sv sw th thr tr ts tsch tw tz vl vr wh wr zb zd zh zv mst".split()
)
_MC = re.compile(r"^(?:Mc|Mac|O'|O’|De|Di|La|Le|Van)(?=[A-Z](?:[a-z]+|[A-Z]+)$)")
_VOWEL = re.compile(r"[AEIOUYaeiouyÀ-ÿ]")


def bare(word: str) -> str:
    """A word without edge punctuation and possessive ("“ANGLETON" -> "ANGLETON", "Hunt's" -> "Hunt")."""
    w = word.strip(_EDGE)
    return re.sub(r"(?:'s|’s)$", "", w)


def _title_case(word: str) -> str:
    return word[:1] + word[1:].lower()


@functools.cache
def _nicknames() -> frozenset[str]:
    return frozenset(w for group in wordlists.given_name_groups() for w in group)


def is_given(word: str) -> bool:
    """A known given name or one of its short forms, in any case ("JAMES", "Ed")."""
    t = _title_case(bare(word))
    return t in gazetteer.given_names() or t in _nicknames()


def is_weak(word: str) -> bool:
    """An initial, a title or a name particle: part of a name, no name alone."""
    w = bare(word)
    return bool(_INITIAL.match(word.strip(",;:"))) or w.rstrip(".") in gazetteer.titles() or w.lower() in PARTICLES


def is_strong(word: str, evidence: frozenset[str]) -> bool:
    """A word that makes a span a name: a known given name, a well-known surname, or a word the
    document prints in a name position (``evidence``, lower case)."""
    w = bare(word)
    if len(w) < 2 or not w[:1].isalpha():
        return False
    return is_given(w) or _title_case(w) in gazetteer.persons() or w.lower() in evidence


@functools.cache
def _address_titles() -> frozenset[str]:
    """Forms of address and ranks ("Mr", "Senor", "Gen"): the word after one is a name. Offices
    ("Justice", "Secretary") are left out: "Justice Department" is no name."""
    return wordlists.titles(names=False, classes=("address", "rank"))


@functools.cache
def name_titles() -> frozenset[str]:
    """Forms of address, ranks and offices printed before a name ("Mr", "Gen", "Ambassador"),
    without those that are names themselves (King, Major): the word after one is the person's
    name (:mod:`.propagate`, the truecaser's titled names)."""
    return wordlists.titles(names=False, classes=("address", "rank", "office"))


def name_evidence(text: str, names: Iterable[tuple[Sequence[str], str]]) -> frozenset[str]:
    """Words (lower case) the document ``text`` prints in a name position.

    ``names`` are its PERSON spans as (words, rule). A word counts after a form of address or a
    rank ("Mr. Belmont", "Mr. (CALDWELL"), after a known given name or an initial ("James
    Angleton", "B. CALDWELL", "Ricardo Rabel"), or inside a name a shape rule found.
    """
    out: set[str] = set()
    words = text.split()
    for prev, word in zip(words, words[1:], strict=False):
        w, p = bare(word), prev.strip("(\"'“‘")
        if len(w) < 2 or not w[:1].isupper() or not w.replace("'", "").replace("’", "").isalpha():
            continue
        given = is_given(p) and p[:1].isupper() and p[1:].islower()  # not "WILL" in a cable
        if p.rstrip(".") in _address_titles() or _INITIAL.match(p) or given:
            out.add(w.lower())
    for found, rule in names:
        if rule in SHAPE_RULES:
            out.update(bare(w).lower() for w in found if len(bare(w)) > 1 and not is_weak(w))
    return frozenset(out)


def _surname_caps(word: str) -> bool:
    w = bare(word)
    return len(w) > 1 and w.isupper() and not is_given(w)


def _title_word(word: str) -> bool:
    w = bare(word)
    return len(w) > 1 and w[:1].isupper() and w[1:].islower() and not is_weak(word)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a document tells about its words: the English lexicon, the words it prints in a name
    position (:func:`name_evidence`) and the words it prints in lower case (common nouns by use)."""

    lexicon: frozenset[str]
    names: frozenset[str]
    common: frozenset[str] = frozenset()


def edge_debris(word: str, ev: Evidence) -> bool:
    """An edge word of a model PERSON span that is debris by shape, not part of the name."""
    w = bare(word)
    if is_strong(word, ev.names) or is_weak(word):
        return False
    if not w or any(not (c.isalpha() or c in "'’-") for c in w) or word.strip(",;:.")[:1] in "-@":
        return True  # "@ivision", "-Intelligence", "4"
    if not _VOWEL.search(w) or len(w) <= 3:
        return True  # "MDSX", "Ul", "Ceo", "Ree"
    if w in gazetteer.acronyms() or w in gazetteer.orgs() or _title_case(w) in gazetteer.places():
        return True  # "OSWALD CIA"
    return w.lower() in ev.common and english(w, ev.lexicon)  # "Received", "Intelligence": a common noun by use


def name_shaped(word: str) -> bool:
    """A word with the character shape of a name: four letters or more (an apostrophe or hyphen
    inside), a vowel, Title case or capitals, no run of five consonants ("TRBBRRATTOR")."""
    w = bare(word)
    if len(w) < 4 or not w.replace("'", "").replace("’", "").replace("-", "").isalpha() or not _VOWEL.search(w):
        return False
    if not (w.isupper() or (w[:1].isupper() and w[1:].replace("'", "").replace("’", "").islower()) or _MC.match(w)):
        return False
    prefix = _MC.match(w)
    head = re.match(r"[^aeiouy]*", w[prefix.end() if prefix else 0 :].lower())
    return not _CONSONANTS.search(w) and (head is None or len(head.group()) < 2 or head.group() in _ONSETS)


def _damaged_english(word: str, ev: Evidence) -> bool:
    """A common word by use ("Began") or, nine letters or more, one OCR letter from an English word
    ("Informatton")."""
    w = bare(word).lower()
    if w in ev.common and english(w, ev.lexicon):
        return True
    if len(w) < DAMAGED_MIN or w in ev.lexicon:
        return False  # shorter surnames are one letter from an English word too: Bowles, Karlow, Rivero
    return any(w[:k] + c + w[k + 1 :] in ev.lexicon for k in range(len(w)) for c in "abcdefghijklmnopqrstuvwxyz" if c != w[k])


_INFLECTED = re.compile(r"^[a-z]{4,}(?:ing|ed)$")


def inflected_debris(word: str) -> bool:
    """A word of six letters or more with an English verb ending (-ing, -ed) that ``wordfreq`` does not list
    at all and no name list knows: OCR damage of an inflected word ("KIGMAPING" kidnapping,
    "Gownsrecing" downgrading, "WRITTED" written), not a surname (Colling, Marling and Harding are
    in ``wordfreq``; a surname as rare as WILSTED is judged by this only when printed alone)."""
    w = bare(word).lower()
    if not _INFLECTED.match(w) or known_name(word) or w in wordlists.census_names():
        return False
    from wordfreq import zipf_frequency  # deferred: the list loads once, for the rare words that get here

    return zipf_frequency(w, "en") == 0.0


def known_name(word: str) -> bool:
    """A known given name, well-known surname or place ("Caracas"): a word of prose, not debris."""
    t = _title_case(word)
    return is_given(word) or t in gazetteer.persons() or t in gazetteer.places() or bool(gazetteer.country_of(t))


def clean_context(words: Sequence[str], lexicon: frozenset[str]) -> bool:
    """At least :data:`PROSE_SHARE` of the words around a span (numbers and marks aside) are English, known names
    or places: running prose or a typed form, not an OCR field of debris ("ont at chew Sol vp ys")."""
    scored = [bare(w) for w in words if sum(c.isalpha() for c in w) >= 3]  # "at", "vp": too short to tell
    if not scored:
        return False
    good = sum(w.isalpha() and (english(w.lower(), lexicon) or known_name(w)) for w in scored)
    return good >= PROSE_SHARE * len(scored)


def _surname_at(words: Sequence[str]) -> int:
    """The index of the first word after the leading given names and initials (the surname's place
    in "Walter Bedell Smith", "Win Scott"), or -1 when the span does not start with one."""
    k = 0
    while k < len(words) and (is_given(words[k]) or _INITIAL.match(words[k].strip(",;:"))):
        k += 1
    return k if 0 < k < len(words) else -1


def keep_name(
    words: Sequence[str], ev: Evidence, *, clean: bool = True, quoted: bool = False, titled: bool = False
) -> tuple[int, int] | None:
    """The word range ``[i, j)`` of a model PERSON span to keep, or None when it names no one.

    ``clean``: the span sits in running prose (:func:`clean_context`); ``quoted``: it is printed
    between quotation marks (a title or a body: "Viviendas Campesinas"); ``titled``: printed after
    a form of address or a rank, so one given-name word is a surname ("Mr. HERBERT")."""
    n = len(words)
    # a paragraph's list marker before the name is none of it ("a. Esubio AZCUE")
    if n > 1 and _MARKER.match(words[0]):
        rest = keep_name(words[1:], ev, clean=clean, quoted=quoted)
        return None if rest is None else (rest[0] + 1, rest[1] + 1)
    # a number or a symbol inside ends the name before it ("Sec 4 La", "ANGLETON Tesey ~ Tele")
    for k in range(1, n - 1):
        if not any(c.isalpha() for c in words[k]) and _BREAK.search(words[k]):
            head = keep_name(words[:k], ev, clean=clean)
            if head is not None:
                return head
            tail = keep_name(words[k + 1 :], ev, clean=clean)
            return None if tail is None else (tail[0] + k + 1, tail[1] + k + 1)
    strong = [is_strong(w, ev.names) for w in words]
    if not any(strong):
        # no word is known: a name by its shape alone, in running prose or after a title ("MR.
        # KAPPEL" in a damaged cable), and not a quoted title
        shaped = [name_shaped(w) and not _damaged_english(w, ev) and not (n == 1 and inflected_debris(w)) for w in words]
        if (clean or titled) and not quoted and any(shaped) and all(s or is_weak(w) for w, s in zip(words, shaped, strict=True)):
            return 0, n
        return None
    i, j = 0, n
    while i < j - 1 and not strong[i] and edge_debris(words[i], ev):
        i += 1
    # Two or more Title-case words after a surname in capitals are not of it ("ANGLETON Tesey
    # Tinccrowd"); one may be a second surname ("Manuel F. ARTIME Buesa", "Fidel CASTRO Ruz").
    caps = [k for k in range(i, j - 2) if strong[k] and _surname_caps(words[k])]
    if caps and all(_title_word(w) and not st for w, st in zip(words[caps[-1] + 1 : j], strong[caps[-1] + 1 : j], strict=True)):
        j = caps[-1] + 1
    surname = i + _surname_at(words[i:j]) if _surname_at(words[i:j]) >= 0 else -1
    while j - 1 > max(i, surname) and not strong[j - 1] and edge_debris(words[j - 1], ev):
        j -= 1
    if not titled and all(is_weak(w) for w in words[i:j] if not is_given(w)) and sum(not is_weak(w) for w in words[i:j]) == 1:
        return None  # one given name and initials ("JOHN F." of the release banner): no one in particular
    # (two given names are a name: the last may be the surname, "Carl Raymond")
    return i, j


REPAIR_MAX = 1.25  # OCR-weighted edits from a known given name ("Fidsi" -> "Fidel": 1.2)
REPAIR_GAP = 1.0  # ...and this much closer than the next known given name


@functools.cache
def _given_lower() -> tuple[str, ...]:
    return tuple(sorted({g.lower() for g in gazetteer.given_names()}))


def repaired_given(words: Sequence[str], ev: Evidence) -> str | None:
    """The known given name an OCR-damaged first word stands for, when the repair is confident:
    five letters or more, not a known name, English word or name-position word of the document,
    followed by a strong word (the surname), within :data:`REPAIR_MAX` weighted edits of exactly
    one known given name ("Fidsi CASTRO" -> "Fidel"; "Carla" is as near Carl as Carlos: none)."""
    if len(words) < 2 or not is_strong(words[1], ev.names):
        return None
    w = bare(words[0])
    if len(w) < 5 or not w.isalpha() or is_strong(w, ev.names) or is_weak(w) or w.lower() in ev.lexicon:
        return None
    low = w.lower()
    near = sorted((weighted_distance(low, g), g) for g in _given_lower() if g[0] == low[0] and abs(len(g) - len(low)) <= 1)
    if not near or near[0][0] > REPAIR_MAX or (len(near) > 1 and near[1][0] - near[0][0] < REPAIR_GAP):
        return None
    g = near[0][1]
    return g.upper() if w.isupper() else g.title()
