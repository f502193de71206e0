"""Validated records turned into plain rows, ready for the store but for database ids.

Preparing is pure CPU work with no database, so a file import can prepare in one process while
another writes; the result is made of tuples and strings, which cross a process boundary
cheaply (a pydantic record costs more to unpickle than to validate again). References to
teams, agents and the conversation itself are still keys here; the writer swaps in the ids.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from hashlib import blake2b
from typing import Any, NamedTuple

from cxqa.ingest.formats.base import Parsed
from cxqa.ingest.schemas import (
    AgentRecord,
    AgentStatusRecord,
    AssignmentEvent,
    ConversationRecord,
    CustomerRecord,
    StatusEvent,
    TeamRecord,
)

OrderRow = tuple[str, datetime | None, Decimal | None, str | None, str | None]


class PreparedCustomer(NamedTuple):
    key: str
    name: str | None
    acquisition_source: str | None
    attributes: dict[str, Any]
    identities: tuple[tuple[str, str], ...]
    orders: tuple[OrderRow, ...]  # (ref, placed_at, total, currency, status), one per ref
    seen_at: datetime | None


# messages: (seq, external_id, role, agent key, author_name, sent_at, text, internal)
MessageRow = tuple[int, str | None, str, str | None, str | None, datetime, str, bool]


class EventRow(NamedTuple):
    seq: int
    kind: str
    at: datetime
    status: str | None
    from_agent: str | None  # keys, swapped for ids when written
    to_agent: str | None
    from_team: str | None
    to_team: str | None
    reason: str | None


class CallRow(NamedTuple):
    seq: int
    external_id: str | None
    agent: str | None
    team: str | None
    queued_at: datetime
    ringing_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime
    wrap_up_ended_at: datetime | None
    outcome: str
    to_agent: str | None
    to_team: str | None
    holds: tuple[tuple[datetime, datetime], ...]


SurveyRow = tuple[int, str, int, str | None, datetime]


class PreparedConversation(NamedTuple):
    line: int
    source: str
    external_id: str
    fingerprint: str
    team_keys: frozenset[str]  # every team and agent the conversation names, to resolve
    agent_keys: frozenset[str]
    team: str | None
    agent: str | None
    row: dict[str, Any]  # the conversation's own columns, without ids
    customer: PreparedCustomer | None
    messages: tuple[MessageRow, ...]
    events: tuple[EventRow, ...]
    tags: tuple[str, ...]
    surveys: tuple[SurveyRow, ...]
    calls: tuple[CallRow, ...]


class PreparedOther(NamedTuple):
    """A team, agent, agent status or standalone customer record: few, written as they are."""

    line: int
    record: TeamRecord | AgentRecord | AgentStatusRecord
    team_keys: frozenset[str]
    agent_keys: frozenset[str]


class PreparedStandaloneCustomer(NamedTuple):
    line: int
    customer: PreparedCustomer


Prepared = PreparedConversation | PreparedOther | PreparedStandaloneCustomer


def fingerprint_of(json_text: str) -> str:
    return blake2b(json_text.encode(), digest_size=16).hexdigest()


def prepare(item: Parsed) -> Prepared:
    record = item.record
    if isinstance(record, ConversationRecord):
        return prepare_conversation(record, item.line)
    if isinstance(record, CustomerRecord):
        return PreparedStandaloneCustomer(item.line, prepare_customer(record, None))
    if isinstance(record, TeamRecord):
        return PreparedOther(item.line, record, frozenset({record.id}), frozenset())
    if isinstance(record, AgentRecord):
        teams = frozenset({record.team}) if record.team else frozenset()
        return PreparedOther(item.line, record, teams, frozenset({record.id}))
    return PreparedOther(item.line, record, frozenset(), frozenset({record.agent}))


def prepare_customer(record: CustomerRecord, seen_at: datetime | None) -> PreparedCustomer:
    orders = {
        order.ref: (order.ref, order.placed_at, order.total, order.currency, order.status)
        for order in record.orders
    }
    return PreparedCustomer(
        key=record.key,
        name=record.name,
        acquisition_source=record.acquisition_source,
        attributes=record.attributes,
        identities=tuple(dict.fromkeys(record.identities())),
        orders=tuple(orders.values()),
        seen_at=seen_at,
    )


def prepare_conversation(record: ConversationRecord, line: int) -> PreparedConversation:
    started_at, last_activity_at = record.time_span()
    status = record.final_status
    events = _event_rows(record)
    calls = _call_rows(record)
    teams = {record.team} | {e.from_team for e in events} | {e.to_team for e in events}
    teams |= {c.team for c in calls} | {c.to_team for c in calls}
    agents = {record.agent} | {m.agent for m in record.messages}
    agents |= {e.from_agent for e in events} | {e.to_agent for e in events}
    agents |= {c.agent for c in calls} | {c.to_agent for c in calls}
    return PreparedConversation(
        line=line,
        source=record.source,
        external_id=record.id,
        # of the validated record, not of the source text: the same conversation arriving by
        # another path (API, another format, other key order or spacing) is unchanged
        fingerprint=fingerprint_of(record.model_dump_json()),
        team_keys=frozenset(key for key in teams if key),
        agent_keys=frozenset(key for key in agents if key),
        team=record.team,
        agent=record.agent,
        row={
            "source": record.source,
            "external_id": record.id,
            "channel": record.channel.value,
            "direction": record.direction,
            "subject": record.subject,
            "language": record.language,
            "priority": record.priority.value,
            "status": status.value if status else None,
            "started_at": started_at,
            "last_activity_at": last_activity_at,
            "attributes": record.attributes,
        },
        customer=prepare_customer(record.customer, started_at) if record.customer else None,
        messages=_message_rows(record),
        events=events,
        tags=tuple(sorted(set(record.tags))),
        surveys=tuple(
            (seq, s.type.value, s.score, s.comment, s.at)
            for seq, s in enumerate(sorted(record.surveys, key=lambda s: s.at))
        ),
        calls=calls,
    )


def _message_rows(record: ConversationRecord) -> tuple[MessageRow, ...]:
    # stable sort: messages with the same timestamp keep the order the source gave them
    ordered = sorted(record.messages, key=lambda m: m.at)
    return tuple(
        (seq, m.id, m.role.value, m.agent, m.author_name, m.at, m.text, m.internal)
        for seq, m in enumerate(ordered)
    )


def _event_rows(record: ConversationRecord) -> tuple[EventRow, ...]:
    rows = []
    for seq, event in enumerate(sorted(record.events, key=lambda e: e.at)):
        if isinstance(event, StatusEvent):
            row = EventRow(seq, "status", event.at, event.status.value, *(None,) * 5)
        elif isinstance(event, AssignmentEvent):
            row = EventRow(
                seq, "assigned", event.at, None, None, event.agent, None, event.team, None
            )
        else:
            row = EventRow(
                seq,
                "transferred",
                event.at,
                None,
                event.from_agent,
                event.to_agent,
                event.from_team,
                event.to_team,
                event.reason,
            )
        rows.append(row)
    return tuple(rows)


def _call_rows(record: ConversationRecord) -> tuple[CallRow, ...]:
    rows = []
    for seq, leg in enumerate(sorted(record.calls, key=lambda c: c.queued_at)):
        target = leg.transferred_to
        rows.append(
            CallRow(
                seq=seq,
                external_id=leg.id,
                agent=leg.agent,
                team=leg.team,
                queued_at=leg.queued_at,
                ringing_at=leg.ringing_at,
                answered_at=leg.answered_at,
                ended_at=leg.ended_at,
                wrap_up_ended_at=leg.wrap_up_ended_at,
                outcome=leg.resolved_outcome.value,
                to_agent=target.agent if target else None,
                to_team=target.team if target else None,
                holds=tuple((hold.start, hold.end) for hold in leg.holds),
            )
        )
    return tuple(rows)
