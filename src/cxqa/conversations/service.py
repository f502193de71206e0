"""Reading conversations: filtered pages, one conversation with all its facts, counts."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Select, and_, func, or_, select, union
from sqlalchemy.orm import Session

from cxqa.conversations.models import (
    CallLeg,
    Conversation,
    ConversationEvent,
    ConversationTag,
    HoldSegment,
    Message,
    SurveyResponse,
)
from cxqa.conversations.schemas import (
    CallLegRead,
    ConversationDetail,
    ConversationFilter,
    ConversationPage,
    ConversationSummary,
    CountRow,
    CustomerRead,
    EventRead,
    HoldRead,
    MessageRead,
    OrderRead,
    SurveyRead,
)
from cxqa.customers.models import Customer, CustomerIdentity, CustomerOrder
from cxqa.org.models import Agent, Team
from cxqa.periods import local_days_range

PREVIEW_CHARS = 140
Dimension = Literal["channel", "team", "agent"]


class InvalidCursorError(ValueError):
    """The pagination cursor was not produced by this server."""


def list_conversations(
    session: Session,
    *,
    filters: ConversationFilter,
    timezone: str,
    limit: int = 50,
    cursor: str | None = None,
) -> ConversationPage:
    """Newest first, `limit` per page; the cursor keeps pages stable while imports add rows."""
    statement = _summary_select().order_by(Conversation.started_at.desc(), Conversation.id.desc())
    statement = _apply_filters(statement, filters, timezone)
    if cursor:
        started_at, row_id = _decode_cursor(cursor)
        statement = statement.where(
            or_(
                Conversation.started_at < started_at,
                and_(Conversation.started_at == started_at, Conversation.id < row_id),
            )
        )
    rows = session.execute(statement.limit(limit + 1)).mappings().all()
    items = [_summary(row) for row in rows[:limit]]
    next_cursor = _encode_cursor(items[-1]) if len(rows) > limit and items else None
    return ConversationPage(items=items, next_cursor=next_cursor)


def count_conversations(session: Session, *, filters: ConversationFilter, timezone: str) -> int:
    statement = _apply_filters(
        select(func.count(Conversation.id))
        .select_from(Conversation)
        .outerjoin(Team, Team.id == Conversation.team_id)
        .outerjoin(Agent, Agent.id == Conversation.agent_id),
        filters,
        timezone,
    )
    return int(session.execute(statement).scalar_one())


def _summary_select() -> Select[Any]:
    message_count = (
        select(func.count(Message.id))
        .where(Message.conversation_id == Conversation.id)
        .scalar_subquery()
    )
    preview = (
        select(Message.text)
        .where(Message.conversation_id == Conversation.id, Message.author_role == "customer")
        .order_by(Message.seq)
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(
            Conversation,
            Team.key.label("team"),
            Team.name.label("team_name"),
            Agent.key.label("agent"),
            Agent.name.label("agent_name"),
            Customer.name.label("customer_name"),
            message_count.label("message_count"),
            preview.label("preview"),
        )
        .outerjoin(Team, Team.id == Conversation.team_id)
        .outerjoin(Agent, Agent.id == Conversation.agent_id)
        .outerjoin(Customer, Customer.id == Conversation.customer_id)
    )


def _apply_filters(
    statement: Select[Any], filters: ConversationFilter, timezone: str
) -> Select[Any]:
    if filters.channel:
        statement = statement.where(Conversation.channel == filters.channel.value)
    if filters.status:
        statement = statement.where(Conversation.status == filters.status.value)
    if filters.source:
        statement = statement.where(Conversation.source == filters.source)
    if filters.team:
        statement = statement.where(Team.key == filters.team)
    if filters.agent:
        statement = statement.where(Agent.key == filters.agent)
    start, end = local_days_range(filters.started_from, filters.started_to, timezone)
    if start:
        statement = statement.where(Conversation.started_at >= start)
    if end:
        statement = statement.where(Conversation.started_at < end)
    return statement


def _summary(row: Any) -> ConversationSummary:
    conversation: Conversation = row["Conversation"]
    preview = row["preview"]
    if preview and len(preview) > PREVIEW_CHARS:
        preview = preview[: PREVIEW_CHARS - 1].rstrip() + "…"
    return ConversationSummary(
        id=conversation.id,
        source=conversation.source,
        external_id=conversation.external_id,
        channel=conversation.channel,
        status=conversation.status,
        priority=conversation.priority,
        language=conversation.language,
        subject=conversation.subject,
        started_at=conversation.started_at,
        last_activity_at=conversation.last_activity_at,
        team=row["team"],
        team_name=row["team_name"],
        agent=row["agent"],
        agent_name=row["agent_name"],
        customer_name=row["customer_name"],
        message_count=row["message_count"],
        preview=preview,
    )


def _encode_cursor(item: ConversationSummary) -> str:
    raw = f"{item.started_at.isoformat()}|{item.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        started_at, row_id = raw.split("|")
        moment = datetime.fromisoformat(started_at)
        if moment.tzinfo is None:
            raise ValueError("cursor time without a UTC offset")
        return moment, int(row_id)
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidCursorError(f"invalid cursor {cursor!r}") from error


def get_conversation(session: Session, *, conversation_id: int) -> ConversationDetail | None:
    """One conversation with every fact recorded about it, or None."""
    row = (
        session.execute(_summary_select().where(Conversation.id == conversation_id))
        .mappings()
        .one_or_none()
    )
    if row is None:
        return None
    conversation: Conversation = row["Conversation"]
    keys = _agent_and_team_keys(session, conversation.id)
    return ConversationDetail(
        **_summary(row).model_dump(),
        direction=conversation.direction,
        tags=sorted(
            session.scalars(
                select(ConversationTag.tag).where(
                    ConversationTag.conversation_id == conversation.id
                )
            )
        ),
        attributes=conversation.attributes,
        customer=_customer(session, conversation.customer_id),
        messages=_messages(session, conversation.id, keys),
        calls=_calls(session, conversation.id, keys),
        events=_events(session, conversation.id, keys),
        surveys=[
            SurveyRead(kind=s.kind, score=s.score, comment=s.comment, answered_at=s.answered_at)
            for s in session.scalars(
                select(SurveyResponse)
                .where(SurveyResponse.conversation_id == conversation.id)
                .order_by(SurveyResponse.seq)
            )
        ],
    )


class _Keys:
    def __init__(self, agents: dict[int, str], teams: dict[int, str]) -> None:
        self.agents = agents
        self.teams = teams

    def agent(self, agent_id: int | None) -> str | None:
        return None if agent_id is None else self.agents.get(agent_id)

    def team(self, team_id: int | None) -> str | None:
        return None if team_id is None else self.teams.get(team_id)


def _agent_and_team_keys(session: Session, conversation_id: int) -> _Keys:
    """Keys of the agents and teams this conversation's facts name (not the whole roster)."""

    def ids_in(*columns: Any) -> Any:
        return union(
            *(
                select(column).where(column.table.c.conversation_id == conversation_id)
                for column in columns
            )
        )

    agent_ids = ids_in(
        Message.agent_id,
        CallLeg.agent_id,
        CallLeg.transferred_to_agent_id,
        ConversationEvent.from_agent_id,
        ConversationEvent.to_agent_id,
    )
    team_ids = ids_in(
        CallLeg.team_id,
        CallLeg.transferred_to_team_id,
        ConversationEvent.from_team_id,
        ConversationEvent.to_team_id,
    )
    agents = dict(session.execute(select(Agent.id, Agent.key).where(Agent.id.in_(agent_ids))).all())
    teams = dict(session.execute(select(Team.id, Team.key).where(Team.id.in_(team_ids))).all())
    return _Keys(agents, teams)


def _messages(session: Session, conversation_id: int, keys: _Keys) -> list[MessageRead]:
    messages = session.scalars(
        select(Message).where(Message.conversation_id == conversation_id).order_by(Message.seq)
    )
    return [
        MessageRead(
            seq=m.seq,
            external_id=m.external_id,
            author_role=m.author_role,
            agent=keys.agent(m.agent_id),
            author_name=m.author_name,
            sent_at=m.sent_at,
            text=m.text,
            is_internal=m.is_internal,
        )
        for m in messages
    ]


def _calls(session: Session, conversation_id: int, keys: _Keys) -> list[CallLegRead]:
    legs = session.scalars(
        select(CallLeg).where(CallLeg.conversation_id == conversation_id).order_by(CallLeg.seq)
    ).all()
    holds: dict[int, list[HoldRead]] = {}
    for hold in session.scalars(
        select(HoldSegment)
        .where(HoldSegment.call_leg_id.in_([leg.id for leg in legs]))
        .order_by(HoldSegment.started_at)
    ):
        holds.setdefault(hold.call_leg_id, []).append(
            HoldRead(started_at=hold.started_at, ended_at=hold.ended_at)
        )
    return [
        CallLegRead(
            seq=leg.seq,
            agent=keys.agent(leg.agent_id),
            team=keys.team(leg.team_id),
            queued_at=leg.queued_at,
            ringing_at=leg.ringing_at,
            answered_at=leg.answered_at,
            ended_at=leg.ended_at,
            wrap_up_ended_at=leg.wrap_up_ended_at,
            outcome=leg.outcome,
            transferred_to_agent=keys.agent(leg.transferred_to_agent_id),
            transferred_to_team=keys.team(leg.transferred_to_team_id),
            holds=holds.get(leg.id, []),
        )
        for leg in legs
    ]


def _events(session: Session, conversation_id: int, keys: _Keys) -> list[EventRead]:
    events = session.scalars(
        select(ConversationEvent)
        .where(ConversationEvent.conversation_id == conversation_id)
        .order_by(ConversationEvent.seq)
    )
    return [
        EventRead(
            kind=e.kind,
            occurred_at=e.occurred_at,
            status=e.status,
            from_agent=keys.agent(e.from_agent_id),
            to_agent=keys.agent(e.to_agent_id),
            from_team=keys.team(e.from_team_id),
            to_team=keys.team(e.to_team_id),
            reason=e.reason,
        )
        for e in events
    ]


def _customer(session: Session, customer_id: int | None) -> CustomerRead | None:
    if customer_id is None:
        return None
    customer = session.get_one(Customer, customer_id)
    identities: dict[str, list[str]] = {}
    for kind, value in session.execute(
        select(CustomerIdentity.kind, CustomerIdentity.value)
        .where(CustomerIdentity.customer_id == customer_id)
        .order_by(CustomerIdentity.kind, CustomerIdentity.value)
    ):
        identities.setdefault(kind, []).append(value)
    orders = session.scalars(
        select(CustomerOrder)
        .where(CustomerOrder.customer_id == customer_id)
        .order_by(CustomerOrder.placed_at, CustomerOrder.ref)
    )
    count = session.execute(
        select(func.count(Conversation.id)).where(Conversation.customer_id == customer_id)
    ).scalar_one()
    return CustomerRead(
        key=customer.key,
        name=customer.name,
        acquisition_source=customer.acquisition_source,
        attributes=customer.attributes,
        identities=identities,
        orders=[
            OrderRead(
                ref=o.ref,
                placed_at=o.placed_at,
                total=o.total,
                currency=o.currency,
                status=o.status,
            )
            for o in orders
        ],
        conversation_count=count,
    )


def count_by(
    session: Session, *, dimension: Dimension, filters: ConversationFilter, timezone: str
) -> list[CountRow]:
    """Conversations and messages per channel, team or agent, largest first."""
    columns: dict[Dimension, tuple[Any, Any]] = {
        "channel": (Conversation.channel, Conversation.channel),
        "team": (Team.key, Team.name),
        "agent": (Agent.key, Agent.name),
    }
    key_column, name_column = columns[dimension]
    # messages joined directly, so the period filter limits them through their conversation
    # (a grouped subquery would count the whole messages table first)
    statement = (
        select(
            key_column.label("key"),
            name_column.label("name"),
            func.count(func.distinct(Conversation.id)).label("conversations"),
            func.count(Message.id).label("messages"),
        )
        .select_from(Conversation)
        .outerjoin(Message, Message.conversation_id == Conversation.id)
        .outerjoin(Team, Team.id == Conversation.team_id)
        .outerjoin(Agent, Agent.id == Conversation.agent_id)
        .group_by(key_column, name_column)
        .order_by(func.count(func.distinct(Conversation.id)).desc(), key_column)
    )
    statement = _apply_filters(statement, filters, timezone)
    return [CountRow.model_validate(dict(row)) for row in session.execute(statement).mappings()]
