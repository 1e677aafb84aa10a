"""The bulk path of ``benchmarks/search.py``: generate the synthetic store and load it fast.

Loading a million documents row by row through SQLAlchemy took hours; this module writes plain
tuples through the driver instead: ``executemany`` on SQLite with the load PRAGMAs (no journal,
no fsync, foreign keys off, a 1 GB page cache) and the secondary indexes dropped during the load
and created after it; ``COPY`` on PostgreSQL with the foreign-key triggers off
(``session_replication_role = replica``) and the same index treatment (the term statistics of
migration 0009, whose trigger is off too, are counted after the load). Rows arrive in primary-key
order, so every primary-key B-tree is appended to, never split in the middle. The search index is
built afterwards by the store itself (``rebuild_search_index``), over the loaded table.

What is generated (seeded, so ``--reuse`` can regenerate the entity list): documents of 5
paragraphs drawn from a report-like vocabulary, each paragraph naming one of 2,000 Zipf-weighted
entities, as printed or OCR-damaged ("Kandaurov"/"Kandourov"), with one mention per paragraph.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import accumulate
from typing import Any

from sqlalchemy import text

WORDS = (
    "report source organization members committee emigre union soviet embassy national labor army intelligence agent "
    "recruit letter headquarters refugee liaison cooperation publication article leader branch money dollars meeting "
    "secret service activities reportedly believed suspected alleged orders police officer travel documents border "
    "railway factory party central military attache consulate radio newspaper village regiment bureau ministry"
).split()
GIVEN = "Aleksei Ivan Vladimir Nikolai Mikhail Boris Sergei Viktor Zoran Vasili Aleksandr Pyotr Yuri Konstantin Andrei".split()
SURNAME_STEMS = (
    "Kandaur Tretyak Batyan Makay Baidalak Kassian Rozdovsk General Saveli Bachold Kellner Belik Peyk Privalov".split()
)
CLASSIFICATIONS = ["SECRET", "CONFIDENTIAL", "RESTRICTED", "TOP SECRET", None]
DOC_TYPES = ["information_report", "memorandum", "cable", "dispatch", "letter"]
OCR = {"a": "o", "e": "c", "n": "m", "i": "l", "o": "0", "k": "x"}
N_ENTITIES = 2000
BATCH = 5000  # documents per executemany / COPY round

DOC_COLS = (
    "id, source_path, media_type, size, encoding, text, clean_text, clean_map, metadata, warnings, number, title, "
    "classification, doc_type, doc_date, release_date, collection, page_count, redaction_count, pipeline_version, "
    "ingested_at"
)
PARA_COLS = 'doc_id, idx, page, start, "end", clean_start, clean_end, number, kind, text'
MENTION_COLS = 'id, doc_id, label, text, start, "end", page, paragraph, sentence, norm, attrs'
MEMBER_COLS = "mention_id, entity_id"
ENTITY_COLS = "id, type, name, name_key, mention_count, doc_count, attrs"
LOADED = (("documents", DOC_COLS), ("paragraphs", PARA_COLS), ("mentions", MENTION_COLS), ("entity_members", MEMBER_COLS))
TABLES = ("documents", "paragraphs", "mentions", "entity_members", "entities")


def ocr_damage(word: str, rnd: random.Random) -> str:
    """``word`` with one letter after the first replaced by a typical OCR confusion."""
    i = rnd.randrange(1, len(word))
    ch = word[i].lower()
    return word[:i] + OCR.get(ch, ch) + word[i + 1 :]


def make_entities(rnd: random.Random, n: int = N_ENTITIES) -> list[dict[str, Any]]:
    """Every fifth entity an ORG, the rest PERSONs printed as a surname or its OCR-damaged form."""
    ents = []
    for i in range(n):
        if i % 5 == 4:
            name = f"{rnd.choice(WORDS).capitalize()} {rnd.choice(['Union', 'Committee', 'Bureau', 'Council'])} {i}"
            ents.append({"id": f"e{i}", "type": "ORG", "name": name, "surface": [name]})
        else:
            stem = rnd.choice(SURNAME_STEMS) + rnd.choice(["ov", "ev", "in", "sky", "enko"]) + ("" if i < 100 else str(i % 97))
            surname = stem.rstrip("0123456789") + ("" if i < 100 else "abcdefghij"[i % 10] * (1 + i % 3))
            name = f"{rnd.choice(GIVEN)} {surname}"
            ents.append({"id": f"e{i}", "type": "PERSON", "name": name, "surface": [surname, ocr_damage(surname, rnd)]})
    return ents


class Tally:
    """Per entity: mentions, distinct documents and the first 1,000 document ids (documents are
    generated in id order, so a document differing from the last one seen is a new one)."""

    def __init__(self) -> None:
        self.mentions = 0
        self.docs: list[str] = []
        self.doc_count = 0
        self.last = ""

    def add(self, doc_id: str) -> None:
        self.mentions += 1
        if doc_id != self.last:
            self.last = doc_id
            self.doc_count += 1
            if len(self.docs) < 1000:
                self.docs.append(doc_id)


def generate(
    rnd: random.Random, entities: list[dict[str, Any]], n_docs: int, tally: dict[str, Tally], dialect: str
) -> Iterator[tuple[list[tuple[Any, ...]], ...]]:
    """Batches of (documents, paragraphs, mentions, entity_members) rows as tuples, in id order."""
    weights = [1 / (i + 1) for i in range(len(entities))]  # a few entities are everywhere, most are rare
    cum = list(accumulate(weights))
    now: Any = datetime.now(UTC)
    if dialect == "sqlite":  # what SQLAlchemy's DateTime writes on SQLite
        now = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    docs: list[tuple[Any, ...]] = []
    paras: list[tuple[Any, ...]] = []
    mentions: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    choices, randint, randrange, choice = rnd.choices, rnd.randint, rnd.randrange, rnd.choice
    for d in range(n_docs):
        doc_id = f"{d:064x}"
        chosen = choices(entities, cum_weights=cum, k=5)
        parts = []
        start = 0
        for p in range(5):
            words = choices(WORDS, k=randint(25, 45))
            ent = chosen[p]
            surface = choice(ent["surface"])
            words.insert(randrange(len(words)), surface)
            joined = " ".join(words)
            body = joined[0].upper() + joined[1:] + "."
            page = 1 + p // 3
            paras.append((doc_id, p, page, start, start + len(body), start, start + len(body), str(p + 1), "body", body))
            at = start + body.index(surface)
            mid = f"m{d}_{p}"
            mentions.append((mid, doc_id, ent["type"], surface, at, at + len(surface), page, p, None, None, "{}"))
            members.append((mid, ent["id"]))
            tally[ent["id"]].add(doc_id)
            parts.append(body)
            start += len(body) + 2
        clean = "\n\n".join(parts) + "\n\n"
        year = randint(1946, 1975)
        docs.append(
            (
                doc_id, f"/synthetic/{d}.txt", "text/plain", len(clean), "utf-8", clean, clean,
                json.dumps([[0, 0, len(clean)]]), "{}", "[]", f"CIA-RDP{d:08d}", f"Synthetic report {d}",
                choice(CLASSIFICATIONS), choice(DOC_TYPES), f"{year}-{randint(1, 12):02d}-{randint(1, 28):02d}", None,
                "crest" if d % 4 else "jfk", 2, 0, "bench", now,
            )
        )  # fmt: skip
        if len(docs) >= BATCH:
            yield docs, paras, mentions, members
            docs, paras, mentions, members = [], [], [], []
    if docs:
        yield docs, paras, mentions, members


def entity_rows(entities: list[dict[str, Any]], tally: dict[str, Tally]) -> list[tuple[Any, ...]]:
    """The entities with their counts, variants and first documents, as tuples."""
    return [
        (
            e["id"], e["type"], e["name"], e["name"].lower(), tally[e["id"]].mentions, tally[e["id"]].doc_count,
            json.dumps({"variants": {v: 1 for v in e["surface"]}, "aliases": [], "doc_ids": tally[e["id"]].docs}),
        )
        for e in entities
    ]  # fmt: skip


def vocabulary(entities: list[dict[str, Any]]) -> list[str]:
    """The words of 4+ letters the generated paragraphs can contain, lower-cased: exactly what
    PostgreSQL's ``search_vocab`` holds after ``rebuild_search_index`` over them (the report
    words and every surface form of the entities), so the bulk path writes it with the rows
    instead of re-splitting 5 million paragraphs with a regular expression afterwards (121 s of
    a 340 s build at 100,000 documents)."""
    words = {w for w in WORDS} | {w for e in entities for surface in e["surface"] for w in surface.split()}
    return sorted({w.lower() for w in words if len(w) >= 4 and w.isalpha()})


def _secondary_indexes(cur: Any, dialect: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the loaded tables' indexes that are not primary keys."""
    if dialect == "sqlite":
        names = ", ".join(f"'{t}'" for t in TABLES)
        cur.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({names})")
    else:
        names = ", ".join(f"'{t}'" for t in TABLES)
        cur.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            f"AND i.tablename IN ({names}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
        )
    return [(r[0], r[1]) for r in cur.fetchall()]


def _load_sqlite(path: str, batches: Iterator[tuple[list[tuple[Any, ...]], ...]], finish: Any) -> None:
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None)
    cur = db.cursor()
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF", "cache_size=-1000000", "temp_store=MEMORY"):
        cur.execute(f"PRAGMA {pragma}")
    indexes = _secondary_indexes(cur, "sqlite")
    for name, _ in indexes:
        cur.execute(f'DROP INDEX "{name}"')
    sqls = [f"INSERT INTO {t} ({cols}) VALUES ({', '.join('?' * (cols.count(',') + 1))})" for t, cols in LOADED]
    for batch in batches:
        cur.execute("BEGIN")
        for sql, rows in zip(sqls, batch, strict=True):
            cur.executemany(sql, rows)
        cur.execute("COMMIT")
    cur.execute("BEGIN")
    rows = finish()
    cur.executemany(f"INSERT INTO entities ({ENTITY_COLS}) VALUES ({', '.join('?' * 7)})", rows)
    for _, create in indexes:
        cur.execute(create)
    cur.execute("COMMIT")
    cur.execute("PRAGMA journal_mode=WAL")
    db.close()


def _load_postgres(raw: Any, batches: Iterator[tuple[list[tuple[Any, ...]], ...]], finish: Any, vocab: list[str]) -> None:
    cur = raw.cursor()
    cur.execute("SET session_replication_role = replica")  # no foreign-key triggers during the load
    cur.execute("SET maintenance_work_mem = '1GB'")
    indexes = _secondary_indexes(cur, "postgresql")
    for name, _ in indexes:
        cur.execute(f'DROP INDEX "{name}"')
    raw.commit()
    for batch in batches:
        for (table, cols), rows in zip(LOADED, batch, strict=True):
            with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        raw.commit()
    with cur.copy(f"COPY entities ({ENTITY_COLS}) FROM STDIN") as copy:
        for row in finish():
            copy.write_row(row)
    with cur.copy("COPY search_vocab (term) FROM STDIN") as copy:
        for word in vocab:
            copy.write_row((word,))
    raw.commit()
    for name, create in indexes:
        t = time.perf_counter()
        cur.execute(create)
        raw.commit()
        print(f"    index {name} in {time.perf_counter() - t:.1f}s", flush=True)
    # The term statistics (migration 0009): their trigger does not fire in replica mode, so
    # they are counted once over the loaded rows (70 s at 5,000,000 paragraphs).
    t = time.perf_counter()
    cur.execute("TRUNCATE search_terms")
    cur.execute("INSERT INTO search_terms (lexeme, paragraphs) SELECT word, ndoc FROM ts_stat('SELECT tsv FROM paragraphs')")
    raw.commit()
    print(f"    term statistics in {time.perf_counter() - t:.1f}s", flush=True)
    cur.execute("SET session_replication_role = DEFAULT")
    raw.commit()


def bulk_load(store: Any, n_docs: int, seed: int = 1) -> list[dict[str, Any]]:
    """Fill the (empty, migrated) ``store`` with ``n_docs`` synthetic documents; return the entities."""
    rnd = random.Random(seed)
    entities = make_entities(rnd)
    tally = {e["id"]: Tally() for e in entities}
    dialect = store.dialect_name
    t0, done = time.perf_counter(), 0

    def progress() -> Iterator[tuple[list[tuple[Any, ...]], ...]]:
        nonlocal done
        for batch in generate(rnd, entities, n_docs, tally, dialect):
            yield batch
            done += len(batch[0])
            if done % 100_000 < BATCH:
                print(f"    {done} documents loaded, {time.perf_counter() - t0:.0f}s", flush=True)

    def finish() -> list[tuple[Any, ...]]:
        return entity_rows(entities, tally)

    if dialect == "sqlite":
        path = store.engine.url.database
        store.engine.dispose()  # the loader's connection is the only one while the journal is off
        _load_sqlite(path, progress(), finish)
    else:
        raw = store.engine.raw_connection()
        try:
            _load_postgres(raw.driver_connection, progress(), finish, vocabulary(entities))
        finally:
            raw.close()
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return entities
