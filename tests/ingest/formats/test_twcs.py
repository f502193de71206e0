"""The twcs adapter: real CSV files in Kaggle's layout, threads rebuilt from reply chains."""

from __future__ import annotations

import codecs
from collections.abc import Generator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cxqa.ingest.formats.base import FileFormatError, Item, Parsed, ReadContext, Rejected
from cxqa.ingest.formats.twcs import TwcsReader
from cxqa.ingest.formats.twcs_rows import REQUIRED_COLUMNS
from cxqa.ingest.schemas import AgentRecord, ConversationRecord, TeamRecord

FIXTURES = Path(__file__).parents[2] / "fixtures"
SAMPLE = FIXTURES / "twcs_sample.csv"
BAD = FIXTURES / "twcs_bad.csv"
DOCS = Path(__file__).parents[3] / "docs" / "formats" / "twcs.md"
HEADER = ",".join([*REQUIRED_COLUMNS[:5], "response_tweet_id", REQUIRED_COLUMNS[5]]) + "\n"


def read(path: Path, **options: object) -> list[Item]:
    return list(TwcsReader(**options).read(path, ReadContext()))  # type: ignore[arg-type]


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "twcs.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def conversations(items: list[Item]) -> dict[str, ConversationRecord]:
    found = {}
    for item in items:
        if isinstance(item, Parsed) and isinstance(item.record, ConversationRecord):
            found[item.record.id] = item.record
    return found


def thread(record: ConversationRecord) -> list[tuple[str | None, str, str | None, str | None]]:
    """(tweet id, role, author, agent) of each message, in conversation order."""
    return [(m.id, m.role.value, m.author_name, m.agent) for m in record.messages]


def rejections(items: list[Item]) -> list[Rejected]:
    return [item for item in items if isinstance(item, Rejected)]


def kinds(items: list[Item]) -> list[str]:
    """A compact trace of the stream: 'team AppleSupport', 'conversation 101', ..."""
    trace = []
    for item in items:
        assert isinstance(item, Parsed), item
        trace.append(f"{item.record.type} {getattr(item.record, 'id', '')}")
    return trace


@pytest.fixture(scope="module")
def sample() -> list[Item]:
    return read(SAMPLE)


# --- Rebuilding threads from the shuffled sample ----------------------------------------------


def test_the_sample_reads_without_rejections_in_root_order(sample: list[Item]) -> None:
    assert kinds(sample) == [
        "team AppleSupport",
        "agent AppleSupport:JK",
        "agent AppleSupport:MR",
        "conversation 101",
        "team AmazonHelp",
        "agent AmazonHelp:Anna",
        "agent AmazonHelp:Mike",
        "conversation 201",
        "team sprintcare",
        "agent sprintcare:KS",
        "agent sprintcare:AB",
        "conversation 301",
        "team AskPlayStation",
        "agent AskPlayStation:TW",
        "conversation 402",
        "team VietjetAir",
        "agent VietjetAir:Đức",
        "conversation 501",
        "team Delta",
        "agent Delta:DR",
        "conversation 601",
        "conversation 701",
        "conversation 801",  # AppleSupport and its agent JK were introduced before
    ]


def test_a_tweet_answered_twice_keeps_both_branches_in_time_order(sample: list[Item]) -> None:
    apple = conversations(sample)["101"]
    assert thread(apple) == [
        ("101", "customer", "201001", None),
        ("102", "agent", "AppleSupport", "AppleSupport:JK"),  # first answer to 101
        ("103", "agent", "AppleSupport", "AppleSupport:MR"),  # second answer to 101
        ("104", "customer", "201001", None),  # replies to 102
        ("105", "customer", "201001", None),  # replies to 103
        ("106", "agent", "AppleSupport", None),  # 106 and 107 share a second: id order
        ("107", "agent", "AppleSupport", "AppleSupport:JK"),
    ]
    assert apple.source == "twcs"
    assert apple.channel.value == "twitter"
    assert apple.direction == "inbound"
    assert apple.team == "AppleSupport"
    assert apple.customer is not None
    assert apple.customer.key == "twitter:201001"
    assert apple.customer.channel_ids == {"twitter": "201001"}
    assert apple.messages[0].at == datetime(2017, 11, 6, 9, 0, tzinfo=UTC)
    assert apple.attributes == {}


def test_a_second_customer_joining_is_a_customer_author(sample: list[Item]) -> None:
    amazon = conversations(sample)["201"]
    assert thread(amazon) == [
        ("201", "customer", "301002", None),
        ("202", "agent", "AmazonHelp", "AmazonHelp:Anna"),
        ("203", "customer", "301002", None),
        ("205", "customer", "301003", None),  # the other customer, 14:12
        ("204", "agent", "AmazonHelp", "AmazonHelp:Mike"),  # "- Mike", 14:15
        ("206", "agent", "AmazonHelp", None),  # "-Thanks" is no one's name
    ]
    assert amazon.customer is not None
    assert amazon.customer.key == "twitter:301002"


def test_quoted_commas_quotes_newlines_and_entities_survive(sample: list[Item]) -> None:
    amazon = conversations(sample)["201"]
    assert amazon.messages[0].text == (
        '@AmazonHelp Order #112-334, marked "delivered"\nbut nothing arrived, not even a note.'
    )
    assert amazon.messages[4].text == "@301002 Thanks, we've replied in DM & by e-mail. - Mike"


def test_the_line_of_a_conversation_is_its_root_tweets(sample: list[Item]) -> None:
    lines = {
        item.record.id: item.line
        for item in sample
        if isinstance(item, Parsed) and isinstance(item.record, ConversationRecord)
    }
    # 201 starts on line 10 and ends on 11; everything after it is one line further down.
    assert lines == {
        "101": 7,
        "201": 10,
        "301": 29,
        "402": 18,
        "501": 23,
        "601": 19,
        "701": 16,
        "801": 26,
    }


def test_a_reply_to_a_tweet_missing_from_the_file_starts_its_own_thread(
    sample: list[Item],
) -> None:
    playstation = conversations(sample)["402"]
    assert thread(playstation) == [
        ("402", "agent", "AskPlayStation", "AskPlayStation:TW"),
        ("403", "customer", "501001", None),
        ("404", "agent", "AskPlayStation", None),  # ends with ":-)"
    ]
    assert playstation.attributes == {"in_response_to_tweet_id": "400"}
    assert playstation.direction == "inbound"  # its start, a customer tweet, is missing


def test_a_brand_tweet_starting_a_thread_is_outbound(sample: list[Item]) -> None:
    delta = conversations(sample)["601"]
    assert delta.direction == "outbound"
    assert thread(delta) == [
        ("601", "agent", "Delta", None),  # ends with a mention
        ("602", "customer", "701001", None),
        ("603", "agent", "Delta", "Delta:DR"),
    ]
    assert delta.customer is not None
    assert delta.customer.key == "twitter:701001"


def test_a_lone_customer_tweet_is_a_conversation_without_team(sample: list[Item]) -> None:
    lone = conversations(sample)["701"]
    assert thread(lone) == [("701", "customer", "801001", None)]
    assert lone.team is None


def test_signature_styles_and_lookalikes(sample: list[Item]) -> None:
    found = conversations(sample)
    assert thread(found["301"]) == [
        ("301", "customer", "401001", None),
        ("302", "agent", "sprintcare", "sprintcare:KS"),  # "~KS"
        ("303", "customer", "401001", None),
        ("304", "agent", "sprintcare", "sprintcare:AB"),  # "/AB"
        ("305", "customer", "401001", None),
        ("306", "agent", "sprintcare", None),  # "Mon - Fri" is not Fri signing
    ]
    assert thread(found["501"])[1] == ("502", "agent", "VietjetAir", "VietjetAir:Đức")
    assert found["501"].messages[0].text.startswith("@VietjetAir Chuyến bay VJ123 bị hoãn")
    assert thread(found["801"]) == [
        ("801", "customer", "901001", None),
        ("802", "agent", "AppleSupport", None),  # a link ending in "-DEF"
        ("803", "customer", "901001", None),
        ("804", "agent", "AppleSupport", "AppleSupport:JK"),  # "^JK" then a t.co link
    ]


def test_agents_and_teams_are_emitted_once_before_first_use(sample: list[Item]) -> None:
    agents = [i.record for i in sample if isinstance(i, Parsed) and i.record.type == "agent"]
    teams = [i.record for i in sample if isinstance(i, Parsed) and i.record.type == "team"]
    assert (
        AgentRecord(id="AppleSupport:JK", name="JK", team="AppleSupport", create_only=True)
        in agents
    )
    assert len({a.id for a in agents}) == len(agents) == 9
    assert len({t.id for t in teams}) == len(teams) == 6
    assert TeamRecord(id="VietjetAir", create_only=True) in teams


def test_batch_size_does_not_change_the_result(sample: list[Item]) -> None:
    assert read(SAMPLE, batch_size=1) == sample


def test_progress_reaches_the_end_of_the_file() -> None:
    seen: list[int] = []
    list(TwcsReader().read(SAMPLE, ReadContext(on_progress=seen.append)))
    assert seen == sorted(seen)
    assert seen[-1] == SAMPLE.stat().st_size


def test_the_staging_database_is_deleted_even_when_reading_stops_early(tmp_path: Path) -> None:
    reader = TwcsReader(scratch_dir=tmp_path).read(SAMPLE, ReadContext())
    assert isinstance(reader, Generator)
    next(reader)
    assert [p.name.startswith("cxqa-twcs-") for p in tmp_path.iterdir()] == [True]
    reader.close()  # an import stopped half way
    assert list(tmp_path.iterdir()) == []
    list(TwcsReader(scratch_dir=tmp_path).read(SAMPLE, ReadContext()))
    assert list(tmp_path.iterdir()) == []


# --- Bad rows -------------------------------------------------------------------------------


def test_bad_rows_are_rejected_with_line_and_field() -> None:
    problems = [(p.line, p.field) for p in rejections(read(BAD))]
    assert problems == [
        (3, "created_at"),
        (5, "inbound"),
        (7, "text"),  # not UTF-8
        (11, "tweet_id"),  # "abc"
        (12, None),  # too few fields
        (13, "created_at"),  # Feb 30
        (14, "in_response_to_tweet_id"),  # "7.5"
        (6, "tweet_id"),  # a second tweet 1: repeated ids are found once the file is read
    ]


def test_rejection_messages_say_what_is_wrong() -> None:
    messages = {p.line: p.message for p in rejections(read(BAD))}
    assert "'Mon 06 Nov 2017 09:05' is not a Twitter time" in messages[3]
    assert messages[5] == "'yes' is not True or False"
    assert messages[6] == "tweet 1 already appeared on line 2; row skipped"
    assert messages[7].startswith("not valid UTF-8 (byte 0xE9 at column 58)")
    assert "5 fields but the header has 7" in messages[12]
    assert messages[13].endswith("day is out of range for month")


def test_a_thread_keeps_its_valid_rows_when_one_is_rejected() -> None:
    found = conversations(read(BAD))
    assert sorted(found) == ["1", "5", "7"]
    # Tweet 2 (bad time) is gone, but 3, which answers it, stays in thread 1.
    assert thread(found["1"]) == [("1", "customer", "111", None), ("3", "customer", "111", None)]
    # Tweet 5 (not UTF-8) is gone; its answer is still filed under it.
    assert thread(found["5"]) == [("6", "agent", "AmazonHelp", "AmazonHelp:Anna")]
    assert found["5"].customer is None
    assert found["7"].messages[0].text == "@Delta two\nlines"


def test_bad_bytes_in_any_column_reject_only_that_row(tmp_path: Path) -> None:
    rows = HEADER + "1,111,True,Mon Nov 06 09:00:00 +0000 2017,@Delta hi,,\n"
    path = write(
        tmp_path, rows.encode() + b"2,D\xe9lta,False,Mon Nov 06 09:05:00 +0000 2017,ok,,1\n"
    )
    items = read(path)
    assert [(p.line, p.field) for p in rejections(items)] == [(3, "author_id")]
    assert thread(conversations(items)["1"]) == [("1", "customer", "111", None)]


def test_a_reply_loop_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "1,111,True,Mon Nov 06 09:00:00 +0000 2017,@Delta hi,,2\n"
        + "2,Delta,False,Mon Nov 06 09:05:00 +0000 2017,@111 hello,,1\n"
        + "3,222,True,Mon Nov 06 09:05:00 +0000 2017,@Delta me too,,3\n",
    )
    items = read(path)
    assert [(p.line, p.field) for p in rejections(items)] == [
        (2, "in_response_to_tweet_id"),
        (3, "in_response_to_tweet_id"),
        (4, "in_response_to_tweet_id"),
    ]
    assert "loops back on itself" in rejections(items)[0].message
    assert conversations(items) == {}


def test_float_ids_crlf_and_a_utf8_bom_are_accepted(tmp_path: Path) -> None:
    rows = HEADER.replace("\n", "\r\n")
    rows += '1,111,true,Mon Nov 06 09:00:00 +0000 2017,"@Delta a\r\nb",,\r\n'
    rows += "2.0,Delta,FALSE,Mon Nov 06 10:00:00 +0100 2017,@111 ok ^AB,,1.0\r\n"
    path = write(tmp_path, codecs.BOM_UTF8 + rows.encode())
    items = read(path)
    delta = conversations(items)["1"]
    assert thread(delta) == [("1", "customer", "111", None), ("2", "agent", "Delta", "Delta:AB")]
    assert delta.messages[0].text == "@Delta a\r\nb"
    assert delta.messages[1].at == datetime(2017, 11, 6, 9, 0, tzinfo=UTC)


def test_a_row_longer_than_the_limit_is_skipped_unread(tmp_path: Path) -> None:
    long_text = "x" * 5000
    path = write(
        tmp_path,
        HEADER
        + f"1,111,True,Mon Nov 06 09:00:00 +0000 2017,{long_text},,\n"
        + "2,111,True,Mon Nov 06 09:01:00 +0000 2017,@Delta short,,\n",
    )
    items = list(TwcsReader().read(path, ReadContext(max_record_bytes=1024)))
    assert [(p.line, p.field) for p in rejections(items)] == [(2, None)]
    assert "longer than 1,024 bytes" in rejections(items)[0].message
    assert list(conversations(items)) == ["2"]


def test_an_account_with_spaces_is_rejected_and_a_long_text_is_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "1,Apple Support,False,Mon Nov 06 09:00:00 +0000 2017,hi,,\n"
        + f"2,111,True,Mon Nov 06 09:00:00 +0000 2017,{'x' * 200_000},,\n"
        + "3,111,True,Mon Nov 06 09:01:00 +0000 2017,@Delta short,,\n",
    )
    items = read(path)
    assert [(p.line, p.field) for p in rejections(items)] == [(2, "author_id")]
    # longer than the csv module's default cell limit, well within the record limit
    assert sorted(conversations(items)) == ["2", "3"]


# --- Files that are not twcs at all -------------------------------------------------------


def test_missing_columns_are_a_file_error_naming_them(tmp_path: Path) -> None:
    path = write(tmp_path, "tweet_id,author_id,text\n1,111,hi\n")
    with pytest.raises(FileFormatError) as caught:
        read(path)
    assert str(caught.value).startswith(
        f"{path}: not a twcs file: the header lacks inbound, created_at, in_response_to_tweet_id"
    )


def test_an_empty_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="the file is empty"):
        read(write(tmp_path, b""))


def test_an_undecodable_header_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(
        FileFormatError, match=r"the header \(line 1\) is unreadable: not valid UTF-8"
    ):
        read(write(tmp_path, b"tweet_id,author\xff_id\n"))


def test_a_utf16_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="UTF-16"):
        read(write(tmp_path, HEADER.encode("utf-16")))


# --- Docs -----------------------------------------------------------------------------------


def test_the_docs_cover_every_column_and_signature_style() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for column in REQUIRED_COLUMNS:
        assert f"`{column}`" in docs
    for example in ("^JK", "-Anna", "- Mike", "~KS", "/AB", "*TW"):
        assert example in docs
    assert "cxqa import twcs.csv --format twcs" in docs
