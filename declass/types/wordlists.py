"""The word lists under ``declass/data/``, loaded once per process by one loader.

Every list declass matches text against lives in one data file there (written for declass, no
copied data), and every user reads it through this module: a stage, resolution and the value
types alike, so a fix to a list reaches all of them. Lines starting with ``#`` are comments.

- ``lines(name)``: the non-empty, non-comment lines of a data file, stripped.
- ``distinct_orgs()``: ``distinct_orgs.txt``, the forms of one body per line (never merged with
  another line's, however alike: MGB / MVD / KGB).
- ``given_names()`` / ``given_name_groups()``: ``given_names.txt``, one given name per line with
  its spellings; a line with ``|`` is an equivalence group, its nicknames and short forms after
  the ``|``.
- ``digraphs()``: ``cryptonym_digraphs.txt``, the two-letter CIA cryptonym prefixes.
- ``titles()``: ``titles.tsv``, the one title list (forms of address, ranks, offices, church and
  nobility titles), with the forms that are also names or begin place names flagged.
- ``roles()`` / ``role_words()``: ``roles.tsv``, the role phrases tied to a person and the one-word
  heads the claim rules match in a parse, by kind (a post held, membership).
- ``ocr_confusions()``: ``ocr_confusions.tsv``, the one table of typewriter-scan confusions that
  :mod:`declass.types.confusion` and the marking and acronym patterns derive their forms from.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parents[1] / "data"


@functools.cache
def lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of ``declass/data/<name>``, stripped."""
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@functools.cache
def given_name_groups() -> tuple[tuple[str, ...], ...]:
    """The equivalence groups of given names (the lines with "|"): spellings and nicknames of one
    name, the form to show first."""
    return tuple(tuple(line.replace("|", " ").split()) for line in lines("given_names.txt") if "|" in line)


@functools.cache
def given_names() -> frozenset[str]:
    """Given names as printed in full (not nicknames: "Will", "Bill" are also words in a cable)."""
    return frozenset(w for line in lines("given_names.txt") for w in line.partition("|")[0].split())


@functools.cache
def distinct_orgs() -> tuple[tuple[str, ...], ...]:
    """The known distinct organisations: each body's forms, the name to show first
    ("NKVD", "People's Commissariat for Internal Affairs", ...)."""
    return tuple(tuple(f.strip() for f in line.split("|") if f.strip()) for line in lines("distinct_orgs.txt"))


@functools.cache
def digraphs() -> frozenset[str]:
    """The known two-letter CIA cryptonym prefixes (AM, LI, ZR...)."""
    return frozenset(w for line in lines("cryptonym_digraphs.txt") for w in line.split())


TITLE_CLASSES = ("address", "rank", "office", "church", "nobility")


def parse_titles(rows: Iterable[str]) -> tuple[tuple[str, str, str], ...]:
    """(class, form, flag) for every form of the ``titles.tsv`` rows; the flag is "", "name" or
    "place". Raises ValueError on an unknown class or flag."""
    out = []
    for line in rows:
        cls, forms, flag, *_ = (line + "\t").split("\t")
        if cls not in TITLE_CLASSES or flag not in ("", "name", "place"):
            raise ValueError(f"titles.tsv: unknown title class or flag in {line!r}")
        out += [(cls, form, flag) for form in forms.split()]
    return tuple(out)


@functools.cache
def titles(
    *, names: bool = True, places: bool = False, lower: bool = False, classes: tuple[str, ...] = TITLE_CLASSES
) -> frozenset[str]:
    """Title forms as printed, without their full stop ("Mr", "Lt.Col", "Senor").

    ``names``: include the titles that are also surnames or name words (King, Major, Bishop), which
    are titles only in front of a name; ``places``: include those that also begin place names
    (Saint, St); ``lower``: the forms in lower case, for comparing case-folded words; ``classes``:
    only these classes ("rank": General, Col, Sgt...).
    """
    return frozenset(
        form.lower() if lower else form
        for cls, form, flag in parse_titles(lines("titles.tsv"))
        if cls in classes and not (flag == "name" and not names) and not (flag == "place" and not places)
    )


class Role(NamedTuple):
    """One line of ``roles.tsv``: a role phrase and what holding it means."""

    phrase: str  # lower case: "chief of station", "secretary-treasurer", "member"
    kind: str  # "post" (holds_role), "member" (member_of), "agent" (agent_of)


def parse_roles(rows: Iterable[str]) -> tuple[Role, ...]:
    """The roles of ``roles.tsv`` rows in file order. Raises ValueError on an unknown kind."""
    out = []
    for line in rows:
        phrase, _, kind = line.partition("\t")
        if kind not in ("post", "member", "agent"):
            raise ValueError(f"roles.tsv: unknown role kind {kind!r} for {phrase!r}")
        out.append(Role(phrase.strip(), kind))
    return tuple(out)


@functools.cache
def roles() -> tuple[Role, ...]:
    """Every role phrase of ``roles.tsv``, longest first so "chief of counter-intelligence" wins
    over "chief"."""
    return tuple(sorted(parse_roles(lines("roles.tsv")), key=lambda r: len(r.phrase), reverse=True))


@functools.cache
def role_words(kind: str) -> tuple[str, ...]:
    """The one-word role heads of one kind ("chief", "rezident"; "member", "collaborator"), in file
    order: the words a parse's noun is matched against."""
    return tuple(r.phrase for r in parse_roles(lines("roles.tsv")) if r.kind == kind and " " not in r.phrase)


class Confusion(NamedTuple):
    """One row of ``ocr_confusions.tsv``: shapes ``a`` and ``b`` that a scan confuses."""

    a: str
    b: str
    cost: float | None  # cost of reading one for the other in a lower-case word; None: not in lower case
    upper: bool  # the capitals are confused too (acronyms, markings)
    oneway: bool  # capitals only: ``a`` is read as ``b``, not the reverse
    skeleton: bool  # the blocking skeleton writes both as one: a run as its letter, of two letters ``b`` as ``a``


def parse_confusions(rows: Iterable[str]) -> tuple[Confusion, ...]:
    """The confusions of ``ocr_confusions.tsv`` rows. Raises ValueError on an unknown flag."""
    out = []
    for line in rows:
        a, b, cost, *rest = line.split("\t")
        flags = set(" ".join(rest).split())
        if flags - {"upper", "oneway", "skeleton"}:
            raise ValueError(f"ocr_confusions.tsv: unknown flags {sorted(flags)} for {a!r}/{b!r}")
        upper, oneway = "upper" in flags or "oneway" in flags, "oneway" in flags
        out.append(Confusion(a, b, None if cost == "-" else float(cost), upper, oneway, "skeleton" in flags))
    return tuple(out)


@functools.cache
def ocr_confusions() -> tuple[Confusion, ...]:
    """The rows of ``ocr_confusions.tsv`` in file order."""
    return parse_confusions(lines("ocr_confusions.tsv"))
