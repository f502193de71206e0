"""When conversations arrive: weekly and daily seasonality, sale days, and repeat contacts."""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate, count

from cxqa.demo.clock import TZ
from cxqa.demo.customers import Customer, OrderInfo
from cxqa.demo.holidays import sale_factor
from cxqa.demo.org import TeamSpec
from cxqa.ingest.schemas import Channel

# Contacts per local hour: quiet nights, a late-morning peak and an evening peak after work.
HOURLY = (
    0.3, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.6, 3.8, 4.6, 4.8,
    3.6, 3.0, 3.6, 3.9, 3.7, 3.4, 3.3, 3.9, 4.4, 4.1, 2.6, 1.0,
)  # fmt: skip
# E-mail is written at work: an office-hours curve with a smaller evening tail.
HOURLY_EMAIL = (
    0.3, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3.5, 4.5, 4.5, 4.0,
    2.5, 3.0, 4.0, 4.0, 3.5, 2.5, 1.5, 1.5, 1.5, 1.2, 0.8, 0.5,
)  # fmt: skip
MEAN_HOURLY = sum(HOURLY) / len(HOURLY)
# Monday catches up on the weekend; Sunday uses each team's own factor.
WEEKDAY_FACTOR = (1.12, 1.0, 1.0, 0.98, 0.95, 0.85)
HOLIDAY_FACTOR = 0.35  # written contacts still come in on a holiday; phones are closed


@dataclass(frozen=True)
class Arrival:
    """A contact about to happen. Repeat contacts carry their customer, topic and order."""

    at: datetime
    team: str
    channel: Channel
    customer: Customer | None = None
    topic: str | None = None
    order: OrderInfo | None = None
    repeat_of: str | None = None  # conversation id of the contact this one follows up
    callback: bool = False  # calling again after hanging up in the queue


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:  # the normal approximation is good here and much cheaper
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, product, k = math.exp(-mean), rng.random(), 0
    while product > limit:
        product *= rng.random()
        k += 1
    return k


def day_volume(team: TeamSpec, channel: Channel, day: date, scale: float) -> float:
    """Expected contacts of one team and channel on `day`."""
    weekday = day.weekday()
    factor = team.sunday_factor if weekday == 6 else WEEKDAY_FACTOR[weekday]
    if day in team.holidays:
        factor *= HOLIDAY_FACTOR
    if channel is Channel.PHONE and not team.spans(day):
        return 0.0
    return team.volume[channel] * factor * sale_factor(day) * scale


def _hour_weights(team: TeamSpec, channel: Channel, day: date) -> list[float]:
    """Phones ring only in opening hours; written messages arrive around the clock."""
    curve = HOURLY_EMAIL if channel is Channel.EMAIL else HOURLY
    if channel is not Channel.PHONE:
        return list(curve)
    midnight = datetime.combine(day, time(), TZ)
    return [
        weight if team.is_open(midnight + timedelta(hours=hour, minutes=59)) else 0.0
        for hour, weight in enumerate(curve)
    ]


def day_arrivals(
    teams: tuple[TeamSpec, ...], day: date, scale: float, rng: random.Random
) -> list[Arrival]:
    """Fresh contacts of every team and channel on `day`, unsorted."""
    arrivals = []
    midnight = datetime.combine(day, time(), TZ)
    for team in teams:
        for channel in team.volume:
            number = _poisson(rng, day_volume(team, channel, day, scale))
            if number == 0:
                continue
            weights = list(accumulate(_hour_weights(team, channel, day)))
            for hour in rng.choices(range(24), cum_weights=weights, k=number):
                moment = midnight + timedelta(hours=hour, seconds=rng.uniform(0, 3599))
                arrivals.append(Arrival(at=moment, team=team.id, channel=channel))
    return arrivals


@dataclass
class ArrivalQueue:
    """Arrivals in time order; follow-ups may be pushed for any later moment."""

    _heap: list[tuple[datetime, int, Arrival]] = field(default_factory=list)
    _order: Iterator[int] = field(default_factory=count)

    def push(self, arrival: Arrival) -> None:
        # the counter breaks ties between equal times, so the order stays deterministic
        heapq.heappush(self._heap, (arrival.at, next(self._order), arrival))

    def pop_before(self, moment: datetime) -> Iterator[Arrival]:
        """Arrivals earlier than `moment`, including ones pushed while iterating."""
        while self._heap and self._heap[0][0] < moment:
            yield heapq.heappop(self._heap)[2]
