"""Alembic environment: runs migrations on the engine handed over by declass.store.migrate."""

from __future__ import annotations

from alembic import context

from declass.store.schema import include_object, metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
