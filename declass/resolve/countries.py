"""Country names, short forms and adjectives as resolution compares them (folded name keys).

Read from ``declass/data/countries.tsv`` through :mod:`declass.types.wordlists`. Used where a
country word says two names are different things: the Indian / Tunisian Government, an embassy
named by its country alone (:mod:`declass.resolve.local`).
"""

from __future__ import annotations

from functools import lru_cache

from declass.types.names import name_key
from declass.types.wordlists import lines


@lru_cache(maxsize=1)
def country_keys() -> frozenset[str]:
    """Name keys of every country form and adjective of ``declass/data/countries.tsv`` ("ussr",
    "soviet union", "soviet")."""
    out: set[str] = set()
    for line in lines("countries.tsv"):
        for column in line.split("\t"):
            out.update(k for form in column.split("|") if (k := name_key(form, "LOC")))
    return frozenset(out)


@lru_cache(maxsize=1)
def country_words() -> dict[str, frozenset[int]]:
    """Each single word of those keys -> the rows (countries) it is a word of ("soviet": the Soviet
    Union; "russia": Russia and the Soviet Union, by "Soviet Russia")."""
    rows: dict[str, set[int]] = {}
    for n, line in enumerate(lines("countries.tsv")):
        for column in line.split("\t"):
            for form in column.split("|"):
                for w in name_key(form, "LOC").split():
                    rows.setdefault(w, set()).add(n)
    return {w: frozenset(r) for w, r in rows.items()}


def other_countries(x: str, y: str) -> bool:
    """Two folded words naming different countries ("american" / "meksican"; not "russia" /
    "union", two words of the Soviet Union)."""
    words = country_words()
    return x in words and y in words and not words[x] & words[y]
