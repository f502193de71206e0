"""`cxqa demo` builds a fresh store of its own and serves a page listing its conversations."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from cxqa.app import create_app
from cxqa.conversations.models import Conversation
from cxqa.demo.cli import build_demo_store
from cxqa.settings import Settings
from cxqa.store.db import open_store, transaction


def test_demo_store_is_served_as_a_conversation_list(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "demo")

    conversations, messages = build_demo_store(settings, days=7, seed=7, scale=0.1)

    assert conversations > 50
    assert messages > conversations * 3
    with TestClient(create_app(settings)) as client:
        page = client.get("/conversations")
        phone = client.get("/conversations?channel=phone")
    assert page.status_code == 200
    assert f'class="count">{conversations:,}<' in page.text
    assert "chip-zalo" in page.text
    assert "chip-email" in page.text
    assert "Nguyễn" in page.text  # agents' and customers' Vietnamese names
    assert "chip-phone" in phone.text
    assert "chip-zalo" not in phone.text


def test_rebuilding_the_demo_replaces_it_with_the_same_data(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "demo")

    first = build_demo_store(settings, days=3, seed=11, scale=0.05)
    second = build_demo_store(settings, days=3, seed=11, scale=0.05)

    assert first == second
    with open_store(settings) as engine, transaction(engine) as session:
        stored = session.execute(select(func.count(Conversation.id))).scalar_one()
    assert stored == first[0]
