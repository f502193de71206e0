"""The demo's time frame: one local time zone and the window of days the data covers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TZ_NAME = "Asia/Ho_Chi_Minh"
TZ = ZoneInfo(TZ_NAME)


def at(day: date, hhmm: str) -> datetime:
    """Local aware datetime of "HH:MM" on `day`; "24:00" is the next midnight."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(), TZ) + timedelta(hours=hours, minutes=minutes)


@dataclass(frozen=True)
class Window:
    """The days the data covers, `start` to `end` inclusive, in local time."""

    start: date
    end: date

    @classmethod
    def ending(cls, end: date, days: int) -> Window:
        return cls(start=end - timedelta(days=days - 1), end=end)

    @property
    def cutoff(self) -> datetime:
        """No fact may happen at or after this: local midnight after `end`."""
        return datetime.combine(self.end + timedelta(days=1), time(), TZ)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __iter__(self) -> Iterator[date]:
        for offset in range(self.days):
            yield self.start + timedelta(days=offset)

    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)
