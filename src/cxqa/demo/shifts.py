"""Who works when: daily shifts with breaks, the presence events they produce, and who is free.

A schedule is a pure function of (seed, agent, day), so the presence events emitted up front and
the assignment of conversations later agree without sharing state.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cxqa.demo.agents import AgentProfile
from cxqa.demo.clock import Window, at
from cxqa.demo.org import TeamSpec
from cxqa.ingest.schemas import AgentPresence, AgentStatusRecord

SICK_DAY_CHANCE = 0.025
# Relative share of new conversations an agent takes: new hires and slow agents get fewer.
CAPACITY = {"new_hire": 0.6, "slow": 0.75}


@dataclass(frozen=True)
class Break:
    start: datetime
    end: datetime
    reason: str


@dataclass(frozen=True)
class DaySchedule:
    """One agent's working day: online from `start` to `end`, away during the breaks."""

    agent: AgentProfile
    start: datetime
    end: datetime
    breaks: tuple[Break, ...]

    def available(self, moment: datetime) -> bool:
        if not self.start <= moment < self.end:
            return False
        return not any(b.start <= moment < b.end for b in self.breaks)

    def next_available(self, moment: datetime) -> datetime | None:
        """The first moment at or after `moment` when the agent is online, None if never today."""
        candidate = max(moment, self.start)
        for pause in self.breaks:
            if pause.start <= candidate < pause.end:
                candidate = pause.end
        return candidate if candidate < self.end else None

    def status_records(self) -> list[AgentStatusRecord]:
        key = self.agent.key
        records = [AgentStatusRecord(agent=key, at=self.start, status=AgentPresence.ONLINE)]
        for pause in self.breaks:
            records.append(
                AgentStatusRecord(
                    agent=key, at=pause.start, status=AgentPresence.AWAY, reason=pause.reason
                )
            )
            records.append(AgentStatusRecord(agent=key, at=pause.end, status=AgentPresence.ONLINE))
        records.append(
            AgentStatusRecord(agent=key, at=self.end, status=AgentPresence.OFFLINE, reason="Hết ca")
        )
        return records


def _works(agent: AgentProfile, team: TeamSpec, day: date, rng: random.Random) -> bool:
    if not agent.employed_on(day) or not team.shift_spans(day):
        return False
    # Teams open every day give each agent one rotating day off a week.
    if len(team.hours) == 7 and day.weekday() == (agent.index + day.isocalendar().week) % 7:
        return False
    return rng.random() >= SICK_DAY_CHANCE


def _breaks(
    agent: AgentProfile, start: datetime, end: datetime, rng: random.Random
) -> tuple[Break, ...]:
    """A meal break mid-shift and short pauses; slow agents' pauses run longer."""
    stretch = 1.4 if agent.archetype == "slow" else 1.0
    hours = (end - start).total_seconds() / 3600
    breaks: list[Break] = []
    first_at = start + timedelta(minutes=rng.uniform(80, 140))
    if agent.new_hire and rng.random() < 0.3:
        first = ("Đào tạo", rng.uniform(45, 90))
    elif rng.random() < 0.08:
        first = ("Họp nhóm", rng.uniform(20, 40))
    else:
        first = ("Giải lao", rng.uniform(8, 15) * stretch)
    breaks.append(Break(first_at, first_at + timedelta(minutes=first[1]), first[0]))
    if hours >= 6:
        # breaks never overlap: each starts at least 20 minutes after the previous one ends
        meal_at = start + timedelta(hours=hours / 2 + rng.uniform(-0.4, 0.4))
        meal_at = max(meal_at, breaks[-1].end + timedelta(minutes=20))
        meal = "Nghỉ trưa" if meal_at.hour < 15 else "Nghỉ ăn tối"
        minutes = rng.uniform(30, 55) * stretch
        breaks.append(Break(meal_at, meal_at + timedelta(minutes=minutes), meal))
        late_at = max(
            end - timedelta(minutes=rng.uniform(80, 130)), breaks[-1].end + timedelta(minutes=20)
        )
        minutes = rng.uniform(8, 15) * stretch
        if rng.random() < 0.7 and late_at + timedelta(minutes=minutes + 30) < end:
            breaks.append(Break(late_at, late_at + timedelta(minutes=minutes), "Giải lao"))
    return tuple(breaks)


def day_schedule(seed: int, agent: AgentProfile, team: TeamSpec, day: date) -> DaySchedule | None:
    """The agent's day, or None on a day off (not hired yet, left, holiday, rest or sick day)."""
    rng = random.Random(f"{seed}:shift:{agent.key}:{day.isoformat()}")
    if not _works(agent, team, day, rng):
        return None
    spans = team.shift_spans(day)
    opens, closes = spans[(agent.index + day.isocalendar().week) % len(spans)]
    start = at(day, opens) - timedelta(minutes=rng.uniform(2, 12))
    if agent.archetype in ("slow", "leaver") and rng.random() < 0.25:
        start = at(day, opens) + timedelta(minutes=rng.uniform(3, 25))  # logs in late
    end = at(day, closes) + timedelta(minutes=rng.uniform(0, 15))
    return DaySchedule(agent=agent, start=start, end=end, breaks=_breaks(agent, start, end, rng))


def status_records(
    seed: int, roster: Sequence[AgentProfile], teams: Mapping[str, TeamSpec], window: Window
) -> Iterator[AgentStatusRecord]:
    """Every presence change of every agent, day by day in time order."""
    for day in window:
        records: list[AgentStatusRecord] = []
        for agent in roster:
            schedule = day_schedule(seed, agent, teams[agent.team], day)
            if schedule is not None:
                records.extend(schedule.status_records())
        records.sort(key=lambda record: (record.at, record.agent))
        yield from records


class ScheduleBook:
    """Schedules per team and day, computed once when first asked for."""

    def __init__(self, seed: int, roster: Sequence[AgentProfile], teams: Mapping[str, TeamSpec]):
        self._seed = seed
        self._teams = teams
        self._members = {team: [a for a in roster if a.team == team] for team in teams}
        self._days: dict[tuple[str, date], list[DaySchedule]] = {}

    def on(self, team: str, day: date) -> list[DaySchedule]:
        key = (team, day)
        if key not in self._days:
            spec = self._teams[team]
            found = (day_schedule(self._seed, a, spec, day) for a in self._members[team])
            self._days[key] = [s for s in found if s is not None]
        return self._days[key]

    def forget_before(self, day: date) -> None:
        """Drop days that can no longer be asked for, so memory stays flat over long windows."""
        for key in [key for key in self._days if key[1] < day]:
            del self._days[key]

    def online_count(self, team: str, moment: datetime) -> int:
        return sum(s.available(moment) for s in self.on(team, moment.date()))

    def pick(
        self, team: str, moment: datetime, rng: random.Random, exclude: str | None = None
    ) -> tuple[AgentProfile, datetime]:
        """An agent of `team` free at `moment`, or the one free soonest after it, and when."""
        for offset in range(8):
            day = moment.date() + timedelta(days=offset)
            start = moment if offset == 0 else at(day, "00:00")
            ready = [
                (when, s.agent)
                for s in self.on(team, day)
                if s.agent.key != exclude and (when := s.next_available(start)) is not None
            ]
            if ready:
                return _choose(ready, rng)
        raise AssertionError(f"nobody in team {team} works within a week of {moment}")


def _choose(
    ready: list[tuple[datetime, AgentProfile]], rng: random.Random
) -> tuple[AgentProfile, datetime]:
    """Among the agents free soonest (within 5 minutes of the first), weighted by capacity."""
    first = min(when for when, _ in ready)
    soon = [(when, agent) for when, agent in ready if when <= first + timedelta(minutes=5)]
    weights = [CAPACITY.get(agent.archetype, 1.0) for _, agent in soon]
    when, agent = rng.choices(soon, weights)[0]
    return agent, when
