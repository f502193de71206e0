"""`cxqa kpi`: the KPI table in the terminal, as JSON or as CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cxqa.kpis.formatting import format_value
from cxqa.kpis.registry import KPIS, Kpi
from cxqa.kpis.table import GROUPINGS, Row, figures_of, group_label

if TYPE_CHECKING:  # scipy loads only when a comparison is asked for
    from cxqa.kpis.compare import Comparison


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Language(StrEnum):
    en = "en"
    vi = "vi"


def kpi_command(
    by: Annotated[
        list[str] | None,
        typer.Option("--by", help=f"Group by {', '.join(GROUPINGS)}; repeat for several."),
    ] = None,
    date_from: Annotated[
        datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], help="First local day. Default: 28 days ago."),
    ] = None,
    date_to: Annotated[
        datetime | None,
        typer.Option("--to", formats=["%Y-%m-%d"], help="Last local day. Default: today."),
    ] = None,
    kpi: Annotated[
        list[str] | None, typer.Option("--kpi", help="A KPI name; repeat. Default: all.")
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = (
        OutputFormat.table
    ),
    team: Annotated[str | None, typer.Option(help="Only this team (key).")] = None,
    agent: Annotated[str | None, typer.Option(help="Only this agent (key).")] = None,
    channel: Annotated[str | None, typer.Option(help="Only this channel.")] = None,
    priority: Annotated[str | None, typer.Option(help="Only this priority.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only conversations with this tag.")] = None,
    segment: Annotated[str | None, typer.Option(help="Only this customer segment.")] = None,
    lang: Annotated[Language, typer.Option(help="Language of the table's labels.")] = (Language.en),
    list_kpis: Annotated[
        bool, typer.Option("--list", help="List the KPIs with their figures and exit.")
    ] = False,
) -> None:
    """Service KPIs (docs/metrics.md defines each), grouped and filtered."""
    if list_kpis:
        _print_registry(lang)
        return
    from cxqa.console import load_settings, store
    from cxqa.kpis.service import KpiService, build_query

    settings = load_settings()
    filters = [
        (name, value)
        for name, value in (
            ("team", team),
            ("agent", agent),
            ("channel", channel),
            ("priority", priority),
            ("tag", tag),
            ("segment", segment),
        )
        if value is not None
    ]
    try:
        query = build_query(
            settings,
            by=by or [],
            first_day=date_from.date() if date_from else None,
            last_day=date_to.date() if date_to else None,
            kpis=kpi,
            filters=filters,
        )
    except ValueError as error:
        typer.echo(f"cxqa kpi: {error}", err=True)
        raise typer.Exit(2) from error
    with store(settings) as engine:
        service = KpiService(engine, settings)
        try:
            rows = service.table(query)
        finally:
            service.close()
    write_rows(rows, query.by, query.kpis, output, lang)


def write_rows(
    rows: Sequence[Row],
    by: Sequence[str],
    kpis: Sequence[Kpi],
    output: OutputFormat,
    lang: Language,
) -> None:
    from cxqa.kpis.service import json_ready

    if output is OutputFormat.json:
        typer.echo(json.dumps(json_ready(rows), ensure_ascii=False, indent=2))
    elif output is OutputFormat.csv:
        ready = json_ready(rows)
        names = list(ready[0]) if ready else [*by, *(f.name for f in figures_of(kpis))]
        writer = csv.DictWriter(sys.stdout, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(ready)
    elif len(rows) == 1 and not by:
        _print_one_group(rows[0], kpis, lang)
    else:
        _print_groups(rows, by, kpis, lang)


def _label(kpi: Kpi, lang: Language) -> str:
    return kpi.label_vi if lang is Language.vi else kpi.label_en


def _print_one_group(row: Row, kpis: Sequence[Kpi], lang: Language) -> None:
    table = Table("KPI", "figure", "value")
    for kpi in kpis:
        for index, figure in enumerate(kpi.figures):
            label = escape(_label(kpi, lang)) if index == 0 else ""
            table.add_row(label, figure.name, format_value(figure, row.get(figure.name)))
    Console().print(table)


def _print_groups(
    rows: Sequence[Row], by: Sequence[str], kpis: Sequence[Kpi], lang: Language
) -> None:
    table = Table(*by)
    for kpi in kpis:
        table.add_column(escape(_label(kpi, lang)), justify="right")
    for row in rows:
        keys = [escape(group_label(row, name)) for name in by]
        values = [format_value(kpi.headline, row.get(kpi.headline.name)) for kpi in kpis]
        table.add_row(*keys, *values)
    console = Console()
    console.print(table)
    console.print("Headline figure of each KPI; --format json or csv gives every figure.")


def _print_registry(lang: Language) -> None:
    table = Table("name", "label", "unit", "better", "figures", "definition")
    for kpi in KPIS:
        table.add_row(
            kpi.name,
            escape(_label(kpi, lang)),
            kpi.unit.value,
            kpi.direction.value,
            ", ".join(figure.name for figure in kpi.figures),
            escape(kpi.help),
        )
    Console().print(table)


def _period(text: str, option: str) -> tuple[date, date]:
    try:
        first, _, last = text.partition(":")
        return date.fromisoformat(first), date.fromisoformat(last or first)
    except ValueError as error:
        raise typer.BadParameter(
            "use FIRST:LAST, e.g. 2026-07-01:2026-07-31", param_hint=option
        ) from error


def compare_command(
    before: Annotated[str, typer.Option(help="The period before, FIRST:LAST (local days).")],
    after: Annotated[str, typer.Option(help="The period after, FIRST:LAST (local days).")],
    kpi: Annotated[
        list[str] | None, typer.Option("--kpi", help="A KPI name; repeat. Default: all.")
    ] = None,
    team: Annotated[str | None, typer.Option(help="Only this team (key).")] = None,
    agent: Annotated[str | None, typer.Option(help="Only this agent (key).")] = None,
    channel: Annotated[str | None, typer.Option(help="Only this channel.")] = None,
    alpha: Annotated[
        float, typer.Option(min=0.001, max=0.5, help="Significance level of the tests.")
    ] = 0.05,
    output: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = (
        OutputFormat.table
    ),
    lang: Annotated[Language, typer.Option(help="Language of the table's labels.")] = (Language.en),
) -> None:
    """Compare KPIs between two periods (before and after a change) and test whether each
    difference is statistically significant, with a test that fits the KPI."""
    from cxqa.console import load_settings, store
    from cxqa.kpis.compare import compare_periods
    from cxqa.kpis.service import KpiService, build_query

    first_before, last_before = _period(before, "--before")
    first_after, last_after = _period(after, "--after")
    settings = load_settings()
    filters = [(n, v) for n, v in (("team", team), ("agent", agent), ("channel", channel)) if v]
    try:
        query_before = build_query(
            settings, first_day=first_before, last_day=last_before, kpis=kpi, filters=filters
        )
        query_after = build_query(
            settings, first_day=first_after, last_day=last_after, kpis=kpi, filters=filters
        )
    except ValueError as error:
        typer.echo(f"cxqa compare: {error}", err=True)
        raise typer.Exit(2) from error
    with store(settings) as engine:
        service = KpiService(engine, settings)
        try:
            service.refresh()
            comparisons = compare_periods(
                service.data,
                query_before,
                query_after,
                rules=service.rules,
                as_of=datetime.now(UTC),
                alpha=alpha,
            )
        finally:
            service.close()
    rows = [comparison_row(c) for c in comparisons]
    if output is OutputFormat.table:
        _print_comparisons(rows, lang)
    else:
        write_plain(rows, output)


def comparison_row(comparison: Comparison) -> dict[str, Any]:
    """One flat row: the comparison's fields, then its test's (for JSON and CSV)."""
    row = asdict(comparison)
    significance: dict[str, Any] = row.pop("significance")
    significance.pop("alpha")
    return {**row, **significance}


def write_plain(rows: Sequence[dict[str, Any]], output: OutputFormat) -> None:
    if output is OutputFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _print_comparisons(rows: Sequence[dict[str, Any]], lang: Language) -> None:
    from cxqa.kpis.registry import FIGURE_BY_NAME

    table = Table("KPI", "before", "after", "change", "verdict", "test", "p", "significant")
    for row in rows:
        kpi, figure = FIGURE_BY_NAME[row["figure"]]
        change = "—" if row["change_pct"] is None else f"{row['change_pct']:+.1f} %"
        p_value = "—" if row["p_value"] is None else f"{row['p_value']:.3g}"
        significant = {True: "yes", False: "no", None: "—"}[row["significant"]]
        table.add_row(
            escape(_label(kpi, lang)),
            format_value(figure, row["before"]),
            format_value(figure, row["after"]),
            change,
            row["verdict"] or "—",
            escape(row["test"]),
            p_value,
            significant if row["note"] is None else f"{significant} ({escape(row['note'])})",
        )
    Console().print(table)
