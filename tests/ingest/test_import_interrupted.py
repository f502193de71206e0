"""A process killed in the middle of an import leaves a consistent store; re-running finishes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from cxqa.conversations.models import Conversation, Message
from cxqa.ingest.formats.base import ReadContext
from cxqa.ingest.formats.jsonl import JsonlReader
from cxqa.ingest.models import ImportRun
from cxqa.ingest.runs import recent_import_runs
from cxqa.ingest.service import import_file
from cxqa.ingest.writer import StoreWriter
from cxqa.settings import Settings

CONVERSATIONS = 8000
MESSAGES_EACH = 10


def write_big_file(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(CONVERSATIONS):
            messages = [
                {
                    "role": "customer" if turn % 2 == 0 else "agent",
                    "at": f"2026-11-02T09:{turn:02d}:00+07:00",
                    "text": f"tin nhắn {turn} của cuộc hội thoại {number}",
                }
                for turn in range(MESSAGES_EACH)
            ]
            record = {"source": "bulk", "id": f"c{number}", "channel": "chat", "messages": messages}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def import_environment(settings: Settings, **extra: str) -> dict[str, str]:
    """`cxqa import` on the test store, in small batches so it can be caught half way."""
    return os.environ | {
        "CXQA_DATABASE_URL": settings.resolved_database_url,
        "CXQA_IMPORT_BATCH_SIZE": "100",
        **extra,
    }


def stored_counts(engine: Engine) -> tuple[int, set[int]]:
    """(conversations stored, the distinct message counts they have)."""
    with engine.connect() as connection:
        conversations = connection.execute(select(func.count(Conversation.id))).scalar_one()
        per_conversation = connection.execute(
            select(func.count(Message.id))
            .select_from(Conversation)
            .outerjoin(Message, Message.conversation_id == Conversation.id)
            .group_by(Conversation.id)
        ).scalars()
        return conversations, set(per_conversation)


def kill_once_some_batches_landed(
    command: list[str], env: dict[str, str], engine: Engine, log: Path
) -> None:
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=output)
        deadline = time.monotonic() + 120
        try:
            while time.monotonic() < deadline and process.poll() is None:
                if stored_counts(engine)[0] > 0:
                    break
                time.sleep(0.01)
            alive = process.poll() is None
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=30)
    assert alive, f"the import ended before it could be killed: {log.read_text()}"


def test_killed_import_is_consistent_and_rerun_completes(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    path = write_big_file(tmp_path / "big.jsonl")
    env = import_environment(settings)

    kill_once_some_batches_landed(
        [sys.executable, "-m", "cxqa", "import", str(path)], env, engine, tmp_path / "log"
    )
    with Session(engine) as session:
        assert [run.state for run in recent_import_runs(session, limit=5)] == ["interrupted"]

    landed, message_counts = stored_counts(engine)
    assert 0 < landed < CONVERSATIONS
    # every conversation that is there is there whole
    assert message_counts == {MESSAGES_EACH}

    summary = import_file(
        engine=engine,
        writer=StoreWriter(engine, default_timezone=settings.timezone),
        path=path,
        reader=JsonlReader(),
        context=ReadContext(),
        batch_size=500,
    )

    assert summary.conversations_unchanged == landed
    assert summary.conversations_created == CONVERSATIONS - landed
    assert stored_counts(engine) == (CONVERSATIONS, {MESSAGES_EACH})
    with engine.connect() as connection:
        states = dict(connection.execute(select(ImportRun.id, ImportRun.state)).all())
    assert sorted(states.values()) == ["finished", "interrupted"]


def test_reader_process_ends_when_the_import_is_killed(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    path = write_big_file(tmp_path / "big.jsonl")
    env = import_environment(settings, CXQA_IMPORT_PARALLEL="true")
    marker = f"reader-of-{tmp_path.name}"
    log = tmp_path / "log"

    kill_once_some_batches_landed(
        [sys.executable, "-m", "cxqa", "import", str(path), "--format", "jsonl"],
        env | {"CXQA_TEST_MARKER": marker},
        engine,
        log,
    )

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and reader_processes(marker):
        time.sleep(0.2)
    assert reader_processes(marker) == []


def reader_processes(marker: str) -> list[int]:
    """Pids of live processes whose environment carries `marker` (the killed import's reader)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environment = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().split()[2]
        except OSError:
            continue
        if f"CXQA_TEST_MARKER={marker}".encode() in environment and state != "Z":
            found.append(int(entry.name))
    return found
