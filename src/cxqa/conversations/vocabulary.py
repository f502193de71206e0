"""The words conversations are recorded in: channels, roles, statuses, outcomes, survey scales."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    FACEBOOK = "facebook"
    ZALO = "zalo"
    TWITTER = "twitter"
    SMS = "sms"
    WEB = "web"
    OTHER = "other"


class AuthorRole(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    BOT = "bot"
    SYSTEM = "system"


class ConversationStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class CallOutcome(StrEnum):
    ANSWERED = "answered"
    ABANDONED = "abandoned"
    TRANSFERRED = "transferred"
    VOICEMAIL = "voicemail"


class SurveyKind(StrEnum):
    CSAT = "csat"
    CES = "ces"
    NPS = "nps"


# Inclusive score ranges; CES uses the 7-point "the company made it easy" agreement scale.
SURVEY_SCALES: dict[SurveyKind, tuple[int, int]] = {
    SurveyKind.CSAT: (1, 5),
    SurveyKind.CES: (1, 7),
    SurveyKind.NPS: (0, 10),
}
