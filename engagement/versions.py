"""Content versions: a number per database table that changes whenever the table does, so what a page
works out from its tables can be kept in the cache under those numbers and is never out of date.

The database keeps the numbers (migration 0016): a deferred trigger on each tracked table takes a new
number from a sequence once per transaction that wrote the table, as it commits, so the number becomes
visible together with the data it stands for and bulk writes, imports and raw SQL count as much as
saving a model. A rollback never takes a number back, so a number is never used for two different
states; each table's row carries a token that tells one database from another (a restored copy, a test
database made afresh) whose sequence started again.

Tables are tracked by migrations (`TrackVersions`); asking for one that is not raises, so a forgotten
table fails loudly instead of leaving a page out of date. On SQLite (the embedded default) there are no
such triggers and everything is worked out each time, as it is inside a transaction, where the reader
may have written rows whose new number waits for the commit.
"""

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, migrations, models

T = TypeVar("T")

# How long kept content stays after it was written: long enough to serve many visitors, short enough that
# content nobody asks for again does not fill the cache.
KEPT_SECONDS = 60 * 60
# What a page is written by: the code, its templates and the translations.
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".mo")
NOT_SOURCE = {"media", "static", "staticfiles", "node_modules", "__pycache__"}

BUMP = """
CREATE FUNCTION engagement_content_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per transaction and table, however many rows it wrote.
    IF current_setting('engagement.version_bumped.' || TG_TABLE_NAME, true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('engagement.version_bumped.' || TG_TABLE_NAME, 'yes', true);
        UPDATE engagement_content_version SET number = nextval('engagement_content_version_seq')
            WHERE name = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION engagement_content_version_bump_now() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE engagement_content_version SET number = nextval('engagement_content_version_seq')
        WHERE name = TG_TABLE_NAME;
    RETURN NULL;
END $$;
"""

CREATE = (
    """
CREATE SEQUENCE engagement_content_version_seq;
CREATE TABLE engagement_content_version (
    name text PRIMARY KEY,
    number bigint NOT NULL DEFAULT nextval('engagement_content_version_seq'),
    token text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text)
);
"""
    + BUMP
)

DROP = """
DROP FUNCTION engagement_content_version_bump() CASCADE;
DROP FUNCTION engagement_content_version_bump_now() CASCADE;
DROP TABLE engagement_content_version;
DROP SEQUENCE engagement_content_version_seq;
"""


def _track(table: str) -> str:
    return f"""
INSERT INTO engagement_content_version (name) VALUES ('{table}') ON CONFLICT (name) DO NOTHING;
DROP TRIGGER IF EXISTS content_version ON {table};
DROP TRIGGER IF EXISTS content_version_truncated ON {table};
CREATE CONSTRAINT TRIGGER content_version AFTER INSERT OR UPDATE OR DELETE ON {table}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION engagement_content_version_bump();
CREATE TRIGGER content_version_truncated AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_content_version_bump_now();
"""


def _untrack(table: str) -> str:
    return f"""
DROP TRIGGER content_version ON {table};
DROP TRIGGER content_version_truncated ON {table};
DELETE FROM engagement_content_version WHERE name = '{table}';
"""


def on_postgresql(forwards: str, backwards: str) -> migrations.RunPython:
    """A migration step that runs this SQL on PostgreSQL and does nothing elsewhere."""

    def run(sql):
        def execute(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return execute

    return migrations.RunPython(run(forwards), run(backwards))


class TrackVersions(migrations.RunPython):
    """Keep a content version for these tables from now on (PostgreSQL; nothing on SQLite). Tracking a
    table that is tracked already changes nothing, so two apps may both ask for one they read.

    A tracked table's version moves as a transaction commits, so a migration that writes its rows cannot
    then alter it (PostgreSQL refuses while trigger events are pending): write them in a migration of
    their own, before the one that alters the table."""

    def __init__(self, *tables: str):
        step = on_postgresql("".join(map(_track, tables)), "".join(map(_untrack, tables)))
        super().__init__(step.code, step.reverse_code)
        self.tables = tables

    def deconstruct(self):
        return self.__class__.__name__, self.tables, {}

    def describe(self):
        return f"Track content versions of {', '.join(self.tables)}"


def versions(*tracked: type[models.Model]) -> tuple | None:
    """The versions of these models' tables now, in one query; None when what they show must be worked out."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    tables = sorted({model._meta.db_table for model in tracked})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, token, number FROM engagement_content_version WHERE name = ANY(%s) ORDER BY name", [tables]
        )
        found = tuple(cursor.fetchall())
    if len(found) != len(tables):
        missing = set(tables) - {row[0] for row in found}
        raise ImproperlyConfigured(f"No content version is kept for {', '.join(sorted(missing))}: add TrackVersions")
    return found


def content_key(*parts) -> str:
    """A key that changes whenever any of `parts` does (dates, strings, numbers, tuples of them), or the code
    that writes the content does."""
    return hashlib.sha256(repr((release(), parts)).encode()).hexdigest()


@functools.cache
def release() -> str:
    """A fingerprint of the code, templates and translations this process runs, read once as it starts: after
    a deploy, content the code before it wrote is not used again (the key does not say which code wrote it)."""
    return source_fingerprint(settings.BASE_DIR)


def source_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(_source_files(folder)):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _source_files(folder: Path):
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.name.startswith(".") and entry.name not in NOT_SOURCE:
            yield from _source_files(entry)
        elif entry.is_file() and entry.suffix in SOURCE_SUFFIXES:
            yield entry


def row_facts(row: models.Model) -> tuple:
    """Every column read of a row, for a key. Columns left unread (.only, .defer) are left out rather than read
    one query at a time."""
    unread = row.get_deferred_fields()
    return tuple(getattr(row, field.attname) for field in row._meta.concrete_fields if field.attname not in unread)


def kept(name: str, work: Callable[[], T], *tracked: type[models.Model], key: tuple = ()) -> T:
    """`work()`, kept in the cache until any of the `tracked` models' tables changes: the same as working
    it out again. `key` holds everything else the result depends on (parameters, language, the day…).
    One query and one cache read when kept."""
    return kept_for(versions(*tracked), name, work, key=key)


def kept_for(version: tuple | None, name: str, work: Callable[[], T], key: tuple = ()) -> T:
    """`kept`, for versions already read: a page that keeps several parts from the same tables reads
    them once."""
    if version is None:
        return work()
    cache_key = f"kept:{name}:{content_key(version, *key)}"
    found = cache.get(cache_key)
    if found is None:
        found = work()
        cache.set(cache_key, found, KEPT_SECONDS)
    return found
