"""`cxqa demo`: build the demo data set into a fresh store of its own and serve it."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from cxqa.settings import Settings


def demo_command(
    days: Annotated[int, typer.Option(min=1, max=730, help="Days of history.")] = 90,
    seed: Annotated[int, typer.Option(help="Same seed, same data set.")] = 2026,
    scale: Annotated[
        float, typer.Option(min=0.01, max=20.0, help="Multiplies the conversation volume.")
    ] = 1.0,
    serve: Annotated[bool, typer.Option(help="Serve the app when the data set is built.")] = True,
    port: Annotated[int | None, typer.Option(help="Default: CXQA_PORT or 8000.")] = None,
) -> None:
    """Build a realistic Vietnamese/English demo data set (teams, agents, calls, chats, e-mails,
    surveys) in DATA_DIR/demo/ (never in your real store) and serve it."""
    from cxqa.console import load_settings
    from cxqa.web.cli import run_server

    base = load_settings()
    settings = base.model_copy(update={"data_dir": base.data_dir / "demo", "database_url": None})
    started = time.perf_counter()
    conversations, messages = build_demo_store(settings, days=days, seed=seed, scale=scale)
    typer.echo(
        f"demo store {settings.data_dir / 'cxqa.sqlite3'}: {conversations:,} conversations, "
        f"{messages:,} messages in {time.perf_counter() - started:.1f} s"
    )
    if serve:
        run_server(settings, host=settings.host, port=port or settings.port)


def build_demo_store(settings: Settings, *, days: int, seed: int, scale: float) -> tuple[int, int]:
    """Replace the store at settings with a freshly generated demo data set."""
    from cxqa.demo.generator import DemoSpec, generate_demo
    from cxqa.ingest.service import import_records
    from cxqa.ingest.writer import StoreWriter
    from cxqa.kpis.service import update_measures
    from cxqa.kpis.sla_policies import add_demo_sla_policies
    from cxqa.store.db import create_engine
    from cxqa.store.migrate import upgrade_to_head

    _remove_sqlite_files(settings.data_dir / "cxqa.sqlite3")
    engine = create_engine(settings)
    upgrade_to_head(engine)
    writer = StoreWriter(engine, default_timezone=settings.timezone)
    # the data set ends yesterday so that no fact lies in the future
    spec = DemoSpec(seed=seed, days=days, end=date.today() - timedelta(days=1), scale=scale)
    outcome = import_records(writer, generate_demo(spec), batch_size=settings.import_batch_size)
    add_demo_sla_policies(engine)
    update_measures(engine, settings)
    engine.dispose()
    return outcome.created, outcome.messages_written


def _remove_sqlite_files(database: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
