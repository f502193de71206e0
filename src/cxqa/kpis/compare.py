"""Before/after: each KPI in two periods, the change, and whether it is more than chance.

The test fits the KPI: durations are skewed, so they are compared by rank (Mann-Whitney U);
rates by a two-proportion z-test (Fisher's exact test for small counts); score means by
Welch's t-test; NPS by a z-test on its own variance; volumes by an exact test on two Poisson
counts; time ratios (occupancy) by Welch's t-test over agent-days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scipy import stats

from cxqa.kpis.engine import KpiData
from cxqa.kpis.registry import Direction, Kind, Kpi
from cxqa.kpis.significance import (
    Significance,
    compare_durations,
    compare_means,
    compare_nps,
    compare_proportions,
)
from cxqa.kpis.table import KpiQuery, KpiRules, Row, kpi_table, kpi_values


@dataclass(frozen=True)
class Comparison:
    kpi: str
    figure: str
    before: float | None
    after: float | None
    change: float | None
    change_pct: float | None
    # "better", "worse", "same", or None when the direction means nothing (volume) or no data
    verdict: str | None
    before_count: int | None
    after_count: int | None
    significance: Significance


def compare_periods(
    data: KpiData,
    before: KpiQuery,
    after: KpiQuery,
    *,
    rules: KpiRules,
    as_of: datetime,
    alpha: float = 0.05,
) -> list[Comparison]:
    """Compare the headline figure of each KPI of `after` (same KPIs and filters) with `before`."""
    row_before = kpi_table(data, before, rules=rules, as_of=as_of)[0]
    row_after = kpi_table(data, after, rules=rules, as_of=as_of)[0]
    return [
        _compare(data, kpi, before, after, row_before, row_after, rules, as_of, alpha)
        for kpi in after.kpis
    ]


def _compare(
    data: KpiData,
    kpi: Kpi,
    before: KpiQuery,
    after: KpiQuery,
    row_before: Row,
    row_after: Row,
    rules: KpiRules,
    as_of: datetime,
    alpha: float,
) -> Comparison:
    headline = kpi.headline.name
    old, new = row_before.get(headline), row_after.get(headline)
    change = None if old is None or new is None else new - old
    count_name = f"{kpi.name}_count"
    return Comparison(
        kpi=kpi.name,
        figure=headline,
        before=old,
        after=new,
        change=change,
        change_pct=None if change is None or not old else 100.0 * change / abs(old),
        verdict=_verdict(kpi, change),
        before_count=row_before.get(count_name),
        after_count=row_after.get(count_name),
        significance=_test(data, kpi, before, after, row_before, row_after, rules, as_of, alpha),
    )


def _verdict(kpi: Kpi, change: float | None) -> str | None:
    if change is None or kpi.direction is Direction.NEUTRAL:
        return None
    if change == 0:
        return "same"
    improved = change < 0 if kpi.direction is Direction.LOWER else change > 0
    return "better" if improved else "worse"


def _test(
    data: KpiData,
    kpi: Kpi,
    before: KpiQuery,
    after: KpiQuery,
    row_before: Row,
    row_after: Row,
    rules: KpiRules,
    as_of: datetime,
    alpha: float,
) -> Significance:
    if kpi.kind is Kind.RATE:
        hits = kpi.figures[1].name
        return compare_proportions(
            row_before[hits] or 0,
            row_before[f"{kpi.name}_count"] or 0,
            row_after[hits] or 0,
            row_after[f"{kpi.name}_count"] or 0,
            alpha=alpha,
        )
    if kpi.kind is Kind.NPS:
        return compare_nps(_nps_counts(kpi, row_before), _nps_counts(kpi, row_after), alpha=alpha)
    if kpi.kind is Kind.COUNT:
        return compare_volumes(
            row_before[kpi.headline.name] or 0,
            _days(before),
            row_after[kpi.headline.name] or 0,
            _days(after),
            alpha=alpha,
        )
    values_before = kpi_values(data, kpi, before, rules=rules, as_of=as_of)
    values_after = kpi_values(data, kpi, after, rules=rules, as_of=as_of)
    if kpi.kind is Kind.DISTRIBUTION:
        return compare_durations(values_before, values_after, alpha=alpha)
    return compare_means(values_before, values_after, alpha=alpha)


def _nps_counts(kpi: Kpi, row: Row) -> tuple[int, int, int]:
    name = kpi.name
    return (
        row[f"{name}_promoters"] or 0,
        row[f"{name}_passives"] or 0,
        row[f"{name}_detractors"] or 0,
    )


def compare_volumes(
    before: int, before_days: int, after: int, after_days: int, *, alpha: float = 0.05
) -> Significance:
    """Two counts over periods of given lengths, as Poisson rates: given the total, the after
    count is binomial with p = after_days / all days when the daily rate did not change."""
    total = before + after
    name = "exact Poisson rate test"
    if total == 0:
        return Significance(name, None, None, None, alpha, "no conversations in either period")
    result = stats.binomtest(after, total, after_days / (before_days + after_days))
    p_value = float(result.pvalue)
    return Significance(name, float(after / after_days), p_value, p_value < alpha, alpha)


def _days(query: KpiQuery) -> int:
    return (query.last_day - query.first_day).days + 1
