"""KPI endpoints: the registry, and the same table `cxqa kpi --format json` prints."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel

from cxqa.deps import SettingsDep
from cxqa.kpis.registry import KPIS
from cxqa.kpis.service import KpiService, build_query, json_ready
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
