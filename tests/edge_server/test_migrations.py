import psycopg

from edge_server.db.migrate import current_revision, head_revision, upgrade


def test_upgrade_from_empty_reaches_head_and_is_idempotent(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    assert current_revision(empty_database_url) == head_revision()
    upgrade(empty_database_url)  # a second run changes nothing and does not fail
    with psycopg.connect(empty_database_url) as conn:
        tables = {r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )}
    assert {"sites", "devices", "tags", "alembic_version"} <= tables
