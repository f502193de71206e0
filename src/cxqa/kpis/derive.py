"""Keeping conversation_measures current: derive what is missing or stale, in batches.

Re-running is always safe: a batch replaces its rows in one transaction, and a conversation is
derived again only when its fingerprint (so its facts) changed. A run killed half way resumes
where it stopped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, or_, select
from sqlalchemy.orm import Session

from cxqa.conversations.models import (
    CallLeg,
    Conversation,
    ConversationEvent,
    HoldSegment,
    Message,
    SurveyResponse,
)
from cxqa.kpis.measures import (
    ConversationFacts,
    LegFact,
    MeasureRules,
    Measures,
    MessageFact,
    measure,
    resolution_time,
)
from cxqa.kpis.models import ConversationMeasure
from cxqa.org.business_time import BusinessCalendar, business_seconds
from cxqa.org.hours import business_hours_or_default
from cxqa.org.service import team_calendars_by_id
from cxqa.store.base import core_table
from cxqa.store.bulk import insert_rows

MEASURES = core_table(ConversationMeasure)


@dataclass(frozen=True)
class Derivation:
    derived: int
    batches: int


def derive_measures(
    engine: Engine,
    *,
    workspace_timezone: str,
    rules: MeasureRules | None = None,
    batch_size: int = 1000,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Derivation:
    """Derive the measures of every conversation that has none or whose facts changed."""
    rules = rules or MeasureRules()
    with Session(engine) as session:
        calendars = team_calendars_by_id(session)
    fallback = BusinessCalendar(workspace_timezone, business_hours_or_default(None))
    derived = batches = 0
    after = 0
    while True:
        with engine.begin() as connection:
            stale = _stale_conversations(connection, after, batch_size)
            if not stale:
                return Derivation(derived, batches)
            rows = [
                _measure_row(
                    conversation_id,
                    fingerprint,
                    facts,
                    fallback if team_id is None else calendars.get(team_id, fallback),
                    rules,
                    clock(),
                )
                for conversation_id, fingerprint, team_id, facts in _load_facts(connection, stale)
            ]
            ids = [row["conversation_id"] for row in rows]
            connection.execute(delete(MEASURES).where(MEASURES.c.conversation_id.in_(ids)))
            insert_rows(connection, MEASURES, rows)
        derived += len(rows)
        batches += 1
        after = stale[-1][0]


def _stale_conversations(
    connection: Connection, after: int, limit: int
) -> list[tuple[int, str, int | None, datetime]]:
    """(id, fingerprint, team id, start) of conversations after `after` that need deriving."""
    statement = (
        select(
            Conversation.id, Conversation.fingerprint, Conversation.team_id, Conversation.started_at
        )
        .outerjoin(MEASURES, MEASURES.c.conversation_id == Conversation.id)
        .where(
            Conversation.id > after,
            or_(
                MEASURES.c.conversation_id.is_(None),
                MEASURES.c.fingerprint != Conversation.fingerprint,
            ),
        )
        .order_by(Conversation.id)
        .limit(limit)
    )
    return [(row[0], row[1], row[2], row[3]) for row in connection.execute(statement)]


def _load_facts(
    connection: Connection, stale: list[tuple[int, str, int | None, datetime]]
) -> list[tuple[int, str, int | None, ConversationFacts]]:
    """Every fact the measures need, for a batch of conversations, in six queries."""
    ids = [conversation_id for conversation_id, *_ in stale]
    messages: dict[int, list[MessageFact]] = defaultdict(list)
    for cid, role, sent_at, internal in connection.execute(
        select(Message.conversation_id, Message.author_role, Message.sent_at, Message.is_internal)
        .where(Message.conversation_id.in_(ids))
        .order_by(Message.conversation_id, Message.seq)
    ):
        messages[cid].append(MessageFact(role, sent_at, internal))
    statuses: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    transfers: dict[int, int] = defaultdict(int)
    for cid, kind, occurred_at, status in connection.execute(
        select(
            ConversationEvent.conversation_id,
            ConversationEvent.kind,
            ConversationEvent.occurred_at,
            ConversationEvent.status,
        ).where(ConversationEvent.conversation_id.in_(ids))
    ):
        if kind == "status" and status is not None:
            statuses[cid].append((occurred_at, status))
        elif kind == "transferred":
            transfers[cid] += 1
    surveys: dict[int, list[tuple[datetime, str, int]]] = defaultdict(list)
    for cid, answered_at, kind, score in connection.execute(
        select(
            SurveyResponse.conversation_id,
            SurveyResponse.answered_at,
            SurveyResponse.kind,
            SurveyResponse.score,
        ).where(SurveyResponse.conversation_id.in_(ids))
    ):
        surveys[cid].append((answered_at, kind, score))
    legs = _load_legs(connection, ids)
    return [
        (
            cid,
            fingerprint,
            team_id,
            ConversationFacts(
                started_at=started_at,
                messages=messages[cid],
                statuses=sorted(statuses[cid]),
                legs=legs[cid],
                transfer_events=transfers[cid],
                surveys=surveys[cid],
            ),
        )
        for cid, fingerprint, team_id, started_at in stale
    ]


def _load_legs(connection: Connection, ids: list[int]) -> dict[int, list[LegFact]]:
    holds: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for leg_id, started_at, ended_at in connection.execute(
        select(HoldSegment.call_leg_id, HoldSegment.started_at, HoldSegment.ended_at)
        .join(CallLeg, CallLeg.id == HoldSegment.call_leg_id)
        .where(CallLeg.conversation_id.in_(ids))
    ):
        holds[leg_id].append((started_at, ended_at))
    legs: dict[int, list[LegFact]] = defaultdict(list)
    for leg_id, cid, queued, answered, ended, wrapped, outcome in connection.execute(
        select(
            CallLeg.id,
            CallLeg.conversation_id,
            CallLeg.queued_at,
            CallLeg.answered_at,
            CallLeg.ended_at,
            CallLeg.wrap_up_ended_at,
            CallLeg.outcome,
        ).where(CallLeg.conversation_id.in_(ids))
    ):
        legs[cid].append(LegFact(queued, answered, ended, wrapped, tuple(holds[leg_id]), outcome))
    return legs


def _measure_row(
    conversation_id: int,
    fingerprint: str,
    facts: ConversationFacts,
    calendar: BusinessCalendar,
    rules: MeasureRules,
    now: datetime,
) -> dict[str, Any]:
    measures = measure(facts, rules)
    waits = measures.response_waits
    resolved_at = resolution_time(facts.statuses)
    return {
        "conversation_id": conversation_id,
        "fingerprint": fingerprint,
        "derived_at": now,
        "first_response_seconds": measures.first_response_seconds,
        "first_response_business_seconds": _business(measures.first_response_window, calendar),
        "response_wait_count": len(waits),
        "response_wait_total_seconds": sum(waits),
        "response_wait_max_seconds": max(waits) if waits else None,
        "resolved": measures.resolved,
        "reopened": measures.reopened,
        "resolution_seconds": measures.resolution_seconds,
        "resolution_business_seconds": _business(
            (facts.started_at, resolved_at) if resolved_at else None, calendar
        ),
        **_counts_and_calls(measures),
    }


def _counts_and_calls(measures: Measures) -> dict[str, Any]:
    return {
        "replies_to_resolve": measures.replies_to_resolve,
        "agent_replies": measures.agent_replies,
        "talk_seconds": measures.talk_seconds,
        "hold_seconds": measures.hold_seconds,
        "wrap_up_seconds": measures.wrap_up_seconds,
        "handle_seconds": measures.handle_seconds,
        "answered": measures.answered,
        "answer_wait_seconds": measures.answer_wait_seconds,
        "abandon_wait_seconds": measures.abandon_wait_seconds,
        "transfers": measures.transfers,
        "csat": measures.scores.get("csat"),
        "ces": measures.scores.get("ces"),
        "nps": measures.scores.get("nps"),
    }


def _business(window: tuple[datetime, datetime] | None, calendar: BusinessCalendar) -> float | None:
    return None if window is None else business_seconds(*window, calendar)
