"""Time that counts in a team's business hours: the clock SLA targets are measured with.

A team's calendar is its time zone, its weekly opening spans in local time and its holidays.
Spans are laid on each local day and turned into UTC instants with the zone's rules, so a day
on which the clocks change has as many business seconds as really passed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cxqa.org.hours import WEEKDAYS

_END_OF_DAY = "24:00"


@dataclass(frozen=True)
class BusinessCalendar:
    """When a team is open: local spans per weekday, minus holidays, in its time zone."""

    timezone: str
    hours: Mapping[str, Sequence[Sequence[str]]]  # {"mon": [["08:00", "17:30"]], ...}
    holidays: frozenset[date] = frozenset()

    def open_spans(self, first: date, last: date) -> Iterator[tuple[datetime, datetime]]:
        """Opening spans of each local day from `first` to `last`, as UTC instants."""
        zone = ZoneInfo(self.timezone)
        day = first
        while day <= last:
            if day not in self.holidays:
                for opening, closing in self.hours.get(WEEKDAYS[day.weekday()], ()):
                    yield _instant(day, opening, zone), _instant(day, closing, zone)
            day += timedelta(days=1)

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(ZoneInfo(self.timezone)).date()

    @property
    def is_never_open(self) -> bool:
        return not any(self.hours.get(day) for day in WEEKDAYS)


def business_seconds(start: datetime, end: datetime, calendar: BusinessCalendar) -> float:
    """Seconds between two instants that fall inside the calendar's opening spans.

    An end before the start counts as no time (0), never as negative time.
    """
    # in UTC: subtracting two datetimes of one zone counts wall-clock time, not elapsed time
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        return 0.0
    total = 0.0
    first, last = calendar.local_date(start), calendar.local_date(end)
    for opening, closing in calendar.open_spans(first, last):
        overlap = (min(end, closing) - max(start, opening)).total_seconds()
        if overlap > 0:
            total += overlap
    return total


# Searching further than this for enough open time means the calendar is practically closed.
_MAX_SEARCH_DAYS = 3 * 366


def add_business_seconds(start: datetime, seconds: float, calendar: BusinessCalendar) -> datetime:
    """The instant at which `seconds` of business time have passed since `start` (a due time).

    Raises ValueError when the calendar has no opening hours within three years.
    """
    if seconds < 0:
        raise ValueError("business time to add must not be negative")
    if calendar.is_never_open:
        raise ValueError("the calendar has no opening hours")
    start = start.astimezone(UTC)  # so that adding time adds elapsed time across clock changes
    remaining = seconds
    first = calendar.local_date(start)
    spans = calendar.open_spans(first, first + timedelta(days=_MAX_SEARCH_DAYS))
    for opening, closing in spans:
        begin = max(start, opening)
        if closing <= begin:
            continue
        available = (closing - begin).total_seconds()
        if remaining <= available:
            return begin + timedelta(seconds=remaining)
        remaining -= available
    raise ValueError(f"no {seconds:,.0f} s of opening hours within {_MAX_SEARCH_DAYS} days")


def _instant(day: date, local_time: str, zone: ZoneInfo) -> datetime:
    if local_time == _END_OF_DAY:
        return _instant(day + timedelta(days=1), "00:00", zone)
    hours, minutes = (int(part) for part in local_time.split(":"))
    # zoneinfo resolves a wall time that does not exist (clocks jumped forward) with the
    # offset in force before the jump, and an ambiguous one (clocks went back) to the first
    return datetime.combine(day, time(hours, minutes), tzinfo=zone).astimezone(UTC)
