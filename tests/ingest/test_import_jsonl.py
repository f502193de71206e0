"""Importing the canonical JSONL format into a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from conftest import FIXTURES
from cxqa.conversations.models import CallLeg, Conversation, HoldSegment, Message
from cxqa.conversations.service import get_conversation
from cxqa.customers.models import Customer, CustomerIdentity
from cxqa.ingest.formats.base import FileFormatError
from cxqa.ingest.models import ImportRun, ImportRunError
from cxqa.ingest.service import ImportSummary
from cxqa.ingest.writer import StoreWriter
from cxqa.org.models import Agent, AgentStatusEvent, Team, TeamHoliday
from cxqa.store.db import transaction
from importing import import_path
from store_snapshot import count, snapshot

SAMPLE = FIXTURES / "canonical_sample.jsonl"


def run_import(
    engine: Engine, writer: StoreWriter, path: Path, *, batch_size: int = 100, **context: Any
) -> ImportSummary:
    return import_path(engine, path, writer=writer, batch_size=batch_size, **context)


def conversation_line(external_id: str = "c-1", **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source": "test",
        "id": external_id,
        "channel": "chat",
        "messages": [
            {"role": "customer", "at": "2026-11-02T09:00:00+07:00", "text": "xin chào"},
            {"role": "agent", "agent": "an", "at": "2026-11-02T09:01:00+07:00", "text": "Dạ"},
        ],
    }
    record.update(changes)
    return record


def write_lines(path: Path, *lines: dict[str, Any] | str | bytes) -> Path:
    with path.open("wb") as handle:
        for line in lines:
            if isinstance(line, dict):
                line = json.dumps(line, ensure_ascii=False)
            handle.write(line if isinstance(line, bytes) else line.encode())
            handle.write(b"\n")
    return path


def test_sample_imports_every_fact(engine: Engine, writer: StoreWriter) -> None:
    summary = run_import(engine, writer, SAMPLE)

    assert summary.problems == []
    assert (summary.conversations_created, summary.messages_written) == (4, 9)
    with transaction(engine) as session:
        team = session.scalars(select(Team).where(Team.key == "cskh-shop")).one()
        assert team.name == "Chăm sóc khách hàng – Shop"
        assert team.business_hours["sat"] == [["08:00", "17:00"]]
        assert session.scalars(select(TeamHoliday.name)).all() == ["Quốc khánh"]
        lan = session.scalars(select(Agent).where(Agent.key == "lan.nguyen")).one()
        assert (lan.name, lan.team_id, str(lan.hired_on)) == (
            "Nguyễn Thị Lan",
            team.id,
            "2025-03-01",
        )
        assert session.scalars(select(AgentStatusEvent.status)).all() == ["online", "away"]
        zalo = session.scalars(
            select(Conversation).where(Conversation.external_id == "z-1001")
        ).one()
        assert zalo.status == "resolved"
        assert zalo.started_at == datetime(2026, 11, 2, 2, 0, 5, tzinfo=UTC)
        detail = get_conversation(session, conversation_id=zalo.id)
        assert detail is not None
        assert [m.author_role for m in detail.messages] == [
            "customer",
            "agent",
            "agent",
            "agent",
            "customer",
        ]
        assert [m.is_internal for m in detail.messages].count(True) == 1
        assert detail.customer is not None
        assert detail.customer.identities == {"phone": ["+84901234567"], "zalo": ["zl-88231"]}
        assert detail.customer.orders[0].ref == "DH2411001"
        assert detail.surveys[0].comment == "Nhân viên nhiệt tình"
        assert detail.tags == ["giao_hang_tre"]


def test_call_legs_keep_holds_transfers_and_abandons(engine: Engine, writer: StoreWriter) -> None:
    run_import(engine, writer, SAMPLE)

    with transaction(engine) as session:
        legs = session.scalars(select(CallLeg).order_by(CallLeg.conversation_id, CallLeg.seq)).all()
        assert [leg.outcome for leg in legs] == ["transferred", "answered", "abandoned"]
        assert legs[2].answered_at is None
        hold = session.scalars(select(HoldSegment)).one()
        assert hold.call_leg_id == legs[0].id
        assert (hold.ended_at - hold.started_at).total_seconds() == 75
        customer = session.scalars(select(Customer).where(Customer.name == "Lê Văn Tùng")).one()
        assert customer.key == "phone:+84987654321"


def test_reimport_leaves_the_store_exactly_as_it_was(engine: Engine, writer: StoreWriter) -> None:
    run_import(engine, writer, SAMPLE)
    before = snapshot(engine)

    again = run_import(engine, StoreWriter(engine, default_timezone="Asia/Ho_Chi_Minh"), SAMPLE)

    assert snapshot(engine) == before
    assert (again.conversations_created, again.conversations_updated) == (0, 0)
    assert again.conversations_unchanged == 4


def test_changed_record_updates_in_place(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    first = conversation_line(tags=["a"])
    run_import(engine, writer, write_lines(tmp_path / "v1.jsonl", first))
    with transaction(engine) as session:
        original_id = session.scalars(select(Conversation.id)).one()
    changed = conversation_line(
        tags=["b"],
        messages=[
            *first["messages"],
            {"role": "customer", "at": "2026-11-02T09:05:00+07:00", "text": "ok"},
        ],
    )

    summary = run_import(engine, writer, write_lines(tmp_path / "v2.jsonl", changed))

    assert (summary.conversations_created, summary.conversations_updated) == (0, 1)
    with transaction(engine) as session:
        detail = get_conversation(session, conversation_id=original_id)
        assert detail is not None
        assert detail.tags == ["b"]
        assert [m.text for m in detail.messages] == ["xin chào", "Dạ", "ok"]
    assert count(engine, "messages") == 3


BAD_LINES: list[tuple[str, bytes | dict[str, Any], str | None, str]] = [
    ("malformed json", b'{"source": "test", "id": ', None, "Invalid JSON"),
    ("missing field", {"source": "test", "channel": "chat"}, "id", "Field required"),
    ("wrong type", conversation_line(priority=3), "priority", "Input should be"),
    (
        "bad timestamp",
        conversation_line(messages=[{"role": "customer", "at": "2026-13-45T25:00", "text": "x"}]),
        "messages[0].at",
        "datetime",
    ),
    (
        "timestamp without offset",
        conversation_line(
            messages=[{"role": "customer", "at": "2026-11-02T09:00:00", "text": "x"}]
        ),
        "messages[0].at",
        "no UTC offset",
    ),
    ("unknown channel", conversation_line(channel="fax"), "channel", "'zalo'"),
    ("unknown field", conversation_line(colour="red"), "colour", "Extra inputs"),
    (
        "csat out of range",
        conversation_line(
            surveys=[{"type": "csat", "score": 9, "at": "2026-11-02T10:00:00+07:00"}]
        ),
        "surveys[0]",
        "outside 1-5",
    ),
    ("unknown record type", {"type": "invoice"}, None, "'type' must be"),
]


@pytest.mark.parametrize(
    ("case", "line", "field", "message"), BAD_LINES, ids=[b[0] for b in BAD_LINES]
)
def test_bad_record_is_reported_and_skipped_the_rest_imports(
    engine: Engine,
    writer: StoreWriter,
    tmp_path: Path,
    case: str,
    line: bytes | dict[str, Any],
    field: str | None,
    message: str,
) -> None:
    path = write_lines(
        tmp_path / "mixed.jsonl", conversation_line("good-1"), line, conversation_line("good-2")
    )

    summary = run_import(engine, writer, path)

    assert summary.records_skipped == 1
    problem = summary.problems[0]
    assert (problem.line, problem.field) == (2, field)
    assert message in problem.message
    assert summary.conversations_created == 2
    with transaction(engine) as session:
        stored = session.scalars(select(ImportRunError)).one()
        assert (stored.line, stored.field) == (2, field)


def test_bad_conversation_is_not_half_written(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    messages = [
        {"role": "customer", "at": "2026-11-02T09:00:00+07:00", "text": "một"},
        {"role": "agent", "at": "2026-11-02T09:01:00+07:00", "text": "hai"},
        {"role": "customer", "at": "yesterday", "text": "ba"},
    ]
    path = write_lines(tmp_path / "bad.jsonl", conversation_line(messages=messages))

    summary = run_import(engine, writer, path)

    assert summary.problems[0].field == "messages[2].at"
    assert count(engine, "conversations") == 0
    assert count(engine, "messages") == 0
    assert count(engine, "customers") == 0


def test_duplicate_id_in_one_file_keeps_the_first(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    path = write_lines(
        tmp_path / "dup.jsonl",
        conversation_line("same", subject="first"),
        conversation_line("other"),
        conversation_line("same", subject="second"),
    )

    summary = run_import(engine, writer, path, batch_size=1)

    problem = summary.problems[0]
    assert (problem.line, problem.field) == (3, "id")
    assert "first at line 1" in problem.message
    with transaction(engine) as session:
        subjects = session.scalars(select(Conversation.subject).order_by(Conversation.id)).all()
    assert subjects == ["first", None]


def test_invalid_utf8_line_is_reported_with_its_column(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    # a Windows-1258 export: "Cà phê" is not UTF-8 there
    windows = conversation_line(
        "cp1258",
        messages=[{"role": "customer", "at": "2026-11-02T09:00:00+07:00", "text": "Cà phê"}],
    )
    latin1 = json.dumps(windows, ensure_ascii=False).encode("cp1258")
    path = write_lines(tmp_path / "enc.jsonl", conversation_line("ok"), latin1)

    summary = run_import(engine, writer, path)

    problem = summary.problems[0]
    assert problem.line == 2
    assert "not valid UTF-8" in problem.message
    assert summary.conversations_created == 1


def test_utf16_file_is_refused_as_a_whole(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    path = tmp_path / "utf16.jsonl"
    path.write_text(json.dumps(conversation_line()) + "\n", encoding="utf-16")

    with pytest.raises(FileFormatError, match="UTF-16"):
        run_import(engine, writer, path)


def test_a_50_mb_line_is_skipped_without_loading_it(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    huge = conversation_line("huge", subject="x")
    huge["attributes"] = {"blob": "a" * (50 * 1024 * 1024)}
    path = write_lines(
        tmp_path / "huge.jsonl", conversation_line("before"), huge, conversation_line("after")
    )

    summary = run_import(engine, writer, path, max_record_bytes=16 * 1024 * 1024)

    assert [(p.line, p.field) for p in summary.problems] == [(2, None)]
    assert "longer than 16,777,216 bytes" in summary.problems[0].message
    assert summary.conversations_created == 2


def test_assume_timezone_applies_to_naive_timestamps(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    from zoneinfo import ZoneInfo

    record = conversation_line(
        messages=[{"role": "customer", "at": "2026-11-02 09:00:00", "text": "chào shop"}]
    )
    path = write_lines(tmp_path / "naive.jsonl", record)

    run_import(engine, writer, path, assume_timezone=ZoneInfo("Asia/Ho_Chi_Minh"))

    with transaction(engine) as session:
        sent_at = session.scalars(select(Message.sent_at)).one()
    assert sent_at == datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def test_import_run_is_recorded(engine: Engine, writer: StoreWriter, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "run.jsonl", conversation_line(), b"not json")

    summary = run_import(engine, writer, path)

    with transaction(engine) as session:
        run = session.get_one(ImportRun, summary.run_id)
        assert (run.state, run.conversations_created, run.records_skipped) == ("finished", 1, 1)
        assert run.finished_at is not None


def test_customer_seen_on_two_channels_is_one_record(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    zalo = conversation_line(
        "z", channel="zalo", customer={"id": "kh-1", "name": "Hà", "channel_ids": {"zalo": "z9"}}
    )
    phone = conversation_line(
        "p", channel="phone", customer={"id": "kh-1", "phones": ["+84900000001"]}
    )
    path = write_lines(tmp_path / "two.jsonl", zalo, phone)

    run_import(engine, writer, path)
    run_import(engine, writer, path)

    with transaction(engine) as session:
        customer = session.scalars(select(Customer)).one()
        assert customer.name == "Hà"
        kinds = session.scalars(select(CustomerIdentity.kind).order_by(CustomerIdentity.kind))
        assert kinds.all() == ["phone", "zalo"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (
            {
                "messages": [
                    {"role": "customer", "at": "2026-11-02T09:00:00+07:00", "text": "a\u0000b"}
                ]
            },
            "messages[0].text",
        ),
        ({"subject": "nul\u0000"}, "subject"),
        ({"source": "s" * 201}, "source"),
        ({"language": "zh-Hant-TW-abcdefgh-abcdefgh-abcdefgh"}, "language"),
    ],
)
def test_values_one_store_would_refuse_are_refused_by_both(
    engine: Engine, writer: StoreWriter, tmp_path: Path, changes: dict[str, Any], field: str
) -> None:
    path = write_lines(
        tmp_path / "edge.jsonl", conversation_line("bad", **changes), conversation_line("ok")
    )

    summary = run_import(engine, writer, path, batch_size=1)

    assert [(p.line, p.field) for p in summary.problems] == [(1, field)]
    assert summary.conversations_created == 1


def test_longest_allowed_values_fit_both_stores(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    email = "a" * 64 + "@" + "b" * 250 + ".vn"
    record = conversation_line(
        "s" * 200,
        source="x" * 200,
        language="zh-Hant-TW",
        customer={"emails": [email], "name": "n" * 300},
        tags=["t" * 100],
    )

    summary = run_import(engine, writer, write_lines(tmp_path / "long.jsonl", record), batch_size=1)

    assert summary.problems == []
    assert summary.conversations_created == 1


def test_unknown_field_with_a_very_long_name_is_reported(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    path = write_lines(tmp_path / "key.jsonl", conversation_line(**{"k" * 400: 1}))

    summary = run_import(engine, writer, path)

    assert summary.problems[0].field == "k" * 400
    with transaction(engine) as session:
        assert session.scalars(select(ImportRunError.field)).one() == "k" * 400


def test_the_same_id_twice_on_one_line_is_a_duplicate(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    from cxqa.ingest.formats.base import Parsed
    from cxqa.ingest.pipeline import DuplicateGuard
    from cxqa.ingest.schemas import ConversationRecord

    guard = DuplicateGuard()
    first = Parsed(1, ConversationRecord.model_validate(conversation_line("same")))
    second = Parsed(1, ConversationRecord.model_validate(conversation_line("same", subject="2")))

    assert guard.check(first) is None
    rejected = guard.check(second)
    assert rejected is not None
    assert "first at line 1" in rejected.message


def test_team_and_agent_lines_change_only_the_fields_they_give(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    run_import(engine, writer, SAMPLE)
    path = write_lines(
        tmp_path / "partial.jsonl",
        {"type": "agent", "id": "lan.nguyen", "email": "lan@shop.vn"},
        {"type": "team", "id": "cskh-shop", "holidays": []},
    )

    run_import(engine, writer, path)

    with transaction(engine) as session:
        lan = session.scalars(select(Agent).where(Agent.key == "lan.nguyen")).one()
        team = session.scalars(select(Team).where(Team.key == "cskh-shop")).one()
        holidays = session.scalars(select(TeamHoliday)).all()
    assert (lan.name, lan.email, str(lan.hired_on)) == (
        "Nguyễn Thị Lan",
        "lan@shop.vn",
        "2025-03-01",
    )
    assert (team.name, team.business_hours["sat"]) == (
        "Chăm sóc khách hàng – Shop",
        [["08:00", "17:00"]],
    )
    assert holidays == []


def test_an_adapter_never_overwrites_curated_teams_and_agents(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    from cxqa.ingest.formats.twcs import TwcsReader

    curated = write_lines(
        tmp_path / "curated.jsonl",
        {
            "type": "team",
            "id": "AppleSupport",
            "name": "Apple Support",
            "timezone": "America/Los_Angeles",
        },
        {"type": "agent", "id": "AppleSupport:JK", "name": "Jane Kim", "email": "jk@example.com"},
    )
    run_import(engine, writer, curated)

    import_path(
        engine, FIXTURES / "twcs_sample.csv", writer=writer, reader=TwcsReader(), batch_size=5
    )

    with transaction(engine) as session:
        team = session.scalars(select(Team).where(Team.key == "AppleSupport")).one()
        agent = session.scalars(select(Agent).where(Agent.key == "AppleSupport:JK")).one()
        created = session.scalars(select(Agent.name).where(Agent.key != "AppleSupport:JK")).all()
    assert (team.name, team.timezone) == ("Apple Support", "America/Los_Angeles")
    assert (agent.name, agent.email) == ("Jane Kim", "jk@example.com")
    assert created  # agents new to the store are still created from their signatures


def test_a_record_with_many_problems_is_read_and_skipped_once(
    engine: Engine, writer: StoreWriter, tmp_path: Path
) -> None:
    bad = {"source": "s", "id": "x", "channel": "fax", "priority": 9, "colour": "red"}
    path = write_lines(tmp_path / "bad.jsonl", bad, bad | {"id": "y"})

    summary = run_import(engine, writer, path, batch_size=1)

    assert summary.problem_count == 6
    assert (summary.records_read, summary.records_skipped) == (2, 2)
