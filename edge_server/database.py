"""Which PostgreSQL the edge uses, and bringing its schema up to date."""

from __future__ import annotations

import logging
import time

import psycopg

from edge_server.db.migrate import upgrade
from edge_server.embedded_db import EmbeddedPostgres
from engine.config.settings import EdgeSettings

log = logging.getLogger(__name__)


class Database:
    """The configured server, or an embedded one started (and later stopped) by this process."""

    def __init__(self, settings: EdgeSettings) -> None:
        self.embedded: EmbeddedPostgres | None = None
        if settings.database_url:
            self.url = settings.database_url
        else:
            self.embedded = EmbeddedPostgres(settings.embedded_data_dir)
            self.url = self.embedded.url

    def migrate(self, attempts: int = 1, delay_s: float = 2.0) -> bool:
        """Upgrade to head; False when the server could not be reached in ``attempts``."""
        for attempt in range(1, attempts + 1):
            try:
                upgrade(self.url)
                return True
            except Exception as exc:
                if not _is_connection_error(exc):
                    raise
                log.warning(
                    "database unreachable for migration",
                    extra={"attempt": attempt, "error": str(exc).splitlines()[0]},
                )
                if attempt < attempts:
                    time.sleep(delay_s)
        return False

    def close(self) -> None:
        if self.embedded is not None:
            self.embedded.stop()


def _is_connection_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, psycopg.OperationalError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
