"""Per-document stage status for the SQL store: which stored documents still need a stage.

Invariant: a row of ``pending_stages`` exists exactly while its stage's result is not stored. The
rows of a new document are written in the transaction that writes the document
(:meth:`StagesMixin.set_pending`), and a stage deletes its row only after its result is committed,
so a run stopped anywhere (Ctrl-C, kill -9, a crash in a stage) leaves the work findable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.engine import Engine

from declass.errors import ConfigError
from declass.store import schema as s
from declass.store.base import STAGES

_CHUNK = 500


def _check(stage: str) -> None:
    if stage not in STAGES:
        raise ConfigError(f"unknown stage {stage!r}; stages are {', '.join(STAGES)}")


def _id_chunks(doc_ids: Iterable[str]) -> Iterator[list[str]]:
    """Distinct ids, sorted, in lists short enough for an ``IN`` clause."""
    ids = sorted(set(doc_ids))
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


class StagesMixin:
    """The stage-status methods of :class:`~declass.store.base.Store` on SQLAlchemy Core."""

    engine: Engine

    def set_pending(self, conn: Connection, doc_id: str, stages: Iterable[str]) -> None:
        """Replace one document's pending stages, inside the caller's transaction."""
        wanted = list(dict.fromkeys(stages))
        for stage in wanted:
            _check(stage)
        table = s.pending_stages
        conn.execute(delete(table).where(table.c.doc_id == doc_id))
        if wanted:
            now = datetime.now(UTC)
            conn.execute(insert(table), [{"doc_id": doc_id, "stage": stage, "since": now} for stage in wanted])

    def pending_documents(self, stage: str, *, limit: int | None = None) -> list[str]:
        _check(stage)
        table = s.pending_stages
        query = select(table.c.doc_id).where(table.c.stage == stage).order_by(table.c.doc_id)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(query)]

    def mark_pending(self, stage: str, doc_ids: Iterable[str]) -> None:
        _check(stage)
        table = s.pending_stages
        with self.engine.begin() as conn:
            for chunk in _id_chunks(doc_ids):
                stored = select(s.documents.c.id).where(s.documents.c.id.in_(chunk))
                already = select(table.c.doc_id).where(table.c.stage == stage, table.c.doc_id.in_(chunk))
                todo = sorted({r[0] for r in conn.execute(stored)} - {r[0] for r in conn.execute(already)})
                if todo:
                    now = datetime.now(UTC)
                    conn.execute(insert(table), [{"doc_id": d, "stage": stage, "since": now} for d in todo])

    def mark_done(self, stage: str, doc_ids: Iterable[str]) -> None:
        _check(stage)
        table = s.pending_stages
        with self.engine.begin() as conn:
            for chunk in _id_chunks(doc_ids):
                conn.execute(delete(table).where(table.c.stage == stage, table.c.doc_id.in_(chunk)))

    def pending_counts(self) -> dict[str, int]:
        table = s.pending_stages
        with self.engine.connect() as conn:
            rows: dict[str, int] = {
                stage: n for stage, n in conn.execute(select(table.c.stage, func.count()).group_by(table.c.stage))
            }
        return {stage: int(rows.get(stage, 0)) for stage in STAGES}
