"""The benchmarks' own PostgreSQL databases: each is made afresh for a run and dropped after it.

Every function takes the database's full URL (postgres://user@host:port/name); the server's
`postgres` database is used to create and drop it. WITH (FORCE) ends connections a failed run left.
"""

from urllib.parse import urlsplit, urlunsplit


def _maintenance(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def database_drop(url: str) -> None:
    import psycopg

    maintenance, name = _maintenance(url)
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_recreate(url: str) -> None:
    """An empty database at `url`, dropping whatever was there."""
    import psycopg

    database_drop(url)
    maintenance, name = _maintenance(url)
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')


def database_note(url: str) -> str | None:
    """The note (COMMENT ON DATABASE) left on the database, or None when there is no such database."""
    import psycopg

    maintenance, name = _maintenance(url)
    with psycopg.connect(maintenance, autocommit=True) as admin:
        row = admin.execute(
            "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    return None if row is None else row[0]


def database_note_set(url: str, note: str) -> None:
    """Leave a note on the database (what was built in it), for a later run to read with database_note."""
    import psycopg
    from psycopg import sql

    maintenance, name = _maintenance(url)
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(note)))
