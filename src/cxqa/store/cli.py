"""`cxqa init`: create or upgrade the store."""

from __future__ import annotations

import typer
from sqlalchemy.engine import make_url

from cxqa.console import load_settings, store
from cxqa.store.migrate import current_revision, upgrade_to_head


def init_command() -> None:
    """Create the store, or bring its schema up to date (safe to run again)."""
    settings = load_settings()
    with store(settings, migrate=False) as engine:
        before = current_revision(engine)
        upgrade_to_head(engine)
        after = current_revision(engine)
    where = make_url(settings.resolved_database_url).render_as_string(hide_password=True)
    change = "already up to date" if before == after else f"migrated {before or 'empty'} -> {after}"
    typer.echo(f"store {where}: {change}")
