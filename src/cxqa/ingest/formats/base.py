"""What every format reader yields, and the shared pieces for reading files safely."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import BinaryIO, Protocol

from pydantic import TypeAdapter, ValidationError

from cxqa.ingest.schemas import ASSUME_TIMEZONE, ConversationRecord, Record


@dataclass(frozen=True)
class Parsed:
    """A record that passed validation, with the line it started on."""

    line: int
    record: Record


@dataclass(frozen=True)
class Rejected:
    """A record that cannot be imported: where it is, which field, and why.

    `record_line` is the line the rejected record starts on, when the problem lies further in
    (a CSV conversation spans rows); skipped records are counted by it.
    """

    line: int | None
    field: str | None
    message: str
    record_line: int | None = None

    @property
    def record(self) -> int | None:
        return self.line if self.record_line is None else self.record_line


Item = Parsed | Rejected


@dataclass
class ReadContext:
    """Options for one read, and a callback told how many bytes of the file were consumed."""

    max_record_bytes: int = 16 * 1024 * 1024
    assume_timezone: tzinfo | None = None
    on_progress: Callable[[int], None] = field(default=lambda _position: None)

    def validation_context(self) -> dict[str, object]:
        return {ASSUME_TIMEZONE: self.assume_timezone}


class FormatReader(Protocol):
    name: str
    description: str

    def read(self, path: Path, context: ReadContext) -> Iterator[Item]:
        """Yield every record of the file in order, valid or rejected; never raise for bad data."""
        ...


class FileFormatError(Exception):
    """The file as a whole cannot be read (not UTF-8, not this format)."""


RECORD_ADAPTER: TypeAdapter[Record] = TypeAdapter(Record)
CONVERSATION_ADAPTER: TypeAdapter[ConversationRecord] = TypeAdapter(ConversationRecord)
_RECORD_TAGS = frozenset({"conversation", "team", "agent", "agent_status", "customer"})


def field_path(location: tuple[int | str, ...]) -> str | None:
    """('conversation', 'messages', 3, 'at') -> 'messages[3].at' (the union tag dropped)."""
    parts = list(location)
    if parts and parts[0] in _RECORD_TAGS:
        parts = parts[1:]
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or None


def rejections(error: ValidationError, line: int | None) -> Iterator[Rejected]:
    """One Rejected per problem pydantic found, so the user can fix them all in one pass."""
    for problem in error.errors(include_url=False):
        message = problem["msg"].removeprefix("Value error, ")
        yield Rejected(line=line, field=field_path(problem["loc"]), message=message)


def validate_record(data: object, line: int, context: ReadContext) -> list[Item]:
    """Validate one already-parsed record (a dict from JSON or an adapter)."""
    try:
        record = RECORD_ADAPTER.validate_python(data, context=context.validation_context())
    except ValidationError as error:
        return list(rejections(error, line))
    return [Parsed(line=line, record=record)]


def validate_json_record(text: str, context: ReadContext) -> Record:
    """Validate one JSON record; raises ValidationError.

    Most lines are conversations, and validating straight against the conversation model
    lets pydantic work on the JSON text itself (three times faster than the union, whose
    "type" default needs the parsed object). Other record types fall through to the union.
    """
    try:
        return CONVERSATION_ADAPTER.validate_json(text, context=context.validation_context())
    except ValidationError as error:
        if not any(e["loc"] == ("type",) for e in error.errors()):
            raise
    return RECORD_ADAPTER.validate_json(text, context=context.validation_context())


def check_encoding(handle: BinaryIO, path: Path) -> None:
    """Refuse UTF-16/32 files up front; they would otherwise fail on every line."""
    head = handle.read(4)
    handle.seek(0)
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if head.startswith(bom):
            raise FileFormatError(f"{path}: the file is {name}; save it as UTF-8 and import again")


def decode_line(raw: bytes, line: int) -> str | Rejected:
    """UTF-8 text of one line (a leading BOM dropped), or where the bad byte is."""
    try:
        return raw.decode("utf-8-sig" if line == 1 else "utf-8")
    except UnicodeDecodeError as error:
        column = raw[: error.start].decode("utf-8", errors="replace").__len__() + 1
        return Rejected(
            line=line,
            field=None,
            message=f"not valid UTF-8 (byte 0x{raw[error.start]:02X} at column {column}); "
            "save the file as UTF-8",
        )


def iter_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes or None when over max_bytes, file position after the line).

    Reads at most max_bytes of any one line into memory: an oversized line is skipped in chunks.
    """
    number = 0
    while True:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(1024 * 1024)
            yield number, None, handle.tell()
            continue
        yield number, raw, handle.tell()


def oversized(line: int, max_bytes: int) -> Rejected:
    return Rejected(
        line=line,
        field=None,
        message=f"record is longer than {max_bytes:,} bytes (CXQA_IMPORT_MAX_RECORD_BYTES); "
        "it was skipped without being read into memory",
    )
