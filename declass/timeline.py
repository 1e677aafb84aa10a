"""The one timeline of declass: dated claims, dated sentences and dated documents, in date order.

Used by ``declass timeline``, the trace's dossier and the web timeline page, so all three show the
same events, sorted and filtered the same way. Every event is a :class:`~declass.records.TimelineEvent`.

Dates are the normalised forms extraction and claims produce: ``1950-09-10``, ``1950-09``,
``1950``, ranges ``1947/1948`` and open ranges ``../1949`` ("until early 1949") or ``1949/..``.
A DATE mention carries its bounds (``attrs`` ``earliest``/``latest``, computed once by extraction);
they are used as stored. A claim's time and a document's date are read by the date value type
(:meth:`declass.types.dates.DateValue.from_norm`) and the window by :func:`declass.types.dates.window`. Each event sorts by the
earliest day it may fall on; an open start sorts by its end. An event keeps its precision, so
"1950" is never shown as "1 January 1950", and the window filter is precision-aware: "1950" lies
in ``--from 1950-06``, since it may fall after June.

Reads: the claims (and, for dated sentences, the mentions) are passed in or read once; the quote
around a dated sentence comes from :meth:`Store.paragraph_spans` and :meth:`Store.text_slices`,
never from loading whole documents.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from declass.model import PREDICATES, Citation, Claim, Mention, Paragraph
from declass.records import TimelineEvent
from declass.store import Store
from declass.store.base import paged
from declass.trace_passages import capitals_context
from declass.types.dates import OPEN_END, OPEN_START, DateValue, window

# Characters either side of a date that is in no paragraph, for its quote.
WINDOW = 200


def time_bounds(time: str) -> tuple[str, str, str] | None:
    """(start, end, precision) of a normalised date or range (a claim's time, a document's date),
    read by :meth:`DateValue.from_norm`; an open side is "" and any range has precision "range".

    >>> time_bounds("1947/1948")
    ('1947-01-01', '1948-12-31', 'range')
    >>> time_bounds("../1949")
    ('', '1949-12-31', 'range')
    """
    value = DateValue.from_norm(time)
    return _bounds(value) if value else None


def _bounds(value: DateValue) -> tuple[str, str, str]:
    start = "" if value.earliest == OPEN_START else value.earliest
    end = "" if value.latest == OPEN_END else value.latest
    return start, end, "range" if value.range else value.precision


def mention_bounds(m: Mention) -> tuple[str, str, str] | None:
    """(start, end, precision) of a DATE mention: the bounds extraction stored on it
    (``attrs`` earliest/latest), else those of its norm."""
    stored = DateValue.from_attrs({**m.attrs, "norm": m.norm}) if m.norm else None
    if stored is None:
        return time_bounds(m.norm) if m.norm else None
    start, end, _ = _bounds(stored)
    return start, end, m.attrs.get("precision") or stored.precision


def claim_sides(claim: Claim, names: dict[str, str] | None = None) -> tuple[str, str]:
    """The names of a claim's subject and object (or value) as the timeline and dossier show them:
    the resolved entity's name, else the text as printed, "[redacted]" for a redacted subject."""
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
    return subject, obj


def sort_key(event: TimelineEvent) -> tuple[str, str, str]:
    """Date order: by the earliest day an event may fall on (an open start by its end)."""
    return (event.start or event.end, event.end or "9999", event.text)


def claim_text(claim: Claim, names: dict[str, str] | None = None) -> str:
    """A claim in words, from its predicate's template ("Batyan replaced Belik")."""
    attrs = claim.attrs
    subject, obj = claim_sides(claim, names)
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
        bounds = time_bounds(c.time)
        if bounds is None:
            continue
        subject, obj = claim_sides(c, names)
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
                entity_ids=[x for x in (c.subject, c.object) if x and x != "redacted"],
                kind="claim",
                subject=subject,
                object=obj or c.value,
                negated=c.negated,
            )
        )
    return out


def dated_mentions(
    mentions: Iterable[Mention], about: set[str], covered: set[tuple[str, int | None]]
) -> list[tuple[Mention, tuple[str, str, str]]]:
    """DATE mentions in the same sentence (or paragraph, when sentences are not numbered) as a
    mention in ``about``, not already dated by a claim, with their bounds."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    out = []
    for doc_id in sorted(by_doc):
        ms = by_doc[doc_id]
        places = {(m.sentence if m.sentence is not None else m.paragraph) for m in ms if m.id in about}
        for m in ms:
            if m.label != "DATE" or not m.norm:
                continue
            key = m.sentence if m.sentence is not None else m.paragraph
            if key not in places or (m.norm, m.paragraph) in covered:
                continue
            bounds = mention_bounds(m)
            if bounds is not None:
                out.append((m, bounds))
    return out


def _paragraph_at(paragraphs: list[Paragraph], offset: int) -> Paragraph | None:
    i = bisect.bisect_right(paragraphs, offset, key=lambda p: p.start) - 1
    return paragraphs[i] if i >= 0 and offset < paragraphs[i].end else None


def _sentence(text: str, rel: int) -> tuple[int, int]:
    """The sentence of ``text`` around offset ``rel``: from after the last ". " to the next ". "."""
    s = max(text.rfind(". ", 0, rel) + 2, 0) if text.rfind(". ", 0, rel) >= 0 else 0
    e = text.find(". ", rel)
    return s, len(text) if e < 0 else e + 1


def _goes_on(text: str, e: int) -> bool:
    """The text after the stop at ``e`` goes on in lower case ("only. three days"): no sentence end."""
    rest = text[e : e + 4].lstrip(" .")
    return bool(rest) and rest[0].islower()


# A stop that ends a title or an initial, not a sentence: "our station chief, Mr. | Win Scott".
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Capt|Sr|Sra|St|No)|\b[A-Z])\.\s*$")


# How a paragraph ends a sentence; one ending otherwise ("These companies are:", "... regarding
# him. He") runs on into the next paragraph (a list, or a sentence the scan broke at a line).
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*\s*$""")


def runs_on(paragraph: str) -> bool:
    """Whether a paragraph's text stops inside a sentence (no final stop): what it says goes on in
    the next paragraph ("These companies are:" then the list; "He" then "stated, however, ...")."""
    return bool(paragraph.strip()) and not _SENTENCE_END.search(paragraph)


def _widen(text: str, s: int, e: int, min_chars: int, max_chars: int, floor: int = 0, stop: int | None = None) -> tuple[int, int]:
    """Grow the sentence ``text[s:e]`` within its paragraph and ``max_chars``: back over a stop
    that ends a title or an initial, forward by whole sentences while shorter than ``min_chars``
    or cut at a stop the text runs on after (OCR breaks sentences at "Mr." and stray stops, and
    the fact about a name is often told in the next sentence), then back by whole sentences while
    still short. It never starts before ``floor``. ``text`` may go on past its paragraph, which
    ends at ``stop``: when the passage reaches it and the paragraph :func:`runs_on`, the sentence
    is finished in the next paragraph, within ``max_chars`` (sentences before the mention's own
    give way to it)."""
    end = len(text) if stop is None else stop
    e = min(e, end)
    own = s  # the mention's own sentence: context before it gives way to the end of a run-on one
    while s > floor and _ABBREVIATION.search(text[max(s - 8, 0) : s]):
        prev = max(_sentence(text, max(s - 2, 0))[0], floor)
        if e - prev > max_chars or prev >= s:
            break
        s = prev
    while (e - s < min_chars or _goes_on(text, e)) and e < end:
        nxt = min(_sentence(text, e + 1)[1], end)
        if nxt - s > max_chars:
            break
        e = nxt
    while e - s < min_chars and s > floor:  # still short: the sentence before, as context
        prev = max(_sentence(text, max(s - 2, 0))[0], floor)
        if e - prev > max_chars or prev >= s:
            break
        s = prev
    if stop is not None and e == stop < len(text) and runs_on(text[:stop]):
        rest = text[stop:]
        nxt = stop + (len(rest) - len(rest.lstrip()))
        finish = _sentence(text, nxt)[1] if nxt < len(text) else stop
        while finish - s > max_chars and s < own:  # drop the context before the mention first
            s = min(_sentence(text, s)[1] + 1, own)
        if finish - s <= max_chars:
            e = finish
    return s, e


def sentence_citations(
    store: Store,
    mentions: Sequence[Mention],
    *,
    max_chars: int | None = None,
    min_chars: int = 0,
    widen: Sequence[bool] | None = None,
) -> list[Citation]:
    """The sentence around each mention, within its paragraph, as a citation (in order).

    Two narrow reads, whatever the number of mentions: the paragraphs' offsets and the paragraph
    texts quoted. With ``max_chars``, a longer sentence (OCR text often has no full stops) is
    cut to that many characters around the mention; with ``min_chars``, a shorter one is widened
    by its neighbouring sentences (:func:`_widen`), for the mentions whose ``widen`` flag is set
    (all if None); widened quotes of mentions given in text order do not overlap: each starts
    after the one before when its mention does."""
    if not mentions:
        return []
    paragraphs = store.paragraph_spans({m.doc_id for m in mentions})
    where: list[tuple[Mention, Paragraph | None, tuple[str, int, int]]] = []
    for k, m in enumerate(mentions):
        paras = paragraphs.get(m.doc_id, [])
        para = _paragraph_at(paras, m.start)
        lo, hi = (para.start, para.end) if para else (max(m.start - WINDOW, 0), m.end + WINDOW)
        if para and min_chars and (widen is None or widen[k]):
            nxt = _paragraph_at(paras, para.end) or next((p for p in paras if p.start >= para.end), None)
            hi = nxt.end if nxt else hi  # a widened passage may run on into the next paragraph
        where.append((m, para, (m.doc_id, lo, hi)))
    texts = store.text_slices(span for *_, span in where)
    out: list[Citation] = []
    ends: dict[str, int] = {}  # document -> end of its last widened passage: the next starts after it
    for k, (m, para, span) in enumerate(where):
        text = texts.get(span, "")
        lo = span[1]
        stop = para.end - lo if para else None
        s, e = _sentence(text, m.start - lo)
        if stop is not None:
            e = min(e, stop)  # a sentence ends with its paragraph unless widened across (below)
        if min_chars and (widen is None or widen[k]):
            floor = ends.get(m.doc_id, 0) - lo
            if 0 < floor <= m.start - lo:
                s = max(s, floor + len(text[floor:]) - len(text[floor:].lstrip()))
            s, e = _widen(text, s, e, min_chars, max_chars or 2 * min_chars, max(floor, 0), stop)
            s, e = capitals_context(text, s, e, m.start - lo, m.end - lo, max_chars or 2 * min_chars, max(floor, 0))
            ends[m.doc_id] = max(ends.get(m.doc_id, 0), lo + e)
        if max_chars is not None and e - s > max_chars:
            half = max(max_chars - (m.end - m.start), 0) // 2
            s = max(s, m.start - lo - half)
            e = min(e, m.end - lo + half)
        out.append(
            Citation(
                doc_id=m.doc_id,
                page=m.page,
                paragraph=para.index if para else m.paragraph,
                paragraph_number=para.number if para else None,
                start=lo + s,
                end=lo + e,
                quote=" ".join(text[s:e].split()),
            )
        )
    return out


def claim_coverage(claims: Iterable[Claim]) -> set[tuple[str, int | None]]:
    """(time, paragraph) of each claim: a dated sentence there is already told by the claim."""
    return {(c.time or "", c.citation.paragraph if c.citation else None) for c in claims}


def events_from_dates(
    store: Store,
    mentions: Iterable[Mention],
    about: set[str],
    covered: set[tuple[str, int | None]],
    quotes: dict[str, Citation] | None = None,
) -> list[TimelineEvent]:
    """Dated sentences: a DATE mention in the same sentence (or paragraph) as a mention in
    ``about``, not already dated by a claim; the quote is the sentence within its paragraph
    (from ``quotes`` by mention id when the caller has read it already)."""
    dated = dated_mentions(mentions, about, covered)
    quotes = dict(quotes or {})
    missing = [m for m, _ in dated if m.id not in quotes]
    quotes.update(zip((m.id for m in missing), sentence_citations(store, missing), strict=True))
    cites = [quotes[m.id] for m, _ in dated]
    return [
        TimelineEvent(
            time=m.norm or "",
            start=bounds[0],
            end=bounds[1],
            precision=bounds[2],
            text=cit.quote,
            doc_id=m.doc_id,
            citation=cit,
            kind="sentence",
        )
        for (m, bounds), cit in zip(dated, cites, strict=True)
    ]


def events_from_documents(summaries: Iterable[dict[str, Any]]) -> list[TimelineEvent]:
    """One event per dated document (``id``, ``doc_date``, ``title``, ``number`` of a summary)."""
    out = []
    for d in summaries:
        date = str(d.get("doc_date") or "")
        bounds = time_bounds(date) if date else None
        if bounds is None:
            continue
        title = d.get("title") or d.get("number") or d["id"][:12]
        out.append(
            TimelineEvent(
                time=date, start=bounds[0], end=bounds[1], precision=bounds[2], text=title, doc_id=d["id"], kind="document"
            )
        )
    return out


def in_window(event: TimelineEvent, date_from: str | None, date_to: str | None) -> bool:
    """Whether an event may fall between two dates of any precision (either may be None).
    Raises QueryError for a bound that is not a date."""
    return _in(event, window(date_from, date_to))


def _in(event: TimelineEvent, days: tuple[str, str]) -> bool:
    lo, hi = days
    return not (event.end and event.end < lo) and (event.start or event.end) <= hi


def timeline_of(
    store: Store,
    claims: Iterable[Claim],
    *,
    mentions: Iterable[Mention] = (),
    about: set[str] | None = None,
    names: dict[str, str] | None = None,
    documents: Iterable[dict[str, Any]] = (),
    date_from: str | None = None,
    date_to: str | None = None,
    quotes: dict[str, Citation] | None = None,
) -> list[TimelineEvent]:
    """The timeline of claims and mentions already read: dated claims, the dated sentences of
    ``mentions`` around the mentions in ``about`` (quoted from ``quotes`` where given), and dated
    ``documents`` (summaries), in date order within the window."""
    claims = list(claims)
    events = events_from_claims(claims, names)
    if about:
        events.extend(events_from_dates(store, mentions, about, claim_coverage(claims), quotes))
    events.extend(events_from_documents(documents))
    days = window(date_from, date_to)
    events = [e for e in events if _in(e, days)]
    events.sort(key=sort_key)
    return events


def build_timeline(
    store: Store,
    *,
    mention_ids: Iterable[str] | None = None,
    doc_ids: Iterable[str] | None = None,
    names: dict[str, str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    dated_sentences: bool = True,
    documents: bool = False,
) -> list[TimelineEvent]:
    """Events from the claims of some mentions (one entity) or of the whole store, with the dated
    sentences of ``doc_ids`` around those mentions and, with ``documents``, the dated documents
    (the entity's, or every stored one), in date order. Reads each thing once."""
    about = set(mention_ids) if mention_ids is not None else None
    claims = list(store.iter_claims(mention_ids=about) if about is not None else store.iter_claims())
    docs = sorted(set(doc_ids or []))
    mentions: list[Mention] = []
    if about and dated_sentences and docs:
        mentions = list(store.iter_mentions(doc_ids=docs))
    summaries: Iterable[dict[str, Any]] = ()
    if documents:
        if about is None:
            summaries = paged(lambda limit, offset: store.list_documents(limit=limit, offset=offset))
        else:
            summaries = store.document_summaries(docs).values()
    return timeline_of(
        store,
        claims,
        mentions=mentions,
        about=about if dated_sentences else None,
        names=names,
        documents=summaries,
        date_from=date_from,
        date_to=date_to,
    )
