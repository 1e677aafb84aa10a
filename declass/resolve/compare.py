"""Small pure feature functions comparing two names. Each one-line docstring is the explanation
shown to users by ``declass entity ID --why``; :func:`explain` looks it up by feature name.

Values are in [0, 1]; 1 means the feature fully holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from rapidfuzz import fuzz

from declass.resolve.countries import country_form, other_countries
from declass.resolve.crypt import Cryptonym
from declass.types.confusion import similarity, weighted_distance
from declass.types.names import PersonName, given_group
from declass.types.wordlists import given_names

_FEMININE = re.compile(r"(ova|eva|ina|aia|skaia|ska)$")
# Russian patronymics after transliteration folding (names.fold: "Nikolayevna" -> nikolaevna).
_FEMININE_PATRONYMIC = re.compile(r"(?:ovna|evna|ichna|inichna)$")
_MASCULINE_PATRONYMIC = re.compile(r"(?:ovich|evich|ich)$")
# The most weighted OCR-confusion distance between a damaged given name and the known one (Fidsi / Fidel: 1.2).
MAX_GIVEN_DAMAGE = 1.5


def surname_similarity(a: PersonName, b: PersonName) -> float:
    """Surnames agree after transliteration folding, allowing likely OCR confusions."""
    if not a.surname or not b.surname:
        return 0.0
    folded = similarity(a.surname, b.surname, floor=0.8)
    if folded >= 1.0:
        return folded
    # Folding makes doubled letters single, which turns one letter misread into a letter lost from
    # a shorter word ("Dulles" / "Dullss": dules / duls, 0.8); as printed, one substitution (0.83).
    x, y = _printed_surname(a), _printed_surname(b)
    if len(x) == len(y) >= 4 and x != y:
        return max(folded, similarity(x, y, floor=0.8))
    return folded


def _printed_surname(p: PersonName) -> str:
    """The surname as printed (the display form's last word, case-folded), or "" when not a plain word."""
    words = p.display.split()
    last = words[-1].strip(".,'’").casefold() if words else ""
    return last if last.isalpha() else ""


def given_agreement(a: PersonName, b: PersonName) -> float:
    """Given names agree: same, nickname (Ed/Edward), initial, truncation, E. Howard / Howard, or OCR damage (Fidsi/Fidel)."""
    x, y = a.given, b.given
    if not x or not y:
        return 0.5  # one side gives no first name (or only debris): neither support nor conflict
    if x == y or given_group(x) == given_group(y):
        return 1.0
    if (len(x) == 1 or len(y) == 1) and x[0] == y[0]:
        return 0.9
    # "E. Howard Hunt" / "Howard Hunt": a first initial before the given name a person goes by.
    for (p, u), v in (((a, x), y), ((b, y), x)):
        if len(u) == 1 and p.middle and len(p.middle[0]) > 1 and given_group(p.middle[0]) == given_group(v):
            return 0.9
    if min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)):
        return 0.85  # "Mikha L" for "Mikhail": a word broken by OCR
    if damaged_given(x, y):
        return 0.9  # "Fidsi Castro" for "Fidel Castro"
    if _known_given(x) and _known_given(y):
        return 0.0  # two known given names of different groups: Maria / Mario, Carlos / Carla
    s = similarity(x, y, floor=0.8)
    return s if s >= 0.85 else 0.0  # "Hikolai" for "Nikolai"


def _known_given(word: str) -> bool:
    return word.capitalize() in given_names()


def is_known_given_word(word: str) -> bool:
    """Whether a (lower-case) word is a known given name (``declass/data/given_names.txt``)."""
    return _known_given(word)


def damaged_given(x: str, y: str) -> bool:
    """One given name is a known one and the other, no given name at all, is an OCR-confusion form
    of it ("Fidsi" for Fidel: same first letter and length, typewriter-scan confusions); two known
    given names (Carlos / Carlo, Juan / Joan) are two names and are never damage of each other."""
    if len(x) != len(y) or len(x) < 4 or x[0] != y[0] or _known_given(x) == _known_given(y):
        return False
    distance = weighted_distance(x, y)
    return distance <= MAX_GIVEN_DAMAGE and fuzz.ratio(x, y) >= 60


def middle_conflict(a: PersonName, b: PersonName) -> float:
    """Middle initials or patronymics disagree (Viktor I. / Viktor M. Baidalakov)."""
    for x, y in zip(a.middle, b.middle, strict=False):
        if x and y and x[0] != y[0] and weighted_distance(x[0], y[0]) >= 0.5:
            return 1.0
    return 0.0


def gender_conflict(a: PersonName, b: PersonName) -> float:
    """One surname has a feminine ending the other lacks (Ivanov / Ivanova), or a patronymic (-ovna / -ovich): two people."""
    fa, fb = bool(_FEMININE.search(a.surname)), bool(_FEMININE.search(b.surname))
    if a.surname and b.surname and fa != fb:
        return 1.0
    ga, gb = patronymic_gender(a), patronymic_gender(b)
    return 1.0 if ga and gb and ga != gb else 0.0


def patronymic_gender(p: PersonName) -> str | None:
    """ "f" for a feminine patronymic (Vilasa Nikolayevna), "m" for a masculine one (Roman Fedorovich), else None."""
    for word in p.middle:
        if len(word) > 4 and _FEMININE_PATRONYMIC.search(word):
            return "f"
        if len(word) > 4 and _MASCULINE_PATRONYMIC.search(word):
            return "m"
    return None


def feminine_full_name(short: PersonName, full: PersonName) -> float:
    """A woman's name (patronymic in -ovna) printed with the masculine surname alone beside it: he may be her husband."""
    if full.given is None or short.given is not None or patronymic_gender(full) != "f":
        return 0.0
    return 1.0 if not _FEMININE.search(full.surname) and not _FEMININE.search(short.surname) else 0.0


def title_conflict(bare: Collection[str], bearer: Collection[str]) -> float:
    """The bare surname is printed with a rank or office ("General X") and the full name only with others ("President X")."""
    if not bare or not bearer:
        return 0.0  # "Secretary Rusk" and "Dean Rusk": a full name is mostly printed without its office
    return 0.0 if any(t[:3] == u[:3] for t in bare for u in bearer) else 1.0


def short_form(a: PersonName, b: PersonName) -> float:
    """One is a shorter form (surname only, or initials) of the other's fuller name."""
    return 1.0 if a.parts != b.parts and (a.given is None or b.given is None or len(a.given) == 1 or len(b.given) == 1) else 0.0


def cryptonym_word(a: Cryptonym, b: Cryptonym) -> float:
    """The cryptonym words agree, allowing likely OCR confusions (AMFAUNA / AMFAIINA, ANMCARBON / AMCARBON)."""
    if a.word == b.word:
        return 1.0
    if digraph_slip(a.word, b.word):
        return 0.95
    if abs(len(a.word) - len(b.word)) > 1:
        return 0.0
    return similarity(a.word.lower(), b.word.lower(), floor=0.8)


def digraph_slip(x: str, y: str) -> bool:
    """The words end alike (four letters or more) and differ only in a prefix of one to three letters
    that OCR confuses (ANMCARBON, AKCARBON for AMCARBON: the digraph printed damaged)."""
    n = 0
    while n < min(len(x), len(y)) and x[-1 - n] == y[-1 - n]:
        n += 1
    p, q = x[: len(x) - n].lower(), y[: len(y) - n].lower()
    if n < 4 or not (1 <= len(p) <= 3 and 1 <= len(q) <= 3) or p[0] != q[0]:
        return False
    return weighted_distance(p, q) <= 1.0


def agent_conflict(a: Cryptonym, b: Cryptonym) -> float:
    """The agent numbers differ (AMFAUNA-1 / AMFAUNA-14): two individuals, never one."""
    return 1.0 if a.agent != b.agent else 0.0


def same_surname(a: PersonName, b: PersonName) -> float:
    """Both are the same surname said alone, without a given name: one surname-only entity."""
    return 1.0 if a.surname and a.surname == b.surname and a.given is None and b.given is None else 0.0


def unique_full_name(people: int) -> float:
    """Exactly one plausible person in the corpus bears this surname (all its full-name forms agree)."""
    return 1.0 if people == 1 else 0.0


def only_bearer_in_context(sharing: int) -> float:
    """Of the persons with this surname, only this one shares other names with the document."""
    return 1.0 if sharing == 1 else 0.0


def only_given_name_bearer(bearers: int) -> float:
    """A given name said alone, in a document that names exactly one person with that given name."""
    return 1.0 if bearers == 1 else 0.0


def name_similarity(a: str, b: str) -> float:
    """The names agree after transliteration folding, allowing likely OCR confusions."""
    return similarity(a, b, floor=0.7)


def different_word(a: str, b: str) -> float:
    """The names differ in a whole word, not in letters of one (Personnel / Special Security Division): two bodies."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return 0.0
    pairs = list(zip(wa, wb, strict=True))
    if not any(x == y for x, y in pairs):
        return 0.0  # no word in place: debris shifted the words ("OQ Domestic Collection Division")
    return 1.0 if any(_other_word(x, y) for x, y in pairs) else 0.0


_LETTERS = re.compile(r"^[A-Z]{1,3}$")
_ARTICLES = frozenset({"the", "The", "THE"})


def letter_qualifier(a: str, b: str) -> float:
    """The printed names differ in a word of capital letters before a shared word (SR / ER Division): two bodies."""
    wa = [w.strip(".,;:()") for w in a.split() if w not in _ARTICLES]
    wb = [w.strip(".,;:()") for w in b.split() if w not in _ARTICLES]
    if len(wa) != len(wb) or len(wa) < 2:
        return 0.0
    pairs = list(zip(wa, wb, strict=True))
    if not any(x.casefold() == y.casefold() and not _LETTERS.match(x) for x, y in pairs):
        return 0.0
    return 1.0 if any(_LETTERS.match(x) and _LETTERS.match(y) and x != y for x, y in pairs) else 0.0


# RapidFuzz ratio below which two words share too few letters to be one word damaged by the scan:
# "personel" / "spesial" 40, "domestic" / "spesial" 40; OCR damage keeps more ("eubsesi" / "embasi"
# 77, "cifice" / "ofice" 73, "gnital" / "united" 50, "ef" / "of" 50).
OTHER_WORD = 50.0


# Points of the compass (folded: w -> v) name different places and bodies one letter apart in OCR
# terms: East / West Germany, North / South Vietnam, Western / Eastern Hemisphere Division.
_COMPASS = frozenset("north south east vest northern southern eastern vestern".split())


def _other_word(x: str, y: str) -> bool:
    """Two folded words that are two words, not one damaged or cut ("cub" for cuban)."""
    if x != y and ((x in _COMPASS and y in _COMPASS) or other_countries(x, y)):
        return True  # East / West; the Indian / Tunisian Government, the American / Mexican Embassy
    return x != y and not (x.startswith(y) or y.startswith(x)) and fuzz.ratio(x, y) < OTHER_WORD


def same_country_form(a: str, b: str) -> float:
    """The names differ only in how they write a country (U.S. / United States Government): one body."""
    return 1.0 if a != b and country_form(a) == country_form(b) != a else 0.0


def same_words(a: Sequence[str], b: Sequence[str]) -> float:
    """The same words in another order (PHAM NGOC THAO / PHAM: Naoc THAO): one name printed family name first."""
    rest_a, rest_b = list(a), list(b)
    for w in a:
        if w in rest_b:
            rest_a.remove(w)
            rest_b.remove(w)
    if not rest_a and not rest_b:
        return 1.0
    if len(rest_a) == len(rest_b) == 1 and rest_a[0][0] == rest_b[0][0] and similarity(rest_a[0], rest_b[0], floor=0.7) >= 0.75:
        return 0.9  # one word damaged by OCR: Naoc / Ngoc
    return 0.0


def acronym_variant(variant: str, dominant: str) -> float:
    """A rare acronym is one OCR error away from the document's frequent form (MTS for NTS); two
    letters misread is another acronym (GOC, the Government of Cuba, beside CAC, the Caribbean
    Admission Center, in 104-10048-10124 and 104-10308-10062)."""
    if len(variant) != len(dominant) or sum(x != y for x, y in zip(variant.lower(), dominant.lower(), strict=True)) > 1:
        return 0.0
    return max(0.0, 1.0 - weighted_distance(variant.lower(), dominant.lower()) / len(dominant))


def acronym_initials(acronym: str, expansion_initials: str) -> float:
    """The acronym matches the initials of the expansion (NTS = Natsionalno-Trudovoi Soyuz)."""
    return 1.0 if acronym and acronym.upper() == expansion_initials.upper() else 0.0


def known_expansion(bodies: int) -> float:
    """The acronym alone is spelled out in another record, and the corpus spells it out as this one body only."""
    return 1.0 if bodies == 1 else 0.0


def known_distinct(a: str | None, b: str | None) -> float:
    """Both are listed as different bodies in the gazetteer of distinct organisations."""
    return 1.0 if a is not None and b is not None and a != b else 0.0


def known_same(a: str | None, b: str | None) -> float:
    """Both are forms of one body in the gazetteer of organisations."""
    return 1.0 if a is not None and a == b else 0.0


def shared_context(a: Collection[str], b: Collection[str]) -> float:
    """The two documents also mention the same other people or bodies."""
    if not a or not b:
        return 0.0
    shared = len(a) if a is b else len(set(a) & set(b))
    return min(1.0, shared / 2)


def same_document(a: str, b: str) -> float:
    """Both mentions are in the same document."""
    return 1.0 if a == b else 0.0


FEATURES: dict[str, Callable[..., float]] = {
    f.__name__: f
    for f in (
        surname_similarity,
        given_agreement,
        middle_conflict,
        gender_conflict,
        feminine_full_name,
        title_conflict,
        short_form,
        cryptonym_word,
        agent_conflict,
        same_surname,
        unique_full_name,
        only_bearer_in_context,
        only_given_name_bearer,
        name_similarity,
        different_word,
        letter_qualifier,
        same_words,
        same_country_form,
        acronym_variant,
        acronym_initials,
        known_expansion,
        known_distinct,
        known_same,
        shared_context,
        same_document,
    )
}


def explain(feature: str) -> str:
    """The one-line explanation of a feature (its docstring's first line)."""
    func = FEATURES.get(feature)
    return (func.__doc__ or feature).strip().splitlines()[0] if func else feature
