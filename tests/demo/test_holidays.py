"""Vietnamese holidays for any year, including the lunar ones."""

from __future__ import annotations

from datetime import date

import pytest

from cxqa.demo.clock import Window
from cxqa.demo.holidays import holidays_between, is_sale_day, public_holidays
from cxqa.demo.lunar import lunar_to_solar
from cxqa.demo.org import teams_for


@pytest.mark.parametrize(
    ("year", "tet", "hung_kings"),
    [
        (2024, date(2024, 2, 10), date(2024, 4, 18)),
        (2025, date(2025, 1, 29), date(2025, 4, 7)),
        (2026, date(2026, 2, 17), date(2026, 4, 26)),
        # Vietnam's calendar is reckoned at UTC+7: its Tết 2030 is a day before China's.
        (2030, date(2030, 2, 2), date(2030, 4, 12)),
    ],
)
def test_lunar_holidays(year: int, tet: date, hung_kings: date) -> None:
    assert lunar_to_solar(year, 1, 1) == tet
    assert lunar_to_solar(year, 3, 10) == hung_kings


def test_a_year_has_eleven_days_off() -> None:
    days = public_holidays(2027)
    assert len(days) == 11
    assert (date(2027, 9, 2), "Quốc khánh") in days
    assert (date(2027, 1, 1), "Tết Dương lịch") in days


def test_a_window_across_new_year_gets_both_years() -> None:
    window = Window.ending(date(2027, 1, 10), 90)
    found = holidays_between(window.years())
    assert date(2026, 9, 2) in found
    assert date(2027, 1, 1) in found
    shop = teams_for(window)[0]
    assert shop.spans(date(2027, 1, 1)) == []
    assert shop.spans(date(2027, 1, 4)) != []


def test_double_days_and_black_friday_are_sales() -> None:
    assert is_sale_day(date(2026, 11, 11))
    assert is_sale_day(date(2026, 11, 27))  # Black Friday 2026
    assert not is_sale_day(date(2026, 11, 12))
