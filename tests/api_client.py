"""HTTP clients for the real app on the test store; closed (engine disposed) after the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from cxqa.app import create_app
from cxqa.settings import Settings

ClientFactory = Callable[..., TestClient]


@pytest.fixture
def client_for(settings: Settings) -> Iterator[ClientFactory]:
    """client_for(**setting_overrides) -> a TestClient whose lifespan has started."""
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        client = TestClient(create_app(settings.model_copy(update=overrides), migrate=False))
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
