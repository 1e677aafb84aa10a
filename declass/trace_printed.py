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
  never one, unless that entity is the same name filed under another type ("DRE" taken for a
  place in one record, "JMWAVE" for a person): that is this entity printed.

Cost: the text of at most :data:`PRINTED_DOCUMENTS` documents, read in one narrow read, so a
trace still costs what the entity's size does, not what the store's does.

The trace by name (``declass trace``) also looks *outside* the entity's documents
(:func:`printed_elsewhere`): one full-text search for the surname, cryptonym or place name, and
the documents that print it where extraction marked no mention of it are cited too, at most
:data:`PRINTED_ELSEWHERE`, with their mention count 0. Extraction misses whole records' worth of a
name in cables ("CUBA", "OSWALD"): a researcher tracing the name still gets those records.
"""

from __future__ import annotations

import re
from collections import defaultdict

from declass.errors import DeclassError
from declass.model import Entity, Mention, Paragraph
from declass.resolve.crypt import parse_cryptonym
from declass.store import Store

# At most this many of the entity's documents are read for printed forms (those shown first).
PRINTED_DOCUMENTS = 20
# At most this many documents without a mention of the entity are cited for its printed name
# (the trace by name), of the best SEARCHED hits of the full-text index.
PRINTED_ELSEWHERE = 10
SEARCHED = 50
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


# A cryptonym word this long, printed in one of the entity's own documents with one letter after
# its digraph misread ("AELAOLE", "AELARLE" beside AELADLE in 104-10172-10248), is that cryptonym.
MIN_DAMAGED_CRYPTONYM = 7


def own_document_pattern(entity: Entity) -> re.Pattern[str] | None:
    """The printed forms of ``entity`` in its own documents: :func:`printed_pattern`, and for a
    cryptonym word of :data:`MIN_DAMAGED_CRYPTONYM` letters or more without an agent number also
    the word in capitals with one letter after the digraph misread (the document prints the
    cryptonym, so a capital word one letter from it there is it printed damaged; elsewhere it
    could be another cryptonym, and only the exact word counts)."""
    pattern = printed_pattern(entity)
    crypt = parse_cryptonym(entity.name) if entity.name.isupper() else None
    if pattern is None or crypt is None or crypt.agent is not None or len(crypt.word) < MIN_DAMAGED_CRYPTONYM:
        return pattern
    word = crypt.word.upper()
    damaged = "|".join(re.escape(word[:k]) + "[A-Z]" + re.escape(word[k + 1 :]) for k in range(2, len(word)))
    # The exact word in any case (as printed_pattern), the damaged ones in capitals only.
    return re.compile(rf"(?i:{pattern.pattern})|\b(?:{damaged})\b(?!(?:{_SEPARATOR})?\d)")


def elsewhere_pattern(entity: Entity) -> tuple[str, re.Pattern[str]] | None:
    """The word searched for and the printed forms of an entity in documents where it has no
    mention: a person's surname or a cryptonym (:func:`printed_pattern`), a place's or body's name
    of four letters or more in capitals or as it is written ("CUBA", "Cuba"; not "cuba")."""
    pattern = printed_pattern(entity)
    if pattern is not None:
        crypt = parse_cryptonym(entity.name) if entity.name.isupper() else None
        word = crypt.word if crypt is not None else surname_of(entity)
        return (word, pattern) if word else None
    name = " ".join(entity.name.split())
    if entity.type not in ("LOC", "ORG") or len(re.sub(r"[^A-Za-z]", "", name)) < 4:
        return None
    if not re.fullmatch(r"[A-Z][A-Za-z.'-]*(?: [A-Za-z][A-Za-z.'-]*){0,3}", name) or (name.isupper() and len(name) <= 4):
        return None  # debris, or an acronym ("CIA") printed inside any word of capitals
    spaced = r"\s+".join(re.escape(w) for w in name.split())
    upper = r"\s+".join(re.escape(w.upper()) for w in name.split())
    return name, re.compile(rf"\b(?:{spaced}|{upper})\b")


def printed_elsewhere(store: Store, entity: Entity, known: set[str], limit: int = PRINTED_ELSEWHERE) -> list[Mention]:
    """Printed forms of ``entity`` in up to ``limit`` documents outside ``known`` (its own), found
    by the full-text index: a record where extraction marked no mention of the name at all
    ("OSWALD allegedly walked into the Soviet embassy" in the LIEMPTY notes; "CUBA" in a cable).
    The evidence rules of :func:`printed_mentions` apply (a document naming another person of the
    surname is skipped; a form inside another entity's mention is none, except inside a mention of
    the bare surname that resolution kept apart as a surname-only entity: that one is possibly
    this person, and its records are cited as printing the name)."""
    found = elsewhere_pattern(entity)
    if found is None or limit <= 0:
        return []
    word, pattern = found
    try:
        hits = store.search(f'"{word}"', fuzzy=False, facets=False, limit=SEARCHED).results
    except DeclassError:
        return []  # a name the search syntax cannot take: no documents elsewhere
    docs = [h.id for h in hits if h.id not in known]
    if not docs:
        return []
    mentions = list(store.iter_mentions(doc_ids=docs))
    owner = store.entities_of_mentions(m.id for m in mentions)
    others = store.entity_summaries(set(owner.values()))
    printed = printed_mentions(store, entity, mentions, owner, docs, others, pattern=pattern)
    keep = list(dict.fromkeys(m.doc_id for m in printed))[:limit]
    return [m for m in printed if m.doc_id in keep]


def printed_mentions(
    store: Store,
    entity: Entity,
    mentions: list[Mention],
    owner: dict[str, str],
    doc_ids: list[str],
    others: dict[str, dict[str, object]],
    pattern: re.Pattern[str] | None = None,
) -> list[Mention]:
    """Printed forms of ``entity`` outside its mentions in the first :data:`PRINTED_DOCUMENTS` of
    ``doc_ids``, as unstored mentions (id ``printed:DOC:START``) for the passages to quote.

    ``mentions`` are all mentions of those documents, ``owner`` maps mention id to entity id and
    ``others`` gives each entity's ``name`` and ``type`` (what :func:`declass.trace.dossier_for`
    has already read); ``pattern`` replaces :func:`own_document_pattern`."""
    pattern = pattern or own_document_pattern(entity)
    if pattern is None or not doc_ids:
        return []
    surname = surname_of(entity)
    taken: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)  # doc -> (start, end, is ours)
    clash: set[str] = set()
    mine = set(entity.mention_ids)
    folded = entity.name.casefold()
    bare = surname.casefold() if surname and entity.type == "PERSON" else None
    for m in mentions:
        ours = m.id in mine
        other = others.get(owner.get(m.id, ""))
        if not ours and other and other["type"] != entity.type and str(other["name"]).casefold() == folded:
            continue  # the same name filed under another type ("DRE" as a place): it is this one printed
        if not ours and other and other["type"] == "PERSON" and str(other["name"]).casefold() == bare:
            continue  # the bare surname resolution kept apart ("OSWALD" alone): possibly this one, printed
        taken[m.doc_id].append((m.start, m.end, ours))
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
