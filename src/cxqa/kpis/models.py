"""Per-conversation measures, SLA policies and KPI goals.

Measures are a roll-up, not facts: every row can be rebuilt from the conversation's facts at any
time, and is rebuilt whenever the conversation's fingerprint or the rules it was measured by
(`basis`) change. Nothing else writes these columns. SLA policies and goals are user settings.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Float, ForeignKey, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cxqa.store.base import Base


class ConversationMeasure(Base):
    __tablename__ = "conversation_measures"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    # the conversation's fingerprint these measures were derived from; another means stale
    fingerprint: Mapped[str] = mapped_column(String(32))
    # digest of the rules, SLA policies and calendars used; another means stale
    basis: Mapped[str] = mapped_column(String(16), default="")
    derived_at: Mapped[datetime] = mapped_column(index=True)
    first_response_started_at: Mapped[datetime | None]
    first_response_seconds: Mapped[float | None] = mapped_column(Float)
    first_response_business_seconds: Mapped[float | None] = mapped_column(Float)
    response_wait_count: Mapped[int] = mapped_column(SmallInteger)
    response_wait_total_seconds: Mapped[float] = mapped_column(Float)
    response_wait_max_seconds: Mapped[float | None] = mapped_column(Float)
    # every wait, space-separated seconds: medians need the waits, not only their sum
    response_waits: Mapped[str] = mapped_column(Text, default="")
    resolved: Mapped[bool] = mapped_column(Boolean)
    reopened: Mapped[bool] = mapped_column(Boolean)
    resolution_seconds: Mapped[float | None] = mapped_column(Float)
    resolution_business_seconds: Mapped[float | None] = mapped_column(Float)
    replies_to_resolve: Mapped[int | None]
    agent_replies: Mapped[int]
    talk_seconds: Mapped[float | None] = mapped_column(Float)
    hold_seconds: Mapped[float | None] = mapped_column(Float)
    wrap_up_seconds: Mapped[float | None] = mapped_column(Float)
    handle_seconds: Mapped[float | None] = mapped_column(Float)
    answered: Mapped[bool | None] = mapped_column(Boolean)
    answer_wait_seconds: Mapped[float | None] = mapped_column(Float)
    abandon_wait_seconds: Mapped[float | None] = mapped_column(Float)
    transfers: Mapped[int]
    csat: Mapped[int | None] = mapped_column(SmallInteger)
    ces: Mapped[int | None] = mapped_column(SmallInteger)
    nps: Mapped[int | None] = mapped_column(SmallInteger)
    sla_policy_id: Mapped[int | None]
    sla_first_response_due_at: Mapped[datetime | None]
    sla_first_response_met: Mapped[bool | None] = mapped_column(Boolean)
    sla_resolution_due_at: Mapped[datetime | None]
    sla_resolution_met: Mapped[bool | None] = mapped_column(Boolean)


class SlaPolicy(Base):
    """Business-time targets for conversations of a channel and/or priority."""

    __tablename__ = "sla_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str | None] = mapped_column(String(16))
    priority: Mapped[str | None] = mapped_column(String(8))
    first_response_seconds: Mapped[float | None] = mapped_column(Float)
    resolution_seconds: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime]


class KpiGoal(Base):
    """A target on one KPI figure for a scope, reached by a deadline."""

    __tablename__ = "kpi_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    figure: Mapped[str] = mapped_column(String(100))
    # scope: the whole workspace (None) or one team, agent or channel, by its key
    scope_kind: Mapped[str | None] = mapped_column(String(16))
    scope_key: Mapped[str | None] = mapped_column(String(200))
    baseline_from: Mapped[date]
    baseline_to: Mapped[date]
    baseline_value: Mapped[float | None] = mapped_column(Float)
    target_value: Mapped[float] = mapped_column(Float)
    # the change the user asked for, when the target was given relative to the baseline
    target_change_pct: Mapped[float | None] = mapped_column(Float)
    starts_on: Mapped[date]
    deadline: Mapped[date]
    created_at: Mapped[datetime]
