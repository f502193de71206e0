"""The four demo teams: who they are, when they are open, and how much each channel brings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from cxqa.demo.clock import TZ_NAME, Window, at
from cxqa.demo.holidays import holidays_between
from cxqa.ingest.schemas import WEEKDAYS, Channel, Holiday, TeamRecord

Hours = Mapping[str, tuple[tuple[str, str], ...]]

_EVERY_DAY_LATE: Hours = dict.fromkeys(WEEKDAYS, (("08:00", "22:00"),))
_HOTLINE: Hours = dict.fromkeys(WEEKDAYS[:6], (("08:00", "21:00"),))
_OFFICE: Hours = dict.fromkeys(WEEKDAYS[:5], (("08:00", "17:30"),)) | {"sat": (("08:00", "12:00"),)}


@dataclass(frozen=True)
class TeamSpec:
    """A team as the generator needs it; `volume` is conversations per weekday at scale 1."""

    id: str
    name: str
    brand: str
    hours: Hours
    shifts: tuple[tuple[str, str], ...]
    volume: Mapping[Channel, float]
    sunday_factor: float
    holidays: frozenset[date] = frozenset()
    # spans are asked for on every reply; computing them once per day keeps generation fast
    _spans: dict[date, list[tuple[datetime, datetime]]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def spans(self, day: date) -> list[tuple[datetime, datetime]]:
        """Opening spans of `day` as local datetimes; none on a holiday or a closed weekday."""
        found = self._spans.get(day)
        if found is None:
            hours = () if day in self.holidays else self.hours.get(WEEKDAYS[day.weekday()], ())
            found = self._spans[day] = [(at(day, a), at(day, b)) for a, b in hours]
        return found

    def is_open(self, moment: datetime) -> bool:
        return any(a <= moment < b for a, b in self.spans(moment.date()))

    def next_open(self, moment: datetime) -> datetime:
        """`moment` if the team is open then, else when it next opens (checked up to 3 weeks)."""
        for offset in range(21):
            for start, end in self.spans(moment.date() + timedelta(days=offset)):
                if moment < end:
                    return max(moment, start)
        raise AssertionError(f"team {self.id} is never open")

    def shift_spans(self, day: date) -> list[tuple[str, str]]:
        """The day's shifts; on a short day (Saturday office hours) one shift covers it."""
        spans = self.hours.get(WEEKDAYS[day.weekday()], ())
        if not spans or day in self.holidays:
            return []
        opens, closes = spans[0][0], spans[-1][1]
        fitting = [(a, b) for a, b in self.shifts if a >= opens and b <= closes]
        return fitting or [(opens, closes)]


SHOP = TeamSpec(
    id="cskh-shop",
    name="Chăm sóc khách hàng – Shop",
    brand="Sen Vàng",
    hours=_EVERY_DAY_LATE,
    shifts=(("08:00", "16:00"), ("14:00", "22:00")),
    volume={Channel.CHAT: 36, Channel.PHONE: 27, Channel.EMAIL: 5},
    sunday_factor=0.6,
)
DELIVERY = TeamSpec(
    id="giao-hang",
    name="Hotline Giao hàng",
    brand="Sen Vàng Express",
    hours=_HOTLINE,
    shifts=(("08:00", "16:00"), ("13:00", "21:00")),
    volume={Channel.PHONE: 40, Channel.ZALO: 11},
    sunday_factor=0.4,
)
SOCIAL = TeamSpec(
    id="mang-xa-hoi",
    name="Mạng xã hội (Facebook/Zalo)",
    brand="Sen Vàng",
    hours=_EVERY_DAY_LATE,
    shifts=(("08:00", "16:00"), ("14:00", "22:00")),
    volume={Channel.FACEBOOK: 31, Channel.ZALO: 16},
    sunday_factor=0.7,
)
BACK_OFFICE = TeamSpec(
    id="email-bo",
    name="Email & Back-office",
    brand="Sen Vàng",
    hours=_OFFICE,
    shifts=(("08:00", "17:30"),),
    volume={Channel.EMAIL: 18},
    sunday_factor=0.3,
)
BASE_TEAMS = (SHOP, DELIVERY, SOCIAL, BACK_OFFICE)


def teams_for(window: Window) -> tuple[TeamSpec, ...]:
    """The teams with the holidays of every year the window touches."""
    days = frozenset(holidays_between(window.years()))
    return tuple(replace(team, holidays=days) for team in BASE_TEAMS)


def team_record(team: TeamSpec, window: Window) -> TeamRecord:
    names = holidays_between(window.years())
    return TeamRecord(
        id=team.id,
        name=team.name,
        timezone=TZ_NAME,
        business_hours={day: list(spans) for day, spans in team.hours.items()},
        holidays=[Holiday(date=day, name=name) for day, name in sorted(names.items())],
    )
