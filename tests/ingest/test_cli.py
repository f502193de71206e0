"""`cxqa import` and `cxqa stats` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from conftest import FIXTURES
from cxqa.cli import app
from cxqa.settings import Settings


@pytest.fixture
def cxqa(engine: Engine, settings: Settings) -> CliRunner:
    return CliRunner(env={"CXQA_DATABASE_URL": settings.resolved_database_url})


def test_import_prints_a_summary_and_twice_changes_nothing(cxqa: CliRunner) -> None:
    sample = str(FIXTURES / "canonical_sample.jsonl")

    first = cxqa.invoke(app, ["import", sample])
    second = cxqa.invoke(app, ["import", sample])

    assert first.exit_code == 0, first.output
    assert "4 conversations created, 0 updated, 0 unchanged; 9 messages written" in first.output
    assert "0 conversations created, 0 updated, 4 unchanged; 0 messages written" in second.output


def test_bad_records_are_named_by_file_line_and_field(cxqa: CliRunner, tmp_path: Path) -> None:
    good = {"source": "s", "id": "1", "channel": "chat", "created_at": "2026-11-02T09:00:00Z"}
    bad = good | {"id": "2", "channel": "fax"}
    path = tmp_path / "mixed.jsonl"
    path.write_text(f"{json.dumps(good)}\n{json.dumps(bad)}\n")

    result = cxqa.invoke(app, ["import", str(path)])

    assert result.exit_code == 1
    assert f"{path}:2: channel: Input should be 'phone'" in result.output
    assert "1 conversations created" in result.output
    assert "1 records skipped" in result.output


def test_unknown_format_and_missing_file_exit_2(cxqa: CliRunner, tmp_path: Path) -> None:
    unknown = cxqa.invoke(app, ["import", str(FIXTURES / "canonical_sample.jsonl"), "-f", "xml"])
    missing = cxqa.invoke(app, ["import", str(tmp_path / "nope.jsonl")])

    assert unknown.exit_code == 2
    assert "jsonl, csv, twcs, ibm-twitter-care" in unknown.output
    assert missing.exit_code == 2
    assert "nope.jsonl: no such file" in missing.output


def test_utf16_file_is_refused_with_advice(cxqa: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "excel.jsonl"
    path.write_text('{"source": "s"}\n', encoding="utf-16")

    result = cxqa.invoke(app, ["import", str(path)])

    assert result.exit_code == 2
    assert "the file is UTF-16; save it as UTF-8" in result.output


def test_stats_counts_by_channel_team_and_agent(cxqa: CliRunner) -> None:
    cxqa.invoke(app, ["import", str(FIXTURES / "canonical_sample.jsonl")])

    result = cxqa.invoke(app, ["stats"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("phone" in line and " 2 " in f" {line} " for line in lines)
    assert any("Nguyễn Thị Lan" in line for line in lines)
    assert any(line.split("│")[1:2] == [" total "] for line in lines if "│" in line) or any(
        "total" in line for line in lines
    )


def test_init_reports_the_store_and_is_repeatable(cxqa: CliRunner) -> None:
    result = cxqa.invoke(app, ["init"])

    assert result.exit_code == 0, result.output
    assert "already up to date" in result.output


def test_report_lists_every_problem_beyond_the_screen(cxqa: CliRunner, tmp_path: Path) -> None:
    lines = [json.dumps({"source": "s", "id": str(n), "channel": "fax"}) for n in range(60)]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n")
    report = tmp_path / "problems.csv"

    result = cxqa.invoke(app, ["import", str(path), "--report", str(report)])

    assert result.exit_code == 1
    assert "... and 10 more problems (--report FILE writes them all)" in result.output
    assert "60 problems written to" in result.output
    rows = report.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "file,line,field,message"
    assert len(rows) == 61
    assert rows[-1].startswith(f"{path},60,channel,")


def test_a_missing_file_stops_the_import_before_anything_is_written(
    cxqa: CliRunner, engine: Engine, tmp_path: Path
) -> None:
    from store_snapshot import count

    result = cxqa.invoke(
        app, ["import", str(FIXTURES / "canonical_sample.jsonl"), str(tmp_path / "typo.jsonl")]
    )

    assert result.exit_code == 2
    assert "typo.jsonl: no such file" in result.output
    assert count(engine, "conversations") == 0
