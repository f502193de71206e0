"""The conversation pages, as a browser receives them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import Engine, select

from api_client import ClientFactory
from cxqa.conversations.models import Conversation
from cxqa.ingest.writer import StoreWriter
from cxqa.store.db import transaction
from importing import import_path

HOSTILE = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def import_lines(
    engine: Engine, writer: StoreWriter, path: Path, *records: dict[str, object]
) -> None:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    import_path(engine, path, writer=writer, batch_size=10)


def hostile_conversation() -> dict[str, object]:
    return {
        "source": "zalo",
        "id": "x-1",
        "channel": "zalo",
        "subject": HOSTILE,
        "team": "cskh",
        "customer": {"id": "evil", "name": HOSTILE, "attributes": {"note": HOSTILE}},
        "messages": [
            {"role": "customer", "at": "2026-11-02T09:00:00+07:00", "text": HOSTILE},
            {
                "role": "agent",
                "at": "2026-11-02T09:01:00+07:00",
                "text": '<a href="javascript:alert(1)">bấm vào đây</a>',
                "author_name": HOSTILE,
            },
        ],
        "surveys": [
            {"type": "csat", "score": 1, "at": "2026-11-02T10:00:00+07:00", "comment": HOSTILE}
        ],
    }


def test_list_shows_conversations_with_local_times(
    engine: Engine, writer: StoreWriter, client_for: ClientFactory, tmp_path: Path
) -> None:
    import_lines(engine, writer, tmp_path / "a.jsonl", hostile_conversation())

    page = client_for().get("/conversations")

    assert page.status_code == 200
    assert 'Conversations <span class="count">1</span>' in page.text
    assert "2026-11-02 09:00" in page.text  # Asia/Ho_Chi_Minh, not UTC 02:00


def test_customer_text_is_escaped_everywhere(
    engine: Engine, writer: StoreWriter, client_for: ClientFactory, tmp_path: Path
) -> None:
    import_lines(engine, writer, tmp_path / "a.jsonl", hostile_conversation())
    with transaction(engine) as session:
        conversation_id = session.scalars(select(Conversation.id)).one()
    client = client_for()

    pages = [
        client.get("/conversations").text,
        client.get(f"/conversations/{conversation_id}").text,
    ]

    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html


def test_pages_forbid_inline_script(engine: Engine, client_for: ClientFactory) -> None:
    response = client_for().get("/conversations")

    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_filter_by_channel_and_empty_state(
    engine: Engine, writer: StoreWriter, client_for: ClientFactory, tmp_path: Path
) -> None:
    import_lines(engine, writer, tmp_path / "a.jsonl", hostile_conversation())
    client = client_for()

    zalo = client.get("/conversations?channel=zalo")
    phone = client.get("/conversations?channel=phone")
    bad = client.get("/conversations?channel=fax")

    assert "bấm vào đây" not in zalo.text  # the list shows the customer's first message
    assert 'class="count">1<' in zalo.text
    assert "No conversations match these filters" in phone.text
    assert bad.status_code == 400


def test_conversation_page_shows_transcript_and_survey(
    engine: Engine, writer: StoreWriter, client_for: ClientFactory, tmp_path: Path
) -> None:
    import_lines(engine, writer, tmp_path / "a.jsonl", hostile_conversation())
    with transaction(engine) as session:
        conversation_id = session.scalars(select(Conversation.id)).one()

    html = client_for().get(f"/conversations/{conversation_id}").text

    assert "bấm vào đây" in html
    assert "CSAT 1" in html
    assert client_for().get("/conversations/424242").status_code == 404


def test_api_docs_load_nothing_from_the_internet(engine: Engine, client_for: ClientFactory) -> None:
    client = client_for()

    for path in ("/docs", "/redoc"):
        html = client.get(path).text
        assert re.search(r"https?://", html) is None
        assert "/static-offline-docs/" in html


def test_too_many_agents_for_a_drop_down_get_a_text_field(
    engine: Engine, writer: StoreWriter, client_for: ClientFactory, tmp_path: Path
) -> None:
    agents = [{"type": "agent", "id": f"a{n:03d}", "name": f"Agent {n}"} for n in range(201)]
    import_lines(engine, writer, tmp_path / "agents.jsonl", *agents)
    client = client_for()

    many = client.get("/conversations").text
    filtered = client.get("/conversations?agent=a007").text

    assert '<input type="text" name="agent"' in many
    assert "Agent 150" not in many
    assert 'value="a007"' in filtered
