"""The small data files under ``declass/data/`` (written for declass), loaded once per process."""

from __future__ import annotations

import functools

from declass.types import wordlists
from declass.types.wordlists import lines as _lines


@functools.cache
def orgs() -> dict[str, str]:
    """Surface form -> canonical name of intelligence, security and party bodies."""
    table = {}
    for line in _lines("orgs.tsv"):
        name, canonical, *_ = line.split("\t")
        table[name] = canonical
    return table


@functools.cache
def acronyms() -> frozenset[str]:
    """The all-capital canonical org names (NTS, MGB...): candidates for OCR-variant matching."""
    return frozenset(c for c in orgs().values() if c.isupper() and c.isalpha())


@functools.cache
def places() -> frozenset[str]:
    """Countries, historical states, cities and regions."""
    return frozenset(_lines("places.txt"))


@functools.cache
def given_names() -> frozenset[str]:
    """Given names (title case) used to split name lists and to keep names when truecasing."""
    return wordlists.given_names()


@functools.cache
def roles() -> tuple[str, ...]:
    """Role heads, longest first so "chief of counter-intelligence" wins over "chief"."""
    return tuple(sorted(_lines("roles.txt"), key=len, reverse=True))


@functools.cache
def digraphs() -> frozenset[str]:
    """Two-letter CIA cryptonym prefixes."""
    return frozenset(w for line in _lines("cryptonym_digraphs.txt") for w in line.split())
