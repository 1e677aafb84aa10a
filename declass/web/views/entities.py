"""Entity pages: a list, and each entity's dossier — name, type, variants, cited mentions and claims.

The cited mentions come from :meth:`Store.mention_citations` (linking to
``/documents/<id>#p-<idx>``); the dossier is the trace's (:func:`declass.trace.dossier_for`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from declass.model import Entity, to_dict
from declass.store.base import Store
from declass.trace import dossier_for
from declass.trace_render import span
from declass.web.views import Limit, Offset, ShortText, render, store_of

router = APIRouter()

EntityId = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
QUOTE_CHARS = 110


def _quote(ptext: str | None, surface: str, rel: int) -> dict[str, Any]:
    """A window of the paragraph around the mention, with the mention's offsets in it."""
    if not ptext:
        return {"text": surface, "mark": [0, len(surface)]}
    candidates = [m.start() for m in re.finditer(re.escape(surface), ptext)] if surface else []
    at = min(candidates, key=lambda c: abs(c - rel)) if candidates else max(0, min(rel, len(ptext)))
    start = max(0, at - QUOTE_CHARS)
    end = min(len(ptext), at + len(surface) + QUOTE_CHARS)
    prefix = "…" if start else ""
    body = prefix + ptext[start:end].replace("\f", " ") + ("…" if end < len(ptext) else "")
    s = len(prefix) + at - start
    return {"text": body, "mark": [s, s + len(surface)] if candidates else None}


def citations(store: Store, mention_ids: list[str]) -> list[dict[str, Any]]:
    """The entity page's cited mentions: each with its document, paragraph link and a quote."""
    out = []
    for r in store.mention_citations(mention_ids):
        rel = (r.start - r.paragraph_start) if r.paragraph_start is not None else 0
        idx = r.paragraph
        out.append(
            {
                "mention_id": r.mention_id,
                "text": r.text,
                "label": r.label,
                "doc_id": r.doc_id,
                "doc_number": r.doc_number,
                "doc_title": r.doc_title,
                "doc_date": r.doc_date,
                "classification": r.classification,
                "page": r.page or r.mention_page,
                "paragraph": idx,
                "paragraph_number": r.paragraph_number,
                "url": f"/documents/{r.doc_id}" + (f"#p-{idx}" if idx is not None else ""),
                # the same paragraph, with the mention highlighted on the page image (issue 12)
                "scan_url": f"/documents/{r.doc_id}?mention={r.mention_id}" + (f"#p-{idx}" if idx is not None else ""),
                "quote": _quote(r.paragraph_text, r.text, rel),
            }
        )
    return out


# Documents whose passages, claims and co-mentions the entity page's dossier reads (the page notes
# "showing the first 50 of N documents"; `declass trace` reads 200): what bounds the page's cost.
PAGE_DOCUMENTS = 50
# Mentions whose claims the page lists (200 at most), also to bound its cost on a large entity.
CLAIM_MENTIONS = 1000


def entity_data(store: Store, entity_id: str, limit: int, offset: int) -> dict[str, Any]:
    """The dossier of one entity; its mentions are paged (``limit``/``offset``)."""
    # Without the member list (hundreds of thousands of ids for the largest entity of a large
    # archive): the page reads its own page of members, and the count is the stored one.
    ent = store.get_entity(entity_id, members=False)
    count = int(store.entity_summaries([ent.id])[ent.id]["mention_count"])
    data: dict[str, Any] = {
        "id": ent.id,
        "name": ent.name,
        "type": ent.type,
        "variants": sorted(({"text": k, "count": v} for k, v in ent.variants.items()), key=lambda d: -d["count"]),
        "aliases": ent.aliases,
        "attrs": ent.attrs,
        "mention_count": count,
        "document_count": len(ent.doc_ids),
        "limit": limit,
        "offset": offset,
    }
    data["mentions"] = citations(store, store.entity_member_ids(ent.id, limit=limit, offset=offset))
    data["next_offset"] = offset + limit if offset + limit < count else None
    data["prev_offset"] = max(offset - limit, 0) if offset > 0 else None
    claims = []
    for c in store.iter_claims(mention_ids=store.entity_member_ids(ent.id, limit=CLAIM_MENTIONS)):
        claims.append(to_dict(c))
        if len(claims) >= 200:
            break
    data["claims"] = claims
    data["dossier"] = _dossier(store, ent)
    return data


def _dossier(store: Store, entity: Entity) -> dict[str, Any] | None:
    """The trace command's dossier (``declass trace``) for exactly this entity, with a ``url`` on
    every citation (``/documents/<id>#p-<idx>``) and on every co-mentioned entity."""
    dossier = dossier_for(store, entity, max_documents=PAGE_DOCUMENTS)
    data = dossier.to_dict()
    for key in ("entity", "query", "score", "candidates"):
        data.pop(key, None)
    for role, typed in zip(data.get("roles", []), dossier.roles, strict=True):
        role["when"] = span(typed)
    for item in [*data.get("roles", []), *data.get("aliases", []), *data.get("timeline", [])]:
        _link(item.get("citation"))
    for items in data.get("claims", {}).values():
        for item in items:
            _link(item.get("citation"))
    for co in data.get("co_mentions", []):
        co["url"] = f"/entities/{co['id']}"
        co["document_count"] = len(co.get("documents", []))
    return {k: v for k, v in data.items() if v}


def _link(citation: dict[str, Any] | None) -> None:
    """Give a citation the URL of its paragraph on the document page."""
    if citation:
        para = citation.get("paragraph")
        anchor = f"#p-{para}" if para is not None else ""
        citation["url"] = f"/documents/{citation['doc_id']}{anchor}"
        if "start" in citation and "end" in citation:  # the quote highlighted on the page image (issue 12)
            citation["scan_url"] = f"/documents/{citation['doc_id']}?span={citation['start']}-{citation['end']}{anchor}"


def entities_list(store: Store, name: str | None, type: str | None, limit: int, offset: int) -> dict[str, Any]:
    ents = store.list_entities(type=type, name=name, limit=limit + 1, offset=offset)
    return {
        "name": name,
        "type": type,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(ents) > limit else None,
        "prev_offset": max(offset - limit, 0) if offset > 0 else None,
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "mentions": len(e.mention_ids),
                "documents": len(e.doc_ids),
                "variants": list(e.variants)[:8],
            }
            for e in ents[:limit]
        ],
    }


@router.get("/api/entities", tags=["entities"], summary="Entities, most mentioned first")
def api_entities(
    request: Request, name: ShortText = None, type: ShortText = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return entities_list(store_of(request), name, type, limit, offset)


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(
    request: Request, name: ShortText = None, type: ShortText = None, limit: Limit = 50, offset: Offset = 0
) -> HTMLResponse:
    return render(request, "entities.html", entities_list(store_of(request), name, type, limit, offset))


@router.get("/api/entities/{entity_id}", tags=["entities"], summary="An entity's dossier with cited mentions")
def api_entity(request: Request, entity_id: EntityId, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return entity_data(store_of(request), entity_id, limit, offset)


@router.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, entity_id: EntityId, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    return render(request, "entity.html", entity_data(store_of(request), entity_id, limit, offset))
