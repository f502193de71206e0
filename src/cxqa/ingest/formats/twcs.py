"""Kaggle's "Customer Support on Twitter" (twcs.csv): loose tweets rebuilt into conversations.

The file lists ~2.8M tweets in no useful order, each naming the tweet it answers. Rows are staged
into a throwaway SQLite database, each tweet's thread root is found with a recursive query, and
conversations are streamed root by root: memory is bounded by the largest thread, not the file.
See docs/formats/twcs.md.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from cxqa.ingest.formats.base import Item, ReadContext, Rejected, check_encoding, validate_record
from cxqa.ingest.formats.csv_records import allow_cells_up_to
from cxqa.ingest.formats.twcs_rows import Tweet, parsed_rows
from cxqa.ingest.formats.twitter import Roster, agent_signature, customer_record

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
# Covers the recursive step of _THREADS_SQL, which then never reads the table: 4x faster.
_INDEX_PARENTS_SQL = "CREATE INDEX tweets_parent ON tweets (parent, id, created, valid)"
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
        """scratch_dir: where the staging database goes (about 1.25x the file); default TMPDIR."""
        self._batch_size = batch_size
        self._scratch_dir = scratch_dir

    def read(self, path: Path, context: ReadContext) -> Iterator[Item]:
        allow_cells_up_to(context.max_record_bytes)
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
    # A generator may be closed (by garbage collection) on another thread than the one that
    # advanced it; it is never advanced by two threads at once, so sharing the connection is safe.
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    # A scratch file deleted afterwards: durability buys nothing, speed does.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB, the bulk of the reader's memory
    db.executescript(_SCHEMA)
    return db


# ---- first pass: CSV rows into the staging database ----------------------------------------


def _stage(
    path: Path, db: sqlite3.Connection, context: ReadContext, batch_size: int
) -> Iterator[Rejected]:
    """Copy every row into `tweets`, yielding the rejected ones in line order."""
    with path.open("rb") as handle:
        check_encoding(handle, path)
        batch = _Batch(db)
        db.execute("BEGIN")
        for tweet, problems in parsed_rows(handle, path, context):
            batch.add(tweet, problems)
            if len(batch) >= batch_size:
                yield from batch.flush()
        yield from batch.flush()
        db.execute("COMMIT")


class _Batch:
    """Rows inserted a few thousand at a time, and the rejections found meanwhile."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._tweets: list[Tweet] = []
        self._problems: list[Rejected] = []

    def __len__(self) -> int:
        return len(self._tweets) + len(self._problems)

    def add(self, tweet: Tweet | None, problems: list[Rejected]) -> None:
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
