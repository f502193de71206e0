"""Fast multi-row INSERT for the import path.

SQLAlchemy's executemany spends about 10 µs per row building parameters; the importer writes
millions of message rows, so this goes to the driver's executemany directly while still
applying each column type's own bind processor (UTCDateTime, JSON, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s", "numeric": None, "named": None}


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows (dicts with the same keys) into table in one driver executemany."""
    if not rows:
        return
    names = list(rows[0])
    dialect = connection.dialect
    placeholder = _PLACEHOLDERS.get(dialect.paramstyle)
    if placeholder is None:  # pragma: no cover - only SQLite and psycopg are supported stores
        connection.execute(table.insert(), list(rows))
        return
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([placeholder] * len(names))})"
    )
    connection.exec_driver_sql(sql, _driver_values(connection, table, names, rows))


def _driver_values(
    connection: Connection, table: Table, names: list[str], rows: Sequence[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Rows as tuples in `names` order, each value converted by its column type for the driver."""
    getter = itemgetter(*names)
    values: list[tuple[Any, ...]] = (
        [getter(row) for row in rows] if len(names) > 1 else [(getter(row),) for row in rows]
    )
    processors = [
        (index, process)
        for index, name in enumerate(names)
        if (process := table.c[name].type._cached_bind_processor(connection.dialect)) is not None
    ]
    if not processors:
        return values
    converted = []
    for row in values:
        items = list(row)
        for index, process in processors:
            if items[index] is not None:
                items[index] = process(items[index])
        converted.append(tuple(items))
    return converted
