"""How long an agent spent in each presence state within a period, from status events.

Availability and occupancy are derived from these spans: occupancy = time spent handling ÷
time online. An agent's state holds from one event until the next; before the first event of
the agent's history the state is unknown and counts nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

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
    for at, new_state in sorted((at.astimezone(UTC), s) for at, s in events):
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
