"""Database URL spellings: libpq/psycopg want ``postgresql://``, SQLAlchemy wants a driver name."""

from __future__ import annotations


def libpq_url(url: str) -> str:
    """``postgresql+psycopg://...`` (or ``postgres://``) to a URL psycopg.connect accepts."""
    for prefix in ("postgresql+psycopg://", "postgresql+psycopg2://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix) :]
    return url


def sqlalchemy_url(url: str) -> str:
    """Any PostgreSQL URL to SQLAlchemy's psycopg 3 dialect."""
    return "postgresql+psycopg://" + libpq_url(url)[len("postgresql://") :]


def redact(url: str) -> str:
    """The URL with its password hidden, for logs and the health report."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    creds, _, host = rest.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else url


def with_database(url: str, name: str) -> str:
    """The same server and credentials, another database (keeps ``?host=/socket/dir``)."""
    from sqlalchemy.engine import make_url

    rendered = make_url(libpq_url(url)).set(database=name).render_as_string(hide_password=False)
    return libpq_url(rendered)
