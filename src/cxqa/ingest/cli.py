"""`cxqa import`: load exported conversations into the store."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn
from sqlalchemy import Engine

from cxqa.console import load_settings, store
from cxqa.ingest.formats.base import FileFormatError, FormatReader, ReadContext
from cxqa.ingest.runs import report_path_is_writable, write_problem_report
from cxqa.ingest.service import ImportSummary, format_readers, import_file
from cxqa.ingest.writer import StoreWriter
from cxqa.settings import Settings
from cxqa.store.db import transaction

SHOWN_PROBLEMS = 50


def import_command(
    files: Annotated[list[Path], typer.Argument(help="Files to import, in order.")],
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (cxqa's canonical format), csv (one message per row), twcs "
            "(Customer Support on Twitter), ibm-twitter-care.",
        ),
    ] = "jsonl",
    assume_timezone: Annotated[
        str | None,
        typer.Option(help="Time zone for timestamps without a UTC offset, e.g. Asia/Ho_Chi_Minh."),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(help="Write every problem (file, line, field, message) to this CSV file."),
    ] = None,
) -> None:
    """Import conversations. Bad records are reported by file, line and field and skipped;
    importing the same file again changes nothing. Exit status 1 when records were skipped."""
    readers = format_readers()
    if format_name not in readers:
        raise typer.BadParameter(f"use one of {', '.join(readers)}", param_hint="--format")
    tz = _timezone(assume_timezone)
    missing = [path for path in files if not path.is_file()]
    if missing:  # before importing anything, so a typo in the last name costs nothing
        for path in missing:
            typer.echo(f"{path}: no such file", err=True)
        raise typer.Exit(2)
    if report is not None and not report_path_is_writable(report):
        raise typer.BadParameter(f"cannot write {report}", param_hint="--report")
    settings = load_settings()
    console = Console(stderr=True, soft_wrap=True)
    with store(settings) as engine:
        summaries = _import_files(engine, files, readers[format_name], tz, settings, console)
        _update_measures(engine, settings, console)
        if report is not None:
            _write_report(engine, summaries, report)
    if any(summary.records_skipped for summary in summaries):
        raise typer.Exit(1)


def _update_measures(engine: Engine, settings: Settings, console: Console) -> None:
    """Measure what the import added or changed, so that KPIs are ready when asked for."""
    from cxqa.kpis.service import update_measures

    started = time.perf_counter()
    derived = update_measures(engine, settings).derived
    if derived:
        elapsed = time.perf_counter() - started
        console.print(f"measured {derived:,} conversations for KPIs in {elapsed:.1f} s")


def _write_report(engine: Engine, summaries: list[ImportSummary], path: Path) -> None:
    with transaction(engine) as session, path.open("w", encoding="utf-8", newline="") as handle:
        count = write_problem_report(session, [s.run_id for s in summaries], handle)
    typer.echo(f"{count:,} problems written to {path}")


def _import_files(
    engine: Engine,
    files: list[Path],
    reader: FormatReader,
    tz: ZoneInfo | None,
    settings: Settings,
    console: Console,
) -> list[ImportSummary]:
    """Import each file in turn."""
    writer = StoreWriter(engine, default_timezone=settings.timezone)
    summaries = []
    for path in files:
        context = ReadContext(max_record_bytes=settings.import_max_record_bytes, assume_timezone=tz)
        try:
            summary = _import_with_progress(
                engine, writer, path, reader, context, settings, console
            )
        except FileFormatError as error:
            console.print(str(error), style="red", markup=False)
            raise typer.Exit(2) from error
        _print_summary(summary, console)
        summaries.append(summary)
    return summaries


def _timezone(name: str | None) -> ZoneInfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise typer.BadParameter(f"unknown time zone {name!r}") from error


def _import_with_progress(
    engine: Engine,
    writer: StoreWriter,
    path: Path,
    reader: FormatReader,
    context: ReadContext,
    settings: Settings,
    console: Console,
) -> ImportSummary:
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not sys.stderr.isatty(),
        transient=True,
    ) as progress:
        task = progress.add_task(path.name, total=path.stat().st_size)
        context.on_progress = lambda position: progress.update(task, completed=position)
        return import_file(
            engine=engine,
            writer=writer,
            path=path,
            reader=reader,
            context=context,
            batch_size=settings.import_batch_size,
            parallel=settings.import_parallel,
        )


def _print_summary(summary: ImportSummary, console: Console) -> None:
    for problem in summary.problems[:SHOWN_PROBLEMS]:
        where = f"{summary.file}:{problem.line}" if problem.line else summary.file
        field = f" {problem.field}:" if problem.field else ""
        console.print(f"{where}:{field} {problem.message}", markup=False, highlight=False)
    if summary.problem_count > SHOWN_PROBLEMS:
        console.print(
            f"... and {summary.problem_count - SHOWN_PROBLEMS:,} more problems "
            "(--report FILE writes them all)",
            markup=False,
        )
    typer.echo(
        f"{summary.file}: {summary.conversations_created:,} conversations created, "
        f"{summary.conversations_updated:,} updated, "
        f"{summary.conversations_unchanged:,} unchanged; "
        f"{summary.messages_written:,} messages written; "
        f"{summary.records_skipped:,} records skipped (import run {summary.run_id})"
    )
