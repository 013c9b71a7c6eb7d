"""Importing tenancy lists from the housing system: every row checked, all or nothing.

Rows are checked in Python as they stream into a temporary staging table (COPY on
PostgreSQL, batched inserts on SQLite), so memory stays flat however long the file.
What needs the whole file or the database (a reference twice, an estate in another
ward) and the writes themselves are set-based SQL on that table, shared by both
databases. Writes touch only rows that differ, so importing a file again changes nothing.

    staging.py  the temporary table and how rows get into it (COPY, or batched inserts)
    checks.py   rules across rows and against the database, in SQL
    writes.py   places, homes and tenancies created or updated, in SQL
    errors.py   every error counted, the first ones kept to show
"""

from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone

from engagement.models import TenancyImport
from engagement.services.tenancy_import import checks, staging, writes
from engagement.services.tenancy_import.errors import ErrorList
from engagement.tenancy_csv import TenancyFileError, read_rows

# Officers fix a file from the top; more than this many errors are counted, not listed.
ERRORS_LISTED = 200

# Any constant will do: it names the lock that lets one import run at a time.
_ADVISORY_LOCK = 0x7E4A4C7


@dataclass
class ImportResult:
    """What one run found; copied onto its TenancyImport record."""

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

    Safe to call twice: an import that is not waiting to be applied, or whose file has been
    deleted (its retention period over), is left as it is.
    """
    with transaction.atomic():
        record = TenancyImport.objects.select_for_update().get(pk=record.pk)
        if record.status == TenancyImport.Status.CHECKED and record.file:
            with record.file.open("rb") as binary:
                result = _import(binary, apply=True)
            _record(record, result, applied=True)
    return record


def tenancy_import_files_delete(*, now=None) -> int:
    """Delete uploaded tenancy lists older than the retention period; the imports' summaries stay.

    Returns how many files were deleted. Safe to run twice, and by several workers at once.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TENANCY_IMPORT_FILE_RETENTION_DAYS)
    deleted = 0
    for pk in TenancyImport.objects.filter(uploaded_at__lt=cutoff).exclude(file="").values_list("pk", flat=True):
        with transaction.atomic():
            record = TenancyImport.objects.select_for_update(skip_locked=True).filter(pk=pk).exclude(file="").first()
            if record is None:
                continue
            # Deleting a file that is already gone (a run that died after it) is not an error.
            record.file.delete(save=False)
            record.file_deleted_at = now
            record.save(update_fields=["file", "file_deleted_at"])
            deleted += 1
    return deleted


def _record(record: TenancyImport, result: ImportResult, *, applied: bool) -> None:
    for name, value in asdict(result).items():
        setattr(record, name, value)
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
    errors = ErrorList(ERRORS_LISTED)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Two imports at once could both try to create the same ward or home.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
            # Enough memory to group 50,000 rows without spilling to disk; a rough sample is
            # enough for the planner to choose hash joins.
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL default_statistics_target = 10")
        staging.create(cursor)
        file_readable = _stage(cursor, binary, result, errors)
        if file_readable:
            if not result.rows:
                errors.add(None, None, "The file has a header but no tenancies.")
            checks.run(cursor, errors)
        if not errors.count:
            writes.apply(cursor, result)
        staging.drop(cursor)
        if errors.count or not apply:
            transaction.set_rollback(True)
    result.errors, result.error_count = errors.listed(), errors.count
    return result


def _stage(cursor, binary, result: ImportResult, errors: ErrorList) -> bool:
    """Stream the file's good rows into the staging table; return False if it could not be read."""
    with staging.writer(cursor) as stage:
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
