"""SLA policies and due times, worked out by hand for weekends, holidays and clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxqa.kpis.sla import (
    SlaOutcome,
    SlaPolicyRule,
    SlaTargets,
    policy_for,
    sla_outcome,
    targets_for,
)
from cxqa.org.business_time import BusinessCalendar

HOUR = 3600.0
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")  # UTC+7 all year
NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS_OPEN = {day: [["08:00", "17:30"]] for day in ("mon", "tue", "wed", "thu", "fri")}
# Wednesday 2 September 2026 (National Day) is a holiday
HANOI_TEAM = BusinessCalendar(
    timezone="Asia/Ho_Chi_Minh",
    hours=WEEKDAYS_OPEN | {"sat": [["08:00", "12:00"]]},
    holidays=frozenset({date(2026, 9, 2)}),
)
# open all Sunday only, so every due time lands on a Sunday the clocks may change
NEW_YORK_SUNDAYS = BusinessCalendar(
    timezone="America/New_York", hours={"sun": [["00:00", "24:00"]]}
)


def rule(rule_id: int, channel: str | None, priority: str | None) -> SlaPolicyRule:
    return SlaPolicyRule(
        id=rule_id,
        name=f"policy {rule_id}",
        channel=channel,
        priority=priority,
        first_response_seconds=HOUR,
        resolution_seconds=None,
    )


# listed out of id order so that ties are not won by list position
POLICIES = [
    rule(7, None, None),
    rule(1, None, None),
    rule(2, None, "urgent"),
    rule(3, "email", None),
    rule(5, "email", "urgent"),
    rule(4, "email", "urgent"),
    rule(6, "chat", "high"),
]


@pytest.mark.parametrize(
    ("channel", "priority", "expected_id"),
    [
        ("email", "urgent", 4),  # channel and priority; 4 and 5 tie, the lower id wins
        ("email", "low", 3),  # channel only beats the catch-all
        ("chat", "urgent", 2),  # priority only beats the catch-all
        ("chat", "high", 6),
        ("phone", "low", 1),  # the catch-all; 1 and 7 tie, the lower id wins
    ],
)
def test_the_most_specific_policy_applies(channel: str, priority: str, expected_id: int) -> None:
    policy = policy_for(POLICIES, channel, priority)

    assert policy is not None
    assert policy.id == expected_id


def test_priority_only_beats_channel_only_whatever_the_ids() -> None:
    policies = [rule(9, None, "urgent"), rule(1, "email", None)]

    assert policy_for(policies, "email", "urgent") == policies[0]


def test_each_target_comes_from_the_most_specific_policy_that_sets_it() -> None:
    urgent = SlaPolicyRule(1, "urgent", None, "urgent", None, 3600.0)
    email = SlaPolicyRule(2, "email", "email", None, 14400.0, 57600.0)

    targets = targets_for([email, urgent], "email", "urgent")

    assert targets.first_response == (email, 14400.0)  # urgent sets no first-response target
    assert targets.resolution == (urgent, 3600.0)
    assert targets_for([email, urgent], "chat", "low") == SlaTargets(None, None)


def test_no_policy_applies_without_a_catch_all() -> None:
    policies = [rule(2, None, "urgent"), rule(3, "email", None), rule(6, "chat", "high")]

    assert policy_for(policies, "phone", "low") is None
    assert policy_for([], "email", "urgent") is None


def hanoi(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HANOI)


@pytest.mark.parametrize(
    ("clock_start", "target", "due_at"),
    [
        # Friday 16:00, 4 h: 1.5 h on Friday, 2.5 h on Saturday from 08:00 -> Sat 10:30 (03:30 UTC)
        (hanoi(11, 6, 16), 4 * HOUR, datetime(2026, 11, 7, 3, 30, tzinfo=UTC)),
        # Saturday 11:00, 2 h: 1 h to noon, Sunday closed, 1 h from Monday 08:00 -> Mon 09:00
        (hanoi(11, 7, 11), 2 * HOUR, datetime(2026, 11, 9, 2, 0, tzinfo=UTC)),
        # Tuesday 20:00, the evening before the holiday, 2 h: Wednesday is skipped, Thursday
        # 08:00-10:00 -> Thu 10:00 (03:00 UTC)
        (hanoi(9, 1, 20), 2 * HOUR, datetime(2026, 9, 3, 3, 0, tzinfo=UTC)),
        # Tuesday 17:00, 2 h: 0.5 h on Tuesday, the holiday skipped, 1.5 h on Thursday -> 09:30
        (hanoi(9, 1, 17), 2 * HOUR, datetime(2026, 9, 3, 2, 30, tzinfo=UTC)),
        # a message at night with no time to add is due when the team opens: Tuesday 08:00
        (hanoi(11, 2, 22), 0.0, datetime(2026, 11, 3, 1, 0, tzinfo=UTC)),
    ],
)
def test_due_times_in_hanoi(clock_start: datetime, target: float, due_at: datetime) -> None:
    outcome = sla_outcome(clock_start, None, target, HANOI_TEAM)

    assert outcome == SlaOutcome(due_at=due_at, met=None)
    assert outcome.due_at is not None
    assert outcome.due_at.utcoffset() == timedelta(0)


def test_a_reply_exactly_at_the_due_time_meets_the_target() -> None:
    # due Saturday 10:30 Hanoi, 03:30 UTC
    due_at = datetime(2026, 11, 7, 3, 30, tzinfo=UTC)

    outcome = sla_outcome(hanoi(11, 6, 16), hanoi(11, 7, 10, 30), 4 * HOUR, HANOI_TEAM)

    assert outcome == SlaOutcome(due_at=due_at, met=True)


def test_a_reply_one_second_late_breaches_the_target() -> None:
    late = hanoi(11, 7, 10, 30) + timedelta(seconds=1)

    outcome = sla_outcome(hanoi(11, 6, 16), late, 4 * HOUR, HANOI_TEAM)

    assert outcome == SlaOutcome(due_at=datetime(2026, 11, 7, 3, 30, tzinfo=UTC), met=False)


def test_a_clock_still_running_is_pending_with_its_due_time() -> None:
    outcome = sla_outcome(hanoi(11, 6, 16), None, 4 * HOUR, HANOI_TEAM)

    assert outcome == SlaOutcome(due_at=datetime(2026, 11, 7, 3, 30, tzinfo=UTC), met=None)


def test_an_early_reply_in_another_zone_meets_the_target() -> None:
    # Friday 17:00 Hanoi is 10:00 UTC, well before Saturday 10:30 Hanoi
    reply = datetime(2026, 11, 6, 10, 0, tzinfo=UTC)

    assert sla_outcome(hanoi(11, 6, 16), reply, 4 * HOUR, HANOI_TEAM).met is True


def new_york(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("clock_start", "target", "due_at"),
    [
        # Sunday 8 March 01:00 EST (06:00 UTC) + 2 h elapsed = 08:00 UTC, which is 04:00 EDT:
        # the wall clock moved 3 hours because 02:00 became 03:00
        (new_york(3, 8, 1), 2 * HOUR, datetime(2026, 3, 8, 8, 0, tzinfo=UTC)),
        # Sunday 8 March 00:00 EST (05:00 UTC) + 24 h: that Sunday holds only 23 h (until
        # 04:00 UTC on Monday), the last hour comes from Sunday 15 March 00:00-01:00 EDT
        (new_york(3, 8, 0), 24 * HOUR, datetime(2026, 3, 15, 5, 0, tzinfo=UTC)),
        # Sunday 1 November 00:30 EDT (04:30 UTC) + 2 h elapsed = 06:30 UTC, which is the
        # second 01:30 (EST): the wall clock moved 1 hour because 02:00 became 01:00
        (new_york(11, 1, 0, 30), 2 * HOUR, datetime(2026, 11, 1, 6, 30, tzinfo=UTC)),
        # Sunday 1 November 00:00 EDT (04:00 UTC) + 25 h: that Sunday holds all 25 h, due at
        # its end, Monday 00:00 EST (05:00 UTC)
        (new_york(11, 1, 0), 25 * HOUR, datetime(2026, 11, 2, 5, 0, tzinfo=UTC)),
    ],
)
def test_due_times_count_elapsed_seconds_across_clock_changes(
    clock_start: datetime, target: float, due_at: datetime
) -> None:
    assert sla_outcome(clock_start, None, target, NEW_YORK_SUNDAYS).due_at == due_at


def test_a_calendar_that_never_opens_gives_no_due_time_and_no_verdict() -> None:
    closed = BusinessCalendar(timezone="Asia/Ho_Chi_Minh", hours={"mon": []})

    outcome = sla_outcome(hanoi(11, 2, 9), hanoi(11, 2, 10), HOUR, closed)

    assert outcome == SlaOutcome(due_at=None, met=None)


@pytest.mark.parametrize(
    ("clock_start", "target"),
    [
        (None, HOUR),  # for example no customer message yet: no first-response clock
        (hanoi(11, 2, 9), None),  # the policy sets no target of this kind
    ],
)
def test_no_clock_start_or_no_target_gives_no_due_time(
    clock_start: datetime | None, target: float | None
) -> None:
    outcome = sla_outcome(clock_start, hanoi(11, 2, 10), target, HANOI_TEAM)

    assert outcome == SlaOutcome(due_at=None, met=None)


def test_a_negative_target_is_an_error_not_a_missing_target() -> None:
    with pytest.raises(ValueError, match="negative"):
        sla_outcome(hanoi(11, 2, 9), None, -HOUR, HANOI_TEAM)
