"""OCR-tolerant query expansion chosen by index statistics, and "did you mean".

A query word is expanded with (1) index words close in spelling (RapidFuzz ratio over the index
vocabulary, bucketed by length) and (2) the matching words of resolved entities' variants
("Kandaurov" finds "Kandourov") — but only when the word is *rare* in the index: fewer than
``RARE_PARAGRAPHS`` matching paragraphs, and only with variants that are rare too. A common word
already finds more than a reader can look at, its fuzzy neighbours are mostly OCR junk, and
OR-ing them into the match is what made such queries slow. The same bounded counts say whether a
variant has more hits than the typed form; the best such variant is offered as "did you mean".

Counts are bounded (``LIMIT``, in index order, so they cost at most ``RARE_PARAGRAPHS`` index
rows) and cached per word with the vocabulary; the caches are dropped when this process writes to
the index or the entities and re-checked every ``VOCAB_TTL_S`` against a cheap version of the
store: the index's own and the entities' generation (migration 0010), which every entity write
raises (``declass resolve``, a review merge or split in another process).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import text

from declass.store.search_query import WORD, SearchDialect

MAX_VARIANTS = 6
FUZZY_MIN_LEN = 5
FUZZY_CUTOFF = 80.0
# A word matching at least this many paragraphs is common: not expanded (its count is capped here).
RARE_PARAGRAPHS = 1000
VOCAB_TTL_S = 5.0
MAX_CACHED_WORDS = 20_000
MAX_CACHED_LABELS = 200_000
# Cached reads of the index alone, kept when only the entities change (the document count is a
# 236 ms scan at a million documents on PostgreSQL).
INDEX_KEYS = ("browse-total", "rowid-range")
# Raised by every entity write (migration 0010, ``declass.store.sql._insert_entities``).
GENERATION_SQL = "SELECT value FROM generations WHERE name = 'entities'"
T = TypeVar("T")


class Expander:
    """Variants and bounded hit counts of query words for one store, cached."""

    def __init__(self, engine: Any, dialect: SearchDialect) -> None:
        self.engine = engine
        self.sql = dialect
        self._lock = threading.Lock()
        self._vocab: dict[int, list[str]] | None = None
        self._checked = 0.0
        self._version: Any = None
        self._generation: Any = None
        self._variants: dict[str, list[str]] = {}
        self._counts: dict[str, int] = {}
        self._other: dict[str, Any] = {}
        self._labels: dict[str, tuple[str, str]] = {}

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, remembered under ``key`` until the index or the entities change
        (store-wide counts, the entity facet of browsing, entity forms)."""
        self._fresh()
        if key not in self._other:
            self._other[key] = compute()
        return self._other[key]  # type: ignore[no-any-return]

    def invalidate(self) -> None:
        """Forget the vocabulary, variants and counts (the index changed)."""
        with self._lock:
            self._vocab, self._version, self._checked = None, None, 0.0
            self._variants.clear()
            self._counts.clear()
            self._other.clear()
            self._labels.clear()

    def forget_entities(self) -> None:
        """Forget what was read of the entities (they were re-resolved, merged or split): the
        variants (they hold entity forms) and the other cached reads; the index's vocabulary
        and counts stay (reading the vocabulary again takes seconds at a million documents)."""
        with self._lock:
            self._variants.clear()
            self._other = {k: v for k, v in self._other.items() if k in INDEX_KEYS}
            self._labels.clear()
            self._checked = 0.0

    def entity_labels(self, conn: Any, ids: list[str]) -> dict[str, tuple[str, str]]:
        """``id -> (name, type)`` of the entities ``ids`` that exist, cached until the entities
        change (the search's entity facet names the entities of its best documents' mentions)."""
        self._fresh()
        todo = [i for i in ids if i not in self._labels]
        if todo:
            if len(self._labels) + len(todo) > MAX_CACHED_LABELS:
                self._labels.clear()
                todo = list(ids)
            for k in range(0, len(todo), 500):
                rows = self.sql.rows_by_id(conn, "SELECT id, name, type FROM entities", "id", todo[k : k + 500])
                self._labels.update((i, (name, etype)) for i, name, etype in rows)
        return {i: self._labels[i] for i in ids if i in self._labels}

    def _fresh(self) -> None:
        """Drop the caches when the index or the entities changed since they were filled: the
        index's version and the entities' generation, read every VOCAB_TTL_S (two small reads)."""
        if time.monotonic() - self._checked < VOCAB_TTL_S:
            return
        with self.engine.connect() as conn:
            version = tuple(conn.exec_driver_sql(self.sql.version_sql).first() or ())
            generation = conn.exec_driver_sql(GENERATION_SQL).scalar()
        if version != self._version:
            self.invalidate()
        elif generation != self._generation:
            self.forget_entities()
        self._version, self._generation, self._checked = version, generation, time.monotonic()

    def vocabulary(self) -> dict[int, list[str]]:
        """Index words of 4+ letters, by length."""
        self._fresh()
        if self._vocab is None:
            by_len: dict[int, list[str]] = {}
            with self.engine.connect() as conn:
                for term in conn.exec_driver_sql(self.sql.vocabulary_sql).scalars():
                    if term.isalpha():
                        by_len.setdefault(len(term), []).append(term)
            self._vocab = by_len
        return self._vocab

    def counts(self, conn: Any, words: list[str]) -> dict[str, int]:
        """Matching paragraphs per word, at most RARE_PARAGRAPHS (a word at the cap is common);
        the words not cached yet are counted in one statement (a word and its variants)."""
        self._fresh()
        matches = {w: self.sql.any_of([w]) for w in words}
        todo = list(dict.fromkeys(m for m in matches.values() if f"{RARE_PARAGRAPHS}:{m}" not in self._counts))
        if len(todo) > 1:
            if len(self._counts) > MAX_CACHED_WORDS:
                self._counts.clear()
            one = self.sql.count_sql()
            parts = [f"SELECT {i} AS i, ({one.replace(':match', f':m{i}')}) AS n" for i in range(len(todo))]
            params: dict[str, Any] = {f"m{i}": m for i, m in enumerate(todo)}
            params["k"] = RARE_PARAGRAPHS
            for i, n in conn.execute(text(" UNION ALL ".join(parts)), params).all():
                self._counts[f"{RARE_PARAGRAPHS}:{todo[i]}"] = int(n or 0)
        return {w: self.count(conn, m, RARE_PARAGRAPHS) for w, m in matches.items()}

    def count(self, conn: Any, match: str, bound: int) -> int:
        """Paragraphs matching the backend match expression ``match``, counted up to ``bound``
        (in index order, so it reads at most ``bound`` index rows), cached."""
        self._fresh()
        key = f"{bound}:{match}"
        if key not in self._counts:
            if len(self._counts) > MAX_CACHED_WORDS:
                self._counts.clear()
            n = conn.execute(text(self.sql.count_sql()), {"match": match, "k": bound}).scalar()
            self._counts[key] = int(n or 0)
        return self._counts[key]

    def variants(self, word: str) -> list[str]:
        """Index and entity-variant words close in spelling to ``word``, best first (without it)."""
        self._fresh()
        if word in self._variants:
            return self._variants[word]
        from rapidfuzz import fuzz, process

        found: dict[str, float] = {}
        if len(word) >= FUZZY_MIN_LEN and word.isalpha():
            vocab = self.vocabulary()
            # ratio >= 80 needs the shorter word to be at least 2/3 of the longer one.
            near = [t for n in range((2 * len(word) + 2) // 3, len(word) * 3 // 2 + 1) for t in vocab.get(n, ())]
            best = process.extract(word, near, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=MAX_VARIANTS + 1)
            for cand, score, _ in best:
                if cand != word:
                    found.setdefault(cand, score)
            rows = self._entity_forms(word[:4])
            for name, known, aka in rows:
                forms = [name, *(_json(known) or {}), *(_json(aka) or [])]
                for form in forms:
                    for w in WORD.findall(str(form).lower()):
                        score = fuzz.ratio(word, w)
                        if w != word and score >= FUZZY_CUTOFF - 10 and len(w) >= FUZZY_MIN_LEN:
                            found.setdefault(w, score)
        ranked = [w for w, _ in sorted(found.items(), key=lambda kv: -kv[1])][:MAX_VARIANTS]
        with self._lock:
            if len(self._variants) > MAX_CACHED_WORDS:
                self._variants.clear()
            self._variants[word] = ranked
        return ranked

    def _entity_forms(self, key: str) -> list[tuple[Any, Any, Any]]:
        """(name, variants, aliases) of the 20 most mentioned entities whose name key contains
        ``key`` (a query word's first four letters), cached until the index changes like the
        variants: the statement reads and parses each entity's ``attrs`` (tens of kilobytes at a
        million documents, 8 ms a word), and words that share their first letters share them."""
        cache_key = f"entity-forms:{key}"
        if cache_key not in self._other and len(self._other) > MAX_CACHED_WORDS:
            self._other.clear()
        return self.cached(cache_key, lambda: self._read_entity_forms(key))

    def _read_entity_forms(self, key: str) -> list[tuple[Any, Any, Any]]:
        """The statement behind :meth:`_entity_forms`."""
        # Only the two members of attrs (its member list can be tens of kilobytes).
        both = self.sql.json_members("e.attrs", ["variants", "aliases"])
        each = ", ".join(self.sql.json_member("e.attrs", k) for k in ("variants", "aliases"))
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(  # the 20 chosen first, so only their attrs are read and parsed
                    f"SELECT e.name, {both or each} FROM (SELECT id, mention_count FROM entities "
                    f"WHERE {self.sql.entity_rows('name_key LIKE :p')} ORDER BY mention_count DESC LIMIT 20) t"
                    f"{self.sql.join}entities e ON e.id = t.id "
                    "ORDER BY t.mention_count DESC"
                ),
                {"p": f"%{key}%"},
            ).all()
        if both:  # one JSON array [variants, aliases] per entity
            return [(r[0], *((_json(r[1]) or [None, None]) + [None, None])[:2]) for r in rows]
        return [(r[0], r[1], r[2]) for r in rows]

    def expand(self, conn: Any, word: str) -> tuple[list[str], str | None]:
        """The variants to OR with ``word`` and a variant with more hits than ``word`` to suggest
        ("did you mean"), or None.

        Only a rare word is expanded, and only with rare variants: an expansion never turns a
        query of a few hundred matches into one of many thousands (a common spelling of a rare
        OCR form is offered as the suggestion instead of being searched silently)."""
        cands = self.variants(word)
        if not cands:
            return [], None
        counts = self.counts(conn, [word, *cands])
        found = [v for v in cands if counts[v] > 0]
        best = max(found, key=lambda v: counts[v], default=None)
        suggestion = best if best is not None and counts[best] > counts[word] else None
        if counts[word] >= RARE_PARAGRAPHS:
            return [], suggestion
        return [v for v in found if counts[v] < RARE_PARAGRAPHS], suggestion


def _json(value: Any) -> Any:
    """A JSON value as the driver returns it: parsed already (PostgreSQL) or as text (SQLite)."""
    if isinstance(value, str) and value:
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict | list) else None
