"""The FastAPI application: API under /api/v1, web pages at /, OpenAPI at /docs."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from cxqa import __version__
from cxqa.conversations.api import router as conversations_router
from cxqa.deps import require_api_token
from cxqa.ingest.api import router as ingest_router
from cxqa.ingest.writer import StoreWriter
from cxqa.kpis.api import router as kpis_router
from cxqa.kpis.service import KpiService
from cxqa.settings import Settings
from cxqa.store.db import create_engine
from cxqa.store.migrate import upgrade_to_head
from cxqa.web.kpi_pages import router as kpi_pages_router
from cxqa.web.pages import STATIC_DIR
from cxqa.web.pages import router as pages_router

logger = logging.getLogger(__name__)


def create_app(settings: Settings, *, migrate: bool = True) -> FastAPI:
    """Build the app for `settings`; applies pending migrations unless told not to."""
    engine = create_engine(settings)
    if migrate:
        upgrade_to_head(engine)
    kpis = KpiService(engine, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # measure and load what KPIs need while the first person opens the app, not after
        warm_up = threading.Thread(target=_warm_up, args=(kpis,), name="kpi-warm-up", daemon=True)
        warm_up.start()
        yield
        warm_up.join()
        kpis.close()
        engine.dispose()

    # FastAPIOffline serves Swagger UI and ReDoc from files in its package, not from a CDN
    app = FastAPIOffline(
        title="cxqa",
        version=__version__,
        description="Customer-service quality assurance and service measurement.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.writer = StoreWriter(engine, default_timezone=settings.timezone)
    # the writer caches team and agent ids between batches; one writer at a time
    app.state.writer_lock = threading.Lock()
    app.state.kpis = kpis
    api_dependencies = [Depends(require_api_token)]
    app.include_router(ingest_router, prefix="/api/v1", dependencies=api_dependencies)
    app.include_router(conversations_router, prefix="/api/v1", dependencies=api_dependencies)
    app.include_router(kpis_router, prefix="/api/v1", dependencies=api_dependencies)
    app.include_router(pages_router)
    app.include_router(kpi_pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.middleware("http")(_security_headers)
    return app


def _warm_up(kpis: KpiService) -> None:
    try:
        kpis.refresh()
    except Exception:  # the first KPI request will try again and report the error
        logger.exception("could not prepare KPIs at start")


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    # /docs loads Swagger UI from its own inline bootstrap; every other page runs no inline code
    if not request.url.path.startswith(("/docs", "/redoc")):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
