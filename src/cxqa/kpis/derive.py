"""Keeping conversation_measures current: derive what is missing or stale, in batches.

Re-running is always safe: a batch replaces its rows in one transaction, and a conversation is
derived again only when its fingerprint (so its facts) changed, or the basis it was measured on
changed: the measuring rules, the SLA policies or a team's calendar. A run killed half way
resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, or_, select
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
    cycle_starts,
    first_response_start,
    measure,
    resolution_time,
)
from cxqa.kpis.models import ConversationMeasure, SlaPolicy
from cxqa.kpis.sla import SlaOutcome, SlaPolicyRule, SlaTargets, sla_outcome, targets_for
from cxqa.org.business_time import BusinessCalendar, business_seconds
from cxqa.org.hours import business_hours_or_default
from cxqa.org.service import team_calendars_by_id
from cxqa.store.base import core_table
from cxqa.store.bulk import insert_rows

MEASURES = core_table(ConversationMeasure)
# raise when the way measures are derived changes, so that stored ones are derived again
MEASURES_VERSION = 2


@dataclass(frozen=True)
class Derivation:
    derived: int
    batches: int


@dataclass(frozen=True)
class _Basis:
    """Everything besides a conversation's own facts that its measures depend on."""

    rules: MeasureRules
    policies: tuple[SlaPolicyRule, ...]
    calendars: Mapping[int, BusinessCalendar]
    fallback: BusinessCalendar

    def calendar(self, team_id: int | None) -> BusinessCalendar:
        return self.fallback if team_id is None else self.calendars.get(team_id, self.fallback)

    @property
    def digest(self) -> str:
        def calendar_text(calendar: BusinessCalendar) -> list[Any]:
            return [calendar.timezone, calendar.hours, sorted(map(str, calendar.holidays))]

        text = json.dumps(
            [
                MEASURES_VERSION,
                asdict(self.rules),
                [asdict(policy) for policy in self.policies],
                sorted([key, calendar_text(c)] for key, c in self.calendars.items()),
                calendar_text(self.fallback),
            ],
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_basis(
    engine: Engine, *, workspace_timezone: str, rules: MeasureRules | None = None
) -> _Basis:
    """What measures are derived on besides the facts; its `digest` changes when it does."""
    with Session(engine) as session:
        return _Basis(
            rules=rules or MeasureRules(),
            policies=sla_policy_rules(session),
            calendars=team_calendars_by_id(session),
            fallback=BusinessCalendar(workspace_timezone, business_hours_or_default(None)),
        )


def sla_policy_rules(session: Session) -> tuple[SlaPolicyRule, ...]:
    return tuple(
        SlaPolicyRule(
            id=policy.id,
            name=policy.name,
            channel=policy.channel,
            priority=policy.priority,
            first_response_seconds=policy.first_response_seconds,
            resolution_seconds=policy.resolution_seconds,
        )
        for policy in session.scalars(select(SlaPolicy).order_by(SlaPolicy.id))
    )


def derive_measures(
    engine: Engine,
    *,
    workspace_timezone: str,
    rules: MeasureRules | None = None,
    batch_size: int = 1000,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Derivation:
    """Derive the measures of every conversation that has none or whose facts or basis
    changed."""
    basis = load_basis(engine, workspace_timezone=workspace_timezone, rules=rules)
    digest = basis.digest
    derived = batches = 0
    after = 0
    while True:
        with engine.begin() as connection:
            stale = _stale_conversations(connection, after, batch_size, digest)
            if not stale:
                return Derivation(derived, batches)
            now = clock()
            rows = [
                {
                    **_measure_row(
                        facts,
                        basis.calendar(conversation.team_id),
                        basis.rules,
                        targets_for(basis.policies, conversation.channel, conversation.priority),
                    ),
                    "conversation_id": conversation.id,
                    "fingerprint": conversation.fingerprint,
                    "basis": digest,
                    "derived_at": now,
                }
                for conversation, facts in _load_facts(connection, stale)
            ]
            ids = [row["conversation_id"] for row in rows]
            connection.execute(delete(MEASURES).where(MEASURES.c.conversation_id.in_(ids)))
            insert_rows(connection, MEASURES, rows)
        derived += len(rows)
        batches += 1
        after = stale[-1].id


@dataclass(frozen=True)
class _StaleConversation:
    id: int
    fingerprint: str
    team_id: int | None
    channel: str
    priority: str
    started_at: datetime


def _stale_conversations(
    connection: Connection, after: int, limit: int, digest: str
) -> list[_StaleConversation]:
    """Conversations after `after` whose measures are missing or stale."""
    statement = (
        select(
            Conversation.id,
            Conversation.fingerprint,
            Conversation.team_id,
            Conversation.channel,
            Conversation.priority,
            Conversation.started_at,
        )
        .outerjoin(
            MEASURES,
            # bounded like the conversations: PostgreSQL otherwise merges from the first
            # measure row for every batch, slower as the table grows
            and_(
                MEASURES.c.conversation_id == Conversation.id,
                MEASURES.c.conversation_id > after,
            ),
        )
        .where(
            Conversation.id > after,
            or_(
                MEASURES.c.conversation_id.is_(None),
                MEASURES.c.fingerprint != Conversation.fingerprint,
                MEASURES.c.basis != digest,
            ),
        )
        .order_by(Conversation.id)
        .limit(limit)
    )
    return [_StaleConversation(*row) for row in connection.execute(statement)]


def _load_facts(
    connection: Connection, stale: Sequence[_StaleConversation]
) -> list[tuple[_StaleConversation, ConversationFacts]]:
    """Every fact the measures need, for a batch of conversations, in six queries."""
    ids = [conversation.id for conversation in stale]
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
        )
        .where(ConversationEvent.conversation_id.in_(ids))
        .order_by(ConversationEvent.conversation_id, ConversationEvent.seq)
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
        )
        .where(SurveyResponse.conversation_id.in_(ids))
        .order_by(SurveyResponse.conversation_id, SurveyResponse.seq)
    ):
        surveys[cid].append((answered_at, kind, score))
    legs = _load_legs(connection, ids)
    return [
        (
            conversation,
            ConversationFacts(
                started_at=conversation.started_at,
                messages=messages[conversation.id],
                # by time; changes at the same instant keep the order they were recorded in
                statuses=sorted(statuses[conversation.id], key=lambda status: status[0]),
                legs=legs[conversation.id],
                transfer_events=transfers[conversation.id],
                surveys=surveys[conversation.id],
            ),
        )
        for conversation in stale
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
    facts: ConversationFacts,
    calendar: BusinessCalendar,
    rules: MeasureRules,
    targets: SlaTargets,
) -> dict[str, Any]:
    measures = measure(facts, rules)
    waits = measures.response_waits
    resolved_at = resolution_time(facts.statuses)
    clock_start = _first_response_clock(facts, measures)
    first_response = sla_outcome(
        clock_start,
        measures.first_response_window[1] if measures.first_response_window else None,
        None if targets.first_response is None else targets.first_response[1],
        calendar,
    )
    if clock_start is not None and measures.first_response_window is None and resolved_at:
        # settled without a person replying (the bot or the customer ended it): no promise broken
        first_response = SlaOutcome(None, None)
    resolution = sla_outcome(
        facts.started_at,
        resolved_at,
        None if targets.resolution is None else targets.resolution[1],
        calendar,
    )
    if measures.answered is False:
        # nobody ever spoke with the caller: there was no conversation to resolve in time
        resolution = SlaOutcome(None, None)
    policy = (targets.first_response or targets.resolution or (None, None))[0]
    return {
        "first_response_started_at": clock_start,
        "first_response_seconds": measures.first_response_seconds,
        "first_response_business_seconds": _business(measures.first_response_window, calendar),
        "response_wait_count": len(waits),
        "response_wait_total_seconds": sum(waits),
        "response_wait_max_seconds": max(waits) if waits else None,
        "response_waits": " ".join(repr(wait) for wait in waits),
        "resolved": measures.resolved,
        "reopened": measures.reopened,
        "resolution_seconds": measures.resolution_seconds,
        "resolution_business_seconds": _business(
            (facts.started_at, resolved_at) if resolved_at else None, calendar
        ),
        "sla_policy_id": None if policy is None else policy.id,
        "sla_first_response_due_at": first_response.due_at,
        "sla_first_response_met": first_response.met,
        "sla_resolution_due_at": resolution.due_at,
        "sla_resolution_met": resolution.met,
        **_counts_and_calls(measures),
    }


def _first_response_clock(facts: ConversationFacts, measures: Measures) -> datetime | None:
    """When the first-response clock started, whether or not anyone has replied yet. A call
    has none: its wait is the queue, measured by speed of answer."""
    if facts.legs:
        return None
    if measures.first_response_window is not None:
        return measures.first_response_window[0]
    messages = sorted(facts.messages, key=lambda m: m.at)
    if not messages:
        return None
    # nobody has answered yet: the customer is waiting since the current cycle began (a bot
    # may have settled an earlier one)
    current_cycle = cycle_starts(facts)[-1][0]
    return first_response_start(messages, messages[-1].at, current_cycle)


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
    # a calendar that is never open has no business time to count: no value, not 0 s
    if window is None or calendar.is_never_open:
        return None
    return business_seconds(*window, calendar)
