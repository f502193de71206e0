"""The DuckDB copy follows the store: new, changed and deleted conversations, tags, presence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, delete

from cxqa.conversations.models import Conversation
from cxqa.kpis.engine import KpiData
from cxqa.kpis.registry import kpis_named
from cxqa.kpis.service import KpiService, update_measures
from cxqa.kpis.table import KpiQuery, KpiRules, Row, kpi_table
from cxqa.settings import Settings
from importing import import_path
from kpi_records import chat, write

AS_OF = datetime(2026, 4, 1, tzinfo=UTC)
DAY = date(2026, 3, 3)


def table(
    data: KpiData, *by: str, kpis: tuple[str, ...] = ("conversations", "first_response_time")
) -> list[Row]:
    query = KpiQuery(first_day=DAY, last_day=DAY, by=by, kpis=kpis_named(list(kpis)))
    return kpi_table(data, query, rules=KpiRules(), as_of=AS_OF)


def load(engine: Engine, settings: Settings, path: Path) -> None:
    import_path(engine, path)
    update_measures(engine, settings)


def test_the_copy_follows_new_changed_and_deleted_conversations(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load(
        engine,
        settings,
        write(tmp_path / "a.jsonl", chat(1, 60, tags=("a",)), chat(2, 120, tags=("a",))),
    )
    data = KpiData(engine, timezone=settings.timezone)
    try:
        assert data.refresh() is True
        assert data.refresh() is False  # nothing changed: nothing copied
        [row] = table(data)
        assert (row["conversations_count"], row["first_response_time_mean"]) == (2, 90.0)

        # c-2 is answered later now, and moved to tag b; c-3 is new
        load(
            engine,
            settings,
            write(tmp_path / "b.jsonl", chat(2, 300, tags=("b",)), chat(3, 30, tags=("a",))),
        )
        assert data.refresh() is True
        [row] = table(data)
        assert (row["conversations_count"], row["first_response_time_mean"]) == (3, 130.0)
        by_tag = {r["tag"]: r["conversations_count"] for r in table(data, "tag")}
        assert by_tag == {"a": 2, "b": 1}

        with engine.begin() as connection:
            connection.execute(
                delete(Conversation).where(Conversation.external_id == "c-2026-03-03-1")
            )
        assert data.refresh() is True
        [row] = table(data)
        assert (row["conversations_count"], row["first_response_time_mean"]) == (2, 165.0)
        assert {r["tag"]: r["conversations_count"] for r in table(data, "tag")} == {"a": 1, "b": 1}
    finally:
        data.close()


def test_presence_events_are_picked_up(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    load(engine, settings, write(tmp_path / "a.jsonl", chat(1, 60, tags=())))
    data = KpiData(engine, timezone=settings.timezone)
    try:
        data.refresh()
        [row] = table(data, kpis=("availability",))
        assert row["availability_pct"] is None  # no presence known: no value, not 0 %
        status = [
            {
                "type": "agent_status",
                "agent": "an",
                "at": "2026-03-03T08:00:00+07:00",
                "status": "online",
            },
            {
                "type": "agent_status",
                "agent": "an",
                "at": "2026-03-03T11:00:00+07:00",
                "status": "away",
            },
            {
                "type": "agent_status",
                "agent": "an",
                "at": "2026-03-03T12:00:00+07:00",
                "status": "offline",
            },
        ]
        load(engine, settings, write(tmp_path / "b.jsonl", *status))
        assert data.refresh() is True
        [row] = table(data, kpis=("availability",))
        assert row["availability_online_seconds"] == 3 * 3600
        assert row["availability_logged_in_seconds"] == 4 * 3600
        assert row["availability_pct"] == 75.0
    finally:
        data.close()


def test_the_service_answers_again_from_memory_until_the_data_changes(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load(engine, settings, write(tmp_path / "a.jsonl", chat(1, 60)))
    service = KpiService(engine, settings)
    query = KpiQuery(first_day=DAY, last_day=DAY, kpis=kpis_named(["conversations"]))
    try:
        first = service.table(query, as_of=AS_OF)
        first[0]["conversations_count"] = 99  # the caller's copy, not the cached one
        assert service.table(query, as_of=AS_OF) == [{"conversations_count": 1}]

        import_path(engine, write(tmp_path / "b.jsonl", chat(2, 60)))
        service.mark_stale()  # as the API does after a write
        assert service.table(query, as_of=AS_OF) == [{"conversations_count": 2}]
    finally:
        service.close()
