"""The one write path into the store: importer, REST ingest and demo all call `StoreWriter`.

A batch is written in one transaction, so a conversation is either stored with all its facts
or not at all. Conversations are upserted on (source, external id); a record whose fingerprint
matches the stored one is skipped, which makes re-importing a file a no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from hashlib import blake2b
from typing import Any

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.exc import DBAPIError

from cxqa.conversations.models import (
    CallLeg,
    Conversation,
    ConversationEvent,
    ConversationTag,
    HoldSegment,
    Message,
    SurveyResponse,
)
from cxqa.ingest.customer_writer import write_customers
from cxqa.ingest.formats.base import Parsed
from cxqa.ingest.references import References
from cxqa.ingest.schemas import (
    AssignmentEvent,
    ConversationRecord,
    CustomerRecord,
    StatusEvent,
    TransferEvent,
)
from cxqa.store.base import core_table
from cxqa.store.bulk import driver_converter, insert_driver_rows, insert_rows

CONVERSATIONS = core_table(Conversation)
MESSAGES = core_table(Message)
CALL_LEGS = core_table(CallLeg)
HOLDS = core_table(HoldSegment)
EVENTS = core_table(ConversationEvent)
TAGS = core_table(ConversationTag)
SURVEYS = core_table(SurveyResponse)
CHILD_TABLES = (MESSAGES, CALL_LEGS, EVENTS, TAGS, SURVEYS)
MESSAGE_COLUMNS = (
    "conversation_id",
    "seq",
    "external_id",
    "author_role",
    "agent_id",
    "author_name",
    "sent_at",
    "text",
    "is_internal",
)


@dataclass
class WriteOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    messages_written: int = 0
    # (line, message) of records the database refused; they were not written
    failures: list[tuple[int, str]] = field(default_factory=list)

    def add(self, other: WriteOutcome) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.messages_written += other.messages_written
        self.failures += other.failures


def conversation_fingerprint(record: ConversationRecord) -> str:
    return blake2b(record.model_dump_json().encode(), digest_size=16).hexdigest()


class StoreWriter:
    """Writes batches of validated records; keeps small caches of team and agent ids."""

    def __init__(self, engine: Engine, *, default_timezone: str) -> None:
        self._engine = engine
        self._references = References(default_timezone=default_timezone)

    def write(self, items: Sequence[Parsed], *, now: datetime | None = None) -> WriteOutcome:
        """Write the batch atomically; if the database refuses it, retry record by record so
        that one bad record costs only itself."""
        now = now or datetime.now(UTC)
        try:
            return self._write_transaction(items, now)
        except DBAPIError:
            if len(items) == 1:
                raise
        outcome = WriteOutcome()
        for item in items:
            try:
                outcome.add(self._write_transaction([item], now))
            except DBAPIError as error:
                outcome.failures.append((item.line, _database_message(error)))
        return outcome

    def _write_transaction(self, items: Sequence[Parsed], now: datetime) -> WriteOutcome:
        try:
            with self._engine.begin() as connection:
                outcome = self._write(connection, items, now)
        except BaseException:
            self._references.rollback()
            raise
        self._references.commit()
        return outcome

    def _write(
        self, connection: Connection, items: Sequence[Parsed], now: datetime
    ) -> WriteOutcome:
        records = [item.record for item in items]
        self._references.write(connection, records)
        conversations = [
            (item.record, item.fingerprint)
            for item in items
            if isinstance(item.record, ConversationRecord)
        ]
        standalone = [(r, None) for r in records if isinstance(r, CustomerRecord)]
        outcome = WriteOutcome()
        plan = _plan(connection, conversations)
        outcome.unchanged = len(conversations) - len(plan.new) - len(plan.changed)
        customer_ids = write_customers(
            connection,
            standalone
            + [(r.customer, r.started_at) for r in plan.new + plan.changed if r.customer],
        )
        context = _RowContext(customer_ids, plan.fingerprints, now)
        ids = self._insert_conversations(connection, plan.new, context)
        self._update_conversations(connection, plan.changed, plan.ids, context)
        changed_ids = [plan.ids[(r.source, r.id)] for r in plan.changed]
        for table in CHILD_TABLES:
            connection.execute(delete(table).where(table.c.conversation_id.in_(changed_ids)))
        written = list(zip(plan.new, ids, strict=True)) + list(
            zip(plan.changed, changed_ids, strict=True)
        )
        outcome.messages_written = self._insert_facts(connection, written)
        outcome.created, outcome.updated = len(plan.new), len(plan.changed)
        return outcome

    def _conversation_row(self, record: ConversationRecord, context: _RowContext) -> dict[str, Any]:
        status = record.final_status
        started_at, last_activity_at = record.time_span()
        return {
            "source": record.source,
            "external_id": record.id,
            "channel": record.channel.value,
            "direction": record.direction,
            "subject": record.subject,
            "language": record.language,
            "priority": record.priority.value,
            "customer_id": context.customer_ids[record.customer.key] if record.customer else None,
            "agent_id": self._references.agents.get(record.agent),
            "team_id": self._references.teams.get(record.team),
            "status": status.value if status else None,
            "started_at": started_at,
            "last_activity_at": last_activity_at,
            "attributes": record.attributes,
            "fingerprint": context.fingerprints[(record.source, record.id)],
            "imported_at": context.now,
        }

    def _insert_conversations(
        self,
        connection: Connection,
        records: list[ConversationRecord],
        context: _RowContext,
    ) -> list[int]:
        if not records:
            return []
        insert_rows(
            connection, CONVERSATIONS, [self._conversation_row(r, context) for r in records]
        )
        # read the new ids back by the unique key: much faster than INSERT ... RETURNING rows
        stored = _stored_conversations(connection, [(r.source, r.id) for r in records])
        return [stored[(r.source, r.id)][0] for r in records]

    def _update_conversations(
        self,
        connection: Connection,
        records: list[ConversationRecord],
        ids: dict[tuple[str, str], int],
        context: _RowContext,
    ) -> None:
        for record in records:
            row = self._conversation_row(record, context)
            connection.execute(
                update(CONVERSATIONS)
                .where(CONVERSATIONS.c.id == ids[(record.source, record.id)])
                .values(**row)
            )

    def _insert_facts(
        self, connection: Connection, written: list[tuple[ConversationRecord, int]]
    ) -> int:
        to_driver_time = driver_converter(connection, MESSAGES.c.sent_at)
        messages: list[tuple[Any, ...]] = []
        events: list[dict[str, Any]] = []
        tags: list[dict[str, Any]] = []
        surveys: list[dict[str, Any]] = []
        for record, conversation_id in written:
            messages += self._message_rows(record, conversation_id, to_driver_time)
            events += self._event_rows(record, conversation_id)
            tags += [{"conversation_id": conversation_id, "tag": t} for t in set(record.tags)]
            surveys += _survey_rows(record, conversation_id)
        insert_driver_rows(connection, MESSAGES, MESSAGE_COLUMNS, messages)
        for table, rows in ((EVENTS, events), (TAGS, tags), (SURVEYS, surveys)):
            insert_rows(connection, table, rows)
        self._insert_calls(connection, written)
        return len(messages)

    def _message_rows(
        self,
        record: ConversationRecord,
        conversation_id: int,
        to_driver_time: Callable[[datetime], Any],
    ) -> list[tuple[Any, ...]]:
        """Rows in MESSAGE_COLUMNS order, ready for the driver (messages are most of the rows)."""
        agents = self._references.agents
        # stable sort: messages with the same timestamp keep the order the source gave them
        ordered = sorted(record.messages, key=lambda m: m.at)
        return [
            (
                conversation_id,
                seq,
                m.id,
                m.role.value,
                agents.get(m.agent),
                m.author_name,
                to_driver_time(m.at),
                m.text,
                m.internal,
            )
            for seq, m in enumerate(ordered)
        ]

    def _event_rows(self, record: ConversationRecord, conversation_id: int) -> list[dict[str, Any]]:
        agents, teams = self._references.agents, self._references.teams
        rows = []
        for seq, event in enumerate(sorted(record.events, key=lambda e: e.at)):
            row: dict[str, Any] = {
                "conversation_id": conversation_id,
                "seq": seq,
                "kind": event.type,
                "occurred_at": event.at,
                "status": None,
                "from_agent_id": None,
                "to_agent_id": None,
                "from_team_id": None,
                "to_team_id": None,
                "reason": None,
            }
            if isinstance(event, StatusEvent):
                row["status"] = event.status.value
            elif isinstance(event, AssignmentEvent):
                row |= {"to_agent_id": agents.get(event.agent), "to_team_id": teams.get(event.team)}
            elif isinstance(event, TransferEvent):
                row |= {
                    "from_agent_id": agents.get(event.from_agent),
                    "to_agent_id": agents.get(event.to_agent),
                    "from_team_id": teams.get(event.from_team),
                    "to_team_id": teams.get(event.to_team),
                    "reason": event.reason,
                }
            rows.append(row)
        return rows

    def _insert_calls(
        self, connection: Connection, written: list[tuple[ConversationRecord, int]]
    ) -> None:
        agents, teams = self._references.agents, self._references.teams
        legs: list[dict[str, Any]] = []
        holds_per_leg = []
        for record, conversation_id in written:
            for seq, leg in enumerate(sorted(record.calls, key=lambda c: c.queued_at)):
                target = leg.transferred_to
                legs.append(
                    {
                        "conversation_id": conversation_id,
                        "seq": seq,
                        "external_id": leg.id,
                        "agent_id": agents.get(leg.agent),
                        "team_id": teams.get(leg.team),
                        "queued_at": leg.queued_at,
                        "ringing_at": leg.ringing_at,
                        "answered_at": leg.answered_at,
                        "ended_at": leg.ended_at,
                        "wrap_up_ended_at": leg.wrap_up_ended_at,
                        "outcome": leg.resolved_outcome.value,
                        "transferred_to_agent_id": agents.get(target.agent) if target else None,
                        "transferred_to_team_id": teams.get(target.team) if target else None,
                    }
                )
                holds_per_leg.append(leg.holds)
        if not legs:
            return
        insert_rows(connection, CALL_LEGS, legs)
        conversation_ids = {leg["conversation_id"] for leg in legs}
        by_position = {
            (conversation_id, seq): leg_id
            for leg_id, conversation_id, seq in connection.execute(
                select(CALL_LEGS.c.id, CALL_LEGS.c.conversation_id, CALL_LEGS.c.seq).where(
                    CALL_LEGS.c.conversation_id.in_(conversation_ids)
                )
            )
        }
        leg_ids = [by_position[(leg["conversation_id"], leg["seq"])] for leg in legs]
        holds = [
            {"call_leg_id": leg_id, "started_at": hold.start, "ended_at": hold.end}
            for leg_id, leg_holds in zip(leg_ids, holds_per_leg, strict=True)
            for hold in leg_holds
        ]
        insert_rows(connection, HOLDS, holds)


def _survey_rows(record: ConversationRecord, conversation_id: int) -> list[dict[str, Any]]:
    ordered = sorted(record.surveys, key=lambda s: s.at)
    return [
        {
            "conversation_id": conversation_id,
            "seq": seq,
            "kind": survey.type.value,
            "score": survey.score,
            "comment": survey.comment,
            "answered_at": survey.at,
        }
        for seq, survey in enumerate(ordered)
    ]


@dataclass(frozen=True)
class _RowContext:
    customer_ids: dict[str, int]
    fingerprints: dict[tuple[str, str], str]
    now: datetime


@dataclass
class _Plan:
    new: list[ConversationRecord]
    changed: list[ConversationRecord]
    ids: dict[tuple[str, str], int]
    fingerprints: dict[tuple[str, str], str]


def _plan(
    connection: Connection, conversations: list[tuple[ConversationRecord, str | None]]
) -> _Plan:
    """Split a batch into new, changed and unchanged conversations by their stored fingerprint."""
    if not conversations:
        return _Plan([], [], {}, {})
    records = [record for record, _ in conversations]
    stored = _stored_conversations(connection, [(r.source, r.id) for r in records])
    fingerprints = {
        (r.source, r.id): given or conversation_fingerprint(r) for r, given in conversations
    }
    plan = _Plan([], [], {key: row_id for key, (row_id, _) in stored.items()}, fingerprints)
    for record in records:
        found = stored.get((record.source, record.id))
        if found is None:
            plan.new.append(record)
        elif found[1] != fingerprints[(record.source, record.id)]:
            plan.changed.append(record)
    return plan


def _stored_conversations(
    connection: Connection, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, str]]:
    """(source, external id) -> (id, fingerprint) of the conversations already stored."""
    by_source: dict[str, list[str]] = {}
    for source, external_id in keys:
        by_source.setdefault(source, []).append(external_id)
    found: dict[tuple[str, str], tuple[int, str]] = {}
    # one query per source: SQLite answers `(a, b) IN (...)` with a full scan, this with the index
    for source, external_ids in by_source.items():
        rows = connection.execute(
            select(
                CONVERSATIONS.c.id, CONVERSATIONS.c.external_id, CONVERSATIONS.c.fingerprint
            ).where(CONVERSATIONS.c.source == source, CONVERSATIONS.c.external_id.in_(external_ids))
        )
        found |= {(source, external_id): (row_id, fp) for row_id, external_id, fp in rows}
    return found


def _database_message(error: DBAPIError) -> str:
    detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    return f"the database refused this record: {detail}"
