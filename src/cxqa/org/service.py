"""Reading teams' calendars from the store."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxqa.org.business_time import BusinessCalendar
from cxqa.org.models import Team, TeamHoliday


def team_calendars_by_id(session: Session) -> dict[int, BusinessCalendar]:
    """Every team's business calendar (time zone, weekly hours, holidays), by team id."""
    holidays: dict[int, set[date]] = {}
    for team_id, day in session.execute(select(TeamHoliday.team_id, TeamHoliday.day)):
        holidays.setdefault(team_id, set()).add(day)
    return {
        team.id: BusinessCalendar(
            timezone=team.timezone,
            hours=team.business_hours,
            holidays=frozenset(holidays.get(team.id, ())),
        )
        for team in session.scalars(select(Team))
    }


def team_calendars(session: Session) -> dict[str, BusinessCalendar]:
    """The same calendars by team key."""
    keys = dict(session.execute(select(Team.id, Team.key)).all())
    return {keys[team_id]: calendar for team_id, calendar in team_calendars_by_id(session).items()}
