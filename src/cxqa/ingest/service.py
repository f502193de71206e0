"""Importing files: read, reject what is bad, write the rest in atomic batches, keep a record."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select, update

from cxqa.ingest.formats.base import FormatReader, Parsed, ReadContext, Rejected
from cxqa.ingest.models import ImportRun, ImportRunError
from cxqa.ingest.pipeline import (
    Batch,
    ReadOptions,
    bulk_allocation,
    parsed_batches,
    prepared_batches,
    prepared_batches_in_worker,
)
from cxqa.ingest.runs import run_is_interrupted
from cxqa.ingest.schemas import Record
from cxqa.ingest.writer import StoreWriter, WriteOutcome
from cxqa.store.base import core_table
from cxqa.store.db import BULK_WRITE_ROWS, refresh_planner_statistics

# Problems kept in memory for the summary; all of them are stored in import_errors.
MAX_PROBLEMS_IN_SUMMARY = 1000


def format_readers() -> dict[str, FormatReader]:
    """Every import format by its --format name."""
    from cxqa.ingest.formats.csv_flat import CsvReader
    from cxqa.ingest.formats.ibm_twitter import IbmTwitterReader
    from cxqa.ingest.formats.jsonl import JsonlReader
    from cxqa.ingest.formats.twcs import TwcsReader

    readers: list[FormatReader] = [JsonlReader(), CsvReader(), TwcsReader(), IbmTwitterReader()]
    return {reader.name: reader for reader in readers}


@dataclass
class ImportSummary:
    file: str
    format: str
    run_id: int
    records_read: int = 0
    conversations_created: int = 0
    conversations_updated: int = 0
    conversations_unchanged: int = 0
    messages_written: int = 0
    skipped_lines: set[int | None] = field(default_factory=set)
    problems: list[Rejected] = field(default_factory=list)
    problem_count: int = 0

    @property
    def records_skipped(self) -> int:
        return len(self.skipped_lines)

    def count(self, outcome: WriteOutcome) -> None:
        self.conversations_created += outcome.created
        self.conversations_updated += outcome.updated
        self.conversations_unchanged += outcome.unchanged
        self.messages_written += outcome.messages_written


def import_file(
    *,
    engine: Engine,
    writer: StoreWriter,
    path: Path,
    reader: FormatReader,
    context: ReadContext,
    batch_size: int,
    parallel: bool = False,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> ImportSummary:
    """Import one file; with `parallel`, records are read and prepared in a second process.

    Raises FileFormatError when the file as a whole cannot be read.
    """
    run_id = _start_run(engine, path, reader.name, clock())
    summary = ImportSummary(file=str(path), format=reader.name, run_id=run_id)
    options = ReadOptions(context.max_record_bytes, context.assume_timezone)
    read = prepared_batches_in_worker if parallel else prepared_batches
    state = "failed"
    statistics = StatisticsKeeper(engine)
    try:
        with bulk_allocation():
            for batch in read(path, reader, options, batch_size):
                _write_batch(engine, writer, batch, summary, clock())
                statistics.written(summary.conversations_created + summary.conversations_updated)
                context.on_progress(batch.position)
        state = "finished"
    finally:
        _save_counts(engine, summary, state=state, finished_at=clock())
    statistics.finish(summary.conversations_created + summary.conversations_updated)
    return summary


class StatisticsKeeper:
    """Refreshes PostgreSQL's planner statistics each time an import has doubled what it
    wrote: an import's own lookups slow down as its tables outgrow the statistics."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._next = BULK_WRITE_ROWS
        self._refreshed_at = 0

    def written(self, rows: int) -> None:
        if rows >= self._next:
            self._refresh(rows)
            self._next = 2 * rows

    def finish(self, rows: int) -> None:
        """At the end of the import, unless nothing was written since the last refresh."""
        if rows > self._refreshed_at:
            self._refresh(rows)

    def _refresh(self, rows: int) -> None:
        refresh_planner_statistics(self._engine, rows_written=rows)
        self._refreshed_at = rows


def _write_batch(
    engine: Engine, writer: StoreWriter, batch: Batch, summary: ImportSummary, now: datetime
) -> None:
    outcome = writer.write_prepared(batch.items, now=now) if batch.items else WriteOutcome()
    # a record's problems may straddle two batches: count it once
    newly_skipped = {p.record for p in batch.problems} - summary.skipped_lines
    summary.records_read += len(batch.items) + len(newly_skipped)
    summary.count(outcome)
    failures = [Rejected(line, None, message) for line, message in outcome.failures]
    _record_problems(engine, summary, batch.problems + failures)
    _save_counts(engine, summary, state="running")


def import_records(
    writer: StoreWriter, records: Iterable[Record], *, batch_size: int
) -> WriteOutcome:
    """Write records made in code (the demo, tests) through the same path as files."""
    outcome = WriteOutcome()
    items = (Parsed(line=number, record=r) for number, r in enumerate(records, start=1))
    statistics = StatisticsKeeper(writer.engine)
    with bulk_allocation():
        for batch, problems in parsed_batches(items, batch_size):
            if problems:
                first = problems[0]
                raise ValueError(f"record {first.line}: {first.field}: {first.message}")
            outcome.add(writer.write(batch))
            statistics.written(outcome.created + outcome.updated)
    statistics.finish(outcome.created + outcome.updated)
    return outcome


def _start_run(engine: Engine, path: Path, format_name: str, now: datetime) -> int:
    table = core_table(ImportRun)
    with engine.begin() as connection:
        mark_interrupted_runs(connection)
        run_id = connection.execute(
            insert(table)
            .values(
                file_name=str(path),
                format=format_name,
                started_at=now,
                state="running",
                host=socket.gethostname(),
                pid=os.getpid(),
                records_read=0,
                conversations_created=0,
                conversations_updated=0,
                conversations_unchanged=0,
                messages_written=0,
                records_skipped=0,
            )
            .returning(table.c.id)
        ).scalar_one()
    return int(run_id)


def mark_interrupted_runs(connection: Connection) -> int:
    """Runs still 'running' on this host whose process is gone become 'interrupted'."""
    table = core_table(ImportRun)
    dead = [
        run_id
        for run_id, state, host, pid in connection.execute(
            select(table.c.id, table.c.state, table.c.host, table.c.pid).where(
                table.c.state == "running"
            )
        )
        if run_is_interrupted(state, host, pid)
    ]
    if dead:
        connection.execute(update(table).where(table.c.id.in_(dead)).values(state="interrupted"))
    return len(dead)


def _record_problems(engine: Engine, summary: ImportSummary, problems: list[Rejected]) -> None:
    if not problems:
        return
    summary.problem_count += len(problems)
    summary.skipped_lines |= {p.record for p in problems}
    room = MAX_PROBLEMS_IN_SUMMARY - len(summary.problems)
    summary.problems += problems[: max(room, 0)]
    rows = [
        {"run_id": summary.run_id, "line": p.line, "field": p.field, "message": p.message}
        for p in problems
    ]
    with engine.begin() as connection:
        connection.execute(insert(core_table(ImportRunError)), rows)


def _save_counts(
    engine: Engine, summary: ImportSummary, *, state: str, finished_at: datetime | None = None
) -> None:
    table = core_table(ImportRun)
    with engine.begin() as connection:
        connection.execute(
            update(table)
            .where(table.c.id == summary.run_id)
            .values(
                state=state,
                finished_at=finished_at,
                records_read=summary.records_read,
                conversations_created=summary.conversations_created,
                conversations_updated=summary.conversations_updated,
                conversations_unchanged=summary.conversations_unchanged,
                messages_written=summary.messages_written,
                records_skipped=summary.records_skipped,
            )
        )
