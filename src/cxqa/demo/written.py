"""Chat, Facebook, Zalo and e-mail conversations: timestamps, status events and the record.

Agents only write while their team is open, so a message sent at night waits for the morning,
and the delays scale with the agent's speed: the slow agents show up in first-response times.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cxqa.demo.context import Context
from cxqa.demo.dialogue import Kind, Turn, compose, merge_email
from cxqa.demo.org import TeamSpec
from cxqa.demo.plan import Plan
from cxqa.demo.surveys import Experience, surveys
from cxqa.ingest.schemas import (
    AssignmentEvent,
    AuthorRole,
    Channel,
    ConversationRecord,
    ConversationStatus,
    EventRecord,
    MessageRecord,
    StatusEvent,
    TransferEvent,
)

# Median delays in seconds; each draw is log-normal around the median.
FIRST_REPLY = {Channel.CHAT: 45, Channel.FACEBOOK: 180, Channel.ZALO: 240, Channel.EMAIL: 9000}
AGENT_REPLY = {Channel.CHAT: 35, Channel.FACEBOOK: 90, Channel.ZALO: 120, Channel.EMAIL: 10800}
CUSTOMER_REPLY = {Channel.CHAT: 40, Channel.FACEBOOK: 150, Channel.ZALO: 180, Channel.EMAIL: 18000}
LOOKUP = {Channel.CHAT: 100, Channel.FACEBOOK: 150, Channel.ZALO: 150, Channel.EMAIL: 3600}
AUTO_CLOSE = timedelta(hours=24)  # resolved conversations close unless the customer writes back


def _delay(rng: random.Random, median: float, speed: float = 1.0) -> timedelta:
    return timedelta(seconds=median * speed * rng.lognormvariate(0, 0.6))


def _seconds(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(seconds=rng.uniform(low, high))


@dataclass
class _Walk:
    """Walks the turns in order, giving each a time and recording the events it implies."""

    ctx: Context
    plan: Plan
    team: TeamSpec
    now: datetime
    stamped: list[tuple[Turn, datetime]] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    picked_up: datetime | None = None  # when the first agent took the conversation
    first_reply: datetime | None = None

    def in_hours(self, moment: datetime) -> datetime:
        """Agents write while the team is open; after hours the reply waits for the opening."""
        opened = self.team.next_open(moment)
        return opened if opened == moment else opened + _seconds(self.ctx.rng, 120, 2400)

    def customer_time(self, turn: Turn, previous: Turn) -> datetime:
        rng = self.ctx.rng
        if turn.kind is Kind.REOPEN:
            resolved = self.now + _seconds(rng, 30, 300)
            self.status(resolved, ConversationStatus.RESOLVED)
            return resolved + _seconds(rng, 3600, 20 * 3600)
        if previous.role is AuthorRole.BOT:
            return self.now + _seconds(rng, 3, 20)
        return self.now + _delay(rng, CUSTOMER_REPLY[self.plan.channel])

    def agent_time(self, turn: Turn, previous: Turn) -> datetime:
        rng, plan = self.ctx.rng, self.plan
        speed = (turn.agent or plan.agent).traits.speed
        channel = plan.channel
        if self.picked_up is None:
            self.picked_up = max(plan.ready_at, self.now + timedelta(seconds=2))
            self.events.append(
                AssignmentEvent(
                    type="assigned", at=self.picked_up, agent=plan.agent.key, team=self.team.id
                )
            )
        start = max(self.now, self.picked_up)
        if turn.kind is Kind.NOTE:
            return self.in_hours(start + _seconds(rng, 15, 90))
        if self.first_reply is None:
            self.first_reply = self.in_hours(start + _delay(rng, FIRST_REPLY[channel], speed))
            return self.first_reply
        if previous.kind is Kind.TRANSFER:
            return self.transfer(speed)
        if turn.kind is Kind.UPDATE:
            return self.in_hours(self.now + _seconds(rng, 2 * 3600, 20 * 3600))
        if previous.role is AuthorRole.AGENT:
            pause = LOOKUP[channel] * speed if previous.kind is Kind.CHECK else 8.0
            return self.in_hours(self.now + _delay(rng, pause))
        return self.in_hours(self.now + _delay(rng, AGENT_REPLY[channel], speed))

    def transfer(self, speed: float) -> datetime:
        handover = self.plan.handover
        assert handover is not None
        moved = self.now + timedelta(seconds=3)
        self.events.append(
            TransferEvent(
                type="transferred",
                at=moved,
                from_agent=self.plan.agent.key,
                to_agent=handover.agent.key,
                from_team=self.team.id,
                to_team=handover.team,
                reason=self.plan.book.team_labels[handover.team],
            )
        )
        self.events.append(
            AssignmentEvent(
                type="assigned",
                at=moved + timedelta(seconds=1),
                agent=handover.agent.key,
                team=handover.team,
            )
        )
        self.team = self.ctx.teams[handover.team]
        pickup = max(handover.ready_at, moved + timedelta(seconds=30))
        return self.in_hours(pickup + _delay(self.ctx.rng, FIRST_REPLY[self.plan.channel], speed))

    def status(self, moment: datetime, status: ConversationStatus) -> None:
        self.events.append(StatusEvent(type="status", at=moment, status=status))

    def run(self, turns: list[Turn]) -> None:
        self.status(self.now, ConversationStatus.OPEN)
        previous: Turn | None = None
        for turn in turns:
            if previous is None:
                moment = self.now
            elif turn.role is AuthorRole.BOT:
                moment = self.now + _seconds(self.ctx.rng, 1, 4)
            elif turn.role is AuthorRole.CUSTOMER:
                moment = self.customer_time(turn, previous)
            else:
                moment = self.agent_time(turn, previous)
            self.stamped.append((turn, moment))
            self.now = moment
            if turn.kind is Kind.REOPEN:
                self.status(moment + timedelta(seconds=1), ConversationStatus.OPEN)
            elif turn.kind is Kind.PENDING:
                self.status(moment + timedelta(seconds=2), ConversationStatus.PENDING)
            previous = turn
        self.finish()

    def finish(self) -> None:
        resolved = self.now + _seconds(self.ctx.rng, 20, 600)
        self.status(resolved, ConversationStatus.RESOLVED)
        self.status(resolved + AUTO_CLOSE, ConversationStatus.CLOSED)
        self.now = resolved


def _message(plan: Plan, index: int, turn: Turn, moment: datetime, ctx: Context) -> MessageRecord:
    agent = turn.agent if turn.role is AuthorRole.AGENT else None
    text = turn.text
    if agent is not None and plan.channel is Channel.EMAIL and turn.kind is not Kind.NOTE:
        team = ctx.teams[agent.team]
        text = f"{text}\n\n--\n{agent.name}\n{team.name} | {team.brand}"
    names = {AuthorRole.CUSTOMER: plan.customer.person.full, AuthorRole.BOT: plan.book.bot_name}
    return MessageRecord(
        id=f"{plan.conversation_id}-{index:02d}",
        role=turn.role,
        agent=agent.key if agent else None,
        author_name=agent.name if agent else names.get(turn.role),
        at=moment,
        text=text,
        internal=turn.kind is Kind.NOTE,
    )


def _subject(plan: Plan, ctx: Context) -> str | None:
    if plan.channel is not Channel.EMAIL:
        return None
    lines = plan.book.topics[plan.topic.key].subject
    usable = [line for line in lines if "{code}" not in line or "code" in plan.slots]
    subject = ctx.rng.choice(usable).format_map(plan.slots)
    return f"Re: {subject}" if plan.arrival.repeat_of else subject


def build_written(ctx: Context, plan: Plan) -> ConversationRecord:
    """The conversation as the helpdesk recorded it, cut at the end of the data window."""
    turns = compose(plan, ctx.rng)
    if plan.channel is Channel.EMAIL:
        turns = merge_email(turns)
    walk = _Walk(ctx=ctx, plan=plan, team=ctx.teams[plan.arrival.team], now=plan.arrival.at)
    walk.run(turns)
    cutoff = ctx.window.cutoff
    events = sorted((e for e in walk.events if e.at < cutoff), key=lambda e: e.at)
    assigned = [e for e in events if isinstance(e, AssignmentEvent)]
    first_reply = walk.first_reply or walk.now
    seen = Experience(
        first_wait=(first_reply - plan.arrival.at).total_seconds(),
        held=0.0,
        resolved=plan.solved,
        done_at=walk.now,
    )
    return ConversationRecord(
        source="demo",
        id=plan.conversation_id,
        channel=plan.channel,
        created_at=plan.arrival.at,
        subject=_subject(plan, ctx),
        language=plan.language,
        priority=plan.priority,
        team=assigned[-1].team if assigned else plan.arrival.team,
        agent=assigned[-1].agent if assigned else None,
        customer=plan.customer.record(as_of=plan.arrival.at),
        tags=list(plan.topic.tags) + (["khach_vip"] if plan.customer.segment == "vip" else []),
        messages=[
            _message(plan, index, turn, moment, ctx)
            for index, (turn, moment) in enumerate(walk.stamped, start=1)
            if moment < cutoff
        ],
        events=events,
        surveys=surveys(plan, seen, cutoff, ctx.rng) if walk.now < cutoff else [],
        attributes={"order_ref": plan.order.ref} if plan.order else {},
    )
