"""Wrong settings and unreachable stores are reported in one line, with exit status 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cxqa.cli import app


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({"CXQA_TIMEZONE": "Mars/Base"}, ["stats"], "CXQA_TIMEZONE: unknown time zone 'Mars/Base'"),
        ({"CXQA_PORT": "eighty"}, ["serve"], "CXQA_PORT: Input should be a valid integer"),
        ({"CXQA_IMPORT_BATCH_SIZE": "0"}, ["init"], "CXQA_IMPORT_BATCH_SIZE: Input should be"),
        (
            {"CXQA_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"},
            ["init"],
            "cannot open the store postgresql+psycopg://nobody@127.0.0.1:1/none: connection failed",
        ),
    ],
)
def test_bad_configuration_is_one_clear_line(
    env: dict[str, str], args: list[str], expected: str
) -> None:
    result = CliRunner(env=env).invoke(app, args)

    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output
