"""Rows of a twcs.csv file, checked field by field, ready for staging (see twcs.py)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple, TypeVar

from cxqa.ingest.formats.base import (
    FileFormatError,
    ReadContext,
    Rejected,
    decode_line,
    iter_lines,
    oversized,
)
from cxqa.ingest.formats.twitter import unescape_tweet

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

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Tweet:
    """One row to stage. A rejected row (valid=False) is kept as a link between its neighbours."""

    id: int
    parent: int | None
    line: int
    valid: bool
    author: str | None
    inbound: bool | None
    created: int | None  # seconds since the epoch: sorts and stores compactly
    text: str


def parsed_rows(
    handle: BinaryIO, path: Path, context: ReadContext
) -> Iterator[tuple[Tweet | None, list[Rejected]]]:
    """Each row: the tweet to stage (None when even its id is unusable) and its problems.

    Raises FileFormatError, on the first step, when the header lacks a needed column.
    """
    lines = _SourceLines(handle, context.max_record_bytes)
    records = _records(lines)
    header = _header(next(records, None), path)
    for record in records:
        context.on_progress(lines.position)
        if record.fields or record.problem:
            yield _parse_record(record, header)


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


def _parse_record(record: _Record, header: _Header) -> tuple[Tweet | None, list[Rejected]]:
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
) -> tuple[Tweet | None, list[Rejected]]:
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
    return Tweet(tweet_id, parent, line, valid, author, inbound, created, text), problems


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
