"""The canonical import format: one JSON object per line, discriminated by "type".

These models are the single definition of what cxqa accepts. The JSONL and CSV readers, the
twcs and IBM adapters, the demo generator and the REST ingest endpoints all produce or validate
these, and docs/canonical-format.schema.json is generated from them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cxqa.conversations.vocabulary import SURVEY_SCALES as SURVEY_SCALES
from cxqa.conversations.vocabulary import AuthorRole as AuthorRole
from cxqa.conversations.vocabulary import CallOutcome as CallOutcome
from cxqa.conversations.vocabulary import Channel as Channel
from cxqa.conversations.vocabulary import ConversationStatus as ConversationStatus
from cxqa.conversations.vocabulary import Priority as Priority
from cxqa.conversations.vocabulary import SurveyKind as SurveyKind
from cxqa.customers.phones import normalise_phone
from cxqa.org.hours import DEFAULT_BUSINESS_HOURS as DEFAULT_BUSINESS_HOURS
from cxqa.org.hours import WEEKDAYS as WEEKDAYS
from cxqa.org.hours import BusinessHours as BusinessHours
from cxqa.org.hours import business_hours_or_default as business_hours_or_default

ASSUME_TIMEZONE = "assume_timezone"
"""Validation-context key: a tzinfo applied to timestamps that carry no UTC offset."""


def aware_utc(value: datetime, assumed: tzinfo | None) -> datetime:
    """The instant in UTC; a time without offset takes `assumed`, or is refused (ValueError)."""
    if value.tzinfo is None:
        if assumed is None:
            raise ValueError(
                "timestamp has no UTC offset; add one (e.g. +07:00) or import with "
                "--assume-timezone"
            )
        value = value.replace(tzinfo=assumed)
    # datetime.UTC compares and converts in C; pydantic's offset tzinfo calls back into
    # Python on every comparison, and imports sort millions of timestamps
    return value.astimezone(UTC)


def _to_utc(value: datetime, info: ValidationInfo) -> datetime:
    return aware_utc(value, (info.context or {}).get(ASSUME_TIMEZONE))


Timestamp = Annotated[datetime, AfterValidator(_to_utc)]
# PostgreSQL cannot store NUL characters in text: refuse them here, naming the field, so that
# both stores accept exactly the same records
NO_NUL = r"^[^\x00]*$"
Key = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*\S[^\x00]*$")]
Text = Annotated[str, Field(max_length=1_000_000, pattern=NO_NUL)]


class Closed(BaseModel):
    """Unknown fields are errors: a misspelt field must not silently lose data.

    Strings are kept exactly as sent (message text is evidence for QA); keys reject blanks.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


class Holiday(Closed):
    date: date
    name: str | None = Field(default=None, max_length=200, pattern=NO_NUL)


class TeamRecord(Closed):
    """A team with its time zone, weekly business hours and holidays."""

    type: Literal["team"] = "team"
    id: Key = Field(description="Stable key of the team, e.g. 'cskh-shop'.")
    name: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    timezone: str | None = Field(
        default=None, description="IANA time zone; default: the workspace's (CXQA_TIMEZONE)."
    )
    business_hours: BusinessHours | None = Field(
        default=None,
        description='Opening spans per weekday in local time: {"mon": [["08:00", "17:30"]]}. '
        "A weekday that is absent is closed. Default: Mon-Fri 08:00-17:30, Sat 08:00-12:00.",
    )
    holidays: list[Holiday] = Field(default_factory=list)
    create_only: bool = Field(
        default=False,
        description="Fill this in only if it does not exist yet (file adapters set it, so an "
        "export never overwrites what you curated). Otherwise the fields given replace the "
        "stored ones and fields left out are kept.",
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"unknown time zone {value!r}") from exc
        return value


class AgentRecord(Closed):
    """An agent: who they are, their team and when they were hired."""

    type: Literal["agent"] = "agent"
    id: Key = Field(description="Stable key of the agent, e.g. a login or e-mail.")
    name: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    email: str | None = Field(default=None, max_length=320, pattern=NO_NUL)
    team: Key | None = None
    hired_on: date | None = None
    left_on: date | None = Field(default=None, description="Last working day of one who left.")
    employment: Literal["active", "left"] = Field(
        default="active", description="Default 'left' when left_on is given."
    )
    create_only: bool = Field(
        default=False,
        description="Fill this in only if it does not exist yet (file adapters set it, so an "
        "export never overwrites what you curated). Otherwise the fields given replace the "
        "stored ones and fields left out are kept.",
    )

    @model_validator(mode="before")
    @classmethod
    def _left_by_default_when_left_on(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("left_on") and "employment" not in data:
            return {**data, "employment": "left"}
        return data

    @model_validator(mode="after")
    def _left_consistently(self) -> AgentRecord:
        if self.left_on is not None and self.employment == "active":
            raise ValueError("left_on is set but employment is active")
        if self.left_on and self.hired_on and self.left_on < self.hired_on:
            raise ValueError("left_on is before hired_on")
        return self


class AgentPresence(StrEnum):
    ONLINE = "online"
    AWAY = "away"
    OFFLINE = "offline"


class AgentStatusRecord(Closed):
    """An agent's presence changed: online, away or offline."""

    type: Literal["agent_status"] = "agent_status"
    agent: Key
    at: Timestamp
    status: AgentPresence
    reason: str | None = Field(default=None, max_length=200, pattern=NO_NUL)


class Order(Closed):
    ref: Key
    placed_at: Timestamp | None = None
    total: Decimal | None = Field(default=None, max_digits=18, decimal_places=2)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$", description="ISO 4217.")
    status: str | None = Field(default=None, max_length=64, pattern=NO_NUL)


IDENTITY_KINDS = ("phone", "email", "zalo", "facebook", "twitter", "other")


class CustomerRecord(Closed):
    """The customer's 360 record. Sent inside a conversation or on its own line."""

    type: Literal["customer"] = "customer"
    id: Key | None = Field(
        default=None,
        description="Stable key of the customer. Default: derived from the first phone, "
        "e-mail or channel id given, e.g. 'phone:+84901234567'.",
    )
    name: str | None = Field(default=None, max_length=300, pattern=NO_NUL)
    phones: list[Annotated[str, Field(min_length=3, max_length=40, pattern=NO_NUL)]] = Field(
        default_factory=list
    )
    emails: list[Annotated[str, Field(min_length=3, max_length=320, pattern=NO_NUL)]] = Field(
        default_factory=list
    )
    channel_ids: dict[str, Annotated[str, Field(min_length=1, max_length=320, pattern=NO_NUL)]] = (
        Field(
            default_factory=dict,
            description="Per-channel ids: {'zalo': '...', 'facebook': '...', 'twitter': '...'}.",
        )
    )
    acquisition_source: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    attributes: dict[str, Any] = Field(default_factory=dict)
    orders: list[Order] = Field(default_factory=list)

    @field_validator("phones")
    @classmethod
    def _one_form_per_phone(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(normalise_phone(phone) for phone in value))

    @field_validator("channel_ids")
    @classmethod
    def _known_identity_kinds(cls, value: dict[str, str]) -> dict[str, str]:
        for kind in value:
            if kind not in IDENTITY_KINDS or kind in ("phone", "email"):
                allowed = ", ".join(k for k in IDENTITY_KINDS if k not in ("phone", "email"))
                raise ValueError(f"unknown channel id kind {kind!r}; use {allowed}")
        return value

    @model_validator(mode="after")
    def _has_key(self) -> CustomerRecord:
        if self.id is None and not (self.phones or self.emails or self.channel_ids):
            raise ValueError("a customer needs an id, a phone, an e-mail or a channel id")
        return self

    @property
    def key(self) -> str:
        """The id given, else one derived from the first identity."""
        if self.id is not None:
            return self.id
        for kind, value in self.identities():
            return f"{kind}:{value}"
        raise AssertionError("validated customers always have a key")

    def identities(self) -> list[tuple[str, str]]:
        found = [("phone", p) for p in self.phones] + [("email", e.lower()) for e in self.emails]
        return found + sorted(self.channel_ids.items())


class MessageRecord(Closed):
    id: str | None = Field(
        default=None, max_length=200, pattern=NO_NUL, description="The source's message id."
    )
    role: AuthorRole
    agent: Key | None = Field(default=None, description="Key of the agent who wrote it.")
    author_name: str | None = Field(default=None, max_length=300, pattern=NO_NUL)
    at: Timestamp
    text: Text
    internal: bool = Field(default=False, description="An internal note the customer never saw.")

    @model_validator(mode="after")
    def _agent_only_for_agents(self) -> MessageRecord:
        if self.agent is not None and self.role is not AuthorRole.AGENT:
            raise ValueError(f"'agent' is set on a message whose role is {self.role.value}")
        return self


class HoldRecord(Closed):
    start: Timestamp
    end: Timestamp

    @model_validator(mode="after")
    def _ordered(self) -> HoldRecord:
        if self.end < self.start:
            raise ValueError("hold ends before it starts")
        return self


class TransferTarget(Closed):
    agent: Key | None = None
    team: Key | None = None


class CallLegRecord(Closed):
    """One leg of a phone call, from entering the queue to the end of wrap-up."""

    id: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    agent: Key | None = None
    team: Key | None = Field(default=None, description="Queue or team the leg waited in.")
    queued_at: Timestamp
    ringing_at: Timestamp | None = None
    answered_at: Timestamp | None = Field(default=None, description="Unset: not answered.")
    ended_at: Timestamp
    wrap_up_ended_at: Timestamp | None = None
    outcome: CallOutcome | None = Field(
        default=None,
        description="Default: 'answered' when answered_at is set, else 'abandoned'.",
    )
    holds: list[HoldRecord] = Field(default_factory=list)
    transferred_to: TransferTarget | None = None

    @model_validator(mode="after")
    def _consistent(self) -> CallLegRecord:
        order = [
            ("queued_at", self.queued_at),
            ("ringing_at", self.ringing_at),
            ("answered_at", self.answered_at),
            ("ended_at", self.ended_at),
            ("wrap_up_ended_at", self.wrap_up_ended_at),
        ]
        known = [(name, value) for name, value in order if value is not None]
        for (first, a), (second, b) in pairwise(known):
            if b < a:
                raise ValueError(f"{second} is before {first}")
        if self.outcome is CallOutcome.ABANDONED and self.answered_at is not None:
            raise ValueError("an abandoned call has no answered_at")
        if self.outcome in (CallOutcome.ANSWERED, CallOutcome.TRANSFERRED) and (
            self.answered_at is None
        ):
            raise ValueError(f"outcome {self.outcome.value} needs answered_at")
        if self.outcome is CallOutcome.TRANSFERRED and self.transferred_to is None:
            raise ValueError("outcome transferred needs transferred_to")
        if self.transferred_to is not None and self.outcome is not CallOutcome.TRANSFERRED:
            raise ValueError("transferred_to is set but outcome is not transferred")
        self._check_holds()
        return self

    def _check_holds(self) -> None:
        if not self.holds:
            return
        if self.answered_at is None:
            raise ValueError("holds on a call that was never answered")
        ordered = sorted(self.holds, key=lambda h: h.start)
        if ordered[0].start < self.answered_at or ordered[-1].end > self.ended_at:
            raise ValueError("holds must lie between answered_at and ended_at")
        for earlier, later in pairwise(ordered):
            if later.start < earlier.end:
                raise ValueError("holds overlap")

    @property
    def resolved_outcome(self) -> CallOutcome:
        if self.outcome is not None:
            return self.outcome
        return CallOutcome.ANSWERED if self.answered_at is not None else CallOutcome.ABANDONED


class StatusEvent(Closed):
    type: Literal["status"]
    at: Timestamp
    status: ConversationStatus


class AssignmentEvent(Closed):
    type: Literal["assigned"]
    at: Timestamp
    agent: Key | None = None
    team: Key | None = None

    @model_validator(mode="after")
    def _names_someone(self) -> AssignmentEvent:
        if self.agent is None and self.team is None:
            raise ValueError("an assignment names an agent, a team or both")
        return self


class TransferEvent(Closed):
    type: Literal["transferred"]
    at: Timestamp
    from_agent: Key | None = None
    to_agent: Key | None = None
    from_team: Key | None = None
    to_team: Key | None = None
    reason: str | None = Field(default=None, max_length=500, pattern=NO_NUL)

    @model_validator(mode="after")
    def _names_a_target(self) -> TransferEvent:
        if self.to_agent is None and self.to_team is None:
            raise ValueError("a transfer names to_agent, to_team or both")
        return self


EventRecord = Annotated[StatusEvent | AssignmentEvent | TransferEvent, Field(discriminator="type")]


class SurveyRecord(Closed):
    type: SurveyKind
    score: int = Field(description="CSAT 1-5, CES 1-7, NPS 0-10.")
    at: Timestamp
    comment: Text | None = None

    @model_validator(mode="after")
    def _in_scale(self) -> SurveyRecord:
        low, high = SURVEY_SCALES[self.type]
        if not low <= self.score <= high:
            raise ValueError(f"{self.type.value} score {self.score} is outside {low}-{high}")
        return self


class ConversationRecord(Closed):
    """One conversation with everything recorded about it."""

    type: Literal["conversation"] = "conversation"
    source: Key = Field(description="The system it came from, e.g. 'zendesk' or 'pbx'.")
    id: Key = Field(description="The conversation's id in that system.")
    channel: Channel
    direction: Literal["inbound", "outbound"] = "inbound"
    created_at: Timestamp | None = Field(
        default=None,
        description="When the source system opened it. The conversation starts at the earliest "
        "of this and every message, call leg and event.",
    )
    subject: str | None = Field(default=None, max_length=500, pattern=NO_NUL)
    language: str | None = Field(
        default=None, max_length=35, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
    )
    priority: Priority = Priority.NORMAL
    team: Key | None = None
    agent: Key | None = Field(default=None, description="The agent assigned at the end.")
    customer: CustomerRecord | None = None
    tags: list[Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL)]] = Field(
        default_factory=list
    )
    messages: list[MessageRecord] = Field(default_factory=list)
    calls: list[CallLegRecord] = Field(default_factory=list)
    events: list[EventRecord] = Field(default_factory=list)
    surveys: list[SurveyRecord] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _has_facts(self) -> ConversationRecord:
        if not (self.messages or self.calls or self.events or self.created_at):
            raise ValueError("a conversation needs at least one message, call leg or event")
        return self

    def fact_times(self) -> list[datetime]:
        times = [m.at for m in self.messages] + [e.at for e in self.events]
        for leg in self.calls:
            times += [leg.queued_at, leg.wrap_up_ended_at or leg.ended_at]
        if self.created_at is not None:
            times.append(self.created_at)
        return times

    def time_span(self) -> tuple[datetime, datetime]:
        """(start, last activity): the earliest and latest fact, created_at included.

        Survey answers are not activity: a CSAT given a day later does not extend the service.
        """
        times = self.fact_times()
        return min(times), max(times)

    @property
    def started_at(self) -> datetime:
        return self.time_span()[0]

    @property
    def final_status(self) -> ConversationStatus | None:
        statuses = [e for e in self.events if isinstance(e, StatusEvent)]
        if not statuses:
            return None
        # stable sort: of two changes at the same instant, the one listed last wins
        return sorted(statuses, key=lambda e: e.at)[-1].status


def _record_type(value: Any) -> str:
    if isinstance(value, dict):
        kind = value.get("type", "conversation")
        return kind if isinstance(kind, str) else "?"
    return str(getattr(value, "type", "?"))


Record = Annotated[
    Annotated[ConversationRecord, Tag("conversation")]
    | Annotated[TeamRecord, Tag("team")]
    | Annotated[AgentRecord, Tag("agent")]
    | Annotated[AgentStatusRecord, Tag("agent_status")]
    | Annotated[CustomerRecord, Tag("customer")],
    Discriminator(
        _record_type,
        custom_error_type="record_type",
        custom_error_message="'type' must be conversation (the default), team, agent, "
        "agent_status or customer",
    ),
]
"""One line of the canonical JSONL format; a line without "type" is a conversation."""
