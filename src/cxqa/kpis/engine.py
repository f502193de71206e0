"""The KPI engine: the store's measures copied into an in-process DuckDB, kept current.

Why a copy: grouping a million conversations per agent per week with medians and p90s takes
tens of seconds in SQLite and PostgreSQL, and well under a second in DuckDB (see
benchmarks/kpi_speed.py and docs/metrics.md). The store stays the only record; this copy is
rebuilt from it at start and refreshed from the rows derived since (`derived_at`), so every
store backend gives the same numbers from the same SQL.

Relations the registry's expressions run over (one row each per ...):
  facts      conversation: its measures, slice keys and the start of the customer's next contact
  waits      customer wait ended by an agent reply (conversation_id, wait_seconds)
  tags       conversation tag
  agent_days agent and local day: presence seconds, conversations and handle time
  activity   customer and local day with a conversation or an order
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import numpy as np
from sqlalchemy import ColumnElement, Connection, Engine, Float, cast, extract, func, select

from cxqa.conversations.models import Conversation, ConversationTag
from cxqa.customers.models import Customer, CustomerOrder
from cxqa.kpis.models import ConversationMeasure
from cxqa.kpis.presence import presence_by_day
from cxqa.org.models import Agent, AgentStatusEvent, Team

_CHUNK = 100_000
PRESENCE_RECOUNT_SECONDS = 300.0


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str  # float, int, bool, time, text, date

    def to_numpy(self, values: Sequence[Any]) -> np.ndarray[Any, Any]:
        if self.kind == "text":
            return np.array(values, dtype=object)
        if self.kind == "date":
            return np.array([value.isoformat() for value in values], dtype=object)
        # None becomes NaN, and NaN becomes NULL again in `duck_sql`
        return np.array(values, dtype=np.float64)

    @property
    def duck_sql(self) -> str:
        value = f"CASE WHEN isnan({self.name}) THEN NULL ELSE {self.name} END"
        return {
            "text": self.name,
            "float": value,
            "int": f"CAST({value} AS BIGINT)",
            "bool": f"({value}) <> 0",
            "time": f"to_timestamp({value})",
            "date": f"CAST({self.name} AS DATE)",
        }[self.kind] + f" AS {self.name}"

    @property
    def duck_type(self) -> str:
        return {
            "text": "VARCHAR",
            "float": "DOUBLE",
            "int": "BIGINT",
            "bool": "BOOLEAN",
            "time": "TIMESTAMPTZ",
            "date": "DATE",
        }[self.kind]


M = ConversationMeasure
C = Conversation

_TAG_COLUMNS = [_Column("conversation_id", "int"), _Column("tag", "text")]
_AGENT_COLUMNS = [
    _Column("id", "int"),
    _Column("key", "text"),
    _Column("name", "text"),
    _Column("team_id", "int"),
]
_TEAM_COLUMNS = [_Column("id", "int"), _Column("key", "text"), _Column("name", "text")]
_SEGMENT_COLUMNS = [_Column("customer_id", "int"), _Column("segment", "text")]
_ORDER_COLUMNS = [_Column("customer_id", "int"), _Column("placed_epoch", "float")]
_PRESENCE_COLUMNS = [
    _Column("agent_id", "int"),
    _Column("day", "date"),
    _Column("online_seconds", "float"),
    _Column("away_seconds", "float"),
    _Column("offline_seconds", "float"),
]

# (column, store expression) of every conversation row the engine keeps
_CONVERSATION_COLUMNS: tuple[tuple[_Column, Any], ...] = (
    (_Column("id", "int"), C.id),
    (_Column("started_at", "time"), C.started_at),
    (_Column("derived_at", "time"), M.derived_at),
    (_Column("agent_id", "int"), C.agent_id),
    (_Column("team_id", "int"), C.team_id),
    (_Column("customer_id", "int"), C.customer_id),
    (_Column("channel", "text"), C.channel),
    (_Column("direction", "text"), C.direction),
    (_Column("priority", "text"), C.priority),
    (_Column("first_response_seconds", "float"), M.first_response_seconds),
    (_Column("first_response_business_seconds", "float"), M.first_response_business_seconds),
    (_Column("response_waits", "text"), M.response_waits),
    (_Column("resolved", "bool"), M.resolved),
    (_Column("reopened", "bool"), M.reopened),
    (_Column("resolution_seconds", "float"), M.resolution_seconds),
    (_Column("resolution_business_seconds", "float"), M.resolution_business_seconds),
    (_Column("replies_to_resolve", "int"), M.replies_to_resolve),
    (_Column("agent_replies", "int"), M.agent_replies),
    (_Column("talk_seconds", "float"), M.talk_seconds),
    (_Column("hold_seconds", "float"), M.hold_seconds),
    (_Column("wrap_up_seconds", "float"), M.wrap_up_seconds),
    (_Column("handle_seconds", "float"), M.handle_seconds),
    (_Column("answered", "bool"), M.answered),
    (_Column("answer_wait_seconds", "float"), M.answer_wait_seconds),
    (_Column("abandon_wait_seconds", "float"), M.abandon_wait_seconds),
    (_Column("transfers", "int"), M.transfers),
    (_Column("csat", "int"), M.csat),
    (_Column("ces", "int"), M.ces),
    (_Column("nps", "int"), M.nps),
    (_Column("sla_first_response_due_at", "time"), M.sla_first_response_due_at),
    (_Column("sla_first_response_met", "bool"), M.sla_first_response_met),
    (_Column("sla_resolution_due_at", "time"), M.sla_resolution_due_at),
    (_Column("sla_resolution_met", "bool"), M.sla_resolution_met),
)


def _epoch(column: Any, dialect: str) -> ColumnElement[Any]:
    """Seconds since 1970 as a float: numbers cross into DuckDB far faster than datetimes."""
    if dialect == "sqlite":
        # the store keeps UTC text; julianday reads it to the millisecond
        return (func.julianday(column) - 2440587.5) * 86400.0
    return cast(extract("epoch", column), Float)


class KpiData:
    """An in-process DuckDB copy of what KPIs are computed from, for one store."""

    def __init__(self, engine: Engine, *, timezone: str) -> None:
        self.engine = engine
        self.timezone = timezone
        self._duck = duckdb.connect()
        self._duck.execute("SET TimeZone = 'UTC'")
        self._lock = threading.Lock()
        self._watermark: datetime | None = None
        self._rows = 0
        self._presence_mark: tuple[int, int | None] | None = None
        self._presence_at = 0.0
        self._dimensions_mark: tuple[Any, ...] | None = None
        self._create_tables()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one query; cursors of one connection may run in separate threads."""
        return self._duck.cursor()

    def refresh(self) -> bool:
        """Bring the copy up to date with the store; True when anything changed."""
        with self._lock, self.engine.connect() as connection:
            changed = self._refresh_conversations(connection)
            dimensions = self._dimension_marks(connection)
            if changed or dimensions != self._dimensions_mark:
                self._load_dimensions(connection)
                self._dimensions_mark = dimensions
                changed = True
            presence_changed = self._refresh_presence(connection)
            if changed:
                self._build_derived_relations()
            elif presence_changed:
                self._build_agent_days()  # the only relation presence goes into
            return changed or presence_changed

    def close(self) -> None:
        self._duck.close()

    # -- conversations -------------------------------------------------------------------

    def _refresh_conversations(self, connection: Connection) -> bool:
        stored_rows, newest = self._store_marks(connection)
        if newest is None:
            if not self._rows:
                return False
            self._reset()
            return True
        unchanged = self._watermark is not None and newest <= self._watermark
        if unchanged and stored_rows == self._rows:
            return False
        self._copy_conversations(connection, since=self._watermark)
        self._watermark = newest
        self._rows = self._count("conversations")
        if self._rows != stored_rows:
            # conversations were deleted from the store: start again from nothing
            self._reset()
            self._copy_conversations(connection, since=None)
            self._watermark = newest
            self._rows = self._count("conversations")
        return True

    def _store_marks(self, connection: Connection) -> tuple[int, datetime | None]:
        # the native column, compared natively: the index answers max() and `>` exactly
        count, newest = connection.execute(select(func.count(), func.max(M.derived_at))).one()
        return int(count), newest

    def _copy_conversations(self, connection: Connection, *, since: datetime | None) -> None:
        dialect = connection.dialect.name
        statement = select(*(expression for _, expression in self._selectable(dialect))).join(
            C, C.id == M.conversation_id
        )
        if since is not None:
            statement = statement.where(M.derived_at > since)
        columns = [column for column, _ in _CONVERSATION_COLUMNS]
        self._duck.execute("CREATE OR REPLACE TEMP TABLE copied (id BIGINT)")
        for chunk in _chunks(connection, statement):
            self._upsert_conversations(columns, chunk)
        self._copy_tags(connection, since)

    def _selectable(self, dialect: str) -> list[tuple[_Column, Any]]:
        return [
            (column, _epoch(expression, dialect) if column.kind == "time" else expression)
            for column, expression in _CONVERSATION_COLUMNS
        ]

    def _upsert_conversations(self, columns: list[_Column], rows: Sequence[Sequence[Any]]) -> None:
        arrays = {
            column.name: column.to_numpy(values)
            for column, values in zip(columns, zip(*rows, strict=True), strict=True)
        }
        duck = self._duck
        duck.register("incoming", arrays)
        try:
            duck.execute(
                f"CREATE OR REPLACE TEMP TABLE staged AS SELECT "
                f"{', '.join(column.duck_sql for column in columns)} FROM incoming"
            )
        finally:
            duck.unregister("incoming")
        duck.execute("INSERT INTO copied SELECT id FROM staged")
        duck.execute("DELETE FROM conversations WHERE id IN (SELECT id FROM staged)")
        duck.execute("DELETE FROM waits WHERE conversation_id IN (SELECT id FROM staged)")
        duck.execute(
            "INSERT INTO conversations SELECT *, "
            f"CAST(timezone('{self._zone_literal}', started_at) AS DATE) AS day FROM staged"
        )
        duck.execute(
            "INSERT INTO waits SELECT id, CAST(unnest(string_split(response_waits, ' ')) AS "
            "DOUBLE) FROM staged WHERE response_waits <> ''"
        )

    def _copy_tags(self, connection: Connection, since: datetime | None) -> None:
        statement = select(ConversationTag.conversation_id, ConversationTag.tag)
        if since is not None:
            statement = statement.join(
                M, M.conversation_id == ConversationTag.conversation_id
            ).where(M.derived_at > since)
            # the ids copied in this refresh, not a comparison of times in DuckDB: a time that
            # crossed from the store as a float need not compare equal to itself there
            self._duck.execute("DELETE FROM tags WHERE conversation_id IN (SELECT id FROM copied)")
        else:
            self._duck.execute("DELETE FROM tags")
        for chunk in _chunks(connection, statement):
            _insert(self._duck, "tags", _TAG_COLUMNS, chunk)

    # -- dimensions, presence and derived relations -----------------------------------------

    def _dimension_marks(self, connection: Connection) -> tuple[Any, ...]:
        """Row count and newest id of agents, teams, customers and orders: cheap to ask, and
        they change when one is added or removed."""
        marks: list[Any] = []
        for table_id in (Agent.id, Team.id, Customer.id, CustomerOrder.id):
            marks.extend(connection.execute(select(func.count(), func.max(table_id))).one())
        return tuple(marks)

    def _load_dimensions(self, connection: Connection) -> None:
        duck = self._duck
        agents = connection.execute(select(Agent.id, Agent.key, Agent.name, Agent.team_id)).all()
        teams = connection.execute(select(Team.id, Team.key, Team.name)).all()
        segments = connection.execute(
            select(Customer.id, Customer.attributes["segment"].as_string()).where(
                Customer.attributes["segment"].as_string().is_not(None)
            )
        ).all()
        orders = connection.execute(
            select(
                CustomerOrder.customer_id,
                _epoch(CustomerOrder.placed_at, connection.dialect.name),
            ).where(CustomerOrder.placed_at.is_not(None))
        ).all()
        _replace(duck, "agents", _AGENT_COLUMNS, agents)
        _replace(duck, "teams", _TEAM_COLUMNS, teams)
        _replace(duck, "segments", _SEGMENT_COLUMNS, segments)
        _replace(duck, "orders", _ORDER_COLUMNS, orders)

    def _refresh_presence(self, connection: Connection) -> bool:
        count, newest = connection.execute(
            select(func.count(), func.max(AgentStatusEvent.id))
        ).one()
        mark = (int(count), newest)
        # an agent's current state keeps adding time: recount now and then even without events
        fresh = time.monotonic() - self._presence_at < PRESENCE_RECOUNT_SECONDS
        if mark == self._presence_mark and fresh:
            return False
        self._presence_mark = mark
        self._presence_at = time.monotonic()
        events: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
        for agent_id, at, status in connection.execute(
            select(
                AgentStatusEvent.agent_id, AgentStatusEvent.occurred_at, AgentStatusEvent.status
            ).order_by(AgentStatusEvent.id)  # the recorded order, for changes at one instant
        ):
            events[agent_id].append((at, status))
        rows = list(self._presence_rows(events))
        _replace(self._duck, "presence", _PRESENCE_COLUMNS, rows)
        return True

    def _presence_rows(
        self, events: dict[int, list[tuple[datetime, str]]]
    ) -> Iterator[tuple[int, date, float, float, float]]:
        now = datetime.now(UTC)
        for agent_id, agent_events in events.items():
            start = min(at for at, _ in agent_events)
            days = presence_by_day(
                agent_events, timezone=self.timezone, start=start, end=now, now=now
            )
            for day, seconds in days.items():
                yield agent_id, day, seconds["online"], seconds["away"], seconds["offline"]

    def _build_derived_relations(self) -> None:
        zone = self._zone_literal
        self._duck.execute("""
            CREATE OR REPLACE TABLE facts AS
            SELECT c.* EXCLUDE (response_waits), a.key AS agent, t.key AS team, s.segment,
                   -- the periods a conversation counts in, once rather than in every query
                   CAST(date_trunc('week', c.day) AS DATE) AS week,
                   CAST(date_trunc('month', c.day) AS DATE) AS month,
                   -- the customer's next contact: the next inbound conversation (an agent's
                   -- follow-up call is not the customer coming back)
                   CASE WHEN c.customer_id IS NOT NULL THEN min(
                       CASE WHEN c.direction = 'inbound' THEN c.started_at END) OVER (
                       PARTITION BY c.customer_id ORDER BY c.started_at, c.id
                       ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) END
                       AS next_contact_at
            FROM conversations c
            LEFT JOIN agents a ON a.id = c.agent_id
            LEFT JOIN teams t ON t.id = c.team_id
            LEFT JOIN segments s ON s.customer_id = c.customer_id
        """)
        self._build_agent_days()
        self._duck.execute(f"""
            CREATE OR REPLACE TABLE activity AS
            SELECT DISTINCT customer_id, day FROM (
                SELECT customer_id, day FROM conversations
                WHERE customer_id IS NOT NULL AND direction = 'inbound'
                UNION ALL
                SELECT customer_id,
                       CAST(timezone('{zone}', to_timestamp(placed_epoch)) AS DATE) AS day
                FROM orders
            )
        """)

    def _build_agent_days(self) -> None:
        self._duck.execute("""
            CREATE OR REPLACE TABLE agent_days AS
            WITH handled AS (
                SELECT agent_id, day, count(*) AS conversations,
                       coalesce(sum(CASE WHEN answered IS NOT FALSE THEN handle_seconds END), 0)
                           AS handle_seconds
                FROM conversations WHERE agent_id IS NOT NULL GROUP BY agent_id, day
            ), joined AS (
                SELECT coalesce(h.agent_id, p.agent_id) AS agent_id,
                       coalesce(h.day, p.day) AS day,
                       coalesce(h.conversations, 0) AS conversations,
                       coalesce(h.handle_seconds, 0) AS handle_seconds,
                       coalesce(p.online_seconds, 0) AS online_seconds,
                       coalesce(p.away_seconds, 0) AS away_seconds
                FROM handled h FULL OUTER JOIN presence p
                    ON p.agent_id = h.agent_id AND p.day = h.day
            )
            SELECT j.*, a.key AS agent, a.team_id, t.key AS team,
                   CAST(date_trunc('week', j.day) AS DATE) AS week,
                   CAST(date_trunc('month', j.day) AS DATE) AS month
            FROM joined j
            JOIN agents a ON a.id = j.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            WHERE j.conversations > 0 OR j.online_seconds + j.away_seconds > 0
        """)

    # -- housekeeping ----------------------------------------------------------------------

    @property
    def _zone_literal(self) -> str:
        # a validated IANA name (settings), never user text; quoted for SQL all the same
        return self.timezone.replace("'", "''")

    def _count(self, table: str) -> int:
        row = self._duck.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def _reset(self) -> None:
        self._watermark = None
        self._rows = 0
        for table in ("conversations", "waits", "tags"):
            self._duck.execute(f"DELETE FROM {table}")

    def _create_tables(self) -> None:
        columns = ", ".join(
            f"{column.name} {column.duck_type}" for column, _ in _CONVERSATION_COLUMNS
        )
        duck = self._duck
        duck.execute(f"CREATE TABLE conversations ({columns}, day DATE)")
        duck.execute("CREATE TABLE waits (conversation_id BIGINT, wait_seconds DOUBLE)")
        duck.execute("CREATE TABLE tags (conversation_id BIGINT, tag VARCHAR)")
        duck.execute("CREATE TABLE agents (id BIGINT, key VARCHAR, name VARCHAR, team_id BIGINT)")
        duck.execute("CREATE TABLE teams (id BIGINT, key VARCHAR, name VARCHAR)")
        duck.execute("CREATE TABLE segments (customer_id BIGINT, segment VARCHAR)")
        duck.execute("CREATE TABLE orders (customer_id BIGINT, placed_epoch DOUBLE)")
        duck.execute(
            "CREATE TABLE presence (agent_id BIGINT, day DATE, online_seconds DOUBLE, "
            "away_seconds DOUBLE, offline_seconds DOUBLE)"
        )
        self._build_derived_relations()


def _chunks(connection: Connection, statement: Any) -> Iterator[Sequence[Sequence[Any]]]:
    """The statement's rows in chunks, as the driver returns them: every column is a number
    or text here (times cross as epoch seconds), so SQLAlchemy's row objects, which cost more
    than the fetching itself at a million rows, are skipped."""
    # no stream_results: its buffered strategy reads ahead of the driver's cursor
    result = connection.execute(statement)
    try:
        while rows := result.cursor.fetchmany(_CHUNK):
            yield rows
    finally:
        result.close()


def _replace(
    duck: duckdb.DuckDBPyConnection, table: str, columns: list[_Column], rows: Sequence[Any]
) -> None:
    duck.execute(f"DELETE FROM {table}")
    _insert(duck, table, columns, rows)


def _insert(
    duck: duckdb.DuckDBPyConnection, table: str, columns: list[_Column], rows: Sequence[Any]
) -> None:
    if not rows:
        return
    arrays = {
        column.name: column.to_numpy(values)
        for column, values in zip(columns, zip(*rows, strict=True), strict=True)
    }
    duck.register("incoming", arrays)
    try:
        duck.execute(
            f"INSERT INTO {table} ({', '.join(column.name for column in columns)}) "
            f"SELECT {', '.join(column.duck_sql for column in columns)} FROM incoming"
        )
    finally:
        duck.unregister("incoming")
