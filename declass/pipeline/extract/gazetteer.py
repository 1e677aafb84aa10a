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
    """Role phrases (data/roles.tsv), longest first so "chief of counter-intelligence" wins over "chief"."""
    return tuple(r.phrase for r in wordlists.roles())


@functools.cache
def digraphs() -> frozenset[str]:
    """Two-letter CIA cryptonym prefixes."""
    return wordlists.digraphs()


def _key(text: str) -> str:
    """Lookup key of a place form: case-folded, spaces collapsed, a leading "the" and a final full
    stop dropped ("U.S" and "U.S." are one form)."""
    t = " ".join(text.split()).strip(" ,;:").rstrip(".")
    if t[:4].lower() == "the ":
        t = t[4:]
    return t.casefold()


@functools.cache
def countries() -> dict[str, str]:
    """Every name, short form and adjective of a country (lookup key) -> its canonical name."""
    table: dict[str, str] = {}
    for line in _lines("countries.tsv"):
        canonical, forms, adjectives, *_ = (line + "\t\t").split("\t")
        for form in (canonical, *forms.split("|"), *adjectives.split("|")):
            if form.strip():
                table[_key(form)] = canonical
    return table


@functools.cache
def country_forms() -> tuple[str, ...]:
    """The printed forms of country names (not adjectives): these are places, never non-entities."""
    out = []
    for line in _lines("countries.tsv"):
        canonical, forms, *_ = (line + "\t").split("\t")
        out += [canonical, *(f for f in forms.split("|") if f.strip())]
    return tuple(out)


def country_of(text: str) -> str | None:
    """The canonical country a place form or adjective names ("U.S." -> "United States"), else None."""
    return countries().get(_key(text))


@functools.cache
def cryptonyms() -> dict[str, dict[str, str]]:
    """Known cryptonyms and indicators -> {kind, refers, type, source} (``cryptonyms.tsv``)."""
    table = {}
    for line in _lines("cryptonyms.tsv"):
        crypt, kind, refers, etype, source = line.split("\t")
        table[crypt] = {"kind": kind, "refers": refers, "type": etype, "source": source}
    return table


@functools.cache
def titles() -> frozenset[str]:
    """Titles and forms of address printed before a name, without their full stop (data/titles.tsv;
    not those that also begin place names, "St")."""
    return wordlists.titles()


@functools.cache
def persons() -> frozenset[str]:
    """Surnames of well-known people the model takes for places or bodies (Stalin, Trujillo)."""
    return frozenset(_lines("persons.txt"))


@functools.cache
def org_heads() -> frozenset[str]:
    """Head nouns of bodies ("Embassy", "Government"): a place-typed mention ending in one is an ORG."""
    return frozenset(line.split("\t")[0] for line in _lines("org_heads.txt"))


@functools.cache
def body_heads() -> frozenset[str]:
    """The heads of ``org_heads.txt`` that end a body's name in running text (not "relabel" only)."""
    return frozenset(line for line in _lines("org_heads.txt") if "\t" not in line)
