"""Surname-only mentions across documents: attached to a full name only with evidence.

"Castro" said alone in 59 documents is not evidence for any one Castro. Within a document, a bare
surname joins the full name the same document gives (``within_document``). Across documents it
joins a full-name entity only when the corpus offers exactly one plausible person with that
surname (all full-name forms agree with each other: same given name, nickname or initial, no
conflicting middle initial or feminine ending) and the documents share another name (context):
rule ``unique_full_name``.
Otherwise the documents' bare "Castro"s stay one entity of their own, marked
``attrs["surname_only"]``, with a doubt (``same=None``, rule ``surname_only``) towards each
candidate person, which the trace offers as "possibly also" and ``declass entity ID --why`` shows.

Invariant: every judgement made here joins anchors of the given profiles, so the clusters stay
connected components of judgements, and a user's merge or split overrides them like any other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from declass.model import Judgement
from declass.resolve import compare as c
from declass.resolve.nodes import Profile

MAX_CANDIDATES = 200  # full-name profiles considered per surname (the greedy grouping is quadratic in groups)
MAX_DOUBTS = 5  # "possibly also" candidates kept per surname entity


def is_surname_only(p: Profile) -> bool:
    """Whether a profile's fullest form is a bare surname ("Castro", "NOSENKO" as a person)."""
    person = p.best.person
    return person is not None and person.given is None and not person.middle and bool(person.surname)


def _full_name(p: Profile) -> bool:
    person = p.best.person
    return person is not None and bool(person.given) and bool(person.surname)


def _compatible(a: Profile, b: Profile) -> bool:
    """Two full-name forms that can be one person: given names agree, nothing conflicts."""
    pa, pb = a.best.person, b.best.person
    if pa is None or pb is None:
        return False
    return c.given_agreement(pa, pb) > 0.0 and not c.middle_conflict(pa, pb) and not c.gender_conflict(pa, pb)


def people_with_surname(candidates: Sequence[Profile]) -> list[list[Profile]]:
    """Group full-name profiles into plausible distinct people (greedy, in order), most mentioned first."""
    groups: list[list[Profile]] = []
    for p in candidates[:MAX_CANDIDATES]:
        for g in groups:
            if all(_compatible(p, q) for q in g[:3]):
                g.append(p)
                break
        else:
            groups.append([p])
    groups.sort(key=lambda g: -sum(p.best.count for p in g))  # the most mentioned person first
    return groups


def _evidence(a: Profile, b: Profile, **extra: Any) -> dict[str, Any]:
    return {"docs": sorted({a.doc, b.doc}), "forms": [a.best.text, b.best.text], **extra}


def _context(group: Sequence[Profile], context: Mapping[str, frozenset[str]]) -> set[str]:
    out: set[str] = set()
    for p in group[:20]:
        out |= context.get(p.doc, frozenset())
    return out


def surname_judgements(
    profiles: Sequence[Profile], context: Mapping[str, frozenset[str]]
) -> tuple[list[Judgement], set[int]]:
    """Judgements for the surname-only profiles, and the indexes of those profiles (handled here).

    Bare surnames of one folded spelling are chained (``same_surname``); the chain is attached
    to the corpus's only plausible bearer of the surname when their documents also share another
    name (``context``: document -> names it mentions), else left with doubts to each candidate.
    """
    by_surname: dict[str, list[int]] = defaultdict(list)
    full_by_surname: dict[str, list[Profile]] = defaultdict(list)
    for k, p in enumerate(profiles):
        person = p.best.person
        if person is None:
            continue
        if is_surname_only(p):
            by_surname[person.surname].append(k)
        elif _full_name(p):
            full_by_surname[person.surname].append(p)
    out: list[Judgement] = []
    handled: set[int] = set()
    for surname, ks in by_surname.items():
        handled.update(ks)
        first = profiles[ks[0]]
        for k in ks[1:]:
            other = profiles[k]
            if other.doc != first.doc:
                ev = {"features": {"same_surname": 1.0}, **_evidence(first, other)}
                out.append(Judgement(first.anchor, other.anchor, True, 0.9, "same_surname", ev))
        people = people_with_surname(full_by_surname.get(surname, []))
        shared = 0.0
        if len(people) == 1:
            group = [profiles[k] for k in ks]
            shared = c.shared_context(_context(group, context) - {surname}, _context(people[0], context) - {surname})
        if shared:
            bearer = max(people[0], key=lambda p: (p.best.person.parts if p.best.person else 0, p.best.count))
            feats = {"unique_full_name": 1.0, "surname_similarity": 1.0, "shared_context": shared}
            ev = _evidence(first, bearer, candidates=[bearer.best.text])
            out.append(Judgement(first.anchor, bearer.anchor, True, 0.8, "unique_full_name", {"features": feats, **ev}))
        elif people:
            names = [g[0].best.text for g in people]
            for g in people[:MAX_DOUBTS]:
                feats = {"unique_full_name": float(len(people) == 1), "surname_similarity": 1.0, "shared_context": 0.0}
                ev = _evidence(first, g[0], candidates=names[:MAX_DOUBTS * 2])
                out.append(Judgement(first.anchor, g[0].anchor, None, 0.5, "surname_only", {"features": feats, **ev}))
    return out, handled
