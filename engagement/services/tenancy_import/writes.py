"""The import's writes: set-based SQL from the staging table, the same on PostgreSQL and SQLite."""

from django.db import connection
from django.utils import timezone

from engagement.models import Home


def apply(cursor, result) -> None:
    """Create the places, homes and tenancies the staging table holds; count into `result`."""
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
