"""Names found by their shape in running text, for the domain components (``components.py``).

* :func:`body_names` - a body's name: one to three capitalised words and a head noun of
  ``data/org_heads.txt`` ("Audio Operations Branch", "First Chief Directorate", "Israeli
  Intelligence Service"), which the statistical model often misses or cuts;
* :data:`ACRONYM_DEF`, :data:`ACRONYM_FIRST`, :data:`TRANSLATION` and :func:`canonical_acronym` -
  acronym definitions ("Natsionalno-Trudovoi Soyuz (NTS - National Labor Union)") and the
  acronym an OCR variant stands for;
* :func:`given_caps` - a known given name and a surname in capitals, the CIA convention ("Hester
  ROOS"), in a mixed-case line;
* :func:`middle_name` - the second given name of a surname-first name ("OSWALD, Lee Harvey").

Pure functions of the text and the data files; character offsets are clean-text offsets.
"""

from __future__ import annotations

import re

from declass.pipeline.extract import gazetteer, patterns
from declass.types import wordlists
from declass.types.confusion import upper_classes

# A known given name and a surname in capitals, the CIA convention ("Hester ROOS", "Helen POINDEXTER").
# Also both in capitals ("ARTHUR SCHLESINGER" in a mixed-case memo line: the truecaser leaves such a
# line alone, so a given name in capitals there is printed so; 124-10326-10149, dev batch 2).
# Then no other word in capitals may stand before or after: "JORGE RAUL ROBLEJO LORIE" is no "RAUL
# ROBLEJO", "LEE HARVEY OSWALD" no "HARVEY OSWALD".
GIVEN_CAPS = re.compile(
    r"\b(?:(?P<g>[A-Z][a-z]+)|(?<![A-Z]\s)(?<![A-Z][.,]\s)(?P<G>[A-Z]{3,}))"
    r"[ \t]+(?P<s>[A-Z]{3,}(?:-[A-Z]{2,})?)\b(?![-/])(?(G)(?![\s'‘’\"“]*[A-Z]{2,}))"
)


def given_caps(given: str, surname: str, lexicon: frozenset[str]) -> bool:
    """A given name of ``given_names.txt`` and a word in capitals that is not English, a known body,
    place or acronym: a name the model may miss in a mixed-case line."""
    shouted = given.isupper()
    given = given.capitalize() if shouted else given
    if given not in gazetteer.given_names() or shouted and surname.capitalize() in gazetteer.given_names():
        return False  # "ANTONIO HECTOR", "MARIA DEL": given names, a particle, not yet the surname
    if patterns.english(surname, lexicon) and not (shouted and _rare_surname(surname)):
        return False  # the lexicon lists famous surnames too ("schlesinger"): a rare census surname stays
    title = surname[:1] + surname[1:].lower()
    known = surname in gazetteer.orgs() or surname in gazetteer.acronyms() or title in gazetteer.places()
    return not known and any(c in "AEIOUY" for c in surname)


RARE_ZIPF = 4.0  # wordfreq Zipf below which a census surname is a name, not an everyday word (day, brown, beach)


def _rare_surname(word: str) -> bool:
    from wordfreq import zipf_frequency  # deferred: loaded once, for the few pairs in capitals that get here

    low = word.lower()
    return low in wordlists.census_names() and zipf_frequency(low, "en") < RARE_ZIPF


def middle_name(word: str, lexicon: frozenset[str]) -> bool:
    """A second word after "SURNAME, Given" that is part of the name: a known given name, or a US
    census name that is no English word ("OSWALD, Lee Harvey"; "PEREZ, Jose Miranda")."""
    if word in gazetteer.given_names():
        return True
    return word.lower() in wordlists.census_names() and not patterns.english(word, lexicon)


def body_names(text: str, lexicon: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of one to three capitalised words and the head noun of a body after them
    ("Audio Operations Branch", "First Chief Directorate", "Israeli Intelligence Service";
    ``data/org_heads.txt``). The words before the head are English words, places or nationality
    adjectives, not stop words: "Gay Alpern Special Referral Branch" -> "Special Referral Branch"."""
    out = []
    for m in _BODY.finditer(text):
        words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"\S+", m.group())]
        for i, (_, end, word) in enumerate(words):
            after = text[m.start() + end : m.start() + end + 1]
            if not body_head(word, lexicon, after):
                continue
            k = i
            while k > 0 and i - k < 3 and _modifier(words[k - 1][2], lexicon):
                k -= 1
            if k < i:
                out.append((m.start() + words[k][0], m.start() + end))
    return out


def body_head(word: str, lexicon: frozenset[str], after: str = "") -> bool:
    """A head noun of ``org_heads.txt`` as printed, or with typewriter-scan damage: one capital
    confused ("Eranch" for Branch) or one stray lower-case letter glued on before a hyphen
    (``after``: "Branchy-recommends"; "Officer" before a space is a word, not a damaged "Office")."""
    heads = gazetteer.body_heads()
    if word in heads:
        return True
    if len(word) < 5:
        return False
    if word[-1] not in "se" and word[:-1] in heads and after == "-":
        return True  # "Branchy" is English too (branchy): the glued hyphen shows the damage
    if patterns.english(word, lexicon):
        return False
    classes = upper_classes()
    return any(word[1:] == h[1:] and (word[0] in classes.get(h[0], "") or h[0] in classes.get(word[0], "")) for h in heads)


def _modifier(word: str, lexicon: frozenset[str]) -> bool:
    if word.lower() in _STOP or word in gazetteer.given_names():
        return False
    return patterns.english(word, lexicon) or word in gazetteer.places() or gazetteer.country_of(word) is not None


PARTS = frozenset({"ORDINAL", "CARDINAL", "NORP"})
_BODY = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+\b")
_STOP = frozenset({"the", "this", "that", "these", "a", "an", "our", "his", "her", "their", "its", "each", "every", "any", "no"})


# --- acronyms -----------------------------------------------------------------------------------

_CONNECT = r"(?:of|for|to|the|and|de|del|la|i|y)"
_CAPWORD = r"[A-Z][\w'’.]*(?:-[\w'’]+)*"
ACRONYM_DEF = re.compile(
    rf"(?P<name>(?:{_CAPWORD}\s+(?:{_CONNECT}\s+)*){{0,7}}{_CAPWORD})\s*"
    r"\((?P<acr>[A-Z][A-Z0-9&]{1,7})(?:\s*[-–—,:]\s*(?P<tr>[^()\n]{3,100}?))?\)"
)
ACRONYM_FIRST = re.compile(r"\b(?P<acr>[A-Z]{2,7})\s*\((?P<exp>[A-Z][\w'’-]*(?:\s+[\w'’-]+){1,8})\)")
_TITLEWORD = r"[A-Z][a-z][\w'’]*(?:-[\w'’]+)*"
TRANSLATION = re.compile(
    rf"(?P<name>{_TITLEWORD}(?:\s+{_TITLEWORD}){{1,5}})\s*\((?P<tr>{_CAPWORD}(?:\s+(?:{_CONNECT}\s+)*{_CAPWORD}){{0,6}})\)"
)


def name_initials(words: list[str]) -> str:
    """The initials of a name's words and hyphenated parts, connectors left out."""
    return "".join(p[0].upper() for w in words for p in w.split("-") if p and not re.fullmatch(_CONNECT, w))


def trim_name(name: str, acr: str) -> tuple[int, str]:
    """Keep the trailing words of a capitalised run that spell the acronym (offset, text)."""
    words = name.split()
    count, keep = 0, 0
    for w in reversed(words):
        keep += 1
        if not re.fullmatch(_CONNECT, w):
            count += len(w.split("-"))
        if count >= len(acr):
            break
    trimmed = " ".join(words[-keep:])
    return name.rfind(trimmed), trimmed


def canonical_acronym(acr: str, present: set[str], name: str = "") -> str:
    """The acronym as meant: a known or document acronym it is an OCR variant of, else itself."""
    if acr in gazetteer.acronyms():
        return acr
    for cand in sorted(present | gazetteer.acronyms()):
        if patterns.confusable(acr, cand) and (cand in present or cand == name_initials(name.split())):
            return cand
    initials = name_initials(name.split()) if name else ""
    if initials and patterns.confusable(acr, initials):
        return initials
    return acr
