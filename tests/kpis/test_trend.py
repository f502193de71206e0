"""KPI trend lines for goals: Theil-Sen, so one bad week does not bend the line."""

from __future__ import annotations

import pytest

from cxqa.kpis.trend import Trend, fit_trend


def test_exact_line_is_recovered() -> None:
    points = [(float(day), 2.0 + 0.5 * day) for day in range(7)]
    trend = fit_trend(points)
    assert trend is not None
    assert trend.slope_per_day == pytest.approx(0.5)
    assert trend.intercept == pytest.approx(2.0)
    assert trend.points == 7
    assert trend.value_on(10.0) == pytest.approx(7.0)
    assert type(trend.slope_per_day) is float
    assert type(trend.intercept) is float


def test_point_order_does_not_matter() -> None:
    points = [(14.0, 80.0), (0.0, 90.0), (7.0, 85.0), (21.0, 75.0)]
    trend = fit_trend(points)
    assert trend is not None
    assert trend.slope_per_day == pytest.approx(-5 / 7)
    assert trend.intercept == pytest.approx(90.0)


def test_one_bad_week_barely_moves_the_slope() -> None:
    weeks = [(7.0 * week, 100.0 + 7.0 * week) for week in range(10)]
    weeks[6] = (42.0, 1000.0)
    trend = fit_trend(weeks)
    assert trend is not None
    # 36 of the 45 pairwise slopes avoid the bad week and are exactly 1, so their median is 1.
    # A least-squares line through the same points would have a slope of about 3.2.
    assert trend.slope_per_day == pytest.approx(1.0)
    assert trend.value_on(70.0) == pytest.approx(170.0)


def test_value_on_extends_the_line() -> None:
    trend = Trend(slope_per_day=-0.25, intercept=30.0, points=5)
    assert trend.value_on(0.0) == 30.0
    assert trend.value_on(40.0) == 20.0
    assert trend.value_on(-4.0) == 31.0


@pytest.mark.parametrize("points", [[], [(0.0, 1.0)], [(0.0, 1.0), (1.0, 2.0)]])
def test_fewer_than_three_points_give_no_trend(points: list[tuple[float, float]]) -> None:
    assert fit_trend(points) is None


def test_points_all_on_one_day_give_no_trend() -> None:
    assert fit_trend([(3.0, 1.0), (3.0, 5.0), (3.0, 2.0)]) is None


def test_repeated_days_still_fit_across_days() -> None:
    # Slopes between different days only: (3-1)/1 = 2 and (3-2)/1 = 1, median 1.5;
    # intercept = median value 2 - 1.5 x median day 0 = 2.
    trend = fit_trend([(0.0, 1.0), (0.0, 2.0), (1.0, 3.0)])
    assert trend is not None
    assert trend.slope_per_day == pytest.approx(1.5)
    assert trend.intercept == pytest.approx(2.0)
