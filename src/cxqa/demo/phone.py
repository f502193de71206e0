"""Phone calls: the queue (and who gives up in it), call legs, holds, transfers, transcripts.

Queue waits grow with the hour's load and shrink with the number of agents online, so abandoned
calls cluster at peaks, lunch breaks and sale days, as they do in real contact centres.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cxqa.demo.agents import AgentProfile
from cxqa.demo.arrivals import HOURLY, Arrival
from cxqa.demo.context import Context
from cxqa.demo.customers import Customer
from cxqa.demo.dialogue import Kind, Turn, compose
from cxqa.demo.holidays import sale_factor
from cxqa.demo.plan import Plan
from cxqa.demo.surveys import Experience, surveys
from cxqa.ingest.schemas import (
    AuthorRole,
    CallLegRecord,
    CallOutcome,
    Channel,
    ConversationRecord,
    ConversationStatus,
    EventRecord,
    HoldRecord,
    MessageRecord,
    StatusEvent,
    TransferEvent,
    TransferTarget,
)

BASE_WAIT = 14.0  # mean seconds in queue at an average hour with NOMINAL_ONLINE agents
NOMINAL_ONLINE = 5
MEAN_OPEN_HOUR = sum(HOURLY[8:21]) / 13
PATIENCE = 300.0  # mean seconds a caller waits before hanging up
SHORT_ABANDON_SHARE = 0.03  # callers who hang up within seconds (wrong number, IVR annoyance)
WORDS_PER_SECOND = 2.6


@dataclass(frozen=True)
class QueueWait:
    """How one call fared in the queue: who will answer, and whether the caller waited."""

    wait: float
    patience: float
    agent: AgentProfile

    @property
    def abandoned(self) -> bool:
        return self.patience < self.wait


def wait_in_queue(ctx: Context, arrival: Arrival) -> QueueWait:
    """How long the caller would wait, how long they are willing to, and who picks up."""
    rng = ctx.rng
    load = HOURLY[arrival.at.hour] / MEAN_OPEN_HOUR * sale_factor(arrival.at.date())
    online = max(1, ctx.schedules.online_count(arrival.team, arrival.at))
    wait = rng.expovariate(1 / (BASE_WAIT * load**2 * NOMINAL_ONLINE / online))
    agent, ready = ctx.schedules.pick(arrival.team, arrival.at + timedelta(seconds=wait), rng)
    wait = max(wait, (ready - arrival.at).total_seconds())
    if rng.random() < SHORT_ABANDON_SHARE:
        patience = rng.uniform(2, 10)
    else:
        patience = rng.expovariate(1 / PATIENCE)
    return QueueWait(wait=wait, patience=patience, agent=agent)


def build_abandoned(
    ctx: Context, arrival: Arrival, conversation_id: str, customer: Customer, waited: QueueWait
) -> ConversationRecord:
    """A caller who hung up before anyone answered, or left a voicemail."""
    start = arrival.at
    end = start + timedelta(seconds=waited.patience)
    outcome = CallOutcome.ABANDONED
    if waited.patience > 120 and ctx.rng.random() < 0.15:
        outcome = CallOutcome.VOICEMAIL
        end += timedelta(seconds=ctx.rng.uniform(15, 40))
    leg = CallLegRecord(
        id=f"{conversation_id}-leg1",
        team=arrival.team,
        queued_at=start,
        ended_at=end,
        outcome=outcome,
    )
    return ConversationRecord(
        source="demo",
        id=conversation_id,
        channel=Channel.PHONE,
        created_at=start,
        language=customer.language,
        team=arrival.team,
        customer=customer.record(as_of=start),
        calls=[leg],
        events=[
            StatusEvent(type="status", at=start, status=ConversationStatus.OPEN),
            StatusEvent(type="status", at=end, status=ConversationStatus.CLOSED),
        ],
    )


@dataclass
class _Leg:
    """The call leg in progress."""

    agent: AgentProfile
    team: str
    queued: datetime
    wait: float
    answered: datetime
    holds: list[HoldRecord] = field(default_factory=list)


@dataclass
class _Call:
    """Walks the transcript through the talk time, opening a second leg at a transfer."""

    ctx: Context
    plan: Plan
    now: datetime
    legs: list[CallLegRecord] = field(default_factory=list)
    stamped: list[tuple[Turn, datetime]] = field(default_factory=list)
    notes: list[Turn] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)

    def start_leg(self, agent: AgentProfile, team: str, queued: datetime, wait: float) -> _Leg:
        # slow agents let the phone ring longer before picking up
        ring = self.ctx.rng.uniform(3, 10) * (1.6 if agent.traits.speed > 2 else 1.0)
        answered = queued + timedelta(seconds=wait + ring)
        self.now = answered
        return _Leg(agent=agent, team=team, queued=queued, wait=wait, answered=answered)

    def close_leg(
        self, leg: _Leg, outcome: CallOutcome, target: TransferTarget | None = None
    ) -> tuple[datetime, datetime]:
        """End the leg now; returns when it ended and when the agent's wrap-up ended."""
        rng = self.ctx.rng
        ended = self.now + timedelta(seconds=rng.uniform(1, 4))
        wrap = ended + timedelta(seconds=35 * leg.agent.traits.speed * rng.lognormvariate(0, 0.5))
        self.legs.append(
            CallLegRecord(
                id=f"{self.plan.conversation_id}-leg{len(self.legs) + 1}",
                agent=leg.agent.key,
                team=leg.team,
                queued_at=leg.queued,
                ringing_at=leg.queued + timedelta(seconds=leg.wait),
                answered_at=leg.answered,
                ended_at=ended,
                wrap_up_ended_at=wrap,
                outcome=outcome,
                holds=leg.holds,
                transferred_to=target,
            )
        )
        self.now = ended
        return ended, wrap

    def speak(self, leg: _Leg, turn: Turn) -> _Leg:
        """Say `turn`; returns the leg the call continues on (a new one after a transfer)."""
        rng = self.ctx.rng
        start = self.now + timedelta(seconds=rng.uniform(0.4, 1.8))
        self.stamped.append((turn, start))
        words = len(turn.text.split())
        self.now = start + timedelta(seconds=max(1.2, words / WORDS_PER_SECOND))
        if turn.kind is Kind.HOLD:
            held = rng.uniform(20, 110) * leg.agent.traits.speed
            hold_start = self.now + timedelta(seconds=1)
            self.now = hold_start + timedelta(seconds=held)
            leg.holds.append(HoldRecord(start=hold_start, end=self.now))
        elif turn.kind is Kind.TRANSFER:
            return self.transfer(leg)
        return leg

    def transfer(self, leg: _Leg) -> _Leg:
        handover = self.plan.handover
        assert handover is not None
        rng = self.ctx.rng
        # a warm transfer names the colleague; a blind one just sends the caller to the queue
        warm = rng.random() < 0.3
        target = TransferTarget(team=handover.team, agent=handover.agent.key if warm else None)
        ended, _ = self.close_leg(leg, CallOutcome.TRANSFERRED, target)
        self.events.append(
            TransferEvent(
                type="transferred",
                at=ended,
                from_agent=leg.agent.key,
                to_agent=handover.agent.key,
                from_team=leg.team,
                to_team=handover.team,
                reason=self.plan.book.team_labels[handover.team],
            )
        )
        wait = max(rng.uniform(8, 50), (handover.ready_at - ended).total_seconds())
        return self.start_leg(handover.agent, handover.team, ended, wait)

    def run(self, turns: list[Turn], wait: float) -> datetime:
        """Play the call; returns when the last agent finished wrap-up."""
        plan = self.plan
        leg = self.start_leg(plan.agent, plan.arrival.team, plan.arrival.at, wait)
        for turn in turns:
            if turn.kind is Kind.NOTE:
                self.notes.append(turn)  # written during wrap-up, not spoken
            else:
                leg = self.speak(leg, turn)
        ended, wrap = self.close_leg(leg, CallOutcome.ANSWERED)
        for turn in self.notes:
            self.stamped.append((turn, ended + (wrap - ended) * self.ctx.rng.uniform(0.2, 0.9)))
        return wrap


def _message(plan: Plan, index: int, turn: Turn, moment: datetime) -> MessageRecord:
    agent = turn.agent if turn.role is AuthorRole.AGENT else None
    return MessageRecord(
        id=f"{plan.conversation_id}-{index:02d}",
        role=turn.role,
        agent=agent.key if agent else None,
        author_name=agent.name if agent else plan.customer.person.full,
        at=moment,
        text=turn.text,
        internal=turn.kind is Kind.NOTE,
    )


def build_call(ctx: Context, plan: Plan, waited: QueueWait) -> ConversationRecord:
    """An answered call: its legs, transcript, events and the post-call survey."""
    call = _Call(ctx=ctx, plan=plan, now=plan.arrival.at)
    done = call.run(compose(plan, ctx.rng), waited.wait)
    start = plan.arrival.at
    events: list[EventRecord] = [
        StatusEvent(type="status", at=start, status=ConversationStatus.OPEN),
        *call.events,
        StatusEvent(type="status", at=done, status=ConversationStatus.RESOLVED),
    ]
    seen = Experience(
        first_wait=waited.wait,
        held=sum((h.end - h.start).total_seconds() for leg in call.legs for h in leg.holds),
        resolved=plan.solved,
        done_at=done,
    )
    return ConversationRecord(
        source="demo",
        id=plan.conversation_id,
        channel=Channel.PHONE,
        created_at=start,
        language=plan.language,
        priority=plan.priority,
        team=plan.final_team,
        agent=plan.final_agent.key,
        customer=plan.customer.record(as_of=start),
        tags=list(plan.topic.tags),
        messages=[_message(plan, i, turn, at) for i, (turn, at) in enumerate(call.stamped, 1)],
        calls=call.legs,
        events=events,
        surveys=surveys(plan, seen, ctx.window.cutoff, ctx.rng),
        attributes={"order_ref": plan.order.ref} if plan.order else {},
    )
