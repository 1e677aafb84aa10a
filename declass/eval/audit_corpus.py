"""The audit's checks that need the whole corpus, not one name: what else the store prints.

A name can look well formed and still be junk that only the rest of the corpus shows:

* a person's given name printed in one mention of an entity whose other mentions, in three
  documents or more, print the surname alone ("BATISTA, Yeireano" once beside "Batista" in six
  records; "FIGIT DIEM" once beside "Diem" in four): the name was built from one damaged form,
  and the bare surname of many documents was attached to it;
* a one-word name whose type the corpus contradicts: a surname the corpus names as a person in
  more documents, or a known place filed as a person (the rules of
  :mod:`declass.resolve.typing_evidence`, so the audit and resolution agree on the evidence);
* a one-word person printed as an elided abbreviation ("F'dez", Fernandez);
* an organisation whose printed forms are mostly an agent's numbered cryptonym ("AMCARBON=-1"):
  the agent, a person, filed as the programme.

:class:`Corpus` is built once from every stored entity of every type; each check returns a short
reason (shown to the user) or None.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from declass.eval.audit_flags import is_known_given, titles
from declass.model import Entity
from declass.resolve.crypt import digraphs, parse_cryptonym
from declass.resolve.typing_evidence import TypeEvidence

_WORD = re.compile(r"[^\W\d_]+")
ONCE_DOCS = 3  # documents printing the surname alone before a given name printed once is doubtful


class Corpus:
    """The store's printed names of every type, as the corpus-wide checks read them."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.types = TypeEvidence()
        for e in entities:
            for form in e.variants or {e.name: 1}:
                self.types.add(e.type, form, e.doc_ids)

    def flags(self, entity: Entity) -> list[dict[str, str]]:
        """The corpus-wide flags of one entity (``damaged`` or ``wrong_type``, with details)."""
        out = []
        why = once_printed_given(entity) or abbreviated(entity)
        if why:
            out.append({"flag": "damaged", "detail": why})
        why = self.wrong_type(entity) or agent_as_programme(entity)
        if why:
            out.append({"flag": "wrong_type", "detail": why})
        return out

    def wrong_type(self, entity: Entity) -> str | None:
        """A one-word name the corpus prints as another type, with the evidence."""
        words = _WORD.findall(entity.name)
        if len(words) != 1 or len(words[0]) < 3 or "cryptonym" in entity.attrs:
            return None
        verdict = self.types.verdict(entity.type, words[0].casefold())
        return f"the corpus makes it a {verdict[0]}: {verdict[1]}" if verdict else None


def once_printed_given(entity: Entity) -> str | None:
    """A person's given name printed in one mention only, not a known given name, while three
    documents or more print the entity's surname alone: one damaged form named the entity."""
    if entity.type != "PERSON" or len(entity.doc_ids) < ONCE_DOCS or "cryptonym" in entity.attrs:
        return None
    words = _WORD.findall(entity.name)
    while len(words) > 2 and words[0].casefold() in titles():
        words = words[1:]
    if len(words) < 2 or len(words[0]) < 3 or is_known_given(words[0]):
        return None
    given = words[0].casefold()
    with_given = sum(n for v, n in entity.variants.items() if given in (w.casefold() for w in _WORD.findall(v)))
    without = sum(entity.variants.values()) - with_given
    if with_given == 1 and without >= 2 * with_given:
        return f"the given name {words[0]!r} is printed once; {len(entity.doc_ids)} documents print the surname alone"
    return None


_ELIDED = re.compile(r"^[A-Z]['’][a-z]{2,4}$")  # F'dez (Fernandez), G'lez (Gonzalez): not O'Neill


def abbreviated(entity: Entity) -> str | None:
    """A one-word person most often printed as an elided abbreviation ("F'dez" for Fernandez):
    the name of no one person, read as one."""
    if entity.type != "PERSON" or " " in entity.name.strip():
        return None
    elided = {v: n for v, n in entity.variants.items() if _ELIDED.match(v.strip())}
    if elided and max(elided.values()) * 3 >= sum(entity.variants.values()):
        return f"an abbreviation, not a name: printed {max(elided, key=lambda v: elided[v])!r}"
    return None


def agent_as_programme(entity: Entity) -> str | None:
    """An organisation named by a cryptonym word most of whose printed forms are an agent's
    numbered cryptonym (the agent, a person, filed as the programme)."""
    named = parse_cryptonym(entity.name)
    if entity.type != "ORG" or not entity.variants or named is None or named.agent is not None:
        return None  # only a programme's name (AMCARBON) printed as its agent (AMCARBON=-1)
    agents: Counter[str] = Counter()
    for form, n in entity.variants.items():
        crypt = parse_cryptonym(form)
        # A known digraph printed in capitals: "Alpha 66" is a group's name, not ALPHA-66.
        if crypt is not None and crypt.agent is not None and crypt.word[:2] in digraphs() and form.isupper():
            agents[crypt.canonical] += n
    if agents and sum(agents.values()) * 2 > sum(entity.variants.values()):
        return f"an agent, not a programme: printed as {agents.most_common(1)[0][0]}"
    return None
