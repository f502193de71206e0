"""After a bulk write PostgreSQL's planner is told what the tables hold now."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from cxqa.store.db import BULK_WRITE_ROWS, refresh_planner_statistics


def test_a_bulk_write_refreshes_the_statistics(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite plans by its indexes, not by statistics")

    refresh_planner_statistics(engine, rows_written=BULK_WRITE_ROWS)

    with engine.connect() as connection:
        analysed = connection.execute(
            text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'messages'")
        ).scalar_one()
    assert analysed is not None
