"""The KPI table: every figure asked for, per group (agent, team, channel, ..., period).

One SQL statement computes the whole table in DuckDB: per source relation (conversations,
waits, agent-days, customers) the registry's figures for every group, then the groups of all
sources joined, in the order asked. A KPI whose source cannot be split by an asked-for
dimension (occupancy by channel, churn by agent) has no value there, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cxqa.kpis.engine import KpiData
from cxqa.kpis.registry import DISTRIBUTION_STATISTICS, KPIS, Figure, Kind, Kpi, Source, Unit
from cxqa.settings import Settings

PERIODS = ("day", "week", "month")
DIMENSIONS = ("agent", "team", "channel", "tag", "priority", "segment")
GROUPINGS = DIMENSIONS + PERIODS
NAMED_DIMENSIONS = {"agent": "agent_name", "team": "team_name"}
_NAME_TABLES = {"agent": "agents", "team": "teams"}

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


def kpi_table(data: KpiData, query: KpiQuery, *, rules: KpiRules, as_of: datetime) -> list[Row]:
    """One row per group with data: the group keys (and agents' and teams' names), then each
    KPI's figures in the order the KPIs were asked for."""
    sql, params = _table_statement(query, rules, as_of, data.timezone)
    cursor = data.cursor()
    try:
        result = cursor.execute(sql, params)
        names = [column[0] for column in result.description or ()]
        return [dict(zip(names, values, strict=True)) for values in result.fetchall()]
    finally:
        cursor.close()


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
    sql = f"SELECT value FROM (SELECT {value} AS value FROM ({relation})) WHERE value IS NOT NULL"
    cursor = data.cursor()
    try:
        return [float(row[0]) for row in cursor.execute(sql, params).fetchall()]
    finally:
        cursor.close()


def group_label(row: Row, name: str) -> str:
    """How a person reads a row's group key: an agent's or team's name, else the key."""
    label = row.get(NAMED_DIMENSIONS.get(name, "")) or row.get(name)
    return "(none)" if label is None else str(label)


def figures_of(kpis: Iterable[Kpi]) -> list[Figure]:
    return [figure for kpi in kpis for figure in kpi.figures]


def _can_split(source: Source, query: KpiQuery) -> bool:
    asked = {name for name in query.by if name in DIMENSIONS} | {n for n, _ in query.filters}
    return asked <= _SPLITS[source]


def _table_statement(
    query: KpiQuery, rules: KpiRules, as_of: datetime, timezone: str
) -> tuple[str, dict[str, Any]]:
    by_source: dict[Source, list[Kpi]] = {}
    for kpi in query.kpis:
        by_source.setdefault(kpi.source, []).append(kpi)
    splittable = [source for source in by_source if _can_split(source, query)]
    params: dict[str, Any] = {}
    parts: list[str] = []
    tables: list[str] = []  # the per-group aggregates, one row per group
    for source in splittable:
        relation, source_params = _relation(source, query, rules, as_of, timezone)
        params |= source_params
        # inlined into each use: faster here than one materialised copy fanned out
        parts.append(f"f_{source.value} AS NOT MATERIALIZED ({relation})")
        kpis = by_source[source]
        others = [kpi for kpi in kpis if kpi.kind is not Kind.DISTRIBUTION]
        distributions = [kpi for kpi in kpis if kpi.kind is Kind.DISTRIBUTION]
        if others:
            parts.append(f"a_{source.value} AS ({_aggregates(source, others, query)})")
            tables.append(f"a_{source.value}")
        if distributions:
            parts.append(f"d_{source.value} AS ({_distributions(source, distributions, query)})")
            tables.append(f"d_{source.value}")
    groups = _groups(query, tables, params)
    select = _final_select(query, by_source, splittable, as_of, timezone, params)
    joins = "".join(f" LEFT JOIN {table} ON {_same_group(table, query)}" for table in tables)
    names = "".join(
        f" LEFT JOIN {_NAME_TABLES[name]} {label}_of ON {label}_of.id = g.{_GROUP_COLUMNS[name]}"
        for name, label in NAMED_DIMENSIONS.items()
        if name in query.by
    )
    order = f" ORDER BY {', '.join(f'{name} NULLS LAST' for name in query.by)}" if query.by else ""
    with_clause = f"WITH {', '.join([*parts, f'g AS ({groups})'])} "
    return f"{with_clause}SELECT {select} FROM g{joins}{names}{order}", params


# agents and teams are grouped by id (integers hash faster than keys), then named by key
_GROUP_COLUMNS = {"agent": "agent_id", "team": "team_id"}


def _group_columns(query: KpiQuery) -> list[str]:
    return [_GROUP_COLUMNS.get(name, name) for name in query.by]


def _aggregates(source: Source, kpis: list[Kpi], query: KpiQuery) -> str:
    columns = _group_columns(query)
    figures = [f"{figure.sql} AS {figure.name}" for figure in figures_of(kpis)]
    group = f" GROUP BY {', '.join(columns)}" if columns else ""
    return f"SELECT {', '.join([*columns, *figures])} FROM f_{source.value}{group}"


def _distributions(source: Source, kpis: list[Kpi], query: KpiQuery) -> str:
    """Every distribution KPI's values in one long column, `value`, beside the KPI's name:
    grouping once by (group, KPI) is several times faster than a median and a p90 per KPI
    per group, as each percentile otherwise sorts its groups' values on its own. The
    statistics are then spread into one column per KPI and statistic."""
    columns = _group_columns(query)
    # each KPI by its position, a small integer, rather than its name
    branches = " UNION ALL ".join(
        f"SELECT {', '.join([*columns, f'{index} AS kpi', kpi.value + ' AS value'])} "
        f"FROM f_{source.value} WHERE ({kpi.value}) IS NOT NULL"
        for index, kpi in enumerate(kpis)
    )
    statistics = [f"{sql} AS {statistic}" for statistic, sql in DISTRIBUTION_STATISTICS.items()]
    long = (
        f"SELECT {', '.join([*columns, 'kpi', *statistics])} FROM ({branches}) "
        f"GROUP BY {', '.join([*columns, 'kpi'])}"
    )
    spread = [
        f"any_value({statistic}) FILTER (WHERE kpi = {index}) AS {kpi.name}_{statistic}"
        for index, kpi in enumerate(kpis)
        for statistic in DISTRIBUTION_STATISTICS
    ]
    group = f" GROUP BY {', '.join(columns)}" if columns else ""
    return f"SELECT {', '.join([*columns, *spread])} FROM ({long}){group}"


def _groups(query: KpiQuery, tables: list[str], params: dict[str, Any]) -> str:
    """Every group that has rows in any source; every period of the range when grouped by a
    period alone; the one whole-range group when not grouped at all."""
    if not query.by:
        return "SELECT 1 AS whole"
    columns = _group_columns(query)
    selects = [f"SELECT {', '.join(columns)} FROM {table}" for table in tables]
    if query.by == (query.period,):
        params["buckets"] = _buckets(query)
        selects.append(f"SELECT unnest(CAST($buckets AS DATE[])) AS {query.period}")
    if not selects:
        return f"SELECT {', '.join(f'NULL AS {name}' for name in columns)} WHERE FALSE"
    return " UNION ".join(selects)


def _same_group(table: str, query: KpiQuery) -> str:
    if not query.by:
        return "TRUE"
    # NULL keys (no agent, no tag) are a group too: compare them as values
    return " AND ".join(
        f"{table}.{name} IS NOT DISTINCT FROM g.{name}" for name in _group_columns(query)
    )


def _final_select(
    query: KpiQuery,
    by_source: dict[Source, list[Kpi]],
    splittable: list[Source],
    as_of: datetime,
    timezone: str,
    params: dict[str, Any],
) -> str:
    columns = [
        f"{NAMED_DIMENSIONS[name]}_of.key AS {name}"
        if name in NAMED_DIMENSIONS
        else f"g.{name} AS {name}"
        for name in query.by
    ]
    columns += [
        f"{label}_of.name AS {label}"
        for name, label in NAMED_DIMENSIONS.items()
        if name in query.by
    ]
    judged = "TRUE"
    if Source.CUSTOMERS in splittable:
        judged = _judged_sql(query, as_of, timezone, params)
    for kpi in query.kpis:
        table = f"{'d' if kpi.kind is Kind.DISTRIBUTION else 'a'}_{kpi.source.value}"
        for figure in kpi.figures:
            columns.append(
                f"{_figure_value(kpi, figure, table, kpi.source in splittable, judged)}"
                f" AS {figure.name}"
            )
    return ", ".join(columns)


def _figure_value(kpi: Kpi, figure: Figure, table: str, splittable: bool, judged: str) -> str:
    """A figure of a group: no value where its source cannot be split so; where the group
    has no rows in the source, 0 for counts (of a period judged) and no value otherwise."""
    if not splittable:
        return "NULL"
    column = f"{table}.{figure.name}"
    if _is_a_count(figure, kpi):
        condition = judged if kpi.source is Source.CUSTOMERS else "TRUE"
        return f"CASE WHEN {condition} THEN coalesce({column}, 0) END"
    return f"round({column}, 6)"


def _judged_sql(query: KpiQuery, as_of: datetime, timezone: str, params: dict[str, Any]) -> str:
    """Retention by period judges whole periods inside the range that are over."""
    period = query.period
    if period is None:
        return "TRUE"
    today = as_of.astimezone(ZoneInfo(timezone)).date()
    params["first"] = query.first_day
    params["judged_end"] = min(query.last_day, today - timedelta(days=1))
    return (
        f"(g.{period} >= $first AND "
        f"CAST(g.{period} + INTERVAL 1 {period.upper()} AS DATE) - 1 <= $judged_end)"
    )


def _is_a_count(figure: Figure, kpi: Kpi) -> bool:
    if kpi.kind in (Kind.RATE, Kind.NPS, Kind.COUNT):
        return figure.unit is Unit.COUNT
    return figure.name == f"{kpi.name}_count"  # a distribution's or a mean's number of values


def _relation(
    source: Source, query: KpiQuery, rules: KpiRules, as_of: datetime, timezone: str
) -> tuple[str, dict[str, Any]]:
    """The source's rows in the asked range and filters, with the columns the registry's
    expressions use."""
    params: dict[str, Any] = {"first": query.first_day, "last": query.last_day}
    conditions = ["day BETWEEN $first AND $last"]
    for index, (name, key) in enumerate(query.filters):
        params[f"filter{index}"] = key
        conditions.append(f"{name} = $filter{index}")
    where = " AND ".join(conditions)
    if source is Source.AGENT_DAYS:
        return f"SELECT * FROM agent_days WHERE {where}", params
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
            f"SELECT c.*, waits.wait_seconds FROM waits "
            f"JOIN ({conversations}) c ON waits.conversation_id = c.id",
            params,
        )
    return conversations, params


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
        params["judged_end"] = min(query.last_day, today - timedelta(days=1))
        over = f"day >= $first AND CAST(day + {step} AS DATE) - 1 <= $judged_end"
    # a cohort's period starts on its `day`; name it as the grouping does
    period_column = f", day AS {period}" if period and period != "day" else ""
    return f"""SELECT *{period_column} FROM ({cohort}) cohort
        LEFT JOIN segments USING (customer_id) WHERE {over}{segment}"""


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
