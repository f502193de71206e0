"""KPI endpoints: the registry, and the same table `cxqa kpi --format json` prints."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel

from cxqa.deps import SessionDep, SettingsDep
from cxqa.kpis.compare import Comparison, compare_periods
from cxqa.kpis.goals import (
    GoalIn,
    GoalProgress,
    create_goal,
    goal_progress,
    list_goals,
    remove_goal,
)
from cxqa.kpis.registry import KPIS
from cxqa.kpis.service import KpiService, build_query, json_ready, today_in
from cxqa.kpis.sla_policies import (
    SlaPolicyIn,
    SlaPolicyOut,
    list_policies,
    remove_policy,
    save_policy,
)
from cxqa.kpis.table import GROUPINGS

router = APIRouter(tags=["kpis"])


def get_kpi_service(request: Request) -> KpiService:
    service: KpiService = request.app.state.kpis
    return service


KpiServiceDep = Annotated[KpiService, Depends(get_kpi_service)]


class FigureOut(BaseModel):
    name: str
    unit: str


class KpiOut(BaseModel):
    name: str
    label_en: str
    label_vi: str
    unit: str
    direction: str
    help: str
    source: str
    figures: list[FigureOut]


@router.get("/kpis/definitions", response_model=list[KpiOut])
def kpi_definitions() -> list[KpiOut]:
    """Every KPI: labels in English and Vietnamese, unit, which direction is better, help,
    and the figures reported for it (docs/metrics.md has the full definitions)."""
    return [
        KpiOut(
            name=kpi.name,
            label_en=kpi.label_en,
            label_vi=kpi.label_vi,
            unit=kpi.unit.value,
            direction=kpi.direction.value,
            help=kpi.help,
            source=kpi.source.value,
            figures=[FigureOut(name=f.name, unit=f.unit.value) for f in kpi.figures],
        )
        for kpi in KPIS
    ]


@router.get("/kpis")
def kpi_rows(
    service: KpiServiceDep,
    settings: SettingsDep,
    by: Annotated[
        list[str] | None, Query(description=f"Group by: {', '.join(GROUPINGS)}; repeat.")
    ] = None,
    first_day: Annotated[date | None, Query(alias="from", description="First local day.")] = None,
    last_day: Annotated[date | None, Query(alias="to", description="Last local day.")] = None,
    kpi: Annotated[list[str] | None, Query(description="KPI names; default: all.")] = None,
    team: Annotated[str | None, Query(description="Only this team (key).")] = None,
    agent: Annotated[str | None, Query(description="Only this agent (key).")] = None,
    channel: str | None = None,
    priority: str | None = None,
    tag: str | None = None,
    segment: Annotated[str | None, Query(description="Customer segment.")] = None,
) -> list[dict[str, Any]]:
    """The KPI table: one row per group, the group keys then one field per figure (durations
    in seconds, rates with their counts). Same numbers as `cxqa kpi --format json`."""
    given = {
        "team": team,
        "agent": agent,
        "channel": channel,
        "priority": priority,
        "tag": tag,
        "segment": segment,
    }
    try:
        query = build_query(
            settings,
            by=by or [],
            first_day=first_day,
            last_day=last_day,
            kpis=kpi,
            filters=[(name, value) for name, value in given.items() if value is not None],
        )
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(error)) from error
    return json_ready(service.table(query))


@router.get("/kpis/compare", response_model=list[Comparison])
def compare_route(
    service: KpiServiceDep,
    settings: SettingsDep,
    before_from: date,
    before_to: date,
    after_from: date,
    after_to: date,
    kpi: Annotated[list[str] | None, Query(description="KPI names; default: all.")] = None,
    team: str | None = None,
    agent: str | None = None,
    channel: str | None = None,
    alpha: Annotated[float, Query(ge=0.001, le=0.5)] = 0.05,
) -> list[Comparison]:
    """Each KPI's headline figure in two periods, the change, and whether it is statistically
    significant (the test fits the KPI; see docs/metrics.md). Same as `cxqa compare`."""
    filters = [(n, v) for n, v in (("team", team), ("agent", agent), ("channel", channel)) if v]
    try:
        before = build_query(
            settings, first_day=before_from, last_day=before_to, kpis=kpi, filters=filters
        )
        after = build_query(
            settings, first_day=after_from, last_day=after_to, kpis=kpi, filters=filters
        )
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(error)) from error
    service.refresh()
    comparisons = compare_periods(
        service.data, before, after, rules=service.rules, as_of=datetime.now(UTC), alpha=alpha
    )
    return comparisons


@router.get("/sla-policies", response_model=list[SlaPolicyOut])
def list_sla_policies(session: SessionDep) -> list[SlaPolicyOut]:
    """SLA policies: business-time targets per channel and priority."""
    return list_policies(session)


@router.put("/sla-policies", response_model=SlaPolicyOut)
def put_sla_policy(
    policy: SlaPolicyIn, session: SessionDep, service: KpiServiceDep
) -> SlaPolicyOut:
    """Create a policy, or replace the targets of the one with the same name. Every
    conversation is measured against the policies again before KPIs next answer."""
    saved = save_policy(session, policy)
    service.mark_stale()
    return saved


@router.delete("/sla-policies/{name}", status_code=status.HTTP_204_NO_CONTENT)
def delete_sla_policy(name: str, session: SessionDep, service: KpiServiceDep) -> None:
    if not remove_policy(session, name):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no SLA policy {name!r}")
    service.mark_stale()


@router.get("/goals", response_model=list[GoalProgress])
def list_goals_route(
    session: SessionDep, service: KpiServiceDep, settings: SettingsDep
) -> list[GoalProgress]:
    """Every goal with its progress, trend, projection at the deadline and status."""
    today = today_in(settings)
    return [goal_progress(service, goal, today=today) for goal in list_goals(session)]


@router.post("/goals", response_model=GoalProgress, status_code=status.HTTP_201_CREATED)
def create_goal_route(
    goal: GoalIn, session: SessionDep, service: KpiServiceDep, settings: SettingsDep
) -> GoalProgress:
    """Set a goal; a relative target (target_change_pct) is applied to the measured baseline."""
    try:
        row = create_goal(session, service, goal)
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(error)) from error
    return goal_progress(service, row, today=today_in(settings))


@router.delete("/goals/{goal_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_goal_route(goal_id: int, session: SessionDep) -> None:
    if not remove_goal(session, goal_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no goal {goal_id}")
