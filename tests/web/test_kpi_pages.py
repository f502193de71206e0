"""The KPI page shows the registry's KPIs with their counts, escapes names, and exports CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import Engine

from api_client import ClientFactory
from importing import import_path
from kpi_records import chat

HOSTILE = '<script>alert("x")</script>'


def load(engine: Engine, tmp_path: Path) -> None:
    records = [
        {"type": "agent", "id": "an", "name": f"An {HOSTILE}"},
        chat(1, 60, csat=5),
        chat(2, 180, csat=2),
        chat(3, 120),
    ]
    path = tmp_path / "chats.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    import_path(engine, path)


def test_the_page_shows_headline_figures_with_their_counts(
    engine: Engine, client_for: ClientFactory, tmp_path: Path
) -> None:
    load(engine, tmp_path)
    client = client_for()

    page = client.get("/kpis?by=agent&from=2026-03-01&to=2026-03-31")

    assert page.status_code == 200
    assert "First response time" in page.text
    assert "Thời gian phản hồi đầu tiên" in page.text
    assert "2m 00s" in page.text  # the median of 60, 120 and 180 s
    assert "50.0 %" in page.text  # CSAT: one of the two answers is 4 or 5
    assert "n = 2" in page.text
    assert HOSTILE not in page.text
    assert "&lt;script&gt;" in page.text


def test_the_csv_export_has_every_figure(
    engine: Engine, client_for: ClientFactory, tmp_path: Path
) -> None:
    load(engine, tmp_path)
    client = client_for()

    export = client.get("/kpis.csv?from=2026-03-01&to=2026-03-31&kpi=first_response_time&kpi=csat")

    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(export.text)))
    assert list(row) == [
        "first_response_time_median",
        "first_response_time_mean",
        "first_response_time_p90",
        "first_response_time_count",
        "csat_pct",
        "csat_satisfied",
        "csat_count",
    ]
    assert float(row["first_response_time_p90"]) == 168.0  # 120 + 0.8 × (180 − 120)
    assert row["csat_count"] == "2"


def test_a_bad_request_says_what_is_wrong(engine: Engine, client_for: ClientFactory) -> None:
    client = client_for()

    response = client.get("/kpis?from=2026-03-31&to=2026-03-01")

    assert response.status_code == 400
    assert "ends (2026-03-01) before it starts" in response.text
