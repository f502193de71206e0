"""Weekly business hours: validated spans of local opening time per weekday."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Annotated

from pydantic import AfterValidator

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def check_business_hours(
    hours: dict[str, list[tuple[str, str]]],
) -> dict[str, list[tuple[str, str]]]:
    for day, spans in hours.items():
        if day not in WEEKDAYS:
            raise ValueError(f"unknown weekday {day!r}; use {', '.join(WEEKDAYS)}")
        for start, end in spans:
            for value in (start, end):
                if not _HHMM.match(value):
                    raise ValueError(f"{day}: {value!r} is not a time HH:MM")
            if start >= end:
                raise ValueError(f"{day}: opening {start} is not before closing {end}")
        for (_, earlier_end), (later_start, _) in pairwise(spans):
            if later_start < earlier_end:
                raise ValueError(f"{day}: spans must be in order and must not overlap")
    return hours


BusinessHours = Annotated[dict[str, list[tuple[str, str]]], AfterValidator(check_business_hours)]

DEFAULT_BUSINESS_HOURS: dict[str, list[tuple[str, str]]] = {
    day: [("08:00", "17:30")] for day in WEEKDAYS[:5]
} | {"sat": [("08:00", "12:00")]}


def business_hours_or_default(hours: BusinessHours | None) -> dict[str, list[list[str]]]:
    chosen = hours if hours is not None else DEFAULT_BUSINESS_HOURS
    return {day: [list(span) for span in spans] for day, spans in chosen.items()}
