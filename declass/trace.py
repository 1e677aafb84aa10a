"""The name trace: everything the archive says about one person or organisation, as a Dossier.

``find_entities`` looks a name up tolerantly (OCR damage, transliteration: Tretiakov/Tretyakov,
Kandourov/Kandaurov, MTS/NTS): the store's name index gives candidates sharing folded keys with the
query (:meth:`~declass.store.Store.search_entity_names`), RapidFuzz over their names, variants and
aliases ranks them. ``trace`` reads the store and assembles a :class:`~declass.records.Dossier`;
it writes nothing, so a dossier is always recomputable. It reads in a fixed number of batched
queries (mentions of the entity's documents, their entities, document summaries, claims), each
once: the timeline (:func:`declass.timeline.timeline_of`) gets the same claims and mentions and
quotes dated sentences through two narrow reads. It never loads a whole document, nor runs one
query per document, so its cost follows the entity's size, not the store's.
Rendering to text, Markdown and JSON lives in :mod:`declass.trace_render`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from rapidfuzz import fuzz

from declass.errors import Ambiguous, NotFound
from declass.model import Citation, Claim, Entity, Mention, to_dict
from declass.records import (
    Alias,
    Candidate,
    CoMention,
    Dossier,
    DossierCitation,
    DossierClaim,
    DossierDocument,
    Role,
    Variant,
)
from declass.resolve.manage import possibly_also
from declass.store import Store
from declass.timeline import claim_coverage, claim_text, dated_mentions, sentence_citations, timeline_of
from declass.trace_match import agreeing
from declass.trace_passages import (
    MAX_PASSAGES,
    PASSAGE_CHARS,
    PASSAGE_MIN_CHARS,
    PASSAGES_PER_DOCUMENT,
    SOLE_PASSAGE_CHARS,
    SOLE_PASSAGE_MIN_CHARS,
    distinct_passages,
    passage_mentions,
    quoted_further,
    rank_documents,
)
from declass.trace_printed import PRINTED_ELSEWHERE, printed_elsewhere, printed_mentions
from declass.trace_text import add_text_matches, text_dossier
from declass.types.names import fold_name, parse_person

# A lookup is ambiguous when the runner-up scores within this many points of the best.
AMBIGUITY_MARGIN = 6.0
MIN_SCORE = 70.0
# How many index candidates RapidFuzz ranks (those sharing most keys with the query).
CANDIDATES = 50
ROLE_PREDICATES = ("holds_role", "member_of", "removed_from", "agent_of", "part_of", "subordinate_to")


def name_score(query: str, entity: Entity) -> float:
    """How well a query matches an entity: best of its name, variants and aliases (0-100), each
    folded word by word as the name index folds them (:func:`declass.types.names.fold_name`)."""
    q = fold_name(query)
    best = 0.0
    for s in [entity.name, *entity.variants, *entity.aliases]:
        f = fold_name(s)
        if not f:
            continue
        if f == q:
            return 100.0
        score = fuzz.WRatio(q, f)
        # A surname alone ("Belik") should find "Zoran Afanasyevich Belik" well.
        if q in f.split():
            score = max(score, 95.0)
        best = max(best, score)
    return best


def find_entities(store: Store, name: str, *, limit: int = 10) -> list[tuple[Entity, float]]:
    """Candidate entities for a name, best first, with scores (0-100).

    The candidates come without their member lists (``mention_ids`` empty): 50 candidates of a
    common name in a large archive can have hundreds of thousands of mentions. Ties are broken
    by the stored mention counts."""
    scored = [(e, name_score(name, e)) for e in store.search_entity_names(name, limit=CANDIDATES, members=False)]
    scored = agreeing(name, [(e, s) for e, s in scored if s >= MIN_SCORE])
    counts = _mention_counts(store, [e for e, _ in scored])
    scored.sort(key=lambda t: (-t[1], -counts.get(t[0].id, 0), t[0].name))
    return _best_fit_first(name, scored)[:limit]


def query_fit(query: str, entity: Entity) -> int:
    """How well an entity fits a query of several words that it matches by one of them: 2 for a
    person bearing the query's last word as surname ("Alberto Bayo" -> Bayo, not the given name
    "Alberto" taken for a place), 1 for another person (a personal name is what such a query
    asks for: "Dieu Hue" -> Dieu, not the city of Hue), 0 otherwise or for a one-word query."""
    if len(query.split()) < 2 or entity.type != "PERSON":
        return 0
    surname = parse_person(query).surname
    return 2 if surname and any(parse_person(s).surname == surname for s in [entity.name, *entity.variants]) else 1


def _best_fit_first(query: str, scored: list[tuple[Entity, float]]) -> list[tuple[Entity, float]]:
    """Of the candidates within :data:`AMBIGUITY_MARGIN` of the best (an ambiguous lookup), the
    best-fitting one (:func:`query_fit`) first; an exact match (score 100) stays first."""
    if len(scored) < 2 or scored[0][1] >= 100.0:
        return scored
    close = [k for k, (_, s) in enumerate(scored) if s >= scored[0][1] - AMBIGUITY_MARGIN]
    best = max(close, key=lambda k: (query_fit(query, scored[k][0]), -k))
    return [scored[best], *scored[:best], *scored[best + 1 :]]


def _mention_counts(store: Store, entities: list[Entity]) -> dict[str, int]:
    return {k: int(v["mention_count"]) for k, v in store.entity_summaries(e.id for e in entities).items()}


def pick_entity(
    store: Store, name: str, pick: int | None = None, *, members: bool = False
) -> tuple[Entity, float, list[tuple[Entity, float]]]:
    """The entity a name means, with its member list only if ``members`` (the dossier reads the
    members of the documents it shows, never the whole list). Raises NotFound, or Ambiguous with
    ranked candidates unless ``pick`` (1-based) chooses one."""
    found = find_entities(store, name)
    if not found:
        raise NotFound(f"no entity matches {name!r} (see `declass entities`)")
    if pick is not None:
        if not 1 <= pick <= len(found):
            raise NotFound(f"--pick {pick}: only {len(found)} candidate(s) for {name!r}")
        return store.get_entity(found[pick - 1][0].id, members=members), found[pick - 1][1], found
    best, score = found[0]
    fit = query_fit(name, best)
    rivals = [e for e, s in found[1:] if s >= max(score, found[1][1]) - AMBIGUITY_MARGIN and query_fit(name, e) >= fit]
    if len(found) > 1 and score < 100.0 and (rivals if fit == 2 else found[1][1] >= score - AMBIGUITY_MARGIN):
        counts = _mention_counts(store, [e for e, _ in found])
        raise Ambiguous(
            f"{name!r} matches several entities; choose one with --pick N",
            [f"{e.name} ({e.type}, {counts.get(e.id, 0)} mentions, score {s:.0f})" for e, s in found],
        )
    return store.get_entity(best.id, members=members), score, found


def _cite(c: Citation | None, numbers: dict[str, str]) -> DossierCitation | None:
    if c is None:
        return None
    return _cited(c, numbers)


def _cited(c: Citation, numbers: dict[str, str]) -> DossierCitation:
    return DossierCitation(**to_dict(c), document=numbers.get(c.doc_id, c.doc_id[:12]))


def trace(store: Store, name: str, *, pick: int | None = None, max_documents: int = 200) -> Dossier:
    """The dossier of the entity ``name`` means (see :func:`pick_entity`). When no entity matches,
    the passages of the records printing the name, labelled as text matches
    (:func:`declass.trace_text.text_dossier`); NotFound only when no record prints it either. When
    the entity's documents include none of the records printing the name, those records are added
    as text matches (:func:`declass.trace_text.add_text_matches`)."""
    try:
        entity, score, found = pick_entity(store, name, pick)
    except Ambiguous:
        raise
    except NotFound:
        text = text_dossier(store, name) if pick is None else None
        if text is None:
            raise
        return text
    dossier = dossier_for(store, entity, max_documents=max_documents, elsewhere=PRINTED_ELSEWHERE)
    dossier.query = name
    dossier.score = score
    dossier.candidates = [Candidate(e.id, e.name, e.type, round(s, 1)) for e, s in found]
    add_text_matches(store, dossier, name)
    return dossier


def dossier_for(store: Store, entity: Entity, *, max_documents: int = 200, elsewhere: int = 0) -> Dossier:
    """The dossier of one known entity (no name lookup): what the entity page shows. With
    ``elsewhere``, also up to that many documents that print its name without a mention of it
    (:func:`declass.trace_printed.printed_elsewhere`), listed with 0 mentions."""
    doc_ids = sorted(set(entity.doc_ids))
    if not doc_ids and not entity.mention_ids:  # a store without document lists: found from members
        entity = store.get_entity(entity.id)
    count = len(entity.mention_ids) or int(store.entity_summaries([entity.id]).get(entity.id, {}).get("mention_count", 0))
    dossier = Dossier(entity=entity, query=entity.name, score=100.0, mention_count=count)
    # Mentions of the entity, per document: variants with counts and documents.
    variant_docs: dict[str, set[str]] = defaultdict(set)
    variant_counts: Counter[str] = Counter()
    names: dict[str, str] = {}  # mention id -> canonical entity name (for claims in words)
    co: dict[str, CoMention] = {}
    mention_doc: dict[str, str] = {}
    para_of: dict[str, tuple[str, int | None]] = {}  # mention id -> (document, paragraph), for co-mentions
    own_paras: set[tuple[str, int | None]] = set()
    total_docs = len(doc_ids)
    if total_docs > max_documents:
        # Only the documents shown are read: the cost of a page is bounded by ``max_documents``,
        # not by the entity's size (an entity of a million-document archive may be in thousands).
        dossier.notes.append(f"showing the first {max_documents} of {total_docs} documents")
        doc_ids = doc_ids[:max_documents]
    listed = bool(doc_ids)  # the entity's documents are known (else: found from every mention)
    # Who each mention of the documents shown belongs to, read with the mentions (one statement
    # per 500 documents): the entity's own members there come from this read too, so the dossier
    # never needs the entity's whole member list (613,068 ids for the largest entity of a
    # million-document archive), only the documents it shows.
    mentions, owner = store.mentions_with_owners(doc_ids) if listed else (list(store.iter_mentions()), {})
    mention_ids = {mid for mid, eid in owner.items() if eid == entity.id} if listed else set(entity.mention_ids)
    for m in mentions:
        para_of[m.id] = (m.doc_id, m.paragraph)
        if m.id not in mention_ids:
            continue
        own_paras.add((m.doc_id, m.paragraph))
        variant_counts[m.text] += 1
        variant_docs[m.text].add(m.doc_id)
        mention_doc[m.id] = m.doc_id
        names[m.id] = entity.name
    if total_docs > max_documents and entity.variants:
        variant_counts = Counter(entity.variants)  # counted over every document, not only those shown
    if not doc_ids:
        doc_ids = sorted(set(mention_doc.values()))
        if len(doc_ids) > max_documents:
            dossier.notes.append(f"showing the first {max_documents} of {len(doc_ids)} documents")
            doc_ids = doc_ids[:max_documents]
    all_docs = set(doc_ids)
    # The documents where the entity is central first: they get the passages (trace_passages).
    docs_seen = rank_documents(doc_ids, [m for m in mentions if m.id in mention_ids])
    dossier.notes += [f"possibly also {p['name']} ({p['id']}): {p['why']}" for p in possibly_also(store, entity)]
    # Every entity named in the entity's documents: names for claims in words, and co-mentions
    # (within the documents shown).
    shown = set(docs_seen)
    if not listed:  # every mention was read: the owners of those in the documents shown
        owner = store.entities_of_mentions(mid for mid, (doc, _) in para_of.items() if doc in all_docs)
    others = store.entity_summaries(set(owner.values()))
    other_docs: dict[str, set[str]] = defaultdict(set)
    other_paras: dict[str, set[tuple[str, int | None]]] = defaultdict(set)
    for mid, eid in owner.items():
        if eid not in others:
            continue
        names.setdefault(mid, others[eid]["name"])
        if para_of[mid][0] not in shown:
            continue
        other_docs[eid].add(para_of[mid][0])
        other_paras[eid].add(para_of[mid])
    # Co-mentioned entities: a shared document counts 1; each paragraph where both are named adds 0.5.
    for eid, docs in other_docs.items():
        other = others[eid]
        if eid == entity.id or other["type"] in ("DATE", "MONEY"):
            continue
        strength = len(docs) + 0.5 * len(other_paras[eid] & own_paras)
        co[eid] = CoMention(eid, other["name"], other["type"], strength, sorted(docs))
    dossier.co_mentions = sorted(co.values(), key=lambda x: (-x.strength, x.name))[:30]
    for entry in dossier.co_mentions:
        entry.strength = round(entry.strength, 2)
    # Documents (number, title, date) for citations, without loading their text.
    own_counts = Counter(mention_doc.values())
    numbers: dict[str, str] = {}
    summaries = store.document_summaries(docs_seen)
    for doc_id in docs_seen:
        if doc_id not in summaries:
            continue
        row = summaries[doc_id]
        numbers[doc_id] = row["number"] or row["source_path"].rsplit("/", 1)[-1]
        dossier.documents.append(
            DossierDocument(
                id=doc_id,
                number=numbers[doc_id],
                title=row["title"],
                date=row["doc_date"],
                classification=row["classification"],
                mentions=own_counts.get(doc_id, 0),
            )
        )
    # Records printing the name without a mention of it, found by a full-text search (about 100 ms
    # at a million documents): only when every document of the entity's own is shown, since
    # unmarked records rank after the marked ones the dossier already has to cut.
    search_elsewhere = elsewhere and total_docs <= max_documents
    outside = printed_elsewhere(store, entity, set(entity.doc_ids) | all_docs, elsewhere) if search_elsewhere else []
    if outside:
        extra = list(dict.fromkeys(m.doc_id for m in outside))
        rows = store.document_summaries(extra)
        for doc_id in extra:
            row = rows[doc_id]
            numbers[doc_id] = row["number"] or row["source_path"].rsplit("/", 1)[-1]
            dossier.documents.append(
                DossierDocument(doc_id, numbers[doc_id], row["title"], row["doc_date"], row["classification"], 0)
            )
        shown_numbers = ", ".join(numbers[d] for d in extra)
        dossier.notes.append(f"its name is printed, not marked, in {len(extra)} more document(s): {shown_numbers}")
    dossier.variants = [
        Variant(t, n, [numbers.get(d, d[:12]) for d in sorted(variant_docs[t])]) for t, n in variant_counts.most_common()
    ]
    claim_ids = mention_ids if total_docs <= max_documents else set(mention_doc)  # the documents shown
    claims = list(store.iter_claims(mention_ids=claim_ids)) if claim_ids else []
    _fill_claims(dossier, entity, claims, names, numbers, mention_ids)
    # The timeline from the claims and mentions read above (of the documents shown): no second read.
    shown_mentions: list[Mention] = [m for m in mentions if m.doc_id in shown]
    # The sentences quoted (passages naming the entity, dated sentences of the timeline): one read.
    # Where the documents print the name but extraction missed it ("SCANTLING's true name is").
    shown_entity = replace(entity, mention_ids=sorted(mention_ids))  # its members in the documents shown
    printed = printed_mentions(store, shown_entity, shown_mentions, owner, docs_seen, others) + outside
    per_doc = max(PASSAGES_PER_DOCUMENT, MAX_PASSAGES // max(len(docs_seen), 1))
    quoting = passage_mentions([*shown_mentions, *printed], mention_ids | {m.id for m in printed}, per_doc, docs_seen)
    sole = quoted_further(quoting, Counter(mention_doc.values()))
    usual = [m for m in quoting if m.id not in sole]
    dated = [m for m, _ in dated_mentions(shown_mentions, mention_ids, claim_coverage(claims))]
    # Passages are widened to their neighbouring sentences, dated sentences are not; one read for both.
    to_quote = [*usual, *dated]
    flags = [True] * len(usual) + [False] * len(dated)
    cited = sentence_citations(store, to_quote, max_chars=PASSAGE_CHARS, min_chars=PASSAGE_MIN_CHARS, widen=flags)
    quoted = dict(zip((m.id for m in usual), cited[: len(usual)], strict=True))
    alone = [m for m in quoting if m.id in sole]
    longer = sentence_citations(store, alone, max_chars=SOLE_PASSAGE_CHARS, min_chars=SOLE_PASSAGE_MIN_CHARS)
    quoted.update(zip((m.id for m in alone), longer, strict=True))
    passage_quotes = [quoted[m.id] for m in quoting]
    quotes = {m.id: c for m, c in zip(dated, cited[len(usual) :], strict=True)}
    dossier.timeline = timeline_of(store, claims, mentions=shown_mentions, about=mention_ids, names=names, quotes=quotes)
    dossier.passages = [_cited(c, numbers) for c in distinct_passages(passage_quotes, per_doc)]
    known = {x.name for x in dossier.aliases}
    dossier.aliases.extend(Alias(a, "resolution") for a in entity.aliases if a not in known)
    return dossier


def _role_label(c: Claim) -> str:
    """The role column of a dossier: "chief", "governing committee", "removed from chief post"."""
    if c.predicate == "member_of":
        return c.value or "member"
    if c.predicate == "removed_from":
        return "removed from " + (c.value or "post")
    if c.predicate == "agent_of":
        return "agent" + (f" ({c.value})" if c.value else "")
    if c.predicate in ("part_of", "subordinate_to"):
        return c.predicate.replace("_", " ")
    return c.value or c.predicate


def _fill_claims(
    dossier: Dossier, entity: Entity, claims: list[Claim], names: dict[str, str], numbers: dict[str, str], mention_ids: set[str]
) -> None:
    grouped: dict[str, list[DossierClaim]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (c.predicate, c.time or "", c.doc_id, c.citation.start if c.citation else 0)):
        role = "subject" if c.subject in mention_ids else "object" if c.object in mention_ids else "place"
        item = DossierClaim(
            id=c.id,
            predicate=c.predicate,
            text=claim_text(c, names),
            as_=role,
            subject=names.get(c.subject, c.attrs.get("subject_text", c.subject)),
            object=names.get(c.object or "", c.attrs.get("object_text")) if c.object else None,
            value=c.value,
            time=c.time,
            hedge=c.hedge,
            negated=c.negated,
            speaker=c.speaker,
            unevaluated=c.unevaluated,
            citation=_cite(c.citation, numbers),
        )
        grouped[c.predicate].append(item)
        if c.predicate == "alias_of":
            other = item.object if role == "subject" else item.subject
            if other and other != entity.name:
                dossier.aliases.append(Alias(other, c.value or "alias", item.citation, c.hedge))
        if c.predicate in ROLE_PREDICATES and role == "subject":
            dossier.roles.append(
                Role(
                    predicate=c.predicate,
                    role=_role_label(c),
                    organisation=item.object,
                    from_=c.attrs.get("from"),
                    until=c.attrs.get("until"),
                    time=c.time,
                    hedge=c.hedge,
                    citation=item.citation,
                )
            )
    dossier.claims = dict(sorted(grouped.items()))
