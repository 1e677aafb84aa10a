"""Review: corrections from the entity and document pages, the review queue, the history with undo.

Every write is ``POST /api/review/<action>`` with a JSON body naming the reviewer (and an optional
reason), answered with ``{"override", "action", "affected", "url"}``: the correction's id in the
history, the mentions it changed, and the page to show next. The app's guard
(:mod:`declass.web.app`) lets these through only under ``declass serve --review``, with the
session's CSRF token and the server token when one is set; the reviewer is checked here. The
pages (``/review/queue``, ``/review/history``) and their JSON twins are reads like any other.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from declass.errors import NotFound
from declass.resolve import manage
from declass.store.base import Store
from declass.web.review_queue import build_queue, find_item
from declass.web.views import Limit, Offset, render, store_of

router = APIRouter()

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
EntityType = Literal["PERSON", "ORG", "LOC"]
MentionLabel = Literal["PERSON", "ORG", "LOC", "ACRONYM", "CRYPTONYM"]


# A name a person types: something besides white space, no control characters or angle brackets.
REVIEWER_PATTERN = r"^[^\x00-\x1f<>]*\S[^\x00-\x1f<>]*$"


class Reviewed(BaseModel):
    """Who makes a correction, and why (shown in the history)."""

    reviewer: str = Field(
        min_length=1, max_length=80, pattern=r"^[^\x00-\x1f<>]*\S[^\x00-\x1f<>]*$", description="Reviewer's name"
    )
    reason: str | None = Field(default=None, max_length=500)


class MergeBody(Reviewed):
    entity: Id
    other: Id = Field(description="The entity to merge into this one")


class SplitBody(Reviewed):
    entity: Id
    mentions: list[Id] = Field(min_length=1, max_length=500, description="Mention ids to take out of the entity")


class RenameBody(Reviewed):
    entity: Id
    name: str = Field(min_length=1, max_length=200)


class RetypeBody(Reviewed):
    entity: Id
    type: EntityType


class NotEntityBody(Reviewed):
    mention: Id
    context: Literal["any", "label"] = Field(default="any", description="any: everywhere; label: only before a colon")


class MentionTypeBody(Reviewed):
    mention: Id
    label: MentionLabel


class AddMentionBody(Reviewed):
    doc: Id
    label: MentionLabel
    text: str = Field(min_length=1, max_length=200, description="The selected text")
    paragraph: int | None = Field(default=None, ge=0, description="Paragraph index: offset is into its clean text")
    offset: int = Field(ge=0, le=10_000_000, description="Start of the text: in the paragraph, or in the original text")


class DecideBody(Reviewed):
    key: str = Field(min_length=1, max_length=200, description="The queue item's key")
    decision: Literal["accept", "reject"]


class UndoBody(Reviewed):
    override: int = Field(ge=1)


class Outcome(BaseModel):
    override: int
    action: str
    affected: int = Field(description="Mentions the correction changed")
    url: str | None = Field(default=None, description="The page to show next")


def _entity_url(store: Store, mention_id: str | None) -> str | None:
    owner = store.entities_of_mentions([mention_id]).get(mention_id) if mention_id else None
    return f"/entities/{owner}" if owner else None


def _out(result: dict[str, Any], url: str | None) -> Outcome:
    return Outcome(override=result["override"], action=result["action"], affected=result["affected"], url=url)


@router.post("/api/review/merge", tags=["review"], summary="Merge another entity into this one")
def api_merge(request: Request, body: MergeBody) -> Outcome:
    store = store_of(request)
    r = manage.merge_entities(store, body.entity, body.other, reviewer=body.reviewer, reason=body.reason)
    return _out(r, _entity_url(store, r["args"]["left"]))


@router.post("/api/review/split", tags=["review"], summary="Split mentions off an entity")
def api_split(request: Request, body: SplitBody) -> Outcome:
    store = store_of(request)
    r = manage.split_entity(store, body.entity, body.mentions, reviewer=body.reviewer, reason=body.reason)
    return _out(r, _entity_url(store, r["args"]["rest"][0]))


@router.post("/api/review/rename", tags=["review"], summary="Give an entity a canonical name")
def api_rename(request: Request, body: RenameBody) -> Outcome:
    store = store_of(request)
    r = manage.rename_entity(store, body.entity, body.name, reviewer=body.reviewer, reason=body.reason)
    return _out(r, _entity_url(store, r["args"]["anchor"]))


@router.post("/api/review/retype", tags=["review"], summary="Change an entity's type")
def api_retype(request: Request, body: RetypeBody) -> Outcome:
    store = store_of(request)
    r = manage.retype_entity(store, body.entity, body.type, reviewer=body.reviewer, reason=body.reason)
    return _out(r, _entity_url(store, r["args"]["anchor"]))


@router.post("/api/review/not-entity", tags=["review"], summary="Mark a mention's surface form as not an entity")
def api_not_entity(request: Request, body: NotEntityBody) -> Outcome:
    store = store_of(request)
    r = manage.mark_not_entity(store, body.mention, body.context, reviewer=body.reviewer, reason=body.reason)
    return _out(r, "/review/history")


@router.post("/api/review/mention-type", tags=["review"], summary="Give one mention the right type")
def api_mention_type(request: Request, body: MentionTypeBody) -> Outcome:
    store = store_of(request)
    r = manage.set_mention_type(store, body.mention, body.label, reviewer=body.reviewer, reason=body.reason)
    return _out(r, _entity_url(store, body.mention))


@router.post("/api/review/add-mention", tags=["review"], summary="Add a mention extraction missed")
def api_add_mention(request: Request, body: AddMentionBody) -> Outcome:
    store = store_of(request)
    start = _original_offset(store, body)
    r = manage.add_mention(store, body.doc, start, start + len(body.text), body.label, reviewer=body.reviewer, reason=body.reason)
    return _out(r, _entity_url(store, r["args"]["mention"]))


def _original_offset(store: Store, body: AddMentionBody) -> int:
    """Where the selected text starts in the document's original text: a paragraph's clean-text
    offset is mapped back (the selection must still read the same there)."""
    from declass.errors import InputError

    doc = store.get_document(body.doc)
    if body.paragraph is None:
        start = body.offset
    else:
        para = next((p for p in doc.paragraphs if p.index == body.paragraph), None)
        if para is None:
            raise NotFound(f"{doc.source_path}: no paragraph {body.paragraph}")
        start = doc.to_original(para.clean_start + body.offset)
    if doc.text[start : start + len(body.text)] != body.text:
        raise InputError(doc.source_path, f"the text at {start} is not {body.text!r}: select within one line")
    return start


@router.post("/api/review/undo", tags=["review"], summary="Undo a correction (it stays in the history)")
def api_undo(request: Request, body: UndoBody) -> Outcome:
    r = manage.undo(store_of(request), body.override, body.reviewer)
    return Outcome(override=r["override"], action="undo", affected=r["affected"], url="/review/history")


@router.post("/api/review/decide", tags=["review"], summary="Accept or reject a review-queue item")
def api_decide(request: Request, body: DecideBody) -> Outcome:
    store = store_of(request)
    item = find_item(store, body.key)
    if item is None:
        raise NotFound(f"no open queue item {body.key!r} (decided already?)")
    kw = {"reviewer": body.reviewer, "reason": body.reason}
    accept = body.decision == "accept"
    if item["kind"] in ("doubt", "near", "conflict"):
        r = manage.judge_pair(store, item["left"]["mention"], item["right"]["mention"], accept, **kw)
    elif not accept:
        r = manage.dismiss_flag(store, item["left"]["entity"], item["kind"], **kw)
    elif item["kind"] == "non_entity":
        r = manage.mark_not_entity(store, item["left"]["mention"], "any", **kw)
    else:
        r = manage.retype_entity(store, item["left"]["entity"], item["suggested_type"], **kw)
    return _out(r, "/review/queue")


@router.get("/api/review/session", tags=["review"], summary="The CSRF token of this browser session")
def api_session(request: Request) -> dict[str, Any]:
    """API clients call this once (keeping the session cookie) and send ``X-CSRF-Token``."""
    return {"review": bool(request.app.state.review), "csrf": getattr(request.state, "csrf", None)}


def queue_data(store: Store, limit: int) -> dict[str, Any]:
    return {**build_queue(store, limit=limit), "limit": limit}


@router.get("/api/review/queue", tags=["review"], summary="The review queue, most mentions changed first")
def api_queue(request: Request, limit: Limit = 50) -> dict[str, Any]:
    return queue_data(store_of(request), limit)


@router.get("/review/queue", response_class=HTMLResponse, include_in_schema=False)
def queue_page(request: Request, limit: Limit = 50) -> HTMLResponse:
    return render(request, "review_queue.html", queue_data(store_of(request), limit))


def history_data(store: Store, limit: int, offset: int) -> dict[str, Any]:
    rows = store.override_history(limit=limit + 1, offset=offset)
    items = []
    for r in rows[:limit]:
        items.append(
            {
                **r,
                "created_at": r["created_at"].isoformat(timespec="seconds") if r["created_at"] else None,
                "undone_at": r["undone_at"].isoformat(timespec="seconds") if r["undone_at"] else None,
                "summary": summary(r),
            }
        )
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(rows) > limit else None,
        "prev_offset": max(offset - limit, 0) if offset > 0 else None,
    }


def summary(row: dict[str, Any]) -> str:
    """One line saying what a correction did, for the history."""
    a, action = row["args"], row["action"]
    text = {
        "merge": lambda: f"merged entities {' and '.join(a.get('entities', [a.get('left'), a.get('right')]))}",
        "split": lambda: f"split {len(a.get('mentions', []))} mention(s) off entity {a.get('entity')}",
        "rename": lambda: f"renamed entity {a.get('entity')} to {a.get('name')!r}",
        "retype": lambda: f"entity {a.get('entity')} is a {a.get('type')} (was {a.get('was')})",
        "not_entity": lambda: f"{a.get('form')!r} is not an entity" + (" as a form label" if a.get("context") == "label" else ""),
        "mention_type": lambda: f"mention {a.get('mention')} is a {a.get('label')} (was {a.get('was')})",
        "add_mention": lambda: f"added {a.get('label')} mention {a.get('text')!r} at {a.get('start')}-{a.get('end')}",
        "judge": lambda: f"mentions {a.get('left')} and {a.get('right')} are " + ("the same" if a.get("same") else "different"),
        "keep": lambda: f"audit flag {a.get('flag')!r} on entity {a.get('entity')} dismissed",
    }.get(action)
    return text() if text else action


@router.get("/api/review/history", tags=["review"], summary="Every correction, newest first")
def api_history(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return history_data(store_of(request), limit, offset)


@router.get("/review/history", response_class=HTMLResponse, include_in_schema=False)
def history_page(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    return render(request, "review_history.html", history_data(store_of(request), limit, offset))


@router.get("/api/review/entities", tags=["review"], summary="Entities matching typed text (merge search-as-you-type)")
def api_entity_search(request: Request, q: Annotated[str, Query(min_length=1, max_length=120)]) -> dict[str, Any]:
    store = store_of(request)
    found = {e.id: e for e in store.list_entities(name=q, limit=10)}
    for e in store.search_entity_names(q, limit=10):
        found.setdefault(e.id, e)
    return {
        "q": q,
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "mentions": len(e.mention_ids)} for e in list(found.values())[:10]
        ],
    }
