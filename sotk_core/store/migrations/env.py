"""Alembic environment: always run programmatically by sotk_core.store.engine.migrate, which
passes an open connection in `config.attributes["connection"]`."""

from __future__ import annotations

from alembic import context

from sotk_core.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable with the alembic command line
    raise RuntimeError("run migrations through sotk_core.store.engine.migrate(url)")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite",
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
