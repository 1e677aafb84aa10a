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


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Name key of a country's name or short form ("u s", "usa", "united states of america") -> the
    key of its first form ("united states"). Adjectives are left out: "the American Embassy" is a
    name of its own, and "American" also means a citizen."""
    out: dict[str, str] = {}
    for line in lines("countries.tsv"):
        columns = line.split("\t")
        first = name_key(columns[0], "LOC")
        for form in [columns[0], *(columns[1].split("|") if len(columns) > 1 else [])]:
            key = name_key(form, "LOC")
            if key and first:
                out.setdefault(key, first)
    return out


@lru_cache(maxsize=100_000)
def country_form(key: str) -> str:
    """A body's name key with a leading country short form written as the country's name ("u s
    government", "usa government" -> "united states government"), so that the forms of one body
    meet; the key itself when it starts with no country form or is a country alone."""
    words = key.split()
    names = _country_names()
    for n in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:n])
        if head in names:
            return " ".join([names[head], *words[n:]])
    return key
