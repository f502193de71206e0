"""The shape of a language's phrase data; phrases_vi and phrases_en fill it.

Templates use str.format slots: {xung} (how the agent addresses the customer: anh, chị, anh/chị),
{Xung} (the same, capitalised), {self} (how a Vietnamese customer calls themself to the agent),
{agent}, {brand}, {customer}, {code}, {code_kind}, {wrong_code}, {product}, {Product}, {date},
{date_placed}, {days}, {amount}, {voucher}, {hub}, {bank}, {txn}, {time}, {address}, {team},
{daypart}. A template whose slots a conversation cannot fill (no order: no {code}) is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

Lines = tuple[str, ...]


@dataclass(frozen=True)
class TopicLines:
    """What is said about one topic; `ask` and `detail` are an optional question and reply."""

    opening: Lines  # the customer's first message about it
    answer: Lines  # the agent solves it
    weak: Lines  # the agent answers without solving anything
    pending: Lines  # the agent needs time and promises an update
    update: Lines  # the promised update, which solves it
    reopen: Lines  # the customer comes back: it was not solved after all
    subject: Lines  # e-mail subject lines
    ask: Lines = ()
    detail: Lines = ()


@dataclass(frozen=True)
class CustomerLines:
    hello: Lines  # a first line before the question, in written channels
    phone_hello: Lines
    give_code: Lines
    angry: Lines  # fits any topic, even in the first message
    angry_again: Lines  # after an answer that did not help
    thanks: Lines
    unsatisfied: Lines
    done: Lines  # answer to "anything else?"
    repeat: Lines  # opening of a repeat contact about the same problem
    callback: Lines  # opening of a call right after an abandoned one
    correction: Lines  # the agent looked at the wrong order
    bot_choice: Lines


@dataclass(frozen=True)
class AgentLines:
    greet_written: Lines
    greet_email: Lines
    greet_phone: Lines
    bare_phone: Lines  # picking up without a greeting
    ask_code: Lines
    checking: Lines
    hold: Lines
    hold_back: Lines
    apology: Lines
    closing_ask: Lines
    closing: Lines
    mistake: Lines
    mistake_fix: Lines
    transfer_out: Lines
    transfer_in: Lines
    reopen_sorry: Lines
    notes: Lines


@dataclass(frozen=True)
class CurtLines:
    """The curt agent's vocabulary: short, no 'Dạ', no 'ạ', no apology."""

    pickup: Lines
    ask_code: Lines
    checking: Lines
    mistake: Lines
    resolved: Lines
    unresolved: Lines
    push_back: Lines
    close: Lines


@dataclass(frozen=True)
class PhraseBook:
    language: str
    customer: CustomerLines
    agent: AgentLines
    curt: CurtLines
    bot_greeting: Lines
    bot_handoff: Lines
    bot_name: str
    team_labels: Mapping[str, str]
    code_kinds: Mapping[str, str]  # "order" and "tracking"
    dayparts: Mapping[str, str]  # "morning", "afternoon", "evening"
    survey_comments: Mapping[str, Lines]  # by reason: great, slow, curt, unresolved, ...
    topics: Mapping[str, TopicLines]
