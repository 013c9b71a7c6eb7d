"""What every export shares: rows streamed header first, the same rows to CSV or Excel,
and cells that cannot be mistaken for spreadsheet formulas."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import chain, islice
from tempfile import SpooledTemporaryFile

from django.http import FileResponse, StreamingHttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Excel opens a CSV as UTF-8 only when it starts with a byte-order mark; without it "Zoë" reads "ZoÃ«".
BYTE_ORDER_MARK = "\ufeff"
# Column widths are measured on the header and this many rows: enough to be right, without holding a year in memory.
ROWS_MEASURED = 500
WIDEST_COLUMN = 60

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(_FORMULA_STARTS)


def spreadsheet_safe(value):
    """Stop a cell being read as a formula (=HYPERLINK(…)) when the file is opened in a spreadsheet.

    A label marked for translation (a choice's label) is written as its text in the active language:
    openpyxl cannot write the lazy object and csv would write its repr."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv_cell(value):
    # Text first and without a function call: a year's export has millions of cells.
    if type(value) is str:
        return "'" + value if value[:1] in _FORMULA_FIRST else value
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return spreadsheet_safe(value)


def csv_chunks(rows: Iterable[Iterable], rows_per_chunk: int = 1000) -> Iterator[str]:
    """CSV text a thousand rows at a time: far fewer, larger writes than a line each when streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    waiting = 0
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
        waiting += 1
        if waiting == rows_per_chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            waiting = 0
    if waiting:
        yield buffer.getvalue()


def csv_response(rows: Iterable[Iterable], filename: str) -> StreamingHttpResponse:
    """Stream rows (header first) as a CSV download without holding them in memory."""
    response = StreamingHttpResponse(chain([BYTE_ORDER_MARK], csv_chunks(rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(sheets: dict[str, Iterable[Iterable]], filename: str) -> FileResponse:
    """Write each sheet's rows (header first) to an Excel file in write-only mode and send it.

    Each sheet opens ready to use: columns wide enough to read, the header in bold, frozen and with filters.
    """
    workbook = Workbook(write_only=True)
    for title, rows in sheets.items():
        _write_sheet(workbook.create_sheet(title=title[:31]), rows)
    # Spills to disk beyond 10 MB so a year's report does not sit in memory.
    buffer = SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    workbook.save(buffer)
    buffer.seek(0)
    return FileResponse(
        buffer,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _write_sheet(sheet, rows: Iterable[Iterable]) -> None:
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        return
    header = list(header)
    measured = [list(row) for row in islice(rows, ROWS_MEASURED)]
    widths = [len(str(name)) for name in header]
    for row in measured:
        for column, value in enumerate(row[: len(widths)]):
            widths[column] = max(widths[column], len(str(_csv_cell(value))))
    # Set before the first row: write-only sheets write widths and the frozen pane ahead of the rows.
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 4) + 2, WIDEST_COLUMN)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=spreadsheet_safe(name))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    last_row = 1
    for row in chain(measured, rows):
        sheet.append([spreadsheet_safe(value) for value in row])
        last_row += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{last_row}"
