"""The current trend of a KPI over time, for projecting when a goal will be reached."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats

__all__ = ["Trend", "fit_trend"]

MIN_POINTS = 3


@dataclass(frozen=True)
class Trend:
    """A straight line through a KPI's history; `points` is how many values it was fitted on."""

    slope_per_day: float
    intercept: float
    points: int

    def value_on(self, day: float) -> float:
        """The line's value on a day number, on the same day scale as the fitted points."""
        return self.intercept + self.slope_per_day * day


def fit_trend(points: Sequence[tuple[float, float]]) -> Trend | None:
    """Theil-Sen line through (day, value) points; None with fewer than 3 points or 1 day.

    Theil-Sen takes the median of the pairwise slopes, so one bad week barely moves it where a
    least-squares line would be dragged towards it.
    """
    if len(points) < MIN_POINTS:
        return None
    days = [day for day, _ in points]
    if min(days) == max(days):
        return None
    values = [value for _, value in points]
    result = stats.theilslopes(values, days)
    return Trend(float(result.slope), float(result.intercept), len(points))
