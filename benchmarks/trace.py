"""Trace latency on a store of synthetic documents: p50/p95 of ``declass.trace.trace``.

    PYTHONPATH=. python benchmarks/trace.py --docs 100000 --lookups 200 [--db sqlite:///bench.db]

Documents, mentions, claims and entities are generated directly through the store interface
(``add_document``, ``replace_entities``); no pipeline runs. Each document names three people of a
pool of ``docs / 5`` and one organisation, with two claims, so an entity appears in ~15 documents.
Lookups use OCR-damaged spellings of the names (one letter changed) half of the time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import defaultdict

from declass.errors import NotFound
from declass.model import Citation, Claim, Document, Entity, Mention, Metadata, Page, Paragraph, Segment, make_id
from declass.store import open_store
from declass.trace import trace

SYLLABLES = ["ka", "ro", "vi", "ta", "le", "mi", "no", "su", "de", "ba", "ly", "ko", "ve", "za", "tu", "ri"]


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize() + rng.choice(["ov", "ev", "in", "sky"])


def build(url: str, n_docs: int, seed: int = 1) -> tuple[list[str], float]:
    rng = random.Random(seed)
    store = open_store(url)
    people = list(dict.fromkeys(surname(rng) for _ in range(max(n_docs // 5, 10))))
    orgs = [f"ORG{i:03d}" for i in range(50)]
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    docs_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    t0 = time.perf_counter()
    for i in range(n_docs):
        names = rng.sample(people, 3)
        org = rng.choice(orgs)
        text = f"{names[0]} met {names[1]} in 1950. {names[2]} was chief of {org} until 1949.\n"
        doc_id = make_id("bench", i, length=64)
        doc = Document(
            id=doc_id,
            source_path=f"bench/{i}.txt",
            media_type="text/plain",
            text=text,
            clean_text=text,
            clean_map=[Segment(0, 0, len(text))],
            pages=[Page(1, 0, len(text))],
            paragraphs=[Paragraph(0, 1, 0, len(text), 0, len(text), number="1")],
            metadata=Metadata(identifiers=[], doc_date="1950-01-01"),
        )
        spans = []
        for label, surface in (("PERSON", names[0]), ("PERSON", names[1]), ("PERSON", names[2]), ("ORG", org)):
            start = text.index(surface)
            spans.append(
                Mention(
                    id=make_id(doc_id, start, label),
                    doc_id=doc_id,
                    label=label,
                    text=surface,
                    start=start,
                    end=start + len(surface),
                    page=1,
                    paragraph=0,
                    sentence=0 if start < text.index(".") else 1,
                )
            )
        doc.mentions = spans
        cut = text.index(".") + 1
        cit1 = Citation(doc_id, 1, 0, "1", 0, cut, text[:cut])
        cit2 = Citation(doc_id, 1, 0, "1", cut + 1, len(text) - 1, text[cut + 1 : -1])
        doc.claims = [
            Claim(
                id=make_id(doc_id, "met"),
                doc_id=doc_id,
                subject=spans[0].id,
                predicate="met",
                object=spans[1].id,
                time="1950",
                citation=cit1,
            ),
            Claim(
                id=make_id(doc_id, "role"),
                doc_id=doc_id,
                subject=spans[2].id,
                predicate="holds_role",
                object=spans[3].id,
                value="chief",
                time="../1949",
                citation=cit2,
                attrs={"until": "1949"},
            ),
        ]
        store.add_document(doc)
        for m in spans:
            members[(m.label, m.text)].append(m.id)
            docs_of[(m.label, m.text)].add(doc_id)
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


def damage(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name))
    return name[:i] + rng.choice("aeiouy") + name[i + 1 :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--db", default=None, help="store URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='declass-bench-')}/bench.db"
    people, build_s = build(url, args.docs)
    print(f"built {args.docs} documents, {len(people)} people in {build_s:.1f}s ({url})")
    store = open_store(url)
    rng = random.Random(7)
    timings: list[float] = []
    misses = 0
    for n in range(args.lookups):
        name = rng.choice(people)
        query = damage(name, rng) if n % 2 else name
        t0 = time.perf_counter()
        try:
            trace(store, query, pick=1)
        except NotFound:
            misses += 1
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"trace lookups: n={len(timings)} p50={p50:.1f} ms p95={p95:.1f} ms max={timings[-1]:.1f} ms misses={misses}")
    store.close()


if __name__ == "__main__":
    main()
