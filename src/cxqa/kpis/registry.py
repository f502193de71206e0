"""Every KPI, declared once: name, labels, unit, direction, help and how it is computed.

The CLI, the API (and through it the pages and exports) read this registry; docs/metrics.md explains
each entry at length, and a test fails when one is missing there. A KPI's computation is an SQL
aggregate over one of the engine's relations (see `cxqa.kpis.engine`), written here and nowhere
else. Column names in the expressions are those relations' columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class Unit(StrEnum):
    SECONDS = "seconds"
    PERCENT = "percent"
    COUNT = "count"
    SCORE = "score"


class Direction(StrEnum):
    LOWER = "lower"  # lower is better
    HIGHER = "higher"
    NEUTRAL = "neutral"  # neither: volume and the like


class Kind(StrEnum):
    DISTRIBUTION = "distribution"  # mean, median, p90 and how many values
    RATE = "rate"  # % of the counted rows that meet a condition, with both counts
    MEAN = "mean"  # mean of a score, with how many values
    NPS = "nps"  # % promoters − % detractors, with the three counts
    COUNT = "count"
    RATIO = "ratio"  # one sum over another, with both sums


class Source(StrEnum):
    """The relation a KPI aggregates: one row per ..."""

    CONVERSATIONS = "conversations"  # ... conversation
    WAITS = "waits"  # ... customer wait ended by an agent reply
    AGENT_DAYS = "agent_days"  # ... agent and local day (presence and handled work)
    CUSTOMERS = "customers"  # ... customer active in the period before (retention cohort)


@dataclass(frozen=True)
class Figure:
    name: str
    unit: Unit
    sql: str


@dataclass(frozen=True)
class Kpi:
    name: str
    label_en: str
    label_vi: str
    unit: Unit
    direction: Direction
    help: str
    kind: Kind
    source: Source
    value: str = ""  # DISTRIBUTION, MEAN: the value of one row (NULL: not counted)
    base: str = "TRUE"  # RATE, COUNT: which rows are counted
    hits: str = ""  # RATE: which counted rows meet the condition
    hits_name: str = "hits"
    misses_name: str | None = None
    numerator: tuple[str, str] = ("", "")  # RATIO: (figure suffix, SQL of the summed value)
    denominator: tuple[str, str] = ("", "")
    scale: float = 100.0  # RATIO: 100 for a percentage

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        """The numbers reported for this KPI, named <kpi>_<figure>, first the headline."""
        return _FIGURES[self.kind](self)

    @property
    def headline(self) -> Figure:
        return self.figures[0]


# A distribution's figures, over its values gathered in one column, `value` (the engine puts
# every distribution KPI's values in long form; see cxqa.kpis.table). Percentiles are
# continuous, interpolated linearly, as PostgreSQL's percentile_cont; the one list-valued
# aggregate sorts each group's values once for both.
DISTRIBUTION_STATISTICS = {
    "median": "quantile_cont(value, [0.5, 0.9])[1]",
    "mean": "avg(value)",
    "p90": "quantile_cont(value, [0.5, 0.9])[2]",
    "count": "count(value)",
}


def _distribution(kpi: Kpi) -> tuple[Figure, ...]:
    return tuple(
        Figure(f"{kpi.name}_{statistic}", Unit.COUNT if statistic == "count" else kpi.unit, sql)
        for statistic, sql in DISTRIBUTION_STATISTICS.items()
    )


def _rate(kpi: Kpi) -> tuple[Figure, ...]:
    counted = f"count(*) FILTER (WHERE {kpi.base})"
    hits = f"count(*) FILTER (WHERE ({kpi.base}) AND ({kpi.hits}))"
    figures = [
        # NULL when nothing was counted: no data is not 0 %
        Figure(f"{kpi.name}_pct", Unit.PERCENT, f"100.0 * {hits} / nullif({counted}, 0)"),
        Figure(f"{kpi.name}_{kpi.hits_name}", Unit.COUNT, hits),
    ]
    if kpi.misses_name:
        misses = f"count(*) FILTER (WHERE ({kpi.base}) AND NOT ({kpi.hits}))"
        figures.append(Figure(f"{kpi.name}_{kpi.misses_name}", Unit.COUNT, misses))
    figures.append(Figure(f"{kpi.name}_count", Unit.COUNT, counted))
    return tuple(figures)


def _mean(kpi: Kpi) -> tuple[Figure, ...]:
    return (
        Figure(f"{kpi.name}_mean", kpi.unit, f"avg({kpi.value})"),
        Figure(f"{kpi.name}_count", Unit.COUNT, f"count({kpi.value})"),
    )


def _nps(kpi: Kpi) -> tuple[Figure, ...]:
    promoters = f"count(*) FILTER (WHERE {kpi.value} >= 9)"
    passives = f"count(*) FILTER (WHERE {kpi.value} BETWEEN 7 AND 8)"
    detractors = f"count(*) FILTER (WHERE {kpi.value} <= 6)"
    answers = f"count({kpi.value})"
    return (
        Figure(
            f"{kpi.name}_score",
            Unit.SCORE,
            f"100.0 * ({promoters} - {detractors}) / nullif({answers}, 0)",
        ),
        Figure(f"{kpi.name}_promoters", Unit.COUNT, promoters),
        Figure(f"{kpi.name}_passives", Unit.COUNT, passives),
        Figure(f"{kpi.name}_detractors", Unit.COUNT, detractors),
        Figure(f"{kpi.name}_count", Unit.COUNT, answers),
    )


def _count(kpi: Kpi) -> tuple[Figure, ...]:
    return (Figure(f"{kpi.name}_count", Unit.COUNT, f"count(*) FILTER (WHERE {kpi.base})"),)


def _ratio(kpi: Kpi) -> tuple[Figure, ...]:
    (top_name, top), (bottom_name, bottom) = kpi.numerator, kpi.denominator
    headline = "pct" if kpi.unit is Unit.PERCENT else "value"
    part_unit = Unit.SECONDS if top_name.endswith("seconds") else Unit.COUNT
    bottom_unit = Unit.SECONDS if bottom_name.endswith("seconds") else Unit.COUNT
    return (
        Figure(
            f"{kpi.name}_{headline}",
            kpi.unit,
            f"{kpi.scale!r} * sum({top}) / nullif(sum({bottom}), 0)",
        ),
        Figure(f"{kpi.name}_{top_name}", part_unit, f"sum({top})"),
        Figure(f"{kpi.name}_{bottom_name}", bottom_unit, f"sum({bottom})"),
    )


_FIGURES = {
    Kind.DISTRIBUTION: _distribution,
    Kind.RATE: _rate,
    Kind.MEAN: _mean,
    Kind.NPS: _nps,
    Kind.COUNT: _count,
    Kind.RATIO: _ratio,
}

# an answered call's measure; an abandoned call has no talk, hold, wrap-up or handle time
_IF_HANDLED = "CASE WHEN answered IS NOT FALSE THEN {} END"
_INBOUND_CALL = "(answered IS NOT NULL AND direction = 'inbound')"
_OFFERED = f"({_INBOUND_CALL} AND NOT short_abandon)"
_EVER_RESOLVED = "(resolved OR reopened)"
_REPEAT_WINDOW_KNOWN = "(customer_id IS NOT NULL AND repeat_window_over)"

KPIS: tuple[Kpi, ...] = (
    Kpi(
        name="conversations",
        label_en="Conversations",
        label_vi="Số hội thoại",
        unit=Unit.COUNT,
        direction=Direction.NEUTRAL,
        help="Conversations that started in the period, on every channel.",
        kind=Kind.COUNT,
        source=Source.CONVERSATIONS,
    ),
    Kpi(
        name="first_response_time",
        label_en="First response time",
        label_vi="Thời gian phản hồi đầu tiên",
        unit=Unit.SECONDS,
        direction=Direction.LOWER,
        help="From the customer's first message (or the bot hand-off) to the first reply "
        "of a person, in elapsed time.",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value="first_response_seconds",
    ),
    Kpi(
        name="first_response_business_time",
        label_en="First response time (business hours)",
        label_vi="Thời gian phản hồi đầu tiên (giờ làm việc)",
        unit=Unit.SECONDS,
        direction=Direction.LOWER,
        help="First response time counting only the team's business hours.",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value="first_response_business_seconds",
    ),
    Kpi(
        name="response_time",
        label_en="Response time (every wait)",
        label_vi="Thời gian phản hồi (mọi lượt chờ)",
        unit=Unit.SECONDS,
        direction=Direction.LOWER,
        help="Every customer wait, from the message that opened it to the agent reply that "
        "ended it.",
        kind=Kind.DISTRIBUTION,
        source=Source.WAITS,
        value="wait_seconds",
    ),
    Kpi(
        name="resolution_time",
        label_en="Resolution time",
        label_vi="Thời gian giải quyết",
        unit=Unit.SECONDS,
        direction=Direction.LOWER,
        help="From the start of a resolved conversation to its (last) resolution.",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value="resolution_seconds",
    ),
    Kpi(
        name="resolution_business_time",
        label_en="Resolution time (business hours)",
        label_vi="Thời gian giải quyết (giờ làm việc)",
        unit=Unit.SECONDS,
        direction=Direction.LOWER,
        help="Resolution time counting only the team's business hours.",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value="resolution_business_seconds",
    ),
    Kpi(
        name="replies_to_resolve",
        label_en="Replies to resolve",
        label_vi="Số lần trả lời để giải quyết",
        unit=Unit.COUNT,
        direction=Direction.LOWER,
        help="Agent replies sent up to the resolution of a resolved conversation.",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value="replies_to_resolve",
    ),
    Kpi(
        name="handle_time",
        label_en="Handle time",
        label_vi="Thời gian xử lý",
        unit=Unit.SECONDS,
        direction=Direction.LOWER,
        help="Talk + hold + wrap-up of answered calls; active handling of written "
        "conversations (each gap before an agent reply, capped).",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value=_IF_HANDLED.format("handle_seconds"),
    ),
    Kpi(
        name="talk_time",
        label_en="Talk time",
        label_vi="Thời gian đàm thoại",
        unit=Unit.SECONDS,
        direction=Direction.NEUTRAL,
        help="Time connected with the caller, holds excluded, over answered calls.",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value=_IF_HANDLED.format("talk_seconds"),
    ),
    Kpi(
        name="hold_time",
        label_en="Hold time",
        label_vi="Thời gian giữ máy",
        unit=Unit.SECONDS,
        direction=Direction.LOWER,
        help="Time callers spent on hold, per answered call (calls without holds count 0).",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value=_IF_HANDLED.format("hold_seconds"),
    ),
    Kpi(
        name="wrap_up_time",
        label_en="Wrap-up time",
        label_vi="Thời gian hoàn tất sau cuộc gọi",
        unit=Unit.SECONDS,
        direction=Direction.LOWER,
        help="After-call work, per answered call.",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value=_IF_HANDLED.format("wrap_up_seconds"),
    ),
    Kpi(
        name="speed_of_answer",
        label_en="Speed of answer",
        label_vi="Tốc độ trả lời cuộc gọi",
        unit=Unit.SECONDS,
        direction=Direction.LOWER,
        help="Queue wait of answered inbound calls (its mean is the ASA).",
        kind=Kind.DISTRIBUTION,
        source=Source.CONVERSATIONS,
        value=f"CASE WHEN {_INBOUND_CALL} AND answered THEN answer_wait_seconds END",
    ),
    Kpi(
        name="abandonment_rate",
        label_en="Abandonment rate",
        label_vi="Tỷ lệ cuộc gọi bị bỏ",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        help="Inbound calls the caller hung up on before an answer, short abandons excluded.",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        base=_OFFERED,
        hits="NOT answered",
        hits_name="abandoned",
    ),
    Kpi(
        name="service_level",
        label_en="Service level",
        label_vi="Mức độ phục vụ",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        help="Inbound calls answered within the service-level threshold of being offered, "
        "out of calls offered (short abandons excluded).",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        base=_OFFERED,
        hits="answered AND answer_wait_seconds <= service_level_seconds",
        hits_name="in_time",
    ),
    Kpi(
        name="sla_first_response",
        label_en="First response SLA met",
        label_vi="Đạt SLA phản hồi đầu tiên",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        help="Conversations whose first reply came by the policy's due time, out of those "
        "replied to or already past due.",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        base="sla_first_response_met IS NOT NULL OR sla_first_response_due_at < as_of",
        hits="coalesce(sla_first_response_met, FALSE)",
        hits_name="met",
        misses_name="breached",
    ),
    Kpi(
        name="sla_resolution",
        label_en="Resolution SLA met",
        label_vi="Đạt SLA giải quyết",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        help="Conversations resolved by the policy's due time, out of those resolved or "
        "already past due.",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        base="sla_resolution_met IS NOT NULL OR sla_resolution_due_at < as_of",
        hits="coalesce(sla_resolution_met, FALSE)",
        hits_name="met",
        misses_name="breached",
    ),
    Kpi(
        name="fcr",
        label_en="First contact resolution",
        label_vi="Giải quyết ngay lần đầu",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        help="Resolved conversations never reopened and with no repeat contact from the "
        "customer within the repeat-contact window.",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        base=f"resolved AND {_REPEAT_WINDOW_KNOWN}",
        hits="NOT reopened AND NOT repeat_contact",
        hits_name="resolved_first_time",
    ),
    Kpi(
        name="resolution_rate",
        label_en="Resolution rate",
        label_vi="Tỷ lệ giải quyết",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        help="Conversations resolved (or closed) now, out of all that started.",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        hits="resolved",
        hits_name="resolved",
    ),
    Kpi(
        name="reopen_rate",
        label_en="Reopen rate",
        label_vi="Tỷ lệ mở lại",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        help="Conversations reopened after being resolved, out of those ever resolved.",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        base=_EVER_RESOLVED,
        hits="reopened",
        hits_name="reopened",
    ),
    Kpi(
        name="repeat_contact_rate",
        label_en="Repeat contact rate",
        label_vi="Tỷ lệ liên hệ lại",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        help="Conversations followed by another from the same customer within the "
        "repeat-contact window.",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        base=_REPEAT_WINDOW_KNOWN,
        hits="repeat_contact",
        hits_name="repeated",
    ),
    Kpi(
        name="transfers_per_conversation",
        label_en="Transfers per conversation",
        label_vi="Số lần chuyển mỗi hội thoại",
        unit=Unit.COUNT,
        direction=Direction.LOWER,
        help="Transfers to another agent or team, per conversation.",
        kind=Kind.MEAN,
        source=Source.CONVERSATIONS,
        value="transfers",
    ),
    Kpi(
        name="availability",
        label_en="Availability",
        label_vi="Tỷ lệ sẵn sàng",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        help="Time online (ready for work) out of time logged in (online or away).",
        kind=Kind.RATIO,
        source=Source.AGENT_DAYS,
        numerator=("online_seconds", "online_seconds"),
        denominator=("logged_in_seconds", "online_seconds + away_seconds"),
    ),
    Kpi(
        name="occupancy",
        label_en="Occupancy",
        label_vi="Tỷ lệ bận xử lý",
        unit=Unit.PERCENT,
        direction=Direction.NEUTRAL,
        help="Handle time out of time online: how much of the available time went on "
        "conversations.",
        kind=Kind.RATIO,
        source=Source.AGENT_DAYS,
        # days without presence facts have no online time to set the handling against
        numerator=("handle_seconds", "CASE WHEN online_seconds > 0 THEN handle_seconds END"),
        denominator=("online_seconds", "online_seconds"),
    ),
    Kpi(
        name="conversations_per_agent_day",
        label_en="Conversations per agent per day",
        label_vi="Số hội thoại mỗi nhân viên mỗi ngày",
        unit=Unit.COUNT,
        direction=Direction.NEUTRAL,
        help="Conversations handled, per day an agent logged in or handled a conversation.",
        kind=Kind.RATIO,
        source=Source.AGENT_DAYS,
        numerator=("conversations", "conversations"),
        denominator=("agent_days", "1"),
        scale=1.0,
    ),
    Kpi(
        name="csat",
        label_en="CSAT",
        label_vi="Mức hài lòng (CSAT)",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        help="Satisfied answers (4 or 5 on the 1–5 scale) out of all CSAT answers.",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        base="csat IS NOT NULL",
        hits="csat >= 4",
        hits_name="satisfied",
    ),
    Kpi(
        name="csat_score",
        label_en="CSAT mean",
        label_vi="Điểm CSAT trung bình",
        unit=Unit.SCORE,
        direction=Direction.HIGHER,
        help="Mean CSAT answer on the 1–5 scale.",
        kind=Kind.MEAN,
        source=Source.CONVERSATIONS,
        value="csat",
    ),
    Kpi(
        name="csat_response_rate",
        label_en="CSAT response rate",
        label_vi="Tỷ lệ phản hồi khảo sát CSAT",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        help="Resolved conversations with a CSAT answer, out of resolved conversations.",
        kind=Kind.RATE,
        source=Source.CONVERSATIONS,
        base="resolved",
        hits="csat IS NOT NULL",
        hits_name="answered",
    ),
    Kpi(
        name="ces",
        label_en="Customer effort (CES)",
        label_vi="Mức độ dễ dàng (CES)",
        unit=Unit.SCORE,
        direction=Direction.HIGHER,
        help="Mean answer to 'the company made it easy to handle my issue', 1 (strongly "
        "disagree) to 7 (strongly agree).",
        kind=Kind.MEAN,
        source=Source.CONVERSATIONS,
        value="ces",
    ),
    Kpi(
        name="nps",
        label_en="NPS",
        label_vi="Chỉ số NPS",
        unit=Unit.SCORE,
        direction=Direction.HIGHER,
        help="% promoters (9–10) minus % detractors (0–6) among 0–10 answers, from −100 to 100.",
        kind=Kind.NPS,
        source=Source.CONVERSATIONS,
        value="nps",
    ),
    Kpi(
        name="retention_rate",
        label_en="Customer retention",
        label_vi="Tỷ lệ giữ chân khách hàng",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        help="Customers active (a conversation or an order) in the previous period who are "
        "active again in this one.",
        kind=Kind.RATE,
        source=Source.CUSTOMERS,
        hits="retained",
        hits_name="retained",
    ),
    Kpi(
        name="churn_rate",
        label_en="Customer churn",
        label_vi="Tỷ lệ khách hàng rời bỏ",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        help="Customers active in the previous period who are not active in this one.",
        kind=Kind.RATE,
        source=Source.CUSTOMERS,
        hits="NOT retained",
        hits_name="churned",
    ),
)

KPI_BY_NAME = {kpi.name: kpi for kpi in KPIS}
FIGURE_BY_NAME = {figure.name: (kpi, figure) for kpi in KPIS for figure in kpi.figures}


def kpis_named(names: list[str] | None) -> tuple[Kpi, ...]:
    """The KPIs asked for (all when none), or ValueError naming the unknown ones."""
    if not names:
        return KPIS
    unknown = [name for name in names if name not in KPI_BY_NAME]
    if unknown:
        raise ValueError(f"unknown KPI {', '.join(unknown)}; known: {', '.join(KPI_BY_NAME)}")
    return tuple(KPI_BY_NAME[name] for name in dict.fromkeys(names))
