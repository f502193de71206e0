"""Conversations and their facts. KPIs are derived from these rows, never stored on them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cxqa.store.base import Base


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_conversations_started_at", "started_at"),
        Index("ix_conversations_channel_started_at", "channel", "started_at"),
        Index("ix_conversations_team_started_at", "team_id", "started_at"),
        Index("ix_conversations_agent_started_at", "agent_id", "started_at"),
        Index("ix_conversations_customer", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    external_id: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[str | None] = mapped_column(String(35))
    priority: Mapped[str] = mapped_column(String(8))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    # The three columns below are derived from this conversation's facts when it is written
    # (latest status event; first and last fact time) so lists can filter without a join.
    status: Mapped[str | None] = mapped_column(String(16), index=True)
    started_at: Mapped[datetime]
    last_activity_at: Mapped[datetime]
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON)
    # hash of the imported record: re-importing an unchanged record writes nothing
    fingerprint: Mapped[str] = mapped_column(String(32))
    imported_at: Mapped[datetime]


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq"),
        Index("ix_messages_agent_sent_at", "agent_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    # position in time order within the conversation; stable across re-imports
    seq: Mapped[int]
    external_id: Mapped[str | None] = mapped_column(String(200))
    author_role: Mapped[str] = mapped_column(String(8))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    author_name: Mapped[str | None] = mapped_column(String(300))
    sent_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    is_internal: Mapped[bool] = mapped_column(Boolean)


class CallLeg(Base):
    """One leg of a phone call: queued, offered to an agent, answered or abandoned, wrapped up.

    A transfer ends one leg and starts the next; hold periods are HoldSegment facts.
    """

    __tablename__ = "call_legs"
    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    seq: Mapped[int]
    external_id: Mapped[str | None] = mapped_column(String(200))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    queued_at: Mapped[datetime]
    ringing_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    ended_at: Mapped[datetime]
    wrap_up_ended_at: Mapped[datetime | None]
    outcome: Mapped[str] = mapped_column(String(16))
    transferred_to_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    transferred_to_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))


class HoldSegment(Base):
    __tablename__ = "hold_segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_leg_id: Mapped[int] = mapped_column(
        ForeignKey("call_legs.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]


class ConversationEvent(Base):
    """A status change, an assignment or a transfer, at the moment it happened."""

    __tablename__ = "conversation_events"
    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime]
    status: Mapped[str | None] = mapped_column(String(16))
    from_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    to_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    from_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    to_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    reason: Mapped[str | None] = mapped_column(String(500))


class ConversationTag(Base):
    __tablename__ = "conversation_tags"
    __table_args__ = (
        UniqueConstraint("conversation_id", "tag"),
        Index("ix_conversation_tags_tag", "tag"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(100))


class SurveyResponse(Base):
    """A customer's answer to a CSAT (1-5), CES (1-7) or NPS (0-10) question."""

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(8))
    score: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime]
