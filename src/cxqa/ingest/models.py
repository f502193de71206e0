"""Import runs and the errors they reported, kept for the imports page and for audits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cxqa.store.base import Base


class ImportRun(Base):
    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(1000))
    format: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    # running, finished, failed, or interrupted: its process died (killed, machine restarted)
    # without saying so; the next import on the same host finds that out. Re-running the
    # same import finishes the job.
    state: Mapped[str] = mapped_column(String(16))
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    records_read: Mapped[int] = mapped_column(Integer, default=0)
    conversations_created: Mapped[int] = mapped_column(Integer, default=0)
    conversations_updated: Mapped[int] = mapped_column(Integer, default=0)
    conversations_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    messages_written: Mapped[int] = mapped_column(Integer, default=0)
    records_skipped: Mapped[int] = mapped_column(Integer, default=0)


class ImportRunError(Base):
    __tablename__ = "import_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("import_runs.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int | None]
    field: Mapped[str | None] = mapped_column(Text)  # a path may hold a user's unknown key
    message: Mapped[str] = mapped_column(Text)
