"""Test stores: every test that asks for `engine` runs on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from cxqa.ingest.writer import StoreWriter
from cxqa.settings import Settings
from cxqa.store import db
from cxqa.store.migrate import upgrade_to_head
from cxqa.store.registry import metadata

POSTGRES_ADMIN_URL = os.environ.get(
    "CXQA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# CI sets this so that an unreachable PostgreSQL fails the run instead of skipping its tests.
REQUIRE_POSTGRES = os.environ.get("CXQA_TEST_REQUIRE_POSTGRES") == "1"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"cxqa_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        if REQUIRE_POSTGRES:
            raise
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error}")
    url = make_url(POSTGRES_ADMIN_URL).set(database=name)
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def store_settings(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    data_dir = tmp_path_factory.mktemp(f"store-{request.param}")
    if request.param == "sqlite":
        return Settings(data_dir=data_dir)
    url = request.getfixturevalue("postgres_url")
    return Settings(data_dir=data_dir, database_url=url)


@pytest.fixture(scope="session")
def migrated_engine(store_settings: Settings) -> Iterator[Engine]:
    engine = db.create_engine(store_settings)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(migrated_engine: Engine) -> Engine:
    """The session's store, emptied before each test (importers commit, so no rollback)."""
    empty_store(migrated_engine)
    return migrated_engine


@pytest.fixture
def settings(store_settings: Settings) -> Settings:
    return store_settings


@pytest.fixture
def writer(engine: Engine, settings: Settings) -> StoreWriter:
    return StoreWriter(engine, default_timezone=settings.timezone)


def empty_store(engine: Engine) -> None:
    tables = list(reversed(metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


pytest_plugins = ["api_client"]
