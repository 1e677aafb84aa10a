"""Surname-only mentions across documents: attached to a full name only with evidence.

"Castro" said alone in 59 documents is not evidence for any one Castro. Within a document, a bare
surname joins the full name the same document gives (``within_document``). Across documents it
joins a full-name entity only when the corpus offers exactly one plausible person with that
surname (all full-name forms agree with each other: same given name, nickname or initial, no
conflicting middle initial or feminine ending) and its document shares another name with that
person's documents (context), and the bare surname is printed with no rank or office other than
the person's ("President Kennedy" is no evidence for "Attorney General Robert Kennedy"): rule
``unique_full_name``;
or when, of several bearers, only one shares names with its document: ``only_bearer_in_context``.
A bearer known by one damaged form printed once (:func:`weak_bearer`) takes no bare surname of
two or more other records. The other bare "Castro"s stay one entity of their own, marked
``attrs["surname_only"]``, with a doubt (``same=None``, rule ``surname_only``) towards each
candidate person, which the trace offers as "possibly also" and
``declass entity ID --why`` shows.

Invariant: every judgement made here joins anchors of the given profiles, so the clusters stay
connected components of judgements, and a user's merge or split overrides them like any other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from declass.model import Judgement
from declass.resolve import compare as c
from declass.resolve.naming import well_formed_person
from declass.resolve.nodes import Profile
from declass.types import wordlists

MAX_CANDIDATES = 200  # full-name profiles considered per surname (the greedy grouping is quadratic in groups)
MAX_DOUBTS = 5  # "possibly also" candidates kept per surname entity
SAME_SURNAME = 0.9  # the score of two bare surnames of one spelling (a merge at the default cross_doc 0.75)


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


SPREAD = 2  # documents besides the bearer's printing the surname alone, before a weak bearer is refused


def weak_bearer(group: Sequence[Profile]) -> bool:
    """A person known by one printed full name whose given word is no known given name nor an
    initial ("BATISTA, Yeireano", "FIGIT DIEM", "Law \\nHouston"): one damaged form, printed once,
    is too weak to take the bare surname of other records ("Batista" in six), which stays a
    surname-only entity with this person as "possibly also"."""
    person = group[0].best.person
    shown = person.display.split() if person is not None else []
    if person is None or not person.given or len(person.given) == 1 or len(shown) < 2:
        return False
    given = shown[0].strip(".,")  # as printed: the parsed given name is folded ("Law" -> "lav")
    if len(given) <= 1 or c.is_known_given_word(given.casefold()):
        return False
    # Every form of it with a given name counts: "NOSENKO, Yurily" and "Yurily Ivanovich NOSENKO" are two.
    return sum(n.count for p in group for n in p.nodes if n.person is not None and n.person.given) == 1


# Titles that say which person is meant: ranks and offices ("President", "General"), not forms of address.
_RANKS = wordlists.titles(lower=True, classes=("rank", "office", "church", "nobility"))


def _titles(group: Sequence[Profile]) -> set[str]:
    """The ranks and offices printed before the names of a group of profiles (case-folded)."""
    return {t for p in group[:20] for n in p.nodes for t in n.titles if t.split()[0].strip(".") in _RANKS}


def _shown(p: Profile) -> str:
    return " ".join(p.best.text.split())


def _evidence(a: Profile, b: Profile, **extra: Any) -> dict[str, Any]:
    return {"docs": sorted({a.doc, b.doc}), "forms": [_shown(a), _shown(b)], **extra}


def _context(group: Sequence[Profile], context: Mapping[str, frozenset[str]]) -> set[str]:
    out: set[str] = set()
    for p in group[:20]:
        out |= context.get(p.doc, frozenset())
    return out


def surname_judgements(
    profiles: Sequence[Profile], context: Mapping[str, frozenset[str]], threshold: float = 0.75
) -> tuple[list[Judgement], set[int]]:
    """Judgements for the surname-only profiles, and the indexes of those profiles (handled here).

    A bare surname whose document shares another name (``context``: document -> names it mentions)
    with the documents of exactly one plausible bearer of the surname joins that bearer
    (``unique_full_name`` when the corpus has only that bearer, else ``only_bearer_in_context``).
    The other bare surnames of one folded spelling are chained into one surname-only entity
    (``same_surname``), with a doubt towards each candidate bearer. As for other cross-document
    judgements, a score below ``threshold`` (``ResolveConfig.cross_doc``) makes a doubt, not a merge.
    """
    by_surname: dict[str, list[int]] = defaultdict(list)
    full_by_surname: dict[str, list[Profile]] = defaultdict(list)
    for k, p in enumerate(profiles):
        person = p.best.person
        if person is None:
            continue
        if is_surname_only(p):
            by_surname[person.surname].append(k)
        elif _full_name(p) and any(well_formed_person(t) for t in p.best.texts):
            full_by_surname[person.surname].append(p)  # "assassimte CASTRO" is no candidate bearer
    out: list[Judgement] = []
    handled: set[int] = set()
    for surname, ks in by_surname.items():
        handled.update(ks)
        # A bare surname printed as debris ("ho", "Ho ~ - :") is no evidence across documents.
        ks = [k for k in ks if any(well_formed_person(t) for t in profiles[k].best.texts)]
        people = people_with_surname(full_by_surname.get(surname, []))
        theirs = [_context(g, context) - {surname} for g in people[:MAX_CANDIDATES]]
        if len(people) == 1 and weak_bearer(people[0]):
            spread = {profiles[k].doc for k in ks} - {p.doc for p in people[0]}
            if len(spread) >= SPREAD:
                theirs = [set()]  # no context can vouch for it: every bare surname stays apart
        rest = []
        for k in ks:
            p = profiles[k]
            mine = context.get(p.doc, frozenset()) - {surname}
            sharing = [(i, c.shared_context(mine, t)) for i, t in enumerate(theirs)]
            sharing = [(i, v) for i, v in sharing if v > 0]
            if len(sharing) != 1:
                rest.append(p)
                continue
            i, shared = sharing[0]
            if c.title_conflict(_titles([p]), _titles(people[i])):
                rest.append(p)  # "President Kennedy" is no evidence for "Attorney General Robert Kennedy"
                continue
            bearer = max(people[i], key=lambda q: (q.best.person.parts if q.best.person else 0, q.best.count))
            if (
                p.best.person is not None
                and bearer.best.person is not None
                and c.feminine_full_name(p.best.person, bearer.best.person)
            ):
                rest.append(p)  # "DEDKOV" is no evidence for "Vilasa Nikolayevna DEDKOV": maybe her husband
                continue
            feats = {"unique_full_name": float(len(people) == 1), "only_bearer_in_context": 1.0, "shared_context": shared}
            ev = _evidence(p, bearer, candidates=[_shown(g[0]) for g in people[: MAX_DOUBTS * 2]])
            rule = "unique_full_name" if len(people) == 1 else "only_bearer_in_context"
            score = round(0.55 + 0.45 * shared, 3)  # as a bare surname scores against a full name (scoring.py)
            verdict = True if score >= threshold else None
            out.append(Judgement(p.anchor, bearer.anchor, verdict, score, rule, {"features": feats, **ev}))
        if not rest:
            continue
        first = rest[0]
        for other in rest[1:]:
            if other.doc != first.doc:
                ev = {"features": {"same_surname": 1.0}, **_evidence(first, other)}
                verdict = True if SAME_SURNAME >= threshold else None
                out.append(Judgement(first.anchor, other.anchor, verdict, SAME_SURNAME, "same_surname", ev))
        names = [_shown(g[0]) for g in people]
        for g in people[:MAX_DOUBTS]:
            if g[0].doc == first.doc:
                continue  # a pair of one document is judged there (feminine_full_name): one doubt per pair
            feats = {"unique_full_name": float(len(people) == 1), "surname_similarity": 1.0, "shared_context": 0.0}
            ev = _evidence(first, g[0], candidates=names[: MAX_DOUBTS * 2])
            out.append(Judgement(first.anchor, g[0].anchor, None, 0.5, "surname_only", {"features": feats, **ev}))
    return out, handled
