"""Search and entity-page latency on a synthetic store, SQLite and PostgreSQL side by side.

    python benchmarks/search.py [--docs 100000] [--queries 200] [--db sqlite:///bench.db --reuse]
    DECLASS_BENCH_PG_URL=postgresql://user@host/db python benchmarks/search.py   # adds PostgreSQL

The synthetic store is bulk-loaded straight into the tables by ``benchmarks/search_build.py``
(driver-level ``executemany`` / ``COPY``, load PRAGMAs, secondary indexes built after the load;
this measures reading, not ingest): N documents of 5 paragraphs each drawn from a report-like
vocabulary, 2,000 entities whose names also appear OCR-damaged ("Kandaurov"/"Kandourov"), 5
mentions per document. Then the search index is built with ``rebuild_search_index`` (on
PostgreSQL the bulk load writes the vocabulary and builds the GIN index itself) and p50/p95
are measured for search (names, OCR variants, common words, phrases, filtered and browse
queries) and for the entity page's data. ``--db`` with ``--reuse`` keeps the store, so two
versions of the code can be measured on one store (1,000,000 documents: about 8.5 GB on SQLite).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import cycle
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from benchmarks.search_build import WORDS, bulk_load, make_entities  # noqa: E402
from declass.errors import Ambiguous, NotFound  # noqa: E402
from declass.store import open_store  # noqa: E402
from declass.trace import trace  # noqa: E402
from declass.trace_text import text_dossier  # noqa: E402
from declass.web.views.entities import entity_data  # noqa: E402


def build(url: str, n_docs: int, seed: int = 1) -> Any:
    """Bulk-load ``n_docs`` synthetic documents into the empty store at ``url`` and build its
    search index; print both times and the store's size."""
    store = open_store(url)
    t0 = time.perf_counter()
    entities = bulk_load(store, n_docs, seed)
    store.rebuild_name_index()  # the trace's name lookup (a store opened later does it itself)
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    if store.dialect_name == "postgresql":  # type: ignore[attr-defined]
        # The tsvector is a generated column and its GIN index was built after the rows; the
        # vocabulary was written by the bulk load (search_build.vocabulary).
        with store.engine.begin() as conn:  # type: ignore[attr-defined]
            conn.execute(text("ANALYZE"))
    else:
        store.rebuild_search_index()  # type: ignore[attr-defined]
    print(f"  loaded {n_docs} documents in {load:.1f}s, search index in {time.perf_counter() - t1:.1f}s", flush=True)
    report_size(store, n_docs)
    store._bench_entities = entities  # type: ignore[attr-defined]
    return store


def report_size(store: Any, n_docs: int) -> None:
    """Print the store's size on disk per document (the SQLite file, or the PostgreSQL database)."""
    if store.dialect_name == "postgresql":
        with store.engine.connect() as conn:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0
    else:
        path = Path(store.engine.url.database)
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))  # with -wal / -shm
    print(f"  store size {size / 1e9:.2f} GB, {size / max(n_docs, 1) / 1024:.1f} KiB per document", flush=True)


def timed(fn: Callable[[], Any], n: int) -> tuple[float, float, float, float]:
    """p50, p95 and max of wall-clock ms over ``n`` calls, and p95 of this process's CPU ms (the
    in-process SQLite work without the waits for a core on a shared machine)."""
    fn()  # warm-up (vocabulary cache, page cache)
    times, cpu = [], []
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    times.sort()
    cpu.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1], cpu[int(len(cpu) * 0.95) - 1]


def run(store: Any, n_queries: int, seed: int = 2) -> dict[str, tuple[float, float, float, float]]:
    rnd = random.Random(seed)
    ents = store._bench_entities
    people = [e for e in ents if e["type"] == "PERSON"]
    cases: dict[str, Callable[[], Any]] = {}
    t = time.perf_counter()
    store._expander.vocabulary()  # loaded once per process (then cached until the index changes)
    print(f"  expansion vocabulary loaded in {time.perf_counter() - t:.1f}s", flush=True)
    qs = [rnd.choice(people[:200])["surface"][0] for _ in range(n_queries)]
    it = cycle(qs)
    cases["search: name (fuzzy)"] = lambda: store.search(next(it), limit=20)
    ocr = [rnd.choice(people[:200])["surface"][1] for _ in range(n_queries)]
    it2 = cycle(ocr)
    cases["search: OCR variant (fuzzy)"] = lambda: store.search(next(it2), limit=20)
    rare = [rnd.choice(people[800:])["surface"][1] for _ in range(n_queries)]
    it_rare = cycle(rare)
    cases["search: rare name, OCR variant (expanded)"] = lambda: store.search(next(it_rare), limit=20)
    it3 = cycle(qs)
    cases["search: name, exact, no facets"] = lambda: store.search(next(it3), fuzzy=False, facets=False, limit=20)
    common = [f"{rnd.choice(WORDS)} {rnd.choice(WORDS)}" for _ in range(n_queries)]
    it4 = cycle(common)
    cases["search: two common words"] = lambda: store.search(next(it4), limit=20)
    it5 = cycle(common)
    cases["search: phrase + filters"] = lambda: store.search(
        f'"{next(it5)}"', classification="SECRET", date_from="1950", date_to="1960", limit=20
    )
    pairs = [
        (rnd.choice(people[:400])["surface"][0], rnd.choice(people[:400])["surface"][0], rnd.choice(WORDS))
        for _ in range(n_queries)
    ]
    it7 = cycle(pairs)

    def boolean() -> Any:
        a, b, w = next(it7)
        return store.search(f"({a} OR {b}) NOT {w} classification:SECRET date:1950..1965", limit=20)

    cases["search: (a OR b) NOT c + field filters"] = boolean
    cases["browse: no query, page 10"] = lambda: store.search("", limit=20, offset=200)
    ids = [rnd.choice(ents)["id"] for _ in range(n_queries)]
    it6 = cycle(ids)
    cases["entity page (50 mentions)"] = lambda: entity_data(store, next(it6), 50, 0)
    names = [rnd.choice(people)["surface"][0] for _ in range(n_queries)]
    it8 = cycle(names)

    def traced() -> Any:
        try:
            return trace(store, next(it8))
        except (Ambiguous, NotFound):  # a lookup that ends in a choice or nothing is timed too
            return None

    cases["trace by name (dossier of 200 documents at most)"] = traced
    # The trace's fallback for a printed name that no entity carries (declass.trace_text: one
    # search of 10 documents, their offsets and one slice each), timed on its own: every word of
    # this archive belongs to some entity, so the benchmark calls it with the rare OCR forms.
    it9 = cycle(rare)
    cases["trace fallback: text matches of a printed name (10 documents)"] = lambda: text_dossier(store, next(it9))
    from sqlalchemy import event

    statements = [0]

    def count(*_: Any) -> None:
        statements[0] += 1

    event.listen(store.engine, "before_cursor_execute", count)
    out = {}
    for name, fn in cases.items():
        reps = n_queries if not name.startswith("search: two") else max(20, n_queries // 4)
        statements[0] = 0
        out[name] = timed(fn, reps)
        p50, p95, _, cpu95 = out[name]
        per = statements[0] / (reps + 1)  # with the warm-up call
        print(
            f"  {name:42s} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   CPU p95 {cpu95:7.1f} ms   {per:5.1f} statements",
            flush=True,
        )
    event.remove(store.engine, "before_cursor_execute", count)
    return out


def explain(store: Any, query: str, **kwargs: Any) -> None:
    """Print the plan of every statement one search runs: EXPLAIN QUERY PLAN on SQLite, EXPLAIN
    ANALYZE on PostgreSQL (SELECT and WITH statements, and the SELECTs inside INSERTs)."""
    from sqlalchemy import event

    pg = store.dialect_name == "postgresql"

    def show(_conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        ranking = statement.startswith("INSERT INTO search_")  # the temporary tables of one search
        sql = "SELECT " + statement.split(") SELECT ", 1)[-1] if ranking else statement
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            return
        cur = cursor.connection.cursor()
        cur.execute(("EXPLAIN (ANALYZE, COSTS OFF) " if pg else "EXPLAIN QUERY PLAN ") + sql, parameters)
        print(f"\n-- {' '.join(statement.split())[:300]}")
        depth: dict[int, int] = {0: 0}
        for row in cur.fetchall():
            if pg:
                print("   ", row[0])
            else:  # (id, parent, notused, detail): indent by depth in the plan tree
                depth[row[0]] = depth.get(row[1], 0) + 1
                print("   " + "  " * depth[row[0]] + row[-1])

    event.listen(store.engine, "before_cursor_execute", show)
    try:
        print(f"\n=== {query!r} {kwargs or ''}")
        store.search(query, **kwargs)
    finally:
        event.remove(store.engine, "before_cursor_execute", show)


def explain_all(store: Any) -> None:
    """The plans of the benchmark's main kinds of search."""
    people = [e for e in store._bench_entities if e["type"] == "PERSON"]
    explain(store, people[3]["surface"][0])
    explain(store, people[1500]["surface"][1])
    explain(store, '"report secret"', classification="SECRET", date_from="1950", date_to="1960")


def open_or_build(url: str, n_docs: int, reuse: bool, reindex: bool = False) -> Any:
    """The store at ``url``: reused as it is when ``reuse`` and it holds ``n_docs`` documents (a
    store this script built: the entities are generated again from the same seed), else built."""
    if reuse:
        store = open_store(url)
        if store.count_documents() == n_docs:
            print(f"  reusing {url} ({n_docs} documents)", flush=True)
            if reindex:
                t = time.perf_counter()
                store.rebuild_search_index()
                print(f"  search index rebuilt in {time.perf_counter() - t:.1f}s", flush=True)
            report_size(store, n_docs)
            store._bench_entities = make_entities(random.Random(1))  # type: ignore[attr-defined]
            return store
        store.close()
    return build(url, n_docs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--db", help="SQLite store URL to build into (default: a temporary file)")
    ap.add_argument("--reuse", action="store_true", help="measure the --db store when it holds --docs documents")
    ap.add_argument("--reindex", action="store_true", help="with --reuse: rebuild the search index first (timed)")
    ap.add_argument("--pg-only", action="store_true", help="measure PostgreSQL only (DECLASS_BENCH_PG_URL)")
    ap.add_argument("--explain", action="store_true", help="print the query plans of one search per kind first")
    args = ap.parse_args()
    results: dict[str, dict[str, tuple[float, float, float, float]]] = {}
    targets = [] if args.pg_only else [("sqlite", args.db)]
    pg = os.environ.get("DECLASS_BENCH_PG_URL")
    if pg:
        targets.append(("postgresql", pg))
    else:
        print("PostgreSQL skipped: set DECLASS_BENCH_PG_URL=postgresql://user@host/empty_db to compare.")
    with tempfile.TemporaryDirectory() as tmp:
        for backend, url in targets:
            print(f"{backend}, {args.docs} documents:", flush=True)
            store = open_or_build(url or f"sqlite:///{Path(tmp) / 'bench.db'}", args.docs, args.reuse, args.reindex)
            if args.explain:
                explain_all(store)
            results[backend] = run(store, args.queries)
            store.close()
    if not results:
        return
    print("\n| case | " + " | ".join(f"{b} p50 / p95 ms | {b} CPU p95 ms" for b in results) + " |")
    print("|---|" + "---|---|" * len(results))
    for case in next(iter(results.values())):
        cells = " | ".join(f"{results[b][case][0]:.0f} / {results[b][case][1]:.0f} | {results[b][case][3]:.0f}" for b in results)
        print(f"| {case} | {cells} |")


if __name__ == "__main__":
    main()
