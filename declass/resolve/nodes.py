"""Nodes and profiles: the units that resolution compares, built from mentions.

A *node* is one distinct form (name key) of one type in one document: "Tretyakov" said nine times
in a report is one node of nine mentions. A *profile* is a within-document cluster of nodes (one
person as that document knows them); across documents, profiles are compared, not mentions.
Invariant: ``mention_ids`` are sorted, so ``anchor`` (the lowest id) is stable across re-runs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from declass.model import Mention
from declass.resolve.crypt import Cryptonym, mention_cryptonym
from declass.resolve.naming import compared_text, name_text
from declass.types.names import PersonName, clean, initials, is_acronym, name_key, parse_person
from declass.types.wordlists import distinct_orgs

# A place name ending in one of these words names a body: an embassy is an organisation.
_MISSION = re.compile(r"\b(?:embassy|consulate|legation|ministry|government)\W*$", re.IGNORECASE)
# Labels resolved, and the entity type each becomes. DATE, MONEY, FILE_NUMBER are values.
RESOLVED_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "ACRONYM": "ORG", "CRYPTONYM": "ORG"}


def entity_type(mention: Mention) -> str | None:
    """The entity type a mention resolves to, or None for values (dates, money) and unknown labels.

    A numbered cryptonym (AMLASH-1) is an agent, a PERSON; the bare word (AMLASH) an operation or
    programme, an ORG; extraction's ``crypt_kind``/``crypt_type``/``country`` attributes (from the
    list of known cryptonyms) make an indicator no entity and a country cryptonym a place.
    """
    return typed(mention)[0]


def typed(mention: Mention) -> tuple[str | None, Cryptonym | None]:
    """The entity type of a mention and the cryptonym it resolves as (see :func:`entity_type`)."""
    etype = RESOLVED_TYPES.get(mention.label)
    attrs = mention.attrs
    if mention.label == "CRYPTONYM":
        if attrs.get("crypt_kind") == "indicator":
            return None, None  # RYBAT, TYPIC: handling words of a cable, not entities
        if attrs.get("country"):
            return "LOC", None  # PBRUMEN: a country cryptonym is its country
    crypt = cryptonym_of(mention)
    if crypt is not None:
        if crypt.agent is not None:
            return "PERSON", crypt
        return ("LOC" if attrs.get("crypt_type") == "LOC" else "ORG"), crypt
    if etype == "LOC" and _MISSION.search(mention.text):
        return "ORG", None  # "Cuban Embassy", "the Soviet Consulate": a body, housed at a place
    return etype, None


def cryptonym_of(mention: Mention) -> Cryptonym | None:
    """The cryptonym a mention resolves as (not a country cryptonym: that resolves as its country)."""
    if mention.label not in ("CRYPTONYM", "PERSON", "ORG") or mention.attrs.get("country"):
        return None
    return mention_cryptonym(mention)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """name key -> body (first form of its line) from ``declass/data/distinct_orgs.txt``."""
    index: dict[str, str] = {}
    for forms in distinct_orgs():
        for form in forms:
            index[name_key(form, "ORG")] = forms[0]
    return index


@dataclass(slots=True)
class Node:
    """One distinct form of one type in one document, with its mentions."""

    doc: str
    type: str
    key: str
    mention_ids: list[str] = field(default_factory=list)
    texts: Counter[str] = field(default_factory=Counter)
    first: int = 0
    person: PersonName | None = None
    acronym: str | None = None  # upper-case acronym form, when the form is one
    body: str | None = None  # gazetteer body, when the form is a known organisation
    defined: str | None = None  # initials of the expansion this acronym is defined with in the text
    exact_only: bool = False  # cryptonyms: compared only as cryptonyms (word and agent number)
    crypt: Cryptonym | None = None  # the cryptonym this form spells, when it is one
    titles: set[str] = field(default_factory=set)  # titles printed before the form ("President"), folded

    @property
    def anchor(self) -> str:
        """The lowest mention id: stable id of the node."""
        return self.mention_ids[0]

    @property
    def count(self) -> int:
        """How many mentions say this form."""
        return len(self.mention_ids)

    @property
    def text(self) -> str:
        """The most frequent surface form."""
        return max(self.texts, key=self.texts.__getitem__) if len(self.texts) > 1 else next(iter(self.texts))


def new_node(doc: str, etype: str, text: str, crypt: Cryptonym | None, first: int = 0, key: str | None = None) -> Node | None:
    """An empty node for one name form (None when the form has no key: debris); ``key`` if known."""
    if key is None:
        key = crypt.key if crypt is not None else name_key(text, etype)
    if not key:
        return None
    node = Node(doc, etype, key, first=first)
    if crypt is not None:
        node.crypt, node.exact_only = crypt, True
    elif etype == "PERSON":
        node.person = parse_person(text)
    elif is_acronym(text):
        node.acronym = clean(text).replace(".", "").upper()
    node.body = gazetteer().get(key) if etype == "ORG" and crypt is None else None
    return node


def build_nodes(mentions: list[Mention]) -> list[Node]:
    """Group resolvable mentions into nodes by (document, type, name key); deterministic order."""
    nodes: dict[tuple[str, str, str], Node] = {}
    for m in mentions:
        etype, crypt = typed(m)
        if etype is None:
            continue
        text = compared_text(name_text(m), etype) if crypt is None else name_text(m)
        key = crypt.key if crypt is not None else name_key(text, etype)
        if not key:
            continue
        node = nodes.get((m.doc_id, etype, key))
        if node is None:
            made = new_node(m.doc_id, etype, text, crypt, m.start, key)
            if made is None:
                continue
            node = nodes[(m.doc_id, etype, key)] = made
        node.mention_ids.append(m.id)
        node.texts[text] += 1
        title = m.attrs.get("title")
        if isinstance(title, str) and title.strip():
            node.titles.add(title.strip().strip(".").casefold())
        node.first = min(node.first, m.start)
    for node in nodes.values():
        node.mention_ids.sort()
    return sorted(nodes.values(), key=lambda n: (n.doc, n.type, n.anchor))


def mark_definitions(nodes: list[Node], expansions: dict[str, str]) -> None:
    """Record on acronym nodes the initials of the expansion they are defined with (acronym mention id -> expansion text)."""
    for node in nodes:
        if node.acronym:
            for mid in node.mention_ids:
                if mid in expansions:
                    node.defined = initials(expansions[mid])
                    break


@dataclass(slots=True)
class Profile:
    """A within-document cluster: one entity as one document knows it."""

    doc: str
    type: str
    nodes: list[Node]
    best: Node  # the fullest, most frequent form: what other documents are compared with

    @property
    def anchor(self) -> str:
        """The best node's anchor mention: where cross-document judgements attach."""
        return self.best.anchor

    def context_token(self) -> str:
        """What other profiles of the document see of this one (surname, or dominant key)."""
        if self.best.person is not None:
            return self.best.person.surname or self.best.key
        return self.best.key


def best_node(nodes: list[Node]) -> Node:
    """The fullest form (most name parts), then the most frequent, then the earliest."""

    def rank(n: Node) -> tuple[int, int, int, str]:
        parts = n.person.parts if n.person else 1
        return (-parts if n.person else -n.count, -n.count, -len(n.key), n.anchor)

    return min(nodes, key=rank)
