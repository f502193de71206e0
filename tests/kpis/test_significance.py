"""Two-period significance tests, pinned against numbers worked out by hand, not by scipy."""

from __future__ import annotations

from math import comb

import pytest

from cxqa.kpis.significance import (
    Significance,
    compare_durations,
    compare_means,
    compare_nps,
    compare_proportions,
)


def assert_plain_floats(result: Significance) -> None:
    # numpy scalars subclass float, so isinstance would let them through.
    assert type(result.statistic) is float
    assert type(result.p_value) is float


def assert_untested(result: Significance, note_part: str) -> None:
    assert result.statistic is None
    assert result.p_value is None
    assert result.significant is None
    assert result.note is not None
    assert note_part in result.note


# Durations: Mann-Whitney U


def test_durations_that_clearly_differ_are_significant() -> None:
    before = [10.0, 12.0, 14.0, 16.0, 18.0, 20.0]
    after = [30.0, 32.0, 34.0, 36.0, 38.0, 40.0]
    result = compare_durations(before, after)
    # Every after value beats every before value: U = 6 x 6 = 36, the most extreme of the
    # C(12, 6) = 924 equally likely rankings, so the exact two-sided p is 2 / 924.
    assert result.test == "Mann-Whitney U"
    assert result.statistic == 36.0
    assert result.p_value == pytest.approx(2 / 924)
    assert result.significant is True
    assert result.alpha == 0.05
    assert_plain_floats(result)


def test_durations_from_the_same_distribution_are_not_significant() -> None:
    before = [45.0, 310.0, 12.0, 95.0, 600.0, 30.0, 150.0, 75.0, 20.0, 240.0]
    after = [150.0, 20.0, 600.0, 45.0, 75.0, 240.0, 12.0, 310.0, 30.0, 95.0]
    result = compare_durations(before, after)
    # The same values shuffled: U sits at its null mean, 10 x 10 / 2.
    assert result.statistic == 50.0
    assert result.p_value is not None
    assert result.p_value > 0.05
    assert result.significant is False


def test_durations_interleaved_are_not_significant() -> None:
    before = [float(v) for v in range(1, 20, 2)]
    after = [float(v) for v in range(2, 21, 2)]
    result = compare_durations(before, after)
    assert result.p_value is not None
    assert result.p_value > 0.05
    assert result.significant is False


def test_all_equal_durations_are_no_change() -> None:
    result = compare_durations([60.0] * 5, [60.0] * 6)
    assert result.p_value == 1.0
    assert result.significant is False


@pytest.mark.parametrize(
    ("before", "after"),
    [([], []), ([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0, 5.0]), ([1.0] * 9, [])],
)
def test_durations_need_five_values_each_side(before: list[float], after: list[float]) -> None:
    result = compare_durations(before, after)
    assert result.test == "Mann-Whitney U"
    assert_untested(result, "at least 5 values")


def test_alpha_decides_significance() -> None:
    before = [10.0, 12.0, 14.0, 16.0, 18.0, 20.0]
    after = [30.0, 32.0, 34.0, 36.0, 38.0, 40.0]
    # p = 2 / 924 = 0.00216...: significant at 0.01, not at 0.001.
    assert compare_durations(before, after, alpha=0.01).significant is True
    strict = compare_durations(before, after, alpha=0.001)
    assert strict.significant is False
    assert strict.alpha == 0.001


@pytest.mark.parametrize("alpha", [0.0, 1.0, -0.05, 5.0])
def test_alpha_outside_zero_to_one_is_refused(alpha: float) -> None:
    with pytest.raises(ValueError, match="alpha"):
        compare_durations([1.0] * 5, [2.0] * 5, alpha=alpha)


# Means: Welch's t-test


def test_welch_t_matches_hand_computation() -> None:
    before = [1.0, 2.0, 3.0, 4.0, 5.0]
    after = [3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    result = compare_means(before, after)
    # Means 3 and 5.5; sample variances 10/4 = 2.5 and 17.5/5 = 3.5.
    # se = sqrt(2.5/5 + 3.5/6) = sqrt(1.083333) = 1.040833; t = 2.5 / 1.040833 = 2.401922.
    # Welch df = 1.083333^2 / (0.5^2/4 + 0.583333^2/5) = 8.989. From a t table at 9 df the
    # two-sided 5 % critical value is 2.262 and the 2 % one 2.821, so 0.02 < p < 0.05.
    assert result.test == "Welch t-test"
    assert result.statistic == pytest.approx(2.401922, abs=1e-6)
    assert result.p_value is not None
    assert 0.02 < result.p_value < 0.05
    assert result.significant is True
    assert_plain_floats(result)


def test_welch_t_is_negative_when_the_mean_falls() -> None:
    result = compare_means([3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0])
    assert result.statistic == pytest.approx(-2.401922, abs=1e-6)


def test_welch_with_one_constant_period_still_tests() -> None:
    # Only the after period varies: se = sqrt(0 + 1/3) and t = (5 - 4) / 0.577350 = 1.732051.
    result = compare_means([4.0, 4.0, 4.0], [4.0, 5.0, 6.0])
    assert result.statistic == pytest.approx(1.732051, abs=1e-6)
    assert result.significant is False


def test_identical_constant_means_are_no_change() -> None:
    result = compare_means([4.0, 4.0, 4.0], [4.0, 4.0])
    assert result.statistic == 0.0
    assert result.p_value == 1.0
    assert result.significant is False


def test_different_constant_means_cannot_be_tested() -> None:
    result = compare_means([4.0, 4.0, 4.0], [5.0, 5.0, 5.0])
    assert_untested(result, "neither period varies")


@pytest.mark.parametrize(("before", "after"), [([], []), ([4.0], [3.0, 5.0]), ([1.0, 2.0], [])])
def test_means_need_two_values_each_side(before: list[float], after: list[float]) -> None:
    assert_untested(compare_means(before, after), "at least 2 values")


# Rates: two-proportion z-test, Fisher's exact test for sparse tables


def test_two_proportion_z_matches_hand_computation() -> None:
    result = compare_proportions(40, 200, 60, 200)
    # p1 = 0.30, p2 = 0.20, pooled p = 100/400 = 0.25.
    # se = sqrt(0.25 x 0.75 x (1/200 + 1/200)) = sqrt(0.001875) = 0.0433013
    # z = 0.10 / 0.0433013 = 2.309401; two-sided p = 2 x (1 - Phi(2.309401)) = 0.0209213.
    # Smallest expected cell: 200 x 100 / 400 = 50, well above 5, so the z-test applies.
    assert result.test == "two-proportion z-test"
    assert result.statistic == pytest.approx(2.309401, abs=1e-6)
    assert result.p_value == pytest.approx(0.0209213, abs=1e-7)
    assert result.significant is True
    assert result.note is None
    assert_plain_floats(result)


def test_two_proportion_z_is_negative_when_the_rate_falls() -> None:
    result = compare_proportions(60, 200, 40, 200)
    assert result.statistic == pytest.approx(-2.309401, abs=1e-6)
    assert result.p_value == pytest.approx(0.0209213, abs=1e-7)


def test_equal_rates_are_not_significant() -> None:
    result = compare_proportions(30, 100, 60, 200)
    assert result.statistic == pytest.approx(0.0, abs=1e-12)
    assert result.p_value == pytest.approx(1.0)
    assert result.significant is False


def fisher_two_sided(hits_a: int, count_a: int, hits_b: int, count_b: int) -> float:
    """Two-sided Fisher p by the hypergeometric formula: all tables no likelier than this one."""
    hits = hits_a + hits_b
    total = count_a + count_b

    def probability(k: int) -> float:
        return comb(count_a, k) * comb(count_b, hits - k) / comb(total, hits)

    seen = probability(hits_a)
    tables = range(max(0, hits - count_b), min(hits, count_a) + 1)
    return sum(p for p in (probability(k) for k in tables) if p <= seen * (1 + 1e-7))


@pytest.mark.parametrize(
    ("before_hits", "after_hits", "expected_p", "significant"),
    [
        # 7 hits in 20: P(k) = C(10,k) C(10,7-k) / C(20,7), C(20,7) = 77520. Tables as or less
        # likely than k = 6: k = 0, 1, 6, 7 -> (120 + 2100 + 2100 + 120) / 77520 = 0.0572755.
        (1, 6, 0.0572755, False),
        # 6 hits in 20, C(20,6) = 38760: only k = 0 and k = 6 -> (210 + 210) / 38760 = 0.0108359.
        (0, 6, 0.0108359, True),
    ],
)
def test_sparse_rates_use_fisher_exact(
    before_hits: int, after_hits: int, expected_p: float, significant: bool
) -> None:
    result = compare_proportions(before_hits, 10, after_hits, 10)
    # Smallest expected cell: 10 x 7 / 20 = 3.5 (or 10 x 6 / 20 = 3), below 5.
    assert result.test == "Fisher exact"
    assert result.p_value == pytest.approx(expected_p, abs=1e-7)
    assert result.p_value == pytest.approx(fisher_two_sided(after_hits, 10, before_hits, 10))
    assert result.significant is significant
    assert result.note is not None
    assert "expected count" in result.note


def test_fisher_statistic_is_the_after_over_before_odds_ratio() -> None:
    # After 6 of 10, before 1 of 10: odds ratio (6/4) / (1/9) = 13.5.
    result = compare_proportions(1, 10, 6, 10)
    assert result.statistic == pytest.approx(13.5)
    assert_plain_floats(result)


def test_no_hits_at_all_is_no_change() -> None:
    # Both periods at 0 %: the odds ratio is 0/0, but the only possible table has p = 1.
    result = compare_proportions(0, 50, 0, 80)
    assert result.test == "Fisher exact"
    assert result.statistic is None
    assert result.p_value == pytest.approx(1.0)
    assert result.significant is False


@pytest.mark.parametrize(("before_count", "after_count"), [(0, 0), (0, 10), (10, 0)])
def test_rates_need_cases_in_each_period(before_count: int, after_count: int) -> None:
    result = compare_proportions(0, before_count, 0, after_count)
    assert_untested(result, "at least one case")


@pytest.mark.parametrize(("hits", "count"), [(11, 10), (-1, 10), (1, 0)])
def test_impossible_rates_are_refused(hits: int, count: int) -> None:
    with pytest.raises(ValueError, match="hits"):
        compare_proportions(hits, count, 1, 10)


# NPS: z-test on the +1 / 0 / -1 score


def test_nps_z_matches_hand_computation() -> None:
    result = compare_nps((200, 120, 80), (240, 100, 60))
    # Before: 400 answers, promoters 0.50, detractors 0.20, NPS 0.30,
    #   var = 0.50 + 0.20 - 0.30^2 = 0.61.
    # After: 400 answers, promoters 0.60, detractors 0.15, NPS 0.45,
    #   var = 0.60 + 0.15 - 0.45^2 = 0.5475.
    # se = sqrt(0.61/400 + 0.5475/400) = sqrt(0.00289375) = 0.0537936
    # z = 0.15 / 0.0537936 = 2.788436; two-sided p = 2 x (1 - Phi(2.788436)) = 0.0052963.
    assert result.test == "NPS z-test"
    assert result.statistic == pytest.approx(2.788436, abs=1e-6)
    assert result.p_value == pytest.approx(0.0052963, abs=1e-7)
    assert result.significant is True
    assert_plain_floats(result)


def test_same_nps_shift_on_fewer_answers_is_not_significant() -> None:
    # The same shares on 100 answers each: se doubles to 0.107587, z halves to 1.394218,
    # two-sided p = 0.163252.
    result = compare_nps((50, 30, 20), (60, 25, 15))
    assert result.statistic == pytest.approx(1.394218, abs=1e-6)
    assert result.p_value == pytest.approx(0.163252, abs=1e-6)
    assert result.significant is False


def test_all_promoters_in_both_periods_is_no_change() -> None:
    result = compare_nps((10, 0, 0), (25, 0, 0))
    assert result.p_value == 1.0
    assert result.significant is False


def test_all_promoters_against_all_detractors_cannot_be_tested() -> None:
    assert_untested(compare_nps((10, 0, 0), (0, 0, 10)), "neither period varies")


@pytest.mark.parametrize(
    ("before", "after"), [((0, 0, 0), (0, 0, 0)), ((5, 3, 1), (50, 30, 20)), ((5, 3, 2), (4, 3, 2))]
)
def test_nps_needs_ten_answers_each_side(
    before: tuple[int, int, int], after: tuple[int, int, int]
) -> None:
    assert_untested(compare_nps(before, after), "at least 10 answers")


def test_negative_nps_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        compare_nps((10, -1, 5), (10, 5, 5))
