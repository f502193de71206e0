"""Whether a KPI differs between two periods, each KPI tested the way its values are shaped.

All tests are two-sided. Every statistic is oriented as "after compared with before", so a
positive z or t, a U above n_after * n_before / 2 or an odds ratio above 1 means the KPI went up.
Too little data is a result (`significant=None` with a note), never an exception.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats

__all__ = [
    "Significance",
    "compare_durations",
    "compare_means",
    "compare_nps",
    "compare_proportions",
]

MIN_DURATIONS = 5
MIN_SCORES = 2
MIN_NPS_ANSWERS = 10
# The usual rule of thumb for when the normal approximation of a 2x2 table stops being trustworthy.
MIN_EXPECTED_CELL = 5.0

MANN_WHITNEY = "Mann-Whitney U"
WELCH = "Welch t-test"
TWO_PROPORTION_Z = "two-proportion z-test"
FISHER = "Fisher exact"
NPS_Z = "NPS z-test"


@dataclass(frozen=True)
class Significance:
    """The outcome of one two-period test; `significant` is None when there was too little data."""

    test: str
    statistic: float | None
    p_value: float | None
    significant: bool | None
    alpha: float
    # Why no test was run, or why a fallback test was chosen over the usual one.
    note: str | None = None


def compare_durations(
    before: Sequence[float], after: Sequence[float], *, alpha: float = 0.05
) -> Significance:
    """Mann-Whitney U: rank-based, because durations have long right tails that swamp a t-test."""
    _check_alpha(alpha)
    if min(len(before), len(after)) < MIN_DURATIONS:
        note = f"needs at least {MIN_DURATIONS} values in each period"
        return _untested(MANN_WHITNEY, alpha, note)
    result = stats.mannwhitneyu(after, before, alternative="two-sided")
    return _tested(MANN_WHITNEY, float(result.statistic), float(result.pvalue), alpha)


def compare_means(
    before: Sequence[float], after: Sequence[float], *, alpha: float = 0.05
) -> Significance:
    """Welch's t-test on score means; it does not assume both periods vary alike."""
    _check_alpha(alpha)
    if min(len(before), len(after)) < MIN_SCORES:
        return _untested(WELCH, alpha, f"needs at least {MIN_SCORES} values in each period")
    if len(set(before)) == 1 and len(set(after)) == 1:
        return _without_variation(WELCH, before[0] == after[0], alpha)
    # Worked out here rather than by scipy's ttest_ind, which warns of precision loss whenever
    # one period has no variation (every CSAT a 5): common, and fine for Welch's test.
    squared_se_before = statistics.variance(before) / len(before)
    squared_se_after = statistics.variance(after) / len(after)
    t = (statistics.fmean(after) - statistics.fmean(before)) / math.sqrt(
        squared_se_before + squared_se_after
    )
    df = _welch_degrees_of_freedom(squared_se_before, len(before), squared_se_after, len(after))
    return _tested(WELCH, t, float(2 * stats.t.sf(abs(t), df)), alpha)


def compare_proportions(
    before_hits: int,
    before_count: int,
    after_hits: int,
    after_count: int,
    *,
    alpha: float = 0.05,
) -> Significance:
    """Pooled two-proportion z-test, or Fisher's exact test when the 2x2 table is sparse."""
    _check_alpha(alpha)
    _check_hits(before_hits, before_count)
    _check_hits(after_hits, after_count)
    if before_count == 0 or after_count == 0:
        return _untested(TWO_PROPORTION_Z, alpha, "needs at least one case in each period")
    if _smallest_expected_cell(before_hits, before_count, after_hits, after_count) < (
        MIN_EXPECTED_CELL
    ):
        return _fisher(before_hits, before_count, after_hits, after_count, alpha)
    return _two_proportion_z(before_hits, before_count, after_hits, after_count, alpha)


def compare_nps(
    before: tuple[int, int, int], after: tuple[int, int, int], *, alpha: float = 0.05
) -> Significance:
    """z-test on the NPS difference, each answer scored promoter +1, passive 0, detractor -1.

    Counts are (promoters, passives, detractors); the statistic is on the -1..1 scale, not points.
    """
    _check_alpha(alpha)
    for counts in (before, after):
        if min(counts) < 0:
            raise ValueError(f"NPS counts cannot be negative: {counts}")
    if min(sum(before), sum(after)) < MIN_NPS_ANSWERS:
        return _untested(NPS_Z, alpha, f"needs at least {MIN_NPS_ANSWERS} answers in each period")
    nps_before, variance_before = _nps_and_variance(before)
    nps_after, variance_after = _nps_and_variance(after)
    se = math.sqrt(variance_before / sum(before) + variance_after / sum(after))
    if se == 0.0:
        return _without_variation(NPS_Z, nps_before == nps_after, alpha)
    return _z_result(NPS_Z, (nps_after - nps_before) / se, alpha)


def _welch_degrees_of_freedom(
    squared_se_before: float, count_before: int, squared_se_after: float, count_after: int
) -> float:
    # Welch-Satterthwaite: between the smaller sample's n - 1 and n_before + n_after - 2.
    return (squared_se_before + squared_se_after) ** 2 / (
        squared_se_before**2 / (count_before - 1) + squared_se_after**2 / (count_after - 1)
    )


def _two_proportion_z(
    before_hits: int, before_count: int, after_hits: int, after_count: int, alpha: float
) -> Significance:
    # Pooled, because the null hypothesis is that both periods share one rate.
    pooled = (before_hits + after_hits) / (before_count + after_count)
    se = math.sqrt(pooled * (1 - pooled) * (1 / before_count + 1 / after_count))
    difference = after_hits / after_count - before_hits / before_count
    return _z_result(TWO_PROPORTION_Z, difference / se, alpha)


def _fisher(
    before_hits: int, before_count: int, after_hits: int, after_count: int, alpha: float
) -> Significance:
    table = [
        [after_hits, after_count - after_hits],
        [before_hits, before_count - before_hits],
    ]
    result = stats.fisher_exact(table, alternative="two-sided")
    odds_ratio = float(result.statistic)
    p_value = float(result.pvalue)
    return Significance(
        test=FISHER,
        # The sample odds ratio is 0/0 when neither period has a hit (or a miss).
        statistic=None if math.isnan(odds_ratio) else odds_ratio,
        p_value=p_value,
        significant=p_value < alpha,
        alpha=alpha,
        note=f"an expected count is below {MIN_EXPECTED_CELL:g}, too few for the z-test",
    )


def _smallest_expected_cell(
    before_hits: int, before_count: int, after_hits: int, after_count: int
) -> float:
    # Expected cell = row total x column total / grand total; the smallest pairs the smaller row
    # with the smaller column.
    total = before_count + after_count
    hits = before_hits + after_hits
    return min(before_count, after_count) * min(hits, total - hits) / total


def _nps_and_variance(counts: tuple[int, int, int]) -> tuple[float, float]:
    promoters, _, detractors = counts
    answers = sum(counts)
    share_promoters = promoters / answers
    share_detractors = detractors / answers
    nps = share_promoters - share_detractors
    # Variance of a +1/0/-1 score: E[x^2] - E[x]^2, and E[x^2] is the promoter + detractor share.
    return nps, share_promoters + share_detractors - nps**2


def _z_result(test: str, z: float, alpha: float) -> Significance:
    p_value = float(2 * stats.norm.sf(abs(z)))
    return _tested(test, z, p_value, alpha)


def _without_variation(test: str, same: bool, alpha: float) -> Significance:
    # Neither period varies, so the standard error is zero: equal values are plainly no change,
    # different ones cannot be tested.
    if same:
        return Significance(test, 0.0, 1.0, False, alpha, note="both periods hold one same value")
    return _untested(test, alpha, "neither period varies, so no test can be run")


def _tested(test: str, statistic: float, p_value: float, alpha: float) -> Significance:
    return Significance(test, statistic, p_value, p_value < alpha, alpha)


def _untested(test: str, alpha: float, note: str) -> Significance:
    return Significance(test, None, None, None, alpha, note=note)


def _check_alpha(alpha: float) -> None:
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")


def _check_hits(hits: int, count: int) -> None:
    if not 0 <= hits <= count:
        raise ValueError(f"hits must be between 0 and the count, got {hits} of {count}")
