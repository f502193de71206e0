"""One conversation's CSV rows as a canonical record, and the schema's complaints mapped back.

Validation is the schema's (base.validate_record). This module builds the record dict, parses the
time formats spreadsheets write, and moves each complaint from a field path such as
messages[2].at to the row and column it came from (the third row's line, "sent_at").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cxqa.ingest.formats.base import Item, Parsed, ReadContext, Rejected, validate_record
from cxqa.ingest.schemas import ConversationStatus

__all__ = ["Row", "conversation_items", "parse_time"]

_SURVEYS = ("csat", "nps", "ces")
# A value that would be ignored without another: reported, because ignoring it loses data.
_NEEDS = {"csat_comment": ("csat",), "survey_at": _SURVEYS}
_PLAIN = ("channel", "direction", "subject", "language", "priority", "team", "agent")
_STATUSES = frozenset(status.value for status in ConversationStatus)
# What spreadsheets write; single-digit hours (and days, months) included.
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))?")
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?")
_TIME_HELP = "use 2024-05-02T08:15:00+07:00, 2024-05-02 08:15 or 02/05/2024 08:15 (day first)"

# Schema field -> the CSV column that supplied it.
_MESSAGE_COLUMNS = {"role": "role", "at": "sent_at", "text": "text", "id": "message_id"} | {
    "agent": "author",
    "author_name": "author",
    "internal": "internal",
}
_CUSTOMER_COLUMNS = {"id": "customer_id", "name": "customer_name", "phones": "customer_phone"} | {
    "emails": "customer_email",
    "zalo": "customer_zalo_id",
    "facebook": "customer_facebook_id",
}
_RECORD_COLUMNS = {"id": "conversation_id", "events": "resolved_at", "attributes": "status"}


@dataclass(frozen=True)
class Row:
    """One spreadsheet row: a message, and conversation-level values."""

    line: int
    size: int
    values: dict[str, str]  # column -> value, trimmed; empty cells left out
    problem: Rejected | None = None  # why the row cannot be imported

    @property
    def conversation_id(self) -> str | None:
        """None when the row cannot tell which conversation it belongs to."""
        return _readable(self.values.get("conversation_id"))

    @property
    def source(self) -> str | None:
        return _readable(self.values.get("source"))


def _readable(value: str | None) -> str | None:
    # U+FFFD stands for a byte that was not UTF-8: such a key matches nothing reliably.
    return None if value is None or "\ufffd" in value else value


def parse_time(text: str) -> datetime | None:
    """ISO 8601, or "YYYY-MM-DD HH:MM[:SS]" or "DD/MM/YYYY HH:MM[:SS]"; a naive time stays naive."""
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day, hour, minute, second = match.groups()
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year, hour, minute, second = match.groups()
    elif "T" in text or " " in text:
        # fromisoformat also takes a bare date, which would invent midnight: a time is required.
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return None
    else:
        return None
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:  # 30/02/2024, 25:00
        return None


def conversation_items(
    *,
    source: str,
    conversation_id: str,
    line: int,
    rows: Sequence[Row],
    shared: Mapping[str, tuple[str, int]],
    context: ReadContext,
) -> list[Item]:
    """The validated conversation, or every reason it cannot be imported, in line order.

    shared maps each conversation-level column to its value and the line that gave it.
    """
    draft = _Draft(source, conversation_id, line, rows, shared, context)
    result = validate_record(draft.data, line, context)
    if not draft.problems and all(isinstance(item, Parsed) for item in result):
        return result
    problems = list(draft.problems)
    cells = {(problem.line, problem.field) for problem in problems}
    for item in result:
        if isinstance(item, Rejected):
            found = draft.locate(item)
            # One complaint per cell: a time this module could not read is not also "missing".
            if (found.line, found.field) not in cells:
                cells.add((found.line, found.field))
                problems.append(found)
    return sorted(problems, key=lambda problem: problem.line or 0)


def _split_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


class _Draft:
    """A conversation's rows as a canonical record dict, and where each value came from."""

    def __init__(
        self,
        source: str,
        conversation_id: str,
        line: int,
        rows: Sequence[Row],
        shared: Mapping[str, tuple[str, int]],
        context: ReadContext,
    ) -> None:
        self._line = line
        self._rows = rows
        self._shared = shared
        self._times: list[tuple[datetime, int]] = []
        self._survey_kinds: list[str] = []
        # When no message time can be read, a survey's missing time is blamed on the last row's.
        self._survey_origin = (rows[-1].line, "sent_at")
        self.problems: list[Rejected] = []
        self.data = self._record(source, conversation_id, context)

    def locate(self, problem: Rejected) -> Rejected:
        """The schema's complaint about a field path, moved to the row and column it came from."""
        line, column = self._origin(re.findall(r"[^.\[\]]+", problem.field or ""))
        return Rejected(line=line, field=column, message=problem.message)

    def _value(self, column: str) -> str | None:
        found = self._shared.get(column)
        return found[0] if found else None

    def _line_of(self, column: str) -> int:
        found = self._shared.get(column)
        return found[1] if found else self._line

    def _record(self, source: str, conversation_id: str, context: ReadContext) -> dict[str, object]:
        data: dict[str, object] = {"type": "conversation", "source": source, "id": conversation_id}
        data |= {column: value for column in _PLAIN if (value := self._value(column)) is not None}
        data["tags"] = _split_list(self._value("tags"))
        data["messages"] = [self._message(row) for row in self._rows]
        if customer := self._customer():
            data["customer"] = customer
        data |= self._status()
        data["surveys"] = self._surveys(context)
        self._check_needs()
        return data

    def _time(self, text: str, line: int, column: str) -> datetime | None:
        at = parse_time(text)
        if at is None:
            message = f"{text!r} is not a date and time; {_TIME_HELP}"
            self.problems.append(Rejected(line=line, field=column, message=message))
        return at

    def _message(self, row: Row) -> dict[str, object]:
        values = row.values
        message: dict[str, object] = {"text": values.get("text", "")}
        for column, key in (("role", "role"), ("message_id", "id"), ("internal", "internal")):
            if column in values:
                message[key] = values[column]
        if "author" in values:
            message["agent" if values.get("role") == "agent" else "author_name"] = values["author"]
        if "sent_at" in values and (at := self._time(values["sent_at"], row.line, "sent_at")):
            message["at"] = at
            self._times.append((at, row.line))
        return message

    def _customer(self) -> dict[str, object]:
        customer: dict[str, object] = {}
        for column, key in (("customer_id", "id"), ("customer_name", "name")):
            if (value := self._value(column)) is not None:
                customer[key] = value
        for column, key in (("customer_phone", "phones"), ("customer_email", "emails")):
            if found := _split_list(self._value(column)):
                customer[key] = found
        channel_ids = {
            kind: value
            for kind in ("zalo", "facebook")
            if (value := self._value(f"customer_{kind}_id")) is not None
        }
        if channel_ids:
            customer["channel_ids"] = channel_ids
        return customer

    def _status(self) -> dict[str, object]:
        status = self._value("status")
        resolved_at = self._value("resolved_at")
        if resolved_at is not None:
            event: dict[str, object] = {"type": "status", "status": status or "resolved"}
            if at := self._time(resolved_at, self._line_of("resolved_at"), "resolved_at"):
                event["at"] = at
            return {"events": [event]}
        if status is None:
            return {}
        if status not in _STATUSES:
            message = f"unknown status {status!r}; use {', '.join(sorted(_STATUSES))}"
            self.problems.append(Rejected(self._line_of("status"), "status", message))
        # A status without a time cannot be placed among the facts (it would skew resolution
        # times), so it is kept as an attribute only.
        return {"attributes": {"status": status}}

    def _surveys(self, context: ReadContext) -> list[dict[str, object]]:
        self._survey_kinds = [kind for kind in _SURVEYS if self._value(kind) is not None]
        if not self._survey_kinds:
            return []
        at = self._survey_time(context)
        surveys: list[dict[str, object]] = []
        for kind in self._survey_kinds:
            survey: dict[str, object] = {"type": kind, "score": self._value(kind)}
            if at is not None:
                survey["at"] = at
            if kind == "csat" and (comment := self._value("csat_comment")):
                survey["comment"] = comment
            surveys.append(survey)
        return surveys

    def _survey_time(self, context: ReadContext) -> datetime | None:
        if (given := self._value("survey_at")) is not None:
            self._survey_origin = (self._line_of("survey_at"), "survey_at")
            return self._time(given, *self._survey_origin)
        if not self._times:
            return None
        # Compare naive times in the zone the schema will give them; without one they fail anyway.
        zone = context.assume_timezone or UTC
        at, line = max(
            self._times, key=lambda t: t[0] if t[0].tzinfo else t[0].replace(tzinfo=zone)
        )
        self._survey_origin = (line, "sent_at")
        return at

    def _check_needs(self) -> None:
        for column, needs in _NEEDS.items():
            if self._value(column) and not any(self._value(need) for need in needs):
                message = f"{column} is given but there is no {' or '.join(needs)}"
                self.problems.append(Rejected(self._line_of(column), column, message))

    def _origin(self, parts: list[str]) -> tuple[int, str | None]:
        if not parts:
            return self._line, None
        head, names = parts[0], [part for part in parts[1:] if not part.isdigit()]
        if head == "messages" and len(parts) > 1:
            column = _MESSAGE_COLUMNS.get(names[0] if names else "", "role")
            return self._rows[int(parts[1])].line, column
        if head == "surveys" and len(parts) > 1:
            return self._survey_column(self._survey_kinds[int(parts[1])], names)
        if head == "customer":
            column = _CUSTOMER_COLUMNS.get(names[-1] if names else "", "customer_id")
        elif head == "events":
            # After the index comes the event's tag: events[0].status.at, events[0].status.status.
            column = "status" if names[1:] == ["status"] else "resolved_at"
        else:
            column = _RECORD_COLUMNS.get(head, head)
        return self._line_of(column), column

    def _survey_column(self, kind: str, names: list[str]) -> tuple[int, str]:
        if names == ["at"]:
            return self._survey_origin
        column = "csat_comment" if names == ["comment"] else kind
        return self._line_of(column), column
