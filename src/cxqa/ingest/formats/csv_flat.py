"""Flat CSV for people who live in spreadsheets: one message per row (see docs/formats/csv.md).

A conversation is the run of consecutive rows with the same source and conversation_id; it is held
in memory only until the run ends, and imported whole or not at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass, field, replace
from pathlib import Path

from cxqa.ingest.formats import csv_records
from cxqa.ingest.formats.base import FileFormatError, Item, ReadContext, Rejected, check_encoding
from cxqa.ingest.formats.csv_flat_record import Row, conversation_items

__all__ = ["COLUMNS", "Column", "CsvReader"]


@dataclass(frozen=True)
class Column:
    """A column of the format; docs/formats/csv.md describes each one (a test checks)."""

    name: str
    meaning: str
    example: str
    _: KW_ONLY
    required: bool = False
    per_message: bool = False  # else one value per conversation


COLUMNS: tuple[Column, ...] = (
    Column("conversation_id", "Its id in the source system.", "ZL-1001", required=True),
    Column(
        "channel",
        "phone, email, chat, facebook, zalo, twitter, sms, web, other.",
        "zalo",
        required=True,
    ),
    Column("role", "customer, agent, bot or system.", "customer", required=True, per_message=True),
    Column(
        "sent_at",
        "When it was sent (see Timestamps).",
        "02/05/2024 08:15",
        required=True,
        per_message=True,
    ),
    Column(
        "text",
        "The message; may be empty (a sticker).",
        "Còn size M không?",
        required=True,
        per_message=True,
    ),
    Column("source", "The system the conversation came from. Default: csv.", "zalo-oa"),
    Column("direction", "inbound (default: the customer started it) or outbound.", "inbound"),
    Column("subject", "Subject line, mostly for e-mail.", "Đổi size áo"),
    Column("language", "Language code.", "vi"),
    Column("priority", "low, normal (default), high or urgent.", "high"),
    Column("team", "Key of the team that handled the conversation.", "cskh-shop"),
    Column("agent", "Key of the agent assigned at the end.", "lan.nguyen"),
    Column("customer_id", "Stable key of the customer.", "KH-0042"),
    Column("customer_name", "The customer's name.", "Nguyễn Thị Mai"),
    Column("customer_phone", "Phone numbers, separated by ;.", "+84901234567"),
    Column("customer_email", "E-mail addresses, separated by ;.", "mai@example.com"),
    Column("customer_zalo_id", "The customer's Zalo user id.", "4412345678901234567"),
    Column("customer_facebook_id", "The customer's Facebook page-scoped id.", "7301234567890123"),
    Column("tags", "Tags, separated by ;.", "doi-tra;vip"),
    Column("status", "Final status: open, pending, resolved or closed.", "resolved"),
    Column("resolved_at", "When it reached status (default: resolved).", "02/05/2024 09:40"),
    Column("csat", "CSAT score, 1-5.", "5"),
    Column("csat_comment", "The customer's comment on the CSAT survey.", "Nhân viên nhiệt tình"),
    Column("nps", "NPS score, 0-10.", "9"),
    Column("ces", "CES score, 1-7.", "6"),
    Column(
        "survey_at", "When the surveys were answered. Default: last message.", "02/05/2024 10:00"
    ),
    Column("message_id", "The message's id in the source system.", "m-8812", per_message=True),
    Column("author", "Role agent: the agent's key; else a name.", "lan.nguyen", per_message=True),
    Column("internal", "true/false, 1/0, yes/no: a private note.", "no", per_message=True),
)

_KNOWN = {column.name: column for column in COLUMNS}
_REQUIRED = tuple(column.name for column in COLUMNS if column.required)
_KEY = ("source", "conversation_id")
_SHARED = frozenset(c.name for c in COLUMNS if not c.per_message and c.name not in _KEY)
_LOWERCASED = frozenset({"channel", "role", "direction", "priority", "status", "internal"})


class CsvReader:
    name = "csv"
    description = "Flat CSV from a spreadsheet: one message per row, a conversation's rows together"

    def read(self, path: Path, context: ReadContext) -> Iterator[Item]:
        csv_records.allow_cells_up_to(context.max_record_bytes)
        with path.open("rb") as handle:
            check_encoding(handle, path)
            delimiter = csv_records.sniff_delimiter(handle, context.max_record_bytes)
            records = csv_records.records(handle, delimiter, context)
            limit = context.max_record_bytes
            names = _read_header(next(records, None), path, delimiter, limit)
            conversations = _Conversations(context)
            for record in records:
                row = _parse_row(record, names, delimiter, limit)
                if row is not None:
                    yield from conversations.add(row)
            yield from conversations.finish()


def _read_header(
    record: csv_records.CsvRecord | None, path: Path, delimiter: str, limit: int
) -> tuple[str, ...]:
    """Column names by position ("" where a column has no name); raises for an unusable header."""
    if record is None:
        raise FileFormatError(f"{path}: the file is empty; its first row must name the columns")
    problem = record.unreadable(limit)
    texts, bad_byte = csv_records.decode(record)
    cells = problem or bad_byte or csv_records.cells(texts, record.line, delimiter)
    if isinstance(cells, Rejected):
        raise FileFormatError(f"{path}: the header row cannot be read: {cells.message}")
    names = tuple(cell.strip().lower() for cell in cells)
    _check_columns(names, path)
    return names


def _check_columns(names: tuple[str, ...], path: Path) -> None:
    # A misspelt column must stop the import: dropping it silently would lose its data.
    counts = Counter(name for name in names if name)
    found = {
        "unknown columns": [name for name in counts if name not in _KNOWN],
        "missing required columns": [name for name in _REQUIRED if name not in counts],
        "repeated columns": [name for name, count in counts.items() if count > 1],
    }
    problems = [f"{label}: {', '.join(names)}" for label, names in found.items() if names]
    if problems:
        known = ", ".join(_KNOWN)
        raise FileFormatError(f"{path}: {'; '.join(problems)}. Known columns: {known}")


def _parse_row(
    record: csv_records.CsvRecord, names: tuple[str, ...], delimiter: str, limit: int
) -> Row | None:
    """The row's values, or None for a row with nothing in it."""
    if problem := record.unreadable(limit):
        # Its key, if readable, keeps the rows around it in their own conversations.
        leading = zip(names, record.leading_cells(delimiter), strict=False)
        key = {name: value.strip() for name, value in leading if name in _KEY and value.strip()}
        return Row(record.line, record.size, key, problem)
    texts, bad_byte = csv_records.decode(record)
    cells = csv_records.cells(texts, record.line, delimiter)
    if isinstance(cells, Rejected):
        return Row(record.line, record.size, {}, cells)
    if not any(cell.strip() for cell in cells):
        return None
    if len(cells) != len(names):
        message = (
            f"the row has {len(cells)} values but the header has {len(names)} columns; a value "
            f"holding a line break, a quote or the separator {delimiter!r} needs double quotes"
        )
        return Row(record.line, record.size, {}, Rejected(record.line, None, message))
    pairs = zip(names, cells, strict=True)
    values = {name: value for name, cell in pairs if (value := _clean(name, cell))}
    return Row(record.line, record.size, values, bad_byte or _row_problem(record.line, values))


def _clean(name: str, cell: str) -> str:
    value = cell.strip()
    return value.lower() if name in _LOWERCASED else value


def _row_problem(line: int, values: dict[str, str]) -> Rejected | None:
    if "" in values:
        message = "a value is in a column with no name in the header; name it or delete the value"
        return Rejected(line, None, message)
    if "conversation_id" not in values:
        return Rejected(line, "conversation_id", "empty; every row needs its conversation's id")
    return None


class _Conversations:
    """Groups consecutive rows with the same source and conversation_id into conversations.

    Every key seen is remembered (about 200 bytes plus the id's length: a million conversations
    cost some 200 MB) so that a conversation split across the file is rejected, not imported as
    halves that overwrite each other.
    """

    def __init__(self, context: ReadContext) -> None:
        self._context = context
        self._current: _Conversation | None = None
        self._seen: dict[tuple[str, str], int] = {}

    def add(self, row: Row) -> Iterator[Item]:
        current = self._current
        if current is not None and current.takes(row):
            current.add(row)
            return
        if row.conversation_id is None:
            # Only before the first conversation: there is nothing to attach the row to.
            yield row.problem or Rejected(row.line, "conversation_id", "unreadable")
            return
        yield from self.finish()
        self._current = self._start(row, row.conversation_id)

    def finish(self) -> Iterator[Item]:
        if self._current is not None:
            first_line = self._current.line
            for item in self._current.items(self._context):
                yield replace(item, record_line=first_line) if isinstance(item, Rejected) else item
            self._current = None

    def _start(self, row: Row, conversation_id: str) -> _Conversation:
        key = (row.source or "csv", conversation_id)
        conversation = _Conversation(*key, line=row.line, limit=self._context.max_record_bytes)
        first_line = self._seen.setdefault(key, row.line)
        if first_line != row.line:
            message = (
                f"conversation {conversation_id!r} already appeared on line {first_line}, before "
                "another conversation; sort the sheet by conversation_id so its rows are together"
            )
            conversation.drop(Rejected(row.line, "conversation_id", message))
        conversation.add(row)
        return conversation


@dataclass
class _Conversation:
    """The rows of one conversation so far; at most max_record_bytes of them are kept."""

    source: str
    id: str
    line: int
    limit: int
    rows: list[Row] = field(default_factory=list)
    shared: dict[str, tuple[str, int]] = field(default_factory=dict)  # column -> (value, line)
    problems: list[Rejected] = field(default_factory=list)
    size: int = 0
    dropped: bool = False  # rejected whatever else is found, so rows are no longer kept

    def takes(self, row: Row) -> bool:
        # A row that cannot name its conversation most likely belongs to the one around it; failing
        # that one keeps it from being imported with a message missing.
        if row.conversation_id is None:
            return True
        return row.conversation_id == self.id and row.source in (None, self.source)

    def add(self, row: Row) -> None:
        if row.problem is not None:
            self.problems.append(row.problem)
            return
        self.size += row.size
        if not self.dropped:
            self._share(row)
            self.rows.append(row)
        if self.size > self.limit and not self.dropped:
            message = (
                f"the conversation's rows add up to more than {self.limit:,} bytes "
                "(CXQA_IMPORT_MAX_RECORD_BYTES); it was skipped"
            )
            self.drop(Rejected(self.line, None, message))

    def drop(self, reason: Rejected) -> None:
        self.dropped = True
        self.rows.clear()
        self.shared.clear()
        self.problems.append(reason)

    def items(self, context: ReadContext) -> list[Item]:
        """The validated conversation, or every reason it cannot be imported, in line order."""
        if self.dropped or not self.rows:
            return sorted(self.problems, key=lambda problem: problem.line or 0)
        found = conversation_items(
            source=self.source,
            conversation_id=self.id,
            line=self.line,
            rows=self.rows,
            shared=self.shared,
            context=context,
        )
        if not self.problems:
            return found
        rejected = [item for item in found if isinstance(item, Rejected)]
        return sorted(self.problems + rejected, key=lambda problem: problem.line or 0)

    def _share(self, row: Row) -> None:
        for column, value in row.values.items():
            if column not in _SHARED:
                continue
            first, first_line = self.shared.setdefault(column, (value, row.line))
            if value != first:
                message = (
                    f"{first!r} on line {first_line} but {value!r} on line {row.line}; a "
                    "conversation has one: give it on its first row or the same on every row"
                )
                self.problems.append(Rejected(row.line, column, message))
