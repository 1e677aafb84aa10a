"""Migrations produce exactly the schema the code describes, and run both ways."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from declass.store import open_store
from declass.store.migrate import current_revision, downgrade, head_revision, upgrade
from declass.store.schema import include_object, metadata


def test_migrations_reach_the_schema_in_code(store_url: str) -> None:
    store = open_store(store_url)
    engine = store.engine  # type: ignore[attr-defined]
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"include_object": include_object}), metadata)
    assert diffs == []
    store.close()


def test_downgrade_to_base_and_upgrade_again(store_url: str) -> None:
    store = open_store(store_url)
    engine = store.engine  # type: ignore[attr-defined]
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert "documents" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert "documents" in inspect(engine).get_table_names()
    store.close()


def test_opening_twice_is_a_no_op(store_url: str) -> None:
    open_store(store_url).close()
    store = open_store(store_url)
    assert current_revision(store.engine) == head_revision()  # type: ignore[attr-defined]
    store.close()
