"""REST ingest: same validation, errors and write path as the importer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import Engine

from api_client import ClientFactory
from cxqa.ingest.writer import StoreWriter
from importing import import_path
from store_snapshot import count


def conversation(external_id: str = "api-1", **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source": "web-chat",
        "id": external_id,
        "channel": "chat",
        "team": "cskh",
        "messages": [
            {"role": "customer", "at": "2026-11-02T09:00:00+07:00", "text": "alo shop"},
            {"role": "agent", "agent": "lan", "at": "2026-11-02T09:00:40+07:00", "text": "Dạ"},
        ],
    }
    return record | changes


def test_upsert_creates_then_reports_unchanged(engine: Engine, client_for: ClientFactory) -> None:
    client = client_for()

    created = client.post("/api/v1/conversations", json=conversation())
    again = client.post("/api/v1/conversations", json=conversation())
    changed = client.post("/api/v1/conversations", json=conversation(priority="urgent"))

    assert created.status_code == 201
    assert created.json()["created"] == 1
    assert created.json()["messages_written"] == 2
    assert (again.status_code, again.json()["unchanged"]) == (200, 1)
    assert (changed.status_code, changed.json()["updated"]) == (200, 1)
    assert count(engine, "conversations") == 1


def test_invalid_conversation_gets_the_importers_errors(
    engine: Engine, client_for: ClientFactory
) -> None:
    client = client_for()
    bad = conversation(channel="fax")
    bad["messages"][0]["at"] = "2026-11-02T09:00:00"

    response = client.post("/api/v1/conversations", json=bad)

    assert response.status_code == 422
    problems = {(p["field"], p["message"].split(";")[0]) for p in response.json()["rejected"]}
    assert ("messages[0].at", "timestamp has no UTC offset") in problems
    assert any(field == "channel" for field, _ in problems)
    assert count(engine, "conversations") == 0


def test_batch_writes_the_valid_and_reports_each_invalid(
    engine: Engine, client_for: ClientFactory
) -> None:
    client = client_for()
    batch = [
        {"type": "team", "id": "cskh", "name": "CSKH"},
        conversation("a"),
        conversation("b", channel="pager"),
        conversation("a"),
    ]

    response = client.post("/api/v1/records", json=batch)

    body = response.json()
    assert response.status_code == 200
    assert body["created"] == 1
    assert [(p["item"], p["field"]) for p in body["rejected"]] == [(3, "channel"), (4, "id")]


def test_malformed_json_body_is_a_clear_422(engine: Engine, client_for: ClientFactory) -> None:
    client = client_for()

    response = client.post(
        "/api/v1/conversations",
        content=b'{"source": "x", ',
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 422
    assert "Invalid JSON" in response.json()["rejected"][0]["message"]


def test_api_token_is_required_when_configured(engine: Engine, client_for: ClientFactory) -> None:
    token = "a-long-enough-secret-token"
    client = client_for(api_token=SecretStr(token))
    good = {"Authorization": f"Bearer {token}"}
    wrong = {"Authorization": "Bearer not-the-token-at-all-no"}

    assert client.get("/api/v1/conversations").status_code == 401
    assert client.get("/api/v1/conversations", headers=wrong).status_code == 401
    assert client.post("/api/v1/conversations", json=conversation()).status_code == 401
    assert client.post("/api/v1/records", json=[conversation()], headers=wrong).status_code == 401
    assert client.get("/api/v1/conversations", headers=good).status_code == 200
    assert (
        client.post("/api/v1/conversations", json=conversation(), headers=good).status_code == 201
    )
    assert count(engine, "conversations") == 1


def test_an_empty_or_short_token_is_refused_at_start() -> None:
    from pydantic import ValidationError

    from cxqa.settings import Settings

    for value in ("", "short"):
        with pytest.raises(ValidationError, match="at least 16 characters"):
            Settings(api_token=SecretStr(value))


def test_oversized_body_is_refused_before_reading(
    engine: Engine, client_for: ClientFactory
) -> None:
    response = client_for().post(
        "/api/v1/records",
        content=b"[]",
        headers={"content-type": "application/json", "content-length": str(65 * 2**20)},
    )

    assert response.status_code == 413


def test_openapi_documents_the_ingest_body(engine: Engine, client_for: ClientFactory) -> None:
    schema = client_for().get("/openapi.json").json()

    body = schema["paths"]["/api/v1/conversations"]["post"]["requestBody"]
    assert "messages" in body["content"]["application/json"]["schema"]["properties"]


def test_import_runs_and_their_problems_are_readable(
    engine: Engine, writer: StoreWriter, client_for: ClientFactory, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(conversation("ok")) + "\n" + '{"source": "x"}\n')
    summary = import_path(engine, path, writer=writer, batch_size=10)
    client = client_for()

    runs = client.get("/api/v1/imports").json()
    problems = client.get(f"/api/v1/imports/{summary.run_id}/problems").json()

    assert runs[0]["id"] == summary.run_id
    assert (runs[0]["conversations_created"], runs[0]["records_skipped"]) == (1, 1)
    assert {(p["line"], p["field"]) for p in problems} == {(2, "id"), (2, "channel")}
    assert client.get("/api/v1/imports/9999/problems").status_code == 404


def test_a_conversation_imported_from_a_file_is_unchanged_when_posted_again(
    engine: Engine, writer: StoreWriter, client_for: ClientFactory, tmp_path: Path
) -> None:
    record = conversation("same")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record, indent=None, separators=(",", ":")) + "\n")
    import_path(engine, path, writer=writer, batch_size=10)
    reordered = dict(reversed(list(record.items())))

    response = client_for().post("/api/v1/conversations", json=reordered)

    assert (response.status_code, response.json()["unchanged"]) == (200, 1)
