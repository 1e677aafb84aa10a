"""Damaged given names: the first word of a printed person name that is no given name but debris of one.

Two shapes recur in the corpus's canonical names (issue 10, item 4): an OCR form of a known given
name ("Rodert Wortsc Godden" for Robert, "Fidsi Castro" for Fidel: same length and first letter,
typewriter-scan confusions), and a rank or office cut short at a line end or by the scan, which the
parser then takes for a given name ("Genera Carter" for General Carter). A name built on either is
never the entity's name while a better-formed variant exists (:func:`declass.resolve.naming.person_name`),
and the audit flags it (:mod:`declass.eval.audit_flags`).
"""

from __future__ import annotations

from functools import lru_cache

from declass.types.confusion import weighted_distance
from declass.types.names import TITLES
from declass.types.wordlists import given_names

# A cut title keeps at least this many letters ("Genera", "Presid"); shorter stubs ("Gen", "Col")
# are abbreviations the parser already knows as titles.
MIN_FRAGMENT = 5


@lru_cache(maxsize=1)
def _given() -> tuple[str, ...]:
    return tuple(sorted(g.casefold() for g in given_names()))


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(t.split()[0].strip(".") for t in TITLES)


@lru_cache(maxsize=1)
def _title_words() -> tuple[str, ...]:
    return tuple(sorted({t.split()[0].strip(".") for t in TITLES if len(t.split()[0].strip(".")) > MIN_FRAGMENT}))


def one_plain_letter(a: str, b: str) -> bool:
    """Two words of one length that differ in one letter, not a typewriter-scan confusion (Erik /
    Eric: two spellings of one name, not damage)."""
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and weighted_distance(*diff[0]) >= 1.0


@lru_cache(maxsize=10_000)
def damaged_given_word(word: str) -> str | None:
    """The known given name (lower case) that ``word`` is an OCR-damaged form of, or None: "Rodert"
    -> "robert", "Fidsi" -> "fidel"; a known given name, a word of under four letters, or one a
    plain letter away from the nearest known name (Erik / Eric) or a title ("Senor") is none."""
    # compare imports crypt, which imports naming, which imports this module: import when called.
    from declass.resolve.compare import damaged_given

    first = word.strip(".,'’").casefold()
    if len(first) < 4 or not first.isalpha() or first in _given() or first in _titles():
        return None
    return next((g for g in _given() if damaged_given(first, g) and not one_plain_letter(first, g)), None)


@lru_cache(maxsize=10_000)
def title_fragment(word: str) -> str | None:
    """The rank or office that ``word`` is the cut-off start of ("Genera" -> "general", "Ambassado"
    -> "ambassador"), or None; a known given name ("Gene") or a title itself ("Senor") is none."""
    first = word.strip(".,'’").casefold()
    if len(first) < MIN_FRAGMENT or not first.isalpha() or first in _given() or first in _titles():
        return None
    return next((t for t in _title_words() if t != first and t.startswith(first)), None)
