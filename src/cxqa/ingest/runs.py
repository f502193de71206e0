"""Reading back import runs and every problem they reported."""

from __future__ import annotations

import csv
import os
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxqa.ingest.models import ImportRun, ImportRunError


class ImportRunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    file_name: str
    format: str
    started_at: datetime
    finished_at: datetime | None
    state: str
    records_read: int
    conversations_created: int
    conversations_updated: int
    conversations_unchanged: int
    messages_written: int
    records_skipped: int


class ImportProblemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    line: int | None
    field: str | None
    message: str


def recent_import_runs(session: Session, *, limit: int) -> list[ImportRunRead]:
    """Newest first."""
    runs = session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(limit))
    return [_read(run) for run in runs]


def get_import_run(session: Session, *, run_id: int) -> ImportRunRead | None:
    run = session.get(ImportRun, run_id)
    return None if run is None else _read(run)


def _read(run: ImportRun) -> ImportRunRead:
    read = ImportRunRead.model_validate(run)
    if run_is_interrupted(run.state, run.host, run.pid):
        return read.model_copy(update={"state": "interrupted"})
    return read


def run_is_interrupted(state: str, host: str, pid: int) -> bool:
    """Still marked running, but its process on this host is gone (killed, crashed)."""
    return state == "running" and host == socket.gethostname() and not _process_alive(pid)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def import_run_problems(
    session: Session, *, run_id: int, limit: int | None = None, offset: int = 0
) -> Iterator[ImportProblemRead]:
    """Problems in file order (the order they were met within a line)."""
    statement = (
        select(ImportRunError)
        .where(ImportRunError.run_id == run_id)
        .order_by(ImportRunError.line.is_(None), ImportRunError.line, ImportRunError.id)
        .offset(offset)
        .limit(limit)
    )
    for problem in session.scalars(statement):
        yield ImportProblemRead.model_validate(problem)


def write_problem_report(session: Session, run_ids: list[int], handle: TextIO) -> int:
    """Every problem of the runs as CSV (file, line, field, message); returns how many."""
    writer = csv.writer(handle)
    writer.writerow(["file", "line", "field", "message"])
    count = 0
    for run_id in run_ids:
        run = session.get_one(ImportRun, run_id)
        for problem in import_run_problems(session, run_id=run_id):
            writer.writerow(
                [run.file_name, problem.line or "", problem.field or "", problem.message]
            )
            count += 1
    return count


def report_path_is_writable(path: Path) -> bool:
    return path.parent.is_dir() and (not path.exists() or path.is_file())
