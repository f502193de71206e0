"""Server-rendered pages. Customer text is untrusted: Jinja2 autoescapes every value."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxqa.conversations.schemas import ConversationFilter
from cxqa.conversations.service import (
    InvalidCursorError,
    count_conversations,
    get_conversation,
    list_conversations,
)
from cxqa.conversations.vocabulary import Channel, ConversationStatus
from cxqa.deps import SessionDep, SettingsDep
from cxqa.org.models import Agent, Team

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)


def _local(value: datetime | None, timezone: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "—" if value is None else value.astimezone(ZoneInfo(timezone)).strftime(fmt)


def _duration(start: datetime | None, end: datetime | None) -> str:
    if start is None or end is None:
        return "—"
    seconds = int((end - start).total_seconds())
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


templates.env.filters["duration"] = lambda pair: _duration(*pair)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/conversations", status_code=status.HTTP_302_FOUND)


@router.get("/conversations", response_class=HTMLResponse)
def conversations_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    channel: str = "",
    team: str = "",
    agent: str = "",
    status_: Annotated[str, Query(alias="status")] = "",
    started_from: Annotated[str, Query(alias="from")] = "",
    started_to: Annotated[str, Query(alias="to")] = "",
    cursor: str | None = None,
) -> HTMLResponse:
    raw = {
        "channel": channel,
        "team": team,
        "agent": agent,
        "status": status_,
        "from": started_from,
        "to": started_to,
    }
    try:
        filters = ConversationFilter(
            channel=channel or None,
            team=team or None,
            agent=agent or None,
            status=status_ or None,
            started_from=started_from or None,
            started_to=started_to or None,
        )
    except ValidationError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=_first_error(error)) from error
    try:
        page = list_conversations(
            session, filters=filters, timezone=settings.timezone, limit=50, cursor=cursor
        )
    except InvalidCursorError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(error)) from error
    total = count_conversations(session, filters=filters, timezone=settings.timezone)
    active = {key: value for key, value in raw.items() if value}
    next_url = f"?{urlencode(active | {'cursor': page.next_cursor})}" if page.next_cursor else None
    return templates.TemplateResponse(
        request,
        "conversations.html",
        {
            "page": page,
            "total": total,
            "filters": raw,
            "next_url": next_url,
            "first_url": f"?{urlencode(active)}" if cursor else None,
            "channels": [c.value for c in Channel],
            "statuses": [s.value for s in ConversationStatus],
            "teams": session.execute(select(Team.key, Team.name).order_by(Team.name)).all(),
            "agents": _agent_choices(session),
            "timezone": settings.timezone,
            "local": lambda value: _local(value, settings.timezone),
        },
    )


@router.get("/conversations/{conversation_id}", response_class=HTMLResponse)
def conversation_page(
    conversation_id: int, request: Request, session: SessionDep, settings: SettingsDep
) -> HTMLResponse:
    detail = get_conversation(session, conversation_id=conversation_id)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such conversation")
    return templates.TemplateResponse(
        request,
        "conversation.html",
        {
            "c": detail,
            "timezone": settings.timezone,
            "local": lambda value: _local(value, settings.timezone),
            "clock": lambda value: _local(value, settings.timezone, "%H:%M:%S"),
        },
    )


MAX_AGENT_CHOICES = 200


def _agent_choices(session: Session) -> list[tuple[str, str]] | None:
    """Agents for the filter's drop-down; None when there are too many to list (a large
    Twitter import has thousands), and the page asks for the agent's key instead."""
    rows = session.execute(
        select(Agent.key, Agent.name).order_by(Agent.name).limit(MAX_AGENT_CHOICES + 1)
    ).all()
    if len(rows) > MAX_AGENT_CHOICES:
        return None
    return [(key, name) for key, name in rows]


def _first_error(error: ValidationError) -> str:
    problem: dict[str, Any] = dict(error.errors(include_url=False)[0])
    where = ".".join(str(part) for part in problem["loc"])
    return f"{where}: {problem['msg']}"


__all__ = ["STATIC_DIR", "router"]
