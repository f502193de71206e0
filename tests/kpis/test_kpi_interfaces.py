"""The hand-worked KPI fixture through `cxqa kpi` and GET /api/v1/kpis: the same rows as
`kpi_table`, on SQLite and PostgreSQL.

The CLI and the API take "now" as the moment results are judged at. Nothing in the fixture
depends on it once the last repeat-contact window has closed (C18 started 2026-03-15 16:50 UTC,
so 2026-03-22 16:50 UTC) and the last SLA due time has passed (C06's resolution, 2026-03-16):
the rows are compared with `kpi_table` at LATE, any moment after those.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from api_client import ClientFactory
from cxqa.cli import app
from cxqa.kpis.engine import KpiData
from cxqa.kpis.service import json_ready
from cxqa.kpis.table import KpiQuery, KpiRules, kpi_table
from cxqa.settings import Settings
from kpi_fixture import FIRST_DAY, LAST_DAY, load_kpi_fixture

LATE = datetime(2026, 6, 1, tzinfo=UTC)
RANGE = ["--from", FIRST_DAY.isoformat(), "--to", LAST_DAY.isoformat()]
# (groupings, filters) asked the same way of the table, the CLI and the API
SHAPES = [
    ((), ()),
    (("team",), ()),
    (("agent",), ()),
    (("channel",), ()),
    (("day",), ()),
    (("week",), ()),
    (("tag",), ()),
    (("team", "channel"), ()),
    ((), (("segment", "vip"),)),
    (("team",), (("channel", "chat"),)),
]
SHAPE_IDS = ["all", "team", "agent", "channel", "day", "week", "tag", "team-channel", "vip", "chat"]


@pytest.fixture
def loaded(engine: Engine, settings: Settings) -> Engine:
    assert datetime.now(UTC) > LATE, "the comparison assumes every window of the fixture closed"
    load_kpi_fixture(engine, settings)
    return engine


@pytest.fixture
def cxqa(loaded: Engine, settings: Settings) -> CliRunner:
    return CliRunner(
        env={
            "CXQA_DATABASE_URL": settings.resolved_database_url,
            "CXQA_DATA_DIR": str(settings.data_dir),
        }
    )


def table_rows(
    engine: Engine,
    settings: Settings,
    by: tuple[str, ...] = (),
    filters: tuple[tuple[str, str], ...] = (),
) -> list[dict[str, Any]]:
    data = KpiData(engine, timezone=settings.timezone)
    try:
        data.refresh()
        query = KpiQuery(first_day=FIRST_DAY, last_day=LAST_DAY, by=by, filters=filters)
        rows = kpi_table(data, query, rules=KpiRules.from_settings(settings), as_of=LATE)
        return json_ready(rows)
    finally:
        data.close()


def cli_arguments(by: tuple[str, ...], filters: tuple[tuple[str, str], ...]) -> list[str]:
    arguments = ["kpi", *RANGE]
    for name in by:
        arguments += ["--by", name]
    for name, value in filters:
        arguments += [f"--{name}", value]
    return arguments


def from_csv(text: str) -> tuple[list[str], list[dict[str, Any]]]:
    """The CSV's header and rows, each cell read back: empty is null, numbers are numbers."""

    def value(cell: str) -> Any:
        if cell == "":
            return None
        for kind in (int, float):
            try:
                return kind(cell)
            except ValueError:
                pass
        return cell

    reader = csv.DictReader(io.StringIO(text))
    rows = [{name: value(cell) for name, cell in row.items()} for row in reader]
    return list(reader.fieldnames or []), rows


@pytest.mark.parametrize(("by", "filters"), SHAPES, ids=SHAPE_IDS)
def test_cli_json_and_csv_give_the_table_rows(
    cxqa: CliRunner,
    loaded: Engine,
    settings: Settings,
    by: tuple[str, ...],
    filters: tuple[tuple[str, str], ...],
) -> None:
    expected = table_rows(loaded, settings, by, filters)

    as_json = cxqa.invoke(app, [*cli_arguments(by, filters), "--format", "json"])
    as_csv = cxqa.invoke(app, [*cli_arguments(by, filters), "--format", "csv"])

    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout) == expected
    assert as_csv.exit_code == 0, as_csv.output
    header, rows = from_csv(as_csv.stdout)
    assert header == list(expected[0])
    assert rows == expected


@pytest.mark.parametrize(("by", "filters"), SHAPES, ids=SHAPE_IDS)
def test_api_gives_the_table_rows(
    client_for: ClientFactory,
    loaded: Engine,
    settings: Settings,
    by: tuple[str, ...],
    filters: tuple[tuple[str, str], ...],
) -> None:
    expected = table_rows(loaded, settings, by, filters)
    parameters: dict[str, Any] = {"from": FIRST_DAY.isoformat(), "to": LAST_DAY.isoformat()}
    parameters |= {"by": list(by)} | dict(filters)

    response = client_for().get("/api/v1/kpis", params=parameters)

    assert response.status_code == 200, response.text
    assert response.json() == expected


def test_cli_and_api_figures_are_the_hand_worked_ones(
    cxqa: CliRunner, client_for: ClientFactory
) -> None:
    """A few figures of tests/kpis/test_kpi_table.py, read straight off both interfaces."""
    kpis = ["conversations", "first_response_business_time", "fcr", "nps", "availability"]
    arguments = ["kpi", *RANGE, "--by", "team", "--format", "json"]
    for name in kpis:
        arguments += ["--kpi", name]
    cli = json.loads(cxqa.invoke(app, arguments).stdout)
    api = (
        client_for()
        .get(
            "/api/v1/kpis",
            params={"by": "team", "from": "2026-03-02", "to": "2026-03-15", "kpi": kpis},
        )
        .json()
    )

    assert cli == api
    vn, us = cli
    assert (vn["team"], vn["conversations_count"], us["team"], us["conversations_count"]) == (
        "cskh-vn",
        14,
        "support-us",
        5,
    )
    # support-us: C15 90, C16 1800, C14 7200 business seconds (Friday EST, Monday EDT)
    assert us["first_response_business_time_median"] == 1800
    assert us["first_response_business_time_p90"] == pytest.approx(6120)
    # every repeat window closed by now: cskh-vn's resolved conversations with a customer are
    # C01 C02 C03 C04 C05 C07 C09 C10 C17 C18 C19; first time: C07 C09 C10 C17 C18 C19
    assert (vn["fcr_resolved_first_time"], vn["fcr_count"]) == (6, 11)
    assert (us["nps_score"], us["nps_count"]) == (-50, 2)
    assert us["availability_pct"] == pytest.approx(100 * 43200 / 46800)
    assert list(cli[0]) == [
        "team",
        "team_name",
        "conversations_count",
        "first_response_business_time_median",
        "first_response_business_time_mean",
        "first_response_business_time_p90",
        "first_response_business_time_count",
        "fcr_pct",
        "fcr_resolved_first_time",
        "fcr_count",
        "nps_score",
        "nps_promoters",
        "nps_passives",
        "nps_detractors",
        "nps_count",
        "availability_pct",
        "availability_online_seconds",
        "availability_logged_in_seconds",
    ]


def test_an_unknown_kpi_is_a_422_naming_it(client_for: ClientFactory, loaded: Engine) -> None:
    response = client_for().get("/api/v1/kpis", params={"kpi": ["csat", "happiness"]})

    assert response.status_code == 422
    assert "unknown KPI happiness" in response.json()["detail"]


def test_an_unknown_grouping_is_a_422_naming_it(client_for: ClientFactory, loaded: Engine) -> None:
    response = client_for().get("/api/v1/kpis", params={"by": "colour"})

    assert response.status_code == 422
    assert "cannot group by colour" in response.json()["detail"]


def test_a_bad_by_exits_2_naming_it(cxqa: CliRunner) -> None:
    result = cxqa.invoke(app, ["kpi", *RANGE, "--by", "colour", "--format", "json"])

    assert result.exit_code == 2
    assert "cxqa kpi: cannot group by colour" in result.stderr
    assert result.stdout == ""


def test_an_unknown_kpi_exits_2_naming_it(cxqa: CliRunner) -> None:
    result = cxqa.invoke(app, ["kpi", *RANGE, "--kpi", "happiness"])

    assert result.exit_code == 2
    assert "unknown KPI happiness" in result.stderr
