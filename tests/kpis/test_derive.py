"""Measures derived from the sample file's facts, on SQLite and PostgreSQL, worked by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from conftest import FIXTURES
from cxqa.conversations.models import Conversation
from cxqa.ingest.writer import StoreWriter
from cxqa.kpis.derive import derive_measures
from cxqa.kpis.models import ConversationMeasure
from cxqa.store.db import transaction
from importing import import_path

HOUR = 3600


def load(engine: Engine, writer: StoreWriter, path: Path) -> None:
    import_path(engine, path, writer=writer, batch_size=10)


def derive(engine: Engine) -> int:
    return derive_measures(engine, workspace_timezone="Asia/Ho_Chi_Minh", batch_size=2).derived


def measures_by_external_id(engine: Engine) -> dict[str, dict[str, Any]]:
    with transaction(engine) as session:
        rows = session.execute(
            select(Conversation.external_id, ConversationMeasure).join(
                ConversationMeasure, ConversationMeasure.conversation_id == Conversation.id
            )
        )
        return {
            external_id: {
                column.name: getattr(row, column.name)
                for column in ConversationMeasure.__table__.columns
            }
            for external_id, row in rows
        }


@pytest.fixture
def sample(engine: Engine, writer: StoreWriter) -> dict[str, dict[str, Any]]:
    load(engine, writer, FIXTURES / "canonical_sample.jsonl")
    assert derive(engine) == 4
    return measures_by_external_id(engine)


def test_zalo_chat(sample: dict[str, dict[str, Any]]) -> None:
    zalo = sample["z-1001"]

    # customer 09:00:05, first public reply 09:02:40; the shop is open (Monday 08:00-21:00)
    assert zalo["first_response_seconds"] == 155
    assert zalo["first_response_business_seconds"] == 155
    assert zalo["resolution_seconds"] == 475  # resolved 09:08:00
    assert zalo["replies_to_resolve"] == 2  # the internal note is not a reply
    # written handle time: 155 s before the first reply, 170 s since the note before the second
    assert zalo["handle_seconds"] == 325
    assert (zalo["resolved"], zalo["reopened"], zalo["csat"]) == (True, False, 5)


def test_transferred_call(sample: dict[str, dict[str, Any]]) -> None:
    call = sample["call-77001"]

    # leg 1: answered after 48 s, 192 s connected with a 75 s hold; leg 2: 280 s, 90 s wrap-up
    assert (call["talk_seconds"], call["hold_seconds"], call["wrap_up_seconds"]) == (397, 75, 90)
    assert call["handle_seconds"] == 562
    assert (call["answered"], call["answer_wait_seconds"], call["transfers"]) == (True, 48, 1)
    assert call["resolution_seconds"] == 630
    # the agent spoke first and no agent spoke after the customer: no first response
    assert call["first_response_seconds"] is None
    assert (call["nps"], call["ces"], call["csat"]) == (6, 3, None)


def test_abandoned_call(sample: dict[str, dict[str, Any]]) -> None:
    call = sample["call-77002"]

    assert (call["answered"], call["abandon_wait_seconds"], call["handle_seconds"]) == (
        False,
        70,
        0,
    )
    assert (call["resolved"], call["resolution_seconds"]) == (False, None)


def test_email_over_a_weekend_counts_business_hours_only(
    sample: dict[str, dict[str, Any]],
) -> None:
    email = sample["em-9001"]

    # Sunday 22:15 to Monday 08:40: 10 h 25 min, of which Monday 08:00-08:40 is open
    assert email["first_response_seconds"] == 10 * HOUR + 25 * 60
    assert email["first_response_business_seconds"] == 40 * 60
    # closed Wednesday 08:00: 57 h 45 min, of which Monday and Tuesday 08:00-21:00 are open
    assert email["resolution_seconds"] == 57 * HOUR + 45 * 60
    assert email["resolution_business_seconds"] == 26 * HOUR


def test_deriving_again_changes_nothing_and_a_changed_conversation_is_redone(
    engine: Engine, writer: StoreWriter, tmp_path: Path, sample: dict[str, dict[str, Any]]
) -> None:
    assert derive(engine) == 0
    record = json.loads((FIXTURES / "canonical_sample.jsonl").read_text().splitlines()[6])
    record["surveys"][0]["score"] = 2
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record, ensure_ascii=False) + "\n")

    load(engine, writer, changed)

    assert derive(engine) == 1
    after = measures_by_external_id(engine)
    assert after["z-1001"]["csat"] == 2
    assert after["em-9001"] == sample["em-9001"]
