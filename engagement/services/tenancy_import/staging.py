"""The temporary table a file's good rows are streamed into, one row at a time.

It lives for one import, inside its transaction: create, write, (check and apply), drop.
"""

from contextlib import contextmanager

from django.db import connection

from engagement.tenancy_csv import CleanRow

_COLUMNS = ("line", *CleanRow._fields)
_SQLITE_BATCH = 1000

_TABLE = """
    CREATE TEMPORARY TABLE tenancy_import_staging (
        line integer NOT NULL,
        reference text NOT NULL,
        tenure_type text NOT NULL,
        start_date date NOT NULL,
        ward text NOT NULL,
        estate text NOT NULL,
        block text NOT NULL,
        address_line_1 text NOT NULL,
        address_line_2 text NOT NULL,
        postcode text NOT NULL,
        household_members {json} NOT NULL
    )
"""
# SQLite keeps JSONField values as text; a column typed "jsonb" there would get numeric affinity.
_TYPES = {"postgresql": {"json": "jsonb"}, "sqlite": {"json": "text"}}


def create(cursor) -> None:
    cursor.execute(_TABLE.format(**_TYPES[connection.vendor]))


def drop(cursor) -> None:
    cursor.execute("DROP TABLE tenancy_import_staging")


@contextmanager
def writer(cursor):
    """Yield a function that stages one row: COPY on PostgreSQL, batched inserts on SQLite."""
    columns = ", ".join(_COLUMNS)
    if connection.vendor == "postgresql":
        with cursor.copy(f"COPY tenancy_import_staging ({columns}) FROM STDIN") as copy:
            yield copy.write_row
        # Temporary tables are never analysed automatically; the planner needs row counts.
        cursor.execute("ANALYZE tenancy_import_staging")
        return

    insert = f"INSERT INTO tenancy_import_staging ({columns}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})"
    batch = []

    def stage(row):
        batch.append(row)
        if len(batch) == _SQLITE_BATCH:
            cursor.executemany(insert, batch)
            batch.clear()

    yield stage
    cursor.executemany(insert, batch)
