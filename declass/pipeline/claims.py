"""Stage 6, claims: cited statements (subject, predicate, object or value, time, place, hedge).

``extract_claims(doc, sdoc)`` reads the parse that extraction already made of ``doc.clean_text``
and the mentions and relations it found, and returns :class:`~declass.model.Claim` objects, each
with a :class:`~declass.model.Citation` (document, page, paragraph, offsets into ``doc.text`` and
the sentence quoted verbatim from the clean text).

This stage imports spaCy, an exception to "only ``pipeline/extract`` imports spaCy": it needs
``DependencyMatcher`` to find predicate triggers in the parse (:mod:`declass.pipeline.claim_rules`).
It never loads a model; extraction loads it once and hands over each parsed Doc.

Invariants relied on:

* ``sdoc`` is a parse of exactly ``doc.clean_text`` (token offsets are clean offsets);
* mention offsets are into ``doc.text`` and lie inside ``clean_map`` segments (extraction found
  them in the clean text), so they map back to clean offsets exactly;
* claim ids are ``make_id(doc.id, predicate, trigger start, subject, object or value)``, so a
  re-run produces the same ids.

A subject hidden behind a redaction box (``[ ] intelligence apparatus exist ...``) becomes
``subject="redacted"``, never the nearest named entity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

from declass.model import PREDICATES, Citation, Claim, Document, Mention, Paragraph, make_id
from declass.pipeline import claim_rules
from declass.pipeline.hedges import hedge_for, is_negated

__all__ = ["PREDICATES", "HEDGES", "extract_claims", "ClaimContext"]

# The hedges a claim can carry, weakest commitment last. Predicates: ``declass.model.PREDICATES``.
HEDGES = ("stated", "reported", "alleged", "believed", "suspected", "rumored", "denied")

_BOX = re.compile(r"\[\s*\]")
_COMMENT = re.compile(r"\bComment\s*:", re.I)
PRONOUNS = {"he", "she", "him", "his", "her", "they", "them", "their", "who"}


class ClaimContext:
    """Lookups over one document and its parse that the rules share: mentions by clean offset,
    redaction boxes, paragraphs. Private to claim extraction; not a domain type."""

    def __init__(self, doc: Document, sdoc: Any) -> None:
        self.doc = doc
        self.sdoc = sdoc
        self.text = doc.clean_text or sdoc.text
        self._orig_starts = [s.orig for s in doc.clean_map]
        self.mentions: list[tuple[int, int, Mention]] = []
        for m in doc.mentions:
            cs, ce = self.to_clean(m.start), self.to_clean(m.end - 1) + 1
            if 0 <= cs < ce <= len(self.text):
                self.mentions.append((cs, ce, m))
        self.mentions.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        self._starts = [t[0] for t in self.mentions]
        self.boxes = [(mt.start(), mt.end()) for mt in _BOX.finditer(self.text)]
        for r in doc.redactions:
            if r.kind == "box":
                self.boxes.append((self.to_clean(r.start), self.to_clean(max(r.end - 1, r.start)) + 1))
        self.boxes.sort()
        self.claims: list[Claim] = []
        self._seen: set[str] = set()

    # -- offsets ----------------------------------------------------------------------------
    def to_clean(self, orig: int) -> int:
        """Map an offset in ``doc.text`` to ``doc.clean_text`` (inverse of ``to_original``)."""
        if not self.doc.clean_map:
            return orig
        i = max(bisect.bisect_right(self._orig_starts, orig) - 1, 0)
        seg = self.doc.clean_map[i]
        return seg.clean + min(max(orig - seg.orig, 0), seg.length)

    def orig_span(self, cs: int, ce: int) -> tuple[int, int]:
        """Clean half-open span -> original half-open span."""
        if ce <= cs:
            o = self.doc.to_original(cs)
            return o, o
        return self.doc.to_original(cs), self.doc.to_original(ce - 1) + 1

    # -- mentions ---------------------------------------------------------------------------
    def mentions_in(self, cs: int, ce: int, labels: Iterable[str] | None = None) -> list[Mention]:
        """Mentions overlapping a clean span, in text order."""
        wanted = set(labels) if labels else None
        out = []
        i = max(bisect.bisect_left(self._starts, cs) - 8, 0)  # a mention may start a little before
        for s, e, m in self.mentions[i:]:
            if s >= ce:
                break
            if e > cs and (wanted is None or m.label in wanted):
                out.append(m)
        return out

    def mention_at(self, tok: Any, labels: Iterable[str] | None = None) -> Mention | None:
        """The mention covering a token, if any (the longest when several overlap)."""
        found = self.mentions_in(tok.idx, tok.idx + max(len(tok.text), 1), labels)
        return max(found, key=lambda m: m.end - m.start) if found else None

    def clean_start(self, m: Mention) -> int:
        return self.to_clean(m.start)

    def box_before(self, cs: int, gap: int = 3) -> bool:
        """Whether a redaction box ends right before clean offset ``cs`` (only spaces between)."""
        for _bs, be in self.boxes:
            if be <= cs and cs - be <= gap and not self.text[be:cs].strip(" \t\"'"):
                return True
        return False

    # -- structure --------------------------------------------------------------------------
    def paragraph(self, cs: int) -> Paragraph | None:
        return self.doc.paragraph_at(cs)

    def speaker(self, cs: int) -> str:
        """officer_comment inside a ``Comment:`` paragraph (or after ``Comment:`` in a paragraph)."""
        para = self.paragraph(cs)
        if para is not None and para.kind == "comment":
            return "officer_comment"
        start = para.clean_start if para is not None and para.clean_start > 0 else self.text.rfind("\n\n", 0, cs) + 1
        return "officer_comment" if _COMMENT.search(self.text, start, cs + 1) else "source"

    def citation(self, sent: Any) -> Citation:
        cs, ce = sent.start_char, sent.end_char
        text = sent.text
        # Trim whitespace so the quote and its offsets agree.
        lead = len(text) - len(text.lstrip())
        cs, ce = cs + lead, cs + len(text.rstrip())
        start, end = self.orig_span(cs, ce)
        para = self.paragraph(cs)
        return Citation(
            doc_id=self.doc.id,
            page=self.doc.page_at(start),
            paragraph=para.index if para else None,
            paragraph_number=para.number if para else None,
            start=start,
            end=end,
            quote=self.text[cs:ce],
        )

    # -- output -----------------------------------------------------------------------------
    def add(
        self,
        predicate: str,
        trigger: Any,
        subject: Mention | str,
        *,
        obj: Mention | None = None,
        value: str | None = None,
        time: str | None = None,
        place: Mention | None = None,
        hedge: str | None = None,
        negated: bool | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> Claim | None:
        """Record one claim found at ``trigger``; returns None for a duplicate or a self-loop."""
        subj_id = subject if isinstance(subject, str) else subject.id
        if obj is not None and obj.id == subj_id:
            return None
        sent = trigger.sent
        trig_start = self.orig_span(trigger.idx, trigger.idx + len(trigger.text))[0]
        claim_id = make_id(self.doc.id, predicate, trig_start, subj_id, obj.id if obj else value)
        if claim_id in self._seen:
            return None
        self._seen.add(claim_id)
        extra: dict[str, Any] = {"trigger": trigger.text}
        if not isinstance(subject, str):
            extra["subject_text"] = subject.text
        if obj is not None:
            extra["object_text"] = obj.text
        if place is not None:
            extra["place_text"] = place.text
        extra.update(attrs or {})
        claim = Claim(
            id=claim_id,
            doc_id=self.doc.id,
            subject=subj_id,
            predicate=predicate,
            object=obj.id if obj else None,
            value=value,
            time=time,
            place=place.id if place else None,
            hedge=hedge or hedge_for(trigger, sent.text),
            negated=is_negated(trigger) if negated is None else negated,
            speaker=self.speaker(sent.start_char),
            unevaluated=bool(self.doc.metadata.unevaluated),
            citation=self.citation(sent),
            attrs=extra,
        )
        self.claims.append(claim)
        return claim


def extract_claims(doc: Document, sdoc: Any) -> list[Claim]:
    """Claims of one document from its parse ``sdoc`` (over ``doc.clean_text``) and its mentions.

    Pure: reads ``doc`` and ``sdoc`` and returns new claims without modifying either. Never
    raises on noisy text; a sentence the rules cannot read yields no claims.
    """
    if not len(sdoc):
        return []
    ctx = ClaimContext(doc, sdoc)
    claim_rules.apply(ctx)
    claim_rules.from_relations(ctx)
    ctx.claims.sort(key=lambda c: (c.citation.start if c.citation else 0, c.predicate, c.id))
    return ctx.claims
