"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from cxqa.store.migrate import current_revision, head_revision, upgrade_to_head
from cxqa.store.registry import metadata


def test_migrated_store_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)

    assert differences == []


def test_store_is_at_head_and_upgrading_again_changes_nothing(engine: Engine) -> None:
    tables_before = sorted(inspect(engine).get_table_names())

    upgrade_to_head(engine)

    assert current_revision(engine) == head_revision(engine)
    assert sorted(inspect(engine).get_table_names()) == tables_before
    assert "conversations" in tables_before
