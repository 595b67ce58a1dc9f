"""Configuration from environment variables, with safe defaults for a laptop demo."""

import secrets
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

DATA_DIR = Path("data")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False)

    database_url: str = f"sqlite:///{DATA_DIR / 'fleet.db'}"
    storage_secret: str | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    demo: bool = True
    smtp_url: str | None = None  # unset: e-mails stay in the outbox, shown by the mailbox page
    mail_from: str = "Fleet self-service <no-reply@fleet.example.be>"
    documents_dir: Path = DATA_DIR / "documents"  # outside every served folder
    smdp_address: str = "smdp.fleet.example.be"  # SM-DP+ server in eSIM activation codes
    redis_url: str | None = None  # shared NiceGUI storage when running several instances
    public_url: str | None = None  # e.g. https://fleet.example.be: links in e-mails; unset: none
    session_idle_minutes: int = 30  # a sign-in session ends after this long without activity
    session_max_hours: int = 12  # and this long after sign-in, whatever the activity
    # Lets webhooks reach private, local and loopback addresses (http there too): for tests and
    # a demo receiver on the same machine only; off, such an address is refused.
    webhooks_allow_private: bool = False
    # How long a webhook delivery being sent is an instance's own: after a crash, it goes again
    # once this is over. The receiver has half of it to answer.
    webhook_lease_seconds: int = 120
    # This instance's name in /healthz, so an operator (and the proxy test) sees which one of
    # several answered; unset: not shown.
    instance_name: str | None = None
    # On SIGTERM: running requests get this long to finish (open pages are told at once to
    # reconnect, at another instance behind a proxy); then what is left is cut off.
    shutdown_grace_seconds: int = 20

    def several_instance_problems(self) -> list[str]:
        """Settings several instances cannot work with (REDIS_URL says there are several),
        each saying what to change; the app refuses to start with any."""
        if not self.redis_url:
            return []
        problems = []
        if not self.storage_secret:
            problems.append(
                "REDIS_URL is set for several instances, but STORAGE_SECRET is not: each "
                "instance would make its own and refuse the others' cookies. Set the same "
                "STORAGE_SECRET on every instance."
            )
        if self.database_url.startswith("sqlite"):
            problems.append(
                "REDIS_URL is set for several instances, but DATABASE_URL is a SQLite file, "
                "which instances cannot share. Set a PostgreSQL DATABASE_URL "
                "(postgresql+psycopg://...), or unset REDIS_URL to run one instance."
            )
        return problems

    @property
    def address(self) -> str:
        """Where users open the app: its public URL, else where it listens."""
        return self.public_url or f"http://{self.host}:{self.port}"

    def resolved_storage_secret(self) -> str:
        """The configured secret, or one generated once and kept under the data folder."""
        if self.storage_secret:
            return self.storage_secret
        path = DATA_DIR / "storage_secret"
        if not path.exists():
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip()
