"""Kaggle's "Customer Support on Twitter" (twcs.csv): loose tweets rebuilt into conversations.

The file lists ~2.8M tweets in no useful order, each naming the tweet it answers. Rows are staged
into a throwaway SQLite database, each tweet's thread root is found with a recursive query, and
conversations are streamed root by root: memory is bounded by the largest thread, not the file.
See docs/formats/twcs.md.
"""

from __future__ import annotations

import csv
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import BinaryIO, NamedTuple, TypeVar

from cxqa.ingest.formats.base import (
    FileFormatError,
    Item,
    ReadContext,
    Rejected,
    check_encoding,
    decode_line,
    iter_lines,
    oversized,
    validate_record,
)
from cxqa.ingest.formats.twitter import Roster, agent_signature, customer_record, unescape_tweet

REQUIRED_COLUMNS = (
    "tweet_id",
    "author_id",
    "inbound",
    "created_at",
    "text",
    "in_response_to_tweet_id",
)
"""response_tweet_id is not needed: every reply names its parent, which is all a tree needs."""

_TWEET_ID = re.compile(r"(\d{1,18})(?:\.0*)?")  # some dumps write ids as floats: "119237.0"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CREATED_AT = re.compile(
    rf"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<month>{'|'.join(_MONTHS)}) (?P<day>\d{{1,2}}) "
    r"(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d):(?P<second>[0-5]\d) "
    r"(?P<sign>[+-])(?P<zh>\d{2})(?P<zm>\d{2}) (?P<year>\d{4})"
)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SURROGATE = re.compile("[\udc80-\udcff]")
# Handles are at most 15 characters; the bound keeps "twitter:<author>" and agent keys valid.
_ACCOUNT = re.compile(r"\S{1,100}")

# Rows are appended in file order (rowid) and indexed afterwards: a sorted index build is about
# three times faster than inserting 2.8M shuffled ids into a primary key.
_SCHEMA = """
CREATE TABLE tweets (
    id INTEGER NOT NULL, parent INTEGER, line INTEGER NOT NULL, valid INTEGER NOT NULL,
    author TEXT, inbound INTEGER, created INTEGER, text TEXT
);
CREATE TABLE threads (
    root INTEGER NOT NULL, created INTEGER NOT NULL, id INTEGER NOT NULL,
    tweet INTEGER NOT NULL, root_tweet INTEGER NOT NULL,  -- rowids in tweets
    PRIMARY KEY (root, created, id)
) WITHOUT ROWID;
"""
_INDEX_IDS_SQL = "CREATE INDEX tweets_id ON tweets (id, line)"
_INDEX_PARENTS_SQL = "CREATE INDEX tweets_parent ON tweets (parent)"
# Kept on disk too: a broken export could hold millions of repeated ids.
_DUPLICATES_SQL = """
CREATE TABLE duplicates AS
SELECT t.rowid AS tweet, t.line, t.id, d.first_line FROM tweets AS t JOIN (
    SELECT id, min(line) AS first_line FROM tweets GROUP BY id HAVING count(*) > 1
) AS d ON t.id = d.id AND t.line > d.first_line
"""
# Rejected rows stay in the tree (valid = 0) so their replies are not cut off into new threads.
# Tweets on a loop of replies are reachable from no root and so never enter `threads`.
_THREADS_SQL = """
INSERT INTO threads (root, created, id, tweet, root_tweet)
WITH RECURSIVE chain(tweet, id, root, root_tweet, created, valid) AS (
    SELECT t.rowid, t.id, t.id, t.rowid, t.created, t.valid FROM tweets AS t
    WHERE t.parent IS NULL OR NOT EXISTS (SELECT 1 FROM tweets AS p WHERE p.id = t.parent)
    UNION ALL
    SELECT c.rowid, c.id, chain.root, chain.root_tweet, c.created, c.valid
    FROM tweets AS c JOIN chain ON c.parent = chain.id
)
SELECT root, created, id, tweet, root_tweet FROM chain WHERE valid ORDER BY root, created, id
"""
_STREAM_SQL = """
SELECT th.root, r.line, r.parent, t.id, t.line, t.author, t.inbound, t.created, t.text
FROM threads AS th
JOIN tweets AS t ON t.rowid = th.tweet JOIN tweets AS r ON r.rowid = th.root_tweet
ORDER BY th.root, th.created, th.id
"""
_LOOPS_SQL = """
SELECT line, id FROM tweets WHERE valid AND rowid NOT IN (SELECT tweet FROM threads) ORDER BY line
"""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Tweet:
    id: int
    parent: int | None
    line: int
    valid: bool
    author: str | None
    inbound: bool | None
    created: int | None  # seconds since the epoch: sorts and stores compactly
    text: str


class _ThreadRow(NamedTuple):
    root: int
    root_line: int
    root_parent: int | None
    id: int
    line: int
    author: str
    inbound: int  # SQLite's 1 or 0
    created: int
    text: str


class TwcsReader:
    name = "twcs"
    description = "Kaggle's Customer Support on Twitter (twcs.csv), threads rebuilt from replies"

    def __init__(self, *, batch_size: int = 5_000, scratch_dir: Path | None = None) -> None:
        """scratch_dir: where the staging database goes (about 1.5x the file); default TMPDIR."""
        self._batch_size = batch_size
        self._scratch_dir = scratch_dir

    def read(self, path: Path, context: ReadContext) -> Iterator[Item]:
        with (
            tempfile.TemporaryDirectory(prefix="cxqa-twcs-", dir=self._scratch_dir) as folder,
            closing(_open_stage(Path(folder) / "stage.sqlite3")) as db,
        ):
            yield from _stage(path, db, context, self._batch_size)
            db.execute(_INDEX_IDS_SQL)
            yield from _duplicates(db)
            db.execute(_INDEX_PARENTS_SQL)
            db.execute(_THREADS_SQL)
            yield from _loops(db)
            yield from _conversations(db, context)


def _open_stage(path: Path) -> sqlite3.Connection:
    # The import runs the reader in a worker thread and may close it from another one; the
    # generator is never advanced by two threads at once, so sharing the connection is safe.
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    # A scratch file deleted afterwards: durability buys nothing, speed does.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB, the bulk of the reader's memory
    db.executescript(_SCHEMA)
    return db


# ---- first pass: CSV rows into the staging database ----------------------------------------


class _SourceLines:
    """Lines for csv.reader, decoded one at a time so a bad byte costs one row, not the file."""

    def __init__(self, handle: BinaryIO, max_bytes: int) -> None:
        self._lines = iter_lines(handle, max_bytes)
        self._max_bytes = max_bytes
        self.position = 0
        self.undecodable: Rejected | None = None
        self.oversized: Rejected | None = None

    def __iter__(self) -> _SourceLines:
        return self

    def __next__(self) -> str:
        number, raw, self.position = next(self._lines)
        if raw is None:
            self.oversized = self.oversized or oversized(number, self._max_bytes)
            return "\n"
        text = decode_line(raw, number)
        if isinstance(text, Rejected):
            self.undecodable = self.undecodable or text
            # Lone surrogates keep the CSV structure intact; the row is rejected afterwards.
            return raw.decode("utf-8", "surrogateescape")
        return text


class _Header(NamedTuple):
    columns: dict[str, int]
    width: int


class _Record(NamedTuple):
    line: int
    fields: list[str]
    problem: Rejected | None  # unreadable as a whole: not CSV, or too long
    undecodable: Rejected | None


def _records(lines: _SourceLines) -> Iterator[_Record]:
    reader = csv.reader(lines)
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problem: Rejected | None = Rejected(start, None, f"not valid CSV: {error}")
            fields = []
        else:
            problem = lines.oversized
        yield _Record(start, fields, problem, lines.undecodable)
        lines.oversized = lines.undecodable = None
        start = reader.line_num + 1  # the physical line where the next record begins


def _header(first: _Record | None, path: Path) -> _Header:
    expected = ",".join(REQUIRED_COLUMNS)
    if first is None:
        raise FileFormatError(f"{path}: the file is empty; a twcs file starts with {expected}")
    problem = first.problem or first.undecodable
    if problem is not None:
        raise FileFormatError(f"{path}: the header (line 1) is unreadable: {problem.message}")
    columns = {name.strip(): index for index, name in enumerate(first.fields)}
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise FileFormatError(
            f"{path}: not a twcs file: the header lacks {', '.join(missing)} "
            f"(found {','.join(first.fields) or 'nothing'}; expected {expected})"
        )
    return _Header(columns, len(first.fields))


def _stage(
    path: Path, db: sqlite3.Connection, context: ReadContext, batch_size: int
) -> Iterator[Rejected]:
    """Copy every row into `tweets`, yielding the rejected ones in line order."""
    with path.open("rb") as handle:
        check_encoding(handle, path)
        lines = _SourceLines(handle, context.max_record_bytes)
        records = _records(lines)
        header = _header(next(records, None), path)
        batch = _Batch(db)
        db.execute("BEGIN")
        for record in records:
            context.on_progress(lines.position)
            if record.fields or record.problem:
                batch.add(*_parse_record(record, header))
            if len(batch) >= batch_size:
                yield from batch.flush()
        yield from batch.flush()
        db.execute("COMMIT")


def _parse_record(record: _Record, header: _Header) -> tuple[_Tweet | None, list[Rejected]]:
    if record.problem is not None:
        return None, [record.problem]
    if len(record.fields) != header.width:
        message = (
            f"the row has {len(record.fields)} fields but the header has {header.width} "
            "(is a text with a comma or a line break missing its quotes?)"
        )
        return None, [Rejected(record.line, None, message)]
    tweet, problems = _parse_row(record.fields, record.line, header.columns)
    if record.undecodable is not None:
        field = _undecodable_field(record, header.columns)
        problems.insert(0, replace(record.undecodable, field=field))
        if tweet is not None:  # kept as a link only: sqlite3 cannot store lone surrogates
            tweet = replace(tweet, valid=False, author=None, inbound=None, created=None, text="")
    return tweet, problems


def _undecodable_field(record: _Record, columns: dict[str, int]) -> str | None:
    """The column holding the bad bytes: decoding left them as lone surrogates."""
    bad = (name for name, index in columns.items() if _SURROGATE.search(record.fields[index]))
    return next(bad, None)


def _parse_row(
    fields: list[str], line: int, columns: dict[str, int]
) -> tuple[_Tweet | None, list[Rejected]]:
    """The tweet (None when even its id is unusable) and one Rejected per bad field."""
    problems: list[Rejected] = []

    def check(name: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(fields[columns[name]])
        except ValueError as error:
            problems.append(Rejected(line=line, field=name, message=str(error)))
            return None

    tweet_id = check("tweet_id", _tweet_id)
    author = check("author_id", _author)
    inbound = check("inbound", _inbound)
    created = check("created_at", _created_at)
    parent = check("in_response_to_tweet_id", _parent)
    if tweet_id is None:
        return None, problems
    text = unescape_tweet(fields[columns["text"]])
    valid = not problems
    return _Tweet(tweet_id, parent, line, valid, author, inbound, created, text), problems


def _tweet_id(value: str) -> int:
    match = _TWEET_ID.fullmatch(value.strip())
    if match is None:
        shown = repr(value) if value.strip() else "empty"
        raise ValueError(f"{shown} is not a tweet id (digits, e.g. 119237)")
    return int(match.group(1))


def _parent(value: str) -> int | None:
    return _tweet_id(value) if value.strip() else None


def _author(value: str) -> str:
    author = value.strip()
    if not _ACCOUNT.fullmatch(author):
        raise ValueError(f"{value[:120]!r} is not an account id (one word, e.g. AppleSupport)")
    return author


def _inbound(value: str) -> bool:
    flag = value.strip().lower()
    if flag not in ("true", "false"):
        raise ValueError(f"{value[:40]!r} is not True or False")
    return flag == "true"


def _created_at(value: str) -> int:
    """Seconds since the epoch. By hand: strptime follows the process locale, and is slow."""
    match = _CREATED_AT.fullmatch(value.strip())
    problem = f"{value[:60]!r} is not a Twitter time like 'Tue Oct 31 22:10:47 +0000 2017'"
    if match is None:
        raise ValueError(problem)
    month = _MONTHS.index(match["month"]) + 1
    try:
        day = _epoch_day(int(match["year"]), month, int(match["day"]))
    except ValueError as error:
        raise ValueError(f"{problem}: {error}") from error
    clock = int(match["hour"]) * 3600 + int(match["minute"]) * 60 + int(match["second"])
    offset = int(match["zh"]) * 3600 + int(match["zm"]) * 60
    return day * 86400 + clock - (-offset if match["sign"] == "-" else offset)


@lru_cache(maxsize=4096)
def _epoch_day(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01, validated; cached: a file spans a few hundred distinct days."""
    return date(year, month, day).toordinal() - _EPOCH_ORDINAL


class _Batch:
    """Rows inserted a few thousand at a time, and the rejections found meanwhile."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._tweets: list[_Tweet] = []
        self._problems: list[Rejected] = []

    def __len__(self) -> int:
        return len(self._tweets) + len(self._problems)

    def add(self, tweet: _Tweet | None, problems: list[Rejected]) -> None:
        if tweet is not None:
            self._tweets.append(tweet)
        self._problems += problems

    def flush(self) -> list[Rejected]:
        """Insert the batch; the rejections found so far, in line order."""
        self._db.executemany(
            "INSERT INTO tweets VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (t.id, t.parent, t.line, t.valid, t.author, t.inbound, t.created, t.text)
                for t in self._tweets
            ],
        )
        found = sorted(self._problems, key=attrgetter("line"))
        self._tweets, self._problems = [], []
        return found


def _duplicates(db: sqlite3.Connection) -> Iterator[Rejected]:
    """Later copies of a tweet id, deleted so that ids identify one tweet; the first is kept."""
    db.execute(_DUPLICATES_SQL)
    db.execute("DELETE FROM tweets WHERE rowid IN (SELECT tweet FROM duplicates)")
    for line, tweet_id, first_line in db.execute(
        "SELECT line, id, first_line FROM duplicates ORDER BY line"
    ):
        message = f"tweet {tweet_id} already appeared on line {first_line}; row skipped"
        yield Rejected(line=line, field="tweet_id", message=message)


# ---- second pass: threads out of the staging database --------------------------------------


def _loops(db: sqlite3.Connection) -> Iterator[Rejected]:
    """Tweets whose reply chain circles back on itself have no root and cannot be placed."""
    (staged,) = db.execute("SELECT count(*) FROM tweets WHERE valid").fetchone()
    (placed,) = db.execute("SELECT count(*) FROM threads").fetchone()
    if staged == placed:
        return
    for line, tweet_id in db.execute(_LOOPS_SQL):
        message = f"the reply chain of tweet {tweet_id} loops back on itself; no thread start"
        yield Rejected(line=line, field="in_response_to_tweet_id", message=message)


def _conversations(db: sqlite3.Connection, context: ReadContext) -> Iterator[Item]:
    roster = Roster(context)
    rows = map(_ThreadRow._make, db.execute(_STREAM_SQL))
    for _root, thread in groupby(rows, key=attrgetter("root")):
        yield from _conversation(list(thread), roster, context)


def _conversation(rows: list[_ThreadRow], roster: Roster, context: ReadContext) -> list[Item]:
    """The team and agent records it introduces, then the conversation itself."""
    items: list[Item] = []
    messages: list[dict[str, object]] = []
    for row in rows:
        agent, introduced = _introduce(row, roster)
        items += introduced
        messages.append(_message(row, agent))
    record = _conversation_record(rows, messages)
    return items + validate_record(record, rows[0].root_line, context)


def _introduce(row: _ThreadRow, roster: Roster) -> tuple[str | None, list[Item]]:
    """The agent key of a brand tweet and the not yet emitted records it refers to."""
    if row.inbound:
        return None, []
    items = roster.team(row.author, row.line)
    signature = agent_signature(row.text)
    if signature is None:
        return None, items
    key, records = roster.agent(row.author, signature, row.line)
    return key, items + records


def _message(row: _ThreadRow, agent: str | None) -> dict[str, object]:
    return {
        "id": str(row.id),
        "role": "customer" if row.inbound else "agent",
        "agent": agent,
        "author_name": row.author,
        "at": datetime.fromtimestamp(row.created, UTC),
        "text": row.text,
    }


def _conversation_record(
    rows: list[_ThreadRow], messages: list[dict[str, object]]
) -> dict[str, object]:
    first = rows[0]
    brands = [row.author for row in rows if not row.inbound]
    customers = [row.author for row in rows if row.inbound]
    # Only a brand tweet that starts the thread and answers nothing is an outbound contact.
    outbound = first.id == first.root and not first.inbound and first.root_parent is None
    record: dict[str, object] = {
        "type": "conversation",
        "source": "twcs",
        "id": str(first.root),
        "channel": "twitter",
        "direction": "outbound" if outbound else "inbound",
        "team": brands[0] if brands else None,
        "customer": customer_record(customers[0]) if customers else None,
        "messages": messages,
    }
    if first.root_parent is not None:
        # The thread answers a tweet missing from the file: its real start is not known.
        record["attributes"] = {"in_response_to_tweet_id": str(first.root_parent)}
    return record
