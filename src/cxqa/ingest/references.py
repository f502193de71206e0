"""Teams and agents named by key in records: created on first mention, updated by their records."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update

from cxqa.ingest.schemas import (
    AgentRecord,
    AgentStatusRecord,
    TeamRecord,
    business_hours_or_default,
)
from cxqa.org.models import Agent, AgentStatusEvent, Team, TeamHoliday
from cxqa.store.base import core_table

TEAMS = core_table(Team)
AGENTS = core_table(Agent)
HOLIDAYS = core_table(TeamHoliday)
STATUS_EVENTS = core_table(AgentStatusEvent)


class KeyCache:
    """key -> id for a small table; additions become visible only once their batch commits."""

    def __init__(self, table: Table) -> None:
        self._table = table
        self._committed: dict[str, int] = {}
        self._pending: dict[str, int] = {}

    def __getitem__(self, key: str) -> int:
        return self._pending.get(key) or self._committed[key]

    def get(self, key: str | None) -> int | None:
        return None if key is None else self[key]

    def load(self, connection: Connection, keys: Iterable[str]) -> list[str]:
        """Look up keys not yet known; return those that are not in the store at all."""
        wanted = [key for key in set(keys) if key not in self._committed]
        if not wanted:
            return []
        table = self._table
        rows = connection.execute(select(table.c.key, table.c.id).where(table.c.key.in_(wanted)))
        found = dict(rows.all())
        self._pending.update(found)
        return sorted(set(wanted) - set(found))

    def add(self, key: str, row_id: int) -> None:
        self._pending[key] = row_id

    def commit(self) -> None:
        self._committed.update(self._pending)
        self._pending.clear()

    def rollback(self) -> None:
        self._pending.clear()


class References:
    """Resolves and writes the teams and agents a batch of records names."""

    def __init__(self, *, default_timezone: str) -> None:
        self.teams = KeyCache(TEAMS)
        self.agents = KeyCache(AGENTS)
        self._default_timezone = default_timezone

    def commit(self) -> None:
        self.teams.commit()
        self.agents.commit()

    def rollback(self) -> None:
        self.teams.rollback()
        self.agents.rollback()

    def write(
        self,
        connection: Connection,
        *,
        teams: set[str],
        agents: set[str],
        records: list[TeamRecord | AgentRecord | AgentStatusRecord],
    ) -> None:
        """Create every team and agent named, then apply team, agent and status records in order.

        A record marked create_only is applied only to a team or agent that is new in this batch.
        """
        new_teams = set(self.teams.load(connection, teams))
        for key in sorted(new_teams):
            self._insert_team(connection, key)
        new_agents = set(self.agents.load(connection, agents))
        for key in sorted(new_agents):
            self.agents.add(key, _insert_returning_id(connection, AGENTS, key=key, name=key))
        for record in records:
            if isinstance(record, TeamRecord) and not (
                record.create_only and record.id not in new_teams
            ):
                self._update_team(connection, record)
            elif isinstance(record, AgentRecord) and not (
                record.create_only and record.id not in new_agents
            ):
                self._update_agent(connection, record)
        self._insert_status_events(connection, records)

    def _insert_team(self, connection: Connection, key: str) -> None:
        row_id = _insert_returning_id(
            connection,
            TEAMS,
            key=key,
            name=key,
            timezone=self._default_timezone,
            business_hours=business_hours_or_default(None),
        )
        self.teams.add(key, row_id)

    def _update_team(self, connection: Connection, record: TeamRecord) -> None:
        """Apply the fields the record gives; keep the ones it leaves out."""
        given = record.model_fields_set
        team_id = self.teams[record.id]
        values: dict[str, Any] = {}
        if "name" in given:
            values["name"] = record.name or record.id
        if "timezone" in given:
            values["timezone"] = record.timezone or self._default_timezone
        if "business_hours" in given:
            values["business_hours"] = business_hours_or_default(record.business_hours)
        if values:
            connection.execute(update(TEAMS).where(TEAMS.c.id == team_id).values(**values))
        if "holidays" in given:
            _replace_holidays(connection, team_id, {h.date: h.name for h in record.holidays})

    def _update_agent(self, connection: Connection, record: AgentRecord) -> None:
        """Apply the fields the record gives; keep the ones it leaves out."""
        given = record.model_fields_set
        values: dict[str, Any] = {
            name: getattr(record, name)
            for name in ("email", "hired_on", "left_on", "employment")
            if name in given
        }
        if "name" in given:
            values["name"] = record.name or record.id
        if "team" in given:
            values["team_id"] = self.teams.get(record.team)
        if values:
            connection.execute(
                update(AGENTS).where(AGENTS.c.id == self.agents[record.id]).values(**values)
            )

    def _insert_status_events(
        self, connection: Connection, records: list[TeamRecord | AgentRecord | AgentStatusRecord]
    ) -> None:
        events = [r for r in records if isinstance(r, AgentStatusRecord)]
        if not events:
            return
        rows = {(self.agents[e.agent], e.at, e.status.value): e.reason for e in events}
        agent_ids = {agent_id for agent_id, _, _ in rows}
        existing = connection.execute(
            select(STATUS_EVENTS.c.agent_id, STATUS_EVENTS.c.occurred_at, STATUS_EVENTS.c.status)
            .where(STATUS_EVENTS.c.agent_id.in_(agent_ids))
            .where(STATUS_EVENTS.c.occurred_at.in_({at for _, at, _ in rows}))
        )
        for key in existing:
            rows.pop((key[0], key[1], key[2]), None)
        if rows:
            connection.execute(
                insert(STATUS_EVENTS),
                [
                    {"agent_id": a, "occurred_at": at, "status": s, "reason": reason}
                    for (a, at, s), reason in rows.items()
                ],
            )


def _replace_holidays(connection: Connection, team_id: int, wanted: dict[date, str | None]) -> None:
    """Make the team's holidays exactly `wanted`, touching only the rows that differ."""
    stored = {
        day: (row_id, name)
        for row_id, day, name in connection.execute(
            select(HOLIDAYS.c.id, HOLIDAYS.c.day, HOLIDAYS.c.name).where(
                HOLIDAYS.c.team_id == team_id
            )
        )
    }
    stale = [row_id for day, (row_id, name) in stored.items() if wanted.get(day, ...) != name]
    if stale:
        connection.execute(delete(HOLIDAYS).where(HOLIDAYS.c.id.in_(stale)))
    fresh = [
        {"team_id": team_id, "day": day, "name": name}
        for day, name in wanted.items()
        if day not in stored or stored[day][1] != name
    ]
    if fresh:
        connection.execute(insert(HOLIDAYS), fresh)


def _insert_returning_id(connection: Connection, table: Table, **values: Any) -> int:
    row_id = connection.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
    return int(row_id)
