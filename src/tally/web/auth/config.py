"""Login and cookie settings (``TALLY_*`` environment variables)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class AuthSettings(BaseSettings):
    """``TALLY_COOKIE_SECURE=false`` lets the session cookie travel over plain HTTP on
    localhost; everywhere else keep it true (HTTPS only)."""

    model_config = SettingsConfigDict(env_prefix="TALLY_", extra="ignore")

    cookie_secure: bool = True
    cookie_name: str = "tally_session"
    login_max_per_account: int = 5
    login_max_per_ip: int = 20
    login_window_minutes: int = 15
