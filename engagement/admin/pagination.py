"""Admin lists over tables of a million rows: no full count on every view."""

import json

from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

# Up to this many rows a list counts them exactly; beyond, PostgreSQL's estimate is near enough to
# number the pages, and costs nothing however many rows there are.
EXACT_COUNT_UP_TO = 10_000


class LargeTablePaginator(Paginator):
    """Counts a list exactly while it is short, and takes the database's estimate when it is long.

    A list of residents, bookings or events is seldom read past its first pages: counting a million
    rows on every view (the admin's default) made these lists take seconds.
    """

    @cached_property
    def count(self) -> int:
        queryset = self.object_list.order_by()
        counted = queryset[: EXACT_COUNT_UP_TO + 1].count()
        if counted <= EXACT_COUNT_UP_TO:
            return counted
        return max(_estimated_rows(queryset), counted)


def _estimated_rows(queryset) -> int:
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return queryset.count()
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class LargeListAdmin:
    """For a ModelAdmin whose list runs to a million rows: estimated counts, 50 rows a page, quick rows."""

    paginator = LargeTablePaginator
    show_full_result_count = False
    # Each row is several columns of links and dates to write: 50 rows a page keep the list quick to open.
    list_per_page = 50

    def action_checkbox(self, obj):
        """The box Django draws to select a row, written directly: through the form renderer it took longer
        than the rest of the row."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )
