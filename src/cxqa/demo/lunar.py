"""Dates of the Vietnamese lunar calendar, for the holidays that follow it (Tết, Giỗ Tổ).

Ho Ngoc Duc's published algorithm: new moons and solar terms from Meeus' series, computed for the
UTC+7 meridian. Vietnam's calendar uses UTC+7 rather than China's UTC+8, which is why its Tết
sometimes differs from the Chinese New Year (2030: 2 Feb vs 3 Feb); a Chinese table would not do.
"""

from __future__ import annotations

import math
from datetime import date

_VN_OFFSET_HOURS = 7
_SYNODIC_MONTH = 29.530588853
# Julian day number of date.min's ordinal 0, so date.toordinal() + this = Julian day number
_JD_OF_ORDINAL_ZERO = 1_721_425
_EPOCH_NEW_MOON = 2_415_021.076998695  # the new moon of 1900-01-01, Meeus' k = 0


def _julian_day(day: date) -> int:
    return day.toordinal() + _JD_OF_ORDINAL_ZERO


def _from_julian_day(jd: int) -> date:
    return date.fromordinal(jd - _JD_OF_ORDINAL_ZERO)


def _new_moon(k: int) -> float:
    """Julian date (UT) of the k-th new moon after 1900-01-01 (Meeus, chapter 49, shortened)."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * dr
    mpr = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * dr
    f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * dr
    c1 = (0.1734 - 0.000393 * t) * math.sin(m) + 0.0021 * math.sin(2 * m)
    c1 += -0.4068 * math.sin(mpr) + 0.0161 * math.sin(2 * mpr) - 0.0004 * math.sin(3 * mpr)
    c1 += 0.0104 * math.sin(2 * f) - 0.0051 * math.sin(m + mpr) - 0.0074 * math.sin(m - mpr)
    c1 += 0.0004 * math.sin(2 * f + m) - 0.0004 * math.sin(2 * f - m)
    c1 += -0.0006 * math.sin(2 * f + mpr) + 0.0010 * math.sin(2 * f - mpr)
    c1 += 0.0005 * math.sin(2 * mpr + m)
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd + c1 - delta_t


def _new_moon_day(k: int) -> int:
    return math.floor(_new_moon(k) + 0.5 + _VN_OFFSET_HOURS / 24)


def _sun_sector(jd: int) -> int:
    """Which of the 12 30-degree sectors the sun's longitude is in at local midnight of jd."""
    t = (jd - 0.5 - _VN_OFFSET_HOURS / 24 - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * dr
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(m)
    dl += (0.019993 - 0.000101 * t) * math.sin(2 * m) + 0.000290 * math.sin(3 * m)
    longitude = ((l0 + dl) * dr) % (2 * math.pi)
    return math.floor(longitude / math.pi * 6)


def _month_11_start(year: int) -> int:
    """Julian day of the first day of lunar month 11 (the month holding the winter solstice)."""
    k = math.floor((_julian_day(date(year, 12, 31)) - 2415021) / _SYNODIC_MONTH)
    start = _new_moon_day(k)
    return _new_moon_day(k - 1) if _sun_sector(start) >= 9 else start


def _leap_month_offset(month_11: int) -> int:
    """Months after month 11 until the first one without a major solar term (the leap month)."""
    k = math.floor((month_11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH + 0.5)
    i = 1
    sector = _sun_sector(_new_moon_day(k + i))
    while True:
        last = sector
        i += 1
        sector = _sun_sector(_new_moon_day(k + i))
        if sector == last or i >= 14:
            return i - 1


def lunar_to_solar(year: int, month: int, day: int) -> date:
    """The Gregorian date of day/month of lunar year `year` (never a leap month)."""
    if month < 11:
        a11, b11 = _month_11_start(year - 1), _month_11_start(year)
    else:
        a11, b11 = _month_11_start(year), _month_11_start(year + 1)
    k = math.floor(0.5 + (a11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    offset = (month - 11) % 12
    # a 13-month year has a leap month; months from it on sit one new moon later
    if b11 - a11 > 365 and offset >= _leap_month_offset(a11):
        offset += 1
    return _from_julian_day(_new_moon_day(k + offset) + day - 1)
