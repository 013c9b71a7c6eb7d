"""Importing tenancy lists from the housing system: every row checked, all or nothing.

Rows are checked in Python as they stream into a temporary staging table (COPY on
PostgreSQL, batched inserts on SQLite), so memory stays flat however long the file.
What needs the whole file or the database (a reference twice, an estate in another
ward) and the writes themselves are set-based SQL on that table, shared by both
databases. Writes touch only rows that differ, so importing a file again changes nothing.
"""

import heapq
import itertools
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone

from engagement.models import Home, TenancyImport
from engagement.tenancy_csv import CleanRow, TenancyFileError, read_rows

# Officers fix a file from the top; more than this many errors are counted, not listed.
ERRORS_LISTED = 200

_STAGING_COLUMNS = ("line", *CleanRow._fields)
_SQLITE_BATCH = 1000
# Any constant will do: it names the lock that lets one import run at a time.
_ADVISORY_LOCK = 0x7E4A4C7


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    wards_created: int = 0
    estates_created: int = 0
    blocks_created: int = 0
    homes_created: int = 0
    homes_updated: int = 0
    errors: list[str] = field(default_factory=list)
    error_count: int = 0


def tenancy_import_run(file_obj, *, apply: bool, uploaded_by=None) -> TenancyImport:
    """Check a tenancy list and, if `apply` and it has no errors, import it; record the run.

    With apply=False nothing is written but the record: the counts say what applying
    would do, and tenancy_import_confirm applies the stored file later.
    """
    result = _import(file_obj, apply=apply)
    file_obj.seek(0)
    record = TenancyImport(original_name=Path(file_obj.name).name, uploaded_by=uploaded_by)
    record.file.save(record.original_name, File(file_obj), save=False)
    _record(record, result, applied=apply)
    return record


def tenancy_import_confirm(record: TenancyImport) -> TenancyImport:
    """Apply a checked import's stored file, checking it again against today's data.

    Safe to call twice: an import that is not waiting to be applied is left as it is.
    """
    with transaction.atomic():
        record = TenancyImport.objects.select_for_update().get(pk=record.pk)
        if record.status == TenancyImport.Status.CHECKED:
            with record.file.open("rb") as binary:
                result = _import(binary, apply=True)
            _record(record, result, applied=True)
    return record


def _record(record: TenancyImport, result: ImportResult, *, applied: bool) -> None:
    for name in ImportResult.__dataclass_fields__:
        setattr(record, name, getattr(result, name))
    if result.error_count:
        record.status = TenancyImport.Status.REJECTED
    elif applied:
        record.status = TenancyImport.Status.APPLIED
        record.applied_at = timezone.now()
    else:
        record.status = TenancyImport.Status.CHECKED
    record.save()


def _import(binary, *, apply: bool) -> ImportResult:
    result = ImportResult()
    errors = _ErrorList(ERRORS_LISTED)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Two imports at once could both try to create the same ward or home.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
            # Enough memory to group 50,000 rows without spilling to disk; a rough sample is
            # enough for the planner to choose hash joins.
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL default_statistics_target = 10")
        cursor.execute(_STAGING_TABLE.format(**_STAGING_TYPES[connection.vendor]))
        file_readable = _stage(cursor, binary, result, errors)
        if file_readable:
            if not result.rows:
                errors.add(None, None, "The file has a header but no tenancies.")
            _check_whole_file(cursor, errors)
        if not errors.count:
            _write(cursor, result)
        cursor.execute("DROP TABLE tenancy_import_staging")
        if errors.count or not apply:
            transaction.set_rollback(True)
    result.errors, result.error_count = errors.listed(), errors.count
    return result


def _stage(cursor, binary, result: ImportResult, errors: "_ErrorList") -> bool:
    """Stream the file's good rows into the staging table; return False if it could not be read."""
    with _staging_writer(cursor) as stage:
        try:
            for line, row, problems in read_rows(binary):
                result.rows += 1
                if row is None:
                    for problem in problems:
                        errors.add(line, problem.column, problem.message)
                else:
                    stage((line, *row))
        except TenancyFileError as error:
            # Caught inside the writer so that COPY ends cleanly and the transaction lives on.
            errors.add(None, None, str(error))
            return False
    return True


_STAGING_TABLE = """
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
_STAGING_TYPES = {"postgresql": {"json": "jsonb"}, "sqlite": {"json": "text"}}


@contextmanager
def _staging_writer(cursor):
    """Yield a function that stages one row: COPY on PostgreSQL, batched inserts elsewhere."""
    columns = ", ".join(_STAGING_COLUMNS)
    if connection.vendor == "postgresql":
        with cursor.copy(f"COPY tenancy_import_staging ({columns}) FROM STDIN") as copy:
            yield copy.write_row
        # Temporary tables are never analysed automatically; the planner needs row counts.
        cursor.execute("ANALYZE tenancy_import_staging")
        return

    insert = f"INSERT INTO tenancy_import_staging ({columns}) VALUES ({', '.join(['%s'] * len(_STAGING_COLUMNS))})"
    batch = []

    def stage(row):
        batch.append(row)
        if len(batch) == _SQLITE_BATCH:
            cursor.executemany(insert, batch)
            batch.clear()

    yield stage
    cursor.executemany(insert, batch)


class _ErrorList:
    """Counts every error but keeps only the first few by line, whatever order they arrive in."""

    def __init__(self, keep: int):
        self.keep = keep
        self.count = 0
        self._heap = []  # the kept errors, largest line first (negated), so the last is cheap to drop
        self._order = itertools.count()

    def add(self, line: int | None, column: str | None, message: str) -> None:
        self.count += 1
        entry = (-(line or 0), -next(self._order), line, column, message)
        if len(self._heap) < self.keep:
            heapq.heappush(self._heap, entry)
        else:
            heapq.heappushpop(self._heap, entry)

    def add_uncounted_beyond(self, total: int, listed: int) -> None:
        """Count errors that SQL found but did not return (it returns at most `keep`)."""
        self.count += total - listed

    def listed(self) -> list[str]:
        return [_describe(line, column, message) for *_, line, column, message in sorted(self._heap, reverse=True)]


def _describe(line: int | None, column: str | None, message: str) -> str:
    if line is None:
        return message
    if column is None:
        return f"Line {line}: {message}"
    return f"Line {line}, {column}: {message}"


@dataclass(frozen=True)
class _WholeFileCheck:
    """SQL returning the line, some values and the total for rows that break a rule; and the words for it."""

    sql: str
    describe: Callable[..., tuple[str, str]]  # the values -> (column, message)


# Each compares a row with the first row in the file that has its reference, estate or home.
# Grouping first (a hash, no sort) finds the few groups that disagree; only their rows are sorted.
_WHOLE_FILE_CHECKS = [
    # A reference twice in one file: which row is right is for the officer to say.
    _WholeFileCheck(
        """
        SELECT s.line, s.reference, s.first_line, count(*) OVER ()
        FROM (SELECT line, reference, min(line) OVER (PARTITION BY reference) AS first_line
              FROM tenancy_import_staging
              WHERE reference IN (SELECT reference FROM tenancy_import_staging GROUP BY reference HAVING count(*) > 1)
             ) s
        WHERE s.line > s.first_line
        """,
        lambda reference, first_line: ("tenancy_reference", f"{reference!r} is also on line {first_line}"),
    ),
    # An estate put in two wards by the file.
    _WholeFileCheck(
        """
        SELECT s.line, s.ward, s.first_line, s.first_estate, s.first_ward, count(*) OVER ()
        FROM (SELECT line, ward,
                     first_value(line) OVER estate AS first_line,
                     first_value(estate) OVER estate AS first_estate,
                     first_value(ward) OVER estate AS first_ward
              FROM tenancy_import_staging
              WHERE lower(estate) IN (SELECT lower(estate) FROM tenancy_import_staging GROUP BY lower(estate)
                                      HAVING min(lower(ward)) <> max(lower(ward)))
              WINDOW estate AS (PARTITION BY lower(estate) ORDER BY line)) s
        WHERE lower(s.ward) <> lower(s.first_ward)
        """,
        lambda ward, first_line, estate, first_ward: (
            "ward",
            f"{ward!r}, but line {first_line} puts estate {estate!r} in ward {first_ward!r}",
        ),
    ),
    # An estate we already have, in another ward: moving estates is not the import's job.
    _WholeFileCheck(
        """
        SELECT s.line, s.estate, w.name, s.ward, count(*) OVER ()
        FROM tenancy_import_staging s
        JOIN engagement_estate e ON lower(e.name) = lower(s.estate)
        JOIN engagement_ward w ON w.id = e.ward_id
        WHERE lower(w.name) <> lower(s.ward)
        """,
        lambda estate, ward, given_ward: ("estate", f"{estate!r} is in ward {ward!r}, not {given_ward!r}"),
    ),
    # One home (first address line and postcode) put in two places by the file.
    _WholeFileCheck(
        """
        SELECT s.line, s.column_name,
               CASE s.column_name WHEN 'estate' THEN s.estate WHEN 'block' THEN s.block ELSE s.address_line_2 END,
               s.first_line,
               CASE s.column_name WHEN 'estate' THEN s.first_estate WHEN 'block' THEN s.first_block
                    ELSE s.first_address_line_2 END,
               s.address_line_1, s.postcode, count(*) OVER ()
        FROM (
            SELECT h.*,
                   CASE WHEN lower(h.estate) <> lower(h.first_estate) THEN 'estate'
                        WHEN lower(h.block) <> lower(h.first_block) THEN 'block'
                        WHEN h.address_line_2 <> h.first_address_line_2 THEN 'address_line_2' END AS column_name
            FROM (SELECT line, address_line_1, postcode, estate, block, address_line_2,
                         first_value(line) OVER home AS first_line,
                         first_value(estate) OVER home AS first_estate,
                         first_value(block) OVER home AS first_block,
                         first_value(address_line_2) OVER home AS first_address_line_2
                  FROM tenancy_import_staging
                  WHERE (address_line_1, postcode) IN (
                      SELECT address_line_1, postcode FROM tenancy_import_staging GROUP BY address_line_1, postcode
                      HAVING min(lower(estate)) <> max(lower(estate)) OR min(lower(block)) <> max(lower(block))
                          OR min(address_line_2) <> max(address_line_2))
                  WINDOW home AS (PARTITION BY address_line_1, postcode ORDER BY line)) h
        ) s
        WHERE s.column_name IS NOT NULL
        """,
        lambda column, value, first_line, first_value, address_line_1, postcode: (
            column,
            f"{value!r}, but line {first_line} gives {column} {first_value!r} "
            f"for the same home ({address_line_1}, {postcode})",
        ),
    ),
]


def _check_whole_file(cursor, errors: _ErrorList) -> None:
    for check in _WHOLE_FILE_CHECKS:
        cursor.execute(f"{check.sql} ORDER BY s.line LIMIT %s", [errors.keep])
        rows = cursor.fetchall()
        for line, *values, _ in rows:
            errors.add(line, *check.describe(*values))
        if rows:
            errors.add_uncounted_beyond(rows[0][-1], len(rows))


def _write(cursor, result: ImportResult) -> None:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    town = Home._meta.get_field("town").get_default()
    result.wards_created = _changed(cursor, _INSERT_WARDS)
    result.estates_created = _changed(cursor, _INSERT_ESTATES)
    result.blocks_created = _changed(cursor, _INSERT_BLOCKS)
    cursor.execute(_HOMES_IN_FILE)
    result.homes_updated = _changed(cursor, _UPDATE_HOMES)
    result.homes_created = _changed(cursor, _INSERT_HOMES, [town])
    cursor.execute("DROP TABLE tenancy_import_homes")
    result.updated = _changed(cursor, _UPDATE_TENANCIES, [now])
    result.created = _changed(cursor, _INSERT_TENANCIES, [now, now])
    result.unchanged = result.rows - result.created - result.updated


def _changed(cursor, sql: str, params=()) -> int:
    cursor.execute(sql, params)
    return cursor.rowcount


# The writes. Places are matched ignoring case, as their unique constraints compare them;
# where the file spells a new place several ways, its first line's spelling is used.
# Booleans are given because Django keeps field defaults in Python, not in the tables.

_INSERT_WARDS = """
    INSERT INTO engagement_ward (name)
    SELECT s.ward FROM tenancy_import_staging s
    WHERE s.line IN (SELECT min(line) FROM tenancy_import_staging GROUP BY lower(ward))
      AND NOT EXISTS (SELECT 1 FROM engagement_ward w WHERE lower(w.name) = lower(s.ward))
"""

_INSERT_ESTATES = """
    INSERT INTO engagement_estate (name, ward_id)
    SELECT s.estate, (SELECT min(w.id) FROM engagement_ward w WHERE lower(w.name) = lower(s.ward))
    FROM tenancy_import_staging s
    WHERE s.line IN (SELECT min(line) FROM tenancy_import_staging GROUP BY lower(estate))
      AND NOT EXISTS (SELECT 1 FROM engagement_estate e WHERE lower(e.name) = lower(s.estate))
"""

_INSERT_BLOCKS = """
    INSERT INTO engagement_block (name, estate_id, is_higher_risk, is_independent_living)
    SELECT s.block, e.id, false, false
    FROM tenancy_import_staging s
    JOIN engagement_estate e ON lower(e.name) = lower(s.estate)
    WHERE s.line IN (SELECT min(line) FROM tenancy_import_staging GROUP BY lower(estate), lower(block))
      AND NOT EXISTS (SELECT 1 FROM engagement_block b WHERE b.estate_id = e.id AND lower(b.name) = lower(s.block))
"""

# Each home in the file with its block: one row a home, as the checks made sure all rows
# for a home agree. Kept in a table of its own because two statements read it.
_HOMES_IN_FILE = """
    CREATE TEMPORARY TABLE tenancy_import_homes AS
    SELECT DISTINCT b.id AS block_id, s.address_line_1, s.address_line_2, s.postcode
    FROM tenancy_import_staging s
    JOIN engagement_estate e ON lower(e.name) = lower(s.estate)
    JOIN engagement_block b ON b.estate_id = e.id AND lower(b.name) = lower(s.block)
"""

_UPDATE_HOMES = """
    UPDATE engagement_home AS h
    SET block_id = f.block_id, address_line_2 = f.address_line_2
    FROM tenancy_import_homes f
    WHERE h.address_line_1 = f.address_line_1 AND h.postcode = f.postcode
      AND (h.block_id <> f.block_id OR h.address_line_2 <> f.address_line_2)
"""

_INSERT_HOMES = """
    INSERT INTO engagement_home (block_id, address_line_1, address_line_2, town, postcode, undeliverable_post)
    SELECT f.block_id, f.address_line_1, f.address_line_2, %s, f.postcode, false
    FROM tenancy_import_homes f
    WHERE NOT EXISTS (
        SELECT 1 FROM engagement_home h WHERE h.address_line_1 = f.address_line_1 AND h.postcode = f.postcode
    )
"""

# Only tenancies that differ are written, so updated_at moves only when something changed.
# The columns are NOT NULL, so <> needs no IS DISTINCT FROM.
_UPDATE_TENANCIES = """
    UPDATE engagement_tenancy AS t
    SET home_id = h.id, tenure_type = s.tenure_type, start_date = s.start_date,
        household_members = s.household_members, updated_at = %s
    FROM tenancy_import_staging s
    JOIN engagement_home h ON h.address_line_1 = s.address_line_1 AND h.postcode = s.postcode
    WHERE t.reference = s.reference
      AND (t.home_id <> h.id OR t.tenure_type <> s.tenure_type OR t.start_date <> s.start_date
           OR t.household_members <> s.household_members)
"""

_INSERT_TENANCIES = """
    INSERT INTO engagement_tenancy (reference, home_id, tenure_type, start_date, household_members, created_at, updated_at)
    SELECT s.reference, h.id, s.tenure_type, s.start_date, s.household_members, %s, %s
    FROM tenancy_import_staging s
    JOIN engagement_home h ON h.address_line_1 = s.address_line_1 AND h.postcode = s.postcode
    WHERE NOT EXISTS (SELECT 1 FROM engagement_tenancy t WHERE t.reference = s.reference)
"""
