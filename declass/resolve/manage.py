"""Store-facing operations behind the entity commands and the review pages: explain, merge, split,
rename, retype, "not an entity", wrong type, add a mention, judge a pair, undo; rebuild.

Manual decisions are stored as overrides (never by editing judgements or mentions), with who made
them and why, then the clusters are re-assembled from the stored judgements plus every override
in force (:mod:`declass.resolve.corrections`), so they survive re-ingest and re-resolution and
undoing one is marking it undone and re-assembling. Each operation returns
``{"override": id, "action", "affected": mentions changed, ...}``, the count also kept on the
override row for the history page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from declass.errors import InputError, NotFound, QueryError
from declass.model import Entity, Judgement, Mention
from declass.resolve.clusters import assemble, build_entities
from declass.resolve.compare import explain
from declass.resolve.corrections import ENTITY_TYPES, MENTION_LABELS, Corrections, mention_key
from declass.resolve.nodes import entity_type
from declass.resolve.typing_evidence import corpus_types
from declass.types.suppression import CONTEXTS

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
    # Names and attributes only: the members of 50 entities sharing a common surname can be
    # hundreds of thousands of rows in a large archive.
    found = [
        o
        for o in store.list_entities(type="PERSON", name=words[-1], exact=True, limit=50, members=False)
        if o.attrs.get("surname_only") and any(p.get("id") == e.id for p in o.attrs.get("possibly", []))
    ]
    counts = store.entity_summaries(o.id for o in found)
    for other in found:
        n = counts.get(other.id, {}).get("mention_count", 0)
        why = f"the surname alone, {n} mentions in {len(other.doc_ids)} documents"
        out.append({"id": other.id, "name": other.name, "why": why})
    return out


def _anchor(store: Store, entity_id: str) -> Entity:
    e = store.get_entity(entity_id)
    if not e.mention_ids:
        raise NotFound(f"entity {entity_id!r} has no mentions")
    return e


def rebuild_entities(store: Store) -> int:
    """Re-assemble every entity from stored judgements and overrides in force (no re-scoring).

    A store of more than ``BOUNDED_ABOVE`` mentions is re-assembled in bounded memory, with the
    same entities (:func:`declass.resolve.rebuild.rebuild_entities_bounded`)."""
    from declass.resolve import BOUNDED_ABOVE

    if store.count_mentions() > BOUNDED_ABOVE:
        from declass.resolve.rebuild import rebuild_entities_bounded

        return rebuild_entities_bounded(store)
    corrections = Corrections.load(store)
    kept = corrections.mentions(store, store.iter_mentions())
    mentions = {m.id: m for m in corpus_types(kept) if entity_type(m) is not None}
    types = {mid: entity_type(m) or "ORG" for mid, m in mentions.items()}
    judgements = list(store.iter_judgements())
    overrides = corrections.cluster_overrides()
    # A mention left out ("not an entity") still links the others as the stored judgements did
    # (it may be the one every same-form link goes through); it just belongs to no entity.
    uf, accepted = assemble([*mentions, *corrections.left_out], judgements, overrides)
    entities = build_entities(mentions, types, uf, judgements, accepted, overrides)
    store.replace_entities(corrections.retype(entities))
    return len(entities)


def _record(
    store: Store, action: str, args: dict[str, Any], affected: int, reviewer: str | None, reason: str | None
) -> dict[str, Any]:
    """Store one correction, re-assemble the entities, and say what it did."""
    oid = store.add_override(action, args, reviewer=reviewer, reason=reason)
    rebuild_entities(store)
    store.set_override_affected(oid, affected)
    return {"override": oid, "action": action, "affected": affected, "args": args}


def merge_entities(
    store: Store, left: str, right: str, *, reviewer: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Record that two entities are one, then re-assemble; the smaller one's mentions change."""
    a, b = _anchor(store, left), _anchor(store, right)
    if a.id == b.id:
        raise InputError(f"entity {a.id}", "cannot merge an entity with itself")
    args = {"left": a.mention_ids[0], "right": b.mention_ids[0], "entities": [a.id, b.id]}
    return _record(store, "merge", args, min(len(a.mention_ids), len(b.mention_ids)), reviewer, reason)


def split_entity(
    store: Store, entity_id: str, mention_ids: list[str], *, reviewer: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Record that some mentions of an entity are someone else, then re-assemble."""
    e = _anchor(store, entity_id)
    unknown = [m for m in mention_ids if m not in e.mention_ids]
    if unknown:
        raise NotFound(f"mentions {', '.join(unknown)} are not in entity {entity_id}")
    if not mention_ids or len(set(mention_ids)) == len(e.mention_ids):
        raise InputError(f"entity {entity_id}", f"name some but not all of its {len(e.mention_ids)} mentions to split off")
    rest = [m for m in e.mention_ids if m not in set(mention_ids)]
    args = {"entity": e.id, "mentions": sorted(set(mention_ids)), "rest": rest}
    return _record(store, "split", args, len(args["mentions"]), reviewer, reason)


def rename_entity(
    store: Store, entity_id: str, name: str, *, reviewer: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Record a canonical name chosen by a user, then re-assemble."""
    e = _anchor(store, entity_id)
    if not name.strip():
        raise InputError(f"entity {entity_id}", "the new name is empty")
    args = {"entity": e.id, "anchor": e.mention_ids[0], "name": name.strip()}
    return _record(store, "rename", args, len(e.mention_ids), reviewer, reason)


def retype_entity(
    store: Store, entity_id: str, etype: str, *, reviewer: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Record an entity's type chosen by a user (PERSON, ORG or LOC), then re-assemble."""
    e = _anchor(store, entity_id)
    if etype not in ENTITY_TYPES:
        raise InputError(f"entity {entity_id}", f"type {etype!r} is not one of {', '.join(ENTITY_TYPES)}")
    args = {"entity": e.id, "anchor": e.mention_ids[0], "type": etype, "was": e.type}
    return _record(store, "retype", args, len(e.mention_ids), reviewer, reason)


def _mention(store: Store, mention_id: str) -> Mention:
    for m in store.get_mentions([mention_id]):
        return m
    raise NotFound(f"no mention {mention_id!r}")


def mark_not_entity(
    store: Store, mention_id: str, context: str = "any", *, reviewer: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Record that a mention's surface form is no entity (in ``context``): every stored mention of
    the form leaves its entity, and later extraction into this store drops it."""
    m = _mention(store, mention_id)
    if context not in CONTEXTS:
        raise InputError(f"mention {mention_id}", f"context {context!r} is not one of {', '.join(CONTEXTS)}")
    args = {"form": m.text, "context": context, "mention": m.id}
    oid = store.add_override("not_entity", args, reviewer=reviewer, reason=reason)
    corrections = Corrections.load(store)
    corrections.mentions(store, store.iter_mentions())
    affected = corrections.suppressed.get(oid, 0)
    rebuild_entities(store)
    store.set_override_affected(oid, affected)
    return {"override": oid, "action": "not_entity", "affected": affected, "args": args}


def set_mention_type(
    store: Store, mention_id: str, label: str, *, reviewer: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Record that one mention has the wrong type; it is resolved with ``label`` from now on."""
    m = _mention(store, mention_id)
    if label not in MENTION_LABELS:
        raise InputError(f"mention {mention_id}", f"label {label!r} is not one of {', '.join(MENTION_LABELS)}")
    return _record(store, "mention_type", {"mention": m.id, "label": label, "was": m.label}, 1, reviewer, reason)


def add_mention(
    store: Store, doc_id: str, start: int, end: int, label: str, *, reviewer: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Record a mention extraction missed (offsets into the document's original text)."""
    doc = store.get_document(doc_id)
    if label not in MENTION_LABELS:
        raise InputError(f"{doc.source_path}", f"label {label!r} is not one of {', '.join(MENTION_LABELS)}")
    if not 0 <= start < end <= len(doc.text) or end - start > 200:
        raise InputError(f"{doc.source_path}", f"offsets {start}-{end} are not a span of 1-200 characters of the text")
    text = doc.text[start:end]
    if text != text.strip() or not text.strip():
        raise InputError(f"{doc.source_path}", f"the span {text!r} starts or ends with white space")
    page = next((p.number for p in doc.pages if p.start <= start < p.end), 1)
    args = {
        "mention": mention_key(doc.id, start, end, label),
        "doc": doc.id,
        "start": start,
        "end": end,
        "label": label,
        "text": text,
        "page": page,
    }
    if any(m.id == args["mention"] for m in doc.mentions):
        raise InputError(f"{doc.source_path}", f"{text!r} at {start}-{end} is already a {label} mention")
    return _record(store, "add_mention", args, 1, reviewer, reason)


def judge_pair(
    store: Store, left: str, right: str, same: bool, *, reviewer: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Record a review-queue decision on two mentions: the same entity, or kept apart."""
    members = store.entities_of_mentions([left, right])
    sizes = {e: len(store.get_entity(e).mention_ids) for e in set(members.values())}
    affected = min(sizes.values()) if len(sizes) == 2 else (1 if sizes else 0)
    return _record(store, "judge", {"left": left, "right": right, "same": bool(same)}, affected, reviewer, reason)


def dismiss_flag(
    store: Store, entity_id: str, flag: str, *, reviewer: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    """Record that an audit flag on an entity was looked at and is wrong (it leaves the queue)."""
    e = _anchor(store, entity_id)
    return _record(store, "keep", {"entity": e.id, "anchor": e.mention_ids[0], "flag": flag}, 0, reviewer, reason)


def undo(store: Store, override_id: int, reviewer: str) -> dict[str, Any]:
    """Stop applying a correction (it stays in the history, marked undone), then re-assemble.

    Undoing "not an entity" also marks for extraction the documents that print the form but hold
    no mention of it (extracted while the form was suppressed), so the next ``declass ingest``
    brings their mentions back; ``reextract`` says how many."""
    row = store.undo_override(override_id, reviewer)
    reextract = _reextract_suppressed(store, row["args"]["form"]) if row["action"] == "not_entity" else []
    rebuild_entities(store)
    return {
        "override": override_id,
        "action": "undo",
        "undone": row["action"],
        "affected": row["affected"] or 0,
        "reextract": len(reextract),
    }


# Pages of the phrase search that look for documents printing an undone "not an entity" form.
_SEARCH_PAGE, _SEARCH_MAX = 100, 10_000


def _reextract_suppressed(store: Store, form: str) -> list[str]:
    """Mark ``extract`` pending for documents that print ``form`` and hold no mention of it."""
    words = " ".join(form.replace('"', " ").split())
    if not words:
        return []
    docs: list[str] = []
    for offset in range(0, _SEARCH_MAX + 1, _SEARCH_PAGE):
        try:
            page = store.search(f'"{words}"', fuzzy=False, facets=False, limit=_SEARCH_PAGE, offset=offset)
        except QueryError:  # a form the query language cannot say: nothing to find by search
            break
        docs += [hit.id for hit in page.results]
        if len(page.results) < _SEARCH_PAGE:
            break
    lost = [d for d in dict.fromkeys(docs) if not any(m.text == form for m in store.iter_mentions(doc_id=d))]
    if lost:
        store.mark_pending("extract", lost)
    return lost
