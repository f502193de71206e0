"""When the database refuses a record, that record alone is reported and the rest is written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from cxqa.ingest.formats.base import ReadContext
from cxqa.ingest.formats.jsonl import JsonlReader
from cxqa.ingest.service import import_file
from cxqa.ingest.writer import StoreWriter
from store_snapshot import count

POISON = "refuse-me"


@pytest.fixture
def refusing_store(engine: Engine) -> Iterator[Engine]:
    """A trigger makes the database refuse any message whose text is POISON."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON messages WHEN NEW.text = "
                    f"'{POISON}' BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END"
                )
            )
        else:
            connection.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                    f"IF NEW.text = '{POISON}' THEN RAISE EXCEPTION 'refused by test trigger'; "
                    "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON messages "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )
    yield engine
    with engine.begin() as connection:
        connection.execute(
            text(
                "DROP TRIGGER refuse" + ("" if engine.dialect.name == "sqlite" else " ON messages")
            )
        )
        if engine.dialect.name != "sqlite":
            connection.execute(text("DROP FUNCTION refuse()"))


def line(external_id: str, message: str) -> str:
    record = {
        "source": "s",
        "id": external_id,
        "channel": "chat",
        "messages": [{"role": "customer", "at": "2026-11-02T09:00:00+07:00", "text": message}],
    }
    return json.dumps(record)


@pytest.mark.parametrize("batch_size", [1, 2, 10])
def test_refused_record_is_reported_and_the_rest_written(
    refusing_store: Engine, tmp_path: Path, batch_size: int
) -> None:
    path = tmp_path / "file.jsonl"
    path.write_text("\n".join([line("a", "ok"), line("b", "ok"), line("c", POISON)]) + "\n")

    summary = import_file(
        engine=refusing_store,
        writer=StoreWriter(refusing_store, default_timezone="Asia/Ho_Chi_Minh"),
        path=path,
        reader=JsonlReader(),
        context=ReadContext(),
        batch_size=batch_size,
    )

    assert summary.conversations_created == 2
    assert [(p.line, p.field) for p in summary.problems] == [(3, None)]
    assert "refused by test trigger" in summary.problems[0].message
    assert count(refusing_store, "conversations") == 2
    assert count(refusing_store, "messages") == 2
