"""REST ingest: the same validation, error shape and write path as `cxqa import`."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, TypeAdapter
from starlette.concurrency import run_in_threadpool

from cxqa.deps import SessionDep
from cxqa.ingest.formats.base import Item, Parsed, ReadContext, Rejected, validate_record
from cxqa.ingest.formats.jsonl import parse_json_record
from cxqa.ingest.pipeline import DuplicateGuard
from cxqa.ingest.runs import (
    ImportProblemRead,
    ImportRunRead,
    get_import_run,
    import_run_problems,
    recent_import_runs,
)
from cxqa.ingest.schemas import ConversationRecord, Record
from cxqa.ingest.writer import StoreWriter, WriteOutcome

router = APIRouter(tags=["ingest"])
MAX_BATCH_ITEMS = 5000
MAX_BODY_BYTES = 64 * 2**20


class Problem(BaseModel):
    item: int | None = Field(description="1-based position in the batch (1 for a single record).")
    field: str | None = Field(description="Path of the offending field, e.g. messages[2].at.")
    message: str


class IngestResult(BaseModel):
    created: int
    updated: int
    unchanged: int
    messages_written: int
    rejected: list[Problem]


def _writer(request: Request) -> tuple[StoreWriter, Any]:
    return request.app.state.writer, request.app.state.writer_lock


WriterDep = Annotated[tuple[StoreWriter, Any], Depends(_writer)]


def _record_schema(adapter: TypeAdapter[Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": adapter.json_schema()}}, "required": True}


@router.post(
    "/conversations",
    response_model=IngestResult,
    responses={201: {"model": IngestResult}, 422: {"model": IngestResult}},
    openapi_extra={"requestBody": _record_schema(TypeAdapter(ConversationRecord))},
)
async def upsert_conversation(request: Request, writer: WriterDep) -> JSONResponse:
    """Create or update one conversation (canonical format; upsert on source + id).

    201 when it was created, 200 when it was updated or was already stored unchanged.
    """
    body = await _body(request)
    response = await run_in_threadpool(_upsert_one, body, writer)
    _measures_are_stale(request)
    return response


@router.post(
    "/records",
    response_model=IngestResult,
    openapi_extra={"requestBody": _record_schema(TypeAdapter(list[Record]))},
)
async def ingest_records(request: Request, writer: WriterDep) -> JSONResponse:
    """Write a batch of up to 5,000 records (conversations, teams, agents, agent status
    events, customers). Valid records are written; each invalid one is reported and skipped."""
    body = await _body(request)
    # parsing and validating thousands of records is CPU work: off the event loop
    response = await run_in_threadpool(_ingest_batch, body, writer)
    _measures_are_stale(request)
    return response


def _measures_are_stale(request: Request) -> None:
    """KPIs derive the measures of what was written before they next answer."""
    request.app.state.kpis.mark_stale()


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            detail=f"send at most {MAX_BODY_BYTES // 2**20} MiB per request",
        )
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, detail="request body too large")
    return body


def _upsert_one(body: bytes, writer: WriterDep) -> JSONResponse:
    items = [_as_conversation(item) for item in parse_json_record(body, 1, ReadContext())]
    return _write(items, writer)


def _ingest_batch(body: bytes, writer: WriterDep) -> JSONResponse:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _result([Rejected(None, None, f"invalid JSON: {error}")], WriteOutcome())
    if not isinstance(data, list) or len(data) > MAX_BATCH_ITEMS:
        message = f"send a JSON array of at most {MAX_BATCH_ITEMS:,} records"
        return _result([Rejected(None, None, message)], WriteOutcome())
    context = ReadContext()
    items: list[Item] = []
    for position, value in enumerate(data, start=1):
        items += validate_record(value, position, context)
    return _write(items, writer)


def _as_conversation(item: Item) -> Item:
    if isinstance(item, Parsed) and not isinstance(item.record, ConversationRecord):
        return Rejected(item.line, "type", "this endpoint takes conversations; use /records")
    return item


def _write(items: list[Item], writer: WriterDep) -> JSONResponse:
    guard = DuplicateGuard()
    valid: list[Parsed] = []
    problems: list[Rejected] = []
    for item in items:
        problem = guard.check(item) if isinstance(item, Parsed) else item
        if problem is None and isinstance(item, Parsed):
            valid.append(item)
        elif problem is not None:
            problems.append(problem)
    store_writer, lock = writer
    outcome = WriteOutcome()
    if valid:
        with lock:
            outcome = store_writer.write(valid)
    problems += [Rejected(line, None, message) for line, message in outcome.failures]
    return _result(problems, outcome)


def _result(problems: list[Rejected], outcome: WriteOutcome) -> JSONResponse:
    result = IngestResult(
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        messages_written=outcome.messages_written,
        rejected=[Problem(item=p.line, field=p.field, message=p.message) for p in problems],
    )
    written = outcome.created + outcome.updated + outcome.unchanged
    if problems and not written:
        code = status.HTTP_422_UNPROCESSABLE_CONTENT
    elif outcome.created and not (outcome.updated or outcome.unchanged or problems):
        code = status.HTTP_201_CREATED
    else:
        code = status.HTTP_200_OK
    return JSONResponse(result.model_dump(), status_code=code)


@router.get("/imports", response_model=list[ImportRunRead])
def list_import_runs(
    session: SessionDep, limit: Annotated[int, Query(ge=1, le=500)] = 20
) -> list[ImportRunRead]:
    """Recent import runs, newest first, with what each created, updated and skipped."""
    return recent_import_runs(session, limit=limit)


@router.get("/imports/{run_id}/problems", response_model=list[ImportProblemRead])
def list_import_problems(
    run_id: int,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[ImportProblemRead]:
    """Every problem an import run reported, in file order: line, field and message."""
    if get_import_run(session, run_id=run_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such import run")
    return list(import_run_problems(session, run_id=run_id, limit=limit, offset=offset))
