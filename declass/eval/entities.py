"""Score a store's entities against hand-annotated records: ``declass eval entities GOLD_DIR``.

Per record, the stored entities are those with a mention in the record's document. Measured:

* **recall** per type: a gold entity is found when a stored entity of its type has the canonical
  name, or a mention in the record, whose match key equals the key of the gold name or a variant,
  or is made of two or more words of that gold entity's forms and of no other one (a name cut
  short: "Fernando Gomez" for "Fernando Gomez Fonseca"); cryptonyms are matched against stored
  entities of any type (resolution files them under ORG);
* **precision** per type: a stored entity is correct when it matches a gold entity of its type or
  a gold cryptonym;
* **canonical**: of the found gold entities, how many have a stored canonical name that is one of
  their gold forms (a found "Castro" entity named "Agapito Robledo Castro" is not);
* **splits**: found gold entities that are spread over more than one stored entity in a record;
* **purity**: the mentions of one stored entity that match a gold entity should all match the same
  one (across records: gold entities are identified by type and canonical name);
* **trace answers**: ``declass trace NAME`` must cite the record and show one of the answer strings
  in something it cites from that record (a claim, a role, a timeline event).

Scoring works on plain :class:`StoredEntity` values, so it is tested on hand-built inputs; reading
them from a store and ingesting the gold sources are separate steps.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from declass.errors import Ambiguous, NotFound
from declass.eval.record_gold import GoldEntity, GoldQuestion, GoldRecord, answer_form, match_key, read_gold_dir
from declass.ingest import ingest_paths
from declass.model import sha256_bytes, to_dict
from declass.settings import Settings
from declass.store import Store, open_store
from declass.trace import trace

TYPES = ("PERSON", "ORG", "LOC", "CRYPTONYM")
STORED_TYPES = ("PERSON", "ORG", "LOC")
EXAMPLES = 8  # misses / false positives listed per type and record
# Where gold sources are looked for (``source:`` is relative to one of these), first match wins.
DEFAULT_SAMPLES = ("../shared/samples", "examples")


@dataclass(slots=True)
class StoredEntity:
    """A stored entity as seen from one record: its canonical name and mentions there."""

    id: str
    type: str
    name: str
    mentions: list[str] = field(default_factory=list)  # surface forms in the record, one per mention

    def keys(self) -> set[str]:
        """Match keys of the canonical name and of every surface form in the record."""
        return {k for k in (match_key(s) for s in [self.name, *self.mentions]) if k}


def form_matches(record: GoldRecord, key: str, stored_type: str) -> list[GoldEntity]:
    """The gold entities of the record a name form (a match key) stands for, for a stored entity
    of ``stored_type``: those with that form, else the one gold entity whose printed forms hold
    all of its two or more words ("Fernando Gomez" for "Fernando Gomez Fonseca"; "Jose Ricardo"
    is both the source and his father, so it stands for neither)."""
    gold = [g for g in record.entities if g.type in (stored_type, "CRYPTONYM")]
    exact = [g for g in gold if key in g.keys()]
    words = set(key.split())
    if exact or len(words) < 2:
        return exact
    partial = [g for g in gold if words <= g.words()]
    return partial if len(partial) == 1 else []


def matches(stored: StoredEntity, gold: GoldEntity, record: GoldRecord) -> bool:
    """Whether a stored entity stands for a gold entity of the record (same type, or a cryptonym)."""
    return any(gold in form_matches(record, k, stored.type) for k in stored.keys())


def score_record(record: GoldRecord, stored: list[StoredEntity]) -> dict[str, Any]:
    """Counts of one record: per type found/gold, correct/stored, canonical, splits, with examples."""
    out: dict[str, Any] = {"record": record.record, "types": {}}
    for etype in TYPES:
        gold = record.of_type(etype)
        found = canonical = splits = 0
        missed: list[str] = []
        for g in gold:
            hits = [s for s in stored if matches(s, g, record)]
            if not hits:
                missed.append(g.name)
                continue
            found += 1
            canonical += any(match_key(s.name) in g.keys() for s in hits)
            splits += len(hits) > 1
        row: dict[str, Any] = {"gold": len(gold), "found": found, "canonical": canonical, "splits": splits}
        row["missed"] = missed[:EXAMPLES]
        if etype in STORED_TYPES:
            mine = [s for s in stored if s.type == etype]
            wrong = [s.name for s in mine if not any(form_matches(record, k, etype) for k in s.keys())]
            row.update(stored=len(mine), correct=len(mine) - len(wrong), spurious=wrong[:EXAMPLES])
        out["types"][etype] = row
    return out


def purity(assignments: Iterable[tuple[str, str | None]]) -> dict[str, Any]:
    """Cluster purity from (stored entity id, gold entity key or None) per mention.

    Mention-weighted: the share of matched mentions that belong to their entity's majority gold
    entity; also how many stored entities mix mentions of different gold entities.
    """
    by_entity: dict[str, Counter[str]] = defaultdict(Counter)
    for eid, gkey in assignments:
        if gkey is not None:
            by_entity[eid][gkey] += 1
    total = sum(sum(c.values()) for c in by_entity.values())
    majority = sum(c.most_common(1)[0][1] for c in by_entity.values())
    mixed = {eid: dict(c) for eid, c in by_entity.items() if len(c) > 1}
    return {
        "purity": round(majority / total, 4) if total else 1.0,
        "entities": len(by_entity),
        "mixed": len(mixed),
        "mixed_examples": [sorted(c, key=lambda k: -c[k]) for c in list(mixed.values())[:EXAMPLES]],
    }


def assign_mentions(record: GoldRecord, stored: list[StoredEntity]) -> list[tuple[str, str | None]]:
    """(stored entity id, gold entity key) for every mention, by its surface form in the record."""
    out: list[tuple[str, str | None]] = []
    for s in stored:
        for text in s.mentions:
            gold = form_matches(record, match_key(text), s.type)
            out.append((s.id, gold[0].key if gold else None))
    return out


def stored_entities(store: Store, doc_id: str) -> list[StoredEntity]:
    """The PERSON/ORG/LOC entities with a mention in one document, with their surface forms there."""
    mentions = list(store.iter_mentions(doc_id=doc_id))
    owner = store.entities_of_mentions(m.id for m in mentions)
    summaries = store.entity_summaries(set(owner.values()))
    found: dict[str, StoredEntity] = {}
    for m in mentions:
        eid = owner.get(m.id)
        info = summaries.get(eid) if eid else None
        if info is None or info["type"] not in STORED_TYPES:
            continue
        ent = found.setdefault(eid, StoredEntity(eid, info["type"], info["name"]))  # type: ignore[arg-type]
        ent.mentions.append(m.text)
    return list(found.values())


def answer_question(store: Store, q: GoldQuestion, doc_id: str) -> dict[str, Any]:
    """Trace the question's name; answered when the record is cited and an answer shown from it."""
    row: dict[str, Any] = {"question": q.question, "trace": q.trace, "cite": q.cite, "entity": None}
    row.update(ambiguous=False, cited=False, answered=False)
    try:
        dossier = trace(store, q.trace)
    except Ambiguous:
        row["ambiguous"] = True
        try:
            dossier = trace(store, q.trace, pick=1)
        except NotFound:
            return row
    except NotFound:
        return row
    row["entity"] = dossier.entity.name
    row["cited"] = any(d.id == doc_id for d in dossier.documents)
    evidence = answer_form(" ".join(_evidence(to_dict(dossier), doc_id)))
    row["answered"] = row["cited"] and any(answer_form(a) in evidence for a in q.answers)
    return row


def _evidence(node: Any, doc_id: str, inside: bool = False) -> Iterable[str]:
    """Every string in the parts of a dossier that cite ``doc_id`` (claims, roles, events, the
    document entry with its title)."""
    if isinstance(node, str):
        if inside:
            yield node
    elif isinstance(node, list):
        for item in node:
            yield from _evidence(item, doc_id, inside)
    elif isinstance(node, dict):
        cite = node.get("citation")
        # A claim, role or event citing the document, or the document's own entry (title).
        here = (
            inside or doc_id in (node.get("doc_id"), node.get("id")) or (isinstance(cite, dict) and cite.get("doc_id") == doc_id)
        )
        for value in node.values():
            yield from _evidence(value, doc_id, here)


def score_part(store: Store, records: list[GoldRecord], doc_ids: dict[str, str]) -> dict[str, Any]:
    """Scores of one part (dev or held-out): totals per type, purity, trace answers, per record."""
    per_record: list[dict[str, Any]] = []
    assignments: list[tuple[str, str | None]] = []
    answers: list[dict[str, Any]] = []
    for rec in records:
        doc_id = doc_ids.get(rec.record)
        if doc_id is None:
            continue
        stored = stored_entities(store, doc_id)
        per_record.append(score_record(rec, stored))
        assignments.extend(assign_mentions(rec, stored))
        answers.extend({**answer_question(store, q, doc_id), "record": rec.record} for q in rec.questions)
    totals = {}
    for etype in TYPES:
        rows = [r["types"][etype] for r in per_record]
        t = {k: sum(r[k] for r in rows) for k in ("gold", "found", "canonical", "splits")}
        t["recall"] = round(t["found"] / t["gold"], 4) if t["gold"] else None
        if etype in STORED_TYPES:
            t["stored"] = sum(r["stored"] for r in rows)
            t["correct"] = sum(r["correct"] for r in rows)
            t["precision"] = round(t["correct"] / t["stored"], 4) if t["stored"] else None
        totals[etype] = t
    answered = sum(a["answered"] for a in answers)
    return {
        "records": len(per_record),
        "missing": sorted(r.record for r in records if r.record not in doc_ids),
        "types": totals,
        "purity": purity(assignments),
        "trace": {
            "questions": len(answers),
            "cited": sum(a["cited"] for a in answers),
            "answered": answered,
            "share": round(answered / len(answers), 4) if answers else None,
        },
        "questions": answers,
        "per_record": per_record,
    }


def locate(record: GoldRecord, roots: Iterable[Path]) -> Path | None:
    """The record's source file under the first samples root that has it."""
    for root in roots:
        path = Path(root) / record.source
        if path.is_file():
            return path
    return None


def evaluate_entities(
    gold_dir: str | Path, settings: Settings, *, samples: Iterable[str | Path] = DEFAULT_SAMPLES
) -> dict[str, Any]:
    """Ingest the gold records' sources into ``settings.db`` and score every part of the gold.

    Records whose source file is under no samples root are listed as missing, and record files that
    cannot be read are listed under ``errors``: neither stops the run. The store
    may already hold the documents (a re-run, or a corpus store): ingest then only adds sightings.
    """
    errors: list[str] = []
    parts = read_gold_dir(gold_dir, errors)
    roots = [Path(s) for s in samples]
    sources = {rec.record: locate(rec, roots) for recs in parts.values() for rec in recs}
    found = {record: path for record, path in sources.items() if path is not None}
    doc_ids = {record: sha256_bytes(path.read_bytes()) for record, path in found.items()}
    store = open_store(settings.db)
    try:
        report = ingest_paths(store, sorted({str(p) for p in found.values()}), settings)
        failed = {o.path: o.reason for o in report.failed}
        doc_ids = {rec: d for rec, d in doc_ids.items() if store.has_document(d)}
        result: dict[str, Any] = {
            "gold": str(gold_dir),
            "db": settings.db,
            "errors": errors,
            "failed": failed,
            "parts": {name: score_part(store, recs, doc_ids) for name, recs in parts.items()},
        }
    finally:
        store.close()
    return result
