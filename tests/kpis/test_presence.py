"""Time in each presence state, worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxqa.kpis.presence import presence_by_day, time_in_states

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NEW_YORK = ZoneInfo("America/New_York")
DAY = datetime(2026, 11, 2, tzinfo=HANOI)
HOUR = 3600.0


def at(hour: float) -> datetime:
    return DAY + timedelta(hours=hour)


def test_a_shift_with_a_lunch_break() -> None:
    events = [(at(8), "online"), (at(12), "away"), (at(13), "online"), (at(17.5), "offline")]

    spans = time_in_states(events, start=at(0), end=at(24))

    assert spans == {"online": 8.5 * HOUR, "away": 1 * HOUR, "offline": 6.5 * HOUR}


def test_the_state_before_the_period_carries_in_and_the_period_clips() -> None:
    # online since the evening before; away at 10; the period is 09:00-11:00
    events = [(at(-3), "online"), (at(10), "away"), (at(14), "online")]

    spans = time_in_states(events, start=at(9), end=at(11))

    assert spans == {"online": 1 * HOUR, "away": 1 * HOUR, "offline": 0.0}


def test_before_the_first_event_nothing_is_known() -> None:
    spans = time_in_states([(at(10), "online")], start=at(8), end=at(12))

    assert spans == {"online": 2 * HOUR, "away": 0.0, "offline": 0.0}


def test_a_period_not_over_counts_up_to_now() -> None:
    spans = time_in_states([(at(8), "online")], start=at(0), end=at(24), now=at(9.5))

    assert spans["online"] == 1.5 * HOUR


def test_events_in_any_order_and_zone_and_repeated_states() -> None:
    utc = ZoneInfo("UTC")
    events = [
        (at(12).astimezone(utc), "online"),  # a repeated state changes nothing
        (at(8), "online"),
        (at(16), "offline"),
    ]

    spans = time_in_states(events, start=at(0), end=at(24))

    assert spans == {"online": 8 * HOUR, "away": 0.0, "offline": 8 * HOUR}


def test_no_events_is_no_time_anywhere() -> None:
    assert time_in_states([], start=at(0), end=at(24)) == {
        "online": 0.0,
        "away": 0.0,
        "offline": 0.0,
    }


def nov(day: int) -> date:
    return date(2026, 11, day)


def test_a_night_shift_is_split_at_local_midnight() -> None:
    # online Monday 22:00 to Tuesday 06:00 (Hanoi); before 22:00 nothing is known
    events = [(at(22), "online"), (at(30), "offline")]

    days = presence_by_day(events, timezone="Asia/Ho_Chi_Minh", start=at(0), end=at(48))

    assert days == {
        nov(2): {"online": 2 * HOUR, "away": 0.0, "offline": 0.0},
        nov(3): {"online": 6 * HOUR, "away": 0.0, "offline": 18 * HOUR},
    }


def test_local_days_are_not_utc_days() -> None:
    # online 05:00-09:00 Hanoi on 2 November, which is 22:00 on 1 November to 02:00 UTC
    events = [(at(5), "online"), (at(9), "offline")]
    start, end = at(0), at(24)  # 17:00 UTC on 1 November to 17:00 UTC on 2 November

    in_hanoi = presence_by_day(events, timezone="Asia/Ho_Chi_Minh", start=start, end=end)
    in_utc = presence_by_day(events, timezone="UTC", start=start, end=end)

    assert in_hanoi == {nov(2): {"online": 4 * HOUR, "away": 0.0, "offline": 15 * HOUR}}
    assert in_utc == {
        nov(1): {"online": 2 * HOUR, "away": 0.0, "offline": 0.0},  # 22:00-24:00 UTC
        # online 00:00-02:00, offline 02:00 until the period ends at 17:00 UTC
        nov(2): {"online": 2 * HOUR, "away": 0.0, "offline": 15 * HOUR},
    }


@pytest.mark.parametrize(
    ("change", "hours"),
    [
        (date(2026, 3, 8), 23),  # 02:00 EST becomes 03:00 EDT: the day is an hour short
        (date(2026, 11, 1), 25),  # 02:00 EDT becomes 01:00 EST: the day is an hour long
    ],
)
def test_a_day_the_clocks_change_has_the_hours_that_passed(change: date, hours: int) -> None:
    def midnight(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=NEW_YORK)

    before, after = change - timedelta(days=1), change + timedelta(days=1)
    events = [(midnight(before) - timedelta(days=3), "online")]

    days = presence_by_day(
        events,
        timezone="America/New_York",
        start=midnight(before),
        end=midnight(after + timedelta(days=1)),
    )

    assert {day: spans["online"] for day, spans in days.items()} == {
        before: 24 * HOUR,
        change: hours * HOUR,
        after: 24 * HOUR,
    }


def test_now_cuts_the_last_day_and_the_future_is_absent() -> None:
    days = presence_by_day(
        [(at(8), "online")],
        timezone="Asia/Ho_Chi_Minh",
        start=at(0),
        end=at(72),
        now=at(34),  # Tuesday 10:00
    )

    assert days == {
        nov(2): {"online": 16 * HOUR, "away": 0.0, "offline": 0.0},
        nov(3): {"online": 10 * HOUR, "away": 0.0, "offline": 0.0},
    }


def test_days_before_the_first_event_are_absent() -> None:
    days = presence_by_day([(at(50), "away")], timezone="Asia/Ho_Chi_Minh", start=at(0), end=at(72))

    assert days == {nov(4): {"online": 0.0, "away": 22 * HOUR, "offline": 0.0}}
    assert presence_by_day([], timezone="Asia/Ho_Chi_Minh", start=at(0), end=at(72)) == {}


def test_days_add_up_to_the_whole_period() -> None:
    # a week of shifts, with events given in UTC and out of order; the period starts mid-day
    shifts = [
        (at(24 * d + h).astimezone(UTC), state)
        for d in range(7)
        for h, state in ((8, "online"), (12, "away"), (13, "online"), (17.5, "offline"))
    ]
    start, end = at(10), at(24 * 6 + 15)

    days = presence_by_day(reversed(shifts), timezone="Asia/Ho_Chi_Minh", start=start, end=end)

    whole = time_in_states(shifts, start=start, end=end)
    assert list(days) == [nov(2) + timedelta(days=d) for d in range(7)]
    assert {state: sum(s[state] for s in days.values()) for state in whole} == whole
    assert days[nov(2)] == {"online": 6.5 * HOUR, "away": 1 * HOUR, "offline": 6.5 * HOUR}
    assert days[nov(8)] == {"online": 6 * HOUR, "away": 1 * HOUR, "offline": 8 * HOUR}
