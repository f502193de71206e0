"""Business time, worked out by hand for nights, weekends, holidays and clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxqa.org.business_time import BusinessCalendar, add_business_seconds, business_seconds

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = {day: [["08:00", "17:30"]] for day in ("mon", "tue", "wed", "thu", "fri")}
SHOP = BusinessCalendar(
    timezone="Asia/Ho_Chi_Minh",
    hours=OFFICE | {"sat": [["08:00", "12:00"], ["13:00", "17:00"]]},
    holidays=frozenset({date(2026, 9, 2)}),
)
HOUR = 3600.0


def hanoi(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HANOI)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # inside one span
        (hanoi(2, 9), hanoi(2, 9, 30), 0.5 * HOUR),
        # arrives at night (Monday 20:00), answered Tuesday 09:00: only 08:00-09:00 counts
        (hanoi(2, 20), hanoi(3, 9), 1 * HOUR),
        # Friday 17:00 to Monday 08:30: Fri 30 min, Sat 4 h + 4 h, Sun closed, Mon 30 min
        (hanoi(6, 17), hanoi(9, 8, 30), 9 * HOUR),
        # Saturday lunch break does not count
        (hanoi(7, 11), hanoi(7, 14), 2 * HOUR),
        # all of it outside opening hours
        (hanoi(8, 9), hanoi(8, 18), 0.0),
        # end before start is no time, not negative time
        (hanoi(3, 10), hanoi(3, 9), 0.0),
        # 2 September is a holiday (a Wednesday): only Tuesday and Thursday count
        (hanoi(1, 17, month=9), hanoi(3, 9, month=9), 1.5 * HOUR),
    ],
)
def test_business_seconds_in_hanoi(start: datetime, end: datetime, expected: float) -> None:
    assert business_seconds(start, end, SHOP) == expected


def test_instants_in_other_zones_are_the_same_moments() -> None:
    start = hanoi(2, 20).astimezone(UTC)
    end = hanoi(3, 9).astimezone(ZoneInfo("America/New_York"))

    assert business_seconds(start, end, SHOP) == HOUR


def test_day_the_clocks_go_forward_is_an_hour_shorter() -> None:
    sunday_open = BusinessCalendar(timezone="Europe/Berlin", hours={"sun": [["00:00", "24:00"]]})
    weekdays_open = BusinessCalendar(
        timezone="Europe/Berlin", hours={day: [["00:00", "24:00"]] for day in OFFICE}
    )
    # Sunday 29 March 2026: clocks jump from 02:00 to 03:00 in Berlin
    start = datetime(2026, 3, 29, 0, 0, tzinfo=BERLIN)
    end = datetime(2026, 3, 30, 0, 0, tzinfo=BERLIN)

    assert business_seconds(start, end, sunday_open) == 23 * HOUR
    assert business_seconds(start, end, weekdays_open) == 0.0
    assert add_business_seconds(start, 23 * HOUR, sunday_open) == end


def test_day_the_clocks_go_back_is_an_hour_longer() -> None:
    sunday_open = BusinessCalendar(timezone="Europe/Berlin", hours={"sun": [["00:00", "24:00"]]})
    start = datetime(2026, 10, 25, 0, 0, tzinfo=BERLIN)

    seconds = business_seconds(start, start + timedelta(days=2), sunday_open)

    assert seconds == 25 * HOUR


def test_office_hours_across_a_clock_change_count_local_hours() -> None:
    berlin_office = BusinessCalendar(timezone="Europe/Berlin", hours=OFFICE)
    friday = datetime(2026, 3, 27, 9, 0, tzinfo=BERLIN)
    monday = datetime(2026, 3, 30, 9, 0, tzinfo=BERLIN)

    # Friday 09:00-17:30 and Monday 08:00-09:00, whatever the offset did on Sunday
    assert business_seconds(friday, monday, berlin_office) == 9.5 * HOUR


@pytest.mark.parametrize(
    ("start", "seconds", "due"),
    [
        (hanoi(2, 9), 30 * 60, hanoi(2, 9, 30)),
        # a 1-hour target for a message at Monday 20:00 is due Tuesday 09:00
        (hanoi(2, 20), HOUR, hanoi(3, 9)),
        # 4 business hours from Friday 16:00: 1.5 h Friday, 2.5 h Saturday morning
        (hanoi(6, 16), 4 * HOUR, hanoi(7, 10, 30)),
        # exactly at closing time stays at closing time
        (hanoi(2, 17), 30 * 60, hanoi(2, 17, 30)),
        # skips the holiday on 2 September
        (hanoi(1, 17, month=9), HOUR, hanoi(3, 8, 30, month=9)),
        (hanoi(2, 9), 0, hanoi(2, 9)),
    ],
)
def test_due_times(start: datetime, seconds: float, due: datetime) -> None:
    assert add_business_seconds(start, seconds, SHOP) == due


def test_due_time_and_business_seconds_agree() -> None:
    start = hanoi(6, 16, 45)
    for hours in (0.25, 1, 3, 7, 12, 40):
        due = add_business_seconds(start, hours * HOUR, SHOP)
        assert business_seconds(start, due, SHOP) == pytest.approx(hours * HOUR)


def test_a_calendar_that_never_opens_has_no_due_time() -> None:
    closed = BusinessCalendar(timezone="Asia/Ho_Chi_Minh", hours={})

    with pytest.raises(ValueError, match="no opening hours"):
        add_business_seconds(hanoi(2, 9), HOUR, closed)
    assert business_seconds(hanoi(2, 9), hanoi(9, 9), closed) == 0.0
