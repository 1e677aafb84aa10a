"""Entity resolution: mentions -> entities, within a document and across the corpus, explainably.

Three layers, as in nomenklatura: :mod:`~declass.resolve.blocking` makes candidate pairs,
:mod:`~declass.resolve.compare` holds small pure features (docstring = explanation),
:mod:`~declass.resolve.resolver` turns them into stored :class:`~declass.model.Judgement` s.
Entities are the connected components of positive judgements (:mod:`~declass.resolve.clusters`),
assembled when read, with manual overrides re-applied, so any merge can be undone.

Public functions: :func:`resolve` (pure, whole set), :func:`resolve_incremental` (new mentions
against existing entities), :func:`resolve_store` (reads and writes a :class:`~declass.store.Store`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from declass.model import Entity, Judgement, Mention, Relation
from declass.resolve.clusters import UnionFind, assemble, build_entities, canonical_name
from declass.resolve.nodes import Node, Profile, entity_type
from declass.resolve.resolver import across_documents, judge
from declass.resolve.scoring import DEFAULT_CONFIG, ResolveConfig

if TYPE_CHECKING:
    from declass.store.base import Store

__all__ = ["ResolveConfig", "DEFAULT_CONFIG", "resolve", "resolve_incremental", "resolve_store"]


def _resolvable(mentions: Sequence[Mention]) -> tuple[dict[str, Mention], dict[str, str]]:
    by_id: dict[str, Mention] = {}
    types: dict[str, str] = {}
    for m in mentions:
        etype = entity_type(m)
        if etype is not None:
            by_id[m.id], types[m.id] = m, etype
    return by_id, types


def resolve(
    mentions: Sequence[Mention],
    relations: Sequence[Relation] = (),
    *,
    existing: Sequence[Entity] | None = None,
    overrides: Sequence[dict[str, Any]] = (),
    config: ResolveConfig = DEFAULT_CONFIG,
    context: bool = True,
) -> tuple[list[Judgement], list[Entity]]:
    """Resolve mentions into entities: every automatic judgement, and the entities they make.

    With ``existing`` entities the mentions are new ones resolved against them (see
    :func:`resolve_incremental`); only new or changed entities are returned. ``overrides`` are the
    store's manual merges, splits and renames (``{"action": ..., "args": {...}}``), re-applied.
    """
    if existing is not None:
        return resolve_incremental(mentions, relations, existing, overrides=overrides, config=config)
    by_id, types = _resolvable(mentions)
    judgements, profiles = judge(list(by_id.values()), relations, config)
    uf, accepted = assemble(by_id, judgements, overrides)
    ctx = _profile_context(profiles) if context else None
    return judgements, build_entities(by_id, types, uf, judgements, accepted, overrides, ctx)


def _profile_context(profiles: list[Profile]) -> dict[str, list[str]]:
    ctx: dict[str, list[str]] = defaultdict(list)
    for p in profiles:
        ctx[p.doc].append(p.context_token())
    return ctx


def _entity_profile(e: Entity) -> Profile:
    """A stand-in profile for an existing entity: its canonical name as the best node."""
    from declass.resolve.names import clean, is_acronym, name_key, parse_person

    anchor = e.mention_ids[0]
    nodes = []
    for text in sorted(e.variants) or [e.name]:
        n = Node(doc=f"entity:{e.id}", type=e.type, key=name_key(text, e.type), mention_ids=[anchor])
        n.texts[text] = e.variants.get(text, 1)
        if e.type == "PERSON":
            n.person = parse_person(text)
        elif is_acronym(text):
            n.acronym = clean(text).upper()
        nodes.append(n)
    best = Node(doc=f"entity:{e.id}", type=e.type, key=name_key(e.name, e.type), mention_ids=[anchor])
    best.texts[e.name] = 1
    best.person = parse_person(e.name) if e.type == "PERSON" else None
    return Profile(best.doc, e.type, nodes, best)


def resolve_incremental(
    mentions: Sequence[Mention],
    relations: Sequence[Relation],
    existing: Sequence[Entity],
    *,
    overrides: Sequence[dict[str, Any]] = (),
    config: ResolveConfig = DEFAULT_CONFIG,
) -> tuple[list[Judgement], list[Entity]]:
    """Resolve new mentions against existing entities without recomputing the corpus.

    The new mentions are judged among themselves as in :func:`resolve`, then each new
    within-document cluster is compared with the existing entities sharing a blocking key. Returns
    the new judgements and the entities that are new or changed (existing entities a new mention
    joined keep their id when their lowest mention stays the lowest).
    """
    by_id, types = _resolvable(mentions)
    judgements, profiles = judge(list(by_id.values()), relations, config)
    olds = [_entity_profile(e) for e in existing if e.mention_ids]
    ctx = {p.doc: frozenset(e.attrs.get("context", [])) for p, e in zip(olds, [e for e in existing if e.mention_ids])}
    ctx.update({doc: frozenset(t) for doc, t in _profile_context(profiles).items()})
    cross = [j for j in across_documents(profiles + olds, ctx, config) if (j.left in by_id) != (j.right in by_id)]
    judgements += cross
    uf = UnionFind()
    ent_of: dict[str, Entity] = {}
    for e in existing:
        for m in e.mention_ids:
            ent_of[m] = e
            uf.union(e.mention_ids[0], m, force=True)
    everything = list(by_id) + list(ent_of)
    uf2, accepted = assemble(everything, [*judgements, *(_chain(e) for e in existing)], overrides)
    del uf
    touched = {uf2.find(m) for m in by_id}
    new_ids = {m: mm for m, mm in by_id.items()}
    members: dict[str, list[str]] = defaultdict(list)
    for m in everything:
        r = uf2.find(m)
        if r in touched:
            members[r].append(m)
    # Build the touched entities: new mentions by text, old entities by their variants.
    out: list[Entity] = []
    new_entities = {e.id: e for e in build_entities(new_ids, types, uf2, judgements, [i for i in accepted if i < len(judgements)], overrides)}
    for root, mids in members.items():
        olds_here = {ent_of[m].id: ent_of[m] for m in mids if m in ent_of}
        fresh = [m for m in mids if m in by_id]
        base = next((e for e in new_entities.values() if fresh and fresh[0] in e.mention_ids), None)
        variants: dict[str, int] = dict(base.variants) if base else {}
        aliases = set(base.aliases) if base else set()
        docs = set(base.doc_ids) if base else set()
        for e in olds_here.values():
            for t, n in e.variants.items():
                variants[t] = variants.get(t, 0) + n
            aliases |= set(e.aliases)
            docs |= set(e.doc_ids)
        all_ids = sorted(mids)
        etype = types.get(fresh[0]) if fresh else next(iter(olds_here.values())).type
        from collections import Counter

        from declass.model import make_id

        name = canonical_name(etype or "ORG", Counter(variants))
        attrs = dict(base.attrs) if base else {}
        out.append(Entity(make_id("entity", all_ids[0]), etype or "ORG", name, variants, sorted(aliases), all_ids, sorted(docs), attrs))
    return judgements, out


def _chain(e: Entity) -> Judgement:
    """Placeholder positive keeping an existing entity together (never stored)."""
    return Judgement(e.mention_ids[0], e.mention_ids[-1], True, 1.0, "existing", {}, "user")


def resolve_store(store: Store, doc_ids: Sequence[str] | None = None, *, config: ResolveConfig = DEFAULT_CONFIG) -> dict[str, int]:
    """Re-resolve the store (all documents, or new ones incrementally) and write judgements and entities back.

    Full mode replaces the automatic judgements and every entity; manual overrides are re-applied.
    With ``doc_ids``, the mentions of those documents are resolved against the stored entities and
    only touched entities are rewritten; if any of those mentions is already resolved (a re-ingest),
    the corpus is re-resolved in full instead.
    """
    overrides = store.list_overrides()
    if doc_ids is not None:
        mentions = [m for d in doc_ids for m in store.iter_mentions(doc_id=d)]
        relations = [r for d in doc_ids for r in store.iter_relations(doc_id=d)]
        existing = _all_entities(store)
        resolved = {m for e in existing for m in e.mention_ids}
        if not any(m.id in resolved for m in mentions):
            judgements, entities = resolve_incremental(mentions, relations, existing, overrides=overrides, config=config)
            store.add_judgements(judgements)
            store.replace_entities(entities, mention_ids=[m for e in entities for m in e.mention_ids])
            return {"mentions": len(mentions), "judgements": len(judgements), "entities": len(entities)}
    mentions = list(store.iter_mentions())
    relations = list(store.iter_relations())
    judgements, entities = resolve(mentions, relations, overrides=overrides, config=config)
    store.clear_judgements(source="auto")
    store.add_judgements(judgements)
    store.replace_entities(entities)
    return {"mentions": len(mentions), "judgements": len(judgements), "entities": len(entities)}


def _all_entities(store: Store, page: int = 5000) -> list[Entity]:
    out: list[Entity] = []
    while True:
        batch = store.list_entities(limit=page, offset=len(out))
        out += batch
        if len(batch) < page:
            return out
