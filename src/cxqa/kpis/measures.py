"""What one conversation measures, derived from its recorded facts by pure functions.

KPIs aggregate these per-conversation measures (sum ÷ count, medians, rates); nothing here
reads the store or the clock. Where helpdesks disagree on a convention, the choice is stated
next to the code that makes it, and the same text goes into docs/metrics.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise

RESOLVED_STATUSES = frozenset({"resolved", "closed"})


@dataclass(frozen=True)
class MessageFact:
    role: str  # customer, agent, bot, system
    at: datetime
    internal: bool = False

    @property
    def is_human_reply(self) -> bool:
        return self.role == "agent" and not self.internal


@dataclass(frozen=True)
class LegFact:
    queued_at: datetime
    answered_at: datetime | None
    ended_at: datetime
    wrap_up_ended_at: datetime | None = None
    holds: tuple[tuple[datetime, datetime], ...] = ()
    outcome: str = "answered"


@dataclass(frozen=True)
class ConversationFacts:
    started_at: datetime
    messages: Sequence[MessageFact] = ()
    statuses: Sequence[tuple[datetime, str]] = ()  # (at, status) in time order
    legs: Sequence[LegFact] = ()
    transfer_events: int = 0
    surveys: Sequence[tuple[datetime, str, int]] = ()  # (at, kind, score)


@dataclass(frozen=True)
class MeasureRules:
    """Conventions that users may switch (their settings live with the KPI registry)."""

    # a reply to a written message takes at most this long to write; a longer gap is waiting
    written_handle_cap_seconds: float = 300.0


Window = tuple[datetime, datetime]


@dataclass(frozen=True)
class Measures:
    first_response_window: Window | None  # (clock start, first human reply)
    first_response_seconds: float | None
    # first response of each contact cycle: the first one, then one per reopening
    cycle_first_responses: tuple[float, ...]
    response_waits: tuple[float, ...]
    resolved: bool
    reopened: bool
    resolution_seconds: float | None
    replies_to_resolve: int | None
    agent_replies: int
    talk_seconds: float | None
    hold_seconds: float | None
    wrap_up_seconds: float | None
    handle_seconds: float | None
    answered: bool | None  # None: not a call
    answer_wait_seconds: float | None
    abandon_wait_seconds: float | None
    transfers: int
    scores: dict[str, int] = field(default_factory=dict)  # latest answer per survey kind


def measure(facts: ConversationFacts, rules: MeasureRules | None = None) -> Measures:
    rules = rules or MeasureRules()
    messages = sorted(facts.messages, key=lambda m: m.at)
    resolved_at = resolution_time(facts.statuses)
    calls = _call_measures(facts.legs)
    if facts.legs:
        # a call's transcript lines are not replies: its wait is the queue (speed of answer)
        windows: list[Window | None] = []
        waits: tuple[float, ...] = ()
        handle = calls.handle
    else:
        cycles = cycle_starts(facts)
        windows = [_first_response_in_cycle(messages, start, end) for start, end in cycles]
        # a wait still open when the conversation was resolved ended there, unanswered
        waits = tuple(
            wait
            for start, end in cycles
            for wait in response_waits([m for m in messages if _within(m.at, start, end)])
        )
        handle = _written_handle_seconds(messages, rules)
    # the first cycle a person answered: when a bot settled the first, the reopening counts
    first = next((window for window in windows if window is not None), None)
    return Measures(
        first_response_window=first,
        first_response_seconds=_elapsed(*first) if first else None,
        cycle_first_responses=tuple(_elapsed(*window) for window in windows if window),
        response_waits=waits,
        resolved=resolved_at is not None,
        reopened=_reopened(facts.statuses),
        resolution_seconds=_seconds(facts.started_at, resolved_at),
        replies_to_resolve=(
            sum(1 for m in messages if m.is_human_reply and m.at <= resolved_at)
            if resolved_at and not facts.legs
            else None
        ),
        agent_replies=sum(1 for m in messages if m.is_human_reply),
        talk_seconds=calls.talk,
        hold_seconds=calls.hold,
        wrap_up_seconds=calls.wrap,
        handle_seconds=handle,
        answered=calls.answered,
        answer_wait_seconds=calls.answer_wait,
        abandon_wait_seconds=calls.abandon_wait,
        transfers=max(
            facts.transfer_events, sum(1 for leg in facts.legs if leg.outcome == "transferred")
        ),
        # the latest answer of each kind; answers at the same instant keep their recorded order
        scores={kind: score for _, kind, score in sorted(facts.surveys, key=lambda s: s[0])},
    )


def first_response_start(
    messages: Sequence[MessageFact], reply_at: datetime, since: datetime
) -> datetime | None:
    """When the clock of the reply at `reply_at` started: the first customer message since
    `since`, or the bot's last message before the reply if a bot served the customer first
    (the hand-off: time spent with the bot is not time waiting for a person)."""
    customer = next(
        (m.at for m in messages if m.role == "customer" and since <= m.at <= reply_at), None
    )
    if customer is None:
        return None
    bot = [m.at for m in messages if m.role == "bot" and customer <= m.at <= reply_at]
    return max(bot) if bot else customer


def _first_response_in_cycle(
    messages: Sequence[MessageFact], start: datetime, end: datetime | None
) -> Window | None:
    """The first human reply in the cycle that answers a customer; a proactive message sent
    before the customer wrote answers nothing and is passed over."""
    for message in messages:
        if message.at < start or (end is not None and message.at >= end):
            continue
        if message.is_human_reply:
            clock = first_response_start(messages, message.at, start)
            if clock is not None:
                return clock, message.at
    return None


def response_waits(messages: Sequence[MessageFact]) -> tuple[float, ...]:
    """Every customer wait ended by a human reply: from the customer message that opened the
    wait (or the bot's last message within it) to the reply. Internal notes end nothing; a
    wait with no reply yet is not a wait of any length."""
    waits = []
    opened: datetime | None = None
    for message in messages:
        starts_a_wait = message.role == "customer" and opened is None
        bot_is_serving = message.role == "bot" and opened is not None
        if starts_a_wait or bot_is_serving:
            opened = message.at
        elif message.is_human_reply and opened is not None:
            waits.append(_elapsed(opened, message.at))
            opened = None
    return tuple(waits)


def resolution_time(statuses: Sequence[tuple[datetime, str]]) -> datetime | None:
    """When the conversation was last resolved, if it still is: closing after resolving does
    not move it; reopening and resolving again does."""
    resolved_at = None
    for at, status in sorted(statuses, key=_time):
        resolved_at = (resolved_at or at) if status in RESOLVED_STATUSES else None
    return resolved_at


def _reopened(statuses: Sequence[tuple[datetime, str]]) -> bool:
    was_resolved = False
    for _, status in sorted(statuses, key=_time):
        if status in RESOLVED_STATUSES:
            was_resolved = True
        elif was_resolved:
            return True
    return False


def cycle_starts(facts: ConversationFacts) -> list[tuple[datetime, datetime | None]]:
    """Contact cycles. A reopening starts a new cycle back at the resolution it undid, so the
    customer message that caused the reopening belongs to the new cycle."""
    starts = [facts.started_at]
    resolved_at: datetime | None = None
    for at, status in sorted(facts.statuses, key=_time):
        if status in RESOLVED_STATUSES:
            resolved_at = resolved_at or at
        elif resolved_at is not None:
            starts.append(resolved_at)
            resolved_at = None
    ends: list[datetime | None] = [*starts[1:], None]
    return list(zip(starts, ends, strict=True))


@dataclass(frozen=True)
class _CallMeasures:
    talk: float | None = None
    hold: float | None = None
    wrap: float | None = None
    handle: float | None = None
    answered: bool | None = None
    answer_wait: float | None = None
    abandon_wait: float | None = None


def _call_measures(legs: Sequence[LegFact]) -> _CallMeasures:
    """Talk excludes hold; handle = talk + hold + wrap-up over the answered legs. The call was
    answered when any leg was (a leg that rang out and went back to the queue is not an
    abandon); the caller waited from the first queueing to the first answer, or, abandoned,
    to the end of the last leg."""
    if not legs:
        return _CallMeasures()
    ordered = sorted(legs, key=lambda leg: leg.queued_at)
    talk = hold = wrap = 0.0
    for leg in ordered:
        if leg.answered_at is None:
            continue
        leg_hold = sum(_elapsed(start, end) for start, end in leg.holds)
        hold += leg_hold
        talk += _elapsed(leg.answered_at, leg.ended_at) - leg_hold
        wrap += _seconds(leg.ended_at, leg.wrap_up_ended_at) or 0.0
    queued = ordered[0].queued_at
    answers = sorted(leg.answered_at for leg in ordered if leg.answered_at is not None)
    last_end = max(leg.ended_at for leg in ordered)
    return _CallMeasures(
        talk=talk,
        hold=hold,
        wrap=wrap,
        handle=talk + hold + wrap,
        answered=bool(answers),
        answer_wait=_seconds(queued, answers[0]) if answers else None,
        abandon_wait=None if answers else _seconds(queued, last_end),
    )


def _written_handle_seconds(messages: Sequence[MessageFact], rules: MeasureRules) -> float | None:
    """Active handling of a written conversation: for each human reply, the time since the
    message before it, capped (rules.written_handle_cap_seconds), since longer gaps are the
    agent doing something else. None when no agent replied."""
    total = 0.0
    replied = False
    for previous, message in pairwise(messages):
        if message.is_human_reply:
            replied = True
            gap = _elapsed(previous.at, message.at)
            total += min(gap, rules.written_handle_cap_seconds)
    if messages and messages[0].is_human_reply:
        replied = True  # an outbound first message: no gap before it to count
    return total if replied else None


def _within(moment: datetime, start: datetime, end: datetime | None) -> bool:
    return start <= moment and (end is None or moment < end)


def _time(status: tuple[datetime, str]) -> datetime:
    # sorting by time only keeps changes at the same instant in their recorded order
    return status[0]


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return _elapsed(start, end)


def _elapsed(start: datetime, end: datetime) -> float:
    # in UTC: subtracting two datetimes of one zone counts wall-clock time, not elapsed time
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds()
