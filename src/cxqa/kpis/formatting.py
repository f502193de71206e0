"""KPI figures as a person reads them, the same in the terminal and on the pages."""

from __future__ import annotations

from typing import Any

from cxqa.kpis.registry import Figure, Unit


def format_value(figure: Figure, value: Any) -> str:
    """A figure as a person reads it: durations in h/m/s, percentages, thousands separators."""
    if value is None:
        return "—"
    if figure.unit is Unit.SECONDS:
        return format_seconds(float(value))
    if figure.unit is Unit.PERCENT:
        return f"{value:.1f} %"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}"


def format_seconds(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes}m {rest:02d}s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h {minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours:02d}h"
