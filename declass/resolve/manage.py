"""Store-facing operations behind the entity commands: explain, merge, split, rename, rebuild.

Manual decisions are stored as overrides (never by editing judgements), then the clusters are
re-assembled from the stored judgements plus all overrides, so they survive re-resolution.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from declass.errors import NotFound
from declass.model import Entity, Judgement
from declass.resolve.clusters import assemble, build_entities
from declass.resolve.compare import explain
from declass.resolve.nodes import entity_type

if TYPE_CHECKING:
    from declass.store.base import Store


def entity_summary(e: Entity) -> dict[str, Any]:
    """The JSON shape of an entity in listings (stable keys)."""
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "mentions": len(e.mention_ids),
        "documents": e.doc_ids,
        "variants": e.variants,
        "aliases": e.aliases,
        "confidence": e.attrs.get("confidence"),
        **({"surname_only": True, "possibly": e.attrs.get("possibly", [])} if e.attrs.get("surname_only") else {}),
    }


def _judgement_view(j: Judgement) -> dict[str, Any]:
    feats = j.evidence.get("features", {})
    return {
        "left": j.left,
        "right": j.right,
        "same": j.same,
        "score": j.score,
        "rule": j.rule,
        "source": j.source,
        "forms": j.evidence.get("forms"),
        "documents": j.evidence.get("docs"),
        "features": [{"name": k, "value": v, "explanation": explain(k)} for k, v in feats.items()],
        **({"relation": j.evidence["relation"], "span": j.evidence.get("span")} if "relation" in j.evidence else {}),
        **({"candidates": j.evidence["candidates"]} if "candidates" in j.evidence else {}),
    }


def explain_entity(store: Store, entity_id: str) -> dict[str, Any]:
    """An entity with every judgement behind it: merges inside it, doubts and refusals at its edge."""
    e = store.get_entity(entity_id)
    members = set(e.mention_ids)
    merges, edges = [], []
    for j in store.iter_judgements():
        inside, touching = j.left in members and j.right in members, j.left in members or j.right in members
        if j.rule == "same_form":
            continue
        if inside and j.same:
            merges.append(_judgement_view(j))
        elif touching and not j.same:
            edges.append(_judgement_view(j))
    same_form = sum(n - 1 for n in e.variants.values())
    return {**entity_summary(e), "same_form_links": same_form, "merges": merges, "kept_apart": edges, "attrs": e.attrs}


def possibly_also(store: Store, e: Entity) -> list[dict[str, Any]]:
    """The persons an entity is possibly also: a surname-only entity's candidates, or for a full
    name the surname-only entity that lists it ("Castro" for Fidel Castro). For the trace."""
    if e.attrs.get("surname_only"):
        return [{"id": p["id"], "name": p["name"], "why": "same surname, not attached"} for p in e.attrs.get("possibly", [])]
    words = e.name.split()
    if e.type != "PERSON" or len(words) < 2 or "cryptonym" in e.attrs:
        return []
    out = []
    for other in store.list_entities(type="PERSON", name=words[-1], limit=50):
        if other.attrs.get("surname_only") and any(p.get("id") == e.id for p in other.attrs.get("possibly", [])):
            why = f"the surname alone, {len(other.mention_ids)} mentions in {len(other.doc_ids)} documents"
            out.append({"id": other.id, "name": other.name, "why": why})
    return out


def _anchor(store: Store, entity_id: str) -> Entity:
    e = store.get_entity(entity_id)
    if not e.mention_ids:
        raise NotFound(f"entity {entity_id!r} has no mentions")
    return e


def rebuild_entities(store: Store) -> int:
    """Re-assemble every entity from stored judgements and overrides (no re-scoring)."""
    mentions = {m.id: m for m in store.iter_mentions() if entity_type(m) is not None}
    types = {mid: entity_type(m) or "ORG" for mid, m in mentions.items()}
    judgements = list(store.iter_judgements())
    overrides = store.list_overrides()
    uf, accepted = assemble(mentions, judgements, overrides)
    entities = build_entities(mentions, types, uf, judgements, accepted, overrides)
    store.replace_entities(entities)
    return len(entities)


def merge_entities(store: Store, left: str, right: str) -> None:
    """Record that two entities are one, then re-assemble."""
    a, b = _anchor(store, left), _anchor(store, right)
    store.add_override("merge", {"left": a.mention_ids[0], "right": b.mention_ids[0], "entities": [a.id, b.id]})
    rebuild_entities(store)


def split_entity(store: Store, entity_id: str, mention_ids: list[str]) -> None:
    """Record that some mentions of an entity are someone else, then re-assemble."""
    e = _anchor(store, entity_id)
    unknown = [m for m in mention_ids if m not in e.mention_ids]
    if unknown:
        raise NotFound(f"mentions {', '.join(unknown)} are not in entity {entity_id}")
    rest = [m for m in e.mention_ids if m not in set(mention_ids)]
    store.add_override("split", {"entity": e.id, "mentions": sorted(mention_ids), "rest": rest})
    rebuild_entities(store)


def rename_entity(store: Store, entity_id: str, name: str) -> None:
    """Record a canonical name chosen by a user, then re-assemble."""
    e = _anchor(store, entity_id)
    store.add_override("rename", {"entity": e.id, "anchor": e.mention_ids[0], "name": name})
    rebuild_entities(store)
