"""On a terminal, `cxqa import` shows a progress bar; piped, it prints only the summary."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine

from cxqa.settings import Settings

BAR = "━".encode()


def write_file(path: Path, conversations: int) -> Path:
    lines = []
    for number in range(conversations):
        messages = [
            {"role": "customer", "at": f"2026-11-02T09:{n:02d}:00+07:00", "text": "alo " * 40}
            for n in range(20)
        ]
        record = {"source": "tty", "id": str(number), "channel": "sms", "messages": messages}
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n")
    return path


def run_cxqa(args: list[str], settings: Settings, *, terminal: bool) -> bytes:
    env = os.environ | {"CXQA_DATABASE_URL": settings.resolved_database_url, "COLUMNS": "100"}
    command = [sys.executable, "-m", "cxqa", *args]
    if not terminal:
        return subprocess.run(command, env=env, capture_output=True, check=False).stderr
    leader, follower = pty.openpty()
    try:
        subprocess.run(command, env=env, stdout=follower, stderr=follower, check=False, timeout=120)
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything was read
                break
            if not chunk:
                break
            output += chunk
        return output
    finally:
        os.close(leader)


def test_progress_bar_on_a_terminal_only(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    path = write_file(tmp_path / "many.jsonl", 1500)

    on_terminal = run_cxqa(["import", str(path)], settings, terminal=True)
    piped = run_cxqa(["import", str(path)], settings, terminal=False)

    assert BAR in on_terminal
    assert b"many.jsonl" in on_terminal
    assert BAR not in piped
