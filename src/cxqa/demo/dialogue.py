"""The turns of a conversation, composed from a plan and the phrase book of its language.

Timing is not decided here: written.py and phone.py stamp the turns. Turn kinds tell them where
the pauses, holds, pending periods and transfers are.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache

from cxqa.demo.agents import AgentProfile
from cxqa.demo.phrasebook import Lines
from cxqa.demo.plan import Plan
from cxqa.demo.texting import restyle
from cxqa.ingest.schemas import AuthorRole, Channel


class Kind(Enum):
    SAY = "say"
    CHECK = "check"  # the agent goes to look something up: a longer pause follows
    HOLD = "hold"  # phone: the caller is put on hold after this turn
    NOTE = "note"  # an internal note
    PENDING = "pending"  # the agent needs time; the conversation waits for an update
    UPDATE = "update"  # the promised update, hours later
    TRANSFER = "transfer"  # the conversation moves to `Plan.handover` after this turn
    REOPEN = "reopen"  # the customer comes back after the conversation was resolved


@dataclass(frozen=True)
class Turn:
    role: AuthorRole
    text: str
    kind: Kind = Kind.SAY
    agent: AgentProfile | None = None


@cache
def _fields(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@cache
def _usable(lines: Lines, slots: frozenset[str]) -> Lines:
    """The templates all of whose slots are known (no order code: no line quoting it)."""
    return tuple(line for line in lines if _fields(line) <= slots)


class Composer:
    """Appends turns; picks templates whose slots this conversation can fill."""

    def __init__(self, plan: Plan, rng: random.Random):
        self.plan = plan
        self.rng = rng
        self.book = plan.book
        self.slots = dict(plan.slots) | {"agent": plan.agent.given}
        self.known = frozenset(self.slots)
        self.agent = plan.agent
        self.turns: list[Turn] = []
        self.phone = plan.channel is Channel.PHONE
        self.email = plan.channel is Channel.EMAIL

    def text(self, lines: Lines) -> str:
        usable = _usable(lines, self.known)
        return self.rng.choice(usable).format_map(self.slots) if usable else ""

    def customer(
        self, lines: Lines, kind: Kind = Kind.SAY, prefix: str = "", suffix: str = ""
    ) -> None:
        self.post(" ".join(part for part in (prefix, self.text(lines), suffix) if part), kind)

    def post(self, text: str, kind: Kind = Kind.SAY) -> None:
        """A customer message already filled in, typed in the customer's style."""
        if not self.phone:
            text = restyle(text, self.plan.customer.style, self.book.language, self.rng)
        self.turns.append(Turn(AuthorRole.CUSTOMER, text, kind))

    def say(self, lines: Lines, kind: Kind = Kind.SAY, prefix: str = "") -> None:
        text = " ".join(part for part in (prefix, self.text(lines)) if part)
        if text:
            self.turns.append(Turn(AuthorRole.AGENT, text, kind, self.agent))

    def bot(self, lines: Lines) -> None:
        self.turns.append(Turn(AuthorRole.BOT, self.text(lines)))

    def hand_over(self) -> None:
        handover = self.plan.handover
        assert handover is not None
        self.agent = handover.agent
        self.slots["agent"] = handover.agent.given
        self.slots["team"] = self.book.team_labels[handover.team]
        self.known = frozenset(self.slots)

    def customer_said(self, needle: str) -> bool:
        return any(needle in turn.text for turn in self.turns if turn.role is AuthorRole.CUSTOMER)


def _open(c: Composer) -> None:
    plan, book = c.plan, c.book
    opening = book.topics[plan.topic.key].opening
    lead = ""
    if plan.arrival.callback:
        lead = c.text(book.customer.callback)
    elif plan.arrival.repeat_of:
        lead = c.text(book.customer.repeat)
    # an upset customer usually shows it from the first message
    angry = ""
    if plan.upset and (plan.furious or c.rng.random() < 0.5):
        angry = c.text(book.customer.angry)
    if c.phone:
        c.say(_pickup(c))
        c.customer(opening, prefix=lead or c.text(book.customer.phone_hello), suffix=angry)
        return
    if plan.bot:
        c.bot(book.bot_greeting)
        c.customer(book.customer.bot_choice)
        c.bot(book.bot_handoff)
    if lead:
        c.post(lead)
    elif c.rng.random() < 0.5:
        c.customer(book.customer.hello)
    c.customer(opening)
    if angry:
        c.post(angry)
    if plan.greets and not c.email:
        c.say(book.agent.greet_written)


def _pickup(c: Composer) -> Lines:
    if c.agent.curt:
        return c.book.curt.pickup
    return c.book.agent.greet_phone if c.plan.greets else c.book.agent.bare_phone


def _identify(c: Composer) -> None:
    plan, book = c.plan, c.book
    lines = book.topics[plan.topic.key]
    quoted = plan.order is None or c.customer_said(c.slots["code"])
    if c.email:
        if not quoted:  # e-mails quote the order code up front instead of being asked
            c.customer(book.customer.give_code)
        if plan.greets:
            c.say(book.agent.greet_email)
    elif not quoted:
        c.say(book.curt.ask_code if c.agent.curt else book.agent.ask_code)
        c.customer(book.customer.give_code)
    if lines.ask and not c.agent.curt and c.rng.random() < 0.5:
        c.say(lines.ask)
        c.customer(lines.detail)


def _investigate(c: Composer) -> None:
    plan, book = c.plan, c.book
    if c.phone and plan.holds:
        _pause(c, Kind.HOLD)
    elif not c.email and (c.agent.curt or c.rng.random() < 0.7):
        _pause(c, Kind.CHECK)
    if plan.note:
        c.say(book.agent.notes, Kind.NOTE)
    if plan.mistake:
        c.say(book.curt.mistake if c.agent.curt else book.agent.mistake)
        c.customer(book.customer.correction)
        if not c.agent.curt:
            c.say(book.agent.mistake_fix)
        if not c.email:
            _pause(c, Kind.HOLD if c.phone and plan.holds > 1 else Kind.CHECK)


def _pause(c: Composer, kind: Kind) -> None:
    """The agent goes to look: a hold on the phone, 'please wait' in writing."""
    book = c.book
    if c.agent.curt:
        c.say(book.curt.checking, kind)
    elif kind is Kind.HOLD:
        c.say(book.agent.hold, kind)
        c.say(book.agent.hold_back)
    else:
        c.say(book.agent.checking, kind)


def _transfer(c: Composer) -> None:
    if c.plan.handover is None:
        return
    c.slots["team"] = c.book.team_labels[c.plan.handover.team]
    c.known = frozenset(c.slots)
    c.say(c.book.agent.transfer_out, Kind.TRANSFER)
    c.hand_over()
    if not c.agent.curt:
        c.say(c.book.agent.transfer_in)


def _respond(c: Composer) -> None:
    plan, book = c.plan, c.book
    lines = book.topics[plan.topic.key]
    sorry = c.text(book.agent.apology) if plan.apologizes and not c.agent.curt else ""
    if c.agent.curt:
        c.say(book.curt.resolved if plan.outcome == "resolved" else book.curt.unresolved)
    elif plan.outcome == "pending":
        c.say(lines.pending, Kind.PENDING, prefix=sorry)
        c.customer(book.customer.thanks)
        c.say(lines.update, Kind.UPDATE)
    else:
        c.say(lines.answer if plan.outcome == "resolved" else lines.weak, prefix=sorry)
    if c.email and plan.closes and not c.agent.curt:
        c.say(book.agent.closing)  # an e-mail signs off in the same message as the answer
    _react(c, apologized=bool(sorry))


def _react(c: Composer, *, apologized: bool) -> None:
    """An upset customer who got no apology, or no solution, pushes back."""
    plan, book = c.plan, c.book
    unresolved = plan.outcome == "unresolved"
    if plan.upset and (not apologized or unresolved) and c.rng.random() < 0.8:
        c.customer(book.customer.angry_again)
        if plan.furious:
            c.customer(book.customer.angry)
        if c.agent.curt:
            c.say(book.curt.push_back)
        elif c.rng.random() < c.agent.traits.empathy:
            c.say(book.agent.apology)
        c.customer(book.customer.unsatisfied if unresolved else book.customer.thanks)
    elif c.rng.random() < 0.8:
        c.customer(book.customer.unsatisfied if unresolved else book.customer.thanks)


def _close(c: Composer) -> None:
    plan, book = c.plan, c.book
    if c.email:
        return  # signed off with the answer, see _respond
    if c.agent.curt:
        if c.rng.random() < 0.3:
            c.say(book.curt.close)
    elif plan.closes:
        c.say(book.agent.closing_ask)
        c.customer(book.customer.done)
        c.say(book.agent.closing)


def _reopen(c: Composer) -> None:
    """The customer comes back after 'resolved'; the second answer fixes it more often."""
    plan, book = c.plan, c.book
    if not plan.reopen:
        return
    lines = book.topics[plan.topic.key]
    c.customer(lines.reopen, Kind.REOPEN)
    fixed = plan.reopen_fixed
    if c.agent.curt:
        c.say(book.curt.unresolved)
    else:
        c.say(lines.answer if fixed else lines.weak, prefix=c.text(book.agent.reopen_sorry))
    c.customer(book.customer.thanks if fixed else book.customer.unsatisfied)


def compose(plan: Plan, rng: random.Random) -> list[Turn]:
    """Every turn of the conversation, customer and agent, in order."""
    composer = Composer(plan, rng)
    for step in (_open, _identify, _investigate, _transfer, _respond, _close, _reopen):
        step(composer)
    return composer.turns


def merge_email(turns: list[Turn]) -> list[Turn]:
    """One e-mail per burst: consecutive lines of one author become paragraphs of one message."""
    merged: list[Turn] = []
    for turn in turns:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.role is turn.role
            and last.agent == turn.agent
            and last.kind not in (Kind.PENDING, Kind.TRANSFER, Kind.NOTE)
            and turn.kind not in (Kind.UPDATE, Kind.REOPEN, Kind.NOTE)
        ):
            kind = turn.kind if turn.kind is not Kind.SAY else last.kind
            merged[-1] = replace(last, text=f"{last.text}\n\n{turn.text}", kind=kind)
        else:
            merged.append(turn)
    return merged
