"""The one write path into the store: importer, REST ingest and demo all call `StoreWriter`.

A batch is written in one transaction, so a conversation is either stored with all its facts
or not at all. Conversations are upserted on (source, external id); a record whose fingerprint
matches the stored one is skipped, which makes re-importing a file a no-op.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
from cxqa.ingest.prepared import (
    CallRow,
    EventRow,
    Prepared,
    PreparedConversation,
    PreparedCustomer,
    PreparedOther,
    PreparedStandaloneCustomer,
    prepare,
)
from cxqa.ingest.references import KeyCache, References
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


class StoreWriter:
    """Writes batches of records; keeps small caches of team and agent ids between batches."""

    def __init__(self, engine: Engine, *, default_timezone: str) -> None:
        self._engine = engine
        self._references = References(default_timezone=default_timezone)

    @property
    def engine(self) -> Engine:
        return self._engine

    def write(self, items: Sequence[Parsed], *, now: datetime | None = None) -> WriteOutcome:
        """Prepare and write validated records (see write_prepared)."""
        return self.write_prepared([prepare(item) for item in items], now=now)

    def write_prepared(
        self, items: Sequence[Prepared], *, now: datetime | None = None
    ) -> WriteOutcome:
        """Write the batch atomically; if the database refuses it, retry record by record so
        that one bad record costs only itself."""
        now = now or datetime.now(UTC)
        if len(items) > 1:
            try:
                return self._write_transaction(items, now)
            except DBAPIError:
                pass  # find the record the database refuses, below
        outcome = WriteOutcome()
        for item in items:
            try:
                outcome.add(self._write_transaction([item], now))
            except DBAPIError as error:
                outcome.failures.append((item.line, _database_message(error)))
        return outcome

    def _write_transaction(self, items: Sequence[Prepared], now: datetime) -> WriteOutcome:
        try:
            with self._engine.begin() as connection:
                outcome = self._write(connection, items, now)
        except BaseException:
            self._references.rollback()
            raise
        self._references.commit()
        return outcome

    def _write(
        self, connection: Connection, items: Sequence[Prepared], now: datetime
    ) -> WriteOutcome:
        conversations = [i for i in items if isinstance(i, PreparedConversation)]
        others = [i for i in items if isinstance(i, PreparedOther)]
        named: list[PreparedConversation | PreparedOther] = [*conversations, *others]
        self._references.write(
            connection,
            teams=set().union(*(item.team_keys for item in named)),
            agents=set().union(*(item.agent_keys for item in named)),
            records=[item.record for item in others],
        )
        plan = _plan(connection, conversations)
        customer_ids = write_customers(connection, _customer_sightings(items, plan))
        rows = _ConversationRows(self._references, customer_ids, now)
        new_ids = self._insert_conversations(connection, plan.new, rows)
        changed_ids = [plan.ids[(c.source, c.external_id)] for c in plan.changed]
        for conversation, conversation_id in zip(plan.changed, changed_ids, strict=True):
            connection.execute(
                update(CONVERSATIONS)
                .where(CONVERSATIONS.c.id == conversation_id)
                .values(**rows.row(conversation))
            )
        for table in CHILD_TABLES:
            connection.execute(delete(table).where(table.c.conversation_id.in_(changed_ids)))
        written = [
            *zip(plan.new, new_ids, strict=True),
            *zip(plan.changed, changed_ids, strict=True),
        ]
        return WriteOutcome(
            created=len(plan.new),
            updated=len(plan.changed),
            unchanged=len(conversations) - len(plan.new) - len(plan.changed),
            messages_written=self._insert_facts(connection, written),
        )

    def _insert_conversations(
        self,
        connection: Connection,
        conversations: list[PreparedConversation],
        rows: _ConversationRows,
    ) -> list[int]:
        if not conversations:
            return []
        insert_rows(connection, CONVERSATIONS, [rows.row(c) for c in conversations])
        # read the new ids back by the unique key: much faster than INSERT ... RETURNING rows
        keys = [(c.source, c.external_id) for c in conversations]
        stored = _stored_conversations(connection, keys)
        return [stored[key][0] for key in keys]

    def _insert_facts(
        self, connection: Connection, written: list[tuple[PreparedConversation, int]]
    ) -> int:
        agents, teams = self._references.agents, self._references.teams
        to_driver_time = driver_converter(connection, MESSAGES.c.sent_at)
        messages = [
            (cid, seq, ext, role, agents.get(agent), author, to_driver_time(at), text, internal)
            for c, cid in written
            for seq, ext, role, agent, author, at, text, internal in c.messages
        ]
        insert_driver_rows(connection, MESSAGES, MESSAGE_COLUMNS, messages)
        insert_rows(
            connection,
            EVENTS,
            [_event_row(e, cid, agents, teams) for c, cid in written for e in c.events],
        )
        insert_rows(
            connection,
            TAGS,
            [{"conversation_id": cid, "tag": t} for c, cid in written for t in c.tags],
        )
        insert_rows(
            connection,
            SURVEYS,
            [
                dict(zip(SURVEY_COLUMNS, (cid, *survey), strict=True))
                for c, cid in written
                for survey in c.surveys
            ],
        )
        self._insert_calls(connection, written)
        return len(messages)

    def _insert_calls(
        self, connection: Connection, written: list[tuple[PreparedConversation, int]]
    ) -> None:
        legs = [(call, cid) for c, cid in written for call in c.calls]
        if not legs:
            return
        insert_rows(connection, CALL_LEGS, [self._leg_row(call, cid) for call, cid in legs])
        leg_ids = {
            (conversation_id, seq): leg_id
            for leg_id, conversation_id, seq in connection.execute(
                select(CALL_LEGS.c.id, CALL_LEGS.c.conversation_id, CALL_LEGS.c.seq).where(
                    CALL_LEGS.c.conversation_id.in_({cid for _, cid in legs})
                )
            )
        }
        holds = [
            {"call_leg_id": leg_ids[(cid, call.seq)], "started_at": start, "ended_at": end}
            for call, cid in legs
            for start, end in call.holds
        ]
        insert_rows(connection, HOLDS, holds)

    def _leg_row(self, call: CallRow, conversation_id: int) -> dict[str, Any]:
        agents, teams = self._references.agents, self._references.teams
        return {
            "conversation_id": conversation_id,
            "seq": call.seq,
            "external_id": call.external_id,
            "agent_id": agents.get(call.agent),
            "team_id": teams.get(call.team),
            "queued_at": call.queued_at,
            "ringing_at": call.ringing_at,
            "answered_at": call.answered_at,
            "ended_at": call.ended_at,
            "wrap_up_ended_at": call.wrap_up_ended_at,
            "outcome": call.outcome,
            "transferred_to_agent_id": agents.get(call.to_agent),
            "transferred_to_team_id": teams.get(call.to_team),
        }


SURVEY_COLUMNS = ("conversation_id", "seq", "kind", "score", "comment", "answered_at")


def _event_row(
    event: EventRow, conversation_id: int, agents: KeyCache, teams: KeyCache
) -> dict[str, Any]:
    return {
        "conversation_id": conversation_id,
        "seq": event.seq,
        "kind": event.kind,
        "occurred_at": event.at,
        "status": event.status,
        "from_agent_id": agents.get(event.from_agent),
        "to_agent_id": agents.get(event.to_agent),
        "from_team_id": teams.get(event.from_team),
        "to_team_id": teams.get(event.to_team),
        "reason": event.reason,
    }


def _customer_sightings(items: Sequence[Prepared], plan: _Plan) -> list[PreparedCustomer]:
    """Customers to merge, in file order: standalone ones and those of conversations being
    written (an unchanged conversation's customer was merged when it was first written)."""
    written = {id(c) for c in plan.new + plan.changed}
    sightings = (_customer_to_merge(item, written) for item in items)
    return [customer for customer in sightings if customer is not None]


def _customer_to_merge(item: Prepared, written: set[int]) -> PreparedCustomer | None:
    if isinstance(item, PreparedStandaloneCustomer):
        return item.customer
    if isinstance(item, PreparedConversation) and id(item) in written:
        return item.customer
    return None


@dataclass(frozen=True)
class _ConversationRows:
    """Builds a conversation's row once the ids it refers to are known."""

    references: References
    customer_ids: dict[str, int]
    now: datetime

    def row(self, conversation: PreparedConversation) -> dict[str, Any]:
        customer = conversation.customer
        return conversation.row | {
            "customer_id": self.customer_ids[customer.key] if customer else None,
            "agent_id": self.references.agents.get(conversation.agent),
            "team_id": self.references.teams.get(conversation.team),
            "fingerprint": conversation.fingerprint,
            "imported_at": self.now,
        }


@dataclass
class _Plan:
    new: list[PreparedConversation]
    changed: list[PreparedConversation]
    ids: dict[tuple[str, str], int]


def _plan(connection: Connection, conversations: list[PreparedConversation]) -> _Plan:
    """Split a batch into new, changed and unchanged conversations by their stored fingerprint."""
    if not conversations:
        return _Plan([], [], {})
    stored = _stored_conversations(connection, [(c.source, c.external_id) for c in conversations])
    plan = _Plan([], [], {key: row_id for key, (row_id, _) in stored.items()})
    for conversation in conversations:
        found = stored.get((conversation.source, conversation.external_id))
        if found is None:
            plan.new.append(conversation)
        elif found[1] != conversation.fingerprint:
            plan.changed.append(conversation)
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
