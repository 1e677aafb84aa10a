"""The store: one interface (:class:`Store`), one SQL implementation for SQLite and PostgreSQL.

``open_store(url)`` picks the backend from the URL and migrates the schema to head.
"""

from __future__ import annotations

from declass.store.base import Store

__all__ = ["Store", "open_store", "normalise_url"]


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` and file paths; return a SQLAlchemy URL."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store at ``url``. Raises StoreError."""
    from declass.store.sql import SqlStore

    store = SqlStore(normalise_url(url))
    if migrate:
        store.migrate()
    return store
