"""Schema migrations (Alembic), run by ``oilfield db upgrade`` and at engine start.

Alembic is driven programmatically so the installed package carries its migrations and no
``alembic.ini`` has to be found on disk.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from edge_server.db.privileges import apply_privileges
from engine.store.urls import sqlalchemy_url

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", sqlalchemy_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision``, then give the application role and the
    engine role exactly their privileges on what exists (``edge_server.db.privileges``; both
    as the owner)."""
    command.upgrade(alembic_config(url), revision)
    apply_privileges(url)


def current_revision(url: str) -> str | None:
    engine = create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()
