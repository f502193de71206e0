"""KPI speed at scale: the full KPI table of a year of conversations, on SQLite and PostgreSQL.

    python benchmarks/kpi_speed.py [--conversations 1000000] [--stores sqlite,postgresql]
                                   [--work-dir /tmp/cxqa-kpi-bench] [--postgres-url URL]

Generates a year of contact-centre data (benchmarks/kpi_speed_data.py: ~10 messages per
conversation, calls, surveys, presence), imports it with the real importer into each store and
derives the measures. The file and the stores are kept in the work directory, keyed by size
(PostgreSQL: a database cxqa_kpi_bench_<n>), so a second run goes straight to the timings.

Then, per store, in a fresh process: the engine's cold load (KpiData.refresh from empty), a
refresh when nothing changed, the full KPI table per agent per week (every KPI), the daily
series per channel for a month and for the year, and peak memory; next to it, plain pandas
loads the same measures from the store and computes the agent x week table for a set of
figures, which must agree with the engine's for every group. The engine's full tables of the
two stores must agree too. Exit status 1 when anything disagrees.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import kpi_speed_data as data_set
import numpy as np
import pandas as pd
from sqlalchemy import Engine, create_engine, select, text, update
from sqlalchemy.engine import make_url

from cxqa.ingest.formats.base import ReadContext
from cxqa.ingest.service import format_readers, import_file
from cxqa.ingest.writer import StoreWriter
from cxqa.kpis.engine import KpiData
from cxqa.kpis.models import ConversationMeasure
from cxqa.kpis.service import KpiService, build_query, update_measures
from cxqa.kpis.sla_policies import add_demo_sla_policies
from cxqa.kpis.table import KpiRules, Row, kpi_table
from cxqa.settings import Settings
from cxqa.store.base import core_table
from cxqa.store.db import create_engine as store_engine
from cxqa.store.db import open_store
from cxqa.store.migrate import upgrade_to_head

T = TypeVar("T")
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
RUNS = 5
TOUCHED = 1000  # conversations re-derived before the incremental refresh
MEASURES = core_table(ConversationMeasure)
TARGET_SECONDS = 1.0
# as of three days after the year: the last conversations' repeat-contact windows are open
AS_OF = datetime.combine(data_set.LAST_DAY + timedelta(days=3), datetime.min.time(), UTC)
MONTH = (date(2026, 10, 1), date(2026, 10, 31))
# the engine rounds figures to 6 decimals; beyond that, 1e-6 relative
RELATIVE, ABSOLUTE = 1e-6, 5.01e-7
# figures computed by pandas too, checked for every agent x week
CHECKED = (
    "conversations_count",
    "first_response_time_median",
    "first_response_time_mean",
    "first_response_time_p90",
    "first_response_time_count",
    "response_time_median",
    "response_time_mean",
    "response_time_count",
    "resolution_time_median",
    "handle_time_median",
    "handle_time_mean",
    "handle_time_count",
    "abandonment_rate_pct",
    "service_level_pct",
    "resolution_rate_pct",
    "fcr_pct",
    "fcr_count",
    "repeat_contact_rate_pct",
    "transfers_per_conversation_mean",
    "csat_pct",
    "csat_score_mean",
    "ces_mean",
    "nps_score",
    "nps_count",
)


# -- the orchestrating process -------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=1_000_000)
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/cxqa-kpi-bench"))
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES, help="an admin database")
    parser.add_argument("--stage", choices=["build", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        stage = build_stage if args.stage == "build" else measure_stage
        stage(args.store, args.url, args.conversations, args.work_dir)
        return
    stores = [name.strip() for name in args.stores.split(",") if name.strip()]
    unknown = set(stores) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown store {', '.join(sorted(unknown))}; use sqlite, postgresql")
    args.work_dir.mkdir(parents=True, exist_ok=True)
    print_machine()
    size = args.conversations
    generated = ensure_data_set(args.work_dir, size)
    results: dict[str, dict[str, Any]] = {}
    ok = True
    for store in stores:
        url = store_url(store, size, args.work_dir, args.postgres_url)
        if url is None:
            continue
        print(f"\n== {store} ({make_url(url).render_as_string(hide_password=True)})", flush=True)
        built = ensure_store(store, url, size, args.work_dir)
        found = result_path(args.work_dir, store, size, "json")
        found.unlink(missing_ok=True)
        result_path(args.work_dir, store, size, "pkl").unlink(missing_ok=True)
        ok &= run_stage("measure", store, url, size, args.work_dir) == 0
        if found.exists():
            results[store] = json.loads(found.read_text()) | {"build": built}
    print_summary(size, generated, results)
    if {"sqlite", "postgresql"} <= results.keys():
        ok &= compare_stores(args.work_dir, size)
    sys.exit(0 if ok else 1)


def print_machine() -> None:
    memory = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{int(memory) / 1024**2:.1f} GiB RAM, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, DuckDB {duckdb.__version__}, "
        f"pandas {pd.__version__}, NumPy {np.__version__}",
        flush=True,
    )


def ensure_data_set(work_dir: Path, size: int) -> dict[str, Any]:
    path, meta = data_path(work_dir, size), work_dir / f"kpi-bench-{size}.json"
    if path.exists() and meta.exists():
        found: dict[str, Any] = json.loads(meta.read_text())
        print(f"data set {path} (cached): {describe_data(found)}", flush=True)
        return found
    started = time.perf_counter()
    counts = data_set.write_dataset(path, size)
    found = vars(counts) | {"seconds": time.perf_counter() - started}
    meta.write_text(json.dumps(found))
    print(f"generated {path} in {found['seconds']:.1f} s: {describe_data(found)}", flush=True)
    return found


def describe_data(found: dict[str, Any]) -> str:
    return (
        f"{found['conversations']:,} conversations ({found['calls']:,} with calls), "
        f"{found['messages']:,} messages, {found['presence_events']:,} presence events, "
        f"{found['bytes'] / 1e6:,.0f} MB, {data_set.FIRST_DAY} to {data_set.LAST_DAY}"
    )


def data_path(work_dir: Path, size: int) -> Path:
    return work_dir / f"kpi-bench-{size}.jsonl"


def result_path(work_dir: Path, store: str, size: int, suffix: str) -> Path:
    return work_dir / f"result-{store}-{size}.{suffix}"


def build_meta_path(work_dir: Path, store: str, size: int) -> Path:
    return work_dir / f"{store}-{size}.built.json"


def store_url(store: str, size: int, work_dir: Path, admin: str) -> str | None:
    if store == "sqlite":
        return f"sqlite:///{work_dir / f'sqlite-{size}' / 'cxqa.sqlite3'}"
    url = make_url(admin)
    try:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any reason at all: say it and go on without PostgreSQL
        reason = str(error).strip().splitlines()[0]
        print(f"\nPostgreSQL is not reachable at {admin}: {reason}; skipping it", flush=True)
        return None
    return url.set(database=f"cxqa_kpi_bench_{size}").render_as_string(hide_password=False)


def ensure_store(store: str, url: str, size: int, work_dir: Path) -> dict[str, Any]:
    """The store holding the data set with measures derived; built unless already there."""
    meta = build_meta_path(work_dir, store, size)
    if meta.exists() and store_is_complete(store, url, size, work_dir):
        found: dict[str, Any] = json.loads(meta.read_text())
        print(f"store built {found['built_at']} (cached): {describe_build(found)}", flush=True)
        return found
    meta.unlink(missing_ok=True)
    reset_store(store, url, size, work_dir)
    if run_stage("build", store, url, size, work_dir) != 0 or not meta.exists():
        sys.exit(f"building the {store} store failed")
    return dict(json.loads(meta.read_text()))


def store_is_complete(store: str, url: str, size: int, work_dir: Path) -> bool:
    if store == "sqlite" and not (work_dir / f"sqlite-{size}" / "cxqa.sqlite3").exists():
        return False
    try:
        engine = create_engine(url)
        with engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM conversation_measures")).scalar()
        engine.dispose()
    except Exception:  # no database, no table: not built
        return False
    return count == size


def reset_store(store: str, url: str, size: int, work_dir: Path) -> None:
    if store == "sqlite":
        folder = work_dir / f"sqlite-{size}"
        folder.mkdir(parents=True, exist_ok=True)
        for path in folder.glob("cxqa.sqlite3*"):
            path.unlink()
        return
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}"'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def run_stage(stage: str, store: str, url: str, size: int, work_dir: Path) -> int:
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", stage]
    command += ["--store", store, "--url", url, "--conversations", str(size)]
    command += ["--work-dir", str(work_dir)]
    return subprocess.run(command, check=False).returncode


def describe_build(found: dict[str, Any]) -> str:
    return (
        f"import {found['import_seconds']:.1f} s "
        f"({found['messages'] / found['import_seconds']:,.0f} messages/s), "
        f"derive measures {found['derive_seconds']:.1f} s "
        f"({found['derived'] / found['derive_seconds']:,.0f} conversations/s), peak RSS "
        f"{found['rss_mib']:,.0f} MiB + {found['reader_rss_mib']:,.0f} MiB (reader process)"
        + (f"; {found['note']}" if found.get("note") else "")
    )


# -- stage: build one store ----------------------------------------------------------------


def store_settings(store: str, url: str, work_dir: Path, size: int) -> Settings:
    if store == "sqlite":  # the embedded default: no URL, a file in the data directory
        return Settings(
            data_dir=work_dir / f"sqlite-{size}", database_url=None, timezone=data_set.TIMEZONE
        )
    return Settings(data_dir=work_dir, database_url=url, timezone=data_set.TIMEZONE)


def build_stage(store: str, url: str, size: int, work_dir: Path) -> None:
    settings = store_settings(store, url, work_dir, size)
    path = data_path(work_dir, size)
    with open_store(settings) as engine:
        add_demo_sla_policies(engine)  # SLA figures need policies; set before deriving
        started = time.perf_counter()
        summary = import_file(
            engine=engine,
            writer=StoreWriter(engine, default_timezone=settings.timezone),
            path=path,
            reader=format_readers()["jsonl"],
            context=ReadContext(max_record_bytes=settings.import_max_record_bytes),
            batch_size=settings.import_batch_size,
            parallel=settings.import_parallel,
        )
        imported = time.perf_counter() - started
        if summary.problem_count or summary.conversations_created != size:
            problems = "; ".join(
                f"line {p.line}: {p.field}: {p.message}" for p in summary.problems[:5]
            )
            sys.exit(f"import: {summary.conversations_created:,} created, problems: {problems}")
        started = time.perf_counter()
        derivation = update_measures(engine, settings)
        derived = time.perf_counter() - started
    found = {
        "built_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "messages": summary.messages_written,
        "import_seconds": imported,
        "derived": derivation.derived,
        "derive_seconds": derived,
        "rss_mib": peak_rss_mib(),
        "reader_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    build_meta_path(work_dir, store, size).write_text(json.dumps(found))
    print(f"built: {describe_build(found)}", flush=True)


# -- stage: measure one store --------------------------------------------------------------


def measure_stage(store: str, url: str, size: int, work_dir: Path) -> None:
    settings = store_settings(store, url, work_dir, size)
    engine = store_engine(settings)
    upgrade_to_head(engine)  # a store cached by an older cxqa gets the newer schema
    rules = KpiRules.from_settings(settings)
    out: dict[str, Any] = {"server": server_version(engine)}
    say(f"store: {out['server']}")

    seconds, derivation = timed(lambda: update_measures(engine, settings))
    out["measures_check"] = seconds
    say(
        f"measures up-to-date check (update_measures, {derivation.derived} derived): "
        f"{seconds:.2f} s"
    )

    data = KpiData(engine, timezone=settings.timezone)
    out["cold"], _ = timed(data.refresh)
    counts = {
        name: duck_count(data, name) for name in ("conversations", "waits", "tags", "agent_days")
    }
    say(
        f"engine cold load (KpiData.refresh from empty): {out['cold']:.2f} s "
        f"({', '.join(f'{count:,} {name}' for name, count in counts.items())})"
    )
    warm = [timed(data.refresh) for _ in range(3)]
    out["warm"] = min(seconds for seconds, _ in warm)
    changed = any(changed for _, changed in warm)
    say(
        f"engine warm refresh, nothing changed (KpiData.refresh): {out['warm']:.3f} s, "
        f"changed={changed}"
    )
    touched = touch_measures(engine, TOUCHED)
    out["incremental"], _ = timed(data.refresh)
    say(
        f"engine incremental refresh, {touched:,} conversations re-derived (KpiData.refresh): "
        f"{out['incremental']:.2f} s"
    )
    service = KpiService(engine, settings)
    service.data.close()
    service.data = data
    runs = [timed(service.refresh)[0] for _ in range(4)]
    out["service_refresh_first"], out["service_refresh"] = runs[0], min(runs[1:])
    say(
        f"KpiService.refresh, nothing changed (run before every table): first "
        f"{runs[0]:.3f} s, then {out['service_refresh']:.3f} s"
    )

    year = build_query(
        settings, by=["agent", "week"], first_day=data_set.FIRST_DAY, last_day=data_set.LAST_DAY
    )
    out["table"], engine_rows = repeat(lambda: kpi_table(data, year, rules=rules, as_of=AS_OF))
    figures = len(engine_rows[0]) - 3
    say(
        f"full KPI table per agent per week, {len(year.kpis)} KPIs ({figures} figures), "
        f"{len(engine_rows):,} rows: {describe_runs(out['table'])}"
    )
    for name, (first, last) in (
        ("month", MONTH),
        ("year", (data_set.FIRST_DAY, data_set.LAST_DAY)),
    ):
        query = build_query(settings, by=["channel", "day"], first_day=first, last_day=last)
        out[f"daily_{name}"], rows = repeat(
            lambda q=query: kpi_table(data, q, rules=rules, as_of=AS_OF)
        )
        say(
            f"daily series per channel, {first} to {last}, {len(rows):,} rows: "
            f"{describe_runs(out[f'daily_{name}'])}"
        )
    out["end_to_end"], _ = timed(lambda: service.table(year, as_of=AS_OF))
    say(
        f"KpiService.table, the same full table as a request gets it (refresh + table): "
        f"{out['end_to_end']:.2f} s"
    )
    print_headline(data, settings, rules)
    out["rss_engine"] = peak_rss_mib()
    say(f"peak RSS so far (store driver + engine copy): {out['rss_engine']:,.0f} MiB")

    out["pandas_load"], frame = timed(lambda: load_frame(engine))
    say(
        f"pandas: load {len(frame):,} measure rows with their slice columns from the store: "
        f"{out['pandas_load']:.2f} s"
    )
    computed = [
        timed(lambda: pandas_table(frame, rules=rules, timezone=settings.timezone))
        for _ in range(3)
    ]
    out["pandas_compute"] = [seconds for seconds, _ in computed]
    reference = computed[0][1]
    say(
        f"pandas: agent x week table, {len(CHECKED)} figures, {len(reference):,} groups: "
        f"{describe_runs(out['pandas_compute'])}"
    )
    out["rss_total"] = peak_rss_mib()
    say(f"peak RSS with the pandas frame: {out['rss_total']:,.0f} MiB")
    mismatches = compare_with_pandas(engine_rows, reference)
    out["agree"] = not mismatches
    with result_path(work_dir, store, size, "pkl").open("wb") as handle:
        pickle.dump(engine_rows, handle)
    result_path(work_dir, store, size, "json").write_text(json.dumps(out))
    data.close()
    engine.dispose()
    if mismatches:
        sys.exit(1)


def touch_measures(engine: Engine, count: int) -> int:
    """Mark the newest conversations' measures as derived now, as a re-derivation does (the
    values stay the same, so the cached store stays valid)."""
    newest = select(MEASURES.c.conversation_id).order_by(MEASURES.c.conversation_id.desc())
    with engine.begin() as connection:
        result = connection.execute(
            update(MEASURES)
            .where(MEASURES.c.conversation_id.in_(newest.limit(count).scalar_subquery()))
            .values(derived_at=datetime.now(UTC))
        )
    return int(result.rowcount)


def say(line: str) -> None:
    print(f"  {line}", flush=True)


def timed(work: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def repeat(work: Callable[[], T]) -> tuple[list[float], T]:
    runs = [timed(work) for _ in range(RUNS)]
    return [seconds for seconds, _ in runs], runs[-1][1]


def describe_runs(runs: Sequence[float]) -> str:
    return f"best {min(runs):.3f} s, median {statistics.median(runs):.3f} s of {len(runs)}"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def server_version(engine: Engine) -> str:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            return f"SQLite {connection.exec_driver_sql('SELECT sqlite_version()').scalar()}"
        version = str(connection.exec_driver_sql("SHOW server_version").scalar())
        return f"PostgreSQL {version.split()[0]}"


def duck_count(data: KpiData, table: str) -> int:
    cursor = data.cursor()
    try:
        row = cursor.execute(f"SELECT count(*) FROM {table}").fetchone()
    finally:
        cursor.close()
    return int(row[0]) if row else 0


def print_headline(data: KpiData, settings: Settings, rules: KpiRules) -> None:
    """The year's headline figures: the data is meant to make every KPI non-trivial."""
    query = build_query(settings, first_day=data_set.FIRST_DAY, last_day=data_set.LAST_DAY)
    row = kpi_table(data, query, rules=rules, as_of=AS_OF)[0]
    shown = [
        ("conversations", "conversations_count", "{:,}"),
        ("FRT median", "first_response_time_median", "{:.0f} s"),
        ("FRT business median", "first_response_business_time_median", "{:.0f} s"),
        ("handle mean", "handle_time_mean", "{:.0f} s"),
        ("ASA", "speed_of_answer_mean", "{:.0f} s"),
        ("abandoned", "abandonment_rate_pct", "{:.1f} %"),
        ("service level", "service_level_pct", "{:.1f} %"),
        ("FR SLA", "sla_first_response_pct", "{:.1f} %"),
        ("resolution SLA", "sla_resolution_pct", "{:.1f} %"),
        ("FCR", "fcr_pct", "{:.1f} %"),
        ("repeat", "repeat_contact_rate_pct", "{:.1f} %"),
        ("reopened", "reopen_rate_pct", "{:.1f} %"),
        ("transfers", "transfers_per_conversation_mean", "{:.3f}"),
        ("CSAT", "csat_pct", "{:.1f} %"),
        ("CES", "ces_mean", "{:.2f}"),
        ("NPS", "nps_score", "{:.1f}"),
        ("occupancy", "occupancy_pct", "{:.1f} %"),
        ("availability", "availability_pct", "{:.1f} %"),
    ]
    values = [
        f"{label} {'-' if row[name] is None else pattern.format(row[name])}"
        for label, name, pattern in shown
    ]
    month = build_query(settings, first_day=MONTH[0], last_day=MONTH[1], kpis=["retention_rate"])
    retention = kpi_table(data, month, rules=rules, as_of=AS_OF)[0]["retention_rate_pct"]
    values.append(
        f"retention {MONTH[0]:%B} " + ("-" if retention is None else f"{retention:.1f} %")
    )
    say("the year in figures: " + ", ".join(values))


# -- the pandas reference ------------------------------------------------------------------

LOAD_SQL = """
SELECT c.id, c.started_at, c.customer_id, c.direction, a.key AS agent,
       m.first_response_seconds, m.response_waits, m.resolved, m.reopened,
       m.resolution_seconds, m.handle_seconds, m.answered, m.answer_wait_seconds,
       m.abandon_wait_seconds, m.transfers, m.csat, m.ces, m.nps
FROM conversation_measures m
JOIN conversations c ON c.id = m.conversation_id
LEFT JOIN agents a ON a.id = c.agent_id
"""


def load_frame(engine: Engine) -> pd.DataFrame:
    with engine.connect() as connection:
        frame = pd.read_sql(text(LOAD_SQL), connection)
    frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True, format="ISO8601")
    for name in ("resolved", "reopened", "answered"):
        frame[name] = frame[name].astype("boolean")
    return frame


Key = tuple[str | None, date]


def pandas_table(
    frame: pd.DataFrame, *, rules: KpiRules, timezone: str
) -> dict[Key, dict[str, Any]]:
    """The agent x week figures of CHECKED, by the registry's definitions (registry.py)."""
    started = frame["started_at"]
    # the customer's next contact: the next inbound conversation of all the customer's (an
    # agent's follow-up call is not the customer coming back)
    known = frame.loc[frame["customer_id"].notna(), ["id", "customer_id", "started_at"]]
    known = known.sort_values(["customer_id", "started_at", "id"])
    inbound = known["started_at"].where(frame["direction"] == "inbound")
    following = inbound.groupby(known["customer_id"]).shift(-1)
    next_contact = following.groupby(known["customer_id"]).bfill()
    window = pd.Timedelta(days=rules.repeat_contact_days)
    repeat_contact = (next_contact <= known["started_at"] + window).reindex(
        frame.index, fill_value=False
    )
    day = started.dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize()
    keep = (day >= pd.Timestamp(data_set.FIRST_DAY)) & (day <= pd.Timestamp(data_set.LAST_DAY))
    answered = frame["answered"]
    inbound_call = answered.notna() & (frame["direction"] == "inbound")
    short_abandon = (
        ~answered & (frame["abandon_wait_seconds"] < rules.short_abandon_seconds)
    ).fillna(False)
    offered = inbound_call & ~short_abandon
    window_over = started + window <= pd.Timestamp(AS_OF)
    known_customer = frame["customer_id"].notna()
    resolved, reopened = frame["resolved"].fillna(False), frame["reopened"].fillna(False)
    fcr_base = resolved & known_customer & window_over
    parts = pd.DataFrame(
        {
            "agent": frame["agent"],
            "week": day - pd.to_timedelta(day.dt.day_of_week, unit="D"),
            "frt": frame["first_response_seconds"],
            "resolution": frame["resolution_seconds"],
            "handle": frame["handle_seconds"].where(answered.fillna(True).astype(bool)),
            "offered": offered,
            "abandoned": offered & ~answered.fillna(True),
            "in_time": offered
            & answered.fillna(False)
            & (frame["answer_wait_seconds"] <= rules.service_level_seconds),
            "resolved": resolved,
            "fcr_base": fcr_base,
            "fcr_hit": fcr_base & ~reopened & ~repeat_contact,
            "repeat_base": known_customer & window_over,
            "repeat_hit": known_customer & window_over & repeat_contact,
            "transfers": frame["transfers"].astype(float),
            "csat": frame["csat"].astype(float),
            "csat_hit": frame["csat"] >= 4,
            "ces": frame["ces"].astype(float),
            "nps": frame["nps"].astype(float),
            "promoter": frame["nps"] >= 9,
            "detractor": frame["nps"] <= 6,
        }
    )[keep]
    groups = parts.groupby(["agent", "week"], dropna=False, sort=False)
    sums = groups[["offered", "abandoned", "in_time", "resolved", "fcr_base", "fcr_hit"]].sum()
    sums = sums.join(
        groups[["repeat_base", "repeat_hit", "csat_hit", "promoter", "detractor"]].sum()
    )
    counts = groups[["frt", "handle", "csat", "nps"]].count()
    table = pd.DataFrame(
        {
            "conversations_count": groups.size(),
            "first_response_time_median": groups["frt"].median(),
            "first_response_time_mean": groups["frt"].mean(),
            "first_response_time_p90": groups["frt"].quantile(0.9),
            "first_response_time_count": counts["frt"],
            "resolution_time_median": groups["resolution"].median(),
            "handle_time_median": groups["handle"].median(),
            "handle_time_mean": groups["handle"].mean(),
            "handle_time_count": counts["handle"],
            "abandonment_rate_pct": _pct(sums["abandoned"], sums["offered"]),
            "service_level_pct": _pct(sums["in_time"], sums["offered"]),
            "resolution_rate_pct": _pct(sums["resolved"], groups.size()),
            "fcr_pct": _pct(sums["fcr_hit"], sums["fcr_base"]),
            "fcr_count": sums["fcr_base"],
            "repeat_contact_rate_pct": _pct(sums["repeat_hit"], sums["repeat_base"]),
            "transfers_per_conversation_mean": groups["transfers"].mean(),
            "csat_pct": _pct(sums["csat_hit"], counts["csat"]),
            "csat_score_mean": groups["csat"].mean(),
            "ces_mean": groups["ces"].mean(),
            "nps_score": _pct(sums["promoter"] - sums["detractor"], counts["nps"]),
            "nps_count": counts["nps"],
        }
    )
    # every customer wait ended by an agent reply, counted in its conversation's group
    written = parts.index.get_indexer(frame.index[keep & (frame["response_waits"] != "")])
    texts = frame["response_waits"].to_numpy()[parts.index[written]]
    counts = pd.Series(texts).str.count(" ").to_numpy() + 1
    rows = np.repeat(written, counts)
    by_wait = pd.DataFrame(
        {
            "agent": parts["agent"].to_numpy()[rows],
            "week": parts["week"].to_numpy()[rows],
            "wait": np.array(" ".join(texts).split(" "), dtype=np.float64),
        }
    )
    wait_groups = by_wait.groupby(["agent", "week"], dropna=False, sort=False)["wait"]
    table = table.join(
        pd.DataFrame(
            {
                "response_time_median": wait_groups.median(),
                "response_time_mean": wait_groups.mean(),
                "response_time_count": wait_groups.count(),
            }
        )
    )
    table["response_time_count"] = table["response_time_count"].fillna(0)
    result: dict[Key, dict[str, Any]] = {}
    for (agent, week), values in zip(table.index, table.to_dict("records"), strict=True):
        key = (None if not isinstance(agent, str) else agent, week.date())
        result[key] = {name: None if _missing(value) else value for name, value in values.items()}
    return result


def _pct(hits: pd.Series[Any], counted: pd.Series[Any]) -> pd.Series[Any]:
    return 100.0 * hits / counted.where(counted > 0)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def close(
    first: Any, second: Any, *, relative: float = RELATIVE, absolute: float = ABSOLUTE
) -> bool:
    if _missing(first) or _missing(second):
        return _missing(first) and _missing(second)
    a, b = float(first), float(second)
    return abs(a - b) <= max(relative * max(abs(a), abs(b)), absolute)


def compare_with_pandas(engine_rows: list[Row], reference: dict[Key, dict[str, Any]]) -> list[str]:
    found = {(row["agent"], row["week"]): row for row in engine_rows}
    problems = []
    for key, values in reference.items():
        row = found.get(key)
        if row is None:
            problems.append(f"{key}: no engine row")
            continue
        for name, value in values.items():
            if not close(row[name], value):
                problems.append(
                    f"{key[0]} week {key[1]} {name}: engine {row[name]!r}, pandas {value!r}"
                )
    # the engine also has rows of agents with presence but no conversation that week
    extra = [
        key for key, row in found.items() if key not in reference and row["conversations_count"]
    ]
    problems += [f"{key}: engine row with conversations that pandas has not" for key in extra]
    if problems:
        say(f"DISAGREE: {len(problems):,} figures differ between the engine and pandas; the first:")
        for problem in problems[:20]:
            say(f"  {problem}")
    else:
        say(f"agree: {len(reference):,} groups x {len(CHECKED)} figures (engine and pandas)")
    return problems


# -- both stores ---------------------------------------------------------------------------


def compare_stores(work_dir: Path, size: int) -> bool:
    """The engine's full tables from SQLite and from PostgreSQL: equal up to float rounding."""
    tables = []
    for store in ("sqlite", "postgresql"):
        with result_path(work_dir, store, size, "pkl").open("rb") as handle:
            tables.append({(row["agent"], row["week"]): row for row in pickle.load(handle)})
    first, second = tables
    problems = [f"{key}: only in one store" for key in first.keys() ^ second.keys()]
    values = equal = 0
    largest = 0.0
    for key in first.keys() & second.keys():
        for name, value in first[key].items():
            other = second[key][name]
            values += 1
            if value == other:
                equal += 1
            elif isinstance(value, float) and isinstance(other, float):
                largest = max(largest, abs(value - other))
                if not close(value, other, relative=1e-9, absolute=1.01e-6):
                    problems.append(f"{key} {name}: SQLite {value!r}, PostgreSQL {other!r}")
            else:
                problems.append(f"{key} {name}: SQLite {value!r}, PostgreSQL {other!r}")
    print()
    if problems:
        print(f"SQLite and PostgreSQL DISAGREE on {len(problems):,} values; the first:")
        for problem in problems[:20]:
            print(f"  {problem}")
        return False
    print(
        f"SQLite and PostgreSQL engine tables agree: {len(first):,} rows, {values:,} values, "
        f"{equal:,} identical, the rest within the 6th decimal (largest difference {largest:.1e})"
    )
    return True


def print_summary(size: int, generated: dict[str, Any], results: dict[str, dict[str, Any]]) -> None:
    if not results:
        return
    stores = list(results)

    def runs(key: str, pick: Callable[[list[float]], float]) -> Callable[[dict[str, Any]], str]:
        return lambda result: f"{pick(result[key]):.3f}"

    lines: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("import (s)", lambda r: f"{r['build']['import_seconds']:.0f}"),
        ("derive measures (s)", lambda r: f"{r['build']['derive_seconds']:.0f}"),
        ("measures up-to-date check (s)", lambda r: f"{r['measures_check']:.2f}"),
        ("engine cold load (s)", lambda r: f"{r['cold']:.1f}"),
        ("engine warm refresh (s)", lambda r: f"{r['warm']:.3f}"),
        (f"engine refresh, {TOUCHED:,} re-derived (s)", lambda r: f"{r['incremental']:.2f}"),
        ("KpiService.refresh first (s)", lambda r: f"{r['service_refresh_first']:.3f}"),
        ("KpiService.refresh, no change (s)", lambda r: f"{r['service_refresh']:.3f}"),
        ("agent x week table, best (s)", runs("table", min)),
        ("agent x week table, median (s)", runs("table", statistics.median)),
        ("channel x day, month, best (s)", runs("daily_month", min)),
        ("channel x day, year, best (s)", runs("daily_year", min)),
        ("channel x day, year, median (s)", runs("daily_year", statistics.median)),
        ("KpiService.table end to end (s)", lambda r: f"{r['end_to_end']:.2f}"),
        ("pandas load (s)", lambda r: f"{r['pandas_load']:.1f}"),
        ("pandas agent x week, best (s)", runs("pandas_compute", min)),
        ("peak RSS import (MiB)", lambda r: f"{r['build']['rss_mib']:,.0f}"),
        ("peak RSS engine (MiB)", lambda r: f"{r['rss_engine']:,.0f}"),
        ("peak RSS with pandas (MiB)", lambda r: f"{r['rss_total']:,.0f}"),
        ("engine agrees with pandas", lambda r: "yes" if r["agree"] else "NO"),
    ]
    width = max(len(label) for label, _ in lines)
    print(
        f"\nsummary: {size:,} conversations, {generated['messages']:,} messages "
        f"(generated in {generated['seconds']:.0f} s)"
    )
    print(f"{'':{width}}  " + "  ".join(f"{store:>12}" for store in stores))
    for label, show in lines:
        print(f"{label:{width}}  " + "  ".join(f"{show(results[store]):>12}" for store in stores))
    best = min(results.get("sqlite", {}).get("table", [math.inf]))
    if "sqlite" in results:
        verdict = "met" if best < TARGET_SECONDS else "NOT met"
        print(
            f"target: full table under {TARGET_SECONDS:.0f} s on the embedded default: "
            f"{verdict} (best {best:.3f} s)"
        )


if __name__ == "__main__":
    main()
