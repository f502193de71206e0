"""The canonical format: JSON Lines, one record per line (see docs/import-formats.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from cxqa.ingest.formats.base import (
    Item,
    Parsed,
    ReadContext,
    Rejected,
    check_encoding,
    decode_line,
    iter_lines,
    oversized,
    rejections,
    validate_json_record,
)


class JsonlReader:
    name = "jsonl"
    description = "cxqa's canonical JSON Lines: one conversation (or team, agent, ...) per line"

    def read(self, path: Path, context: ReadContext) -> Iterator[Item]:
        with path.open("rb") as handle:
            check_encoding(handle, path)
            for number, raw, position in iter_lines(handle, context.max_record_bytes):
                context.on_progress(position)
                if raw is None:
                    yield oversized(number, context.max_record_bytes)
                    continue
                if not raw.strip():
                    continue
                yield from parse_json_record(raw, number, context)


def parse_json_record(raw: bytes, number: int, context: ReadContext) -> list[Item]:
    """One JSON record (a JSONL line or an API request body) validated into a record."""
    text = decode_line(raw, number)
    if isinstance(text, Rejected):
        return [text]
    try:
        record = validate_json_record(text, context)
    except ValidationError as error:
        return list(rejections(error, number))
    return [Parsed(line=number, record=record)]
