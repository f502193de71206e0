"""The KPI table: every figure asked for, per group (agent, team, channel, ..., period).

One SQL statement per source relation computes the registry's figures for every group at once;
the rows of the sources are then joined on the group keys. A KPI whose source cannot be split
by an asked-for dimension (occupancy by channel, churn by agent) has no value there, never 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from cxqa.kpis.engine import KpiData
from cxqa.kpis.registry import DISTRIBUTION_STATISTICS, KPIS, Figure, Kind, Kpi, Source, Unit
from cxqa.settings import Settings

PERIODS = ("day", "week", "month")
DIMENSIONS = ("agent", "team", "channel", "tag", "priority", "segment")
GROUPINGS = DIMENSIONS + PERIODS
NAMED_DIMENSIONS = {"agent": "agent_name", "team": "team_name"}

# which dimensions each source can be split by (periods: all of them)
_SPLITS = {
    Source.CONVERSATIONS: frozenset(DIMENSIONS),
    Source.WAITS: frozenset(DIMENSIONS),
    Source.AGENT_DAYS: frozenset({"agent", "team"}),
    Source.CUSTOMERS: frozenset({"segment"}),
}


@dataclass(frozen=True)
class KpiRules:
    """Conventions applied when aggregating (settings `CXQA_KPI_*`)."""

    service_level_seconds: int = 20
    short_abandon_seconds: int = 5
    repeat_contact_days: int = 7

    @classmethod
    def from_settings(cls, settings: Settings) -> KpiRules:
        return cls(
            service_level_seconds=settings.kpi_service_level_seconds,
            short_abandon_seconds=settings.kpi_short_abandon_seconds,
            repeat_contact_days=settings.kpi_repeat_contact_days,
        )


@dataclass(frozen=True)
class KpiQuery:
    first_day: date
    last_day: date
    by: tuple[str, ...] = ()
    kpis: tuple[Kpi, ...] = KPIS
    # (dimension, key): only conversations (or agents, customers) with that key
    filters: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"the period ends ({self.last_day}) before it starts")
        unknown = [name for name in self.by if name not in GROUPINGS]
        if unknown:
            raise ValueError(f"cannot group by {', '.join(unknown)}; use {', '.join(GROUPINGS)}")
        if len(set(self.by)) != len(self.by):
            raise ValueError("a grouping is given twice")
        if len([name for name in self.by if name in PERIODS]) > 1:
            raise ValueError("group by one period at most (day, week or month)")
        bad = [name for name, _ in self.filters if name not in DIMENSIONS]
        if bad:
            raise ValueError(f"cannot filter by {', '.join(bad)}; use {', '.join(DIMENSIONS)}")

    @property
    def period(self) -> str | None:
        return next((name for name in self.by if name in PERIODS), None)


Row = dict[str, Any]


Table = dict[tuple[Any, ...], Row]


def kpi_table(data: KpiData, query: KpiQuery, *, rules: KpiRules, as_of: datetime) -> list[Row]:
    """One row per group with data: the group keys, then each KPI's figures in the order
    the KPIs were asked for."""
    by_source: dict[Source, list[Kpi]] = {}
    for kpi in query.kpis:
        by_source.setdefault(kpi.source, []).append(kpi)
    results: dict[Source, Table | None] = {}
    for source, kpis in by_source.items():
        if not _can_split(source, query):
            results[source] = None  # cannot be split so: no value, not 0
            continue
        relation, params = _relation(source, query, rules, as_of, data.timezone)
        table: Table = {}
        distributions = [kpi for kpi in kpis if kpi.kind is Kind.DISTRIBUTION]
        others = [kpi for kpi in kpis if kpi.kind is not Kind.DISTRIBUTION]
        if others:
            select, group = _select_and_group(others, query)
            _run_into(table, data, f"{relation} SELECT {select} FROM f {group}", params, query.by)
        if distributions:
            sql = _distributions_statement(relation, distributions, query)
            _run_into(table, data, sql, params, query.by, spread_by_kpi=True)
        results[source] = table
    today = as_of.astimezone(ZoneInfo(data.timezone)).date()
    return _merge(query, results, partial(_judged, query=query, today=today), _names(data, query))


def _names(data: KpiData, query: KpiQuery) -> dict[str, dict[Any, str]]:
    """The names of the agents and teams a table is grouped by, by key."""
    tables = {"agent_name": "agents", "team_name": "teams"}
    found: dict[str, dict[Any, str]] = {}
    cursor = data.cursor()
    try:
        for name, label in NAMED_DIMENSIONS.items():
            if name in query.by:
                found[label] = dict(
                    cursor.execute(f"SELECT key, name FROM {tables[label]}").fetchall()
                )
    finally:
        cursor.close()
    return found


def _distributions_statement(relation: str, kpis: list[Kpi], query: KpiQuery) -> str:
    """Every distribution KPI's values in one long column, `value`, beside the KPI's name:
    grouping once by (group, KPI) is several times faster than a median and a p90 per KPI
    per group, as each percentile otherwise sorts its groups' values on its own."""
    keys = [f"{_key_sql(name)} AS {name}" for name in query.by]
    branches = " UNION ALL ".join(
        f"SELECT {', '.join([*keys, repr(kpi.name) + ' AS kpi', kpi.value + ' AS value'])} "
        f"FROM f WHERE ({kpi.value}) IS NOT NULL"
        for kpi in kpis
    )
    statistics = [f"{sql} AS {statistic}" for statistic, sql in DISTRIBUTION_STATISTICS.items()]
    select = ", ".join([*query.by, "kpi", *statistics])
    return f"{relation} SELECT {select} FROM ({branches}) GROUP BY {', '.join([*query.by, 'kpi'])}"


def figures_of(kpis: Iterable[Kpi]) -> list[Figure]:
    return [figure for kpi in kpis for figure in kpi.figures]


def _can_split(source: Source, query: KpiQuery) -> bool:
    asked = {name for name in query.by if name in DIMENSIONS} | {n for n, _ in query.filters}
    return asked <= _SPLITS[source]


def _key_sql(name: str) -> str:
    if name in PERIODS:
        return "day" if name == "day" else f"CAST(date_trunc('{name}', day) AS DATE)"
    return name


def kpi_values(
    data: KpiData, kpi: Kpi, query: KpiQuery, *, rules: KpiRules, as_of: datetime
) -> list[float]:
    """The individual values a KPI aggregates (one per conversation, wait or agent-day), for
    tests of significance. Empty when the KPI has no per-row value or cannot be split so."""
    if kpi.kind in (Kind.DISTRIBUTION, Kind.MEAN):
        value = kpi.value
    elif kpi.kind is Kind.RATIO:
        value = f"{kpi.scale!r} * ({kpi.numerator[1]}) / nullif({kpi.denominator[1]}, 0)"
    else:
        return []
    if not _can_split(kpi.source, query):
        return []
    relation, params = _relation(kpi.source, query, rules, as_of, data.timezone)
    sql = f"{relation} SELECT value FROM (SELECT {value} AS value FROM f) WHERE value IS NOT NULL"
    cursor = data.cursor()
    try:
        return [float(row[0]) for row in cursor.execute(sql, params).fetchall()]
    finally:
        cursor.close()


def _select_and_group(kpis: list[Kpi], query: KpiQuery) -> tuple[str, str]:
    keys = [f"{_key_sql(name)} AS {name}" for name in query.by]
    figures = [f"{figure.sql} AS {figure.name}" for figure in figures_of(kpis)]
    group = f"GROUP BY {', '.join(query.by)}" if query.by else ""
    return ", ".join(keys + figures), group


def _relation(
    source: Source, query: KpiQuery, rules: KpiRules, as_of: datetime, timezone: str
) -> tuple[str, dict[str, Any]]:
    """`WITH ... f AS (...)`: the source's rows in the asked range and filters, with the
    columns the registry's expressions use."""
    params: dict[str, Any] = {"first": query.first_day, "last": query.last_day}
    conditions = ["day BETWEEN $first AND $last"]
    for index, (name, key) in enumerate(query.filters):
        params[f"filter{index}"] = key
        conditions.append(f"{name} = $filter{index}")
    where = " AND ".join(conditions)
    if source is Source.AGENT_DAYS:
        return f"WITH f AS (SELECT * FROM agent_days WHERE {where})", params
    if source is Source.CUSTOMERS:
        today = as_of.astimezone(ZoneInfo(timezone)).date()
        return _cohort_relation(query, params, today), params
    params |= {
        "short_abandon": rules.short_abandon_seconds,
        "repeat_days": rules.repeat_contact_days,
        "service_level": rules.service_level_seconds,
        "as_of": as_of,
    }
    tags = "tag" in query.by or any(name == "tag" for name, _ in query.filters)
    joined = "facts JOIN tags ON tags.conversation_id = facts.id" if tags else "facts"
    conversations = f"""
        SELECT *,
            coalesce(NOT answered AND abandon_wait_seconds < $short_abandon, FALSE)
                AS short_abandon,
            coalesce(next_contact_at <= started_at + to_days(CAST($repeat_days AS INTEGER)), FALSE)
                AS repeat_contact,
            started_at + to_days(CAST($repeat_days AS INTEGER)) <= CAST($as_of AS TIMESTAMPTZ)
                AS repeat_window_over,
            $service_level AS service_level_seconds,
            CAST($as_of AS TIMESTAMPTZ) AS as_of
        FROM {joined} WHERE {where}
    """
    if source is Source.WAITS:
        return (
            f"WITH c AS ({conversations}), f AS (SELECT c.*, waits.wait_seconds "
            "FROM waits JOIN c ON waits.conversation_id = c.id)",
            params,
        )
    return f"WITH f AS MATERIALIZED ({conversations})", params


def _cohort_relation(query: KpiQuery, params: dict[str, Any], today: date) -> str:
    """Customers active in the period before each period, and whether they came back.

    Grouped by a period: each whole day, week or month against the one before it, for the
    periods that lie wholly inside the asked range and are over (a customer who has not come
    back yet this week may still come). Otherwise the asked range against the range of the
    same length just before it."""
    segment = "".join(f" AND segment = $filter{i}" for i, _ in enumerate(query.filters))
    period = query.period
    if period is None:
        length = (query.last_day - query.first_day).days + 1
        params["before"] = query.first_day - timedelta(days=length)
        cohort = """
            SELECT customer_id, bool_or(day >= $first) AS retained
            FROM activity WHERE day BETWEEN $before AND $last
            GROUP BY customer_id HAVING bool_or(day < $first)
        """
        over = "TRUE"
    else:
        step = f"INTERVAL 1 {period.upper()}"
        params["before"] = _bucket(query.first_day, period) - _step_back(period)
        cohort = f"""
            WITH active AS (
                SELECT DISTINCT customer_id, CAST(date_trunc('{period}', day) AS DATE) AS bucket
                FROM activity WHERE day BETWEEN $before AND $last
            )
            SELECT earlier.customer_id, CAST(earlier.bucket + {step} AS DATE) AS day,
                   later.customer_id IS NOT NULL AS retained
            FROM active earlier LEFT JOIN active later
                ON later.customer_id = earlier.customer_id
               AND later.bucket = CAST(earlier.bucket + {step} AS DATE)
        """
        params["last_end"] = min(query.last_day, today - timedelta(days=1))
        over = f"day >= $first AND CAST(day + {step} AS DATE) - 1 <= $last_end"
    return f"""WITH f AS (
        SELECT * FROM ({cohort}) cohort LEFT JOIN segments USING (customer_id)
        WHERE {over}{segment})"""


def _bucket(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def _step_back(period: str) -> timedelta:
    # far enough back to reach the start of the period before; extra days are outside it
    return {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=31)}[
        period
    ]


def _run_into(
    table: Table,
    data: KpiData,
    sql: str,
    params: Mapping[str, Any],
    by: Sequence[str],
    *,
    spread_by_kpi: bool = False,
) -> None:
    """Add the statement's figures to the rows of `table`, by group. Long-form rows (one per
    group and KPI) are spread into `<kpi>_<statistic>` figures."""
    cursor = data.cursor()
    try:
        result = cursor.execute(sql, dict(params))
        names = [column[0] for column in result.description or ()]
        rows = result.fetchall()
    finally:
        cursor.close()
    for values in rows:
        found = dict(zip(names, values, strict=True))
        row = table.setdefault(tuple(found[name] for name in by), {})
        if not spread_by_kpi:
            row.update(found)
            continue
        kpi = found.pop("kpi")
        for name, value in found.items():
            row[f"{kpi}_{name}" if name in DISTRIBUTION_STATISTICS else name] = value


def _judged(source: Source, key: tuple[Any, ...], *, query: KpiQuery, today: date) -> bool:
    """Whether a group's figures exist for the source: retention by period judges whole
    periods inside the range that are over; every other source, every group."""
    period = query.period
    if source is not Source.CUSTOMERS or period is None:
        return True
    start = key[query.by.index(period)]
    end = _next_bucket(start, period) - timedelta(days=1)
    return bool(start >= query.first_day and end <= min(query.last_day, today - timedelta(days=1)))


def _merge(
    query: KpiQuery,
    results: dict[Source, Table | None],
    judged: Callable[[Source, tuple[Any, ...]], bool],
    names: Mapping[str, Mapping[Any, str]],
) -> list[Row]:
    """Rows in key order, each with the asked KPIs' figures in the asked order. Hot: a
    table per agent per week is 100 figures on each of tens of thousands of rows."""
    keys: set[tuple[Any, ...]] = set()
    for table in results.values():
        keys.update(table or ())
    if query.by and query.by == (query.period,):
        keys.update((bucket,) for bucket in _buckets(query))
    if not query.by:
        keys.add(())
    figures = [(kpi.source, kpi, figure) for kpi in query.kpis for figure in kpi.figures]
    labelled = [
        (query.by.index(name), label)
        for name, label in NAMED_DIMENSIONS.items()
        if name in query.by
    ]
    rows = []
    for key in sorted(keys, key=_sort_key):
        row: Row = dict(zip(query.by, key, strict=True))
        for index, label in labelled:
            row[label] = names[label].get(key[index])
        found = {source: (table or {}).get(key) for source, table in results.items()}
        applicable = {
            source: table is not None and judged(source, key) for source, table in results.items()
        }
        for source, kpi, figure in figures:
            values = found[source]
            if values is not None and figure.name in values:
                row[figure.name] = _clean(values[figure.name])
            else:
                row[figure.name] = _empty(figure, kpi, applicable=applicable[source])
        rows.append(row)
    return rows


def _empty(figure: Figure, kpi: Kpi, *, applicable: bool) -> Any:
    """What SQL gives for a group without rows: how many were counted is 0, and every value
    (a mean, a median, a percentage) is missing."""
    return 0 if applicable and _is_a_count(figure, kpi) else None


def _is_a_count(figure: Figure, kpi: Kpi) -> bool:
    if kpi.kind in (Kind.RATE, Kind.NPS, Kind.COUNT):
        return figure.unit is Unit.COUNT
    return figure.name == f"{kpi.name}_count"  # a distribution's or a mean's number of values


def _clean(value: Any) -> Any:
    return round(value, 6) if value.__class__ is float else value


def _buckets(query: KpiQuery) -> list[date]:
    period = query.period or "day"
    bucket = _bucket(query.first_day, period)
    buckets = []
    while bucket <= query.last_day:
        buckets.append(bucket)
        bucket = _next_bucket(bucket, period)
    return buckets


def _next_bucket(bucket: date, period: str) -> date:
    if period == "day":
        return bucket + timedelta(days=1)
    if period == "week":
        return bucket + timedelta(days=7)
    return (bucket.replace(day=28) + timedelta(days=4)).replace(day=1)


def _sort_key(key: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    return tuple((value is None, "" if value is None else value) for value in key)
