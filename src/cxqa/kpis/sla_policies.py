"""Keeping SLA policies: business-time targets per channel and priority.

Changing a policy changes the basis every conversation's measures were derived on, so the next
KPI request derives them all again (see cxqa.kpis.derive)."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from cxqa.conversations.vocabulary import Channel, Priority
from cxqa.kpis.models import SlaPolicy
from cxqa.kpis.sla import precedence
from cxqa.store.db import transaction


class SlaPolicyIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    channel: Channel | None = Field(default=None, description="None: every channel.")
    priority: Priority | None = Field(default=None, description="None: every priority.")
    first_response_seconds: float | None = Field(
        default=None, ge=0, description="First-response target in business seconds."
    )
    resolution_seconds: float | None = Field(
        default=None, ge=0, description="Resolution target in business seconds."
    )

    @model_validator(mode="after")
    def _has_a_target(self) -> SlaPolicyIn:
        if self.first_response_seconds is None and self.resolution_seconds is None:
            raise ValueError("give a first-response target, a resolution target or both")
        return self


class SlaPolicyOut(SlaPolicyIn):
    id: int


def list_policies(session: Session) -> list[SlaPolicyOut]:
    """Most specific first: the order in which they are tried (see cxqa.kpis.sla)."""
    policies = session.scalars(select(SlaPolicy)).all()
    ordered = sorted(policies, key=lambda p: precedence(p.channel, p.priority, p.id))
    return [SlaPolicyOut.model_validate(policy, from_attributes=True) for policy in ordered]


def save_policy(session: Session, policy: SlaPolicyIn) -> SlaPolicyOut:
    """Create the policy, or replace the targets of the one with the same name."""
    row = session.scalar(select(SlaPolicy).where(SlaPolicy.name == policy.name))
    if row is None:
        row = SlaPolicy(name=policy.name, created_at=datetime.now(UTC))
        session.add(row)
    row.channel = None if policy.channel is None else policy.channel.value
    row.priority = None if policy.priority is None else policy.priority.value
    row.first_response_seconds = policy.first_response_seconds
    row.resolution_seconds = policy.resolution_seconds
    session.flush()
    return SlaPolicyOut.model_validate(row, from_attributes=True)


def remove_policy(session: Session, name: str) -> bool:
    row = session.scalar(select(SlaPolicy).where(SlaPolicy.name == name))
    if row is None:
        return False
    session.delete(row)
    return True


HOUR = 3600.0
DEMO_POLICIES = (
    SlaPolicyIn(
        name="Chat", channel=Channel.CHAT, first_response_seconds=120, resolution_seconds=4 * HOUR
    ),
    SlaPolicyIn(
        name="Zalo", channel=Channel.ZALO, first_response_seconds=300, resolution_seconds=8 * HOUR
    ),
    SlaPolicyIn(
        name="Facebook",
        channel=Channel.FACEBOOK,
        first_response_seconds=15 * 60,
        resolution_seconds=8 * HOUR,
    ),
    SlaPolicyIn(
        name="E-mail",
        channel=Channel.EMAIL,
        first_response_seconds=4 * HOUR,
        resolution_seconds=16 * HOUR,
    ),
    SlaPolicyIn(
        name="Urgent", priority=Priority.URGENT, first_response_seconds=60, resolution_seconds=HOUR
    ),
)


def add_demo_sla_policies(engine: Engine) -> None:
    with transaction(engine) as session:
        for policy in DEMO_POLICIES:
            save_policy(session, policy)
