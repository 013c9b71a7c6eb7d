"""What a tenancy list from the housing system must look like, and turning its rows into clean values.

Pure: no database. The import service streams the cleaned rows into a staging table and
checks what needs the whole file or the database (duplicates, estates in other wards).
"""

import csv
import io
import json
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import BinaryIO, NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from engagement.models import TenureType
from engagement.postcodes import normalise_postcode

# (column, what goes in it): shown on the admin upload page and in the command's help.
COLUMNS = [
    ("tenancy_reference", "The housing system's reference, e.g. TEN-000123. Each reference once per file."),
    (
        "tenure_type",
        ", ".join(str(label) for _value, label in TenureType.choices[:-1])
        + f" or {TenureType.choices[-1][1]}; or the code, e.g. {TenureType.COUNCIL_TENANT.value}.",
    ),
    ("start_date", "YYYY-MM-DD or DD/MM/YYYY."),
    ("ward", "The ward's name. New wards are created."),
    ("estate", "The estate's name. New estates are created in the row's ward."),
    ("block", "The block's name on that estate. New blocks are created."),
    ("address_line_1", "With the postcode, names the home: e.g. Flat 3, Crossfield House."),
    ("address_line_2", "May be blank."),
    ("postcode", "A UK postcode, e.g. SE8 4AA."),
    ("household_members", "Names separated by ';'. May be blank."),
]
COLUMN_NAMES = [name for name, _column in COLUMNS]
OPTIONAL_VALUES = {"address_line_2", "household_members"}

# Longest values the tables hold.
MAX_LENGTHS = {
    "tenancy_reference": 30,
    "ward": 100,
    "estate": 150,
    "block": 150,
    "address_line_1": 200,
    "address_line_2": 200,
}

_TENURE_TYPES = {key.lower(): value for value, label in TenureType.choices for key in (value, label)}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class TenancyFileError(Exception):
    """The file as a whole cannot be read as a tenancy list; no row is looked at."""


@dataclass(frozen=True)
class RowProblem:
    column: str | None
    message: str


class CleanRow(NamedTuple):
    """One tenancy, in the order of the staging table's columns after the line number."""

    reference: str
    tenure_type: str
    start_date: date
    ward: str
    estate: str
    block: str
    address_line_1: str
    address_line_2: str
    postcode: str
    household_members: str  # JSON text, as the JSONField stores it


def read_rows(binary: BinaryIO) -> Iterator[tuple[int, CleanRow | None, list[RowProblem]]]:
    """Yield (line, clean row or None, problems) for each row that is not blank, streaming.

    Lines are numbered as a spreadsheet shows them: the header is line 1. Raises
    TenancyFileError for an empty or non-UTF-8 file, a header without the columns, or
    text that is not CSV.
    """
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    try:
        lines = _NulWatch(text)
        reader = csv.reader(lines)
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise TenancyFileError(_("The file is empty: it needs a header row, then one row per tenancy."))
        pick = operator.itemgetter(*_column_positions(header))
        width = len(header)
        lines.seen = False
        for line, cells in enumerate(reader, start=2):
            if lines.seen:
                lines.seen = False
                yield line, None, [RowProblem(None, NUL_PROBLEM)]
            # Spreadsheets leave blank rows at the end. (A blank row has no reference, so the
            # whole row is looked at only then.)
            elif len(cells) == width:
                values = [value.strip() for value in pick(cells)]
                if values[0] or "".join(cells).strip():
                    yield line, *clean_row(values)
            elif "".join(cells).strip():
                yield line, None, [RowProblem(None, f"has {len(cells)} cells but the header has {width}")]
    except UnicodeDecodeError:
        raise TenancyFileError(
            "The file is not UTF-8 text. Save it from the spreadsheet as "
            "“CSV UTF-8 (Comma delimited)” and upload it again."
        ) from None
    except csv.Error as error:
        raise TenancyFileError(_("The file cannot be read as CSV (%(error)s).") % {"error": error}) from None
    finally:
        # Closing the wrapper would close the caller's file too.
        text.detach()


NUL_PROBLEM = (
    "has a NUL character, a hidden character no database can store (usually left by a damaged export). "
    "Save the list again from the housing system or spreadsheet."
)


class _NulWatch:
    """The file's lines, noting any with a NUL character: the row they belong to is refused.

    Looked for in each line as it is read (one fast search of the line), not in every cell.
    """

    def __init__(self, text):
        self.text = text
        self.seen = False

    def __iter__(self):
        for line in self.text:
            if "\x00" in line:
                self.seen = True
            yield line


def _column_positions(header: list[str]) -> list[int]:
    names = [cell.strip().lower() for cell in header]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise TenancyFileError(
            _("The header names these columns more than once: %(columns)s.") % {"columns": ", ".join(repeated)}
        )
    missing = [name for name in COLUMN_NAMES if name not in names]
    if len(missing) == len(COLUMN_NAMES):
        raise TenancyFileError(
            _("The first row is not a header. It must name the columns: %(columns)s.")
            % {"columns": ", ".join(COLUMN_NAMES)}
        )
    if missing:
        raise TenancyFileError(
            f"The header is missing {'this column' if len(missing) == 1 else 'these columns'}: "
            f"{', '.join(missing)}. The first row must name all of: {', '.join(COLUMN_NAMES)}."
        )
    return [names.index(name) for name in COLUMN_NAMES]


def clean_row(values: list[str]) -> tuple[CleanRow | None, list[RowProblem]]:
    """Check one row's values (in COLUMN_NAMES order, stripped) and return them cleaned."""
    reference, tenure, start, ward, estate, block, line_1, line_2, postcode, members = values
    tenure_type = _TENURE_TYPES.get(tenure.lower())
    start_date = _parse_date(start)
    real_postcode = _normalise_postcode(postcode)
    # The usual case, a good row, is told in one expression (files have tens of thousands);
    # a row it is not sure of gets every check, one by one.
    if not (
        tenure_type is not None
        and start_date is not None
        and real_postcode is not None
        and reference
        and ward
        and estate
        and block
        and line_1
        and len(reference) <= _REFERENCE_LIMIT
        and max(len(ward), len(estate), len(block), len(line_1), len(line_2)) <= _SHORTEST_OTHER_LIMIT
    ):
        problems = _problems(values, tenure_type, start_date, real_postcode)
        if problems:
            return None, problems
    household = _household(members) if members else "[]"
    row = CleanRow(
        reference.upper(), tenure_type, start_date, ward, estate, block, line_1, line_2, real_postcode, household
    )
    return row, []


def _problems(values: list[str], tenure_type, start_date, real_postcode) -> list[RowProblem]:
    """Everything wrong with a row that clean_row turned down, column by column."""
    problems = [RowProblem(name, "blank, but every row needs one") for index, name in _REQUIRED if not values[index]]
    problems += [
        RowProblem(name, f"longer than {limit} characters (it has {len(values[index])})")
        for index, name, limit in _LIMITED
        if len(values[index]) > limit
    ]
    _reference, tenure, start, *_others, postcode, _last = values
    if tenure and tenure_type is None:
        problems.append(RowProblem("tenure_type", f"{tenure!r} is not a tenure type ({_TENURE_HINT})"))
    if start and start_date is None:
        problems.append(RowProblem("start_date", f"{start!r} is not a date in the form YYYY-MM-DD or DD/MM/YYYY"))
    if postcode and real_postcode is None:
        problems.append(RowProblem("postcode", f"{postcode!r} is not a real postcode"))
    return problems


def _household(members: str) -> str:
    """The names as a JSON list, as json.dumps writes it, a little faster for the names being strings."""
    names = [name.strip() for name in members.split(";")]
    return "[" + ", ".join([_json_string(name) for name in names if name]) + "]"


_json_string = json.encoder.encode_basestring_ascii


_REQUIRED = [(index, name) for index, name in enumerate(COLUMN_NAMES) if name not in OPTIONAL_VALUES]
_LIMITED = [(index, name, MAX_LENGTHS[name]) for index, name in enumerate(COLUMN_NAMES) if name in MAX_LENGTHS]
_REFERENCE_LIMIT = MAX_LENGTHS["tenancy_reference"]
_SHORTEST_OTHER_LIMIT = min(limit for name, limit in MAX_LENGTHS.items() if name != "tenancy_reference")
_TENURE_HINT = "use one of " + ", ".join(str(label) for _value, label in TenureType.choices)


# Lists repeat postcodes and dates many times over; a bounded cache keeps memory flat.
@lru_cache(maxsize=4096)
def _normalise_postcode(value: str) -> str | None:
    try:
        return normalise_postcode(value)
    except ValidationError:
        return None


@lru_cache(maxsize=4096)
def _parse_date(value: str) -> date | None:
    if match := _ISO_DATE.match(value):
        year, month, day = match.groups()
    elif match := _UK_DATE.match(value):
        day, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
