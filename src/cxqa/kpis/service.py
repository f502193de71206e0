"""KPIs for the CLI, the API and the pages: measures kept current, then the table computed.

Measures are derived lazily, just before figures are asked for, and after every `cxqa import`:
the store is the record, measures follow it, and the DuckDB copy follows the measures.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from cxqa.kpis.derive import Derivation, derive_measures, load_basis
from cxqa.kpis.engine import KpiData
from cxqa.kpis.measures import MeasureRules
from cxqa.kpis.registry import kpis_named
from cxqa.kpis.table import KpiQuery, KpiRules, Row, kpi_table
from cxqa.settings import Settings

DEFAULT_DAYS = 28
CACHED_TABLES = 64


def measure_rules(settings: Settings) -> MeasureRules:
    return MeasureRules(written_handle_cap_seconds=settings.kpi_written_handle_cap_seconds)


def update_measures(engine: Engine, settings: Settings) -> Derivation:
    """Derive the measures of new and changed conversations (and all, if the rules changed)."""
    return derive_measures(
        engine, workspace_timezone=settings.timezone, rules=measure_rules(settings)
    )


def today_in(settings: Settings, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(settings.timezone)).date()


def build_query(
    settings: Settings,
    *,
    by: Sequence[str] = (),
    first_day: date | None = None,
    last_day: date | None = None,
    kpis: Sequence[str] | None = None,
    filters: Sequence[tuple[str, str]] = (),
    now: datetime | None = None,
) -> KpiQuery:
    """A query with the defaults filled in: the last 28 days up to today, every KPI.

    Raises ValueError naming what is wrong."""
    last = last_day or today_in(settings, now)
    first = first_day or last - timedelta(days=DEFAULT_DAYS - 1)
    return KpiQuery(
        first_day=first,
        last_day=last,
        by=tuple(by),
        kpis=kpis_named(list(kpis) if kpis else None),
        filters=tuple(filters),
    )


class KpiService:
    """Owns the in-process copy for one store; shared by every request of a server."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.rules = KpiRules.from_settings(settings)
        self.data = KpiData(engine, timezone=settings.timezone)
        self._lock = threading.Lock()
        # looking for stale measures scans every conversation: done at start, after writes
        # through this process, and when SLA policies or team calendars changed (imports in
        # other processes derive their own measures)
        self._measures_stale = True
        self._basis: str | None = None
        # tables already computed for the current data, most recently used last
        self._tables: OrderedDict[tuple[KpiQuery, datetime], list[Row]] = OrderedDict()

    def mark_stale(self) -> None:
        """Conversations, teams or SLA policies were written: derive before the next answer."""
        self._measures_stale = True

    def refresh(self) -> None:
        with self._lock:
            basis = load_basis(
                self.engine,
                workspace_timezone=self.settings.timezone,
                rules=measure_rules(self.settings),
            ).digest
            if self._measures_stale or basis != self._basis:
                self._measures_stale = False
                update_measures(self.engine, self.settings)
                self._basis = basis
            if self.data.refresh():
                self._tables.clear()

    def table(self, query: KpiQuery, *, as_of: datetime | None = None) -> list[Row]:
        """The KPI table as of `as_of` (default: now). A dashboard asks for the same tables
        again and again: while the data is unchanged, a table asked for within the same
        minute is answered from memory (`as_of` counts to the minute: pending SLAs and
        repeat-contact windows move on by the minute, not by the second)."""
        self.refresh()
        moment = (as_of or datetime.now(UTC)).replace(second=0, microsecond=0)
        key = (query, moment)
        with self._lock:
            if key in self._tables:
                self._tables.move_to_end(key)
                return [dict(row) for row in self._tables[key]]
        rows = kpi_table(self.data, query, rules=self.rules, as_of=moment)
        with self._lock:
            self._tables[key] = rows
            while len(self._tables) > CACHED_TABLES:
                self._tables.popitem(last=False)
        return [dict(row) for row in rows]

    def close(self) -> None:
        self.data.close()


def json_ready(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Rows with dates as ISO text, for JSON and CSV."""
    return [
        {key: value.isoformat() if isinstance(value, date) else value for key, value in row.items()}
        for row in rows
    ]
