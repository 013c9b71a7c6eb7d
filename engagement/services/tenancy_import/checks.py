"""Rules that need the whole file or the database, checked in SQL on the staging table."""

from collections.abc import Callable
from dataclasses import dataclass

from engagement.services.tenancy_import.errors import ErrorList


@dataclass(frozen=True)
class _Check:
    """SQL returning the line, some values and the total for rows that break a rule; and the words for it."""

    sql: str
    describe: Callable[..., tuple[str, str]]  # the values -> (column, message)


# Each compares a row with the first row in the file that has its reference, estate or home.
# Grouping first (a hash, no sort) finds the few groups that disagree; only their rows are sorted.
_CHECKS = [
    # A reference twice in one file: which row is right is for the officer to say.
    _Check(
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
    _Check(
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
    _Check(
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
    _Check(
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


def run(cursor, errors: ErrorList) -> None:
    for check in _CHECKS:
        cursor.execute(f"{check.sql} ORDER BY s.line LIMIT %s", [errors.keep])
        rows = cursor.fetchall()
        for line, *values, _ in rows:
            errors.add(line, *check.describe(*values))
        if rows:
            errors.count_unlisted(rows[0][-1] - len(rows))
