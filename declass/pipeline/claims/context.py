"""The lookups every claim rule shares over one document and its parse (:class:`ClaimContext`):
mentions by clean offset, redaction boxes, paragraphs, speaker, citation, and the one place a
claim is recorded (:meth:`ClaimContext.add`, which gives it its id, hedge, negation and citation).

Invariants relied on:

* ``sdoc`` is a parse of exactly ``doc.clean_text`` (token offsets are clean offsets);
* mention offsets are into ``doc.text`` and lie inside ``clean_map`` segments (extraction found
  them in the clean text), so they map back to clean offsets exactly;
* claim ids are ``make_id(doc.id, predicate, trigger start, subject, object or value)``, so a
  re-run produces the same ids.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

from declass.model import Citation, Claim, Document, Hedge, Mention, Paragraph, make_id
from declass.pipeline.claims.hedges import hedge_for, is_negated

_BOX = re.compile(r"\[\s*\]")
_COMMENT = re.compile(r"\bComment\s*:", re.I)


class ClaimContext:
    """Lookups over one document and its parse that the rules share: mentions by clean offset,
    redaction boxes, paragraphs. Private to claim extraction; not a domain type."""

    def __init__(self, doc: Document, sdoc: Any) -> None:
        self.doc = doc
        self.sdoc = sdoc
        self.text = doc.clean_text or sdoc.text
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
        """Map an offset in ``doc.text`` to ``doc.clean_text`` (:meth:`Document.to_clean`: an offset
        in removed text clamps to the end of the copied run before it)."""
        return self.doc.to_clean(orig)

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
        hedge: Hedge | None = None,
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
