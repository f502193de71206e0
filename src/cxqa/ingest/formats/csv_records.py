"""CSV read safely: records cut from the bytes with a size bound, then decoded line by line.

The csv module alone would hold a record of any size in memory (an unclosed quote makes the rest
of the file one value) and cannot say which physical line a bad byte is on. So records are cut
here first, following quotes the way the csv module does, and only then handed to it.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from cxqa.ingest.formats.base import ReadContext, Rejected, decode_line, oversized

__all__ = ["CsvRecord", "cells", "decode", "records", "sniff_delimiter"]

# Where a CSV parser is at a byte boundary, as the csv module (not strict) tracks it.
_FIELD_START, _UNQUOTED, _QUOTED, _QUOTE_IN_QUOTED = range(4)


class _Scanner:
    """Knows whether a line break ends the record: only a quoted value can span lines.

    It jumps from quote to quote. Outside quotes a quote opens a value only at the value's start,
    which the byte before it tells; inside quotes only the next quote can matter.
    """

    def __init__(self, delimiter: str) -> None:
        self._value_ends = (delimiter.encode(), b"\r", b"\n")
        self._state = _FIELD_START

    @property
    def in_quotes(self) -> bool:
        return self._state == _QUOTED

    def feed(self, chunk: bytes) -> None:
        position = 0
        while position < len(chunk):
            position = self._advance(chunk, position)

    def _advance(self, chunk: bytes, position: int) -> int:
        """Move the state past the next quote, or to the end of chunk; return where it stopped."""
        if self._state == _QUOTE_IN_QUOTED:
            # The quote before closed the value, unless this one makes it an escaped "".
            byte = chunk[position : position + 1]
            self._state = _QUOTED if byte == b'"' else self._after(byte)
            return position + 1
        quote = chunk.find(b'"', position)
        if self._state == _QUOTED:
            self._state = _QUOTED if quote < 0 else _QUOTE_IN_QUOTED
            return len(chunk) if quote < 0 else quote + 1
        if quote < 0:
            self._state = self._after(chunk[-1:])
            return len(chunk)
        before = self._state if quote == position else self._after(chunk[quote - 1 : quote])
        self._state = _QUOTED if before == _FIELD_START else _UNQUOTED
        return quote + 1

    def _after(self, byte: bytes) -> int:
        return _FIELD_START if byte in self._value_ends else _UNQUOTED


@dataclass
class CsvRecord:
    """One CSV record's bytes and the physical line it starts on."""

    line: int
    head: bytes = b""  # the first chunk, kept even when the rest is not: it names the row
    chunks: list[bytes] = field(default_factory=list)
    size: int = 0
    too_long: bool = False  # its bytes were dropped as they came
    unclosed: bool = False  # a quote was still open at the end of the file

    def add(self, chunk: bytes, limit: int) -> None:
        self.head = self.head or chunk
        self.size += len(chunk)
        if self.size > limit:
            self.too_long = True
            self.chunks.clear()
        else:
            self.chunks.append(chunk)

    def lines(self) -> list[bytes]:
        return io.BytesIO(b"".join(self.chunks)).readlines()

    def unreadable(self, limit: int) -> Rejected | None:
        """Why the record cannot be parsed at all, if it cannot."""
        if self.unclosed:
            message = "a double quote opened on this row is never closed; check for a stray quote"
            return Rejected(line=self.line, field=None, message=message)
        return oversized(self.line, limit) if self.too_long else None

    def leading_cells(self, delimiter: str) -> list[str]:
        """The values that end within the first chunk of a record that cannot be read whole."""
        text = self.head.decode("utf-8-sig" if self.line == 1 else "utf-8", errors="replace")
        try:
            # Not strict, the csv module returns a row cut short; its last value is incomplete.
            found = next(csv.reader([text], delimiter=delimiter), [])
        except csv.Error:
            return []
        return found[:-1]


def sniff_delimiter(handle: BinaryIO, limit: int) -> str:
    """',' unless the header has ';' and no ',': Excel writes that where ',' is the decimal mark."""
    header = handle.readline(limit)
    handle.seek(0)
    return ";" if b"," not in header and b";" in header else ","


def records(handle: BinaryIO, delimiter: str, context: ReadContext) -> Iterator[CsvRecord]:
    """The file's records in order, blank lines included; at most max_record_bytes kept of one."""
    limit = context.max_record_bytes
    scanner = _Scanner(delimiter)
    number = 1
    record = CsvRecord(line=number)
    while chunk := handle.readline(limit + 1):
        context.on_progress(handle.tell())
        scanner.feed(chunk.removeprefix(codecs.BOM_UTF8) if number == 1 else chunk)
        record.add(chunk, limit)
        if chunk.endswith(b"\n"):
            number += 1
            if not scanner.in_quotes:
                yield record
                record = CsvRecord(line=number)
    if record.size:
        record.unclosed = scanner.in_quotes
        yield record


def decode(record: CsvRecord) -> tuple[list[str], Rejected | None]:
    """The record's lines as text; a bad byte is reported, then replaced so the rest can be read.

    Replacing keeps the CSV structure: quotes, delimiters and line breaks are ASCII, and the UTF-8
    decoder never swallows an ASCII byte into a replacement character.
    """
    texts: list[str] = []
    problem: Rejected | None = None
    for offset, raw in enumerate(record.lines()):
        text = decode_line(raw, record.line + offset)
        if isinstance(text, Rejected):
            problem = problem or text
            text = raw.decode("utf-8", errors="replace")
        texts.append(text)
    return texts, problem


def cells(texts: list[str], line: int, delimiter: str) -> list[str] | Rejected:
    """The values of one record's text; [] for a blank line."""
    try:
        rows = list(csv.reader(texts, delimiter=delimiter))
    except csv.Error as error:
        return Rejected(line=line, field=None, message=f"cannot be read as CSV: {error}")
    if len(rows) > 1:
        # Not while the scanner agrees with the csv module; if they ever disagree, say so
        # rather than import a fragment as a row of its own.
        return Rejected(line=line, field=None, message="a line break outside double quotes")
    return rows[0] if rows else []


def allow_cells_up_to(max_record_bytes: int) -> None:
    """Let the csv module read a cell as long as a whole record may be.

    Its default (131,072 characters) would refuse a long e-mail body that the canonical format
    accepts. The limit is process-wide and only ever raised here; memory stays bounded because
    records are cut at max_record_bytes before the csv module sees them.
    """
    csv.field_size_limit(max(csv.field_size_limit(), max_record_bytes))
