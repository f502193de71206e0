"""initial store

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import cxqa.store.base

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("acquisition_source", sa.String(length=200), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("first_seen_at", cxqa.store.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("key", name=op.f("uq_customers_key")),
    )
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=1000), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("started_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("finished_at", cxqa.store.base.UTCDateTime(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("records_read", sa.Integer(), nullable=False),
        sa.Column("conversations_created", sa.Integer(), nullable=False),
        sa.Column("conversations_updated", sa.Integer(), nullable=False),
        sa.Column("conversations_unchanged", sa.Integer(), nullable=False),
        sa.Column("messages_written", sa.Integer(), nullable=False),
        sa.Column("records_skipped", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("business_hours", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("key", name=op.f("uq_teams_key")),
    )
    op.create_table(
        "agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("hired_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("employment", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_agents_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
        sa.UniqueConstraint("key", name=op.f("uq_agents_key")),
    )
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agents_team_id"), ["team_id"], unique=False)

    op.create_table(
        "customer_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_identities_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_identities")),
        sa.UniqueConstraint(
            "customer_id",
            "kind",
            "value",
            name=op.f("uq_customer_identities_customer_id_kind_value"),
        ),
    )
    with op.batch_alter_table("customer_identities", schema=None) as batch_op:
        batch_op.create_index("ix_customer_identities_kind_value", ["kind", "value"], unique=False)

    op.create_table(
        "customer_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=False),
        sa.Column("placed_at", cxqa.store.base.UTCDateTime(), nullable=True),
        sa.Column("total", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("status", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_orders_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_orders")),
        sa.UniqueConstraint("customer_id", "ref", name=op.f("uq_customer_orders_customer_id_ref")),
    )
    op.create_table(
        "import_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("field", sa.Text(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["import_runs.id"],
            name=op.f("fk_import_errors_run_id_import_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_errors")),
    )
    with op.batch_alter_table("import_errors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_errors_run_id"), ["run_id"], unique=False)

    op.create_table(
        "team_holidays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_holidays_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_holidays")),
        sa.UniqueConstraint("team_id", "day", name=op.f("uq_team_holidays_team_id_day")),
    )
    op.create_table(
        "agent_status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_agent_status_events_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_status_events")),
        sa.UniqueConstraint(
            "agent_id",
            "occurred_at",
            "status",
            name=op.f("uq_agent_status_events_agent_id_occurred_at_status"),
        ),
    )
    with op.batch_alter_table("agent_status_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_agent_status_events_agent_time", ["agent_id", "occurred_at"], unique=False
        )

    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("priority", sa.String(length=8), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("started_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("last_activity_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("imported_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_conversations_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_conversations_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_conversations_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
        sa.UniqueConstraint(
            "source", "external_id", name=op.f("uq_conversations_source_external_id")
        ),
    )
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_conversations_agent_started_at", ["agent_id", "started_at"], unique=False
        )
        batch_op.create_index(
            "ix_conversations_channel_started_at", ["channel", "started_at"], unique=False
        )
        batch_op.create_index("ix_conversations_customer", ["customer_id"], unique=False)
        batch_op.create_index("ix_conversations_started_at", ["started_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_conversations_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_conversations_team_started_at", ["team_id", "started_at"], unique=False
        )

    op.create_table(
        "call_legs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("queued_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("ringing_at", cxqa.store.base.UTCDateTime(), nullable=True),
        sa.Column("answered_at", cxqa.store.base.UTCDateTime(), nullable=True),
        sa.Column("ended_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("wrap_up_ended_at", cxqa.store.base.UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("transferred_to_agent_id", sa.Integer(), nullable=True),
        sa.Column("transferred_to_team_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_call_legs_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_call_legs_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_call_legs_team_id_teams")),
        sa.ForeignKeyConstraint(
            ["transferred_to_agent_id"],
            ["agents.id"],
            name=op.f("fk_call_legs_transferred_to_agent_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["transferred_to_team_id"],
            ["teams.id"],
            name=op.f("fk_call_legs_transferred_to_team_id_teams"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_legs")),
        sa.UniqueConstraint(
            "conversation_id", "seq", name=op.f("uq_call_legs_conversation_id_seq")
        ),
    )
    with op.batch_alter_table("call_legs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_legs_agent_id"), ["agent_id"], unique=False)

    op.create_table(
        "conversation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("occurred_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("from_agent_id", sa.Integer(), nullable=True),
        sa.Column("to_agent_id", sa.Integer(), nullable=True),
        sa.Column("from_team_id", sa.Integer(), nullable=True),
        sa.Column("to_team_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_events_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_agent_id"],
            ["agents.id"],
            name=op.f("fk_conversation_events_from_agent_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["from_team_id"], ["teams.id"], name=op.f("fk_conversation_events_from_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["to_agent_id"], ["agents.id"], name=op.f("fk_conversation_events_to_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["to_team_id"], ["teams.id"], name=op.f("fk_conversation_events_to_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_events")),
        sa.UniqueConstraint(
            "conversation_id", "seq", name=op.f("uq_conversation_events_conversation_id_seq")
        ),
    )
    op.create_table(
        "conversation_measures",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("derived_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("first_response_seconds", sa.Float(), nullable=True),
        sa.Column("first_response_business_seconds", sa.Float(), nullable=True),
        sa.Column("response_wait_count", sa.SmallInteger(), nullable=False),
        sa.Column("response_wait_total_seconds", sa.Float(), nullable=False),
        sa.Column("response_wait_max_seconds", sa.Float(), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("reopened", sa.Boolean(), nullable=False),
        sa.Column("resolution_seconds", sa.Float(), nullable=True),
        sa.Column("resolution_business_seconds", sa.Float(), nullable=True),
        sa.Column("replies_to_resolve", sa.Integer(), nullable=True),
        sa.Column("agent_replies", sa.Integer(), nullable=False),
        sa.Column("talk_seconds", sa.Float(), nullable=True),
        sa.Column("hold_seconds", sa.Float(), nullable=True),
        sa.Column("wrap_up_seconds", sa.Float(), nullable=True),
        sa.Column("handle_seconds", sa.Float(), nullable=True),
        sa.Column("answered", sa.Boolean(), nullable=True),
        sa.Column("answer_wait_seconds", sa.Float(), nullable=True),
        sa.Column("abandon_wait_seconds", sa.Float(), nullable=True),
        sa.Column("transfers", sa.Integer(), nullable=False),
        sa.Column("csat", sa.SmallInteger(), nullable=True),
        sa.Column("ces", sa.SmallInteger(), nullable=True),
        sa.Column("nps", sa.SmallInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_measures_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_conversation_measures")),
    )
    op.create_table(
        "conversation_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_tags_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_tags")),
        sa.UniqueConstraint(
            "conversation_id", "tag", name=op.f("uq_conversation_tags_conversation_id_tag")
        ),
    )
    with op.batch_alter_table("conversation_tags", schema=None) as batch_op:
        batch_op.create_index("ix_conversation_tags_tag", ["tag"], unique=False)

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("author_role", sa.String(length=8), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=300), nullable=True),
        sa.Column("sent_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_internal", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_messages_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_messages_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sa.UniqueConstraint("conversation_id", "seq", name=op.f("uq_messages_conversation_id_seq")),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index("ix_messages_agent_sent_at", ["agent_id", "sent_at"], unique=False)

    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("answered_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_survey_responses_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        sa.UniqueConstraint(
            "conversation_id", "seq", name=op.f("uq_survey_responses_conversation_id_seq")
        ),
    )
    op.create_table(
        "hold_segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_leg_id", sa.Integer(), nullable=False),
        sa.Column("started_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.Column("ended_at", cxqa.store.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_leg_id"],
            ["call_legs.id"],
            name=op.f("fk_hold_segments_call_leg_id_call_legs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hold_segments")),
    )
    with op.batch_alter_table("hold_segments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hold_segments_call_leg_id"), ["call_leg_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("hold_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hold_segments_call_leg_id"))

    op.drop_table("hold_segments")
    op.drop_table("survey_responses")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_agent_sent_at")

    op.drop_table("messages")
    with op.batch_alter_table("conversation_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_tags_tag")

    op.drop_table("conversation_tags")
    op.drop_table("conversation_measures")
    op.drop_table("conversation_events")
    with op.batch_alter_table("call_legs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_legs_agent_id"))

    op.drop_table("call_legs")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_team_started_at")
        batch_op.drop_index(batch_op.f("ix_conversations_status"))
        batch_op.drop_index("ix_conversations_started_at")
        batch_op.drop_index("ix_conversations_customer")
        batch_op.drop_index("ix_conversations_channel_started_at")
        batch_op.drop_index("ix_conversations_agent_started_at")

    op.drop_table("conversations")
    with op.batch_alter_table("agent_status_events", schema=None) as batch_op:
        batch_op.drop_index("ix_agent_status_events_agent_time")

    op.drop_table("agent_status_events")
    op.drop_table("team_holidays")
    with op.batch_alter_table("import_errors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_errors_run_id"))

    op.drop_table("import_errors")
    op.drop_table("customer_orders")
    with op.batch_alter_table("customer_identities", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_identities_kind_value")

    op.drop_table("customer_identities")
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agents_team_id"))

    op.drop_table("agents")
    op.drop_table("teams")
    op.drop_table("import_runs")
    op.drop_table("customers")
