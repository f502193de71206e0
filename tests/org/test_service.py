"""Team calendars come back from the store as they were imported."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from conftest import FIXTURES
from cxqa.ingest.writer import StoreWriter
from cxqa.org.business_time import business_seconds
from cxqa.org.service import team_calendars
from cxqa.store.db import transaction
from importing import import_path


def test_calendars_of_imported_and_default_teams(engine: Engine, writer: StoreWriter) -> None:
    import_path(engine, FIXTURES / "canonical_sample.jsonl", writer=writer, batch_size=10)

    with transaction(engine) as session:
        calendars = team_calendars(session)

    shop = calendars["cskh-shop"]
    assert shop.timezone == "Asia/Ho_Chi_Minh"
    assert shop.holidays == frozenset({date(2026, 9, 2)})
    assert shop.hours["sat"] == [["08:00", "17:00"]]
    hotline = calendars["hotline-giao-hang"]  # named without hours: the defaults
    assert hotline.hours["mon"] == [["08:00", "17:30"]]
    assert "sun" not in hotline.hours
    hanoi = ZoneInfo("Asia/Ho_Chi_Minh")
    saturday_evening = datetime(2026, 11, 7, 16, 0, tzinfo=hanoi)
    monday_morning = datetime(2026, 11, 9, 9, 0, tzinfo=hanoi)
    assert business_seconds(saturday_evening, monday_morning, shop) == 2 * 3600
