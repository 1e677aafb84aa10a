"""The SQL implementation of :class:`~declass.store.base.Store` for SQLite and PostgreSQL.

Invariant: every write of one document is one transaction (``engine.begin()``), and a document row
is inserted last-but-complete within it, so a reader never sees half a document and an interrupted
ingest resumes by simply skipping the documents already present.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Connection, cast, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from declass.errors import Ambiguous, NotFound, StoreError
from declass.model import (
    Boilerplate,
    Claim,
    Document,
    Entity,
    Judgement,
    Mention,
    Metadata,
    Page,
    Paragraph,
    Redaction,
    Relation,
    Segment,
    from_dict,
    to_dict,
)
from declass.store import schema as s
from declass.store.base import Store
from declass.store.page_scans import delete_scans, insert_scans, load_scans, page_row
from declass.store.sql_overrides import OverridesMixin
from declass.store.sql_search import SearchMixin
from declass.store.sql_stages import StagesMixin
from declass.types.names import entity_keys, lookup_key, name_keys

_CHUNK = 500


def _now() -> datetime:
    return datetime.now(UTC)


class SqlStore(SearchMixin, StagesMixin, OverridesMixin, Store):
    """SQLAlchemy Core store; the URL's dialect decides SQLite or PostgreSQL."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            if url.startswith("sqlite"):
                self.engine: Engine = create_engine(url, connect_args={"timeout": 60})
                event.listen(self.engine, "connect", _sqlite_pragmas)
            else:
                self.engine = create_engine(url, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open store {url!r}: {exc}") from exc
        self.dialect_name = self.engine.dialect.name

    # -- lifecycle -------------------------------------------------------------------------
    def migrate(self) -> None:
        from declass.store.migrate import upgrade

        try:
            upgrade(self.engine)
        except OperationalError as exc:
            raise StoreError(f"cannot open or migrate store {self.url!r}: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate store {self.url!r}: {exc}") from exc
        self.ensure_search_index()
        self.ensure_name_index()

    def close(self) -> None:
        self.engine.dispose()

    # -- documents ---------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(s.documents.c.id).where(s.documents.c.id == doc_id)).first() is not None

    def add_document(self, doc: Document, *, pending: Iterable[str] = ()) -> None:
        try:
            with self.engine.begin() as conn:
                exists = self._delete_spans(conn, doc.id)
                self._insert_document(conn, doc, exists)
                conn.execute(insert(s.sightings), {"doc_id": doc.id, "path": doc.source_path, "seen_at": _now()})
                self._after_document(conn, doc)
                self.set_pending(conn, doc.id, pending)
        except SQLAlchemyError as exc:
            raise StoreError(f"{doc.source_path}: cannot store document: {getattr(exc, 'orig', None) or exc}") from exc

    def add_documents(self, docs: Sequence[Document], *, pending: Iterable[str] = ()) -> None:
        stages = tuple(pending)
        if not docs:
            return
        try:
            with self.engine.begin() as conn:
                rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)  # child rows of every document
                for doc in docs:
                    self._insert_document(conn, doc, self._delete_spans(conn, doc.id), rows)
                _insert_rows(conn, rows)
                for doc in docs:
                    insert_scans(conn, doc)
                conn.execute(insert(s.sightings), [{"doc_id": d.id, "path": d.source_path, "seen_at": _now()} for d in docs])
                for doc in docs:
                    self._after_document(conn, doc)
                    self.set_pending(conn, doc.id, stages)
        except SQLAlchemyError as exc:
            names = ", ".join(d.source_path for d in docs[:3]) + (" ..." if len(docs) > 3 else "")
            raise StoreError(f"{names}: cannot store {len(docs)} documents: {getattr(exc, 'orig', None) or exc}") from exc

    def _after_document(self, conn: Connection, doc: Document) -> None:
        """Keep the full-text index current, inside the document's transaction."""
        self.index_document(conn, doc.id)

    def _delete_spans(self, conn: Connection, doc_id: str) -> bool:
        """Delete a document's derived rows (not its sightings); True if the document exists."""
        if conn.execute(select(s.documents.c.id).where(s.documents.c.id == doc_id)).first() is None:
            return False
        _delete_facts(conn, doc_id)
        delete_scans(conn, doc_id)
        for table in (s.identifiers, s.redactions, s.boilerplate, s.paragraphs, s.pages):
            conn.execute(delete(table).where(table.c.doc_id == doc_id))
        return True

    def _insert_document(
        self, conn: Connection, doc: Document, exists: bool, into: dict[Any, list[dict[str, Any]]] | None = None
    ) -> None:
        """Insert the document row and its child rows; with ``into``, collect the child rows there instead
        (a batch inserts every document's rows of one table together)."""
        meta = doc.metadata
        row = (
            {
                "id": doc.id,
                "source_path": doc.source_path,
                "media_type": doc.media_type,
                "size": doc.size,
                "encoding": doc.encoding,
                "text": doc.text,
                "clean_text": doc.clean_text,
                "clean_map": [[g.clean, g.orig, g.length] for g in doc.clean_map],
                "metadata": to_dict(meta),
                "warnings": list(doc.warnings),
                "number": meta.number,
                "title": doc.title[:500],
                "classification": meta.classification,
                "doc_type": meta.doc_type,
                "doc_date": meta.doc_date or meta.date_distributed,
                "release_date": meta.release_date,
                "collection": meta.collection,
                "page_count": len(doc.pages),
                "redaction_count": len(doc.redactions),
                "pipeline_version": doc.pipeline_version,
                "ingested_at": _now(),
            },
        )
        if exists:
            conn.execute(update(s.documents).where(s.documents.c.id == doc.id).values(**row[0]))
        else:
            conn.execute(insert(s.documents), row[0])
        rows: dict[Any, list[dict[str, Any]]] = {
            s.pages: [page_row(doc.id, p) for p in doc.pages],
            s.paragraphs: [
                {
                    "doc_id": doc.id,
                    "idx": p.index,
                    "page": p.page,
                    "start": p.start,
                    "end": p.end,
                    "clean_start": p.clean_start,
                    "clean_end": p.clean_end,
                    "number": p.number,
                    "kind": p.kind,
                    "text": doc.clean_text[p.clean_start : p.clean_end],
                }
                for p in doc.paragraphs
            ],
            s.boilerplate: [{"doc_id": doc.id, **to_dict(b)} for b in doc.boilerplate],
            s.redactions: [{"doc_id": doc.id, **to_dict(r)} for r in doc.redactions],
            s.identifiers: [{"doc_id": doc.id, "scheme": i.scheme, "value": i.value} for i in meta.identifiers],
        }
        rows.update(_fact_rows(doc.id, doc.mentions, doc.relations, doc.claims))
        if into is None:
            _insert_rows(conn, rows)
            insert_scans(conn, doc)
            return
        for table, table_rows in rows.items():
            into[table] += table_rows

    def add_facts(
        self,
        doc_id: str,
        mentions: list[Mention],
        relations: list[Relation],
        claims: list[Claim],
        *,
        pending: Iterable[str] | None = None,
    ) -> None:
        try:
            with self.engine.begin() as conn:
                _insert_rows(conn, _fact_rows(doc_id, mentions, relations, claims))
                if pending is not None:
                    self.set_pending(conn, doc_id, pending)
        except SQLAlchemyError as exc:
            raise StoreError(f"document {doc_id[:12]}: cannot store facts: {getattr(exc, 'orig', None) or exc}") from exc

    def clear_facts(self, doc_id: str) -> None:
        with self.engine.begin() as conn:
            _delete_facts(conn, doc_id)

    def add_sighting(self, doc_id: str, path: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(s.sightings), {"doc_id": doc_id, "path": path, "seen_at": _now()})

    def get_document(self, ref: str) -> Document:
        doc_id = self._resolve_ref(ref)
        with self.engine.connect() as conn:
            row = conn.execute(select(s.documents).where(s.documents.c.id == doc_id)).mappings().one()
            doc = Document(
                id=row["id"],
                source_path=row["source_path"],
                media_type=row["media_type"],
                text=row["text"],
                size=row["size"],
                encoding=row["encoding"],
                clean_text=row["clean_text"],
                clean_map=[Segment(*g) for g in row["clean_map"]],
                warnings=list(row["warnings"]),
                pipeline_version=row["pipeline_version"],
            )
            doc.metadata = from_dict(Metadata, row["metadata"])
            doc.pages = [Page(**_drop(r, "doc_id")) for r in _rows(conn, s.pages, doc_id, s.pages.c.number)]
            load_scans(conn, doc_id, doc.pages)
            doc.paragraphs = [
                Paragraph(
                    index=r["idx"],
                    page=r["page"],
                    start=r["start"],
                    end=r["end"],
                    clean_start=r["clean_start"],
                    clean_end=r["clean_end"],
                    number=r["number"],
                    kind=r["kind"],
                )
                for r in _rows(conn, s.paragraphs, doc_id, s.paragraphs.c.idx)
            ]
            doc.boilerplate = [
                Boilerplate(**_drop(r, "doc_id", "id")) for r in _rows(conn, s.boilerplate, doc_id, s.boilerplate.c.start)
            ]
            doc.redactions = [
                Redaction(**_drop(r, "doc_id", "id")) for r in _rows(conn, s.redactions, doc_id, s.redactions.c.start)
            ]
            doc.mentions = [_mention(r) for r in _rows(conn, s.mentions, doc_id, s.mentions.c.start)]
            doc.relations = [_relation(r) for r in _rows(conn, s.relations, doc_id, s.relations.c.id)]
            doc.claims = [_claim(r) for r in _rows(conn, s.claims, doc_id, s.claims.c.id)]
        return doc

    def _resolve_ref(self, ref: str) -> str:
        ref = ref.strip()
        if not ref:
            raise NotFound("empty document reference")
        d, i, si = s.documents, s.identifiers, s.sightings
        with self.engine.connect() as conn:
            if conn.execute(select(d.c.id).where(d.c.id == ref)).first():
                return ref
            queries = [select(d.c.id).where(or_(d.c.number == ref, d.c.id.in_(select(i.c.doc_id).where(i.c.value == ref))))]
            if len(ref) >= 6 and all(ch in "0123456789abcdef" for ch in ref.lower()):
                queries.append(select(d.c.id).where(d.c.id.like(ref.lower() + "%")))
            name = ref.rsplit("/", 1)[-1]
            queries.append(
                select(si.c.doc_id).where(or_(si.c.path == ref, si.c.path.like("%/" + _escape_like(name), escape="\\")))
            )
            for query in queries:
                found = sorted({r[0] for r in conn.execute(query)})
                if len(found) == 1:
                    return found[0]
                if len(found) > 1:
                    raise Ambiguous(f"{ref!r} matches {len(found)} documents; give more of the id", found)
        raise NotFound(f"no document matches {ref!r} (try an id prefix, a document number or a file name; see `declass docs`)")

    def list_documents(
        self,
        *,
        classification: str | None = None,
        doc_type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        collection: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        d = s.documents
        cols = [d.c.id, d.c.number, d.c.title, d.c.classification, d.c.doc_type, d.c.doc_date, d.c.release_date, d.c.collection]
        cols += [d.c.page_count, d.c.redaction_count, d.c.source_path, d.c.media_type]
        query = select(*cols)
        if classification:
            query = query.where(func.upper(d.c.classification) == classification.upper())
        if doc_type:
            query = query.where(d.c.doc_type == doc_type)
        if date_from:
            query = query.where(d.c.doc_date >= date_from)
        if date_to:
            query = query.where(d.c.doc_date <= date_to + "\uffff")
        if collection:
            query = query.where(d.c.collection == collection)
        query = query.order_by(d.c.doc_date.is_(None), d.c.doc_date, d.c.source_path).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def document_summaries(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        return self._summaries("documents", ("id", "number", "title", "doc_date", "classification", "source_path"), doc_ids)

    def _summaries(self, table: str, columns: tuple[str, ...], ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {column: value} of the rows of ``table`` with these ids (the dossier's summaries):
        plain rows through the search dialect, a third of the ORM mappings' CPU for a trace."""
        select_sql = f"SELECT {', '.join(columns)} FROM {table}"
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(ids):
                rows = self._sql.rows_by_id(conn, select_sql, "id", chunk)
                out.update((r[0], dict(zip(columns, r, strict=True))) for r in rows)
        return out

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(s.documents)).scalar_one())

    def count_mentions(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(s.mentions)).scalar_one())

    def sightings(self, doc_id: str) -> list[dict[str, Any]]:
        query = select(s.sightings.c.path, s.sightings.c.seen_at).where(s.sightings.c.doc_id == doc_id).order_by(s.sightings.c.id)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def log_ingest(self, run_id: str, path: str, status: str, reason: str | None = None, sha256: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(s.ingest_log),
                {"run_id": run_id, "path": path, "status": status, "reason": reason, "sha256": sha256, "at": _now()},
            )

    def ingest_log(self, run_id: str | None = None) -> list[dict[str, Any]]:
        query = select(s.ingest_log).order_by(s.ingest_log.c.id)
        if run_id:
            query = query.where(s.ingest_log.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def summary(self) -> dict[str, Any]:
        d, r = s.documents, s.redactions
        with self.engine.connect() as conn:
            docs = int(conn.execute(select(func.count()).select_from(d)).scalar_one())
            pages = int(conn.execute(select(func.coalesce(func.sum(d.c.page_count), 0))).scalar_one())
            by_class = _counts(conn, d.c.classification, "(none)")
            by_type = _counts(conn, d.c.doc_type, "(unknown)")
            by_collection = _counts(conn, d.c.collection, "(unknown)")
            red_kinds = _counts(conn, r.c.kind, "(none)")
            red_codes = {k: v for k, v in _counts(conn, r.c.code, "").items() if k}
            withheld = int(conn.execute(select(func.coalesce(func.sum(r.c.pages_withheld), 0))).scalar_one())
            mentions = int(conn.execute(select(func.count()).select_from(s.mentions)).scalar_one())
            entities = int(conn.execute(select(func.count()).select_from(s.entities)).scalar_one())
            claims = int(conn.execute(select(func.count()).select_from(s.claims)).scalar_one())
            last = _latest_status(conn)
        return {
            "documents": docs,
            "pages": pages,
            "redactions": {"boxes": red_kinds.get("box", 0), "codes": red_codes, "pages_withheld": withheld},
            "classifications": by_class,
            "doc_types": by_type,
            "collections": by_collection,
            "mentions": mentions,
            "entities": entities,
            "claims": claims,
            "failures": [{"path": p, "reason": why} for p, why in last if why is not None],
        }

    # -- mentions ----------------------------------------------------------------------------
    def iter_mentions(
        self, *, doc_id: str | None = None, label: str | None = None, doc_ids: Iterable[str] | None = None
    ) -> Iterator[Mention]:
        query = select(s.mentions).order_by(s.mentions.c.doc_id, s.mentions.c.start)
        if doc_id:
            query = query.where(s.mentions.c.doc_id == doc_id)
        if label:
            query = query.where(s.mentions.c.label == label)
        with self.engine.connect() as conn:
            if doc_ids is None:
                for row in conn.execution_options(yield_per=2000).execute(query).mappings():
                    yield _mention(row)
                return
            for chunk in _chunks(sorted(set(doc_ids))):
                # Fetched whole (at most 500 documents' mentions): row-by-row fetching cost the
                # trace of 200 documents more than building the mentions.
                for row in conn.execute(query.where(s.mentions.c.doc_id.in_(chunk))).mappings().all():
                    yield _mention(row)

    def iter_relations(self, *, doc_id: str | None = None) -> Iterator[Relation]:
        query = select(s.relations).order_by(s.relations.c.id)
        if doc_id:
            query = query.where(s.relations.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query).mappings():
                yield _relation(row)

    # -- entities ----------------------------------------------------------------------------
    def add_judgements(self, judgements: Iterable[Judgement]) -> None:
        now = _now()
        # Fields by hand: ``to_dict`` (``dataclasses.asdict``) deep-copies every evidence dict, a
        # third of a re-resolution's CPU time; the JSON column stores the same thing either way.
        rows = [
            {
                "left": j.left,
                "right": j.right,
                "same": j.same,
                "score": j.score,
                "rule": j.rule,
                "evidence": j.evidence,
                "source": j.source,
                "created_at": now,
            }
            for j in judgements
        ]
        with self.engine.begin() as conn:
            for i in range(0, len(rows), _CHUNK):
                conn.execute(insert(s.judgements), rows[i : i + _CHUNK])

    def iter_judgements(self) -> Iterator[Judgement]:
        j = s.judgements
        query = select(j.c.left, j.c.right, j.c.same, j.c.score, j.c.rule, j.c.evidence, j.c.source).order_by(j.c.id)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=5000).execute(query).mappings():
                yield Judgement(**row)

    def clear_judgements(self, *, source: str = "auto") -> None:
        """Delete judgements of one source (re-resolution replaces the automatic ones)."""
        with self.engine.begin() as conn:
            conn.execute(delete(s.judgements).where(s.judgements.c.source == source))

    def replace_entities(self, entities: Iterable[Entity], *, mention_ids: Iterable[str] | None = None) -> None:
        ents = list(entities)
        e, m, n = s.entities, s.entity_members, s.entity_names
        with self.engine.begin() as conn:
            if mention_ids is None:
                conn.execute(delete(m))
                conn.execute(delete(n))
                conn.execute(delete(e))
            else:
                touched = set(mention_ids) | {mid for ent in ents for mid in ent.mention_ids}
                old: set[str] = {ent.id for ent in ents}
                ids = list(touched)
                for i in range(0, len(ids), _CHUNK):
                    old |= {r[0] for r in conn.execute(select(m.c.entity_id).where(m.c.mention_id.in_(ids[i : i + _CHUNK])))}
                olds = list(old)
                for i in range(0, len(olds), _CHUNK):
                    conn.execute(delete(m).where(m.c.entity_id.in_(olds[i : i + _CHUNK])))
                    conn.execute(delete(n).where(n.c.entity_id.in_(olds[i : i + _CHUNK])))
                    conn.execute(delete(e).where(e.c.id.in_(olds[i : i + _CHUNK])))
            _insert_entities(conn, ents)
        self._expander.forget_entities()  # this process's search caches; others see the generation

    def add_entities(self, entities: Iterable[Entity]) -> None:
        with self.engine.begin() as conn:
            _insert_entities(conn, list(entities))
        self._expander.forget_entities()

    def ensure_name_index(self) -> None:
        """Fill the name index of a store whose entities predate it (migration 0003)."""
        with self.engine.connect() as conn:
            has_entities = conn.execute(select(s.entities.c.id).limit(1)).first() is not None
            indexed = conn.execute(select(s.entity_names.c.key).limit(1)).first() is not None
        if has_entities and not indexed:
            self.rebuild_name_index()

    def rebuild_name_index(self) -> None:
        """Recompute every entity's name keys (they are derived from the entities table)."""
        e, n = s.entities, s.entity_names
        with self.engine.begin() as conn:
            conn.execute(delete(n))
            rows = conn.execute(select(e.c.id, e.c.name, e.c.attrs)).all()
            key_rows = [
                {"key": key, "entity_id": eid}
                for eid, name, attrs in rows
                for key in entity_keys([name, *(attrs or {}).get("variants", {}), *(attrs or {}).get("aliases", [])])
            ]
            for i in range(0, len(key_rows), _CHUNK * 10):
                conn.execute(insert(n), key_rows[i : i + _CHUNK * 10])

    def get_entity(self, entity_id: str, *, members: bool = True) -> Entity:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.entities).where(s.entities.c.id == entity_id)).mappings().first()
            if row is None:
                raise NotFound(f"no entity {entity_id!r} (see `declass entities`)")
            return self._entities(conn, [row], members=members)[0]

    def entity_member_ids(self, entity_id: str, *, limit: int, offset: int = 0) -> list[str]:
        m = s.entity_members
        query = select(m.c.mention_id).where(m.c.entity_id == entity_id).order_by(m.c.mention_id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return list(conn.scalars(query))

    def search_entity_names(self, text: str, *, limit: int = 50, members: bool = True) -> list[Entity]:
        keys = sorted(name_keys(text))
        if not keys:
            return []
        e, n = s.entities, s.entity_names
        # The best ``limit`` ids first, then their rows: the columns (and on SQLite the
        # ``json_remove`` of each document list, ~70 KB at a million documents) are computed
        # for the kept candidates only, not for every entity sharing a key (100-190 for a name).
        hits = (
            select(n.c.entity_id, func.count().label("hits"), e.c.mention_count.label("mc"), e.c.name.label("nm"))
            .join(e, e.c.id == n.c.entity_id)
            .where(n.c.key.in_(keys))
            .group_by(n.c.entity_id, e.c.mention_count, e.c.name)
            .order_by(func.count().desc(), e.c.mention_count.desc(), e.c.name)
            .limit(limit)
            .subquery()
        )
        columns: list[Any] = [e]
        slim: Any
        if not members:  # candidates for ranking by name: their document lists stay in the database
            attrs, slim = e.c.attrs, None
            if self.dialect_name == "postgresql":
                slim = cast(attrs, JSONB).op("-", return_type=JSON)("doc_ids")
            else:
                slim = func.json_remove(attrs, "$.doc_ids", type_=JSON)
            columns = [c for c in e.c if c.name != "attrs"] + [slim.label("attrs")]
        query = select(*columns).join(hits, hits.c.entity_id == e.c.id).order_by(hits.c.hits.desc(), hits.c.mc.desc(), hits.c.nm)
        with self.engine.connect() as conn:
            return self._entities(conn, conn.execute(query).mappings().all(), members=members)

    def entities_of_mentions(self, mention_ids: Iterable[str]) -> dict[str, str]:
        m = s.entity_members
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(mention_ids):
                query = select(m.c.mention_id, m.c.entity_id).where(m.c.mention_id.in_(chunk))
                out.update((mid, eid) for mid, eid in conn.execute(query))
        return out

    def entity_summaries(self, entity_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        return self._summaries("entities", ("id", "type", "name", "mention_count", "doc_count"), entity_ids)

    def list_entities(
        self,
        *,
        type: str | None = None,
        doc_id: str | None = None,
        name: str | None = None,
        limit: int = 100,
        offset: int = 0,
        members: bool = True,
        exact: bool = False,
    ) -> list[Entity]:
        e = s.entities
        query = select(e).order_by(e.c.mention_count.desc(), e.c.name).limit(limit).offset(offset)
        if type and name and exact:
            # ``type || ''`` keeps the planner on the exact name_key index: without statistics
            # SQLite chose ix_entities_type and read every PERSON row (1,600 rows with their
            # ~70 KB attrs at a million documents, 28 ms of each trace's "possibly also").
            query = query.where(e.c.type.concat("") == type.upper())
        elif type:
            query = query.where(e.c.type == type.upper())
        if name and exact:
            query = query.where(e.c.name_key == lookup_key(name))
        elif name:
            query = query.where(e.c.name_key.like("%" + _escape_like(lookup_key(name)) + "%", escape="\\"))
        if doc_id:
            in_doc = select(s.entity_members.c.entity_id).join(s.mentions, s.mentions.c.id == s.entity_members.c.mention_id)
            query = query.where(e.c.id.in_(in_doc.where(s.mentions.c.doc_id == doc_id)))
        with self.engine.connect() as conn:
            return self._entities(conn, conn.execute(query).mappings().all(), members=members)

    def _entities(self, conn: Connection, rows: Iterable[Any], *, members: bool = True) -> list[Entity]:
        """Entities of ``entities`` rows, their members read in one query per chunk of entities
        (none with ``members=False``)."""
        rows = list(rows)
        member_ids: dict[str, list[str]] = {r["id"]: [] for r in rows}
        m = s.entity_members
        for chunk in _chunks(member_ids) if members else ():
            found = conn.execute(select(m.c.mention_id, m.c.entity_id).where(m.c.entity_id.in_(chunk))).all()
            for mention_id, entity_id in found:  # fetched whole: thousands of members per entity at 1M
                member_ids[entity_id].append(mention_id)
        out = []
        for row in rows:
            attrs = dict(row["attrs"])
            out.append(
                Entity(
                    id=row["id"],
                    type=row["type"],
                    name=row["name"],
                    variants=attrs.pop("variants", {}),
                    aliases=attrs.pop("aliases", []),
                    mention_ids=sorted(member_ids[row["id"]]),
                    doc_ids=attrs.pop("doc_ids", []),
                    attrs=attrs,
                )
            )
        return out

    # -- claims ------------------------------------------------------------------------------
    def iter_claims(self, *, doc_id: str | None = None, mention_ids: Iterable[str] | None = None) -> Iterator[Claim]:
        c = s.claims
        base = select(c).order_by(c.c.doc_id, c.c.id)
        if doc_id:
            base = base.where(c.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            if mention_ids is None:
                for row in conn.execute(base).mappings():
                    yield _claim(row)
                return
            ids = list(mention_ids)
            seen: set[str] = set()
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                query = base.where(or_(c.c.subject.in_(chunk), c.c.object.in_(chunk), c.c.place.in_(chunk)))
                for row in conn.execute(query).mappings():
                    if row["id"] not in seen:
                        seen.add(row["id"])
                        yield _claim(row)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _fact_rows(
    doc_id: str, mentions: list[Mention], relations: list[Relation], claims: list[Claim]
) -> dict[Any, list[dict[str, Any]]]:
    """Rows of one document's mentions, relations and claims (all of them, or one window's)."""
    return {
        s.mentions: [to_dict(m) | {"doc_id": doc_id} for m in _unique(mentions, lambda m: m.id)],
        s.relations: [
            {"doc_id": doc_id, "kind": r.kind, "source": r.source, "target": r.target, "value": r.value}
            | {"start": r.start, "end": r.end}
            for r in relations
        ],
        s.claims: [_claim_row(doc_id, c) for c in _unique(claims, lambda c: c.id)],
    }


def _delete_facts(conn: Connection, doc_id: str) -> None:
    """Delete one document's mentions with their entity memberships, relations and claims."""
    mention_ids = select(s.mentions.c.id).where(s.mentions.c.doc_id == doc_id)
    conn.execute(delete(s.entity_members).where(s.entity_members.c.mention_id.in_(mention_ids)))
    for table in (s.claims, s.relations, s.mentions):
        conn.execute(delete(table).where(table.c.doc_id == doc_id))


def _insert_rows(conn: Connection, rows: dict[Any, list[dict[str, Any]]]) -> None:
    for table, table_rows in rows.items():
        for i in range(0, len(table_rows), _CHUNK):
            conn.execute(insert(table), table_rows[i : i + _CHUNK])


def _unique(items: Iterable[Any], key: Any) -> list[Any]:
    out: dict[Any, Any] = {}
    for item in items:
        out.setdefault(key(item), item)
    return list(out.values())


def _chunks(ids: Iterable[str], size: int = _CHUNK) -> Iterator[list[str]]:
    """Distinct ids in lists of at most ``size``, for ``IN`` queries within parameter limits."""
    unique = list(dict.fromkeys(ids))
    for i in range(0, len(unique), size):
        yield unique[i : i + size]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rows(conn: Connection, table: Any, doc_id: str, order: Any) -> list[Any]:
    return list(conn.execute(select(table).where(table.c.doc_id == doc_id).order_by(order)).mappings())


def _drop(row: Any, *keys: str) -> dict[str, Any]:
    return {k: v for k, v in dict(row).items() if k not in keys}


def _mention(row: Any) -> Mention:
    return Mention(**dict(row))


def _relation(row: Any) -> Relation:
    return Relation(**_drop(row, "id"))


def _claim_row(doc_id: str, claim: Claim) -> dict[str, Any]:
    row = to_dict(claim)
    row["doc_id"] = doc_id
    return row


def _claim(row: Any) -> Claim:
    return from_dict(Claim, dict(row))


def _counts(conn: Connection, column: Any, missing: str) -> dict[str, int]:
    rows = conn.execute(select(column, func.count()).group_by(column)).all()
    return {(key if key is not None else missing): int(n) for key, n in rows}


def _latest_status(conn: Connection) -> list[tuple[str, str | None]]:
    """The latest ingest outcome of every path: (path, reason if it failed)."""
    log = s.ingest_log
    latest = select(func.max(log.c.id)).group_by(log.c.path)
    rows = conn.execute(select(log.c.path, log.c.status, log.c.reason).where(log.c.id.in_(latest)).order_by(log.c.path)).all()
    return [(path, reason if status == "failed" else None) for path, status, reason in rows]


def _insert_entities(conn: Any, ents: list[Entity]) -> None:
    """Insert entities with their members and name keys (the caller's transaction)."""
    e, m, n = s.entities, s.entity_members, s.entity_names
    entity_rows = [
        {
            "id": ent.id,
            "type": ent.type,
            "name": ent.name,
            "name_key": lookup_key(ent.name),
            "mention_count": len(ent.mention_ids),
            "doc_count": len(ent.doc_ids),
            "attrs": {"variants": ent.variants, "aliases": ent.aliases, "doc_ids": ent.doc_ids, **ent.attrs},
        }
        for ent in ents
    ]
    member_rows = [{"mention_id": mid, "entity_id": ent.id} for ent in ents for mid in dict.fromkeys(ent.mention_ids)]
    key_rows = [{"key": key, "entity_id": ent.id} for ent in ents for key in entity_keys([ent.name, *ent.variants, *ent.aliases])]
    for table, table_rows in ((e, entity_rows), (m, member_rows), (n, key_rows)):
        for i in range(0, len(table_rows), _CHUNK):
            conn.execute(insert(table), table_rows[i : i + _CHUNK])
    # Last, so that two writers take the counter's row lock after their entity rows, in one order.
    g = s.generations
    conn.execute(update(g).where(g.c.name == "entities").values(value=g.c.value + 1))
