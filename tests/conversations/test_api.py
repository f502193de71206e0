"""Listing and reading conversations through the API."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from api_client import ClientFactory
from conftest import FIXTURES
from cxqa.ingest.writer import StoreWriter
from importing import import_path


@pytest.fixture
def sample(engine: Engine, writer: StoreWriter) -> None:
    import_path(engine, FIXTURES / "canonical_sample.jsonl", writer=writer, batch_size=2)


def external_ids(response_json: dict[str, list[dict[str, str]]]) -> list[str]:
    return [item["external_id"] for item in response_json["items"]]


@pytest.mark.usefixtures("sample")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["call-77002", "call-77001", "z-1001", "em-9001"]),
        ("?channel=phone", ["call-77002", "call-77001"]),
        ("?team=cskh-shop", ["z-1001", "em-9001"]),
        ("?agent=lan.nguyen", ["call-77001", "z-1001", "em-9001"]),
        ("?status=closed", ["em-9001"]),
        # local days in Asia/Ho_Chi_Minh: the e-mail arrived at 22:15 on 1 November
        ("?from=2026-11-02&to=2026-11-02", ["call-77002", "call-77001", "z-1001"]),
        ("?to=2026-11-01", ["em-9001"]),
        ("?from=2026-11-03", []),
    ],
)
def test_filters(client_for: ClientFactory, query: str, expected: list[str]) -> None:
    response = client_for().get(f"/api/v1/conversations{query}")

    assert response.status_code == 200
    assert external_ids(response.json()) == expected


@pytest.mark.usefixtures("sample")
def test_cursor_pages_through_everything_once(client_for: ClientFactory) -> None:
    client = client_for()
    seen: list[str] = []
    url = "/api/v1/conversations?limit=3"
    while url:
        body = client.get(url).json()
        seen += external_ids(body)
        url = (
            f"/api/v1/conversations?limit=3&cursor={body['next_cursor']}"
            if body["next_cursor"]
            else ""
        )

    assert seen == ["call-77002", "call-77001", "z-1001", "em-9001"]


@pytest.mark.usefixtures("sample")
def test_detail_has_every_fact(client_for: ClientFactory) -> None:
    client = client_for()
    listed = client.get("/api/v1/conversations?channel=phone").json()["items"]
    call_id = next(item["id"] for item in listed if item["external_id"] == "call-77001")

    detail = client.get(f"/api/v1/conversations/{call_id}").json()

    assert [leg["outcome"] for leg in detail["calls"]] == ["transferred", "answered"]
    assert detail["calls"][0]["transferred_to_agent"] == "lan.nguyen"
    assert len(detail["calls"][0]["holds"]) == 1
    assert [e["kind"] for e in detail["events"]] == ["transferred", "status"]
    assert {s["kind"]: s["score"] for s in detail["surveys"]} == {"nps": 6, "ces": 3}
    assert detail["customer"]["identities"] == {"phone": ["+84987654321"]}


@pytest.mark.usefixtures("sample")
def test_unknown_conversation_and_bad_cursor(client_for: ClientFactory) -> None:
    client = client_for()

    assert client.get("/api/v1/conversations/999999").status_code == 404
    assert client.get("/api/v1/conversations?cursor=garbage").status_code == 400
    assert client.get("/api/v1/conversations?channel=fax").status_code == 422


@pytest.mark.usefixtures("sample")
def test_a_forged_cursor_without_a_time_zone_is_a_400(client_for: ClientFactory) -> None:
    import base64

    forged = base64.urlsafe_b64encode(b"2024-05-01T00:00:00|5").decode()

    assert client_for().get(f"/api/v1/conversations?cursor={forged}").status_code == 400
    assert client_for().get(f"/conversations?cursor={forged}").status_code == 400
