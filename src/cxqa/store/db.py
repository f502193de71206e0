"""Engines and transactions. Nothing here runs at import time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from cxqa.settings import Settings


def create_engine(settings: Settings) -> Engine:
    """Engine for the configured store; for SQLite, creates the data directory and enables WAL."""
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = sa_create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _configure_sqlite_connection)
        return engine
    return sa_create_engine(url, pool_pre_ping=True)


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web app and reports read while an import writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable across application crashes in WAL mode; only an OS crash may lose
    # the last commits, never corrupt the file.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@contextmanager
def open_store(settings: Settings) -> Iterator[Engine]:
    """An engine on a store migrated to the newest schema, disposed when the block ends."""
    from cxqa.store.migrate import upgrade_to_head

    engine = create_engine(settings)
    try:
        upgrade_to_head(engine)
        yield engine
    finally:
        engine.dispose()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any exception."""
    with session_factory(engine)() as session, session.begin():
        yield session


# fewer rows than this change the tables too little to mislead the planner
BULK_WRITE_ROWS = 1000


def refresh_planner_statistics(engine: Engine, *, rows_written: int) -> None:
    """After a bulk write, tell PostgreSQL what its tables now hold.

    Its planner works from table statistics; right after a large import they still describe
    the tables before it, and lookups by conversation turn into full scans of ten million
    messages (deriving measures fell from thousands of conversations a second to 180).
    Autovacuum refreshes them eventually, or never where it is off. SQLite plans by indexes.
    """
    if engine.dialect.name != "postgresql" or rows_written < BULK_WRITE_ROWS:
        return
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
