"""The review queue: what the resolver was least sure about, ranked by the mentions a decision changes.

Items (``kind``):

* ``doubt`` -- a pair the resolver judged "unsure" (``same`` is NULL: scores between
  ``ResolveConfig.unsure`` and the merge threshold, an ambiguous short form, a middle-name conflict);
* ``near`` -- an automatic merge whose score is within ``NEAR`` of the threshold it passed;
* ``conflict`` -- an automatic merge with a feature that speaks against it (value 0: given names
  that disagree, ...);
* ``non_entity`` / ``wrong_type`` -- the ``declass audit`` flags of an entity
  (:mod:`declass.eval.audit`, checks in :mod:`declass.eval.audit_flags`).

A pair's decision is a ``judge`` override (accept: the same entity; reject: kept apart), which the
clustering applies before every automatic judgement. A flag's accept is "not an entity" for the
printed form, or the suggested type; its reject is a ``keep`` override. Decided items leave the
queue; skip is the browser's business (nothing is stored).
"""

from __future__ import annotations

from typing import Any

from declass.eval.audit import audit_type
from declass.model import Judgement
from declass.resolve.compare import explain
from declass.resolve.scoring import DEFAULT_CONFIG
from declass.store.base import Store

NEAR = 0.1  # an automatic merge this close to its threshold is worth a look
FLAG_TOP = 200  # audit flags are read for the most-mentioned entities of each type
SUGGESTED_TYPE = {"a known place": "LOC", "surname of the person": "PERSON"}


def _threshold(j: Judgement) -> float:
    same_doc = j.evidence.get("features", {}).get("same_document") or len(j.evidence.get("docs") or []) == 1
    return DEFAULT_CONFIG.same_doc if same_doc else DEFAULT_CONFIG.cross_doc


def _pair_kind(j: Judgement) -> str | None:
    if j.source != "auto" or j.rule == "same_form":
        return None
    if j.same is None:
        return "doubt"
    feats = j.evidence.get("features") or {}
    if j.same and any(v == 0 for v in feats.values()):
        return "conflict"
    if j.same and j.score < 1.0 and j.score - _threshold(j) < NEAR:
        return "near"
    return None


def _decided(store: Store) -> tuple[set[frozenset[str]], set[tuple[str, str]]]:
    """Pairs already judged by a reviewer, and (entity anchor, flag) already settled."""
    pairs: set[frozenset[str]] = set()
    flags: set[tuple[str, str]] = set()
    for ov in store.list_overrides():
        a = ov["args"]
        if ov["action"] == "judge":
            pairs.add(frozenset((a["left"], a["right"])))
        elif ov["action"] == "keep":
            flags.add((a["anchor"], a["flag"]))
    return pairs, flags


def _side(store: Store, mention_id: str, entity_id: str | None, quotes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    e = store.entity_summaries([entity_id]).get(entity_id) if entity_id else None
    cited = quotes.get(mention_id, {})
    return {
        "mention": mention_id,
        "entity": entity_id,
        "name": e["name"] if e else None,
        "type": e["type"] if e else None,
        "mentions": e["mention_count"] if e else 0,
        "url": f"/entities/{entity_id}" if entity_id else None,
        "text": cited.get("text"),
        "quote": cited.get("quote"),
        "document": cited.get("doc_title") or cited.get("doc_number"),
        "page": cited.get("page"),
        "doc_url": cited.get("url"),
    }


def build_queue(store: Store, *, limit: int = 50, quotes: bool = True) -> dict[str, Any]:
    """The queue's first ``limit`` items, most mentions changed first, and how many there are
    (``quotes``: each name in its sentence, for the page)."""
    from declass.web.views.entities import citations  # the entity page's quote of a mention in its paragraph

    pairs, flags = _decided(store)
    candidates = []
    for j in store.iter_judgements():
        kind = _pair_kind(j)
        if kind and frozenset((j.left, j.right)) not in pairs:
            candidates.append((kind, j))
    owner = store.entities_of_mentions([m for _, j in candidates for m in (j.left, j.right)])
    sizes = {k: v["mention_count"] for k, v in store.entity_summaries(set(owner.values())).items()}
    items: list[dict[str, Any]] = []
    for kind, j in candidates:
        a, b = owner.get(j.left), owner.get(j.right)
        if a is None or b is None:
            continue  # a mention left out of every entity ("not an entity"): nothing to decide
        changes = min(sizes.get(a, 1), sizes.get(b, 1)) if a != b else 1
        feats = j.evidence.get("features") or {}
        items.append(
            {
                "key": f"pair:{j.left}:{j.right}",
                "kind": kind,
                "changes": changes,
                "score": j.score,
                "rule": j.rule,
                "same_entity": a == b,
                "forms": j.evidence.get("forms"),
                "why": [{"name": k, "value": v, "explanation": explain(k)} for k, v in feats.items()],
                "left_entity": a,
                "right_entity": b,
                "left_mention": j.left,
                "right_mention": j.right,
                "accept": "the same entity",
                "reject": "different entities",
            }
        )
    for etype in ("PERSON", "ORG", "LOC"):
        for row in audit_type(store, etype, top=FLAG_TOP)["top"]:
            for f in row["flags"]:
                if f["flag"] not in ("non_entity", "wrong_type"):
                    continue
                entity = store.get_entity(row["id"])
                anchor = entity.mention_ids[0]
                if (anchor, f["flag"]) in flags:
                    continue
                suggested = next((t for k, t in SUGGESTED_TYPE.items() if f["detail"].startswith(k)), None)
                if f["flag"] == "wrong_type" and suggested is None:
                    continue
                form = max(entity.variants, key=lambda v: entity.variants[v]) if entity.variants else entity.name
                items.append(
                    {
                        "key": f"flag:{f['flag']}:{anchor}",
                        "kind": f["flag"],
                        "changes": len(entity.mention_ids),
                        "score": None,
                        "rule": f["detail"],
                        "same_entity": True,
                        "forms": [form],
                        "why": [{"name": f["flag"], "value": None, "explanation": f["detail"]}],
                        "left_entity": entity.id,
                        "right_entity": None,
                        "left_mention": next(m.id for m in store.get_mentions(entity.mention_ids) if m.text == form)
                        if form in entity.variants
                        else anchor,
                        "right_mention": None,
                        "suggested_type": suggested,
                        "accept": f"not an entity: {form!r}" if f["flag"] == "non_entity" else f"a {suggested}",
                        "reject": "keep as it is",
                    }
                )
    items.sort(key=lambda i: (-i["changes"], i["kind"], i["key"]))
    shown = items[:limit]
    wanted = [m for i in shown for m in (i["left_mention"], i["right_mention"]) if m] if quotes else []
    cited = {c["mention_id"]: c for c in citations(store, wanted)} if wanted else {}
    for i in shown:
        i["left"] = _side(store, i.pop("left_mention"), i.pop("left_entity"), cited)
        right = i.pop("right_mention")
        right_entity = i.pop("right_entity")
        i["right"] = _side(store, right, right_entity, cited) if right else None
    return {"total": len(items), "items": shown}


def find_item(store: Store, key: str) -> dict[str, Any] | None:
    """The queue item with this key (None once decided)."""
    return next((i for i in build_queue(store, limit=10**6, quotes=False)["items"] if i["key"] == key), None)
