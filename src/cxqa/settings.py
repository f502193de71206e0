"""The one settings object; every value can come from a CXQA_* environment variable."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "cxqa"


class Settings(BaseSettings):
    """Validated configuration. Reading it touches no file and opens no connection."""

    model_config = SettingsConfigDict(env_prefix="CXQA_", extra="ignore", frozen=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder for the embedded SQLite store and other local files.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the store, e.g. postgresql+psycopg://user@host/cxqa. "
            "Unset: a SQLite file cxqa.sqlite3 in the data directory."
        ),
    )
    timezone: str = Field(
        default="Asia/Ho_Chi_Minh",
        description="Workspace time zone: the default for new teams and for local periods.",
    )
    host: str = Field(default="127.0.0.1", description="Address `cxqa serve` listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `cxqa serve` listens on.")
    api_token: SecretStr | None = Field(
        default=None,
        description="When set, every /api request must send `Authorization: Bearer <token>`.",
    )
    import_batch_size: int = Field(
        default=500,
        ge=1,
        le=100_000,
        description="Conversations written per transaction while importing.",
    )
    import_parallel: bool = Field(
        default=True,
        description="Read and validate import files in a second process while the first "
        "writes, so that an import uses two cores.",
    )
    import_max_record_bytes: int = Field(
        default=16 * 1024 * 1024,
        ge=1024,
        description="Largest accepted record (one JSON line or one CSV row), in bytes.",
    )

    kpi_service_level_seconds: int = Field(
        default=20,
        ge=1,
        description="Service level counts calls answered within this many seconds of being "
        "offered (the 20 of an 80/20 target).",
    )
    kpi_short_abandon_seconds: int = Field(
        default=5,
        ge=0,
        description="Calls abandoned sooner than this many seconds are short abandons: left "
        "out of abandonment rate and service level. 0 counts every abandon.",
    )
    kpi_repeat_contact_days: int = Field(
        default=7,
        ge=1,
        le=365,
        description="A contact from the same customer within this many days of a conversation "
        "starting is a repeat contact, so that conversation was not resolved first time.",
    )
    kpi_written_handle_cap_seconds: int = Field(
        default=300,
        ge=1,
        description="Handle time of written conversations counts the gap before each agent "
        "reply up to this many seconds; a longer gap is the agent doing something else.",
    )

    @field_validator("api_token")
    @classmethod
    def _token_not_empty(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("use at least 16 characters (or leave it unset)")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name)") from exc
        return value

    @property
    def resolved_database_url(self) -> str:
        """The database URL in force: the configured one, or the embedded SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'cxqa.sqlite3'}"
