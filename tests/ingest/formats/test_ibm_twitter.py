"""The ibm-twitter-care adapter, on IBM's published dev.json and on a broken copy."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cxqa.ingest.formats.base import FileFormatError, Item, Parsed, ReadContext, Rejected
from cxqa.ingest.formats.ibm_twitter import IbmTwitterReader
from cxqa.ingest.schemas import AgentRecord, ConversationRecord, TeamRecord

FIXTURES = Path(__file__).parents[2] / "fixtures"
DEV_JSON = FIXTURES / "ibm-twitter-care" / "dev.json"
BAD = FIXTURES / "ibm_twitter_bad.json"
DOCS = Path(__file__).parents[3] / "docs" / "formats" / "ibm-twitter-care.md"
SNOWFLAKE_EPOCH = datetime(2010, 11, 4, 1, 42, 54, 657000, UTC)


def read(path: Path, **options: int) -> list[Item]:
    return list(IbmTwitterReader(**options).read(path, ReadContext()))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dialogs.json"
    path.write_text(text, encoding="utf-8")
    return path


def conversations(items: list[Item]) -> dict[str, ConversationRecord]:
    found = {}
    for item in items:
        if isinstance(item, Parsed) and isinstance(item.record, ConversationRecord):
            found[item.record.id] = item.record
    return found


def thread(record: ConversationRecord) -> list[tuple[str | None, str, str | None, str | None]]:
    return [(m.id, m.role.value, m.author_name, m.agent) for m in record.messages]


def rejections(items: list[Item]) -> list[Rejected]:
    return [item for item in items if isinstance(item, Rejected)]


def posted_at(tweet_id: str) -> datetime:
    """When a tweet was posted, read off its id: an independent clock for the final reply."""
    return SNOWFLAKE_EPOCH + timedelta(milliseconds=int(tweet_id) >> 22)


@pytest.fixture(scope="module")
def dev() -> list[Item]:
    return read(DEV_JSON)


# --- IBM's dev.json ---------------------------------------------------------------------------


def test_every_item_of_dev_json_is_one_conversation(dev: list[Item]) -> None:
    assert rejections(dev) == []
    found = conversations(dev)
    assert len(found) == 525
    assert len([i for i in dev if isinstance(i, Parsed) and isinstance(i.record, TeamRecord)]) == 24
    assert all(c.source == "ibm-twitter-care" and c.language == "en" for c in found.values())


def test_a_conversation_with_agent_turns(dev: list[Item]) -> None:
    rockstar = conversations(dev)["Qt4M3sXkR71V9CT9Xr5U"]
    assert thread(rockstar) == [
        ("1241070712351264769", "customer", "Cmcfarlane67", None),
        ("1241072917489881101", "agent", "RockstarSupport", "RockstarSupport:MS"),
        ("1241106633775878146", "customer", "Cmcfarlane67", None),
        ("1241108243017015297", "agent", "RockstarSupport", "RockstarSupport:SR"),
    ]
    start = datetime(2020, 3, 20, 18, 34, 50, tzinfo=UTC)
    assert rockstar.messages[0].at == start
    assert rockstar.messages[-1].at == start + timedelta(hours=2, minutes=29, seconds=8)
    assert rockstar.messages[-1].text.endswith("https://support.rockstargames.com/categories *SR")
    assert rockstar.team == "RockstarSupport"
    assert rockstar.channel.value == "twitter"
    assert rockstar.customer is not None
    assert rockstar.customer.key == "twitter:Cmcfarlane67"
    assert rockstar.customer.channel_ids == {"twitter": "Cmcfarlane67"}
    assert rockstar.attributes == {
        "help_article": {"doc_id": "8443", "url": "https://support.rockstargames.com/categories"}
    }


def test_a_second_client_is_a_customer_author_not_the_customer(dev: list[Item]) -> None:
    merger = conversations(dev)["6kHxCxC6yB7Dd4DdaAoa"]
    assert thread(merger) == [
        ("1245342671700258816", "customer", "TMobile", None),
        ("1245449622971133952", "customer", "Hedgehog91x", None),
        ("1245450925218484224", "agent", "TMobileHelp", "TMobileHelp:CharlesOpacki"),
    ]
    assert merger.customer is not None
    assert merger.customer.key == "twitter:TMobile"


def test_whole_days_lost_from_the_duration_are_restored(dev: list[Item]) -> None:
    # The header says "-12:14:20." although the reply came 13 days and 12:14:20 later.
    google = conversations(dev)["1xpNQXdKYDdPj61NvXsr"]
    start = datetime(2020, 2, 19, 2, 46, 12, tzinfo=UTC)
    assert google.messages[-1].at == start + timedelta(days=13, hours=12, minutes=14, seconds=20)


def test_final_replies_agree_with_the_tweet_ids_clock(dev: list[Item]) -> None:
    disagreeing = set()
    for conversation in conversations(dev).values():
        final = conversation.messages[-1]
        assert final.id is not None
        assert all(m.at <= final.at for m in conversation.messages), conversation.id
        if abs(final.at - posted_at(final.id)) > timedelta(seconds=1):
            disagreeing.add(conversation.id)
    # In 8 items the header puts the reply 30 minutes to 15 hours after the tweet id does; the
    # documented rule (start + duration) is kept for them.
    assert disagreeing == {
        "NFUDPkkooFvg5tf3xszV",
        "laRPVET7uUA2c7FBV5tm",
        "qJxIXxiBuAlVHGoCRGtt",
        "WnJJlGZ2Ijmt0UFWBoWU",
        "Qnqbv9BcNJPFXREYYKzt",
        "12TpoENmEHFDNFCdGkCt",
        "bkqu2Ma2pukk4R6hXXpK",
        "9WdkfKq9AXwmihb89pj2",
    }
    youtube = conversations(dev)["NFUDPkkooFvg5tf3xszV"]
    start = datetime(2020, 4, 1, 15, 21, 28, tzinfo=UTC)
    assert youtube.messages[-1].at == start + timedelta(hours=1, minutes=24, seconds=17)


def test_agents_come_once_before_the_conversation_that_names_them(dev: list[Item]) -> None:
    announced: set[str] = set()
    for item in dev:
        assert isinstance(item, Parsed)
        if isinstance(item.record, AgentRecord):
            assert item.record.id not in announced
            announced.add(item.record.id)
        elif isinstance(item.record, ConversationRecord):
            named = {m.agent for m in item.record.messages if m.agent is not None}
            assert named <= announced
    assert "AdobeCare:NKush" in announced


def test_the_line_of_an_item_is_where_it_starts(dev: list[Item]) -> None:
    lines = [item.line for item in dev if isinstance(item, Parsed)]
    assert lines[0] == 2
    assert lines == sorted(lines)


def test_tiny_chunks_read_the_same_records(dev: list[Item]) -> None:
    assert read(DEV_JSON, chunk_bytes=7) == dev


def test_progress_reaches_the_end_of_the_file() -> None:
    seen: list[int] = []
    list(IbmTwitterReader().read(DEV_JSON, ReadContext(on_progress=seen.append)))
    assert seen == sorted(seen)
    assert seen[-1] == DEV_JSON.stat().st_size


# --- Malformed items ----------------------------------------------------------------------


def test_malformed_items_are_rejected_with_line_and_field() -> None:
    items = read(BAD)
    assert [(p.line, p.field) for p in rejections(items)] == [
        (11, "dialogHeader.duration"),  # "1h27m"
        (16, "dialogHeader.company"),  # missing
        (21, "dialogContent[1]"),  # neither client nor agent
        (29, "dialogContent[0].datetime"),  # "yesterday"
        (34, None),  # a string, not an object
        (35, "agentURL"),  # no final reply
        (39, "dialogHeader.duration"),  # negative, and no snowflake id to repair it
        (44, "dialogContent[0].message"),  # not UTF-8
    ]
    assert sorted(conversations(items)) == ["good-1", "good-2"]


def test_the_broken_copy_still_maps_its_good_items() -> None:
    found = conversations(read(BAD))
    assert thread(found["good-1"]) == [
        ("1241070712351264769", "customer", "Cmcfarlane67", None),
        ("1241072917489881101", "agent", "RockstarSupport", "RockstarSupport:MS"),
        ("1241106633775878146", "customer", "SomeoneElse", None),
        ("1241108243017015297", "agent", "RockstarSupport", "RockstarSupport:SR"),
    ]
    assert found["good-1"].messages[2].text == "@RockstarSupport same & on PS4"
    # Numeric tweet ids are accepted as text.
    assert thread(found["good-2"])[-1] == (
        "1245425308704149506",
        "agent",
        "TeamYouTube",
        "TeamYouTube:JK",
    )


def first_item() -> str:
    """Lines 2-10 of the broken copy: its first, valid item, without the comma after it."""
    return "\n".join(BAD.read_text(encoding="latin-1").split("\n")[1:10]).removesuffix(",")


def test_a_syntax_error_stops_the_read_after_the_good_items(tmp_path: Path) -> None:
    path = write(tmp_path, "[\n" + first_item() + ',\n  {"dialogHeader": }\n]\n')
    items = read(path)
    assert list(conversations(items)) == ["good-1"]
    assert rejections(items) == [
        Rejected(11, None, "not valid JSON: Expecting value; the rest of the file was not read")
    ]


def test_an_unclosed_array_is_reported(tmp_path: Path) -> None:
    items = read(write(tmp_path, "[\n" + first_item() + "\n"))
    assert list(conversations(items)) == ["good-1"]
    assert [p.message for p in rejections(items)] == [
        "expected ',' or ']' after an item; the file ends before the closing ']'; "
        "the rest of the file was not read"
    ]


def test_a_value_cut_by_a_chunk_boundary_is_read_whole(tmp_path: Path) -> None:
    items = read(write(tmp_path, "[1234567,\n 2]"), chunk_bytes=5)
    assert rejections(items) == [
        Rejected(1, None, "expected an object, found a number"),
        Rejected(2, None, "expected an object, found a number"),
    ]


def test_an_empty_array_has_no_records(tmp_path: Path) -> None:
    assert read(write(tmp_path, " [ ] ")) == []


def test_a_file_that_is_not_an_array_is_a_file_error(tmp_path: Path) -> None:
    path = write(tmp_path, '{"dialogHeader": {}}')
    with pytest.raises(FileFormatError, match="not a JSON array"):
        read(path)


GOOD_ITEM = {
    "dialogHeader": {
        "company": "AdobeCare",
        "conversationDateTime": "2020-04-01T17:31:32.000Z",
        "duration": "00:10:00.0",
        "messageCount": "2",
        "sessionID": "s-1",
    },
    "dialogContent": [
        {
            "client": "someone",
            "datetime": "2020-04-01T17:31:32.000Z",
            "message": "@AdobeCare help",
            "tweet_ID": "1",
        }
    ],
    "agentURL": {
        "doc_id": "7",
        "url": "https://example.com",
        "tweet_ID": "2",
        "url_utterance": "ok",
    },
}


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        (("dialogContent",), {"client": "x"}, "dialogContent", "expected a list of turns"),
        (("dialogHeader", "company"), ["AdobeCare"], "dialogHeader.company", "expected a string"),
        (("dialogHeader", "sessionID"), " ", "dialogHeader.sessionID", "empty"),
        (("agentURL",), None, "agentURL", "expected an object, found null"),
        (
            ("dialogHeader", "conversationDateTime"),
            "2020-04-01T17:31:32",
            "dialogHeader.conversationDateTime",
            "timestamp has no UTC offset",
        ),
    ],
)
def test_one_broken_field_is_named(
    tmp_path: Path, path: tuple[str, ...], value: object, field: str, message: str
) -> None:
    item = json.loads(json.dumps(GOOD_ITEM))
    parent = item
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    items = read(write(tmp_path, json.dumps([item])))
    assert [(p.field, p.message[: len(message)]) for p in rejections(items)] == [(field, message)]


def test_a_time_without_offset_takes_the_assumed_zone(tmp_path: Path) -> None:
    item = json.loads(json.dumps(GOOD_ITEM))
    item["dialogContent"][0]["datetime"] = "2020-04-02T00:31:32"
    path = write(tmp_path, json.dumps([item]))
    context = ReadContext(assume_timezone=ZoneInfo("Asia/Ho_Chi_Minh"))
    items = list(IbmTwitterReader().read(path, context))
    found = conversations(items)["s-1"]
    assert found.messages[0].at == datetime(2020, 4, 1, 17, 31, 32, tzinfo=UTC)
    # Ids below the snowflake range carry no time: the final reply is start + duration.
    assert found.messages[1].at == datetime(2020, 4, 1, 17, 41, 32, tzinfo=UTC)


def test_the_customer_is_the_client_even_when_a_client1_speaks_first(tmp_path: Path) -> None:
    item = json.loads(json.dumps(GOOD_ITEM))
    joined = {**item["dialogContent"][0], "tweet_ID": "0"}
    item["dialogContent"].insert(
        0, {"client1": "early", **{k: joined[k] for k in joined if k != "client"}}
    )
    found = conversations(read(write(tmp_path, json.dumps([item]))))["s-1"]
    assert found.customer is not None
    assert found.customer.key == "twitter:someone"
    assert [m.author_name for m in found.messages] == ["early", "someone", "AdobeCare"]


def test_an_item_over_the_size_limit_stops_the_read(tmp_path: Path) -> None:
    path = write(tmp_path, json.dumps([GOOD_ITEM, GOOD_ITEM]))
    items = list(IbmTwitterReader(chunk_bytes=64).read(path, ReadContext(max_record_bytes=100)))
    assert rejections(items) == [
        Rejected(
            1,
            None,
            "the item is longer than the largest record allowed; the rest of the file was not read",
        )
    ]


# --- Docs -----------------------------------------------------------------------------------


def test_the_docs_cover_the_fields_mapped() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for field in ("sessionID", "company", "conversationDateTime", "duration", "client1"):
        assert f"`{field}`" in docs
    assert "cxqa import dev.json --format ibm-twitter-care" in docs


def test_a_syntax_error_early_in_a_big_file_is_named_at_its_line(tmp_path: Path) -> None:
    items = json.loads(DEV_JSON.read_text(encoding="utf-8"))
    text = json.dumps(items[:3], indent=1)
    broken = text.replace('"dialogContent": [', '"dialogContent": [,', 1)
    padding = json.dumps(items, indent=1)[1:]  # thousands of valid lines after the mistake
    path = tmp_path / "broken.json"
    path.write_text(broken[:-1] + "," + padding, encoding="utf-8")
    error_line = broken[: broken.index("[,")].count("\n") + 1

    read = list(IbmTwitterReader().read(path, ReadContext(max_record_bytes=64 * 1024)))

    problems = [item for item in read if isinstance(item, Rejected)]
    assert problems[0].line == error_line
    assert problems[0].message.startswith("not valid JSON")
