"""Conversation read endpoints."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from cxqa.conversations.schemas import ConversationDetail, ConversationFilter, ConversationPage
from cxqa.conversations.service import InvalidCursorError, get_conversation, list_conversations
from cxqa.conversations.vocabulary import Channel, ConversationStatus
from cxqa.deps import SessionDep, SettingsDep

router = APIRouter(tags=["conversations"])


@router.get("/conversations", response_model=ConversationPage)
def list_conversations_route(
    session: SessionDep,
    settings: SettingsDep,
    channel: Channel | None = None,
    team: Annotated[str | None, Query(description="Team key.")] = None,
    agent: Annotated[str | None, Query(description="Agent key.")] = None,
    status_: Annotated[ConversationStatus | None, Query(alias="status")] = None,
    source: str | None = None,
    started_from: Annotated[
        date | None, Query(alias="from", description="First local day.")
    ] = None,
    started_to: Annotated[date | None, Query(alias="to", description="Last local day.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> ConversationPage:
    """Conversations newest first, filtered; follow `next_cursor` for more."""
    filters = ConversationFilter(
        channel=channel,
        team=team,
        agent=agent,
        status=status_,
        source=source,
        started_from=started_from,
        started_to=started_to,
    )
    try:
        return list_conversations(
            session, filters=filters, timezone=settings.timezone, limit=limit, cursor=cursor
        )
    except InvalidCursorError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(error)) from error


@router.get("/conversations/{conversation_id}", response_model=ConversationDetail)
def get_conversation_route(conversation_id: int, session: SessionDep) -> ConversationDetail:
    """One conversation with its messages, call legs, events, surveys and customer."""
    detail = get_conversation(session, conversation_id=conversation_id)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such conversation")
    return detail
