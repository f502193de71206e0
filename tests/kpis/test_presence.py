"""Time in each presence state, worked out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from cxqa.kpis.presence import time_in_states

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
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
