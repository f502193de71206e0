"""Teams and agents."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cxqa.store.base import Base


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    # {"mon": [["08:00", "17:30"]], ...}; a day that is absent is closed all day.
    business_hours: Mapped[dict[str, Any]] = mapped_column(JSON)


class TeamHoliday(Base):
    __tablename__ = "team_holidays"
    __table_args__ = (UniqueConstraint("team_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    day: Mapped[date]
    name: Mapped[str | None] = mapped_column(String(200))


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    hired_on: Mapped[date | None]
    left_on: Mapped[date | None]
    # employment state (active / left); presence is recorded as AgentStatusEvent facts.
    employment: Mapped[str] = mapped_column(String(16), default="active")


class AgentStatusEvent(Base):
    """An agent went online, away or offline at a moment: the facts occupancy is derived from."""

    __tablename__ = "agent_status_events"
    __table_args__ = (
        UniqueConstraint("agent_id", "occurred_at", "status"),
        Index("ix_agent_status_events_agent_time", "agent_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(200))
