"""Shapes of conversations as the API and the web pages read them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cxqa.conversations.vocabulary import Channel, ConversationStatus


class ConversationFilter(BaseModel):
    """Which conversations to list; dates are local days in the workspace time zone."""

    model_config = ConfigDict(extra="forbid")

    channel: Channel | None = None
    team: str | None = Field(default=None, description="Team key.")
    agent: str | None = Field(default=None, description="Agent key.")
    status: ConversationStatus | None = None
    source: str | None = None
    started_from: date | None = Field(default=None, description="First local day, inclusive.")
    started_to: date | None = Field(default=None, description="Last local day, inclusive.")


class ConversationSummary(BaseModel):
    id: int
    source: str
    external_id: str
    channel: str
    status: str | None
    priority: str
    language: str | None
    subject: str | None
    started_at: datetime
    last_activity_at: datetime
    team: str | None
    team_name: str | None
    agent: str | None
    agent_name: str | None
    customer_name: str | None
    message_count: int
    preview: str | None = Field(description="The first customer message, shortened.")


class ConversationPage(BaseModel):
    items: list[ConversationSummary]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")


class MessageRead(BaseModel):
    seq: int
    external_id: str | None
    author_role: str
    agent: str | None
    author_name: str | None
    sent_at: datetime
    text: str
    is_internal: bool


class HoldRead(BaseModel):
    started_at: datetime
    ended_at: datetime


class CallLegRead(BaseModel):
    seq: int
    agent: str | None
    team: str | None
    queued_at: datetime
    ringing_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime
    wrap_up_ended_at: datetime | None
    outcome: str
    transferred_to_agent: str | None
    transferred_to_team: str | None
    holds: list[HoldRead]


class EventRead(BaseModel):
    kind: str
    occurred_at: datetime
    status: str | None
    from_agent: str | None
    to_agent: str | None
    from_team: str | None
    to_team: str | None
    reason: str | None


class SurveyRead(BaseModel):
    kind: str
    score: int
    comment: str | None
    answered_at: datetime


class OrderRead(BaseModel):
    ref: str
    placed_at: datetime | None
    total: Decimal | None
    currency: str | None
    status: str | None


class CustomerRead(BaseModel):
    key: str
    name: str | None
    acquisition_source: str | None
    attributes: dict[str, Any]
    identities: dict[str, list[str]]
    orders: list[OrderRead]
    conversation_count: int


class ConversationDetail(ConversationSummary):
    direction: str
    tags: list[str]
    attributes: dict[str, Any]
    customer: CustomerRead | None
    messages: list[MessageRead]
    calls: list[CallLegRead]
    events: list[EventRead]
    surveys: list[SurveyRead]


class CountRow(BaseModel):
    key: str | None
    name: str | None
    conversations: int
    messages: int
