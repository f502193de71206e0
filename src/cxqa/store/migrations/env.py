"""Alembic environment: the engine comes from the caller (see cxqa.store.migrate)."""

from alembic import context
from sqlalchemy import Engine

from cxqa.store.registry import metadata

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):  # pragma: no cover - guards direct `alembic` use
    raise RuntimeError("run migrations through `cxqa init`, which supplies the engine")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
