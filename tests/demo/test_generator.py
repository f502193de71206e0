"""What a QA manager opening the demo data set should be able to find in it."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import islice, pairwise
from zoneinfo import ZoneInfo

import pytest
from pydantic import BaseModel

from cxqa.demo import AgentProfile, DemoSpec, agent_profiles, generate_demo
from cxqa.demo.org import TeamSpec, teams_for
from cxqa.ingest.schemas import (
    AgentRecord,
    AgentStatusRecord,
    AuthorRole,
    CallOutcome,
    Channel,
    ConversationRecord,
    Record,
    StatusEvent,
    SurveyKind,
    TeamRecord,
    TransferEvent,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SPEC = DemoSpec(end=date(2026, 9, 15), scale=0.1)


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return list(generate_demo(SPEC))


@pytest.fixture(scope="module")
def conversations(records: list[Record]) -> list[ConversationRecord]:
    return [r for r in records if isinstance(r, ConversationRecord)]


@pytest.fixture(scope="module")
def profiles() -> dict[str, AgentProfile]:
    return agent_profiles(SPEC)


@pytest.fixture(scope="module")
def teams() -> dict[str, TeamSpec]:
    return {team.id: team for team in teams_for(SPEC.window)}


def agent_messages(conversations: list[ConversationRecord], agent: str) -> Iterator[str]:
    for conversation in conversations:
        for message in conversation.messages:
            if message.agent == agent and not message.internal:
                yield message.text


def csat_by_agent(conversations: list[ConversationRecord]) -> dict[str, list[int]]:
    scores: dict[str, list[int]] = defaultdict(list)
    for conversation in conversations:
        for survey in conversation.surveys:
            if survey.type is SurveyKind.CSAT and conversation.agent:
                scores[conversation.agent].append(survey.score)
    return scores


def local(moment: datetime) -> datetime:
    return moment.astimezone(TZ)


# --- the spec and the stream ------------------------------------------------------------------


def test_same_spec_gives_the_same_records() -> None:
    spec = DemoSpec(seed=7, days=10, end=date(2026, 3, 20), scale=0.1)
    first = [r.model_dump_json() for r in generate_demo(spec)]
    second = [r.model_dump_json() for r in generate_demo(spec)]
    assert first == second


def test_another_seed_gives_other_conversations() -> None:
    def head(seed: int) -> list[str]:
        spec = DemoSpec(seed=seed, days=3, end=date(2026, 3, 20), scale=0.2)
        found = (r for r in generate_demo(spec) if isinstance(r, ConversationRecord))
        return [r.model_dump_json() for r in islice(found, 20)]

    assert head(1) != head(2)


@pytest.mark.parametrize(("days", "scale"), [(0, 1.0), (10, 0.0), (10, -1.0)])
def test_spec_rejects_empty_data_sets(days: int, scale: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        DemoSpec(end=date(2026, 1, 1), days=days, scale=scale)


def test_records_come_teams_agents_presence_conversations(records: list[Record]) -> None:
    order: list[type[BaseModel]] = [TeamRecord, AgentRecord, AgentStatusRecord, ConversationRecord]
    kinds = [order.index(type(r)) for r in records]
    assert kinds == sorted(kinds)
    assert set(kinds) == {0, 1, 2, 3}


def test_conversation_ids_are_unique_and_numbered(conversations: list[ConversationRecord]) -> None:
    ids = [c.id for c in conversations]
    assert len(set(ids)) == len(ids)
    assert ids[:2] == ["demo-000001", "demo-000002"]
    assert {c.source for c in conversations} == {"demo"}


def test_every_fact_is_inside_the_window(conversations: list[ConversationRecord]) -> None:
    start = datetime.combine(SPEC.window.start, datetime.min.time(), TZ)
    for conversation in conversations:
        times = [m.at for m in conversation.messages] + [e.at for e in conversation.events]
        times += [s.at for s in conversation.surveys]
        times += [leg.wrap_up_ended_at or leg.ended_at for leg in conversation.calls]
        assert start <= min(times), conversation.id
        assert max(times) < SPEC.window.cutoff, conversation.id


# --- organisation -------------------------------------------------------------------------------


def test_four_teams_in_vietnam_with_holidays(records: list[Record]) -> None:
    teams = [r for r in records if isinstance(r, TeamRecord)]
    assert len(teams) == 4
    assert {t.timezone for t in teams} == {"Asia/Ho_Chi_Minh"}
    holidays = {h.date: h.name for h in teams[0].holidays}
    assert holidays[date(2026, 9, 2)] == "Quốc khánh"
    assert holidays[date(2026, 2, 17)] == "Tết Nguyên Đán"


def test_forty_agents_with_vietnamese_names(
    records: list[Record], profiles: dict[str, AgentProfile]
) -> None:
    agents = [r for r in records if isinstance(r, AgentRecord)]
    assert len(agents) == 40
    assert all(a.id.count(".") == 1 and a.id.isascii() for a in agents)
    assert all(a.email == f"{a.id}@senvang.vn" for a in agents)
    family_names = Counter((a.name or "").split()[0] for a in agents)
    assert family_names["Nguyễn"] >= 5
    assert sum(not (a.name or "").isascii() for a in agents) > 30
    assert set(profiles) == {a.id for a in agents}


def test_new_hires_start_inside_the_window_and_leavers_stop(
    records: list[Record], conversations: list[ConversationRecord]
) -> None:
    agents = {r.id: r for r in records if isinstance(r, AgentRecord)}
    new = [a for a in agents.values() if a.hired_on and a.hired_on > SPEC.window.start]
    left = [a for a in agents.values() if a.employment == "left"]
    assert len(new) >= 2
    assert 1 <= len(left) <= 2
    profiles = agent_profiles(SPEC)
    for conversation in conversations:
        for leg in conversation.calls:
            if leg.agent:
                worked = local(leg.queued_at).date()
                assert profiles[leg.agent].employed_on(worked), (conversation.id, leg.agent)


def test_presence_follows_shifts(records: list[Record]) -> None:
    days: dict[tuple[str, date], list[str]] = defaultdict(list)
    for record in records:
        if isinstance(record, AgentStatusRecord):
            days[(record.agent, local(record.at).date())].append(record.status.value)
    assert days
    for statuses in days.values():
        assert statuses[0] == "online"
        assert statuses[-1] == "offline"
    assert any("away" in statuses for statuses in days.values())


# --- channels, language, text -------------------------------------------------------------------


def test_all_channels_with_a_good_share_of_phone(conversations: list[ConversationRecord]) -> None:
    channels = Counter(c.channel for c in conversations)
    wanted = {Channel.PHONE, Channel.EMAIL, Channel.CHAT, Channel.FACEBOOK, Channel.ZALO}
    assert set(channels) == wanted
    assert channels[Channel.PHONE] / len(conversations) > 0.3


def test_volume_per_day_at_this_scale(conversations: list[ConversationRecord]) -> None:
    per_day = len(conversations) / SPEC.days
    assert 15 <= per_day <= 25  # 150-250 a day at scale 1


def test_mostly_vietnamese_some_english(conversations: list[ConversationRecord]) -> None:
    languages = Counter(c.language for c in conversations)
    assert set(languages) == {"vi", "en"}
    assert 0.8 <= languages["vi"] / len(conversations) <= 0.92


def test_customers_type_without_diacritics_and_abbreviate(
    conversations: list[ConversationRecord],
) -> None:
    written = [
        m.text
        for c in conversations
        if c.language == "vi" and c.channel is not Channel.PHONE
        for m in c.messages
        if m.role is AuthorRole.CUSTOMER
    ]
    plain = [text for text in written if text.isascii() and len(text.split()) >= 4]
    assert len(plain) / len(written) > 0.1
    words = Counter(word.strip("?,.") for text in written for word in text.split())
    for abbreviation in ("ko", "k", "dc", "sp"):
        assert words[abbreviation] > 0, abbreviation


def test_agents_greet_and_close_politely(conversations: list[ConversationRecord]) -> None:
    texts = [m.text for c in conversations for m in c.messages if m.role is AuthorRole.AGENT]
    assert any(t.startswith("Dạ em chào") for t in texts)
    assert any("còn cần em hỗ trợ gì thêm không ạ?" in t for t in texts)
    assert any("xin lỗi" in t for t in texts)


# --- behaviour a QA manager must find -----------------------------------------------------------


def test_the_curt_agent_is_curt_and_rated_low(
    conversations: list[ConversationRecord], profiles: dict[str, AgentProfile]
) -> None:
    curt = [key for key, p in profiles.items() if p.curt]
    assert len(curt) == 1
    said = list(agent_messages(conversations, curt[0]))
    assert said
    assert sum("ạ" in text for text in said) / len(said) < 0.1
    assert statistics.mean(len(text.split()) for text in said) < 6
    assert {"Đợi đi.", "Không biết, hỏi bên giao hàng."} & set(said)
    scores = csat_by_agent(conversations)
    best = [s for key, p in profiles.items() if p.archetype == "excellent" for s in scores[key]]
    assert statistics.mean(scores[curt[0]]) + 1.5 < statistics.mean(best)


def test_courtesy_skippers_greet_less_than_excellent_agents(
    conversations: list[ConversationRecord], profiles: dict[str, AgentProfile]
) -> None:
    greeted: dict[str, list[bool]] = defaultdict(list)
    for conversation in conversations:
        replies = [m for m in conversation.messages if m.role is AuthorRole.AGENT]
        if conversation.channel is Channel.CHAT and replies and replies[0].agent:
            first = replies[0].text.lower()
            markers = ("xin chào", "em chào", "em là", "hi ", "hello")
            greeting = any(marker in first for marker in markers)
            greeted[profiles[replies[0].agent].archetype].append(greeting)

    def rate(archetype: str) -> float:
        return sum(greeted[archetype]) / len(greeted[archetype])

    assert rate("skips_courtesy") < 0.5 < 0.9 < rate("excellent")


def test_slow_agents_answer_chats_later(
    conversations: list[ConversationRecord], profiles: dict[str, AgentProfile]
) -> None:
    # the agent's own latency: first reply minus the customer message just before it
    waits: dict[str, list[float]] = defaultdict(list)
    for conversation in conversations:
        if conversation.channel is not Channel.CHAT:
            continue
        messages = [m for m in conversation.messages if not m.internal]
        for before, reply in pairwise(messages):
            if reply.role is AuthorRole.AGENT and reply.agent:
                if before.role is AuthorRole.CUSTOMER:
                    wait = (reply.at - before.at).total_seconds()
                    waits[profiles[reply.agent].archetype].append(wait)
                break
    assert statistics.median(waits["slow"]) > 2 * statistics.median(waits["excellent"])


def test_abandoned_calls_short_and_long(conversations: list[ConversationRecord]) -> None:
    abandoned = [
        leg
        for c in conversations
        for leg in c.calls
        if leg.answered_at is None and leg.resolved_outcome is CallOutcome.ABANDONED
    ]
    durations = [(leg.ended_at - leg.queued_at).total_seconds() for leg in abandoned]
    assert any(d < 10 for d in durations)
    assert any(d > 60 for d in durations)
    phone = [c for c in conversations if c.channel is Channel.PHONE]
    assert 0.03 < len(abandoned) / len(phone) < 0.2


def test_transferred_calls_have_two_legs_and_an_event(
    conversations: list[ConversationRecord],
) -> None:
    transferred = [c for c in conversations if len(c.calls) == 2]
    assert transferred
    for conversation in transferred:
        first, second = conversation.calls
        assert first.outcome is CallOutcome.TRANSFERRED
        assert first.transferred_to is not None
        assert second.queued_at == first.ended_at
        assert second.agent != first.agent
        assert any(isinstance(e, TransferEvent) for e in conversation.events)
        assert conversation.agent == second.agent


def test_written_conversations_move_between_teams(conversations: list[ConversationRecord]) -> None:
    moved = [
        c
        for c in conversations
        if c.channel is not Channel.PHONE and any(isinstance(e, TransferEvent) for e in c.events)
    ]
    assert moved
    assert all(
        any(isinstance(e, TransferEvent) and e.to_team == c.team for e in c.events) for c in moved
    )


def test_holds_happen_while_talking(conversations: list[ConversationRecord]) -> None:
    held = [leg for c in conversations for leg in c.calls if leg.holds]
    assert held
    for leg in held:
        assert leg.answered_at is not None
        for hold in leg.holds:
            assert leg.answered_at <= hold.start < hold.end <= leg.ended_at


def test_some_conversations_are_reopened(conversations: list[ConversationRecord]) -> None:
    def reopened(conversation: ConversationRecord) -> bool:
        statuses = [e.status.value for e in conversation.events if isinstance(e, StatusEvent)]
        return any(a == "resolved" and b == "open" for a, b in pairwise(statuses))

    assert sum(reopened(c) for c in conversations) >= 10


def test_customers_contact_again_within_days(conversations: list[ConversationRecord]) -> None:
    contacts: dict[str, list[datetime]] = defaultdict(list)
    for conversation in conversations:
        assert conversation.customer is not None
        assert conversation.created_at is not None
        contacts[conversation.customer.key].append(conversation.created_at)
    repeats = [
        key
        for key, times in contacts.items()
        if any(b - a < timedelta(days=3) for a, b in pairwise(times))
    ]
    assert len(repeats) > 0.05 * len(contacts)


def test_calls_and_replies_happen_in_business_hours(
    conversations: list[ConversationRecord], teams: dict[str, TeamSpec]
) -> None:
    for conversation in conversations:
        for leg in conversation.calls:
            assert leg.team is not None
            assert teams[leg.team].is_open(local(leg.queued_at)), conversation.id
        if conversation.channel is Channel.PHONE or conversation.team is None:
            continue
        replies = [m for m in conversation.messages if m.role is AuthorRole.AGENT]
        if replies and not any(isinstance(e, TransferEvent) for e in conversation.events):
            assert teams[conversation.team].is_open(local(replies[0].at)), conversation.id


def test_surveys_on_a_third_of_conversations(conversations: list[ConversationRecord]) -> None:
    with_csat = [c for c in conversations if any(s.type is SurveyKind.CSAT for s in c.surveys)]
    assert 0.25 < len(with_csat) / len(conversations) < 0.45
    kinds = {s.type for c in conversations for s in c.surveys}
    assert kinds == {SurveyKind.CSAT, SurveyKind.NPS, SurveyKind.CES}
    comments = [s.comment for c in with_csat for s in c.surveys if s.comment]
    assert any("Nhân viên" in comment for comment in comments)


def test_customers_have_orders_identities_and_segments(
    conversations: list[ConversationRecord],
) -> None:
    customers = [c.customer for c in conversations if c.customer is not None]
    assert all(p.startswith("+84") and len(p) == 12 for c in customers for p in c.phones)
    assert {c.attributes["segment"] for c in customers} == {"vip", "regular", "new"}
    orders = [o for c in customers for o in c.orders]
    assert orders
    assert all(o.currency == "VND" and o.ref.startswith("DH") for o in orders)
    kinds = {kind for c in customers for kind in c.channel_ids}
    assert kinds == {"zalo", "facebook"}


def test_sale_days_are_busier_and_sundays_quieter(conversations: list[ConversationRecord]) -> None:
    per_day = Counter(local(c.created_at).date() for c in conversations if c.created_at)
    weekdays = [n for day, n in per_day.items() if day.weekday() < 5]
    sundays = [n for day, n in per_day.items() if day.weekday() == 6]
    sales = [date(2026, 7, 7), date(2026, 8, 8), date(2026, 9, 9)]
    assert statistics.mean(per_day[day] for day in sales) > 1.2 * statistics.median(weekdays)
    assert statistics.mean(sundays) < statistics.mean(weekdays)
