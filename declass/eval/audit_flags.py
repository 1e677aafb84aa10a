"""The checks behind ``declass audit``: is an entity name a non-entity, or a damaged name?

The shape checks and form words of this module are independent of extraction, so the audit sees
junk that extraction lets through (it is the measuring instrument of extraction's filters); after
them the extraction's own classes of non-entities (``declass/data/non_entities.tsv``, through
:mod:`declass.pipeline.extract.nonentities`) are checked, so the audit also flags what extraction
is meant to drop.
Each check returns a short reason (shown to the user) or None.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from declass.pipeline.extract import gazetteer, nonentities
from declass.resolve.damage import damaged_given_word, title_fragment
from declass.types import wordlists
from declass.types.confusion import weighted_distance
from declass.types.names import PARTICLES
from declass.types.wordlists import lines

# Heading, field, routing and marking words that are never the name of an entity by themselves.
FORM_WORDS = frozenset(
    """subject subjects source sources headquarters hqs top secret secret confidential restricted unclassified
    noforn rybat typic priority routine cite info dir ref reference memorandum memo comment field comment
    chief of station chief of base chief deputy chief director agency government council committee bureau
    station office division branch section staff unevaluated date distr date page pages report no
    classification dissem controls control attachment enclosure addressee appraisal precedence identification form
    record number agency information document information originator title subjects comments
    current status restrictions opening criteria releasable sanitized action iden identity groups believes believed
    operations relations board request advise unknown counsel cuban soviet american russian mexican polish
    prio sta ext lhm iden hqs consejo frente junta movimiento directorio partido""".split()
) | frozenset(
    {
        "chief of station",
        "chief of base",
        "top secret",
        "date distr",
        "field comment",
        "headquarters comment",
        "end of message",
        "no foreign dissem",
        "record number",
        "document type",
        "current status",
        "jfk assassination system",
        "identification form",
        "unevaluated information",
    }
)
# Words that are never part of a person's name: a PERSON named "Lf Subject", "Prague Station",
# "Field Dissem" or "G. Continue" is a heading, an office or debris.
NOT_IN_PERSON = frozenset(
    """subject subjects source headquarters hqs station embassy consulate dissem distr controls liaison meeting
    secret confidential classified unclassified memorandum memo comment office division branch section staff
    agency government gov't relations report page date field continue attitude message cable dispatch form file
    record number info ministry department bureau committee council party union this that these the of
    information intelligence service security frente movimiento directorio consejo partido junta ejercito
    revolucionario estudiantil""".split()
)
# Long titles and one-word posts printed before names (titles.tsv, roles.tsv); a one-letter OCR
# slip in one ("Anbassador Thompson") is damage, which short words would flag by chance.
TITLE_WORDS = frozenset(w for w in wordlists.titles(lower=True, names=False) | set(wordlists.role_words("post")) if len(w) >= 7)
_DEBRIS_CHARS = re.compile(r"[\x00-\x1f\u00ad\ufffe»«&=@#$%^*_~|<>{}\[\]\\;!?©®°§¢¥€£+]")
_DIGIT = re.compile(r"\d")
_AGENT = re.compile(r"^[A-Z]{2}[A-Z]{2,}[-/ ]?\d{1,3}$")
_TITLED_CRYPTONYM = re.compile(r"^[A-Z][a-z]{4,}[-/]\d{1,3}$")  # "Amfauna-14": a cryptonym in title case
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
# A letter next to its own accented form ("Meéxica", "Gedées"): the scan read one letter twice.
_ACCENT_GHOST = re.compile(r"(?i)eé|ée|aá|áa|oó|óo|ií|íi|uú|úu")
_MARKING = re.compile(r"^(?:C-?O-?N-?F|S-?E-?C-?R-?E-?T|[A-Z]-[A-Z]-[A-Z])", re.I)


def fold(text: str) -> str:
    """Case-folded, spaces collapsed, edge punctuation and a leading "the" removed."""
    t = " ".join(text.split()).strip("\"'’“”.,;:!?|*_~-–—()[]{}<>«» ")
    return re.sub(r"^the\s+", "", t, flags=re.I).casefold()


def data_class(name: str, etype: str) -> str | None:
    """The extraction's own non-entity class of a name (``declass/data/non_entities.tsv``, read by
    :mod:`declass.pipeline.extract.nonentities`), so the audit flags what extraction means to drop."""
    return nonentities.non_entity_class(name, etype)


@functools.cache
def known_places() -> frozenset[str]:
    """Folded names of the places gazetteer (``declass/data/places.txt``)."""
    return frozenset(fold(p) for p in gazetteer.places())


@functools.cache
def known_orgs() -> frozenset[str]:
    """Folded surface forms of the known bodies (``declass/data/orgs.tsv``, first column)."""
    return frozenset(fold(o) for o in gazetteer.orgs())


@functools.cache
def common_words() -> frozenset[str]:
    """Common English words that are no name (``declass/data/common_words.txt``)."""
    return frozenset(w.casefold() for line in lines("common_words.txt") for w in line.split())


@functools.cache
def _given() -> frozenset[str]:
    return frozenset(g.casefold() for g in gazetteer.given_names())


@functools.cache
def _titles() -> frozenset[str]:
    return frozenset(t.casefold() for t in gazetteer.titles()) | TITLE_WORDS


def titles() -> frozenset[str]:
    """Folded titles and long posts printed before names ("senor", "ambassador")."""
    return _titles()


def is_known_given(word: str) -> bool:
    """Whether a word is a known given name (``declass/data/given_names.txt``)."""
    return word.casefold() in _given()


def _near(word: str, known: Iterable[str]) -> str | None:
    """A known word of six letters or more that ``word`` differs from by one substitution
    ("Subjcct"); or, for a word of three to five letters in capitals or not, a known word it is a
    typewriter-scan confusion of (HOS for HQS) or missing its first letter of (NFO for INFO)."""
    if len(word) < 3:
        return None
    for k in known:
        if len(word) >= 6:
            if len(k) == len(word) and sum(a != b for a, b in zip(k, word, strict=True)) == 1:
                return k
        elif " " not in k and 3 <= len(k) <= 5:
            if k[1:] == word and len(k) >= 4:
                return k
            if len(k) == len(word) and k != word and weighted_distance(k, word) < 0.5:
                return k
    return None


def non_entity(name: str, etype: str) -> str | None:
    """Why a name is suspected not to be an entity at all (form word, marking, debris), or None."""
    f = fold(name)
    if not f:
        return "empty name"
    if f in FORM_WORDS:
        return "form word"
    # A known place, or a place name in the plural (the Americas, the Carolinas), is no OCR form of
    # a form word ("Americas" is not "american").
    near = _near(f, FORM_WORDS) if f not in known_places() and not (etype == "LOC" and f.endswith("s")) else None
    if near:
        return f"OCR form of {near!r}"
    if not re.search(r"[^\W\d_]", name):
        return "debris: no letters"
    # Dotted initials are one word ("U.S.", "D.C."), not fragments.
    tokens = re.findall(r"[^\W\d_]+", _DOTTED.sub(lambda m: m.group(0).replace(".", ""), name))
    if len(tokens) >= 2 and sum(len(t) <= 2 for t in tokens) / len(tokens) >= 0.6:
        return "debris: one- and two-letter fragments"
    letters = "".join(tokens)
    abbreviation = etype == "LOC" and re.fullmatch(r"[A-Z][a-z]{1,3}\.", name.strip())  # "Fla.", "Va."
    if len(letters) <= 3 and not letters.isupper() and not (etype == "PERSON" and f in _given()) and not abbreviation:
        return "debris: a fragment of three letters or fewer, not in capitals"
    if len(tokens) == 1 and f in common_words():
        return "a common English word"
    if len(letters) >= 2 and len(set(letters.casefold())) == 1:
        return "debris: one letter repeated"
    if _MARKING.match(name) and etype != "LOC":
        return "classification marking"
    if etype == "PERSON":
        person_words = [w.casefold() for w in re.findall(r"[^\W\d_][^\W\d_']*", name)]
        stop = next((w for w in person_words if w in NOT_IN_PERSON), None)
        if stop:
            return f"not a person: {stop!r} is no part of a name"
        if all(len(w) <= 3 for w in person_words) and any(len(w) <= 2 for w in person_words):
            return "debris: short fragments only"
        if len(person_words) == 1 and not re.search(r"[aeiouy]", person_words[0]) and "-" not in name:
            return "an acronym, not a name: no vowel"
        typed = _typing_error(name)
        if typed:
            return typed
    cls = data_class(name, etype)
    if cls:
        return f"{cls} (non_entities.tsv)"
    return None


def damaged(name: str, etype: str) -> str | None:
    """Why a name looks damaged (stray tokens, digits, bad case, debris characters), or None."""
    stripped = name.strip()
    if stripped != " ".join(stripped.split()):
        return "line break or repeated spaces inside"
    if _TITLED_CRYPTONYM.match(stripped):
        return "cryptonym not in capitals"
    if _DEBRIS_CHARS.search(stripped) and not (etype == "ORG" and re.fullmatch(r"[\w/&.\- ]+", stripped)):
        return "debris character"
    # A cryptonym with its agent number ("AMLASH-1") is a well-formed name of an agent (a PERSON)
    # or of a body; other digits in a name are debris.
    if _DIGIT.search(stripped) and not (_AGENT.match(stripped) or (etype == "ORG" and re.search(r"\b\d+$", stripped))):
        return "digits in name"
    if stripped.count("(") != stripped.count(")"):
        return "an unclosed parenthesis"
    ghost = _ACCENT_GHOST.search(stripped)
    if ghost:
        return f"OCR ghost of an accent {ghost.group(0)!r}"
    if etype != "LOC" and " " not in stripped:
        near = _ocr_country(stripped.casefold())
        if near:
            return f"OCR form of {near!r}"
    if etype != "PERSON":
        return None
    tokens = stripped.split()
    common = _common_word(tokens)
    if common:
        return f"a common English word {common!r} in a person name"
    if len(tokens) > 5:
        return "too many words for a name"
    slip = _near(tokens[0].strip(".,").casefold(), TITLE_WORDS) if len(tokens) > 1 else None
    if slip and tokens[0].strip(".,").casefold() != slip:
        return f"OCR-damaged title {tokens[0]!r} ({slip})"
    given = _damaged_given_name(tokens)
    if given:
        return given
    for i, tok in enumerate(tokens):
        core = tok.strip(".,'’")
        if not core:
            return "stray punctuation token"
        if tok.endswith("-") or tok.startswith("-"):
            return f"word cut at a hyphen {tok!r}"
        if core[0].islower() and core.casefold() not in PARTICLES:
            return f"lower-case word {tok!r}"
        if re.fullmatch(r"[^\W\d_]\.", tok) and tok[0].islower():
            return f"lower-case initial {tok!r}"
        if i and len(core) == 1 and not tok.endswith(".") and core.isalpha() and i == len(tokens) - 1:
            return f"stray letter {tok!r} at the end"
        if i and len(core) == 2 and core.isalpha() and not tok.endswith(".") and core.casefold() not in PARTICLES:
            return f"two-letter fragment {tok!r}"
    if len(tokens) > 1 and any(t.isupper() and len(t) > 2 for t in tokens) and any(t.islower() for t in tokens):
        return "mixed capitals and lower case"
    return None


def _common_word(tokens: list[str]) -> str | None:
    """A word of a person name (after leading titles) that is a common English word and no given
    name: a word of the line before the name joined to it ("Taught Nikonov", "As Reuteman")."""
    words = [t.strip(".,'’") for t in tokens]
    while len(words) > 1 and words[0].casefold() in _titles():
        words = words[1:]
    if len(words) < 2:
        return None
    for w in words:
        low = w.casefold()
        if len(low) > 1 and low in common_words() and low not in _given() and low not in PARTICLES:
            return w
    return None


@functools.cache
def _country_words() -> frozenset[str]:
    # Keys of the country table: names, short forms and adjectives ("cuba", "cuban").
    return frozenset(k for k in gazetteer.countries() if " " not in k and k.isalpha() and len(k) >= 4)


def _ocr_country(word: str) -> str | None:
    """A country name or adjective that a one-word name is a typewriter-scan confusion of
    ("Cuben" for Cuban), not the country form itself."""
    if len(word) < 4 or word in _country_words():
        return None
    for k in _country_words():
        if len(k) == len(word) and weighted_distance(k, word) <= 0.5:
            return k
    return None


def _damaged_given_name(tokens: list[str]) -> str | None:
    """The first word of a person name (after titles) when it is no given name but an OCR form of
    one ("Fidsi Castro" for Fidel) or a rank cut short ("Genera Carter"), with the word it stands
    for (:mod:`declass.resolve.damage`)."""
    words = [t.strip(".,'’") for t in tokens]
    while len(words) > 1 and words[0].casefold() in _titles():
        words = words[1:]
    if len(words) < 2 or not words[0].isalpha() or len(words[0]) < 4:
        return None
    first = words[0].casefold()
    if first in _given() or first in common_words():
        return None
    near = damaged_given_word(first)
    if near:
        return f"OCR-damaged given name {words[0]!r} ({near.capitalize()})"
    cut = title_fragment(first)
    return f"a rank cut short taken for a given name: {words[0]!r} ({cut.capitalize()})" if cut else None


@functools.cache
def _single_places() -> frozenset[str]:
    return frozenset(p for p in known_places() if " " not in p and len(p) >= 5)


def _typing_error(name: str) -> str | None:
    """A word of a PERSON name that is a place cut at the line end ("Yomiuri Toky": the newspaper
    of Tokyo): the model typed a name of a body or a place as a person. (An acronym word is no
    such evidence: "Raul Roa" is a person and ROA a body.)"""
    for word in re.findall(r"[^\W\d_]+", name):
        low = word.casefold()
        if low in _given():
            continue
        if len(word) >= 4 and low not in known_places():
            cut = next((p for p in _single_places() if len(p) == len(low) + 1 and p.startswith(low)), None)
            if cut:
                return f"not a person: {word!r} is a place cut short ({cut.capitalize()})"
    return None
