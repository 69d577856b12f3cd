"""The one settings object. No other module reads os.environ."""

from __future__ import annotations

import ipaddress
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Deployment settings, read from DOORBRAAK_* environment variables or a `.env` file."""

    model_config = SettingsConfigDict(env_prefix="DOORBRAAK_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = ROOT / "var"
    database_url: str = ""
    secret_key: str = ""
    content_dir: Path = ROOT
    media_dir: Path = Path()
    base_url: str = "http://127.0.0.1:8000"
    session_idle_minutes: int = Field(default=120, ge=5)
    session_absolute_hours: int = Field(default=12, ge=1)
    reset_token_minutes: int = Field(default=60, ge=5)
    invitation_days: int = Field(default=14, ge=1)
    login_max_failures_account: int = Field(default=5, ge=1)
    login_max_failures_address: int = Field(default=20, ge=1)
    login_window_minutes: int = Field(default=15, ge=1)
    login_delay_max_minutes: int = Field(default=60, ge=1)
    reset_max_requests_account: int = Field(default=3, ge=1)
    reset_max_requests_address: int = Field(default=10, ge=1)
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = ()
    max_body_bytes: int = Field(default=2_000_000, ge=10_000)
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    mail_from: str = "Doorbraakschool <noreply@doorbraakschool.example>"
    mail_log_links: bool = False
    media_accel_prefix: str = ""
    content_reload: bool | None = None
    content_check_names: bool = True
    password_hash_memory_kib: int = Field(default=65536, ge=8)
    password_hash_time_cost: int = Field(default=3, ge=1)
    api_docs: bool | None = None
    security_contact: str = "mailto:security@doorbraakschool.example"

    # Serving workers (app/runtime.py): GIL switch interval and freezing start-up objects.
    switch_interval_ms: float = Field(default=1.0, gt=0, le=100)
    gc_freeze: bool = True

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_proxies(cls, value: object) -> object:
        """A comma-separated list of addresses or networks (`127.0.0.1, 10.0.0.0/8`)."""
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list | tuple):
            for part in value:
                try:
                    ipaddress.ip_network(str(part), strict=False)
                except ValueError:
                    raise ValueError(
                        f"DOORBRAAK_TRUSTED_PROXIES: {part!r} is geen IP-adres of netwerk"
                    ) from None
        return value

    @model_validator(mode="after")
    def _fill_defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'doorbraakschool.db'}"
        if self.media_dir == Path():
            self.media_dir = self.data_dir / "media"
        if not self.secret_key:
            self.secret_key = _stored_secret(self.data_dir)
        if self.environment == "production" and len(self.secret_key) < 32:
            raise ValueError("DOORBRAAK_SECRET_KEY moet in productie minstens 32 tekens lang zijn")
        return self

    @property
    def cache_dir(self) -> Path:
        """Rebuildable files: the checked course (``app/content/disk_cache.py``)."""
        return self.data_dir / "cache"

    @property
    def secure_cookies(self) -> bool:
        return self.base_url.startswith("https://")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def reload_content(self) -> bool:
        if self.content_reload is None:
            return self.environment == "development"
        return self.content_reload

    @property
    def api_docs_enabled(self) -> bool:
        """The OpenAPI schema and /api/docs: on outside production unless a setting says."""
        if self.api_docs is None:
            return self.environment != "production"
        return self.api_docs

    @property
    def smtp_enabled(self) -> bool:
        return bool(self.smtp_host)


def _stored_secret(data_dir: Path) -> str:
    """Generate a secret key once and keep it in the data folder."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
