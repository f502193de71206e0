"""`cxqa goals` and `cxqa sla`: KPI goals with their progress, and SLA policies."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cxqa.kpis.cli import OutputFormat, write_plain
from cxqa.kpis.formatting import format_seconds, format_value

goals_app = typer.Typer(help="KPI goals: a target for a scope by a deadline, with progress.")
sla_app = typer.Typer(help="SLA policies: business-time targets per channel and priority.")


def _fail(command: str, error: Exception) -> typer.Exit:
    message = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
    typer.echo(f"cxqa {command}: {message.removeprefix('Value error, ')}", err=True)
    return typer.Exit(2)


@goals_app.command("add")
def add_goal(
    name: Annotated[str, typer.Argument(help="What the goal is called.")],
    figure: Annotated[
        str, typer.Option("--kpi", help="The KPI figure, e.g. first_response_time_median.")
    ],
    target: Annotated[
        str, typer.Option(help="A value (e.g. 85) or a change against the baseline (e.g. -20%).")
    ],
    starts: Annotated[datetime, typer.Option(formats=["%Y-%m-%d"], help="First day.")],
    deadline: Annotated[datetime, typer.Option(formats=["%Y-%m-%d"], help="Last day.")],
    team: Annotated[str | None, typer.Option(help="Scope: one team (key).")] = None,
    agent: Annotated[str | None, typer.Option(help="Scope: one agent (key).")] = None,
    channel: Annotated[str | None, typer.Option(help="Scope: one channel.")] = None,
    baseline_from: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Baseline start. Default: as long before start."),
    ] = None,
    baseline_to: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Baseline end.")
    ] = None,
) -> None:
    """Set a goal, e.g. `cxqa goals add "Faster replies" --kpi first_response_time_median
    --target -20% --starts 2026-07-01 --deadline 2026-09-30 --team cskh`."""
    from cxqa.console import load_settings, store
    from cxqa.kpis.goals import GoalIn, create_goal
    from cxqa.kpis.service import KpiService
    from cxqa.store.db import transaction

    scopes = [(k, v) for k, v in (("team", team), ("agent", agent), ("channel", channel)) if v]
    if len(scopes) > 1:
        raise _fail("goals add", ValueError("a goal has one scope: --team, --agent or --channel"))
    scope = scopes[0] if scopes else None
    relative = target.strip().endswith("%")
    try:
        amount = float(target.strip().rstrip("%"))
        goal = GoalIn(
            name=name,
            figure=figure,
            scope_kind=scope[0] if scope else None,
            scope_key=scope[1] if scope else None,
            target_value=None if relative else amount,
            target_change_pct=amount if relative else None,
            starts_on=starts.date(),
            deadline=deadline.date(),
            baseline_from=baseline_from.date() if baseline_from else None,
            baseline_to=baseline_to.date() if baseline_to else None,
        )
    except (ValueError, ValidationError) as error:
        raise _fail("goals add", error) from error
    settings = load_settings()
    with store(settings) as engine:
        service = KpiService(engine, settings)
        try:
            with transaction(engine) as session:
                row = create_goal(session, service, goal)
                baseline = "no data" if row.baseline_value is None else f"{row.baseline_value:g}"
                typer.echo(
                    f"goal {row.id}: {row.figure} from {baseline} to {row.target_value:g} "
                    f"by {row.deadline}"
                )
        except ValueError as error:
            raise _fail("goals add", error) from error
        finally:
            service.close()


@goals_app.command("list")
def list_goals_command(
    output: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = (
        OutputFormat.table
    ),
) -> None:
    """Every goal with its baseline, target, current value, trend and status."""
    from cxqa.console import load_settings, store
    from cxqa.kpis.goals import goal_progress, list_goals
    from cxqa.kpis.registry import FIGURE_BY_NAME
    from cxqa.kpis.service import KpiService, today_in
    from cxqa.store.db import transaction

    settings = load_settings()
    with store(settings) as engine:
        service = KpiService(engine, settings)
        try:
            with transaction(engine) as session:
                goals = list_goals(session)
                today = today_in(settings)
                progress = [goal_progress(service, goal, today=today) for goal in goals]
        finally:
            service.close()
    if output is not OutputFormat.table:
        write_plain([dataclasses.asdict(p) for p in progress], output)
        return
    table = Table(
        "id",
        "goal",
        "scope",
        "baseline",
        "target",
        "now",
        "progress",
        "trend/week",
        "at deadline",
        "status",
    )
    for item in progress:
        _, figure = FIGURE_BY_NAME[item.figure]
        table.add_row(
            str(item.id),
            escape(f"{item.name} ({item.figure})"),
            escape(item.scope),
            format_value(figure, item.baseline_value),
            format_value(figure, item.target_value),
            format_value(figure, item.current_value),
            "—" if item.progress_pct is None else f"{item.progress_pct:.0f} %",
            "—" if item.trend_per_week is None else f"{item.trend_per_week:+.3g}",
            format_value(figure, item.projected_value),
            f"{item.status} (by {item.deadline})",
        )
    Console().print(table)


@goals_app.command("remove")
def remove_goal_command(goal_id: Annotated[int, typer.Argument(help="The goal's id.")]) -> None:
    """Delete a goal."""
    from cxqa.console import load_settings, store
    from cxqa.kpis.goals import remove_goal
    from cxqa.store.db import transaction

    settings = load_settings()
    with store(settings) as engine, transaction(engine) as session:
        if not remove_goal(session, goal_id):
            typer.echo(f"cxqa goals remove: no goal {goal_id}", err=True)
            raise typer.Exit(2)
    typer.echo(f"goal {goal_id} removed")


@sla_app.command("list")
def list_sla_command(
    output: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = (
        OutputFormat.table
    ),
) -> None:
    """The SLA policies, most specific first where they overlap."""
    from cxqa.console import load_settings, store
    from cxqa.kpis.sla_policies import list_policies
    from cxqa.store.db import transaction

    settings = load_settings()
    with store(settings) as engine, transaction(engine) as session:
        policies = list_policies(session)
    if output is not OutputFormat.table:
        write_plain([policy.model_dump(mode="json") for policy in policies], output)
        return
    table = Table("name", "channel", "priority", "first response", "resolution")
    for policy in policies:
        table.add_row(
            escape(policy.name),
            policy.channel or "any",
            policy.priority or "any",
            _target(policy.first_response_seconds),
            _target(policy.resolution_seconds),
        )
    Console().print(table)
    typer.echo("Targets are business time in each conversation's team calendar.")


def _target(seconds: float | None) -> str:

    return "—" if seconds is None else format_seconds(seconds)


@sla_app.command("set")
def set_sla_command(
    name: Annotated[str, typer.Argument(help="The policy's name; an existing one is replaced.")],
    channel: Annotated[str | None, typer.Option(help="Only this channel. Default: any.")] = None,
    priority: Annotated[str | None, typer.Option(help="Only this priority. Default: any.")] = None,
    first_response: Annotated[
        float | None, typer.Option(help="First-response target, business minutes.")
    ] = None,
    resolution: Annotated[
        float | None, typer.Option(help="Resolution target, business hours.")
    ] = None,
) -> None:
    """Create or replace an SLA policy; KPIs are measured against it from the next request."""
    from cxqa.console import load_settings, store
    from cxqa.kpis.sla_policies import SlaPolicyIn, save_policy
    from cxqa.store.db import transaction

    try:
        policy = SlaPolicyIn.model_validate(
            {
                "name": name,
                "channel": channel,
                "priority": priority,
                "first_response_seconds": None if first_response is None else first_response * 60,
                "resolution_seconds": None if resolution is None else resolution * 3600,
            }
        )
    except ValidationError as error:
        raise _fail("sla set", error) from error
    settings = load_settings()
    with store(settings) as engine, transaction(engine) as session:
        saved = save_policy(session, policy)
    typer.echo(f"SLA policy {saved.name!r} saved")


@sla_app.command("remove")
def remove_sla_command(name: Annotated[str, typer.Argument(help="The policy's name.")]) -> None:
    """Delete an SLA policy."""
    from cxqa.console import load_settings, store
    from cxqa.kpis.sla_policies import remove_policy
    from cxqa.store.db import transaction

    settings = load_settings()
    with store(settings) as engine, transaction(engine) as session:
        if not remove_policy(session, name):
            typer.echo(f"cxqa sla remove: no policy {name!r}", err=True)
            raise typer.Exit(2)
    typer.echo(f"SLA policy {name!r} removed")
