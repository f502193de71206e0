"""Fast multi-row INSERT for the import path.

SQLAlchemy's executemany spends about 10 µs per row building parameters; the importer writes
millions of message rows, so these go to the driver's executemany directly. `insert_rows` still
applies each column type's own bind processor (UTCDateTime, JSON, ...); `insert_driver_rows`
takes tuples the caller already converted with `driver_converter`, for the hottest table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Table
from sqlalchemy.engine import Dialect

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows (dicts with the same keys) into table in one driver executemany."""
    if not rows:
        return
    names = list(rows[0])
    insert_driver_rows(connection, table, names, _driver_values(connection, table, names, rows))


def insert_driver_rows(
    connection: Connection, table: Table, names: Sequence[str], values: Sequence[tuple[Any, ...]]
) -> None:
    """INSERT tuples whose values are already in the driver's form, in `names` order."""
    if values:
        connection.exec_driver_sql(_insert_sql(connection.dialect, table, names), list(values))


def driver_converter(connection: Connection, column: Column[Any]) -> Callable[[Any], Any]:
    """The function that turns a Python value of `column` into what the driver expects."""
    process = column.type._cached_bind_processor(connection.dialect)
    if process is None:
        return _unchanged
    return lambda value: None if value is None else process(value)


def _unchanged(value: Any) -> Any:
    return value


def _insert_sql(dialect: Dialect, table: Table, names: Sequence[str]) -> str:
    placeholder = _PLACEHOLDERS.get(dialect.paramstyle)
    if placeholder is None:  # pragma: no cover - the stores are SQLite and psycopg
        raise NotImplementedError(f"bulk insert does not support paramstyle {dialect.paramstyle}")
    quote = dialect.identifier_preparer.quote
    return (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([placeholder] * len(names))})"
    )


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
