"""What every command shares: settings and the store, with one-line errors instead of tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from cxqa.settings import Settings
from cxqa.store.db import create_engine, open_store


def load_settings() -> Settings:
    """The settings from CXQA_* variables; exits 2 naming the variable that is wrong."""
    try:
        return Settings()
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            variable = "CXQA_" + "_".join(str(part) for part in problem["loc"]).upper()
            message = problem["msg"].removeprefix("Value error, ")
            typer.echo(f"{variable}: {message}", err=True)
        raise typer.Exit(2) from error


@contextmanager
def store(settings: Settings, *, migrate: bool = True) -> Iterator[Engine]:
    """The store (migrated unless told not to); exits 2 with the reason when it cannot be opened."""
    try:
        if migrate:
            with open_store(settings) as engine:
                yield engine
        else:
            engine = create_engine(settings)
            try:
                yield engine
            finally:
                engine.dispose()
    except OperationalError as error:
        url = make_url(settings.resolved_database_url).render_as_string(hide_password=True)
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        typer.echo(f"cannot open the store {url}: {reason}", err=True)
        raise typer.Exit(2) from error
