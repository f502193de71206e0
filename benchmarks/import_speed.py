"""Import speed and memory: generate a canonical JSONL file, import it into a fresh embedded store.

    python benchmarks/import_speed.py [--messages 1000000] [--also 250000]

Each import runs as `cxqa import` in a child process on a fresh SQLite store, so the figures
are what a user gets: wall time, messages per second and peak resident memory of the importing
process and of the reader process it starts (CXQA_IMPORT_PARALLEL, on by default).
`--also N` imports a smaller file too, to show that memory stays flat as the file grows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

MESSAGES_PER_CONVERSATION = 10
CHANNELS = ["chat", "zalo", "facebook", "email", "phone"]
CUSTOMER_LINES = [
    "shop oi don hang DH{order} cua minh sao chua giao vay",
    "Cho mình hỏi đơn DH{order} bao giờ giao tới ạ?",
    "Tôi muốn đổi size áo trong đơn DH{order}, được không shop?",
    "sao giao cham vay, minh dat 3 ngay roi ma chua thay",
    "Mình chuyển khoản rồi mà đơn DH{order} vẫn báo chưa thanh toán",
]
AGENT_LINES = [
    "Dạ em chào anh/chị, em là {agent} bên CSKH ạ. Em kiểm tra đơn DH{order} ngay ạ.",
    "Dạ em rất xin lỗi anh/chị vì sự bất tiện này, đơn sẽ giao trong hôm nay ạ.",
    "Dạ bên em đã ghi nhận yêu cầu đổi size, shipper sẽ liên hệ anh/chị ạ.",
    "Anh/chị còn cần em hỗ trợ gì thêm không ạ? Cảm ơn anh/chị đã liên hệ.",
]


def conversation(number: int, rng: random.Random, start: datetime) -> dict[str, object]:
    at = start + timedelta(minutes=number)
    agent = f"agent{rng.randrange(40):02d}"
    order = 2_400_000 + rng.randrange(100_000)
    messages = []
    for turn in range(MESSAGES_PER_CONVERSATION):
        at += timedelta(seconds=rng.randrange(20, 400))
        customer = turn % 2 == 0
        template = rng.choice(CUSTOMER_LINES if customer else AGENT_LINES)
        message: dict[str, object] = {
            "role": "customer" if customer else "agent",
            "at": at.isoformat(),
            "text": template.format(order=order, agent=agent),
        }
        if not customer:
            message["agent"] = agent
        messages.append(message)
    record: dict[str, object] = {
        "source": "bench",
        "id": f"b{number}",
        "channel": rng.choice(CHANNELS),
        "language": "vi",
        "team": f"team{rng.randrange(4)}",
        "agent": agent,
        "customer": {"phones": [f"+8490{rng.randrange(30_000):07d}"]},
        "tags": [rng.choice(["giao_hang", "doi_tra", "thanh_toan"])],
        "messages": messages,
        "events": [{"type": "status", "at": at.isoformat(), "status": "resolved"}],
    }
    if rng.random() < 0.3:
        record["surveys"] = [{"type": "csat", "score": rng.randint(1, 5), "at": at.isoformat()}]
    return record


def write_file(path: Path, messages: int) -> None:
    rng = random.Random(2026)
    start = datetime(2026, 8, 1, 1, 0, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(messages // MESSAGES_PER_CONVERSATION):
            handle.write(json.dumps(conversation(number, rng, start), ensure_ascii=False) + "\n")


def run_import(path: Path, data_dir: Path) -> tuple[float, int, int]:
    """Seconds and peak RSS (KiB) of `cxqa import` on a fresh store, and of its reader process."""
    env = os.environ | {"CXQA_DATA_DIR": str(data_dir)}
    env.pop("CXQA_DATABASE_URL", None)
    started = time.perf_counter()
    code = (
        "import resource, sys; from cxqa.cli import main; sys.argv = ['cxqa', 'import', "
        f"{str(path)!r}]\ntry:\n    main()\nfinally:\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"import failed:\n{result.stdout}\n{result.stderr}")
    main_kib, reader_kib = (int(v) for v in result.stderr.strip().splitlines()[-1].split())
    print(result.stdout.strip())
    return seconds, main_kib, reader_kib


def measure(messages: int, workdir: Path) -> None:
    path = workdir / f"bench-{messages}.jsonl"
    started = time.perf_counter()
    write_file(path, messages)
    size_mb = path.stat().st_size / 1e6
    elapsed = time.perf_counter() - started
    print(f"generated {messages:,} messages ({size_mb:,.0f} MB) in {elapsed:.1f} s")
    seconds, main_kib, reader_kib = run_import(path, workdir / f"store-{messages}")
    print(
        f"imported {messages:,} messages in {seconds:.1f} s: {messages / seconds:,.0f} "
        f"messages/s, peak memory {main_kib / 1024:,.0f} MiB (writer) + "
        f"{reader_kib / 1024:,.0f} MiB (reader process)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--also", type=int, default=None, help="also import a file this size")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="cxqa-bench-") as workdir:
        for size in [args.also, args.messages]:
            if size:
                measure(size, Path(workdir))


if __name__ == "__main__":
    main()
