"""The cross-document step over spilled profiles, block by block (issue 13).

Bounded resolution (:mod:`declass.resolve.streaming`) used to keep every slimmed profile of the
corpus in memory for the cross-document step (~550 bytes a mention at 100,000 synthetic mentions),
since :func:`~declass.resolve.resolver.across_documents` looks at all of them at once. Here each
document's profiles are written, as they are judged, to a SQLite file in the run's temporary folder
(:class:`ProfileSpill`, compact pickles of :mod:`declass.resolve.codec`), and what the step needs to
group them is kept as small values per profile: its document, its precise name (type and key) or
its blocking keys, its surname, the acronyms it spells out, and per document the context tokens and
places. :func:`across_spilled` then gives the judgements of
:func:`~declass.resolve.resolver.iter_across_documents`, the same ones in the same order, reading
the profiles back one group at a time:

1. **Surnames**: per surname (in order of its first bare occurrence), the person profiles bearing
   it go through :func:`~declass.resolve.surnames.surname_judgements`, which looks at nothing else.
2. **Same name**: per precise name, its profiles are chained (by place for an embassy); the first
   is the name's representative, with the context of its documents.
3. **Known expansions**: the bare acronyms' profiles and the organisations spelling them out.
4. **Blocks**: the representatives' blocking keys go to :func:`~declass.resolve.blocking.block_pairs`,
   which reads a block's profiles only to sort an oversized one; each candidate pair's two profiles
   are read as it is made (a small cache holds the last ones read: a block's members are read together).

The client's memory is then the per-profile values (integers and shared strings) plus the largest
group or block read at once, not every profile.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path

from declass.model import Judgement
from declass.resolve import codec
from declass.resolve.blocking import block_pairs
from declass.resolve.expansions import expansion_keys, known_expansion_judgements
from declass.resolve.local import chain_by_place, document_places, is_local_body
from declass.resolve.nodes import Node, Profile
from declass.resolve.resolver import (
    Mapper,
    _contexts,
    _strong,
    cross_pair,
    group_context,
    places_apart,
    profile_keys,
    same_name_judgements,
    sort_key,
)
from declass.resolve.scoring import ResolveConfig
from declass.resolve.slim import Interner
from declass.resolve.surnames import is_surname_only, surname_judgements

CACHE = 1024  # profiles kept after reading (the members of the block being paired, a window of an oversized one)
BATCH = 1000  # profiles per insert


class ProfileSpill:
    """Profiles by position (0, 1, ... in the order added) in a SQLite file, and what the
    cross-document step groups them by, in memory."""

    def __init__(self, folder: Path, intern: Interner | None = None) -> None:
        self._db = sqlite3.connect(folder / "profiles.sqlite", isolation_level=None)
        self._db.execute("pragma journal_mode=off")
        self._db.execute("pragma synchronous=off")
        self._db.execute("create table profiles (k integer primary key, blob blob not null)")
        self._pending: list[tuple[int, bytes]] = []
        self._cache: dict[int, Profile] = {}
        self.intern = intern or Interner()
        self.docs: list[str] = []
        self.names: list[tuple[str, str] | None] = []  # (type, key) of a precise name, else None
        self.weak_keys: dict[int, tuple[str, ...]] = {}  # blocking keys of the imprecise ones
        self.persons: dict[str, list[int]] = defaultdict(list)  # surname -> person profiles
        self.first_bare: dict[str, int] = {}  # surname -> its first bare-surname profile, in that order
        self.spelled: list[tuple[int, frozenset[str]]] = []  # organisations spelling out acronyms
        self.contexts: dict[str, frozenset[str]] = {}
        self.places: dict[str, frozenset[str]] = {}
        self.doc_context: dict[str, list[str]] = defaultdict(list)  # document -> its profiles' tokens

    def __len__(self) -> int:
        return len(self.docs)

    def add(self, profiles: Sequence[Profile]) -> None:
        """One document's profiles (after relation merges), written in the order given."""
        for doc, tokens in _contexts(list(profiles)).items():
            self.contexts[doc] = self.contexts.get(doc, frozenset()) | tokens
        for doc, keys in document_places(profiles).items():
            self.places[doc] = self.places.get(doc, frozenset()) | keys
        for p in profiles:
            k = len(self.docs)
            self.docs.append(self.intern(p.doc))
            self.doc_context[p.doc].append(p.context_token())
            person = p.best.person
            if person is not None:
                self.persons[self.intern(person.surname)].append(k)
                if is_surname_only(p):
                    self.first_bare.setdefault(person.surname, k)
            if _strong(p):
                self.names.append(self.intern((p.type, p.best.key)))
            else:
                self.names.append(None)
                self.weak_keys[k] = tuple(self.intern(x) for x in profile_keys(p))
            if p.type == "ORG" and len(p.nodes) > 1:
                acronyms = frozenset(expansion_keys(p))
                if acronyms:
                    self.spelled.append((k, acronyms))
            self._pending.append((k, codec.dumps(p)))
        if len(self._pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._db.executemany("insert into profiles values (?, ?)", self._pending)
            self._pending = []

    def get(self, k: int) -> Profile:
        """The profile at position ``k`` (one object while it stays in the cache)."""
        p = self._cache.get(k)
        if p is None:
            self._flush()
            (blob,) = self._db.execute("select blob from profiles where k = ?", (k,)).fetchone()
            p = self._cache[k] = codec.loads(blob)
            if len(self._cache) > CACHE:
                del self._cache[next(iter(self._cache))]
        return p

    def many(self, ks: Iterable[int]) -> list[Profile]:
        """The profiles at positions ``ks``, in that order; one object per position."""
        return [self.get(k) for k in ks]

    def close(self) -> int:
        """Close the file; returns its size in bytes (what the profiles took on disk)."""
        self._flush()
        self._cache.clear()
        (pages,) = self._db.execute("pragma page_count").fetchone()
        (size,) = self._db.execute("pragma page_size").fetchone()
        self._db.close()
        return int(pages * size)


def across_spilled(spill: ProfileSpill, config: ResolveConfig, mapper: Mapper = map) -> Iterator[Judgement]:
    """The judgements ``iter_across_documents`` makes of the spilled profiles, in its order (module
    docstring); the profiles are read back a group or a block at a time."""
    context, places = spill.contexts, spill.places
    handled: set[int] = set()
    for surname in spill.first_bare:
        ks = spill.persons[surname]
        js, mine = surname_judgements(spill.many(ks), context, config.cross_doc)
        yield from js
        handled.update(ks[i] for i in mine)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    reps: list[int] = []
    rep_ctx: list[frozenset[str]] = []
    rep_places: list[frozenset[str] | None] = []  # set for a local body (an embassy)
    rep_keys: list[tuple[str, ...]] = []
    for k, name in enumerate(spill.names):
        if k in handled:
            continue
        if name is not None:
            groups[name].append(k)
        else:
            reps.append(k)
            rep_ctx.append(context.get(spill.docs[k], frozenset()))
            rep_places.append(None)
            rep_keys.append(spill.weak_keys[k])
    del handled
    bare: dict[str, list[int]] = {}
    for (etype, key), ks in groups.items():
        same = spill.many(ks)
        position = {id(p): k for p, k in zip(same, ks, strict=True)}
        local = etype == "ORG" and is_local_body(key)
        for members in chain_by_place(same, places, context) if local else [same]:
            yield from same_name_judgements(members)
            reps.append(position[id(members[0])])
            rep_ctx.append(group_context(members, context))
            rep_places.append(frozenset().union(*(places.get(m.doc, frozenset()) for m in members)) if local else None)
            rep_keys.append(tuple(profile_keys(members[0])))
        if etype == "ORG" and len(same[0].nodes) == 1:
            bare[same[0].best.acronym or ""] = ks
    del groups
    yield from _known_expansions(spill, {a: ks for a, ks in bare.items() if a})

    def ordered(members: list[int]) -> list[int]:
        return sorted(members, key=lambda i: sort_key(spill.get(reps[i]).best))

    def pairs() -> Iterator[tuple[Node, Node, frozenset[str]]]:
        for i, j in block_pairs(rep_keys, ordered, max_block=config.max_block, window=config.window):
            if spill.docs[reps[i]] == spill.docs[reps[j]]:
                continue
            a, b = spill.get(reps[i]), spill.get(reps[j])
            if not places_apart(rep_places[i], rep_places[j], places.get(a.doc), places.get(b.doc)):
                yield a.best, b.best, (rep_ctx[i] & rep_ctx[j]) - {a.context_token(), b.context_token()}

    yield from (jg for jg in mapper(partial(cross_pair, config=config), pairs()) if jg is not None)


def _known_expansions(spill: ProfileSpill, bare: dict[str, list[int]]) -> list[Judgement]:
    """``known_expansion_judgements`` over the bare acronyms' profiles and the organisations that
    spell one of them out, read once (one object per profile: the function compares identities)."""
    spelling = [k for k, acronyms in spill.spelled if not acronyms.isdisjoint(bare)]
    if not bare or not spelling:
        return []
    ks = sorted({*spelling, *(k for members in bare.values() for k in members)})
    read = dict(zip(ks, spill.many(ks), strict=True))
    return known_expansion_judgements({a: [read[k] for k in members] for a, members in bare.items()}, [read[k] for k in spelling])
