"""Vietnamese public holidays and e-commerce sale days, for any year the window touches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from cxqa.demo.lunar import lunar_to_solar

SALE_BOOST = 1.7  # contact volume on a "double day" sale, relative to a normal day
AFTER_SALE_BOOST = 1.35  # the two days after: "where is my order?" and late-delivery contacts


def public_holidays(year: int) -> list[tuple[date, str]]:
    """The days off of the 2019 Labour Code (art. 112), sorted by date.

    Tết and the National Day bridge day are set each year by the government; this uses the usual
    pattern (New Year's Eve plus the first four days; 1 September) rather than a decree table.
    """
    tet = lunar_to_solar(year, 1, 1)
    days = [
        (date(year, 1, 1), "Tết Dương lịch"),
        *((tet + timedelta(days=offset), "Tết Nguyên Đán") for offset in range(-1, 4)),
        (lunar_to_solar(year, 3, 10), "Giỗ Tổ Hùng Vương"),
        (date(year, 4, 30), "Ngày Giải phóng miền Nam"),
        (date(year, 5, 1), "Quốc tế Lao động"),
        (date(year, 9, 1), "Quốc khánh (nghỉ bù)"),
        (date(year, 9, 2), "Quốc khánh"),
    ]
    return sorted(days)


def holidays_between(years: Iterable[int]) -> dict[date, str]:
    """Holidays of the given years; a date twice (lunar Tết eve on 31 Dec) keeps one name."""
    found: dict[date, str] = {}
    for year in years:
        for day, name in public_holidays(year):
            found.setdefault(day, name)
    return found


def is_sale_day(day: date) -> bool:
    """Shopee-style "double days" (9/9, 11/11, 12/12...) and Black Friday."""
    if day.month == day.day and day.month > 1:
        return True
    return day.month == 11 and day.weekday() == 4 and 22 <= day.day <= 28


def sale_factor(day: date) -> float:
    """How much busier `day` is because of a sale on it or in the two days before."""
    if is_sale_day(day):
        return SALE_BOOST
    if any(is_sale_day(day - timedelta(days=back)) for back in (1, 2)):
        return AFTER_SALE_BOOST
    return 1.0
