"""Trace latency on a store of synthetic documents: p50/p95 of ``declass.trace.trace``.

    PYTHONPATH=. python benchmarks/trace.py --docs 100000 --lookups 200 [--db sqlite:///bench.db] [--reuse]

Documents, mentions, claims and entities are generated directly, no pipeline runs: the document
rows go in with SQLAlchemy Core ``executemany`` in one transaction per batch (the bulk path;
``add_document`` writes one document per transaction), then the search index is rebuilt and the
entities written through ``replace_entities``. Each document names three people of a pool of
``docs / 5`` and one organisation, with two claims, so a person appears in ~15-20 documents.
Lookups alternate exact names and OCR-damaged spellings (one letter changed); each is timed
end to end (lookup, ranking, dossier) and counted as a hit when the first candidate is the
person meant. ``--reuse`` skips the build when the store already holds ``--docs`` documents, so
one store can be measured by two versions of the code. PostgreSQL: ``--db postgresql://...`` or
``DECLASS_BENCH_PG_URL``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from declass.errors import NotFound
from declass.model import Citation, Claim, Entity, Mention, Metadata, make_id, to_dict
from declass.store import open_store
from declass.trace import trace

SYLLABLES = ["ka", "ro", "vi", "ta", "le", "mi", "no", "su", "de", "ba", "ly", "ko", "ve", "za", "tu", "ri"]
BATCH = 2000  # documents per transaction


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize() + rng.choice(["ov", "ev", "in", "sky"])


def _doc_rows(i: int, names: list[str], org: str, meta: dict[str, Any], now: datetime) -> dict[str, list[dict[str, Any]]]:
    """The rows of one synthetic document, as ``add_document`` would write them."""
    text = f"{names[0]} met {names[1]} in 1950. {names[2]} was chief of {org} until 1949.\n"
    doc_id = make_id("bench", i, length=64)
    spans = []
    for label, surface in (("PERSON", names[0]), ("PERSON", names[1]), ("PERSON", names[2]), ("ORG", org)):
        start = text.index(surface)
        sentence = 0 if start < text.index(".") else 1
        spans.append(Mention(make_id(doc_id, start, label), doc_id, label, surface, start, start + len(surface), 1, 0, sentence))
    cut = text.index(".") + 1
    claims = [
        Claim(make_id(doc_id, "met"), doc_id, spans[0].id, "met", object=spans[1].id, time="1950"),
        Claim(
            make_id(doc_id, "role"),
            doc_id,
            spans[2].id,
            "holds_role",
            object=spans[3].id,
            value="chief",
            time="../1949",
            attrs={"until": "1949"},
        ),
    ]
    claims[0].citation = Citation(doc_id, 1, 0, "1", 0, cut, text[:cut])
    claims[1].citation = Citation(doc_id, 1, 0, "1", cut + 1, len(text) - 1, text[cut + 1 : -1])
    n = len(text)
    return {
        "documents": [
            {
                "id": doc_id,
                "source_path": f"bench/{i}.txt",
                "media_type": "text/plain",
                "size": n,
                "encoding": "utf-8",
                "text": text,
                "clean_text": text,
                "clean_map": [[0, 0, n]],
                "metadata": meta,
                "warnings": [],
                "title": f"{i}.txt",
                "doc_date": "1950-01-01",
                "page_count": 1,
                "redaction_count": 0,
                "pipeline_version": "1",
                "ingested_at": now,
            }
        ],
        "sightings": [{"doc_id": doc_id, "path": f"bench/{i}.txt", "seen_at": now}],
        "pages": [{"doc_id": doc_id, "number": 1, "start": 0, "end": n, "label": None, "has_text": True}],
        "paragraphs": [
            {"doc_id": doc_id, "idx": 0, "page": 1, "start": 0, "end": n, "clean_start": 0, "clean_end": n}
            | {"number": "1", "kind": "body", "text": text}
        ],
        "mentions": [to_dict(m) for m in spans],
        "claims": [to_dict(c) | {"doc_id": doc_id} for c in claims],
    }


def build(url: str, n_docs: int, seed: int = 1) -> tuple[list[str], float]:
    """Write ``n_docs`` synthetic documents and their entities; the people's names and seconds taken."""
    from sqlalchemy import insert

    from declass.store import schema

    rng = random.Random(seed)
    store = open_store(url)
    people = list(dict.fromkeys(surname(rng) for _ in range(max(n_docs // 5, 10))))
    orgs = [f"ORG{i:03d}" for i in range(50)]
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    docs_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    meta = to_dict(Metadata(identifiers=[], doc_date="1950-01-01"))
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    engine = store.engine  # type: ignore[attr-defined]
    for lo in range(0, n_docs, BATCH):
        rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for i in range(lo, min(lo + BATCH, n_docs)):
            doc = _doc_rows(i, rng.sample(people, 3), rng.choice(orgs), meta, now)
            for table, table_rows in doc.items():
                rows[table].extend(table_rows)
            for m in doc["mentions"]:
                members[(m["label"], m["text"])].append(m["id"])
                docs_of[(m["label"], m["text"])].add(m["doc_id"])
        with engine.begin() as conn:
            for table in ("documents", "sightings", "pages", "paragraphs", "mentions", "claims"):
                conn.execute(insert(schema.metadata.tables[table]), rows[table])
    store.rebuild_search_index()  # type: ignore[attr-defined]
    entities = [
        Entity(
            id=make_id("entity", label, name),
            type=label,
            name=name,
            variants={name: len(ids)},
            mention_ids=ids,
            doc_ids=sorted(docs_of[(label, name)]),
        )
        for (label, name), ids in members.items()
    ]
    store.replace_entities(entities)
    store.close()
    return people, time.perf_counter() - t0


def people_of(n_docs: int, seed: int = 1) -> list[str]:
    """The people ``build`` names (the same generator), for lookups on a reused store."""
    rng = random.Random(seed)
    return list(dict.fromkeys(surname(rng) for _ in range(max(n_docs // 5, 10))))


def damage(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name))
    return name[:i] + rng.choice("aeiouy") + name[i + 1 :]


def percentiles(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--db", default=os.environ.get("DECLASS_BENCH_PG_URL"), help="store URL (default: temporary SQLite)")
    parser.add_argument("--reuse", action="store_true", help="measure an existing store of --docs documents")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='declass-bench-')}/bench.db"
    store = open_store(url)
    existing = store.count_documents()
    store.close()
    if args.reuse and existing == args.docs:
        people = people_of(args.docs)
        print(f"reusing {existing} documents, {len(people)} people ({url.split('@')[-1]})")
    else:
        if existing:
            raise SystemExit(f"{url} already holds {existing} documents (use --reuse with --docs {existing}, or an empty store)")
        people, build_s = build(url, args.docs)
        print(f"built {args.docs} documents, {len(people)} people in {build_s:.1f}s ({url.split('@')[-1]})")
    t0 = time.perf_counter()
    store = open_store(url)
    print(f"open (migrate, index check): {time.perf_counter() - t0:.1f}s")
    rng = random.Random(7)
    timings: dict[str, list[float]] = {"exact": [], "ocr": []}
    hits: dict[str, int] = {"exact": 0, "ocr": 0}
    misses = 0
    for n in range(args.lookups):
        name = rng.choice(people)
        kind = "ocr" if n % 2 else "exact"
        query = damage(name, rng) if kind == "ocr" else name
        t0 = time.perf_counter()
        try:
            dossier = trace(store, query, pick=1)
            hits[kind] += dossier.entity.name == name
        except NotFound:
            misses += 1
        timings[kind].append((time.perf_counter() - t0) * 1000)
    for kind, values in timings.items():
        p50, p95 = percentiles(values)
        print(
            f"trace {kind:5}: n={len(values)} p50={p50:.1f} ms p95={p95:.1f} ms max={max(values):.1f} ms "
            f"top-1 hits={hits[kind]}/{len(values)}"
        )
    p50, p95 = percentiles(timings["exact"] + timings["ocr"])
    print(f"trace all  : n={args.lookups} p50={p50:.1f} ms p95={p95:.1f} ms misses={misses}")
    store.close()


if __name__ == "__main__":
    main()
