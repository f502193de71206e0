"""The agents: who they are and how each one behaves, so QA findings have a cause to find."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cxqa.demo.clock import Window
from cxqa.demo.names import Gender, Person, vietnamese_person
from cxqa.ingest.schemas import AgentRecord

Archetype = Literal[
    "excellent", "resolver", "steady", "slow", "skips_courtesy", "curt", "new_hire", "leaver"
]

EMAIL_DOMAIN = "senvang.vn"


@dataclass(frozen=True)
class Traits:
    """Chances per conversation, except `speed`: a multiplier on every delay the agent causes."""

    greets: float
    closes: float
    empathy: float  # apologises to an upset customer
    speed: float
    fcr: float  # resolves the issue in the first contact
    accuracy: float  # 1 - chance of a visible mistake (wrong order, wrong information)


ARCHETYPES: dict[Archetype, Traits] = {
    "excellent": Traits(greets=0.99, closes=0.97, empathy=0.95, speed=0.7, fcr=0.9, accuracy=0.99),
    "resolver": Traits(greets=0.9, closes=0.85, empathy=0.7, speed=0.9, fcr=0.95, accuracy=0.98),
    "steady": Traits(greets=0.95, closes=0.88, empathy=0.75, speed=1.0, fcr=0.8, accuracy=0.96),
    "slow": Traits(greets=0.92, closes=0.85, empathy=0.7, speed=3.5, fcr=0.72, accuracy=0.95),
    "skips_courtesy": Traits(
        greets=0.3, closes=0.25, empathy=0.35, speed=0.9, fcr=0.78, accuracy=0.96
    ),
    "curt": Traits(greets=0.03, closes=0.03, empathy=0.02, speed=1.3, fcr=0.5, accuracy=0.9),
    "new_hire": Traits(greets=0.9, closes=0.75, empathy=0.6, speed=1.9, fcr=0.55, accuracy=0.75),
    "leaver": Traits(greets=0.85, closes=0.7, empathy=0.55, speed=1.4, fcr=0.7, accuracy=0.93),
}

# Who sits in each team. Names are shuffled by the seed; the mix is fixed so every seed has the
# same findings (the curt agent answers the busy delivery hotline, where customers notice).
TEAM_SLOTS: dict[str, tuple[Archetype, ...]] = {
    "cskh-shop": (
        "excellent",
        "excellent",
        "resolver",
        "slow",
        "skips_courtesy",
        "new_hire",
        "leaver",
        *(("steady",) * 5),
    ),
    "giao-hang": (
        "excellent",
        "curt",
        "slow",
        "skips_courtesy",
        "new_hire",
        "leaver",
        "resolver",
        *(("steady",) * 5),
    ),
    "mang-xa-hoi": ("excellent", "slow", "skips_courtesy", "new_hire", *(("steady",) * 5)),
    "email-bo": ("excellent", "resolver", "slow", *(("steady",) * 4)),
}


@dataclass(frozen=True)
class AgentProfile:
    """One agent's identity and behaviour, fixed for the whole data set."""

    key: str
    person: Person
    team: str
    archetype: Archetype
    traits: Traits
    hired_on: date
    left_on: date | None
    index: int  # position in the roster; rotates shifts and days off

    @property
    def name(self) -> str:
        return self.person.full

    @property
    def given(self) -> str:
        return self.person.given

    @property
    def gender(self) -> Gender:
        return self.person.gender

    @property
    def email(self) -> str:
        return f"{self.key}@{EMAIL_DOMAIN}"

    @property
    def curt(self) -> bool:
        return self.archetype == "curt"

    @property
    def new_hire(self) -> bool:
        return self.archetype == "new_hire"

    def employed_on(self, day: date) -> bool:
        return self.hired_on <= day and (self.left_on is None or day <= self.left_on)


def _jitter(rng: random.Random, traits: Traits) -> Traits:
    """Small personal differences so two 'steady' agents do not score identically."""

    def chance(value: float) -> float:
        return min(1.0, max(0.0, value + rng.uniform(-0.04, 0.04)))

    return Traits(
        greets=chance(traits.greets),
        closes=chance(traits.closes),
        empathy=chance(traits.empathy),
        speed=traits.speed * rng.uniform(0.9, 1.1),
        fcr=chance(traits.fcr),
        accuracy=chance(traits.accuracy),
    )


def _employment(
    rng: random.Random, archetype: Archetype, window: Window
) -> tuple[date, date | None]:
    """Hire date, and the last working day of someone who left during the window."""
    if archetype == "new_hire":
        offset = round(window.days * rng.uniform(0.2, 0.55))
        return window.start + timedelta(days=offset), None
    hired = window.start - timedelta(days=rng.randint(200, 2200))
    if archetype == "leaver":
        return hired, window.start + timedelta(days=round(window.days * rng.uniform(0.35, 0.7)))
    return hired, None


def _unique_people(rng: random.Random, count: int) -> list[Person]:
    """People whose login slugs ('lan.nguyen') differ, about two thirds of them women."""
    people: list[Person] = []
    slugs: set[str] = set()
    while len(people) < count:
        person = vietnamese_person(rng, "f" if rng.random() < 0.65 else "m")
        if person.slug not in slugs:
            slugs.add(person.slug)
            people.append(person)
    return people


def build_roster(seed: int, window: Window) -> tuple[AgentProfile, ...]:
    """Every agent of every team, in team order; the same seed and window give the same roster."""
    rng = random.Random(f"{seed}:roster")
    slots = [(team, archetype) for team, kinds in TEAM_SLOTS.items() for archetype in kinds]
    people = _unique_people(rng, len(slots))
    roster = []
    for index, ((team, archetype), person) in enumerate(zip(slots, people, strict=True)):
        hired_on, left_on = _employment(rng, archetype, window)
        traits = _jitter(rng, ARCHETYPES[archetype])
        roster.append(
            AgentProfile(
                key=person.slug,
                person=person,
                team=team,
                archetype=archetype,
                traits=traits,
                hired_on=hired_on,
                left_on=left_on,
                index=index,
            )
        )
    return tuple(roster)


def agent_record(agent: AgentProfile) -> AgentRecord:
    return AgentRecord(
        id=agent.key,
        name=agent.name,
        email=agent.email,
        team=agent.team,
        hired_on=agent.hired_on,
        employment="left" if agent.left_on is not None else "active",
    )
