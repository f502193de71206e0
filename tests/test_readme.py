"""The README documents every setting and command the code declares."""

from __future__ import annotations

from pathlib import Path

from cxqa.cli import app
from cxqa.settings import Settings

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme() -> None:
    for name in Settings.model_fields:
        assert f"CXQA_{name.upper()}" in README, f"CXQA_{name.upper()} is not documented"


def test_every_command_is_in_the_readme() -> None:
    for command in app.registered_commands:
        assert f"`cxqa {command.name}" in README, f"cxqa {command.name} is not documented"


def test_every_command_group_is_in_the_readme() -> None:
    for group in app.registered_groups:
        assert f"`cxqa {group.name}" in README, f"cxqa {group.name} is not documented"


def test_every_setting_has_help_text() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
