"""Service-level targets: which policy applies to a conversation and whether it was met.

A policy sets up to two targets in business time (the team's opening hours, minus holidays,
in its time zone): first response and resolution. For each target the most specific policy
that sets it applies: one for the conversation's channel and priority, else one for its
priority, else one for its channel, else the catch-all; among equally specific policies the
oldest (lowest id) wins. Priority comes before channel because an urgent conversation is
urgent on every channel; and a policy that sets only one target leaves the other to the next
policy in that order.

- First response: the clock starts at the first-response clock start (the customer's first
  message, or the bot's last message if a bot served the customer first) and stops at the
  first human reply.
- Resolution: the clock starts when the conversation started and stops when it was resolved.

The due time is the clock start plus the target in business time, so nights, weekends and
holidays do not count, and a day on which the clocks change counts the time that really
passed. A target is met when the clock stops at or before the due time and breached when
it stops later. While the clock is still running the outcome is pending (no verdict yet):
whether it is already breached is decided when asked, by comparing the due time with the
current time. With no clock start, no target, or a calendar that is never open there is no
due time and no verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cxqa.org.business_time import BusinessCalendar, add_business_seconds


@dataclass(frozen=True)
class SlaPolicyRule:
    id: int
    name: str
    channel: str | None  # None: any channel
    priority: str | None  # None: any priority
    first_response_seconds: float | None  # business time; None: no first-response target
    resolution_seconds: float | None  # business time; None: no resolution target

    def applies_to(self, channel: str, priority: str) -> bool:
        return self.channel in (None, channel) and self.priority in (None, priority)


def policy_for(
    policies: Sequence[SlaPolicyRule], channel: str, priority: str
) -> SlaPolicyRule | None:
    """The most specific policy that applies, or None when none does."""
    return next(iter(_applying(policies, channel, priority)), None)


@dataclass(frozen=True)
class SlaTargets:
    """The targets that apply to one conversation, each with the policy that set it."""

    first_response: tuple[SlaPolicyRule, float] | None
    resolution: tuple[SlaPolicyRule, float] | None


def targets_for(policies: Sequence[SlaPolicyRule], channel: str, priority: str) -> SlaTargets:
    applying = _applying(policies, channel, priority)
    first_response = next(
        ((p, p.first_response_seconds) for p in applying if p.first_response_seconds is not None),
        None,
    )
    resolution = next(
        ((p, p.resolution_seconds) for p in applying if p.resolution_seconds is not None), None
    )
    return SlaTargets(first_response, resolution)


def _applying(
    policies: Sequence[SlaPolicyRule], channel: str, priority: str
) -> list[SlaPolicyRule]:
    matching = [policy for policy in policies if policy.applies_to(channel, priority)]
    return sorted(matching, key=lambda p: precedence(p.channel, p.priority, p.id))


def precedence(channel: str | None, priority: str | None, policy_id: int) -> tuple[int, int]:
    """Sort key of a policy, most specific first: 0 channel and priority, 1 priority only,
    2 channel only, 3 catch-all; then the oldest."""
    return 2 * (priority is None) + (channel is None), policy_id


@dataclass(frozen=True)
class SlaOutcome:
    due_at: datetime | None  # UTC; None when no target applies or the calendar is never open
    met: bool | None  # True met, False breached, None pending or no target


_NO_TARGET = SlaOutcome(due_at=None, met=None)


def sla_outcome(
    clock_start: datetime | None,
    done_at: datetime | None,
    target_seconds: float | None,
    calendar: BusinessCalendar,
) -> SlaOutcome:
    """Due time and verdict of one target; `done_at` None means the clock is still running."""
    if clock_start is None or target_seconds is None:
        return _NO_TARGET
    if target_seconds < 0:
        # a configuration error, not a calendar without hours: do not hide it as "no target"
        raise ValueError("an SLA target must not be negative")
    try:
        due_at = add_business_seconds(clock_start, target_seconds, calendar)
    except ValueError:  # the calendar has no opening hours (within three years)
        return _NO_TARGET
    met = None if done_at is None else done_at <= due_at
    return SlaOutcome(due_at=due_at, met=met)
