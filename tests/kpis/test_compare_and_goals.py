"""Before/after comparisons and goals, on a store where one agent got faster in March."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from api_client import ClientFactory
from cxqa.kpis.compare import compare_periods, compare_volumes
from cxqa.kpis.goals import GoalIn, create_goal, goal_progress, list_goals
from cxqa.kpis.registry import kpis_named
from cxqa.kpis.service import KpiService
from cxqa.kpis.table import KpiQuery
from cxqa.settings import Settings
from cxqa.store.db import transaction
from importing import import_path
from kpi_records import chat, write

AS_OF = datetime(2026, 5, 1, tzinfo=UTC)
FEBRUARY = (date(2026, 2, 2), date(2026, 2, 27))
MARCH = (date(2026, 3, 2), date(2026, 3, 27))


def workdays(first: date, last: date) -> list[str]:
    return [
        date.fromordinal(day).isoformat()
        for day in range(first.toordinal(), last.toordinal() + 1)
        if date.fromordinal(day).weekday() < 5
    ]


@pytest.fixture
def service(engine: Engine, settings: Settings, tmp_path: Path) -> Iterator[KpiService]:
    # February: 3 chats a workday answered in 300-340 s, half of them rated 5 and half 2.
    # March: 4 chats a workday answered in 60-100 s, three in four rated 5.
    records = [
        chat(n, 300 + 20 * n, day=day, csat=5 if n == 1 else 2 if n == 2 else None)
        for day in workdays(*FEBRUARY)
        for n in range(3)
    ] + [
        chat(n, 60 + 10 * n, day=day, csat=2 if n == 0 else 5)
        for day in workdays(*MARCH)
        for n in range(4)
    ]
    import_path(engine, write(tmp_path / "chats.jsonl", *records))
    kpi_service = KpiService(engine, settings)
    yield kpi_service
    kpi_service.close()


def period(first: date, last: date, *names: str) -> KpiQuery:
    return KpiQuery(first_day=first, last_day=last, kpis=kpis_named(list(names)))


def test_a_real_improvement_is_significant_and_better(service: KpiService) -> None:
    service.refresh()
    names = ("first_response_time", "csat", "conversations")
    found = compare_periods(
        service.data,
        period(*FEBRUARY, *names),
        period(*MARCH, *names),
        rules=service.rules,
        as_of=AS_OF,
    )
    by_kpi = {c.kpi: c for c in found}

    response = by_kpi["first_response_time"]
    # medians: February's values are 300, 320, 340 each day -> 320; March's 60..90 -> 75
    assert (response.before, response.after, response.change) == (320.0, 75.0, -245.0)
    assert response.verdict == "better"
    assert response.significance.test == "Mann-Whitney U"
    assert response.significance.significant is True

    csat = by_kpi["csat"]
    # 20 workdays: February 20 of 40 answers satisfied (50 %), March 60 of 80 (75 %)
    assert (csat.before, csat.after) == (50.0, 75.0)
    assert (csat.before_count, csat.after_count) == (40, 80)
    assert csat.significance.test == "two-proportion z-test"
    pooled = 80 / 120
    z = (0.75 - 0.5) / math.sqrt(pooled * (1 - pooled) * (1 / 40 + 1 / 80))
    assert csat.significance.statistic == pytest.approx(z)
    assert csat.significance.significant is True

    volume = by_kpi["conversations"]
    assert (volume.before, volume.after) == (60, 80)
    assert volume.verdict is None  # more conversations is neither better nor worse
    assert volume.significance.test == "exact Poisson rate test"


def test_volumes_are_compared_as_poisson_rates() -> None:
    # equal periods: under no change the after count is Binomial(n=250, p=1/2); two-sided
    # p = 2 * P(X >= 150)
    expected = 2 * sum(math.comb(250, k) for k in range(150, 251)) / 2**250
    result = compare_volumes(100, 10, 150, 10)
    assert result.p_value == pytest.approx(expected, rel=1e-9)
    assert result.significant is True
    assert compare_volumes(0, 7, 0, 7).significant is None


def test_a_relative_goal_is_measured_against_its_baseline(
    service: KpiService, engine: Engine
) -> None:
    goal = GoalIn(
        name="Nhanh hơn 20 %",
        figure="first_response_time_median",
        target_change_pct=-20,
        starts_on=MARCH[0],
        deadline=date(2026, 3, 31),
        baseline_from=FEBRUARY[0],
        baseline_to=FEBRUARY[1],
    )
    with transaction(engine) as session:
        create_goal(session, service, goal)
    with transaction(engine) as session:
        [stored] = list_goals(session)
        assert (stored.baseline_value, stored.target_value) == (320.0, 256.0)
        during = goal_progress(service, stored, today=date(2026, 3, 20))
        after = goal_progress(service, stored, today=date(2026, 4, 15))
    assert during.current_value == 75.0
    # 320 -> 75 against 320 -> 256: (75 - 320) / (256 - 320) = 382.8 % of the way
    assert during.progress_pct == pytest.approx(100 * 245 / 64)
    assert during.status == "on track"
    assert after.status == "achieved"


def test_a_goal_with_no_baseline_data_cannot_be_relative(
    service: KpiService, engine: Engine
) -> None:
    goal = GoalIn(
        name="CSAT",
        figure="csat_pct",
        target_change_pct=10,
        starts_on=date(2026, 1, 5),
        deadline=date(2026, 1, 30),
    )
    with transaction(engine) as session, pytest.raises(ValueError, match="no csat_pct between"):
        create_goal(session, service, goal)


def test_goal_input_is_checked() -> None:
    with pytest.raises(ValueError, match="unknown KPI figure"):
        GoalIn(name="x", figure="speed", target_value=1, starts_on=MARCH[0], deadline=MARCH[1])
    with pytest.raises(ValueError, match="either a target value or a target change"):
        GoalIn(name="x", figure="csat_pct", starts_on=MARCH[0], deadline=MARCH[1])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"figure": "conversations_count", "target_value": 10}, "is a count"),
        ({"target_value": 105}, "out of reach"),
        ({"baseline_from": MARCH[0]}, "both ends of the baseline"),
    ],
)
def test_goals_that_cannot_be_judged_are_refused(changes: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {
        "name": "x",
        "figure": "csat_pct",
        "target_value": 80,
        "starts_on": MARCH[0],
        "deadline": MARCH[1],
    }
    with pytest.raises(ValueError, match=message):
        GoalIn.model_validate(fields | changes)


def test_the_api_compares_periods_and_keeps_goals(
    service: KpiService, client_for: ClientFactory
) -> None:
    client = client_for()

    compared = client.get(
        "/api/v1/kpis/compare",
        params={
            "before_from": "2026-02-02",
            "before_to": "2026-02-27",
            "after_from": "2026-03-02",
            "after_to": "2026-03-27",
            "kpi": ["csat"],
        },
    )
    created = client.post(
        "/api/v1/goals",
        json={
            "name": "CSAT 70",
            "figure": "csat_pct",
            "target_value": 70,
            "starts_on": "2026-03-02",
            "deadline": "2026-03-27",
            "baseline_from": "2026-02-02",
            "baseline_to": "2026-02-27",
        },
    )
    refused = client.post(
        "/api/v1/goals",
        json={
            "name": "x",
            "figure": "nope",
            "target_value": 1,
            "starts_on": "2026-03-02",
            "deadline": "2026-03-27",
        },
    )

    assert compared.status_code == 200
    [csat] = compared.json()
    assert (csat["before"], csat["after"], csat["verdict"]) == (50.0, 75.0, "better")
    assert csat["significance"]["test"] == "two-proportion z-test"
    assert created.status_code == 201
    goal = created.json()
    assert (goal["baseline_value"], goal["current_value"]) == (50.0, 75.0)
    assert goal["status"] == "achieved"  # the deadline has passed, at 75 % of a 70 % target
    assert [g["name"] for g in client.get("/api/v1/goals").json()] == ["CSAT 70"]
    assert refused.status_code == 422
    assert client.delete(f"/api/v1/goals/{goal['id']}").status_code == 204
    assert client.get("/api/v1/goals").json() == []
