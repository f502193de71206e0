"""What happens in a conversation, decided before any text or timestamp is produced.

Every decision is drawn from the agent's traits and the customer's situation, so the patterns a
QA manager should find (curt agent, slow agent, unresolved repeat contacts) have a single cause.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from cxqa.demo.agents import AgentProfile
from cxqa.demo.arrivals import Arrival
from cxqa.demo.catalog import (
    ADDRESSES,
    BANKS,
    HUBS,
    HUBS_EN,
    PRODUCTS,
    VOUCHERS,
    Product,
    vnd,
)
from cxqa.demo.context import BOOKS, Context
from cxqa.demo.customers import Customer, OrderInfo
from cxqa.demo.holidays import sale_factor
from cxqa.demo.phrasebook import PhraseBook
from cxqa.demo.topics import SALE_TOPIC_BOOST, TEAM_TOPICS, TOPICS, Topic
from cxqa.ingest.schemas import Channel, Priority

Outcome = Literal["resolved", "pending", "unresolved"]
WRITTEN_PENDING_SHARE = {Channel.EMAIL: 0.35}  # other written channels: DEFAULT_PENDING_SHARE
DEFAULT_PENDING_SHARE = 0.15
_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Handover:
    """The second agent of a transferred conversation, and when they can pick it up."""

    agent: AgentProfile
    team: str
    ready_at: datetime


@dataclass(frozen=True)
class Plan:
    conversation_id: str
    arrival: Arrival
    customer: Customer
    topic: Topic
    order: OrderInfo | None
    book: PhraseBook
    upset: bool
    furious: bool
    priority: Priority
    agent: AgentProfile
    ready_at: datetime
    handover: Handover | None
    greets: bool
    closes: bool
    apologizes: bool
    outcome: Outcome
    mistake: bool
    bot: bool
    note: bool
    reopen: bool
    reopen_fixed: bool  # the answer after the customer came back solved it
    holds: int
    slots: Mapping[str, str]

    @property
    def channel(self) -> Channel:
        return self.arrival.channel

    @property
    def language(self) -> str:
        return self.book.language

    @property
    def final_agent(self) -> AgentProfile:
        return self.handover.agent if self.handover else self.agent

    @property
    def solved(self) -> bool:
        return self.outcome != "unresolved" or self.reopen_fixed

    @property
    def final_team(self) -> str:
        return self.handover.team if self.handover else self.arrival.team


def _topic(ctx: Context, arrival: Arrival) -> Topic:
    if arrival.topic is not None:
        return TOPICS[arrival.topic]
    weights = TEAM_TOPICS[arrival.team]
    boosted = sale_factor(arrival.at.date()) > 1
    keys = list(weights)
    values = [weights[k] * (SALE_TOPIC_BOOST.get(k, 1.0) if boosted else 1.0) for k in keys]
    return TOPICS[ctx.rng.choices(keys, values)[0]]


def _mood(ctx: Context, arrival: Arrival, customer: Customer, topic: Topic) -> tuple[bool, bool]:
    """(upset, furious): repeat contacts and callers who waited are angrier."""
    rng = ctx.rng
    chance = topic.upset + customer.temper
    chance += 0.3 if arrival.repeat_of else 0.0
    chance += 0.2 if arrival.callback else 0.0
    upset = rng.random() < chance
    furious = upset and rng.random() < (0.6 if arrival.repeat_of else 0.3)
    return upset, furious


def _priority(
    ctx: Context, customer: Customer, topic: Topic, upset: bool, furious: bool
) -> Priority:
    roll = ctx.rng.random()
    vip = customer.segment == "vip"
    if furious and (vip or topic.key == "complaint") and roll < 0.35:
        return Priority.URGENT
    if (furious and roll < 0.6) or (vip and roll < 0.3) or (upset and roll < 0.06):
        return Priority.HIGH
    if topic.order_age is None and roll < 0.3:
        return Priority.LOW
    return Priority.NORMAL


def _handover(
    ctx: Context, arrival: Arrival, topic: Topic, agent: AgentProfile, ready_at: datetime
) -> Handover | None:
    """Some contacts land in the wrong team; the curt agent deflects instead of transferring."""
    owner = topic.owner
    if owner is None or owner == arrival.team or agent.curt:
        return None
    if arrival.channel is Channel.PHONE and Channel.PHONE not in ctx.teams[owner].volume:
        return None
    if ctx.rng.random() >= (0.42 if agent.new_hire else 0.22):
        return None
    if arrival.channel is Channel.PHONE:
        wanted = ready_at + timedelta(minutes=3)
        if not ctx.teams[owner].is_open(wanted):
            return None  # no transfer into a closed queue
    else:
        wanted = ctx.teams[owner].next_open(ready_at + timedelta(minutes=10))
    second, second_ready = ctx.schedules.pick(owner, wanted, ctx.rng, exclude=agent.key)
    return Handover(agent=second, team=owner, ready_at=second_ready)


def _outcome(ctx: Context, plan_channel: Channel, resolver: AgentProfile, topic: Topic) -> Outcome:
    rng = ctx.rng
    if rng.random() >= resolver.traits.fcr - topic.difficulty * 0.5:
        return "unresolved"
    if plan_channel is Channel.PHONE or resolver.curt:
        return "resolved"
    share = WRITTEN_PENDING_SHARE.get(plan_channel, DEFAULT_PENDING_SHARE)
    return "pending" if rng.random() < share else "resolved"


def _date(moment: datetime, language: str) -> str:
    return f"{moment:%d/%m}" if language == "vi" else f"{_MONTHS_EN[moment.month - 1]} {moment.day}"


def _slots(
    ctx: Context, arrival: Arrival, customer: Customer, order: OrderInfo | None, book: PhraseBook
) -> dict[str, str]:
    rng, vi = ctx.rng, book.language == "vi"
    product: Product = order.product if order else rng.choice(PRODUCTS)
    product_name = product.vi if vi else product.en
    xung = "anh" if customer.person.gender == "m" else "chị"
    if arrival.channel is not Channel.PHONE and rng.random() < 0.25:
        xung = "anh/chị"  # written channels often do not show who is typing
    delivery = arrival.team == "giao-hang"
    hour = arrival.at.hour
    slots = {
        "brand": ctx.teams[arrival.team].brand,
        "xung": xung,
        "self": "anh" if customer.person.gender == "m" else "chị",
        "Xung": xung[:1].upper() + xung[1:],
        "customer": customer.person.given,
        "product": product_name,
        "Product": product_name[:1].upper() + product_name[1:],
        "date": _date(arrival.at + timedelta(days=rng.randint(1, 3)), book.language),
        "amount": vnd(order.total if order else product.min_price, book.language),
        "voucher": rng.choice(VOUCHERS),
        "hub": rng.choice(HUBS if vi else HUBS_EN),
        "bank": rng.choice(BANKS),
        "txn": f"FT{rng.randrange(10**11, 10**12)}",
        "time": rng.choice(("12h", "15h", "17h", "18h", "20h") if vi else ("noon", "5pm", "6pm")),
        "address": rng.choice(ADDRESSES),
        "code_kind": book.code_kinds["tracking" if delivery else "order"],
        "daypart": book.dayparts[
            "morning" if hour < 11 else "afternoon" if hour < 17 else "evening"
        ],
        "wrong_code": f"DH{arrival.at:%y%m}{rng.randrange(100, 999)}",
    }
    if order is not None:
        slots["code"] = order.tracking if delivery else order.ref
        slots["date_placed"] = _date(order.placed_at, book.language)
        slots["days"] = str(max(1, (arrival.at - order.placed_at).days))
    return slots


def make_plan(
    ctx: Context,
    *,
    arrival: Arrival,
    conversation_id: str,
    customer: Customer,
    agent: AgentProfile,
    ready_at: datetime,
) -> Plan:
    """Decide the conversation handled first by `agent`, who is free from `ready_at`."""
    rng = ctx.rng
    topic = _topic(ctx, arrival)
    order = arrival.order
    if order is None and topic.order_age is not None:
        order = ctx.customers.order_for(customer, topic.order_age, topic.order_status, arrival.at)
    book = BOOKS[customer.language]
    upset, furious = _mood(ctx, arrival, customer, topic)
    handover = _handover(ctx, arrival, topic, agent, ready_at)
    resolver = handover.agent if handover else agent
    traits = agent.traits
    outcome = _outcome(ctx, arrival.channel, resolver, topic)
    written = arrival.channel is not Channel.PHONE
    reopen = written and outcome == "unresolved" and rng.random() < 0.35
    return Plan(
        conversation_id=conversation_id,
        arrival=arrival,
        customer=customer,
        topic=topic,
        order=order,
        book=book,
        upset=upset,
        furious=furious,
        priority=_priority(ctx, customer, topic, upset, furious),
        agent=agent,
        ready_at=ready_at,
        handover=handover,
        greets=rng.random() < traits.greets,
        closes=rng.random() < resolver.traits.closes,
        apologizes=upset and rng.random() < traits.empathy,
        outcome=outcome,
        mistake=order is not None and rng.random() > traits.accuracy,
        bot=arrival.channel in (Channel.CHAT, Channel.FACEBOOK, Channel.ZALO)
        and rng.random() < 0.4,
        note=rng.random() < (0.1 + 0.3 * (outcome == "pending") + 0.2 * (handover is not None)),
        reopen=reopen,
        reopen_fixed=reopen and not resolver.curt and rng.random() < resolver.traits.fcr,
        holds=0 if written else rng.choices((0, 1, 2), (55, 33, 12))[0],
        slots=_slots(ctx, arrival, customer, order, book),
    )
