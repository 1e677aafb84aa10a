"""The timeline: dated claims and dated sentences, ordered by normalised date.

Dates are the normalised forms extraction and claims produce: ``1950-09-10``, ``1950-09``,
``1950``, ranges ``1947/1948`` and open ranges ``../1949`` ("until early 1949") or ``1949/..``.
Each event sorts by the earliest day it may fall on; an open start sorts by its end. An event
keeps its precision, so "1950" is never shown as "1 January 1950".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from typing import Any

from declass.model import PREDICATES, Citation, Claim, Mention, TimelineEvent
from declass.store import Store

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _bounds(part: str) -> tuple[str, str, str] | None:
    """(first day, last day, precision) of one ISO date of any precision."""
    m = _ISO.match(part.strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}", "day"
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}", "month"
    return f"{year}-01-01", f"{year}-12-31", "year"


def parse_time(time: str) -> tuple[str, str, str] | None:
    """(start, end, precision) of a normalised date or range; None when it cannot be read.

    >>> parse_time("1947/1948")
    ('1947-01-01', '1948-12-31', 'range')
    >>> parse_time("../1949")
    ('', '1949-12-31', 'range')
    """
    if "/" not in time:
        return _bounds(time)
    left, right = time.split("/", 1)
    lo = _bounds(left) if left not in ("", "..") else None
    hi = _bounds(right) if right not in ("", "..") else None
    if lo is None and hi is None:
        return None
    return (lo[0] if lo else "", hi[1] if hi else "", "range")


def sort_key(event: TimelineEvent) -> tuple[str, str, str]:
    return (event.start or event.end, event.end or "9999", event.text)


def claim_text(claim: Claim, names: dict[str, str] | None = None) -> str:
    """A claim in words, from its predicate's template ("Batyan replaced Belik")."""
    names = names or {}
    attrs = claim.attrs

    def name(mention_id: str | None, fallback_key: str) -> str:
        if mention_id is None:
            return ""
        if mention_id == "redacted":
            return "[redacted]"
        return names.get(mention_id) or attrs.get(fallback_key) or mention_id

    subject = name(claim.subject, "subject_text")
    obj = name(claim.object, "object_text")
    if subject and obj == subject:
        # Both sides resolved to one entity (an alias, a pseudonym): show the names as printed.
        subject = attrs.get("subject_text") or subject
        obj = attrs.get("object_text") or attrs.get("pseudonym_text") or obj
    parts: dict[str, Any] = {
        "subject": subject,
        "object": obj or ("" if "{value}" in PREDICATES.get(claim.predicate, "") else claim.value or ""),
        "value": claim.value or "",
        "agent": attrs.get("agent_text", ""),
        "pseudonym": attrs.get("pseudonym_text", ""),
    }
    template = PREDICATES.get(claim.predicate, "{subject} " + claim.predicate + " {object}")
    text = template.format(**parts)
    # Drop the parts of a template the claim does not fill.
    text = re.sub(r"\s*\((?:by |as |)\)", "", text)
    text = re.sub(r"\s+(?:in|to|from|of|by)\s*$", "", text)
    text = text.replace(" () ", " ").replace(" ()", "")
    text = " ".join(text.split())
    if claim.value and claim.object and claim.value not in text:
        text += f" ({claim.value})"
    if claim.negated:
        text = "NOT: " + text
    return text


def events_from_claims(claims: Iterable[Claim], names: dict[str, str] | None = None) -> list[TimelineEvent]:
    """One event per dated claim."""
    out = []
    for c in claims:
        if not c.time:
            continue
        bounds = parse_time(c.time)
        if bounds is None:
            continue
        ids = [x for x in (c.subject, c.object) if x and x != "redacted"]
        out.append(
            TimelineEvent(
                time=c.time,
                start=bounds[0],
                end=bounds[1],
                precision=c.attrs.get("time_precision") or bounds[2],
                text=claim_text(c, names),
                doc_id=c.doc_id,
                citation=c.citation,
                predicate=c.predicate,
                claim_id=c.id,
                hedge=c.hedge,
                speaker=c.speaker,
                entity_ids=ids,
            )
        )
    return out


def events_from_dates(
    store: Store, doc_id: str, mentions: list[Mention], about: set[str], covered: set[tuple[str, int | None]]
) -> list[TimelineEvent]:
    """Dated sentences: a DATE mention in the same sentence (or paragraph, when sentences are not
    numbered) as a mention in ``about``, not already dated by a claim."""
    places = {(m.sentence if m.sentence is not None else m.paragraph) for m in mentions if m.id in about}
    out: list[TimelineEvent] = []
    doc = None
    for m in mentions:
        if m.label != "DATE" or not m.norm:
            continue
        key = m.sentence if m.sentence is not None else m.paragraph
        if key not in places or (m.norm, m.paragraph) in covered:
            continue
        bounds = parse_time(m.norm)
        if bounds is None:
            continue
        if doc is None:
            doc = store.get_document(doc_id)
        para = next((p for p in doc.paragraphs if p.start <= m.start < p.end), None)
        lo, hi = (para.start, para.end) if para else (max(m.start - 200, 0), m.end + 200)
        # The sentence around the date, within its paragraph.
        text = doc.text[lo:hi]
        rel = m.start - lo
        s = max(text.rfind(". ", 0, rel) + 2, 0) if text.rfind(". ", 0, rel) >= 0 else 0
        e = text.find(". ", rel)
        e = len(text) if e < 0 else e + 1
        quote = " ".join(text[s:e].split())
        cit = Citation(
            doc_id=doc_id,
            page=m.page,
            paragraph=para.index if para else m.paragraph,
            paragraph_number=para.number if para else None,
            start=lo + s,
            end=lo + e,
            quote=quote,
        )
        out.append(
            TimelineEvent(
                time=m.norm,
                start=bounds[0],
                end=bounds[1],
                precision=m.attrs.get("precision") or bounds[2],
                text=quote,
                doc_id=doc_id,
                citation=cit,
            )
        )
    return out


def in_window(event: TimelineEvent, date_from: str | None, date_to: str | None) -> bool:
    """Whether an event may fall between two ISO dates (any precision; either may be None)."""
    if date_from:
        lo = _bounds(date_from)
        if lo and event.end and event.end < lo[0]:
            return False
    if date_to:
        hi = _bounds(date_to)
        if hi and (event.start or event.end) > hi[1]:
            return False
    return True


def build_timeline(
    store: Store,
    *,
    mention_ids: Iterable[str] | None = None,
    doc_ids: Iterable[str] | None = None,
    names: dict[str, str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    dated_sentences: bool = True,
) -> list[TimelineEvent]:
    """Events from the claims of some mentions (one entity), or of the whole store, in date order."""
    about = set(mention_ids) if mention_ids is not None else None
    claims = list(store.iter_claims(mention_ids=about) if about is not None else store.iter_claims())
    events = events_from_claims(claims, names)
    if about is not None and dated_sentences:
        covered = {(c.time or "", c.citation.paragraph if c.citation else None) for c in claims}
        by_doc: dict[str, list[Mention]] = {}
        for m in store.iter_mentions(doc_ids=doc_ids or []):
            by_doc.setdefault(m.doc_id, []).append(m)
        for doc_id in sorted(set(doc_ids or [])):
            events.extend(events_from_dates(store, doc_id, by_doc.get(doc_id, []), about, covered))
    events = [e for e in events if in_window(e, date_from, date_to)]
    events.sort(key=sort_key)
    return events
