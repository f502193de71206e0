"""The KPIs of the demo data set show the differences the generator put between agents."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cxqa.demo import DemoSpec, agent_profiles
from cxqa.demo.cli import build_demo_store
from cxqa.kpis.service import KpiService, build_query
from cxqa.kpis.table import Row
from cxqa.settings import Settings
from cxqa.store.db import create_engine

DAYS = 60


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, KpiService]]:
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("demo-kpis")))
    build_demo_store(settings, days=DAYS, seed=2026, scale=0.5)
    engine = create_engine(settings)
    service = KpiService(engine, settings)
    yield settings, service
    service.close()
    engine.dispose()


def by_agent(demo: tuple[Settings, KpiService], **filters: str) -> dict[str, Row]:
    settings, service = demo
    last = date.today() - timedelta(days=1)
    query = build_query(
        settings,
        by=["agent"],
        first_day=last - timedelta(days=DAYS),
        last_day=last,
        filters=list(filters.items()),
    )
    return {row["agent"]: row for row in service.table(query, as_of=datetime.now(UTC))}


def archetype_values(rows: dict[str, Row], archetype: str, figure: str) -> list[float]:
    profiles = agent_profiles(DemoSpec(seed=2026, days=DAYS, end=date.today() - timedelta(days=1)))
    return [
        rows[key][figure]
        for key, profile in profiles.items()
        if profile.archetype == archetype and key in rows and rows[key][figure] is not None
    ]


def test_slow_agents_have_the_slowest_first_responses(demo: tuple[Settings, KpiService]) -> None:
    rows = by_agent(demo, channel="chat")
    slow = archetype_values(rows, "slow", "first_response_time_median")
    excellent = archetype_values(rows, "excellent", "first_response_time_median")
    assert slow
    assert excellent
    assert statistics.mean(slow) > 1.5 * statistics.mean(excellent)


def test_the_curt_agent_has_the_lowest_csat(demo: tuple[Settings, KpiService]) -> None:
    rows = by_agent(demo)
    curt = archetype_values(rows, "curt", "csat_pct")
    excellent = archetype_values(rows, "excellent", "csat_pct")
    assert len(curt) == 1
    assert curt[0] + 20 < statistics.mean(excellent)
    rated = [row["csat_pct"] for row in rows.values() if (row["csat_count"] or 0) >= 20]
    assert curt[0] == min(rated)


def test_resolvers_resolve_first_time_more_than_the_curt_agent(
    demo: tuple[Settings, KpiService],
) -> None:
    rows = by_agent(demo)
    resolvers = archetype_values(rows, "resolver", "fcr_pct")
    curt = archetype_values(rows, "curt", "fcr_pct")
    assert statistics.mean(resolvers) > curt[0] + 10


def test_every_agent_row_carries_counts_beside_rates(demo: tuple[Settings, KpiService]) -> None:
    rows = by_agent(demo)
    for row in rows.values():
        if row["csat_pct"] is not None:
            assert row["csat_count"] >= row["csat_satisfied"] > 0
        else:
            assert row["csat_count"] == 0
