"""The KPI page: the registry's KPIs for a period, grouped, with a CSV export of every figure."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse, Response

from cxqa.deps import SettingsDep
from cxqa.kpis.api import KpiServiceDep
from cxqa.kpis.formatting import format_value
from cxqa.kpis.registry import KPIS, Kpi
from cxqa.kpis.service import build_query, json_ready
from cxqa.kpis.table import (
    DIMENSIONS,
    PERIODS,
    KpiQuery,
    Row,
    figures_of,
    group_label,
)
from cxqa.settings import Settings
from cxqa.web.pages import templates

router = APIRouter(include_in_schema=False)

# what a team lead looks at first; any other KPI can be ticked
DEFAULT_KPIS = (
    "conversations",
    "first_response_time",
    "response_time",
    "resolution_time",
    "handle_time",
    "sla_first_response",
    "fcr",
    "csat",
    "nps",
)


@dataclass(frozen=True)
class PageChoices:
    """What the page's form asks for, as query parameters (the same for the CSV export)."""

    by: str = ""
    period: str = ""
    first: str = ""
    last: str = ""
    kpi: tuple[str, ...] = ()
    team: str = ""
    channel: str = ""

    def query(self, settings: Settings) -> KpiQuery:
        try:
            return build_query(
                settings,
                by=[name for name in (self.by, self.period) if name],
                first_day=date.fromisoformat(self.first) if self.first else None,
                last_day=date.fromisoformat(self.last) if self.last else None,
                kpis=list(self.kpi) or list(DEFAULT_KPIS),
                filters=[(n, v) for n, v in (("team", self.team), ("channel", self.channel)) if v],
            )
        except ValueError as error:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(error)) from error


def page_choices(
    by: str = "",
    period: str = "",
    first: Annotated[str, Query(alias="from")] = "",
    last: Annotated[str, Query(alias="to")] = "",
    kpi: Annotated[list[str] | None, Query()] = None,
    team: str = "",
    channel: str = "",
) -> PageChoices:
    return PageChoices(by, period, first, last, tuple(kpi or ()), team, channel)


ChoicesDep = Annotated[PageChoices, Depends(page_choices)]


@router.get("/kpis", response_class=HTMLResponse)
def kpi_page(
    request: Request, service: KpiServiceDep, settings: SettingsDep, choices: ChoicesDep
) -> HTMLResponse:
    query = choices.query(settings)
    rows = service.table(query)
    asked = {"by": choices.by, "period": choices.period, "team": choices.team}
    asked["channel"] = choices.channel
    params = [(k, v) for k, v in asked.items() if v]
    params += [("from", query.first_day.isoformat()), ("to", query.last_day.isoformat())]
    params += [("kpi", k.name) for k in query.kpis]
    return templates.TemplateResponse(
        request,
        "kpis.html",
        {
            "timezone": settings.timezone,
            "query": query,
            "asked": asked,
            "kpis": query.kpis,
            "all_kpis": KPIS,
            "dimensions": DIMENSIONS,
            "periods": PERIODS,
            "rows": [_display(row, query) for row in rows],
            "csv_url": f"/kpis.csv?{urlencode(params)}",
        },
    )


@router.get("/kpis.csv")
def kpi_csv(service: KpiServiceDep, settings: SettingsDep, choices: ChoicesDep) -> Response:
    """Every figure of the KPIs on the page, one row per group, as the CLI's --format csv."""
    query = choices.query(settings)
    rows = json_ready(service.table(query))
    buffer = io.StringIO()
    names = list(rows[0]) if rows else [*query.by, *(f.name for f in figures_of(query.kpis))]
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    name = f"cxqa-kpis-{query.first_day}-{query.last_day}.csv"
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _display(row: Row, query: KpiQuery) -> dict[str, Any]:
    return {
        "keys": [group_label(row, name) for name in query.by],
        "values": [_cell(kpi, row) for kpi in query.kpis],
    }


def _cell(kpi: Kpi, row: Row) -> dict[str, str]:
    headline = kpi.headline
    count = row.get(f"{kpi.name}_count")
    return {
        "value": format_value(headline, row.get(headline.name)),
        "count": "" if count is None or headline.name.endswith("_count") else f"n = {count:,}",
    }
