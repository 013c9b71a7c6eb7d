#!/usr/bin/env python
"""Benchmark: the attendance report's CSV export against PostgreSQL's own COPY of the same columns.

    .venv/bin/python scripts/bench_export.py [--rows 1000000] [--keep]

Creates its own database (rv_bench_export; PostgreSQL at 127.0.0.1:5432 as postgres, or
BENCH_ADMIN_URL), migrates it, fills it with attendance rows made by SQL generate_series,
then, each in a fresh process so peak memory is its own:

- COPY (SELECT …) TO STDOUT of the report's columns: the baseline;
- the portal's CSV export (events.services.reports.attendance_rows through engagement.exports),
  for a tenth of the rows and for all of them.

Reports time, the ratio to COPY, and each process's peak memory (max RSS). Drops the database
at the end unless --keep. Targets: within 5x of COPY; peak memory under 150 MB and flat
between a tenth and all of the rows.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from lib.benchdb import database_drop, database_recreate

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "rv_bench_export"
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_URL = ADMIN_URL.rsplit("/", 1)[0] + "/" + DB_NAME
EVENTS = 2000
RESIDENTS = 20000

COPY_SQL = """
SELECT e.title, (e.starts_at AT TIME ZONE 'Europe/London')::date, e.kind, ee.name, ew.name,
       CASE WHEN b.resident_id IS NULL THEN '' ELSE 'R' || lpad(b.resident_id::text, 6, '0') END,
       COALESCE(re.name, we.name), t.tenure_type, b.source, b.attendance
FROM events_booking b
JOIN events_event e ON e.id = b.event_id
LEFT JOIN engagement_estate ee ON ee.id = e.estate_id
LEFT JOIN engagement_ward ew ON ew.id = ee.ward_id
LEFT JOIN engagement_resident r ON r.id = b.resident_id
LEFT JOIN engagement_tenancy t ON t.id = r.tenancy_id
LEFT JOIN engagement_home h ON h.id = t.home_id
LEFT JOIN engagement_block bl ON bl.id = h.block_id
LEFT JOIN engagement_estate re ON re.id = bl.estate_id
LEFT JOIN engagement_estate we ON we.id = b.walk_in_estate_id
WHERE b.status = 'confirmed' AND e.status IN ('published', 'completed') {where}
ORDER BY e.starts_at, e.id, b.id
"""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(rows: int) -> None:
    """Places, residents, events and bookings, made in the database by generate_series."""
    import psycopg

    with psycopg.connect(BENCH_URL, autocommit=True) as db:
        db.execute("INSERT INTO engagement_ward (name) SELECT 'Ward ' || i FROM generate_series(1, 20) i")
        db.execute(
            "INSERT INTO engagement_estate (name, ward_id) SELECT 'Estate ' || i, (i % 20) + 1 FROM generate_series(1, 100) i"
        )
        db.execute(
            "INSERT INTO engagement_block (name, estate_id, is_higher_risk, is_independent_living) "
            "SELECT 'Block ' || i, (i % 100) + 1, false, false FROM generate_series(1, 400) i"
        )
        db.execute(
            "INSERT INTO engagement_home (block_id, address_line_1, address_line_2, town, postcode, undeliverable_post) "
            f"SELECT (i % 400) + 1, 'Flat ' || i, '', 'London', 'SE1 1AA', false FROM generate_series(1, {RESIDENTS}) i"
        )
        db.execute(
            "INSERT INTO engagement_tenancy (reference, home_id, tenure_type, start_date, household_members, created_at, updated_at) "
            f"SELECT 'TEN-' || i, i, (ARRAY['council_tenant','resident_leaseholder','sheltered_tenant'])[(i % 3) + 1], "
            f"'2015-01-01', '[]', now(), now() FROM generate_series(1, {RESIDENTS}) i"
        )
        db.execute(
            "INSERT INTO engagement_resident (first_name, last_name, email, email_undeliverable, mobile, mobile_undeliverable, "
            "preferred_language, tenancy_id, tenancy_verified_at, interpreter_language, access_needs_other, is_vulnerable, "
            "created_at, updated_at) "
            f"SELECT 'First' || i, 'Last' || i, '', false, '', false, 'English', i, now(), '', '', false, now(), now() "
            f"FROM generate_series(1, {RESIDENTS}) i"
        )
        # Every 50th title starts with "=", so the export's formula neutralising is exercised.
        db.execute(
            "INSERT INTO events_event (title, description, kind, format, starts_at, ends_at, status, cancellation_reason, "
            "estate_id, joining_link, organiser, senior_leader, eligible_tenure_types, invitation_only, listed, "
            "reminder_enabled, reminder_hours_before, reminder_note, created_at, updated_at) "
            "SELECT CASE WHEN i % 50 = 0 THEN '=Event ' || i ELSE 'Event ' || i END, '', "
            "(ARRAY['roadshow','repairs_open_day','walkabout','surgery','workshop'])[(i % 5) + 1], 'in_person', "
            f"timestamptz '2025-01-01 10:00+00' + (i * interval '4 hours'), "
            f"timestamptz '2025-01-01 12:00+00' + (i * interval '4 hours'), 'completed', '', (i % 100) + 1, '', '', '', "
            f"'[]', false, true, true, 48, '', now(), now() FROM generate_series(1, {EVENTS}) i"
        )
        # Booking i: event (i % EVENTS) + 1 and resident (i / EVENTS) + 1, so no resident books an event twice;
        # every 20th is a walk-in without an account.
        db.execute(
            "INSERT INTO events_booking (event_id, resident_id, walk_in_name, walk_in_estate_id, code, status, source, places, "
            "interpreter_language, access_needs_other, attendance, offer_token, created_at) "
            f"SELECT (i % {EVENTS}) + 1, CASE WHEN i % 20 = 0 THEN NULL ELSE ((i / {EVENTS}) % {RESIDENTS}) + 1 END, "
            "CASE WHEN i % 20 = 0 THEN 'Walk-in ' || i ELSE '' END, CASE WHEN i % 20 = 0 THEN (i % 100) + 1 END, "
            "upper(lpad(to_hex(i), 6, '0')), 'confirmed', CASE WHEN i % 20 = 0 THEN 'walk_in' ELSE 'booked' END, 1, '', '', "
            "(ARRAY['attended','attended','no_show',''])[(i % 4) + 1], '', now() "
            f"FROM generate_series(0, {rows - 1}) i"
        )
        db.execute("VACUUM ANALYZE")


def measure_copy(limit_events: int) -> dict:
    import psycopg

    where = f"AND e.id <= {limit_events}"
    started = time.perf_counter()
    size = 0
    with (
        psycopg.connect(BENCH_URL) as db,
        db.cursor() as cursor,
        cursor.copy(f"COPY ({COPY_SQL.format(where=where)}) TO STDOUT WITH (FORMAT csv)") as copy,
    ):
        for chunk in copy:
            size += len(chunk)
    return {"seconds": time.perf_counter() - started, "bytes": size, "peak_mb": peak_mb()}


def measure_export(limit_events: int) -> dict:
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from engagement.exports import csv_response
    from events.services.reports import ReportFilters, attendance_rows

    filters = ReportFilters(event_ids=tuple(range(1, limit_events + 1)))
    started = time.perf_counter()
    size = rows = 0
    with open(os.devnull, "w") as sink:
        for chunk in csv_response(attendance_rows(filters), "attendance.csv").streaming_content:
            size += len(chunk)
            rows += chunk.count(b"\n")
            sink.write(chunk.decode())
    return {"seconds": time.perf_counter() - started, "bytes": size, "rows": rows - 1, "peak_mb": peak_mb()}


def in_fresh_process(what: str, limit_events: int) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--measure", what, "--events", str(limit_events)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--measure", choices=["copy", "export"], help=argparse.SUPPRESS)
    parser.add_argument("--events", type=int, default=EVENTS, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        result = measure_copy(args.events) if args.measure == "copy" else measure_export(args.events)
        print(json.dumps(result))
        return

    database_recreate(BENCH_URL)
    try:
        print(f"Migrating {DB_NAME} …", flush=True)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"],
            check=True,
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": BENCH_URL},
        )
        started = time.perf_counter()
        fill(args.rows)
        print(f"Made {args.rows:,} attendance rows in {time.perf_counter() - started:.1f}s", flush=True)

        in_fresh_process("copy", EVENTS)  # warm the caches, so neither side pays for the first read from disk
        print(f"\n{'rows':>10} {'COPY s':>8} {'export s':>9} {'ratio':>6} {'COPY MB':>8} {'export MB':>10}")
        for share in (10, 1):
            events = EVENTS // share
            baseline = in_fresh_process("copy", events)
            export = in_fresh_process("export", events)
            ratio = export["seconds"] / baseline["seconds"]
            print(
                f"{export['rows']:>10,} {baseline['seconds']:>8.2f} {export['seconds']:>9.2f} {ratio:>5.1f}x "
                f"{baseline['peak_mb']:>8.0f} {export['peak_mb']:>10.0f}",
                flush=True,
            )
    finally:
        if not args.keep:
            database_drop(BENCH_URL)


if __name__ == "__main__":
    main()
