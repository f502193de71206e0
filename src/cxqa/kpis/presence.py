"""How long an agent spent in each presence state within a period, from status events.

Availability and occupancy are derived from these spans: occupancy = time spent handling ÷
time online. An agent's state holds from one event until the next; before the first event of
the agent's history the state is unknown and counts nowhere.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STATES = ("online", "away", "offline")


def time_in_states(
    events: Iterable[tuple[datetime, str]],
    *,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
) -> dict[str, float]:
    """Seconds in each state between `start` and `end`, from (time, state) events.

    Events before `start` set the state the period begins in. The last state holds until
    `end`, or until `now` when the period is not over (the future has not happened).
    """
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if now is not None:
        end = min(end, now.astimezone(UTC))
    totals = dict.fromkeys(STATES, 0.0)
    state: str | None = None
    since = start
    # by time only: changes at the same instant keep the order they were recorded in
    for at, new_state in sorted(((at.astimezone(UTC), s) for at, s in events), key=_at):
        if at >= end:
            break
        if at > since:
            if state is not None:
                totals[state] += (at - since).total_seconds()
            since = at
        state = new_state
    if state is not None and end > since:
        totals[state] += (end - since).total_seconds()
    return totals


def presence_by_day(
    events: Iterable[tuple[datetime, str]],
    *,
    timezone: str,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
) -> dict[date, dict[str, float]]:
    """Seconds in each state per local day in `timezone`, between `start` and `end`.

    Days on which the state is never known are absent. A day on which the clocks change
    holds the 23 or 25 hours that really passed.
    """
    end = end.astimezone(UTC)
    if now is not None:
        end = min(end, now.astimezone(UTC))
    ordered = sorted(((at.astimezone(UTC), state) for at, state in events), key=_at)
    instants = [at for at, _ in ordered]
    days: dict[date, dict[str, float]] = {}
    for day, day_start, day_end in _local_days(start.astimezone(UTC), end, ZoneInfo(timezone)):
        # only the day's events matter, plus the last one at or before its start (the state
        # it begins in): slicing keeps a year of events from being rescanned for every day
        first = max(bisect_right(instants, day_start) - 1, 0)
        last = bisect_left(instants, day_end)
        spans = time_in_states(ordered[first:last], start=day_start, end=day_end)
        if any(spans.values()):
            days[day] = spans
    return days


def _local_days(
    start: datetime, end: datetime, zone: ZoneInfo
) -> Iterator[tuple[date, datetime, datetime]]:
    """Each local day that overlaps [start, end), with its part of that span in UTC."""
    day = start.astimezone(zone).date()
    day_start = _local_midnight(day, zone)
    while day_start < end:
        next_day = day + timedelta(days=1)
        day_end = _local_midnight(next_day, zone)
        yield day, max(start, day_start), min(end, day_end)
        day, day_start = next_day, day_end


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    # via UTC: the local day is as long as the time that passed, 23 or 25 hours on a change
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _at(event: tuple[datetime, str]) -> datetime:
    return event[0]
