"""The small hand-worked KPI fixture (tests/fixtures/kpi_small.jsonl), loaded into a test store.

Two weeks, Monday 2026-03-02 to Sunday 2026-03-15 (the US clocks went forward on Sunday
2026-03-08), two teams (cskh-vn in Asia/Ho_Chi_Minh with a company holiday on Tuesday
2026-03-10; support-us in America/New_York) and two SLA policies. tests/kpis/test_kpi_table.py
works every KPI out by hand from it; tests/kpis/test_kpi_interfaces.py checks that the CLI and
the API give the same rows.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from conftest import FIXTURES
from cxqa.conversations.vocabulary import Channel
from cxqa.ingest.writer import StoreWriter
from cxqa.kpis.service import update_measures
from cxqa.kpis.sla_policies import SlaPolicyIn, save_policy
from cxqa.settings import Settings
from cxqa.store.db import transaction
from importing import import_path

KPI_FIXTURE = FIXTURES / "kpi_small.jsonl"
FIRST_DAY = date(2026, 3, 2)  # Monday
LAST_DAY = date(2026, 3, 15)  # Sunday
HOUR = 3600.0

POLICIES = (
    # chat: first reply within 30 business minutes, resolved within 8 business hours
    SlaPolicyIn(
        name="Chat",
        channel=Channel.CHAT,
        first_response_seconds=30 * 60,
        resolution_seconds=8 * HOUR,
    ),
    # every other channel (phone included): 4 and 16 business hours
    SlaPolicyIn(name="Mặc định", first_response_seconds=4 * HOUR, resolution_seconds=16 * HOUR),
)


def load_kpi_fixture(engine: Engine, settings: Settings) -> None:
    """Import the fixture, save the SLA policies and derive every conversation's measures."""
    summary = import_path(
        engine, KPI_FIXTURE, writer=StoreWriter(engine, default_timezone=settings.timezone)
    )
    assert summary.problems == [], summary.problems
    assert summary.conversations_created == 22  # 19 in the fortnight, 3 just before it
    with transaction(engine) as session:
        for policy in POLICIES:
            save_policy(session, policy)
    update_measures(engine, settings)
