"""Reading a whole store back, to compare two states of it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from cxqa.store.registry import metadata

# The log of import runs grows with every run by design; everything else must not change.
RUN_LOG_TABLES = frozenset({"import_runs", "import_errors"})


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    state: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name in RUN_LOG_TABLES:
                continue
            rows = connection.execute(select(table).order_by(*table.primary_key.columns))
            state[table.name] = [tuple(row) for row in rows]
    return state


def count(engine: Engine, table_name: str) -> int:
    return len(snapshot(engine)[table_name])
