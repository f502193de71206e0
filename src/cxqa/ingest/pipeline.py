"""From a file to batches of prepared records: read, reject duplicates, batch, prepare.

The importer writes while the next batches are read, validated and prepared. With `parallel`
that happens in a second process (pure CPU work, no database), so an import uses two cores;
the queue between them holds a few batches, which keeps memory flat.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from queue import Empty, Full
from typing import Any

from cxqa.ingest.formats.base import (
    FileFormatError,
    FormatReader,
    Item,
    Parsed,
    ReadContext,
    Rejected,
)
from cxqa.ingest.prepared import Prepared, prepare
from cxqa.ingest.schemas import ConversationRecord

QUEUE_DEPTH = 4
_POLL_SECONDS = 1.0


@dataclass
class Batch:
    items: list[Prepared]
    problems: list[Rejected]
    position: int = 0  # bytes of the file read when the batch was complete


@dataclass(frozen=True)
class ReadOptions:
    """What a worker process needs to read a file (ReadContext minus the progress callback)."""

    max_record_bytes: int
    assume_timezone: tzinfo | None = None


class DuplicateGuard:
    """Rejects a conversation id that appears twice in one file (the second occurrence).

    Keeps one entry per conversation of the file (about 100 bytes each).
    """

    def __init__(self) -> None:
        self._first_line: dict[tuple[str, str], int] = {}

    def check(self, item: Parsed) -> Rejected | None:
        """Call once per record: a second sighting is a duplicate even on the same line (a
        JSON array written on one line holds every record on line 1)."""
        record = item.record
        if not isinstance(record, ConversationRecord):
            return None
        key = (record.source, record.id)
        first = self._first_line.get(key)
        if first is None:
            self._first_line[key] = item.line
            return None
        return Rejected(
            line=item.line,
            field="id",
            message=f"conversation {record.id!r} from source {record.source!r} appears twice "
            f"in this file (first at line {first}); the first one was kept",
        )


def parsed_batches(
    items: Iterable[Item], size: int
) -> Iterator[tuple[list[Parsed], list[Rejected]]]:
    """Group a reader's items into batches of valid records and the problems met on the way."""
    guard = DuplicateGuard()
    batch: list[Parsed] = []
    problems: list[Rejected] = []
    for item in items:
        if isinstance(item, Parsed):
            duplicate = guard.check(item)
            if duplicate is None:
                batch.append(item)
            else:
                problems.append(duplicate)
        else:
            problems.append(item)
        if len(batch) >= size or len(problems) >= size:
            yield batch, problems
            batch, problems = [], []
    if batch or problems:
        yield batch, problems


def prepared_batches(
    path: Path, reader: FormatReader, options: ReadOptions, batch_size: int
) -> Iterator[Batch]:
    """Read and prepare in this process."""
    position = 0

    def record_position(value: int) -> None:
        nonlocal position
        position = value

    context = ReadContext(
        max_record_bytes=options.max_record_bytes,
        assume_timezone=options.assume_timezone,
        on_progress=record_position,
    )
    for parsed, problems in parsed_batches(reader.read(path, context), batch_size):
        yield Batch([prepare(item) for item in parsed], problems, position)


def prepared_batches_in_worker(
    path: Path, reader: FormatReader, options: ReadOptions, batch_size: int
) -> Iterator[Batch]:
    """Read and prepare in a second process; batches arrive in file order."""
    context = multiprocessing.get_context("spawn")  # no fork: the parent holds threads and sockets
    queue: Any = context.Queue(maxsize=QUEUE_DEPTH)
    worker = context.Process(
        target=_produce,
        args=(queue, os.getpid(), path, reader, options, batch_size),
        name="cxqa-import-reader",
        daemon=True,
    )
    worker.start()
    try:
        while True:
            message = _next_message(queue, worker)
            if isinstance(message, _Finished):
                return
            if isinstance(message, _Failed):
                raise message.error()
            yield message
    finally:
        if worker.is_alive():
            worker.terminate()
        _wait_for_exit(worker, queue)
        queue.close()


def _wait_for_exit(worker: Any, queue: Any) -> None:
    """Join the worker, emptying the queue meanwhile: a process leaves only once what it put
    is in the pipe, and a full pipe nobody reads would keep it (and this join) waiting."""
    while True:
        worker.join(timeout=_POLL_SECONDS)
        if not worker.is_alive():
            return
        try:
            while True:
                queue.get_nowait()
        except Empty:
            pass


@dataclass(frozen=True)
class _Finished:
    pass


@dataclass(frozen=True)
class _Failed:
    format_error: str | None = None
    crash: str = field(default="")

    def error(self) -> Exception:
        if self.format_error is not None:
            return FileFormatError(self.format_error)
        return RuntimeError(f"the import's reader process failed:\n{self.crash}")


def _next_message(queue: Any, worker: Any) -> Batch | _Finished | _Failed:
    while True:
        try:
            message: Batch | _Finished | _Failed = queue.get(timeout=_POLL_SECONDS)
            return message
        except Empty:
            if worker.is_alive():
                continue
        # the worker is gone; what it put before leaving may still be in the pipe
        try:
            last: Batch | _Finished | _Failed = queue.get(timeout=_POLL_SECONDS)
            return last
        except Empty:
            return _Failed(crash=f"it stopped with exit code {worker.exitcode}")


def _produce(
    queue: Any,
    parent_pid: int,
    path: Path,
    reader: FormatReader,
    options: ReadOptions,
    batch_size: int,
) -> None:  # pragma: no cover - runs in the worker process (covered by the import tests)
    # terminate() sends SIGTERM: leave through SystemExit so that readers' `with` blocks run
    # (the twcs reader's staging database is as big as the file it stages)
    signal.signal(signal.SIGTERM, _exit_on_signal)
    watchdog = threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), daemon=True)
    watchdog.start()
    try:
        with bulk_allocation():
            for batch in prepared_batches(path, reader, options, batch_size):
                _put(queue, batch, parent_pid)
        _put(queue, _Finished(), parent_pid)
    except FileFormatError as error:
        _put(queue, _Failed(format_error=str(error)), parent_pid)
    except Exception:
        _put(queue, _Failed(crash=traceback.format_exc()), parent_pid)


def _exit_on_signal(signum: int, _frame: object) -> None:  # pragma: no cover - worker
    raise SystemExit(128 + signum)


def _put(queue: Any, message: object, parent_pid: int) -> None:  # pragma: no cover - worker
    """Put, waiting while the queue is full."""
    while True:
        try:
            queue.put(message, timeout=_POLL_SECONDS)
            return
        except Full:
            continue


def _exit_when_orphaned(parent_pid: int) -> None:  # pragma: no cover - worker
    """End the worker at once if the importing process dies (killed, say).

    Nothing else would: the queue's feeder thread blocks on a pipe nobody reads any more, and a
    normal exit waits for it forever.
    """
    while os.getppid() == parent_pid:
        time.sleep(_POLL_SECONDS)
    os._exit(1)


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Collect garbage less often while importing.

    An import allocates millions of short-lived, acyclic objects (validated records, row
    tuples); the default thresholds run the cyclic collector over the batch in hand thousands
    of times, about a fifth of the import's time. The settings are restored afterwards.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
