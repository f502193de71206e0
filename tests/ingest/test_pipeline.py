"""Reading in a second process changes nothing in what is stored or reported."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from conftest import FIXTURES, empty_store
from cxqa.ingest.formats.base import FileFormatError, ReadContext
from cxqa.ingest.formats.csv_flat import CsvReader
from cxqa.ingest.formats.jsonl import JsonlReader
from cxqa.ingest.service import ImportSummary, format_readers, import_file
from cxqa.ingest.writer import StoreWriter
from store_snapshot import snapshot


def import_with(
    engine: Engine, path: Path, *, parallel: bool, reader_name: str = "jsonl"
) -> ImportSummary:
    return import_file(
        engine=engine,
        writer=StoreWriter(engine, default_timezone="Asia/Ho_Chi_Minh"),
        path=path,
        reader=format_readers()[reader_name],
        context=ReadContext(),
        batch_size=2,
        parallel=parallel,
        clock=lambda: datetime(2026, 11, 23, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("fixture", "reader_name"),
    [("canonical_sample.jsonl", "jsonl"), ("twcs_sample.csv", "twcs"), ("twcs_bad.csv", "twcs")],
)
def test_parallel_and_in_process_imports_store_the_same(
    engine: Engine, fixture: str, reader_name: str
) -> None:
    in_process = import_with(engine, FIXTURES / fixture, parallel=False, reader_name=reader_name)
    expected = snapshot(engine)
    empty_store(engine)

    parallel = import_with(engine, FIXTURES / fixture, parallel=True, reader_name=reader_name)

    assert snapshot(engine) == expected
    assert parallel.problems == in_process.problems
    assert parallel.conversations_created == in_process.conversations_created


def test_whole_file_errors_reach_the_caller(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "utf16.jsonl"
    path.write_text('{"source": "s"}\n', encoding="utf-16")

    with pytest.raises(FileFormatError, match="UTF-16"):
        import_with(engine, path, parallel=True)


def test_missing_csv_columns_are_a_file_error_from_the_worker(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("conversation_id,channel\n1,zalo\n", encoding="utf-8")

    with pytest.raises(FileFormatError, match="role"):
        import_with(engine, path, parallel=True, reader_name=CsvReader.name)


def test_progress_reaches_the_end_of_the_file(engine: Engine) -> None:
    path = FIXTURES / "canonical_sample.jsonl"
    positions: list[int] = []

    import_file(
        engine=engine,
        writer=StoreWriter(engine, default_timezone="Asia/Ho_Chi_Minh"),
        path=path,
        reader=JsonlReader(),
        context=ReadContext(on_progress=positions.append),
        batch_size=3,
        parallel=True,
    )

    assert positions == sorted(positions)
    assert positions[-1] == path.stat().st_size


class FailingWriter(StoreWriter):
    """A writer whose database goes away after the first batch."""

    def write_prepared(self, items, *, now=None):  # type: ignore[no-untyped-def]
        if getattr(self, "_wrote", False):
            raise ConnectionError("the database went away")
        self._wrote = True
        return super().write_prepared(items, now=now)


def test_reader_process_cleans_up_its_scratch_files_when_the_import_fails(
    engine: Engine, tmp_path: Path
) -> None:
    from cxqa.ingest.formats.twcs import TwcsReader

    scratch = tmp_path / "scratch"
    scratch.mkdir()

    with pytest.raises(ConnectionError):
        import_file(
            engine=engine,
            writer=FailingWriter(engine, default_timezone="Asia/Ho_Chi_Minh"),
            path=FIXTURES / "twcs_sample.csv",
            reader=TwcsReader(scratch_dir=scratch),
            context=ReadContext(),
            batch_size=1,
            parallel=True,
        )

    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("reader_name", ["csv", "twcs"])
def test_csv_cells_longer_than_the_csv_module_default(
    engine: Engine, tmp_path: Path, reader_name: str
) -> None:
    long_text = "Dạ " * 70_000  # 210,000 characters
    path = tmp_path / "long.csv"
    if reader_name == "csv":
        header = "conversation_id,channel,role,sent_at,text\n"
        row = f'1,email,customer,2026-11-02T09:00:00+07:00,"{long_text}"\n'
    else:
        header = (
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        )
        row = f'1,115712,True,Tue Oct 31 22:10:47 +0000 2017,"{long_text}",,\n'
    path.write_text(header + row, encoding="utf-8")

    summary = import_with(engine, path, parallel=False, reader_name=reader_name)

    assert summary.problems == []
    assert summary.conversations_created == 1
