"""Given-name-only mentions within a document: "Fidel" joins the one Fidel the document names.

A memo that names "Fidel Castro" and later says "Fidel" means him; a document that names two
Carloses, or none, gives no evidence, and the bare "Carlos" stays an entity of its own (it is
compared across documents like a bare surname, and :func:`declass.resolve.clusters.build_entities`
marks it ``given_name_only``). Evidence is the document only: across documents a given name alone
is never attached.

Invariant: a joined profile becomes part of the full name's profile, so across documents the
given name is compared as that person, never as a bare "Fidel" chaining different people.
"""

from __future__ import annotations

from typing import Any

from declass.model import Judgement
from declass.resolve import compare as c
from declass.resolve.nodes import Profile
from declass.types.names import given_group
from declass.types.wordlists import given_names

GIVEN_ONLY = 0.9  # the score of the judgement (a merge at the default same-document threshold)


def given_name_of(p: Profile) -> str | None:
    """The folded given name a profile says alone ("Fidel"), or None: one word, a known given name."""
    person = p.best.person
    if person is None or person.given is not None or person.middle or len(p.nodes) != 1:
        return None
    shown = person.display.strip()
    return person.surname if person.surname and " " not in shown and shown.capitalize() in given_names() else None


def attach_given_names(profiles: list[Profile]) -> list[Judgement]:
    """Join each given-name-only profile of one document to the one full-name profile of that
    document bearing that given name (nickname groups and OCR-free matching: Ed = Edward); the
    joined profiles are merged in place (``profiles`` loses them). Returns the judgements."""
    out: list[Judgement] = []
    surnames = {p.best.person.surname for p in profiles if p.best.person is not None and p.best.person.given}
    joined: set[int] = set()
    for k, p in enumerate(profiles):
        word = given_name_of(p)
        if word is None or word in surnames:  # "Ruiz" said alone may be Pedro Ruiz's surname
            continue
        bearers = [
            q
            for q in profiles
            if q is not p
            and q.best.person is not None
            and q.best.person.given
            and q.best.person.surname
            and given_group(q.best.person.given) == given_group(word)
        ]
        if len({id(q) for q in bearers}) != 1:
            continue
        target = bearers[0]
        ev: dict[str, Any] = {
            "features": {"only_given_name_bearer": c.only_given_name_bearer(1)},
            "docs": [p.doc],
            "forms": [p.best.text, target.best.text],
        }
        out.append(Judgement(p.anchor, target.anchor, True, GIVEN_ONLY, "given_name_only", ev))
        target.nodes.extend(p.nodes)
        joined.add(k)
    profiles[:] = [p for k, p in enumerate(profiles) if k not in joined]
    return out
