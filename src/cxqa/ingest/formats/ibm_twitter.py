"""IBM's Twitter customer-care dialogs (dev.json of IBM/twitter-customer-care-document-prediction).

One JSON array; each item holds the turns before a brand's final reply, which links a help
article. The array is decoded item by item from fixed-size chunks, so memory stays bounded by the
largest item, not the file. See docs/formats/ibm-twitter-care.md.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import BinaryIO

from cxqa.ingest.formats.base import (
    FileFormatError,
    Item,
    ReadContext,
    Rejected,
    check_encoding,
    validate_record,
)
from cxqa.ingest.formats.twitter import Roster, agent_signature, customer_record, unescape_tweet
from cxqa.ingest.schemas import aware_utc

SOURCE = "ibm-twitter-care"
_AUTHOR_KEYS = {"client": "customer", "client1": "customer", "agent": "agent"}
_DURATION = re.compile(r"(?P<sign>-)?(?P<h>\d{1,4}):(?P<m>[0-5]\d):(?P<s>[0-5]\d(?:\.\d*)?)")
_SPACES = re.compile(r"\s*")
# Tweet ids since November 2010 are "snowflakes": milliseconds since this epoch, shifted left 22.
_SNOWFLAKE_EPOCH = datetime(2010, 11, 4, 1, 42, 54, 657000, UTC)
_FIRST_SNOWFLAKE = 10**15
_CLOCK_SLACK = timedelta(seconds=2)  # header times are whole seconds, snowflakes milliseconds


class IbmTwitterReader:
    name = SOURCE
    description = "IBM's Twitter customer-care dialogs (JSON array with a final help-article reply)"

    def __init__(self, chunk_bytes: int = 256 * 1024) -> None:
        self._chunk_bytes = chunk_bytes

    def read(self, path: Path, context: ReadContext) -> Iterator[Item]:
        roster = Roster(context)
        with path.open("rb") as handle:
            check_encoding(handle, path)
            for entry in _ArrayItems(handle, path, context, self._chunk_bytes):
                if isinstance(entry, Rejected):
                    yield entry
                    continue
                line, item = entry
                yield from _read_item(item, line, roster, context)


# ---- the JSON array, one item at a time -----------------------------------------------------


class _ArrayItems:
    """(line, item) for each item of a top-level JSON array; a syntax error ends the read."""

    def __init__(self, handle: BinaryIO, path: Path, context: ReadContext, chunk: int) -> None:
        self._handle, self._path, self._context, self._chunk = handle, path, context, chunk
        # Bad bytes become lone surrogates: the item holding them is rejected, not the file.
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="surrogateescape")
        self._json = json.JSONDecoder()
        self._text = ""
        self._pos = 0
        self._eof = False
        self._line = 1  # the line number at self._counted in self._text
        self._counted = 0

    def __iter__(self) -> Iterator[tuple[int, object] | Rejected]:
        if self._next_char() != "[":
            raise FileFormatError(f"{self._path}: not a JSON array (it must start with '[')")
        self._pos += 1
        if self._next_char() == "]":
            return
        while True:
            entry = self._item()
            yield entry
            if isinstance(entry, Rejected):
                return
            found = self._next_char()
            if found == "]":
                return
            if found != ",":
                what = f"found {found!r}" if found else "the file ends before the closing ']'"
                yield self._stop(
                    self._line_at(self._pos), f"expected ',' or ']' after an item; {what}"
                )
                return
            self._pos += 1

    def _item(self) -> tuple[int, object] | Rejected:
        self._next_char()  # raw_decode does not skip leading white space
        line = self._line_at(self._pos)
        while True:
            try:
                value, end = self._json.raw_decode(self._text, self._pos)
            except json.JSONDecodeError as error:
                if _is_syntax_error(error, len(self._text)):
                    return self._stop(self._line_at(error.pos), f"not valid JSON: {error.msg}")
                if len(self._text) - self._pos > self._context.max_record_bytes:
                    return self._stop(line, "the item is longer than the largest record allowed")
                if self._fill():
                    continue
                return self._stop(self._line_at(error.pos), f"not valid JSON: {error.msg}")
            # A number cut by the chunk boundary decodes fine but short: read on to be sure.
            if end == len(self._text) and self._fill():
                continue
            self._pos = end
            return line, value

    def _stop(self, line: int, problem: str) -> Rejected:
        return Rejected(line, None, f"{problem}; the rest of the file was not read")

    def _next_char(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            match = _SPACES.match(self._text, self._pos)
            self._pos = match.end() if match else self._pos
            if self._pos < len(self._text):
                return self._text[self._pos]
            if not self._fill():
                return ""

    def _fill(self) -> bool:
        """Append the next chunk, dropping what was consumed; False once the file is exhausted."""
        if self._eof:
            return False
        # At least double what is pending, so an item spanning many chunks is re-parsed
        # a logarithmic number of times, not once per chunk.
        raw = self._handle.read(max(self._chunk, len(self._text) - self._pos))
        self._eof = not raw
        self._line_at(self._pos)
        self._text = self._text[self._pos :] + self._decoder.decode(raw, final=self._eof)
        self._counted = self._pos = 0
        self._context.on_progress(self._handle.tell())
        return True

    def _line_at(self, index: int) -> int:
        """Line number of self._text[index]; indexes only move forward, so counting is linear."""
        self._line += self._text.count("\n", self._counted, index)
        self._counted = index
        return self._line


# ---- one item into records --------------------------------------------------------------------


class _FieldError(Exception):
    """A field of the item that cannot be imported; caught per item, never leaves the reader."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class _Turn:
    tweet_id: str
    kind: str  # client, client1 or agent: the key the author's screen name was under
    author: str
    at: datetime
    text: str

    @property
    def role(self) -> str:
        return _AUTHOR_KEYS[self.kind]


@dataclass(frozen=True)
class _Dialog:
    session: str
    company: str
    turns: list[_Turn]  # the final reply last
    help_article: dict[str, str]


def _read_item(item: object, line: int, roster: Roster, context: ReadContext) -> list[Item]:
    """The team and agent records the dialog introduces, then its conversation."""
    try:
        dialog = _dialog(item, context.assume_timezone)
    except _FieldError as bad:
        return [Rejected(line=line, field=bad.field, message=bad.message)]
    items = roster.team(dialog.company, line)
    messages: list[dict[str, object]] = []
    for turn in dialog.turns:
        agent, introduced = _agent(turn, roster, line)
        items += introduced
        messages.append(_message(turn, agent))
    return items + validate_record(_conversation(dialog, messages), line, context)


def _agent(turn: _Turn, roster: Roster, line: int) -> tuple[str | None, list[Item]]:
    signature = agent_signature(turn.text) if turn.role == "agent" else None
    if signature is None:
        return None, []
    return roster.agent(turn.author, signature, line)


def _message(turn: _Turn, agent: str | None) -> dict[str, object]:
    return {
        "id": turn.tweet_id,
        "role": turn.role,
        "agent": agent,
        "author_name": turn.author,
        "at": turn.at,
        "text": turn.text,
    }


def _conversation(dialog: _Dialog, messages: list[dict[str, object]]) -> dict[str, object]:
    # The "client" opened the dialog; a "client1" joined later and is only an author.
    opener = next((turn.author for turn in dialog.turns if turn.kind == "client"), None)
    return {
        "type": "conversation",
        "source": SOURCE,
        "id": dialog.session,
        "channel": "twitter",
        "language": "en",
        "team": dialog.company,
        "customer": customer_record(opener) if opener is not None else None,
        "messages": messages,
        "attributes": {"help_article": dialog.help_article},
    }


def _dialog(item: object, zone: tzinfo | None) -> _Dialog:
    root = _object(item, "")
    header = _object(_member(root, "", "dialogHeader"), "dialogHeader")
    company = _text(header, "dialogHeader", "company")
    start = _time(header, "dialogHeader", "conversationDateTime", zone)
    turns = [_turn(turn, f"dialogContent[{index}]", zone) for index, turn in _content(root)]
    final = _object(_member(root, "", "agentURL"), "agentURL")
    reply = _Turn(
        tweet_id=_text(final, "agentURL", "tweet_ID"),
        kind="agent",
        author=company,
        at=_final_reply_at(start, header, _text(final, "agentURL", "tweet_ID")),
        text=unescape_tweet(_text(final, "agentURL", "url_utterance", allow_empty=True)),
    )
    article = {key: _text(final, "agentURL", key) for key in ("doc_id", "url")}
    session = _text(header, "dialogHeader", "sessionID")
    return _Dialog(session=session, company=company, turns=[*turns, reply], help_article=article)


def _content(root: dict[str, object]) -> list[tuple[int, object]]:
    turns = _member(root, "", "dialogContent")
    if not isinstance(turns, list):
        raise _FieldError("dialogContent", f"expected a list of turns, found {_kind(turns)}")
    return list(enumerate(turns))


def _turn(value: object, path: str, zone: tzinfo | None) -> _Turn:
    turn = _object(value, path)
    keys = [key for key in _AUTHOR_KEYS if key in turn]
    if len(keys) != 1:
        raise _FieldError(
            path, "a turn needs exactly one of client, client1 or agent (a screen name)"
        )
    return _Turn(
        tweet_id=_text(turn, path, "tweet_ID"),
        kind=keys[0],
        author=_text(turn, path, keys[0]),
        at=_time(turn, path, "datetime", zone),
        text=unescape_tweet(_text(turn, path, "message", allow_empty=True)),
    )


def _final_reply_at(start: datetime, header: dict[str, object], tweet_id: str) -> datetime:
    """start + duration, plus the whole days the header's duration lost (read off the tweet id).

    The published durations keep only the time of day of longer gaps ("01:05:26.0" for a reply
    3 days later), and some read "-12:14:20." for gaps of 10 days or more; the tweet id's
    snowflake timestamp tells how many whole days are missing.
    """
    negative, duration = _duration(_text(header, "dialogHeader", "duration"))
    at = start + duration
    posted = _snowflake_time(tweet_id)
    if posted is not None:
        days = round((posted - at) / timedelta(days=1))
        candidate = at + timedelta(days=days)
        if days >= 0 and abs(posted - candidate) <= _CLOCK_SLACK:
            return candidate
    if negative:
        message = "a negative duration, and the reply's tweet id does not tell its time either"
        raise _FieldError("dialogHeader.duration", message)
    return at


def _duration(value: str) -> tuple[bool, timedelta]:
    match = _DURATION.fullmatch(value.strip())
    if match is None:
        raise _FieldError(
            "dialogHeader.duration", f"{value[:40]!r} is not a duration like 01:26:55.0"
        )
    seconds = float(match["s"])
    span = timedelta(hours=int(match["h"]), minutes=int(match["m"]), seconds=seconds)
    return match["sign"] is not None, span


def _snowflake_time(tweet_id: str) -> datetime | None:
    if not tweet_id.isdigit() or int(tweet_id) < _FIRST_SNOWFLAKE:
        return None
    return _SNOWFLAKE_EPOCH + timedelta(milliseconds=int(tweet_id) >> 22)


# ---- typed access to the decoded JSON, naming the field that is wrong ------------------------


def _object(value: object, path: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise _FieldError(path or None, f"expected an object, found {_kind(value)}")
    return value


def _member(parent: dict[str, object], path: str, key: str) -> object:
    if key not in parent:
        raise _FieldError(f"{path}.{key}" if path else key, "missing")
    return parent[key]


def _text(parent: dict[str, object], path: str, key: str, *, allow_empty: bool = False) -> str:
    value = _member(parent, path, key)
    field = f"{path}.{key}"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # ids are strings in the published file, numbers in some copies
    if not isinstance(value, str):
        raise _FieldError(field, f"expected a string, found {_kind(value)}")
    if not (allow_empty or value.strip()):
        raise _FieldError(field, "empty")
    if any("\udc80" <= char <= "\udcff" for char in value):
        raise _FieldError(field, "not valid UTF-8; save the file as UTF-8")
    return value


def _time(parent: dict[str, object], path: str, key: str, zone: tzinfo | None) -> datetime:
    value = _text(parent, path, key)
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        message = f"{value[:40]!r} is not an ISO-8601 time like 2020-04-01T17:31:32.000Z"
        raise _FieldError(f"{path}.{key}", message) from None
    try:
        return aware_utc(at, zone)
    except ValueError as error:
        raise _FieldError(f"{path}.{key}", str(error)) from None


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    return "null" if value is None else names.get(type(value), "a number")


def _is_syntax_error(error: json.JSONDecodeError, text_length: int) -> bool:
    """A mistake in the file rather than the end of what was read so far: the decoder stopped
    well before the end of the text, where more text cannot help (except inside a string that
    is longer than what was read)."""
    truncation_margin = 16  # "true", "null", a number or a key cut by the chunk boundary
    if error.msg.startswith("Unterminated string"):
        return False
    return error.pos < text_length - truncation_margin
