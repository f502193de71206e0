"""`cxqa stats`: how many conversations and messages, by channel, team and agent."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cxqa.console import load_settings, store
from cxqa.conversations.schemas import ConversationFilter
from cxqa.conversations.service import Dimension, count_by
from cxqa.store.db import transaction

DIMENSIONS: tuple[Dimension, ...] = ("channel", "team", "agent")


def stats_command(
    by: Annotated[
        list[str] | None,
        typer.Option("--by", help="channel, team or agent; repeat for several. Default: all."),
    ] = None,
    date_from: Annotated[
        datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], help="First local day (YYYY-MM-DD)."),
    ] = None,
    date_to: Annotated[
        datetime | None,
        typer.Option("--to", formats=["%Y-%m-%d"], help="Last local day, inclusive."),
    ] = None,
) -> None:
    """Count conversations and messages in the store."""
    chosen = by or list(DIMENSIONS)
    unknown = [d for d in chosen if d not in DIMENSIONS]
    if unknown:
        raise typer.BadParameter(f"use {', '.join(DIMENSIONS)}", param_hint="--by")
    settings = load_settings()
    filters = ConversationFilter(
        started_from=date_from.date() if date_from else None,
        started_to=date_to.date() if date_to else None,
    )
    console = Console()
    with store(settings) as engine, transaction(engine) as session:
        for dimension in DIMENSIONS:
            if dimension not in chosen:
                continue
            rows = count_by(
                session, dimension=dimension, filters=filters, timezone=settings.timezone
            )
            table = Table(title=f"by {dimension}", title_justify="left")
            table.add_column(dimension)
            table.add_column("conversations", justify="right")
            table.add_column("messages", justify="right")
            for row in rows:
                label = row.key if dimension == "channel" else (row.name or row.key)
                table.add_row(
                    escape(label or "(none)"), f"{row.conversations:,}", f"{row.messages:,}"
                )
            table.add_section()
            table.add_row(
                "total",
                f"{sum(r.conversations for r in rows):,}",
                f"{sum(r.messages for r in rows):,}",
            )
            console.print(table)
