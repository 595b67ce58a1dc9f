"""Whether this instance can serve: the database answers, and Redis when several instances
share it. For a load balancer's readiness check; nothing of any company in it."""

import logging
from dataclasses import dataclass

from sqlalchemy import text

from storage.use_cases.services import Services

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Readiness:
    database: bool
    redis: bool | None  # None: not configured

    @property
    def ready(self) -> bool:
        return self.database and self.redis is not False


def readiness(services: Services) -> Readiness:
    """Checked now, each in at most a couple of seconds (blocking: call it off the loop)."""
    return Readiness(_database_answers(services), _redis_answers(services.redis_url))


def _database_answers(services: Services) -> bool:
    try:
        with services.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception as error:  # any driver's failure means "not ready", said in the log
        logger.warning("readiness: the database does not answer: %s", error)
        return False


def _redis_answers(url: str | None) -> bool | None:
    if not url:
        return None
    import redis  # installed with nicegui[redis]

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping())
    except redis.RedisError as error:
        logger.warning("readiness: Redis does not answer: %s", error)
        return False
