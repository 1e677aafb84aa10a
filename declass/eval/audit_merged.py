"""The audit's ``merged`` checks: an entity whose own variants say it is more than one thing.

Each check looks at the printed variants of one entity and returns the pair of variants that
conflict, or None. They are the classes of wrong merge seen in the dev gold (issue 10):

* (:func:`declass.eval.audit.given_conflict`: two persons' given names differ, "John F. Kennedy" /
  "Robert F. Kennedy");
* :func:`woman_and_bare_surname` - a woman named by her patronymic ("Vilasa Nikolayevna DEDKOV") and
  the bare masculine surname, which the record also uses for her husband ("DEDKOV");
* :func:`word_conflict` - organisation names of one length that differ in a whole word, not in
  letters of one ("Personnel Security Division" / "Special Security Division"; "Soviet Embassy,
  Mexico City" / "Soviet Embassy, New Delhi"), or in the capital letters before a shared word
  ("SR Division" / "ER Division", :func:`declass.resolve.compare.letter_qualifier`);
* :func:`place_within` - a place and a larger place it is printed in ("Miami, Florida" / "Florida").

The comparisons are those resolution makes (:mod:`declass.resolve.compare`), so the audit counts
the merges resolution would refuse today, in a store resolved by an older version or by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from declass.resolve.compare import different_word, letter_qualifier, patronymic_gender
from declass.resolve.countries import country_form
from declass.types.names import name_key, parse_person

_FEMININE_SURNAME = re.compile(r"(?:ova|eva|ina|aia|skaia|ska)$")


def woman_and_bare_surname(variants: Iterable[str]) -> tuple[str, str] | None:
    """A woman's name with a feminine patronymic and a masculine surname, with that bare surname
    among the variants: the bare form may be her husband or father."""
    forms = list(variants)
    for v in forms:
        p = parse_person(v)
        if p.given is None or patronymic_gender(p) != "f" or _FEMININE_SURNAME.search(p.surname):
            continue
        bare = next((b for b in forms if (q := parse_person(b)).given is None and not q.middle and q.surname == p.surname), None)
        if bare is not None:
            return v, bare
    return None


def word_conflict(variants: Iterable[str]) -> tuple[str, str] | None:
    """Two organisation variants of the same number of words, one word at least in place, that differ
    in a whole word (:func:`declass.resolve.compare.different_word`) or in capital letters before a
    shared word ("SR Division" / "ER Division"). Places are left out: their
    variants are forms of one place by the gazetteers ("Soviet Union" / "Soviet Russia")."""
    keyed = [(v, country_form(k)) for v in variants if (k := name_key(v, "ORG"))]  # U.S. = United States
    for i, (va, ka) in enumerate(keyed):
        for vb, kb in keyed[i + 1 :]:
            if ka != kb and (different_word(ka, kb) or letter_qualifier(va, vb)):
                return va, vb
    return None


def place_within(variants: Iterable[str]) -> tuple[str, str] | None:
    """A place printed with the larger place it lies in ("Miami, Florida") and that larger place
    alone ("Florida") among the variants of one entity: a city is not its state."""
    forms = list(variants)
    alone = {name_key(v, "LOC"): v for v in forms if "," not in v}
    for v in forms:
        head, sep, tail = v.rpartition(",")
        if sep and head.strip() and (k := name_key(tail, "LOC")) in alone and name_key(head, "LOC") != k:
            return v, alone[k]
    return None
