"""Small canonical records for KPI tests: one agent answering chats."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def chat(
    number: int,
    reply_seconds: int,
    *,
    tags: tuple[str, ...] = (),
    csat: int | None = None,
    day: str = "2026-03-03",
    customer: str | None = None,
) -> dict[str, Any]:
    """A chat opened on `day` at 09:MM (Asia/Ho_Chi_Minh) and answered `reply_seconds` later."""
    opened = f"{day}T09:{number % 60:02d}:00+07:00"
    replied = datetime.fromisoformat(opened).timestamp() + reply_seconds
    record: dict[str, Any] = {
        "type": "conversation",
        "source": "test",
        "id": f"c-{day}-{number}",
        "channel": "chat",
        "agent": "an",
        "tags": list(tags),
        "customer": {"id": customer or f"k-{day}-{number}"},
        "messages": [
            {"role": "customer", "at": opened, "text": "chào shop"},
            {
                "role": "agent",
                "agent": "an",
                "at": datetime.fromtimestamp(replied, UTC).isoformat(),
                "text": "Dạ em chào anh ạ",
            },
        ],
    }
    if csat is not None:
        record["surveys"] = [{"type": "csat", "score": csat, "at": f"{day}T11:00:00+07:00"}]
    return record


def write(path: Path, *records: dict[str, Any]) -> Path:
    lines = [{"type": "agent", "id": "an", "name": "Nguyễn Văn An"}, *records]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n")
    return path
