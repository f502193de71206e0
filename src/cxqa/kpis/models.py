"""Per-conversation measures, derived from the facts and kept beside them.

A roll-up, not a fact: every row can be rebuilt from the conversation's facts at any time, and
is rebuilt whenever the conversation's fingerprint changes. Nothing else writes these columns.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from cxqa.store.base import Base


class ConversationMeasure(Base):
    __tablename__ = "conversation_measures"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    # the conversation's fingerprint these measures were derived from; another means stale
    fingerprint: Mapped[str] = mapped_column(String(32))
    derived_at: Mapped[datetime]
    first_response_seconds: Mapped[float | None] = mapped_column(Float)
    first_response_business_seconds: Mapped[float | None] = mapped_column(Float)
    response_wait_count: Mapped[int] = mapped_column(SmallInteger)
    response_wait_total_seconds: Mapped[float] = mapped_column(Float)
    response_wait_max_seconds: Mapped[float | None] = mapped_column(Float)
    resolved: Mapped[bool] = mapped_column(Boolean)
    reopened: Mapped[bool] = mapped_column(Boolean)
    resolution_seconds: Mapped[float | None] = mapped_column(Float)
    resolution_business_seconds: Mapped[float | None] = mapped_column(Float)
    replies_to_resolve: Mapped[int | None]
    agent_replies: Mapped[int]
    talk_seconds: Mapped[float | None] = mapped_column(Float)
    hold_seconds: Mapped[float | None] = mapped_column(Float)
    wrap_up_seconds: Mapped[float | None] = mapped_column(Float)
    handle_seconds: Mapped[float | None] = mapped_column(Float)
    answered: Mapped[bool | None] = mapped_column(Boolean)
    answer_wait_seconds: Mapped[float | None] = mapped_column(Float)
    abandon_wait_seconds: Mapped[float | None] = mapped_column(Float)
    transfers: Mapped[int]
    csat: Mapped[int | None] = mapped_column(SmallInteger)
    ces: Mapped[int | None] = mapped_column(SmallInteger)
    nps: Mapped[int | None] = mapped_column(SmallInteger)
