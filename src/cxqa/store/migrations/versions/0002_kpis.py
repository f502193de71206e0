"""KPIs: SLA outcomes and every response wait on measures, SLA policies, goals

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import cxqa.store.base

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MEASURE_COLUMNS: tuple[sa.Column[Any], ...] = (
    # measures derived before this revision have basis '' and are derived again
    sa.Column("basis", sa.String(length=16), nullable=False, server_default=""),
    sa.Column("first_response_started_at", cxqa.store.base.UTCDateTime(), nullable=True),
    sa.Column("response_waits", sa.Text(), nullable=False, server_default=""),
    sa.Column("sla_policy_id", sa.Integer(), nullable=True),
    sa.Column("sla_first_response_due_at", cxqa.store.base.UTCDateTime(), nullable=True),
    sa.Column("sla_first_response_met", sa.Boolean(), nullable=True),
    sa.Column("sla_resolution_due_at", cxqa.store.base.UTCDateTime(), nullable=True),
    sa.Column("sla_resolution_met", sa.Boolean(), nullable=True),
)


def upgrade() -> None:
    for column in _MEASURE_COLUMNS:
        op.add_column("conversation_measures", column)
    op.create_index(
        op.f("ix_conversation_measures_derived_at"),
        "conversation_measures",
        ["derived_at"],
        unique=False,
    )
    op.create_table(
        "sla_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=True),
        sa.Column("priority", sa.String(length=8), nullable=True),
        sa.Column("first_response_seconds", sa.Float(), nullable=True),
        sa.Column("resolution_seconds", sa.Float(), nullable=True),
        sa.Column("created_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_policies")),
        sa.UniqueConstraint("name", name=op.f("uq_sla_policies_name")),
    )
    op.create_table(
        "kpi_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("figure", sa.String(length=100), nullable=False),
        sa.Column("scope_kind", sa.String(length=16), nullable=True),
        sa.Column("scope_key", sa.String(length=200), nullable=True),
        sa.Column("baseline_from", sa.Date(), nullable=False),
        sa.Column("baseline_to", sa.Date(), nullable=False),
        sa.Column("baseline_value", sa.Float(), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=False),
        sa.Column("target_change_pct", sa.Float(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("created_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_goals")),
    )


def downgrade() -> None:
    op.drop_table("kpi_goals")
    op.drop_table("sla_policies")
    op.drop_index(op.f("ix_conversation_measures_derived_at"), table_name="conversation_measures")
    with op.batch_alter_table("conversation_measures") as batch:
        for column in reversed(_MEASURE_COLUMNS):
            batch.drop_column(column.name)
