"""Local calendar periods turned into UTC instants: the one place that does it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_day_start(day: date, timezone: str) -> datetime:
    """The UTC instant at which `day` begins in `timezone`."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def local_days_range(
    first: date | None, last: date | None, timezone: str
) -> tuple[datetime | None, datetime | None]:
    """[start of `first`, start of the day after `last`) in UTC; an open end stays None."""
    start = local_day_start(first, timezone) if first else None
    end = local_day_start(last + timedelta(days=1), timezone) if last else None
    return start, end
