#!/usr/bin/env python
"""How fast the tenancy import is, against PostgreSQL's own COPY of the same file.

For each size it generates a tenancy CSV, creates a fresh database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/rv_bench — dropped and created again, so never point it
at data you want), and in a fresh process migrates it, times COPY of the file into a bare
table of text columns, then the import through the service and a re-import of the same
file. Memory is the process's peak RSS and, in a separate re-import, tracemalloc's peak of
Python allocations (tracemalloc slows Python down, so that run is not timed).

COPY is timed three times (the median is used: at a few hundredths of a second one sample is
noisy). A "floor" is timed too: the same homes and tenancies written straight from the bare
table into our tables, no checks at all, then rolled back. No import can be faster than
that; the gap between it and COPY is what the tables' indexes and foreign keys cost.

    .venv/bin/python scripts/bench_import.py [--sizes 10000 50000]
"""

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from lib.benchdb import database_drop, database_recreate

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/rv_bench"
COLUMNS = [
    "tenancy_reference",
    "tenure_type",
    "start_date",
    "ward",
    "estate",
    "block",
    "address_line_1",
    "address_line_2",
    "postcode",
    "household_members",
]
TENURES = ["council_tenant", "Council tenant", "Resident leaseholder", "sheltered_tenant", "Temporary accommodation"]
NAMES = ["Sam", "Alex", "Priya", "Kofi", "Mei", "Tomasz", "Aisha", "Joe"]


def generate(path: Path, rows: int) -> None:
    """A plausible housing-system export: 20 wards, 10 estates each, 10 blocks an estate, a home a tenancy."""
    chance = random.Random(rows)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for n in range(rows):
            ward, estate, block = n % 20, n % 200, n % 2000
            start = date(1990, 1, 1) + timedelta(days=chance.randrange(12000))
            writer.writerow(
                [
                    f"TEN-{n:07d}",
                    chance.choice(TENURES),
                    start.isoformat() if n % 2 else start.strftime("%d/%m/%Y"),
                    f"Ward {ward}",
                    f"Estate {estate}",
                    f"Block {block}",
                    f"Flat {n // 2000 + 1}, Block {block}",
                    f"Estate {estate}" if n % 3 else "",
                    f"SE{block % 28 + 1} {block % 9 + 1}{chr(65 + block // 9 % 26)}{chr(65 + block // 234 % 26)}",
                    "; ".join(f"{chance.choice(NAMES)} Example" for _ in range(chance.randint(0, 3))),
                ]
            )


def measure(csv_path: Path) -> dict:
    """In this (fresh) process: migrate, COPY, import, re-import. Returns the figures."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from engagement.services.tenancy_import import tenancy_import_run

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bare_tenancies ({', '.join(f'{name} text' for name in COLUMNS)})")
        copy_timings = []
        for _ in range(3):
            cursor.execute("TRUNCATE bare_tenancies")
            started = time.perf_counter()
            with (
                csv_path.open("rb") as binary,
                cursor.copy("COPY bare_tenancies FROM STDIN (FORMAT csv, HEADER true)") as copy,
            ):
                while chunk := binary.read(1 << 16):
                    copy.write(chunk)
            copy_timings.append(time.perf_counter() - started)
        copy_seconds = sorted(copy_timings)[1]
    floor_seconds = _write_floor(connection)

    rss_before = _peak_rss_mb()
    timings = []
    for _ in range(2):  # the import, then the same file again
        started = time.perf_counter()
        with csv_path.open("rb") as binary:
            record = tenancy_import_run(binary, apply=True)
        timings.append(time.perf_counter() - started)
        assert record.error_count == 0, record.errors[:5]
        if len(timings) == 1:
            assert record.created == record.rows, record.summary()
        else:
            assert record.unchanged == record.rows, record.summary()
    rss_after = _peak_rss_mb()

    tracemalloc.start()
    with csv_path.open("rb") as binary:
        tenancy_import_run(binary, apply=True)
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    return {
        "rows": record.rows,
        "copy_seconds": copy_seconds,
        "floor_seconds": floor_seconds,
        "import_seconds": timings[0],
        "reimport_seconds": timings[1],
        "rss_before_mb": rss_before,
        "rss_peak_mb": rss_after,
        "traced_peak_mb": traced_peak,
    }


# The least any import must write: places, a home and a tenancy a row, from the bare table.
_FLOOR = [
    "SET CONSTRAINTS ALL IMMEDIATE",  # foreign keys checked now, not at a commit that never comes
    "INSERT INTO engagement_ward (name) SELECT DISTINCT ward FROM bare_tenancies",
    """INSERT INTO engagement_estate (name, ward_id)
       SELECT DISTINCT ON (b.estate) b.estate, w.id FROM bare_tenancies b JOIN engagement_ward w ON w.name = b.ward""",
    """INSERT INTO engagement_block (name, estate_id, is_higher_risk, is_independent_living)
       SELECT DISTINCT b.block, e.id, false, false FROM bare_tenancies b JOIN engagement_estate e ON e.name = b.estate""",
    """INSERT INTO engagement_home (block_id, address_line_1, address_line_2, town, postcode, undeliverable_post)
       SELECT DISTINCT ON (b.address_line_1, b.postcode) k.id, b.address_line_1, coalesce(b.address_line_2, ''),
              'London', b.postcode, false
       FROM bare_tenancies b JOIN engagement_estate e ON e.name = b.estate
       JOIN engagement_block k ON k.estate_id = e.id AND k.name = b.block""",
    """INSERT INTO engagement_tenancy (reference, home_id, tenure_type, start_date, household_members,
                                      created_at, updated_at)
       SELECT b.tenancy_reference, h.id, 'council_tenant', DATE '2000-01-01', '[]', now(), now()
       FROM bare_tenancies b JOIN engagement_home h ON h.address_line_1 = b.address_line_1 AND h.postcode = b.postcode""",
]


def _write_floor(connection) -> float:
    """Time the floor's writes (see the module's docstring), leaving the tables empty again."""
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        for statement in _FLOOR:
            cursor.execute(statement)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": folder}
        try:
            for size in args.sizes:
                csv_path = Path(folder) / f"tenancies-{size}.csv"
                generate(csv_path, size)
                database_recreate(url)
                child = subprocess.run(
                    [sys.executable, __file__, "--measure", str(csv_path)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                results.append({**json.loads(child.stdout.splitlines()[-1]), "mb": csv_path.stat().st_size / 2**20})
        finally:
            database_drop(url)

    print(
        f"{'rows':>7} {'file MB':>7} {'COPY s':>7} {'floor s':>7} {'x COPY':>6} {'import s':>8} {'rows/s':>7} "
        f"{'x COPY':>6} {'x floor':>7} {'again s':>7} {'x COPY':>6} {'RSS MB before→peak':>19} {'traced MB':>9}"
    )
    for r in results:
        print(
            f"{r['rows']:>7,} {r['mb']:>7.1f} {r['copy_seconds']:>7.3f} {r['floor_seconds']:>7.3f} "
            f"{r['floor_seconds'] / r['copy_seconds']:>6.1f} {r['import_seconds']:>8.3f} "
            f"{r['rows'] / r['import_seconds']:>7,.0f} {r['import_seconds'] / r['copy_seconds']:>6.1f} "
            f"{r['import_seconds'] / r['floor_seconds']:>7.1f} "
            f"{r['reimport_seconds']:>7.3f} {r['reimport_seconds'] / r['copy_seconds']:>6.1f} "
            f"{r['rss_before_mb']:>9.0f} → {r['rss_peak_mb']:<7.0f} {r['traced_peak_mb']:>9.1f}"
        )


if __name__ == "__main__":
    main()
