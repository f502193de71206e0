"""`cxqa serve`: run the web app and API."""

from __future__ import annotations

from typing import Annotated

import typer

from cxqa.console import load_settings, store
from cxqa.settings import Settings


def serve_command(
    host: Annotated[str | None, typer.Option(help="Default: CXQA_HOST or 127.0.0.1.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: CXQA_PORT or 8000.")] = None,
) -> None:
    """Serve the web app and the REST API (OpenAPI at /docs); migrates the store first."""
    settings = load_settings()
    run_server(settings, host=host or settings.host, port=port or settings.port)


def run_server(settings: Settings, *, host: str, port: int) -> None:
    import uvicorn

    from cxqa.app import create_app

    with store(settings):  # migrate now, so that a store that cannot open says why in one line
        pass

    typer.echo(f"cxqa is serving on http://{host}:{port}/ (API docs: /docs). Ctrl+C stops it.")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
