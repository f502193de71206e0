"""The `cxqa` command. Each domain declares its own commands; this module only assembles them."""

from __future__ import annotations

import typer

from cxqa.conversations.cli import stats_command
from cxqa.demo.cli import demo_command
from cxqa.ingest.cli import import_command
from cxqa.kpis.cli import compare_command, kpi_command
from cxqa.kpis.goals_cli import goals_app, sla_app
from cxqa.store.cli import init_command
from cxqa.web.cli import serve_command

app = typer.Typer(
    name="cxqa",
    help="Customer-service quality assurance and service measurement.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.command("init")(init_command)
app.command("import")(import_command)
app.command("stats")(stats_command)
app.command("kpi")(kpi_command)
app.command("compare")(compare_command)
app.add_typer(goals_app, name="goals")
app.add_typer(sla_app, name="sla")
app.command("serve")(serve_command)
app.command("demo")(demo_command)


def main() -> None:
    app()
