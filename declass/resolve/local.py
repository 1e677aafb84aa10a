"""Bodies that every capital has one of: an embassy named without its city is only as precise as
the record's place.

"Soviet Embassy" in a memo from New Delhi and in a cable from Mexico City are two bodies that print
the same name; so are "the American Embassy" of Havana and of Moscow. A name made of a country (or
its adjective) and a mission word (:data:`LOCAL_HEADS`) is therefore not a precise name across
documents: two such profiles are one body only when their documents also share a place that is not
a country ("Mexico City"), since every record of the Soviet Embassy names the Soviet Union; a record
naming no place at all joins only when the corpus knows one such body (:func:`chain_by_place`). A form
that names its city ("Soviet Embassy, Mexico City") is precise and is compared as before. Within
one document nothing changes: a record speaks of one embassy of a country at a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from declass.resolve.clusters import UnionFind
from declass.resolve.countries import country_keys, country_words
from declass.resolve.nodes import Profile
from declass.types.names import name_key

# The last word of a body that a country keeps in many cities.
LOCAL_HEADS = frozenset({"embassy", "embassies", "consulate", "legation", "chancery", "consulates"})


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(name_key(h, "ORG") for h in LOCAL_HEADS)


def is_local_body(key: str) -> bool:
    """Whether an organisation's name key is a country's mission named without its city
    ("soviet embassy", "american consulate"; not "soviet embassy mexico city"); the key is folded
    as :func:`declass.types.names.name_key` folds ("soviet embasi"), and so is a plain name."""
    words = name_key(key, "ORG").split()
    if len(words) < 2 or words[-1] not in _heads():
        return False
    return all(w in country_words() or w == "the" for w in words[:-1])


def document_places(profiles: Iterable[Profile]) -> dict[str, frozenset[str]]:
    """Document -> the name keys of the places it mentions that are not countries."""
    out: dict[str, set[str]] = defaultdict(set)
    countries = country_keys()
    for p in profiles:
        if p.type == "LOC":
            out[p.doc].update(n.key for n in p.nodes if n.key not in countries)
    return {doc: frozenset(keys) for doc, keys in out.items()}


def chain_by_place(
    members: Sequence[Profile], places: Mapping[str, frozenset[str]], context: Mapping[str, frozenset[str]] | None = None
) -> list[list[Profile]]:
    """Profiles of one local-body name grouped by shared places: two are in one group when a chain
    of documents sharing a place joins them. A document that names no place joins the one group
    when there is only one and nothing conflicts (:func:`_fits`), and otherwise stays alone
    (nothing says which embassy it means)."""
    uf = UnionFind()
    first_with: dict[str, str] = {}
    for k, p in enumerate(members):
        uf.find(str(k))
        for place in sorted(places.get(p.doc, frozenset())):
            if place in first_with:
                uf.union(first_with[place], str(k))
            else:
                first_with[place] = str(k)
    placed: dict[str, list[Profile]] = defaultdict(list)
    placeless: list[Profile] = []
    for k, p in enumerate(members):
        if places.get(p.doc):
            placed[uf.find(str(k))].append(p)
        else:
            placeless.append(p)
    groups = list(placed.values())
    if len(groups) <= 1:
        # One body of the name in the corpus (or none placed): a record naming no place joins it, as
        # a bare surname joins the only bearer of a surname, unless its other names conflict.
        if not groups or context is None:
            return [[*(groups[0] if groups else []), *placeless]] if members else []
        seen = _names_around(groups[0], context, members[0].best.key)
        fits = [p for p in placeless if _fits(p, seen, context)]
        return [[*groups[0], *fits], *([p] for p in placeless if not _fits(p, seen, context))]
    return groups + [[p] for p in placeless]


def _names_around(group: Sequence[Profile], context: Mapping[str, frozenset[str]], own: str) -> frozenset[str]:
    """The names the documents of a group mention besides the body itself and countries."""
    names: set[str] = set()
    for p in group[:20]:
        names |= context.get(p.doc, frozenset())
    return frozenset(names - country_keys() - {own})


def _fits(p: Profile, seen: frozenset[str], context: Mapping[str, frozenset[str]]) -> bool:
    """A record naming no place names nothing else either, or shares a name with the placed body's
    records: the Soviet Embassy of a Mexico City memo (LIEMPTY, Oswald) is not New Delhi's (Dedkov)."""
    own = context.get(p.doc, frozenset()) - country_keys() - {p.best.key}
    return not own or bool(own & seen)
