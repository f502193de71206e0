"""Goals: a target on one KPI figure, for the workspace or one team, agent or channel, by a
deadline — with progress, the current trend and whether it is on track.

The baseline is measured once, when the goal is set, over a baseline period (by default the
same number of days just before the goal starts), so later changes to history do not move the
goal posts. A relative target ("-20 %") becomes an absolute one against that baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxqa.kpis.models import KpiGoal
from cxqa.kpis.registry import FIGURE_BY_NAME, Direction, Kind, Unit
from cxqa.kpis.service import KpiService
from cxqa.kpis.table import DIMENSIONS, KpiQuery
from cxqa.kpis.trend import fit_trend


class GoalIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    figure: str = Field(description="A KPI figure, e.g. first_response_time_median or csat_pct.")
    scope_kind: str | None = Field(default=None, description="team, agent, channel, ...")
    scope_key: str | None = None
    target_value: float | None = Field(default=None, description="The value to reach.")
    target_change_pct: float | None = Field(
        default=None, description="Or the change to reach against the baseline, e.g. -20."
    )
    starts_on: date
    deadline: date
    baseline_from: date | None = None
    baseline_to: date | None = None

    @model_validator(mode="after")
    def _consistent(self) -> GoalIn:
        if self.figure not in FIGURE_BY_NAME:
            raise ValueError(f"unknown KPI figure {self.figure!r}")
        kpi, figure = FIGURE_BY_NAME[self.figure]
        if figure.unit is Unit.COUNT and kpi.kind is not Kind.RATIO:
            # a count grows with the length of the period, so no trend can say where it lands
            raise ValueError(
                f"{self.figure} is a count; set goals on a duration, rate, score or ratio"
            )
        if (self.baseline_from is None) != (self.baseline_to is None):
            raise ValueError("give both ends of the baseline period, or neither")
        if self.target_value is not None:
            _check_reachable(self.figure, self.target_value)
        if (self.target_value is None) == (self.target_change_pct is None):
            raise ValueError("give either a target value or a target change in %")
        if self.deadline < self.starts_on:
            raise ValueError("the deadline is before the start")
        if (self.scope_kind is None) != (self.scope_key is None):
            raise ValueError("give both the scope kind and its key, or neither")
        if self.scope_kind is not None and self.scope_kind not in DIMENSIONS:
            raise ValueError(f"scope must be one of {', '.join(DIMENSIONS)}")
        return self


@dataclass(frozen=True)
class GoalProgress:
    id: int
    name: str
    figure: str
    scope: str
    baseline_from: date
    baseline_to: date
    baseline_value: float | None
    target_value: float
    target_change_pct: float | None
    starts_on: date
    deadline: date
    current_value: float | None
    progress_pct: float | None  # share of the way from baseline to target, 0-100+
    trend_per_week: float | None
    projected_value: float | None  # where the trend lands at the deadline
    status: str  # achieved, missed, on track, off track, no data


def create_goal(session: Session, service: KpiService, goal: GoalIn) -> KpiGoal:
    """Store a goal with its measured baseline; ValueError when there is no baseline to
    measure a relative target against."""
    first, last = _baseline_period(goal)
    query = _query(goal.figure, goal.scope_kind, goal.scope_key, first, last)
    baseline = service.table(query)[0].get(goal.figure)
    target = goal.target_value
    if target is None:
        if baseline is None:
            raise ValueError(
                f"no {goal.figure} between {first} and {last} to apply "
                f"{goal.target_change_pct:+g} % to"
            )
        target = baseline * (1 + (goal.target_change_pct or 0) / 100)
        _check_reachable(goal.figure, target)
    row = KpiGoal(
        name=goal.name,
        figure=goal.figure,
        scope_kind=goal.scope_kind,
        scope_key=goal.scope_key,
        baseline_from=first,
        baseline_to=last,
        baseline_value=baseline,
        target_value=target,
        target_change_pct=goal.target_change_pct,
        starts_on=goal.starts_on,
        deadline=goal.deadline,
        created_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    return row


_BOUNDS = {Unit.PERCENT: (0.0, 100.0), Unit.SECONDS: (0.0, float("inf"))}


def _check_reachable(figure_name: str, target: float) -> None:
    kpi, figure = FIGURE_BY_NAME[figure_name]
    low, high = (-100.0, 100.0) if kpi.kind is Kind.NPS else _BOUNDS.get(figure.unit, (0, 1e18))
    if kpi.kind is Kind.RATIO and figure.unit is Unit.PERCENT:
        high = float("inf")  # occupancy of several chats at once can pass 100 %
    if not low <= target <= high:
        raise ValueError(f"a target of {target:g} for {figure_name} is out of reach")


def list_goals(session: Session) -> list[KpiGoal]:
    return list(session.scalars(select(KpiGoal).order_by(KpiGoal.deadline, KpiGoal.id)))


def remove_goal(session: Session, goal_id: int) -> bool:
    row = session.get(KpiGoal, goal_id)
    if row is None:
        return False
    session.delete(row)
    return True


def goal_progress(service: KpiService, goal: KpiGoal, *, today: date) -> GoalProgress:
    """Where the goal stands on `today`: the figure from its start to today (or the deadline),
    the weekly trend since the start, and the trend projected to the deadline."""
    end = min(today, goal.deadline)
    current = None
    weekly: list[tuple[float, float]] = []
    if end >= goal.starts_on:
        query = _query(goal.figure, goal.scope_kind, goal.scope_key, goal.starts_on, end)
        current = service.table(query)[0].get(goal.figure)
        for row in service.table(replace(query, by=("week",))):
            value = row.get(goal.figure)
            if value is not None:
                # the middle of the week, so that the trend is not biased a half week early
                middle = row["week"] + timedelta(days=3)
                weekly.append(((middle - goal.starts_on).days, float(value)))
    trend = fit_trend(weekly)
    horizon = (goal.deadline - goal.starts_on).days
    projected = trend.value_on(horizon) if trend else None
    return GoalProgress(
        id=goal.id,
        name=goal.name,
        figure=goal.figure,
        scope="workspace" if goal.scope_kind is None else f"{goal.scope_kind} {goal.scope_key}",
        baseline_from=goal.baseline_from,
        baseline_to=goal.baseline_to,
        baseline_value=goal.baseline_value,
        target_value=goal.target_value,
        target_change_pct=goal.target_change_pct,
        starts_on=goal.starts_on,
        deadline=goal.deadline,
        current_value=current,
        progress_pct=_progress(goal.baseline_value, goal.target_value, current),
        trend_per_week=None if trend is None else trend.slope_per_day * 7,
        projected_value=projected,
        status=_status(goal, current, projected, today),
    )


def _status(goal: KpiGoal, current: float | None, projected: float | None, today: date) -> str:
    if current is None:
        return "no data"
    if today > goal.deadline:
        return "achieved" if _meets(goal, current) else "missed"
    # with a trend, where it lands decides; without one (under three weeks), where it stands
    return "on track" if _meets(goal, current if projected is None else projected) else "off track"


def _meets(goal: KpiGoal, value: float) -> bool:
    """Whether `value` is at the target or beyond it, in the direction the goal asks for."""
    return value <= goal.target_value if _wants_lower(goal) else value >= goal.target_value


def _wants_lower(goal: KpiGoal) -> bool:
    if goal.baseline_value is not None and goal.baseline_value != goal.target_value:
        return goal.target_value < goal.baseline_value
    kpi, _ = FIGURE_BY_NAME[goal.figure]
    return kpi.direction is Direction.LOWER


def _progress(baseline: float | None, target: float, current: float | None) -> float | None:
    if baseline is None or current is None or baseline == target:
        return None
    return 100.0 * (current - baseline) / (target - baseline)


def _baseline_period(goal: GoalIn) -> tuple[date, date]:
    if goal.baseline_from and goal.baseline_to:
        return goal.baseline_from, goal.baseline_to
    length = (goal.deadline - goal.starts_on).days + 1
    last = goal.starts_on - timedelta(days=1)
    return last - timedelta(days=length - 1), last


def _query(
    figure: str,
    scope_kind: str | None,
    scope_key: str | None,
    first: date,
    last: date,
) -> KpiQuery:
    kpi, _ = FIGURE_BY_NAME[figure]
    filters = () if scope_kind is None or scope_key is None else ((scope_kind, scope_key),)
    return KpiQuery(first_day=first, last_day=last, kpis=(kpi,), filters=filters)
