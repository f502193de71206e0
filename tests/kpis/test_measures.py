"""Per-conversation measures, each pinned against values worked out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxqa.kpis.measures import (
    ConversationFacts,
    LegFact,
    MeasureRules,
    MessageFact,
    measure,
    resolution_time,
    response_waits,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=HANOI)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def customer(minutes: float) -> MessageFact:
    return MessageFact("customer", at(minutes))


def agent(minutes: float, *, internal: bool = False) -> MessageFact:
    return MessageFact("agent", at(minutes), internal=internal)


def bot(minutes: float) -> MessageFact:
    return MessageFact("bot", at(minutes))


def chat(*messages: MessageFact, statuses: tuple[tuple[float, str], ...] = ()) -> ConversationFacts:
    return ConversationFacts(
        started_at=min(m.at for m in messages),
        messages=messages,
        statuses=[(at(minute), status) for minute, status in statuses],
    )


def test_first_response_runs_from_the_first_customer_message_to_the_first_human_reply() -> None:
    facts = chat(
        customer(0), customer(1), agent(3, internal=True), agent(5), customer(6), agent(20)
    )

    measures = measure(facts)

    assert measures.first_response_seconds == 5 * 60  # the internal note at 3 is no reply
    assert measures.response_waits == (5 * 60, 14 * 60)
    assert measures.agent_replies == 2


def test_bot_hand_off_starts_the_clock() -> None:
    # customer writes, the bot answers twice, hands off at 2; the agent replies at 4
    facts = chat(customer(0), bot(0.1), customer(1), bot(2), agent(4))

    measures = measure(facts)

    assert measures.first_response_seconds == 2 * 60
    assert measures.response_waits == (2 * 60,)


def test_no_agent_reply_yet_is_no_data_not_zero() -> None:
    facts = chat(customer(0), bot(0.1), customer(2))

    measures = measure(facts)

    assert measures.first_response_seconds is None
    assert measures.response_waits == ()
    assert measures.handle_seconds is None
    assert measures.resolved is False
    assert measures.resolution_seconds is None


def test_reopening_starts_a_new_contact_cycle() -> None:
    facts = chat(
        customer(0),
        agent(10),
        customer(60),  # after resolution at 15; reopened at 61
        agent(90),
        statuses=((0, "open"), (15, "resolved"), (61, "open"), (100, "resolved"), (200, "closed")),
    )

    measures = measure(facts)

    assert measures.reopened is True
    # the customer's message at 60 caused the reopening at 61: it opens cycle two
    assert measures.cycle_first_responses == (10 * 60, 30 * 60)
    assert measures.resolution_seconds == 100 * 60  # the last resolution, not the closing
    assert measures.replies_to_resolve == 2


def test_each_reopened_cycle_has_its_first_response() -> None:
    facts = chat(
        customer(0),
        agent(10),
        customer(70),
        agent(75),
        statuses=((15, "resolved"), (65, "open"), (80, "resolved")),
    )

    measures = measure(facts)

    assert measures.first_response_seconds == 10 * 60
    assert measures.cycle_first_responses == (10 * 60, 5 * 60)


@pytest.mark.parametrize(
    ("statuses", "resolved_at"),
    [
        ([(1, "open"), (2, "resolved"), (3, "closed")], 2),
        ([(2, "resolved"), (3, "open"), (4, "pending"), (5, "closed")], 5),
        ([(2, "resolved"), (3, "open")], None),
        ([], None),
    ],
)
def test_resolution_time(statuses: list[tuple[int, str]], resolved_at: int | None) -> None:
    expected = None if resolved_at is None else at(resolved_at)

    assert resolution_time([(at(m), s) for m, s in statuses]) == expected


def test_written_handle_time_caps_each_gap() -> None:
    facts = chat(customer(0), agent(2), customer(3), agent(30), agent(31))

    measures = measure(facts, MeasureRules(written_handle_cap_seconds=300))

    # 2 min, then 27 min capped at 5, then 1 min
    assert measures.handle_seconds == (2 + 5 + 1) * 60
    assert measures.talk_seconds is None
    assert measures.answered is None


def answered_leg(start: float, wait: float, talk: float, **extra: object) -> LegFact:
    answered = at(start + wait)
    return LegFact(
        queued_at=at(start),
        answered_at=answered,
        ended_at=answered + timedelta(minutes=talk),
        **extra,  # type: ignore[arg-type]
    )


def test_call_handle_time_is_talk_plus_hold_plus_wrap_up_over_answered_legs() -> None:
    first = answered_leg(
        0,
        0.5,
        6,
        holds=((at(2), at(3)), (at(4), at(4.5))),
        outcome="transferred",
        wrap_up_ended_at=at(7),
    )
    second = answered_leg(6.5, 1, 4, wrap_up_ended_at=at(12.5))
    facts = ConversationFacts(started_at=at(0), legs=[second, first], transfer_events=1)

    measures = measure(facts)

    assert measures.hold_seconds == 1.5 * 60
    assert measures.talk_seconds == (6 - 1.5 + 4) * 60
    assert measures.wrap_up_seconds == (0.5 + 1) * 60
    assert measures.handle_seconds == (6 + 4 + 1.5) * 60
    assert measures.answered is True
    assert measures.answer_wait_seconds == 30  # the first leg's, the contact's
    assert measures.transfers == 1  # the event and the leg are the same transfer


@pytest.mark.parametrize("wait_seconds", [4, 95])
def test_abandoned_call_keeps_how_long_the_caller_waited(wait_seconds: int) -> None:
    leg = LegFact(
        queued_at=at(0),
        answered_at=None,
        ended_at=at(0) + timedelta(seconds=wait_seconds),
        outcome="abandoned",
    )

    measures = measure(ConversationFacts(started_at=at(0), legs=[leg]))

    assert measures.answered is False
    assert measures.abandon_wait_seconds == wait_seconds
    assert measures.answer_wait_seconds is None
    assert measures.handle_seconds == 0


def test_elapsed_time_is_real_time_across_a_clock_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # the night of 29 March 2026: 01:30 to 03:30 local is one hour
    waits = response_waits(
        [
            MessageFact("customer", datetime(2026, 3, 29, 1, 30, tzinfo=berlin)),
            MessageFact("agent", datetime(2026, 3, 29, 3, 30, tzinfo=berlin)),
        ]
    )

    assert waits == (3600,)


def test_a_proactive_message_is_not_a_first_response() -> None:
    facts = chat(agent(0), customer(5), agent(8))

    measures = measure(facts)

    assert measures.first_response_seconds == 3 * 60
    assert measures.response_waits == (3 * 60,)
    assert measures.handle_seconds == 3 * 60  # the opening message has no gap before it


def test_latest_survey_answer_of_each_kind() -> None:
    facts = ConversationFacts(
        started_at=at(0),
        messages=[customer(0), agent(1)],
        surveys=[(at(30), "csat", 2), (at(10), "csat", 5), (at(11), "nps", 9)],
    )

    assert measure(facts).scores == {"csat": 2, "nps": 9}


def test_a_leg_that_rang_out_and_went_back_to_the_queue_is_no_abandon() -> None:
    rang_out = LegFact(queued_at=at(0), answered_at=None, ended_at=at(1), outcome="no_answer")
    answered = answered_leg(1, 0.5, 3)

    measures = measure(ConversationFacts(started_at=at(0), legs=[rang_out, answered]))

    assert measures.answered is True
    assert measures.answer_wait_seconds == 1.5 * 60  # first queueing to the first answer
    assert measures.abandon_wait_seconds is None
    assert measures.handle_seconds == 3 * 60


def test_a_call_transcript_gives_no_written_response_times() -> None:
    leg = answered_leg(0, 0.2, 5)
    facts = ConversationFacts(
        started_at=at(0),
        legs=[leg],
        messages=[customer(0.5), agent(1), customer(2), agent(2.5)],
        statuses=[(at(5.5), "resolved")],
    )

    measures = measure(facts)

    assert measures.first_response_seconds is None
    assert measures.response_waits == ()
    assert measures.replies_to_resolve is None
    assert measures.answer_wait_seconds == 12  # the call's wait is the queue


def test_when_a_bot_settled_the_first_cycle_the_reopening_gets_the_first_response() -> None:
    facts = chat(
        customer(0),
        bot(0.5),
        customer(60),
        agent(70),
        statuses=((1, "resolved"), (60, "open"), (80, "resolved")),
    )

    measures = measure(facts)

    # the second cycle starts at the resolution it undid (minute 1); the customer wrote at 60
    assert measures.first_response_seconds == 10 * 60
    assert measures.cycle_first_responses == (10 * 60,)


def test_status_changes_at_one_instant_keep_their_recorded_order() -> None:
    # resolved then reopened in the same second: open now, not resolved
    facts = chat(customer(0), agent(1), statuses=((2, "resolved"), (2, "open")))

    measures = measure(facts)

    assert measures.resolved is False
    assert measures.reopened is True


def test_a_wait_left_open_at_a_resolution_ends_there() -> None:
    # the bot settled the first cycle with the customer's question unanswered by a person;
    # after the reopening the agent answers within a minute
    facts = chat(
        customer(0),
        bot(0.5),
        customer(60),
        agent(61),
        statuses=((1, "resolved"), (60, "open"), (70, "resolved")),
    )

    measures = measure(facts)

    assert measures.response_waits == (60,)  # not 61 minutes from the first question
    assert measures.first_response_seconds == 60
