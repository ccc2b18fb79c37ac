"""One validated settings object, read from ``TALLY_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where Tally keeps its database and its evidence objects.

    ``TALLY_DATA_DIR`` (default ``./tally-data``) holds archived documents, content-addressed
    under ``objects/``. ``TALLY_DATABASE_URL`` defaults to the SQLite file ``tally.db`` inside
    the data dir; use ``postgresql+psycopg://user@host/db`` for a team server.
    """

    model_config = SettingsConfigDict(env_prefix="TALLY_", extra="ignore")

    data_dir: Path = Path("./tally-data")
    database_url: str = ""

    @field_validator("database_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError(
                "TALLY_DATABASE_URL must be a sqlite:/// or postgresql+psycopg:// URL, "
                f"got {value!r}"
            )
        return value

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'tally.db').as_posix()}"

    @property
    def objects_dir(self) -> Path:
        return self.data_dir / "objects"
