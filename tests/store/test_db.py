"""Engines, settings and time handling of the store."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import StatementError

from cxqa.org.models import Agent, AgentStatusEvent, Team
from cxqa.settings import Settings
from cxqa.store.db import create_engine, transaction
from cxqa.store.migrate import upgrade_to_head


def test_importing_cxqa_touches_no_file_and_no_database(tmp_path: Path) -> None:
    code = (
        "import cxqa.cli, cxqa.app, cxqa.store.registry, os, sys; "
        "sys.exit(1 if os.path.exists(os.environ['CXQA_DATA_DIR']) else 0)"
    )
    env = {"CXQA_DATA_DIR": str(tmp_path / "never"), "PATH": ""}

    result = subprocess.run([sys.executable, "-c", code], env=env, check=False)

    assert result.returncode == 0


def test_embedded_store_is_a_sqlite_file_in_wal_mode(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    engine = create_engine(settings)
    upgrade_to_head(engine)

    with engine.connect() as connection:
        mode = connection.execute(text("PRAGMA journal_mode")).scalar_one()
        foreign_keys = connection.execute(text("PRAGMA foreign_keys")).scalar_one()
    engine.dispose()

    assert (tmp_path / "data" / "cxqa.sqlite3").is_file()
    assert (mode, foreign_keys) == ("wal", 1)


def test_settings_reject_an_unknown_time_zone() -> None:
    with pytest.raises(ValidationError, match="unknown time zone 'Asia/Saigon_'"):
        Settings(timezone="Asia/Saigon_")


def test_times_come_back_as_the_same_utc_instant(engine: Engine) -> None:
    hanoi = timezone(timedelta(hours=7))
    moment = datetime(2026, 11, 2, 9, 30, 15, 123456, tzinfo=hanoi)
    with transaction(engine) as session:
        team = Team(key="t", name="T", timezone="Asia/Ho_Chi_Minh", business_hours={})
        session.add(team)
        session.flush()
        agent = Agent(key="a", name="A", team_id=team.id, employment="active")
        session.add(agent)
        session.flush()
        session.add(AgentStatusEvent(agent_id=agent.id, occurred_at=moment, status="online"))

    with transaction(engine) as session:
        stored = session.scalars(select(AgentStatusEvent.occurred_at)).one()

    assert stored == moment
    assert stored.tzinfo == UTC
    assert stored.hour == 2


def test_naive_datetimes_never_reach_the_store(engine: Engine) -> None:
    naive = Team(key="n", name="N", timezone="Asia/Ho_Chi_Minh", business_hours={})
    event = AgentStatusEvent(agent_id=1, occurred_at=datetime(2026, 1, 1), status="online")

    with transaction(engine) as session:
        session.add(naive)
        session.add(event)
        with pytest.raises(StatementError, match="naive datetime"):
            session.flush()
        session.rollback()
