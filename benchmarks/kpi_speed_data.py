"""Synthetic contact-centre year for benchmarks/kpi_speed.py, written as canonical JSONL.

Like benchmarks/import_speed.py, records are plain dicts in the canonical format, written one per
line and imported with the real importer. Unlike it, the data is made for KPIs: six teams with
business hours and holidays, ~300 agents, phone calls (queue waits, short and long abandons,
holds, wrap-up, transfers to a second leg), chat / Zalo / Facebook / e-mail conversations with
customer, bot and agent messages (~10 messages per conversation over all channels), status
events (resolved, closed, pending, some reopened), repeat customers and follow-up contacts (so
FCR and repeat contact are not trivial), CSAT / CES / NPS answers, and four weeks of agent
presence events. Everything is drawn from seeded generators: the same size gives the same file.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from import_speed import AGENT_LINES, CUSTOMER_LINES

SEED = 2026
FIRST_DAY = date(2025, 11, 3)  # a Monday: the year is 52 whole weeks
DAYS = 364
LAST_DAY = FIRST_DAY + timedelta(days=DAYS - 1)
TIMEZONE = "Asia/Ho_Chi_Minh"  # the workspace default; UTC+7 all year
OFFSET = 7 * 3600
EPOCH_FIRST = int(datetime(2025, 11, 3, tzinfo=UTC).timestamp()) - OFFSET  # local midnight
DAY = 86_400
HOUR = 3600
MINUTE = 60

CHANNEL_SHARES = {"phone": 0.24, "chat": 0.24, "zalo": 0.20, "facebook": 0.17, "email": 0.15}
FOLLOW_UP_SHARE = 0.12  # conversations that are a customer coming back about an earlier one
ANONYMOUS_SHARE = 0.05
CUSTOMERS_PER_CONVERSATION = 0.35
PRESENCE_DAYS = 28  # agent status events for the last four weeks only
TAGS = ("giao_hang", "doi_tra", "thanh_toan", "khieu_nai", "tu_van", "bao_hanh")
BOT_LINES = (
    "Xin chào! Mình là trợ lý ảo, anh/chị cần hỗ trợ về đơn hàng, đổi trả hay thanh toán ạ?",
    "Dạ mình đang chuyển anh/chị tới nhân viên CSKH, anh/chị vui lòng chờ trong giây lát ạ.",
)
NOTE_LINES = ("Đã báo kho kiểm tra đơn, chờ phản hồi.", "KH VIP, ưu tiên xử lý trong ngày.")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh")
GIVEN += ("Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngọc", "Phúc", "Quân", "Thảo", "Trang")

_OFFICE = {day: [("08:00", "17:30")] for day in ("mon", "tue", "wed", "thu", "fri")} | {
    "sat": [("08:00", "12:00")]
}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOLIDAYS = (
    [date(2026, 1, 1)]
    + [date(2026, 2, 14) + timedelta(days=d) for d in range(9)]  # Tết
    + [date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1), date(2026, 9, 1), date(2026, 9, 2)]
)


@dataclass
class Team:
    key: str
    name: str
    agents: int
    hours: dict[str, list[tuple[str, str]]]
    holidays: bool
    agent_keys: list[str] = field(default_factory=list)
    # agents drawn by weight: a few carry much more than others
    pick: list[str] = field(default_factory=list)
    _spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def spans(self, day: int) -> list[tuple[int, int]]:
        """Opening spans of local day number `day` (0 = FIRST_DAY), in epoch seconds."""
        found = self._spans.get(day)
        if found is None:
            when = FIRST_DAY + timedelta(days=day)
            closed = self.holidays and when in _HOLIDAYS
            midnight = EPOCH_FIRST + day * DAY
            found = [
                (midnight + _seconds(a), midnight + _seconds(b))
                for a, b in ([] if closed else self.hours.get(_WEEKDAYS[when.weekday()], []))
            ]
            self._spans[day] = found
        return found

    def next_open(self, t: float) -> float:
        day = int((t - EPOCH_FIRST) // DAY)
        for offset in range(21):
            for start, end in self.spans(day + offset):
                if t < end:
                    return max(t, start)
        raise AssertionError(f"{self.key} never opens")


def _seconds(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * HOUR + int(minutes) * MINUTE


def teams() -> dict[str, Team]:
    every_day = {day: [("08:00", "22:00")] for day in _WEEKDAYS}
    hotline = {day: [("07:30", "21:00")] for day in _WEEKDAYS[:6]}
    hotline["sun"] = [("08:00", "17:00")]
    found = [
        Team("hotline-hn", "Tổng đài Hà Nội", 70, hotline, holidays=False),
        Team("hotline-hcm", "Tổng đài TP.HCM", 60, hotline, holidays=False),
        Team("chat", "Chat trực tuyến", 60, every_day, holidays=False),
        Team("social", "Zalo & Facebook", 65, every_day, holidays=False),
        Team("email", "Thư điện tử", 30, _OFFICE, holidays=True),
        Team("vip", "Khách hàng VIP", 25, _OFFICE, holidays=True),
    ]
    rng = random.Random(SEED)
    for team in found:
        team.agent_keys = [f"{team.key}-{n:03d}" for n in range(1, team.agents + 1)]
        for key in team.agent_keys:
            team.pick += [key] * rng.choice((1, 2, 2, 3, 3, 3, 4, 5))
    return {team.key: team for team in found}


@dataclass(frozen=True)
class Agent:
    speed: float  # multiplies reply delays
    quality: float  # 0..1: survey answers lean on it


@dataclass
class Counts:
    conversations: int = 0
    messages: int = 0
    calls: int = 0
    presence_events: int = 0
    bytes: int = 0


def plan(conversations: int) -> tuple[np.ndarray[Any, Any], ...]:
    """Start (epoch seconds), customer (-1: anonymous) and channel index of every conversation,
    in time order."""
    rng = np.random.default_rng(SEED)
    follow = int(conversations * FOLLOW_UP_SHARE)
    base = conversations - follow
    days = np.arange(DAYS)
    weekday = (days + FIRST_DAY.weekday()) % 7
    weights = np.array([1.0, 1.0, 1.0, 0.95, 1.05, 0.85, 0.65])[weekday]
    weights *= np.linspace(0.85, 1.15, DAYS)  # the business grows
    for sale in (date(2025, 11, 11), date(2025, 12, 12), date(2026, 6, 6), date(2026, 9, 9)):
        weights[(sale - FIRST_DAY).days] *= 2.5
    for holiday in _HOLIDAYS:
        weights[(holiday - FIRST_DAY).days] *= 0.35
    hours = np.array(
        [2, 1, 1, 1, 1, 3, 8, 25, 60, 90, 100, 95, 70, 70, 85, 95, 90, 80, 60, 55, 65, 60, 35, 12],
        dtype=float,
    )
    day = rng.choice(DAYS, size=base, p=weights / weights.sum())
    hour = rng.choice(24, size=base, p=hours / hours.sum())
    start = EPOCH_FIRST + day * DAY + hour * HOUR + rng.integers(0, HOUR, size=base)
    pool = max(200, int(conversations * CUSTOMERS_PER_CONVERSATION))
    customer = (pool * rng.random(base) ** 1.7).astype(np.int64)  # some customers call a lot
    customer[rng.random(base) < ANONYMOUS_SHARE] = -1
    shares = np.array(list(CHANNEL_SHARES.values()))
    channel = rng.choice(len(shares), size=base, p=shares)
    # follow-ups: the same customer again, hours to weeks later, often on the same channel
    parent = rng.integers(0, base, size=follow)
    gap = np.clip(np.exp(rng.normal(np.log(1.5 * DAY), 1.1, size=follow)), 20 * MINUTE, 30 * DAY)
    later = start[parent] + gap.astype(np.int64)
    end = EPOCH_FIRST + DAYS * DAY
    later = np.where(later < end, later, start[parent] - gap.astype(np.int64))
    later = np.clip(later, EPOCH_FIRST + HOUR, end - HOUR)
    other = rng.choice(len(shares), size=follow, p=shares)
    follow_channel = np.where(rng.random(follow) < 0.6, channel[parent], other)
    starts = np.concatenate([start, later])
    customers = np.concatenate([customer, customer[parent]])
    channels = np.concatenate([channel, follow_channel])
    order = np.argsort(starts, kind="stable")
    return starts[order], customers[order], channels[order]


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat()


class Generator:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.teams = teams()
        self.agents = {
            key: Agent(speed=self.rng.uniform(0.6, 1.8), quality=self.rng.betavariate(5, 2))
            for team in self.teams.values()
            for key in team.agent_keys
        }
        self.channels = list(CHANNEL_SHARES)

    # -- records ----------------------------------------------------------------------------

    def org_records(self) -> Iterator[dict[str, Any]]:
        for team in self.teams.values():
            record: dict[str, Any] = {
                "type": "team",
                "id": team.key,
                "name": team.name,
                "timezone": TIMEZONE,
                "business_hours": team.hours,
            }
            if team.holidays:
                record["holidays"] = [{"date": day.isoformat()} for day in _HOLIDAYS]
            yield record
        rng = random.Random(SEED + 1)
        for team in self.teams.values():
            for key in team.agent_keys:
                yield {
                    "type": "agent",
                    "id": key,
                    "name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
                    "team": team.key,
                    "hired_on": (FIRST_DAY - timedelta(days=rng.randrange(30, 2000))).isoformat(),
                }

    def presence_records(self) -> Iterator[dict[str, Any]]:
        """online / away (a break) / online / offline on the working days of the last weeks."""
        rng = random.Random(SEED + 2)
        for team in self.teams.values():
            for number, key in enumerate(team.agent_keys):
                late = number % 2 == 1
                for day in range(DAYS - PRESENCE_DAYS, DAYS):
                    if (day + number) % 7 == 0 or not team.spans(day):
                        continue  # the agent's day off, or the team is closed
                    opens = team.spans(day)[0][0]
                    start = opens + (5 * HOUR if late else 0) + rng.randrange(-600, 900)
                    brk = start + rng.randrange(3 * HOUR, 5 * HOUR)
                    back = brk + rng.randrange(20 * MINUTE, 60 * MINUTE)
                    stop = start + 8 * HOUR + rng.randrange(-20 * MINUTE, 40 * MINUTE)
                    for at, status in ((start, "online"), (brk, "away"), (back, "online")):
                        yield {
                            "type": "agent_status",
                            "agent": key,
                            "at": _iso(at),
                            "status": status,
                        }
                    yield {
                        "type": "agent_status",
                        "agent": key,
                        "at": _iso(stop),
                        "status": "offline",
                    }

    def conversation(self, number: int, start: int, customer: int, channel: str) -> dict[str, Any]:
        rng = self.rng
        segment = _segment(customer)
        team = self.teams[_team_for(channel, segment, rng)]
        vip = team.key == "vip"
        record: dict[str, Any] = {
            "source": "kpibench",
            "id": f"k{number:08d}",
            "channel": channel,
            "language": "vi",
            "priority": _priority(rng, vip=vip),
            "team": team.key,
            "tags": rng.sample(TAGS, rng.choice((1, 1, 1, 2))),
        }
        if customer >= 0:
            record["customer"] = {
                "id": f"cust{customer:08d}",
                "phones": [f"+849{customer:08d}"],
                "attributes": {"segment": segment},
            }
        order = 2_400_000 + rng.randrange(900_000)
        if channel == "phone":
            self._call(record, rng, start, team)
        else:
            self._written(record, rng, start, team, channel, order)
        return record

    # -- phone ------------------------------------------------------------------------------

    def _call(self, record: dict[str, Any], rng: random.Random, t: float, team: Team) -> None:
        if rng.random() < 0.06:
            self._outbound_call(record, rng, t, team)
            return
        busy = 1.0 if team.spans(int((t - EPOCH_FIRST) // DAY)) else 3.0
        wait = rng.expovariate(1 / (28 * busy))
        patience = rng.expovariate(1 / 240) if rng.random() < 0.8 else rng.uniform(0, 6)
        if patience < wait:  # the caller hung up in the queue
            record["calls"] = [
                {"team": team.key, "queued_at": _iso(t), "ended_at": _iso(t + patience)}
            ]
            return
        agent = rng.choice(team.pick)
        legs = [self._leg(rng, t, wait, team, agent)]
        final = agent
        if rng.random() < 0.07:  # transferred to a colleague: a second leg
            final = rng.choice(team.pick)
            legs[0]["outcome"] = "transferred"
            legs[0]["transferred_to"] = {"agent": final}
            legs.append(self._leg(rng, legs[0]["_end"], rng.uniform(3, 40), team, final))
        end = legs[-1]["_after"]
        for leg in legs:
            del leg["_end"], leg["_after"]
        record["calls"] = legs
        record["agent"] = final
        self._settle(record, rng, t, end, final, callback=rng.random() < 0.1)

    def _leg(
        self, rng: random.Random, t: float, wait: float, team: Team, agent: str
    ) -> dict[str, Any]:
        answered = t + wait
        talk = min(rng.lognormvariate(5.3, 0.7), 3600.0)
        leg: dict[str, Any] = {
            "agent": agent,
            "team": team.key,
            "queued_at": _iso(t),
            "ringing_at": _iso(max(t, answered - rng.uniform(1, 6))),
            "answered_at": _iso(answered),
        }
        at = answered
        holds = []
        for _ in range(rng.choice((0, 0, 0, 0, 0, 1, 1, 2))):
            at += rng.uniform(20, talk / 2)
            hold = rng.uniform(15, 150)
            holds.append({"start": _iso(at), "end": _iso(at + hold)})
            at += hold
        ended = at + rng.uniform(20, talk / 2)
        if holds:
            leg["holds"] = holds
        leg["ended_at"] = _iso(ended)
        after = ended
        if rng.random() < 0.95:
            after = ended + rng.uniform(10, 150) * self.agents[agent].speed
            leg["wrap_up_ended_at"] = _iso(after)
        leg["_end"], leg["_after"] = ended, after
        return leg

    def _outbound_call(
        self, record: dict[str, Any], rng: random.Random, t: float, team: Team
    ) -> None:
        agent = rng.choice(team.pick)
        record["direction"] = "outbound"
        record["agent"] = agent
        ring = rng.uniform(5, 25)
        if rng.random() < 0.25:
            record["calls"] = [
                {
                    "agent": agent,
                    "queued_at": _iso(t),
                    "ended_at": _iso(t + ring),
                    "outcome": "voicemail",
                }
            ]
            return
        end = t + ring + rng.lognormvariate(5.0, 0.6)
        record["calls"] = [
            {
                "agent": agent,
                "queued_at": _iso(t),
                "answered_at": _iso(t + ring),
                "ended_at": _iso(end),
                "wrap_up_ended_at": _iso(end + rng.uniform(10, 90)),
            }
        ]
        self._settle(record, rng, t, end, agent, callback=False)

    # -- written ----------------------------------------------------------------------------

    def _written(
        self,
        record: dict[str, Any],
        rng: random.Random,
        t: float,
        team: Team,
        channel: str,
        order: int,
    ) -> None:
        first_reply, next_reply, customer_gap = _PACE[channel]
        messages: list[dict[str, Any]] = []
        record["messages"] = messages

        def say(role: str, at: float, text: str, agent: str | None = None) -> None:
            message: dict[str, Any] = {"role": role, "at": _iso(at), "text": text}
            if agent is not None:
                message["agent"] = agent
            messages.append(message)

        def customer_turn(at: float) -> float:
            for _ in range(rng.choice((1, 1, 2))):
                say("customer", at, rng.choice(CUSTOMER_LINES).format(order=order, agent=""))
                at += rng.uniform(5, customer_gap / 20)
            return at

        at = customer_turn(t)
        if channel != "email" and rng.random() < 0.35:  # a bot answers first, then hands over
            at += rng.uniform(2, 8)
            say("bot", at, BOT_LINES[0])
            at = customer_turn(at + rng.uniform(10, 60))
            at += rng.uniform(2, 8)
            say("bot", at, BOT_LINES[1])
        if rng.random() < 0.03:  # nobody ever answered
            if rng.random() < 0.5:
                record["events"] = [{"type": "status", "at": _iso(at + DAY), "status": "closed"}]
            return
        agent = rng.choice(team.pick)
        speed = self.agents[agent].speed
        at = team.next_open(at) + rng.lognormvariate(0, 0.8) * first_reply * speed
        rounds = rng.choice((2, 3, 3, 4, 4, 5, 5, 6, 6, 8))
        transfer_at = rng.randrange(1, rounds + 1) if rounds > 1 and rng.random() < 0.05 else 0
        events: list[dict[str, Any]] = []
        for turn in range(1, rounds + 1):
            if turn == transfer_at:
                to = rng.choice(team.pick)
                events.append(
                    {"type": "transferred", "at": _iso(at - 1), "from_agent": agent, "to_agent": to}
                )
                agent, speed = to, self.agents[to].speed
            for _ in range(rng.choice((1, 1, 2))):
                say("agent", at, rng.choice(AGENT_LINES).format(order=order, agent=agent), agent)
                at += rng.uniform(5, 40)
            if turn == rounds:
                break
            at = customer_turn(at + rng.lognormvariate(0, 0.9) * customer_gap)
            at = team.next_open(at) + rng.lognormvariate(0, 0.7) * next_reply * speed
        if rng.random() < 0.05:
            say("agent", at + 30, rng.choice(NOTE_LINES), agent)
            messages[-1]["internal"] = True
        record["agent"] = agent
        if events:
            record["events"] = events
        self._settle(record, rng, t, at, agent, callback=False)

    # -- status and surveys -----------------------------------------------------------------

    def _settle(
        self,
        record: dict[str, Any],
        rng: random.Random,
        start: float,
        end: float,
        agent: str,
        *,
        callback: bool,
    ) -> None:
        """Status events and survey answers once the work is done."""
        events = record.setdefault("events", [])
        if rng.random() > (0.8 if callback else 0.88):
            if rng.random() < 0.5:
                events.append({"type": "status", "at": _iso(end + 60), "status": "pending"})
            return
        resolved = end + rng.uniform(30, 1800)
        events.append({"type": "status", "at": _iso(resolved), "status": "resolved"})
        if rng.random() < 0.06:  # the customer was not satisfied: reopened
            back = resolved + rng.uniform(HOUR, 3 * DAY)
            events.append({"type": "status", "at": _iso(back), "status": "open"})
            messages = record.get("messages")
            if messages is not None:
                messages.append({"role": "customer", "at": _iso(back), "text": CUSTOMER_LINES[3]})
                reply = back + rng.uniform(60, 4 * HOUR)
                messages.append(
                    {"role": "agent", "agent": agent, "at": _iso(reply), "text": AGENT_LINES[1]}
                )
                back = reply
            if rng.random() < 0.85:
                resolved = back + rng.uniform(60, HOUR)
                events.append({"type": "status", "at": _iso(resolved), "status": "resolved"})
            else:
                return
        if rng.random() < 0.3:
            events.append(
                {
                    "type": "status",
                    "at": _iso(resolved + rng.uniform(DAY, 3 * DAY)),
                    "status": "closed",
                }
            )
        quality = self.agents[agent].quality
        surveys = []
        answered = _iso(resolved + rng.uniform(60, DAY))
        if rng.random() < 0.3:
            csat = 5 if rng.random() < quality else rng.choice((1, 2, 3, 3, 4, 4, 4))
            surveys.append({"type": "csat", "score": csat, "at": answered})
        if rng.random() < 0.08:
            surveys.append(
                {
                    "type": "ces",
                    "score": max(1, min(7, round(rng.gauss(2 + 5 * quality, 1.2)))),
                    "at": answered,
                }
            )
        if rng.random() < 0.12:
            surveys.append(
                {
                    "type": "nps",
                    "score": max(0, min(10, round(rng.gauss(4 + 6 * quality, 2.0)))),
                    "at": answered,
                }
            )
        if surveys:
            record["surveys"] = surveys


# channel: (first reply, later replies, customer's time to answer), median seconds
_PACE = {
    "chat": (70.0, 45.0, 90.0),
    "zalo": (200.0, 120.0, 300.0),
    "facebook": (480.0, 240.0, 600.0),
    "email": (4 * HOUR, 3 * HOUR, 5 * HOUR),
}


def _segment(customer: int) -> str:
    if customer < 0:
        return "anonymous"
    if customer % 20 == 0:
        return "vip"
    return "new" if customer % 5 == 1 else "regular"


def _team_for(channel: str, segment: str, rng: random.Random) -> str:
    if segment == "vip" and rng.random() < 0.6:
        return "vip"
    if channel == "phone":
        return "hotline-hn" if rng.random() < 0.55 else "hotline-hcm"
    return {"chat": "chat", "zalo": "social", "facebook": "social", "email": "email"}[channel]


def _priority(rng: random.Random, *, vip: bool) -> str:
    draw = rng.random()
    if vip:
        return "urgent" if draw < 0.1 else "high" if draw < 0.7 else "normal"
    return "urgent" if draw < 0.01 else "high" if draw < 0.05 else "low" if draw < 0.1 else "normal"


def write_dataset(path: Path, conversations: int) -> Counts:
    """Write the whole data set (org, presence, then conversations in time order) to `path`."""
    generator = Generator()
    starts, customers, channels = plan(conversations)
    counts = Counts()
    names = generator.channels
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with path.open("w", encoding="utf-8") as handle:
        for record in generator.org_records():
            handle.write(dumps(record) + "\n")
        for record in generator.presence_records():
            handle.write(dumps(record) + "\n")
            counts.presence_events += 1
        lines = []
        for number, (start, customer, channel) in enumerate(
            zip(starts.tolist(), customers.tolist(), channels.tolist(), strict=True)
        ):
            record = generator.conversation(number, start, customer, names[channel])
            counts.messages += len(record.get("messages", ()))
            counts.calls += "calls" in record
            lines.append(dumps(record))
            if len(lines) >= 2000:
                handle.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            handle.write("\n".join(lines) + "\n")
    counts.conversations = conversations
    counts.bytes = path.stat().st_size
    return counts
