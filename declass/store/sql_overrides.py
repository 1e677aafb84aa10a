"""Manual corrections (overrides) for the SQL store: record, list, undo; mentions a reviewer added.

Invariant: an override row is never deleted. Undoing one sets ``undone_at``/``undone_by``; the
resolver applies exactly the rows that are not undone, in the order they were made
(:meth:`OverridesMixin.list_overrides`), so the history page can show every correction ever made
and undoing an undo is one more correction, not an edit of the past.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from declass.errors import InputError, NotFound
from declass.model import Mention, to_dict
from declass.store import schema as s

_CHUNK = 500


def _now() -> datetime:
    return datetime.now(UTC)


def _row(r: Any) -> dict[str, Any]:
    """An override row as the dict readers see (ISO times, so JSON and templates need no care)."""
    return {
        "id": r["id"],
        "action": r["action"],
        "args": r["args"],
        "created_at": r["created_at"],
        "reviewer": r["reviewer"],
        "reason": r["reason"],
        "undone_at": r["undone_at"],
        "undone_by": r["undone_by"],
        "affected": r["affected"],
    }


class OverridesMixin:
    """The override methods of :class:`~declass.store.base.Store` on SQLAlchemy Core."""

    engine: Engine

    def add_override(self, action: str, args: dict[str, Any], *, reviewer: str | None = None, reason: str | None = None) -> int:
        """Record a correction; returns its id (the history page undoes by it)."""
        row = {"action": action, "args": args, "created_at": _now(), "reviewer": reviewer, "reason": reason}
        with self.engine.begin() as conn:
            key = conn.execute(insert(s.overrides), row).inserted_primary_key
            return int(key[0]) if key is not None else 0

    def list_overrides(self, *, include_undone: bool = False) -> list[dict[str, Any]]:
        """The overrides in force (with ``include_undone`` every one), in the order they were made."""
        query = select(s.overrides).order_by(s.overrides.c.id)
        if not include_undone:
            query = query.where(s.overrides.c.undone_at.is_(None))
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(query).mappings()]

    def override_history(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Every override, undone ones included, newest first."""
        query = select(s.overrides).order_by(s.overrides.c.id.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(query).mappings()]

    def get_override(self, override_id: int) -> dict[str, Any]:
        """One override by id. Raises NotFound."""
        with self.engine.connect() as conn:
            row = conn.execute(select(s.overrides).where(s.overrides.c.id == override_id)).mappings().first()
        if row is None:
            raise NotFound(f"no correction {override_id}")
        return _row(row)

    def undo_override(self, override_id: int, reviewer: str) -> dict[str, Any]:
        """Stop applying an override (it stays in the history). Raises NotFound, or InputError when
        it was already undone."""
        current = self.get_override(override_id)
        if current["undone_at"] is not None:
            raise InputError(f"correction {override_id}", f"already undone by {current['undone_by']}")
        with self.engine.begin() as conn:
            conn.execute(update(s.overrides).where(s.overrides.c.id == override_id).values(undone_at=_now(), undone_by=reviewer))
        return self.get_override(override_id)

    def set_override_affected(self, override_id: int, affected: int) -> None:
        """Record how many mentions a correction changed when it was applied."""
        with self.engine.begin() as conn:
            conn.execute(update(s.overrides).where(s.overrides.c.id == override_id).values(affected=affected))

    def get_mentions(self, mention_ids: Iterable[str]) -> list[Mention]:
        """The stored mentions with these ids, in (document, start) order; unknown ids are left out."""
        ids = sorted(set(mention_ids))
        out: list[Mention] = []
        with self.engine.connect() as conn:
            for i in range(0, len(ids), _CHUNK):
                rows = conn.execute(select(s.mentions).where(s.mentions.c.id.in_(ids[i : i + _CHUNK]))).mappings()
                out += [Mention(**dict(r)) for r in rows]
        return sorted(out, key=lambda m: (m.doc_id, m.start, m.id))

    def add_mentions(self, mentions: Iterable[Mention]) -> int:
        """Store mentions a reviewer added (their documents must be stored); ids already present are
        left alone, so re-applying after a re-extraction is safe. Returns how many were new."""
        wanted = {m.id: m for m in mentions}
        if not wanted:
            return 0
        with self.engine.begin() as conn:
            have = set(conn.execute(select(s.mentions.c.id).where(s.mentions.c.id.in_(list(wanted)))).scalars())
            docs = {m.doc_id for m in wanted.values()}
            stored = set(conn.execute(select(s.documents.c.id).where(s.documents.c.id.in_(list(docs)))).scalars())
            rows = [to_dict(m) for mid, m in wanted.items() if mid not in have and m.doc_id in stored]
            if rows:
                conn.execute(insert(s.mentions), rows)
        return len(rows)
