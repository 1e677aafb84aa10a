"""What bounded resolution keeps of a profile for the cross-document step, and nothing more.

Bounded resolution (:mod:`declass.resolve.streaming`) keeps every within-document profile until
the cross-document step has compared them all. That step (``resolver.across_documents``,
``surnames.surname_judgements``, ``local.document_places``) reads of a profile:

* its **best node** in full (it is what other documents are scored against, and what a
  cross-document judgement names: its anchor, texts, parsed name, titles, acronym, cryptonym);
* of its **other nodes** only the name key (blocking keys of organisations, places of a
  document), the gazetteer body, the parsed name (a given name or not), the mention count and the
  printed titles; never their mention ids (no judgement attaches to them), and their texts only
  in a profile holding an acronym (the forms spelling it out are read by their initials);
* all of a profile only when a stated relation (acronym, translation) names one of its mentions:
  ``_merge_relation_profiles`` then joins it with another and picks a new best node among all.

:func:`slim_profiles` reduces each profile to that: the other nodes lose their texts (a shared
empty mapping that refuses writes) and every mention id (placeholders keep the count); empty title
sets become one shared frozen set; the strings and parsed names repeated across documents (type,
document, key, the name of a popular person) are interned, one object for all their profiles. It
returns the anchors the cross-document judgements can name, which are the only ids the caller
must map to integers. Measured on 20,000 mentions of the synthetic benchmark corpus (``docs/scale.md``):
718 bytes of profiles a mention before, 378 after, and 2.3 times fewer anchors to index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, NoReturn, cast

from declass.resolve.nodes import Node, Profile

GONE = ""  # what a node keeps of a mention id it no longer needs


class _NoTexts(Counter[str]):
    """The texts of a node nobody reads again: empty, and writing to it is a programming error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        dict.__init__(self)

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a slimmed node keeps no texts")

    __setitem__ = update = subtract = setdefault = _refuse  # type: ignore[assignment]


NO_TEXTS: Counter[str] = _NoTexts()
NO_TITLES = cast(set[str], frozenset())  # shared and immutable: a write raises AttributeError


class Interner:
    """One object per distinct value (strings, parsed names), shared by every profile holding it."""

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def __call__(self, value: Any) -> Any:
        if value is None:
            return None
        return self._seen.setdefault(value, value)

    def __len__(self) -> int:
        return len(self._seen)


def _slim_node(node: Node, intern: Interner, *, keep_anchor: bool, wanted: set[str] | frozenset[str]) -> None:
    node.doc, node.type, node.key = intern(node.doc), intern(node.type), intern(node.key)
    node.person = intern(node.person)
    node.body = intern(node.body)
    if not node.titles:
        node.titles = NO_TITLES
    ids = node.mention_ids
    node.mention_ids = [m if (k == 0 and keep_anchor) or m in wanted else GONE for k, m in enumerate(ids)]


def slim_profiles(profiles: Iterable[Profile], wanted: set[str] | frozenset[str], intern: Interner) -> Iterator[str]:
    """Reduce ``profiles`` in place to what the cross-document step reads (module docstring);
    yields the mention ids cross-document judgements may name: best anchors, and every anchor
    and ``wanted`` id (mentions a relation or override names) of a profile holding one of those."""
    for p in profiles:
        whole = any(m in wanted for n in p.nodes for m in n.mention_ids)
        # An acronym's profile keeps its forms' texts: the forms that spell it out ("Air Force" beside
        # "AF") are read by their initials (``expansions.expansion_keys``) across documents.
        texts = whole or any(n.acronym for n in p.nodes)
        for node in p.nodes:
            keep = whole or node is p.best
            if keep:
                yield node.anchor
            _slim_node(node, intern, keep_anchor=keep, wanted=wanted)
            if not texts and node is not p.best:
                node.texts = NO_TEXTS
