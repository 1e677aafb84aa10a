"""Where a document prints an entity's name but extraction did not mark it, for the trace's passages.

The generic model misses many names in OCR'd cables and memos: a surname in capitals alone
("SCANTLING's true name is ..."), a possessive, an agent number split from its cryptonym
("AMMUG/ 1 USED AS STATUS COVER ..."). What the record says of the person is often in exactly
those sentences. The trace therefore also quotes, in the documents that name the entity, the
places where its surname (or its cryptonym with the agent number) is printed outside any mention
of it. These are *printed forms*, not mentions: nothing is stored, resolution does not see them,
and the entity's counts do not change.

Evidence rules, so that a printed word stands for this entity and no other:

* a PERSON's surname is its canonical name's last word of four letters or more (or the name of
  a surname-only entity: "PHAM NGOC THAO" where the entity is the bare "Thao"), printed in
  capitals or title case (a lower-case "hunt" is a verb); a document where another PERSON entity
  bears the same surname ("ALVAREZ" for Ramon Joseph Alvarez or Jorge Barcello Villagran Alvarez)
  is skipped;
* a cryptonym's word with its agent number, whatever OCR made of the hyphen ("AMMUG/1",
  "AMMUG/ 1", "aMMUG-1"); a cryptonym without a number matches only where no number follows;
* a printed form inside another entity's mention ("Castro" in "Agapito Robledo Castro") is
  never one.

Cost: the text of at most :data:`PRINTED_DOCUMENTS` documents, read in one narrow read, so a
trace still costs what the entity's size does, not what the store's does.
"""

from __future__ import annotations

import re
from collections import defaultdict

from declass.model import Entity, Mention, Paragraph
from declass.resolve.crypt import parse_cryptonym
from declass.store import Store

# At most this many of the entity's documents are read for printed forms (those shown first).
PRINTED_DOCUMENTS = 20
_SEPARATOR = r"\s*[-/~=–—]+\s*|\s+"


def surname_of(entity: Entity) -> str | None:
    """The surname a PERSON entity is printed by: the canonical name's last word, four letters or
    more ("Oliver G. Scantling" -> "Scantling"), or the name of a surname-only entity ("Thao"); None
    for a cryptonym, a given name alone or another one-word name."""
    if entity.type != "PERSON" or entity.name.isupper():
        return None
    words = entity.name.split()
    alone = len(words) == 1 and entity.attrs.get("surname_only") and not entity.attrs.get("given_name_only")
    last = words[-1].strip(".,") if len(words) >= 2 or alone else ""
    return last if len(last) >= 4 and last.isalpha() else None


def printed_pattern(entity: Entity) -> re.Pattern[str] | None:
    """The regular expression of the entity's printed forms (see the module docstring), or None."""
    # A cryptonym is stored in capitals ("AMMUG-1", "JMWAVE"); "Angleton" is no cryptonym.
    crypt = parse_cryptonym(entity.name) if entity.name.isupper() else None
    if crypt is not None:
        word = re.escape(crypt.word)
        if crypt.agent is None:
            return re.compile(rf"\b{word}\b(?!(?:{_SEPARATOR})?\d)", re.I)
        return re.compile(rf"\b{word}(?:{_SEPARATOR})?0*{crypt.agent}\b", re.I)
    surname = surname_of(entity)
    if surname is None:
        return None
    # Capitals or title case only: "SCANTLING", "Scantling", "Scantling's" but not "scantling".
    return re.compile(rf"\b(?:{re.escape(surname.upper())}|{re.escape(surname.capitalize())})\b")


def printed_mentions(
    store: Store,
    entity: Entity,
    mentions: list[Mention],
    owner: dict[str, str],
    doc_ids: list[str],
    others: dict[str, dict[str, object]],
) -> list[Mention]:
    """Printed forms of ``entity`` outside its mentions in the first :data:`PRINTED_DOCUMENTS` of
    ``doc_ids``, as unstored mentions (id ``printed:DOC:START``) for the passages to quote.

    ``mentions`` are all mentions of those documents, ``owner`` maps mention id to entity id and
    ``others`` gives each entity's ``name`` and ``type`` (what :func:`declass.trace.dossier_for`
    has already read)."""
    pattern = printed_pattern(entity)
    if pattern is None or not doc_ids:
        return []
    surname = surname_of(entity)
    taken: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)  # doc -> (start, end, is ours)
    clash: set[str] = set()
    mine = set(entity.mention_ids)
    for m in mentions:
        ours = m.id in mine
        taken[m.doc_id].append((m.start, m.end, ours))
        other = others.get(owner.get(m.id, ""))
        if surname and not ours and other and other["type"] == "PERSON" and owner.get(m.id) != entity.id:
            if str(other["name"]).split()[-1:] == [surname]:
                clash.add(m.doc_id)
    docs = [d for d in doc_ids if d not in clash][:PRINTED_DOCUMENTS]
    spans = store.paragraph_spans(docs)
    paras = [(d, p) for d in docs for p in spans.get(d, [])]
    texts = store.text_slices((d, p.start, p.end) for d, p in paras)
    out: list[Mention] = []
    for doc_id, para in paras:
        text = texts.get((doc_id, para.start, para.end), "")
        for hit in pattern.finditer(text):
            start, end = para.start + hit.start(), para.start + hit.end()
            if _covered(taken[doc_id], start, end):
                continue
            out.append(_printed(entity, doc_id, para, start, end, hit.group(0)))
    return out


def _covered(spans: list[tuple[int, int, bool]], start: int, end: int) -> bool:
    """Whether a printed form is already a mention of the entity (overlapping one) or lies inside
    another entity's mention."""
    return any((ours and s < end and start < e) or (not ours and s <= start and end <= e) for s, e, ours in spans)


def _printed(entity: Entity, doc_id: str, para: Paragraph, start: int, end: int, text: str) -> Mention:
    return Mention(
        id=f"printed:{doc_id}:{start}",
        doc_id=doc_id,
        label=entity.type,
        text=text,
        start=start,
        end=end,
        page=para.page,
        paragraph=para.index,
        attrs={"printed": True},
    )
