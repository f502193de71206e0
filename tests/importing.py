"""Importing files in tests the way `cxqa import` does, with one call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from cxqa.ingest.formats.base import FormatReader, ReadContext
from cxqa.ingest.formats.jsonl import JsonlReader
from cxqa.ingest.service import ImportSummary, import_file
from cxqa.ingest.writer import StoreWriter


def import_path(
    engine: Engine,
    path: Path,
    *,
    writer: StoreWriter | None = None,
    reader: FormatReader | None = None,
    batch_size: int = 10,
    **context: Any,
) -> ImportSummary:
    """Import one file (JSONL unless another reader is given) in this process."""
    return import_file(
        engine=engine,
        writer=writer or StoreWriter(engine, default_timezone="Asia/Ho_Chi_Minh"),
        path=path,
        reader=reader or JsonlReader(),
        context=ReadContext(**context),
        batch_size=batch_size,
    )
