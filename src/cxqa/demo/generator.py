"""The demo data set: teams, agents, presence and conversations of a Vietnamese shop and courier.

Everything is drawn from `random.Random` streams seeded by the spec, never from the clock, so the
same spec always yields the same records, and they are produced one at a time.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cxqa.demo.agents import AgentProfile, agent_record, build_roster
from cxqa.demo.arrivals import Arrival, ArrivalQueue, day_arrivals
from cxqa.demo.clock import TZ, Window, at
from cxqa.demo.context import Context
from cxqa.demo.customers import Customer, CustomerPool
from cxqa.demo.org import TeamSpec, team_record, teams_for
from cxqa.demo.phone import build_abandoned, build_call, wait_in_queue
from cxqa.demo.plan import Plan, make_plan
from cxqa.demo.shifts import ScheduleBook, status_records
from cxqa.demo.written import build_written
from cxqa.ingest.schemas import Channel, ConversationRecord, Record

FOLLOW_UP_UNSOLVED = 0.65  # customers left without a solution who contact again
FOLLOW_UP_SOLVED = 0.04  # ...and the few who check again even though it was solved
CALL_BACK_AFTER_ABANDON = 0.55


@dataclass(frozen=True, kw_only=True)
class DemoSpec:
    """What to generate. `end` is the last local day of the data; callers pass date.today()."""

    seed: int = 2026
    days: int = 90
    end: date
    scale: float = 1.0  # multiplies conversation volume only; teams and agents stay the same

    def __post_init__(self) -> None:
        if self.days < 1:
            raise ValueError(f"days must be at least 1, not {self.days}")
        if not self.scale > 0:
            raise ValueError(f"scale must be positive, not {self.scale}")

    @property
    def window(self) -> Window:
        return Window.ending(self.end, self.days)


def agent_profiles(spec: DemoSpec) -> dict[str, AgentProfile]:
    """Each agent's behaviour by agent key, exactly as generate_demo uses it."""
    return {agent.key: agent for agent in build_roster(spec.seed, spec.window)}


def generate_demo(spec: DemoSpec) -> Iterator[Record]:
    """Teams first, then agents, then agent status events, then conversations."""
    window = spec.window
    teams = {team.id: team for team in teams_for(window)}
    roster = build_roster(spec.seed, window)
    for team in teams.values():
        yield team_record(team, window)
    for agent in roster:
        yield agent_record(agent)
    yield from status_records(spec.seed, roster, teams, window)
    yield from _conversations(spec, teams, roster)


def _conversations(
    spec: DemoSpec, teams: Mapping[str, TeamSpec], roster: tuple[AgentProfile, ...]
) -> Iterator[ConversationRecord]:
    """Conversations in order of arrival, numbered demo-000001 upwards."""
    rng = random.Random(spec.seed)
    window = spec.window
    ctx = Context(
        rng=rng,
        window=window,
        teams=teams,
        schedules=ScheduleBook(spec.seed, roster, teams),
        customers=CustomerPool(rng, spec.scale),
    )
    arrivals = ArrivalQueue()
    number = 0
    for day in window:
        for arrival in day_arrivals(tuple(teams.values()), day, spec.scale, rng):
            arrivals.push(arrival)
        for arrival in arrivals.pop_before(at(day + timedelta(days=1), "00:00")):
            number += 1
            record, follow_up = _conversation(ctx, arrival, f"demo-{number:06d}")
            if follow_up is not None and follow_up.at < window.cutoff:
                arrivals.push(follow_up)
            yield record
        ctx.schedules.forget_before(day)


def _conversation(
    ctx: Context, arrival: Arrival, conversation_id: str
) -> tuple[ConversationRecord, Arrival | None]:
    """One conversation, and the customer's next contact about it if there will be one."""
    customer = arrival.customer or ctx.customers.for_contact(arrival.channel)
    ctx.customers.reach(customer, arrival.channel)
    if arrival.channel is Channel.PHONE:
        return _call(ctx, arrival, conversation_id, customer)
    opens = ctx.teams[arrival.team].next_open(arrival.at)
    agent, ready_at = ctx.schedules.pick(arrival.team, opens, ctx.rng)
    plan = make_plan(
        ctx,
        arrival=arrival,
        conversation_id=conversation_id,
        customer=customer,
        agent=agent,
        ready_at=ready_at,
    )
    record = build_written(ctx, plan)
    return record, _follow_up(ctx, plan, record)


def _call(
    ctx: Context, arrival: Arrival, conversation_id: str, customer: Customer
) -> tuple[ConversationRecord, Arrival | None]:
    waited = wait_in_queue(ctx, arrival)
    if waited.abandoned:
        record = build_abandoned(ctx, arrival, conversation_id, customer, waited)
        return record, _call_back(ctx, arrival, record, customer)
    plan = make_plan(
        ctx,
        arrival=arrival,
        conversation_id=conversation_id,
        customer=customer,
        agent=waited.agent,
        ready_at=arrival.at + timedelta(seconds=waited.wait),
    )
    record = build_call(ctx, plan, waited)
    return record, _follow_up(ctx, plan, record)


def _last_fact(record: ConversationRecord) -> datetime:
    """Local time of the conversation's last message, event or call leg."""
    times = [m.at for m in record.messages] + [e.at for e in record.events]
    times += [leg.wrap_up_ended_at or leg.ended_at for leg in record.calls]
    return max(times).astimezone(TZ)


def _call_back(
    ctx: Context, arrival: Arrival, record: ConversationRecord, customer: Customer
) -> Arrival | None:
    """Many callers who gave up in the queue try again within the hour, if still open."""
    rng = ctx.rng
    if rng.random() >= CALL_BACK_AFTER_ABANDON:
        return None
    moment = _last_fact(record) + timedelta(minutes=rng.uniform(1, 40))
    if not ctx.teams[arrival.team].is_open(moment):
        return None
    return Arrival(
        at=moment, team=arrival.team, channel=Channel.PHONE, customer=customer, callback=True
    )


def _repeat_route(ctx: Context, plan: Plan) -> tuple[Channel, str]:
    """Most customers come back the same way; some pick up the phone to push harder."""
    if plan.channel is Channel.PHONE or ctx.rng.random() < 0.6:
        return plan.channel, plan.arrival.team
    owner = plan.topic.owner
    if owner is not None and Channel.PHONE in ctx.teams[owner].volume:
        return Channel.PHONE, owner
    return Channel.PHONE, "cskh-shop"


def _follow_up(ctx: Context, plan: Plan, record: ConversationRecord) -> Arrival | None:
    """The repeat contact of a customer whose problem was not solved (FCR misses)."""
    rng = ctx.rng
    if rng.random() >= (FOLLOW_UP_SOLVED if plan.solved else FOLLOW_UP_UNSOLVED):
        return None
    channel, team_id = _repeat_route(ctx, plan)
    # local time: arrival hours drive load and opening hours, which are local
    moment = _last_fact(record) + timedelta(hours=rng.lognormvariate(math.log(18), 0.8))
    if channel is Channel.PHONE:
        team = ctx.teams[team_id]
        opened = team.next_open(moment)
        if opened != moment:
            opened = team.next_open(opened + timedelta(minutes=rng.uniform(0, 90)))
        moment = opened
    return Arrival(
        at=moment,
        team=team_id,
        channel=channel,
        customer=plan.customer,
        topic=plan.topic.key,
        order=plan.order,
        repeat_of=plan.conversation_id,
    )
