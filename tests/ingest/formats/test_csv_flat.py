"""The flat CSV format: real files, read the way `cxqa import --format csv` reads them."""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cxqa.ingest.formats.base import FileFormatError, Item, Parsed, ReadContext, Rejected
from cxqa.ingest.formats.csv_flat import COLUMNS, CsvReader
from cxqa.ingest.schemas import (
    AuthorRole,
    Channel,
    ConversationRecord,
    ConversationStatus,
    StatusEvent,
    SurveyKind,
)

FIXTURES = Path(__file__).parents[2] / "fixtures"
DOCS = Path(__file__).parents[3] / "docs" / "formats" / "csv.md"
SAIGON = ZoneInfo("Asia/Ho_Chi_Minh")
HEADER = "conversation_id,channel,role,sent_at,text\n"


def read(path: Path, **options: Any) -> list[Item]:
    return list(CsvReader().read(path, ReadContext(**options)))


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def conversations(items: list[Item]) -> dict[str, ConversationRecord]:
    found = {}
    for item in items:
        if isinstance(item, Parsed):
            assert isinstance(item.record, ConversationRecord)
            found[item.record.id] = item.record
    return found


def rejections(items: list[Item]) -> list[Rejected]:
    return [item for item in items if isinstance(item, Rejected)]


def at(text: str) -> datetime:
    """An instant, compared by equality whatever offset the schema keeps."""
    return datetime.fromisoformat(text)


# --- The Vietnamese sample ---------------------------------------------------------------------


@pytest.fixture
def sample() -> list[Item]:
    return read(FIXTURES / "flat_sample.csv", assume_timezone=SAIGON)


def test_sample_is_excel_utf8_with_a_bom_and_crlf() -> None:
    data = (FIXTURES / "flat_sample.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert b"\r\n" in data


def test_sample_imports_every_conversation_at_its_first_row(sample: list[Item]) -> None:
    assert rejections(sample) == []
    lines = {
        item.record.id: item.line
        for item in sample
        if isinstance(item, Parsed) and isinstance(item.record, ConversationRecord)
    }
    # The Zalo conversation's third message spans lines 4-5; the e-mail body spans 14-20.
    assert lines == {"ZL-1001": 2, "FB-2002": 8, "CHAT-3003": 11, "EM-4004": 14}


def test_sample_zalo_conversation(sample: list[Item]) -> None:
    zalo = conversations(sample)["ZL-1001"]
    assert (zalo.source, zalo.channel, zalo.team, zalo.agent) == (
        "zalo-oa",
        Channel.ZALO,
        "cskh-shop",
        "lan.nguyen",
    )
    assert zalo.tags == ["don-hang", "vip"]
    assert zalo.customer is not None
    assert zalo.customer.name == "Nguyễn Thị Mai"
    assert zalo.customer.phones == ["+84901234567"]  # national numbers take +84
    assert zalo.customer.channel_ids == {"zalo": "4412345678901234567"}
    assert [m.role for m in zalo.messages] == [AuthorRole.CUSTOMER, AuthorRole.AGENT] * 2 + [
        AuthorRole.AGENT
    ]
    assert zalo.messages[0].author_name == "Mai Nguyễn"
    assert zalo.messages[1].agent == "lan.nguyen"
    assert zalo.messages[0].text == "Shop ơi, áo thun size M màu trắng còn hàng không ạ?"
    assert zalo.messages[2].text == (
        "Địa chỉ: 12 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM\n"
        'Ghi chú: giao giờ hành chính, nhớ gọi trước "30 phút" nha'
    )
    assert [m.internal for m in zalo.messages] == [False, False, False, True, False]
    # "02/05/2024 08:15" is day first, in the assumed zone.
    assert zalo.messages[0].at == at("2024-05-02T01:15:00+00:00")


def test_sample_zalo_status_and_csat(sample: list[Item]) -> None:
    zalo = conversations(sample)["ZL-1001"]
    assert zalo.events == [
        StatusEvent(type="status", at=at("2024-05-02T08:40:00+07:00"), status="resolved")
    ]
    assert zalo.final_status is ConversationStatus.RESOLVED
    [csat] = zalo.surveys
    assert (csat.type, csat.score, csat.comment) == (
        SurveyKind.CSAT,
        5,
        "Nhân viên nhiệt tình, tư vấn nhanh",
    )
    assert csat.at == zalo.messages[-1].at  # no survey_at column: the last message's time


def test_sample_facebook_values_repeated_on_every_row(sample: list[Item]) -> None:
    facebook = conversations(sample)["FB-2002"]
    assert facebook.channel is Channel.FACEBOOK
    assert facebook.customer is not None
    assert facebook.customer.channel_ids == {"facebook": "7301234567890123"}
    assert facebook.messages[0].text == "Cho minh hoi don 10234 khi nao giao vay shop?"
    assert facebook.messages[1].at == at("2024-05-03T07:10:30+00:00")
    assert facebook.events == []
    assert facebook.surveys == []


def test_sample_chat_defaults(sample: list[Item]) -> None:
    chat = conversations(sample)["CHAT-3003"]
    assert (chat.source, chat.channel, chat.customer) == ("csv", Channel.CHAT, None)
    assert chat.messages[0].role is AuthorRole.BOT
    assert chat.messages[0].author_name == "Trợ lý ảo"
    assert chat.messages[0].at == at("2024-05-04T09:00:05+07:00")


def test_sample_email_with_a_multiline_body(sample: list[Item]) -> None:
    email = conversations(sample)["EM-4004"]
    assert email.subject == "Yêu cầu hoàn tiền đơn #5567"
    assert email.customer is not None
    assert email.customer.emails == ["hoang.le@example.com"]
    body = email.messages[0].text
    assert body.startswith("Xin chào,\n\nTôi đã trả hàng đơn #5567 ngày 28/04")
    assert 'Nhân viên nói "3-5 ngày làm việc", đã 7 ngày rồi.' in body
    assert email.final_status is ConversationStatus.CLOSED
    assert email.events[0].at == at("2024-05-05T10:00:00+00:00")


def test_progress_is_reported_up_to_the_end_of_the_file() -> None:
    path = FIXTURES / "flat_sample.csv"
    positions: list[int] = []
    read(path, assume_timezone=SAIGON, on_progress=positions.append)
    assert positions == sorted(positions)
    assert positions[-1] == path.stat().st_size


# --- The header ----------------------------------------------------------------------------------


def test_missing_required_column_stops_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "conversation_id,channel,role,text\nc1,chat,customer,hi\n")
    with pytest.raises(FileFormatError, match="missing required columns: sent_at"):
        read(path)


def test_unknown_column_stops_the_file_and_lists_the_known_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "conversation_id,channel,role,sent_at,text,csat_score\n")
    with pytest.raises(FileFormatError) as raised:
        read(path)
    message = str(raised.value)
    assert "unknown columns: csat_score" in message
    assert "Known columns: conversation_id, channel, role, sent_at, text, source" in message


def test_repeated_column_stops_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "conversation_id,channel,role,sent_at,text,text\n")
    with pytest.raises(FileFormatError, match="repeated columns: text"):
        read(path)


def test_header_names_ignore_case_and_spaces(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        " Conversation_ID ,Channel,ROLE,sent_at,Text\nc1,Chat,Customer,2024-05-02 08:15+07:00,hi\n",
    )
    [item] = read(path)
    assert isinstance(item, Parsed)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        ("conversation_id,channel\n".encode("utf-16"), "UTF-16"),
        (b"conversation_id,channel,r\xf4le,sent_at,text\n", "not valid UTF-8"),
        (b'conversation_id,"channel,role,sent_at,text\n', "never closed"),
    ],
)
def test_unreadable_header_stops_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(FileFormatError, match=message):
        read(write(tmp_path, data))


def test_header_only_yields_nothing(tmp_path: Path) -> None:
    assert read(write(tmp_path, HEADER)) == []


def test_a_semicolon_file_from_excel_in_a_vietnamese_locale(tmp_path: Path) -> None:
    text = (
        "conversation_id;channel;role;sent_at;text;tags\n"
        'c1;zalo;customer;02/05/2024 08:15;"Giá 150.000; còn hàng không?";"gia;ton-kho"\n'
    )
    [item] = read(write(tmp_path, text), assume_timezone=SAIGON)
    assert isinstance(item, Parsed)
    assert isinstance(item.record, ConversationRecord)
    assert item.record.messages[0].text == "Giá 150.000; còn hàng không?"
    assert item.record.tags == ["gia", "ton-kho"]


def test_columns_without_a_name_are_ignored_when_empty(tmp_path: Path) -> None:
    text = HEADER.replace("\n", ",,\n") + "c1,chat,customer,2024-05-02T08:15+07:00,hi,,\n"
    [item] = read(write(tmp_path, text))
    assert isinstance(item, Parsed)


def test_a_value_under_a_column_without_a_name_is_rejected(tmp_path: Path) -> None:
    text = HEADER.replace("\n", ",\n") + "c1,chat,customer,2024-05-02T08:15+07:00,hi,oops\n"
    [problem] = read(write(tmp_path, text))
    assert isinstance(problem, Rejected)
    assert (problem.line, problem.field) == (2, None)
    assert "column with no name" in problem.message


# --- Bad rows ----------------------------------------------------------------------------------

GOOD_C2 = "c2,chat,customer,2024-05-02T09:00:00+07:00,still imported\n"


def test_bad_timestamp_names_its_line_and_column(tmp_path: Path) -> None:
    text = (
        HEADER
        + "c1,chat,customer,2024-05-02T08:15:00+07:00,hello\n"
        + "c1,chat,agent,hôm qua,hi\n"
        + GOOD_C2
    )
    items = read(write(tmp_path, text))
    [problem] = rejections(items)
    assert (problem.line, problem.field) == (3, "sent_at")
    assert "'hôm qua' is not a date and time" in problem.message
    assert "02/05/2024 08:15 (day first)" in problem.message
    assert list(conversations(items)) == ["c2"]


@pytest.mark.parametrize("value", ["2024-05-02", "05/13/2024 08:15", "2024-02-30 08:00", "25:00"])
def test_timestamps_that_are_not_accepted(tmp_path: Path, value: str) -> None:
    text = HEADER + f"c1,chat,customer,{value},hello\n"
    [problem] = read(write(tmp_path, text), assume_timezone=SAIGON)
    assert isinstance(problem, Rejected)
    assert (problem.line, problem.field) == (2, "sent_at")


@pytest.mark.parametrize(
    ("value", "instant"),
    [
        ("2024-05-02T08:15:00+07:00", "2024-05-02T01:15:00+00:00"),
        ("2024-05-02T01:15:00Z", "2024-05-02T01:15:00+00:00"),
        ("2024-05-02 08:15", "2024-05-02T01:15:00+00:00"),
        ("2024-05-02 8:15:30", "2024-05-02T01:15:30+00:00"),
        ("02/05/2024 08:15", "2024-05-02T01:15:00+00:00"),
        ("2/5/2024 8:15:30", "2024-05-02T01:15:30+00:00"),
    ],
)
def test_timestamp_forms(tmp_path: Path, value: str, instant: str) -> None:
    text = HEADER + f"c1,chat,customer,{value},hello\n"
    [item] = read(write(tmp_path, text), assume_timezone=SAIGON)
    assert isinstance(item, Parsed)
    assert isinstance(item.record, ConversationRecord)
    assert item.record.messages[0].at == at(instant)


def test_naive_timestamp_without_an_assumed_zone_gets_the_schema_error(tmp_path: Path) -> None:
    text = HEADER + "c1,chat,customer,02/05/2024 08:15,hello\n" + GOOD_C2
    items = read(write(tmp_path, text))
    [problem] = rejections(items)
    assert (problem.line, problem.field) == (2, "sent_at")
    assert "no UTC offset" in problem.message
    assert "--assume-timezone" in problem.message
    assert list(conversations(items)) == ["c2"]


def test_naive_timestamp_with_an_assumed_zone(tmp_path: Path) -> None:
    text = HEADER + "c1,chat,customer,02/05/2024 08:15,hello\n"
    [item] = read(write(tmp_path, text), assume_timezone=SAIGON)
    assert isinstance(item, Parsed)
    assert isinstance(item.record, ConversationRecord)
    assert item.record.messages[0].at == datetime(2024, 5, 2, 1, 15, tzinfo=UTC)


def test_unknown_channel_names_the_channel_column(tmp_path: Path) -> None:
    text = (
        HEADER
        + "c1,,customer,2024-05-02T08:15:00+07:00,hello\n"
        + "c1,viber,agent,2024-05-02T08:16:00+07:00,hi\n"
    )
    [problem] = read(write(tmp_path, text))
    assert isinstance(problem, Rejected)
    assert (problem.line, problem.field) == (3, "channel")  # the row that gave the channel
    assert "'zalo'" in problem.message


def test_missing_channel_is_blamed_on_the_first_row(tmp_path: Path) -> None:
    text = HEADER + "c1,,customer,2024-05-02T08:15:00+07:00,hello\n"
    [problem] = read(write(tmp_path, text))
    assert isinstance(problem, Rejected)
    assert (problem.line, problem.field, problem.message) == (2, "channel", "Field required")


@pytest.mark.parametrize(
    ("score", "message"),
    [("năm", "valid integer"), ("9", "csat score 9 is outside 1-5")],
)
def test_bad_csat_names_the_csat_column(tmp_path: Path, score: str, message: str) -> None:
    text = (
        HEADER.replace("\n", ",csat\n")
        + "c1,chat,customer,2024-05-02T08:15:00+07:00,hello,\n"
        + f"c1,chat,agent,2024-05-02T08:16:00+07:00,hi,{score}\n"
    )
    [problem] = read(write(tmp_path, text))
    assert isinstance(problem, Rejected)
    assert (problem.line, problem.field) == (3, "csat")
    assert message in problem.message


def test_bad_values_are_all_reported_at_their_cells(tmp_path: Path) -> None:
    text = (
        "conversation_id,channel,role,sent_at,text,language,customer_phone,internal,nps,ces\n"
        "c1,chat,client,2024-05-02T08:15:00+07:00,hello,Vietnamese,12,,11,\n"
        "c1,chat,agent,2024-05-02T08:16:00+07:00,hi,,,maybe,,x\n"
    )
    found = {(p.line, p.field) for p in rejections(read(write(tmp_path, text)))}
    assert found == {
        (2, "role"),
        (2, "language"),
        (2, "customer_phone"),
        (2, "nps"),
        (3, "internal"),
        (3, "ces"),
    }


def test_rows_of_a_conversation_apart_are_rejected_after_the_first_run(tmp_path: Path) -> None:
    text = (
        HEADER
        + "c1,chat,customer,2024-05-02T08:15:00+07:00,hello\n"
        + GOOD_C2
        + "c1,chat,agent,2024-05-02T08:16:00+07:00,hi\n"
        + "c1,chat,agent,2024-05-02T08:17:00+07:00,anything else?\n"
    )
    items = read(write(tmp_path, text))
    assert [len(c.messages) for c in conversations(items).values()] == [1, 1]
    [problem] = rejections(items)
    assert (problem.line, problem.field) == (4, "conversation_id")
    assert "already appeared on line 2" in problem.message
    assert "sort the sheet by conversation_id" in problem.message


def test_same_id_from_another_source_is_another_conversation(tmp_path: Path) -> None:
    text = (
        HEADER.replace("\n", ",source\n")
        + "c1,chat,customer,2024-05-02T08:15:00+07:00,hello,web\n"
        + "c1,chat,agent,2024-05-02T08:16:00+07:00,hi,\n"
        + "c1,zalo,customer,2024-05-02T08:15:00+07:00,hello,zalo-oa\n"
    )
    records = [item.record for item in read(write(tmp_path, text)) if isinstance(item, Parsed)]
    assert [(r.source, len(r.messages)) for r in records if isinstance(r, ConversationRecord)] == [
        ("web", 2),
        ("zalo-oa", 1),
    ]


def test_conflicting_conversation_values_name_both_lines(tmp_path: Path) -> None:
    text = (
        HEADER.replace("\n", ",agent\n")
        + "c1,zalo,customer,2024-05-02T08:15:00+07:00,hello,lan.nguyen\n"
        + "c1,zalo,agent,2024-05-02T08:16:00+07:00,hi,\n"
        + "c1,zalo,agent,2024-05-02T08:17:00+07:00,bye,tuan.pham\n"
        + GOOD_C2.replace("\n", ",\n")
    )
    items = read(write(tmp_path, text))
    [problem] = rejections(items)
    assert (problem.line, problem.field) == (4, "agent")
    assert "'lan.nguyen' on line 2 but 'tuan.pham' on line 4" in problem.message
    assert list(conversations(items)) == ["c2"]


def test_invalid_utf8_rejects_only_its_conversation(tmp_path: Path) -> None:
    data = (
        HEADER.encode()
        + "c1,zalo,customer,2024-05-02T08:15:00+07:00,Chào shop\n".encode()
        + b'c2,zalo,customer,2024-05-02T08:16:00+07:00,"Xin ch\xe0o\n'
        + b'c\xf3n h\xe0ng kh\xf4ng"\n'
        + "c2,zalo,agent,2024-05-02T08:17:00+07:00,Dạ còn ạ\n".encode()
        + "c3,zalo,customer,2024-05-02T08:18:00+07:00,Cảm ơn\n".encode()
    )
    items = read(write(tmp_path, data))
    assert list(conversations(items)) == ["c1", "c3"]
    [problem] = rejections(items)
    assert (problem.line, problem.field) == (3, None)
    assert "not valid UTF-8 (byte 0xE0 at column 51)" in problem.message


def test_invalid_utf8_on_a_continuation_line_names_that_line(tmp_path: Path) -> None:
    data = HEADER.encode() + b'c1,chat,customer,2024-05-02T08:15:00+07:00,"first\nsec\xffond"\n'
    [problem] = read(write(tmp_path, data))
    assert isinstance(problem, Rejected)
    assert problem.line == 3


def test_invalid_utf8_in_the_conversation_id_fails_the_conversation_around_it(
    tmp_path: Path,
) -> None:
    data = (
        HEADER.encode()
        + b"c1,chat,customer,2024-05-02T08:15:00+07:00,hello\n"
        + b"c\xff1,chat,agent,2024-05-02T08:16:00+07:00,hi\n"
        + GOOD_C2.encode()
    )
    items = read(write(tmp_path, data))
    assert list(conversations(items)) == ["c2"]
    assert [p.line for p in rejections(items)] == [3]


def test_a_row_without_conversation_id_fails_the_conversation_around_it(tmp_path: Path) -> None:
    text = (
        HEADER
        + "c1,chat,customer,2024-05-02T08:15:00+07:00,hello\n"
        + ",chat,agent,2024-05-02T08:16:00+07:00,hi\n"
        + GOOD_C2
    )
    items = read(write(tmp_path, text))
    assert list(conversations(items)) == ["c2"]
    [problem] = rejections(items)
    assert (problem.line, problem.field) == (3, "conversation_id")


def test_a_first_row_without_conversation_id_is_rejected_alone(tmp_path: Path) -> None:
    text = HEADER + ",chat,agent,2024-05-02T08:16:00+07:00,hi\n" + GOOD_C2
    items = read(write(tmp_path, text))
    assert [(p.line, p.field) for p in rejections(items)] == [(2, "conversation_id")]
    assert list(conversations(items)) == ["c2"]


def test_a_row_with_the_wrong_number_of_values(tmp_path: Path) -> None:
    text = (
        HEADER
        + "c1,chat,customer,2024-05-02T08:15:00+07:00,hello\n"
        + "c1,chat,agent,2024-05-02T08:16:00+07:00,Dạ, shop còn hàng ạ\n"
        + GOOD_C2
    )
    items = read(write(tmp_path, text))
    [problem] = rejections(items)
    assert problem.line == 3
    assert "6 values but the header has 5 columns" in problem.message
    assert list(conversations(items)) == ["c2"]


def test_a_bare_carriage_return_outside_quotes(tmp_path: Path) -> None:
    text = HEADER + GOOD_C2 + "c3,chat,customer,2024-05-02T08:15:00+07:00,old\rmac\n"
    items = read(write(tmp_path, text))
    [problem] = rejections(items)
    assert problem.line == 3
    assert "cannot be read as CSV" in problem.message
    assert list(conversations(items)) == []  # counted in the conversation before it


def test_blank_rows_are_skipped(tmp_path: Path) -> None:
    text = (
        HEADER
        + "c1,chat,customer,2024-05-02T08:15:00+07:00,hello\n"
        + "\n,,,,\n"
        + "c1,chat,agent,2024-05-02T08:16:00+07:00,hi\n"
    )
    [item] = read(write(tmp_path, text))
    assert isinstance(item, Parsed)
    assert isinstance(item.record, ConversationRecord)
    assert len(item.record.messages) == 2


def test_an_unclosed_quote_swallows_the_rest_and_says_where_it_opened(tmp_path: Path) -> None:
    text = (
        HEADER
        + GOOD_C2
        + 'c3,chat,customer,2024-05-02T08:15:00+07:00,"Giá bao nhiêu\n'
        + "c4,chat,customer,2024-05-02T08:15:00+07:00,hi\n"
    )
    items = read(write(tmp_path, text))
    assert list(conversations(items)) == ["c2"]
    [problem] = rejections(items)
    assert problem.line == 3
    assert "never closed" in problem.message


def test_a_record_over_the_size_limit_is_skipped_unread(tmp_path: Path) -> None:
    long_text = "x" * 300
    text = (
        HEADER
        + f'c1,chat,customer,2024-05-02T08:15:00+07:00,"{long_text}\n{long_text}"\n'
        + GOOD_C2
    )
    items = read(write(tmp_path, text), max_record_bytes=200)
    [problem] = rejections(items)
    assert problem.line == 2
    assert "longer than 200 bytes" in problem.message
    assert list(conversations(items)) == ["c2"]


def test_a_conversation_over_the_size_limit_is_rejected(tmp_path: Path) -> None:
    row = "c1,chat,customer,2024-05-02T08:15:00+07:00,hello\n"
    items = read(write(tmp_path, HEADER + row * 5 + GOOD_C2), max_record_bytes=200)
    [problem] = rejections(items)
    assert problem.line == 2
    assert "more than 200 bytes" in problem.message
    assert list(conversations(items)) == ["c2"]


# --- Conversation-level columns ------------------------------------------------------------------

FULL_HEADER = (
    "conversation_id,channel,role,sent_at,text,source,direction,priority,team,customer_id,"
    "customer_email,customer_phone,status,resolved_at,csat,csat_comment,nps,ces,survey_at,"
    "message_id,author,internal\n"
)


def test_every_conversation_column(tmp_path: Path) -> None:
    text = FULL_HEADER + (
        "c1,email,customer,2024-05-02T08:15+07:00,hello,gmail,Outbound,URGENT,cskh,KH-1,"
        "a@example.com; b@example.com,0901;+84902,,,4,ok,9,6,2024-05-02T09:00+07:00,m1,Mai,no\n"
        "c1,,agent,2024-05-02T08:20+07:00,hi,,,,,,,,,,,,,,,m2,lan.nguyen,1\n"
    )
    [item] = read(write(tmp_path, text))
    assert isinstance(item, Parsed)
    assert isinstance(item.record, ConversationRecord)
    record = item.record
    assert (record.source, record.direction, record.priority, record.team) == (
        "gmail",
        "outbound",
        "urgent",
        "cskh",
    )
    assert record.customer is not None
    assert record.customer.id == "KH-1"
    assert record.customer.emails == ["a@example.com", "b@example.com"]
    assert record.customer.phones == ["0901", "+84902"]
    assert [(m.id, m.agent, m.author_name, m.internal) for m in record.messages] == [
        ("m1", None, "Mai", False),
        ("m2", "lan.nguyen", None, True),
    ]
    assert [(s.type, s.score, s.comment) for s in record.surveys] == [
        (SurveyKind.CSAT, 4, "ok"),
        (SurveyKind.NPS, 9, None),
        (SurveyKind.CES, 6, None),
    ]
    assert {s.at for s in record.surveys} == {at("2024-05-02T09:00:00+07:00")}
    assert record.events == []
    assert record.attributes == {}


def test_resolved_at_without_status_means_resolved(tmp_path: Path) -> None:
    text = HEADER.replace("\n", ",resolved_at\n") + (
        "c1,chat,customer,2024-05-02T08:15+07:00,hello,2024-05-02T08:30+07:00\n"
    )
    [item] = read(write(tmp_path, text))
    assert isinstance(item, Parsed)
    assert isinstance(item.record, ConversationRecord)
    assert item.record.final_status is ConversationStatus.RESOLVED
    assert item.record.events[0].at == at("2024-05-02T08:30:00+07:00")


def test_status_without_a_time_is_kept_but_not_made_an_event(tmp_path: Path) -> None:
    text = HEADER.replace("\n", ",status\n") + (
        "c1,chat,customer,2024-05-02T08:15+07:00,hello,Closed\n"
    )
    [item] = read(write(tmp_path, text))
    assert isinstance(item, Parsed)
    assert isinstance(item.record, ConversationRecord)
    assert item.record.events == []
    assert item.record.attributes == {"status": "closed"}


@pytest.mark.parametrize(
    ("columns", "values", "field", "message"),
    [
        ("status", "done", "status", "unknown status 'done'"),
        ("status,resolved_at", "pending,mai", "resolved_at", "is not a date and time"),
        ("status,resolved_at", "paused,2024-05-02T08:30+07:00", "status", "'pending'"),
        ("csat_comment", "tốt", "csat_comment", "csat_comment is given but there is no csat"),
        ("survey_at", "02/05/2024 09:00", "survey_at", "there is no csat or nps or ces"),
        ("csat,survey_at", "5,sau", "survey_at", "is not a date and time"),
        ("customer_name", "Mai", "customer_id", "a customer needs an id"),
    ],
)
def test_conversation_column_problems(
    tmp_path: Path, columns: str, values: str, field: str, message: str
) -> None:
    text = HEADER.replace("\n", f",{columns}\n") + (
        f"c1,chat,customer,2024-05-02T08:15+07:00,hello,{values}\n"
    )
    [problem] = read(write(tmp_path, text))
    assert isinstance(problem, Rejected)
    assert (problem.line, problem.field) == (2, field)
    assert message in problem.message


def test_survey_time_defaults_to_the_latest_message(tmp_path: Path) -> None:
    text = HEADER.replace("\n", ",csat\n") + (
        "c1,chat,customer,02/05/2024 09:00,hello,5\n"
        "c1,chat,agent,2024-05-02T01:30:00Z,hi,\n"  # 08:30 in Saigon: earlier, though below
    )
    [item] = read(write(tmp_path, text), assume_timezone=SAIGON)
    assert isinstance(item, Parsed)
    assert isinstance(item.record, ConversationRecord)
    assert item.record.surveys[0].at == at("2024-05-02T09:00:00+07:00")


def test_survey_without_any_message_time_is_blamed_on_sent_at_once(tmp_path: Path) -> None:
    text = HEADER.replace("\n", ",csat\n") + "c1,chat,customer,,hello,5\n"
    [problem] = read(write(tmp_path, text))
    assert isinstance(problem, Rejected)
    assert (problem.line, problem.field, problem.message) == (2, "sent_at", "Field required")


def test_naive_survey_time_without_a_zone_is_reported_at_sent_at(tmp_path: Path) -> None:
    text = HEADER.replace("\n", ",csat\n") + "c1,chat,customer,02/05/2024 09:00,hello,5\n"
    [problem] = read(write(tmp_path, text))
    assert isinstance(problem, Rejected)
    assert (problem.line, problem.field) == (2, "sent_at")


# --- Docs ----------------------------------------------------------------------------------------


def test_docs_describe_every_column() -> None:
    documented = set(re.findall(r"^\| `(\w+)` \|", DOCS.read_text(), flags=re.MULTILINE))
    assert documented == {column.name for column in COLUMNS}


def test_docs_worked_example_imports_cleanly(tmp_path: Path) -> None:
    [example] = re.findall(r"```csv\n(.*?)```", DOCS.read_text(), flags=re.DOTALL)
    items = read(write(tmp_path, example), assume_timezone=SAIGON)
    assert rejections(items) == []
    assert len(conversations(items)) >= 2
