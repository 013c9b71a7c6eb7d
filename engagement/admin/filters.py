"""List filters officers use everywhere: by estate, ward and tenure, however far away the tenancy is."""

from datetime import date

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.html import escape
from django.utils.safestring import mark_safe

from engagement.models import Estate, TenureType, Ward


def kept_parameters(changelist, own: list[str]) -> list[tuple[str, str]]:
    """The list's other filters, search and sort, as hidden fields for a filter's own form to keep."""
    return [
        (name, value)
        for name, value in changelist.get_filters_params().items()
        if name not in own
        for value in (value if isinstance(value, list) else [value])
    ] + [(name, changelist.params[name]) for name in ("q", "o") if name in changelist.params]


class SelectListFilter(admin.SimpleListFilter):
    """A long list of choices (estates, events) as one drop-down and a button, rather than a link each.

    A link costs a query string each: on the bookings list, links to 300 estates and 800 events took
    longer to write than the rest of the page.
    """

    template = "admin/select_filter.html"

    def choices(self, changelist):
        chosen = self.value() or ""
        # Written with escape() alone rather than format_html: there can be hundreds of options.
        options = "".join(
            f'<option value="{escape(value)}"{" selected" if str(value) == chosen else ""}>{escape(label)}</option>'
            for value, label in self.lookup_choices
        )
        yield {
            "parameter": self.parameter_name,
            "options": mark_safe(options),  # every value and label is escaped above
            "keep": kept_parameters(changelist, [self.parameter_name]),
            "clear": changelist.get_query_string(remove=[self.parameter_name]),
            "active": bool(chosen),
        }


def _path_filter(title: str, parameter: str, lookup: str, choices, base=admin.SimpleListFilter):
    class PathFilter(base):
        def lookups(self, request, model_admin):
            return choices()

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{lookup: self.value()})
            return queryset

    PathFilter.title = title
    PathFilter.parameter_name = parameter
    return PathFilter


def estate_filter(path: str):
    return _path_filter(
        "estate", "estate", f"{path}estate_id", lambda: Estate.objects.values_list("id", "name"), SelectListFilter
    )


def ward_filter(path: str):
    return _path_filter("ward", "ward", f"{path}estate__ward_id", lambda: Ward.objects.values_list("id", "name"))


def tenure_filter(path: str):
    return _path_filter("tenure", "tenure", f"{path}tenure_type", lambda: TenureType.choices)


def date_range_filter(path: str, title: str, prefix: str):
    """A "from … to …" pair of dates (both inclusive, either optional) on a date-time field, in local dates.

    Officers ask for "this quarter" or "next month", which the year/month links cannot give.
    """

    class DateRangeFilter(admin.ListFilter):
        template = "admin/date_range_filter.html"

        def __init__(self, request, params, model, model_admin):
            super().__init__(request, params, model, model_admin)
            self.since_parameter, self.until_parameter = f"{prefix}_from", f"{prefix}_to"
            self.dates = {}
            for name in self.expected_parameters():
                if name in params:
                    value = params.pop(name)[-1]
                    self.used_parameters[name] = value
                    try:
                        self.dates[name] = date.fromisoformat(value) if value else None
                    except ValueError as error:
                        raise IncorrectLookupParameters(error) from error

        def has_output(self):
            return True

        def expected_parameters(self):
            return [self.since_parameter, self.until_parameter]

        def queryset(self, request, queryset):
            if since := self.dates.get(self.since_parameter):
                queryset = queryset.filter(**{f"{path}__date__gte": since})
            if until := self.dates.get(self.until_parameter):
                queryset = queryset.filter(**{f"{path}__date__lte": until})
            return queryset

        def choices(self, changelist):
            # One "choice": the form itself, keeping the list's other filters and search as hidden fields.
            yield {
                "since": (self.since_parameter, self.used_parameters.get(self.since_parameter, "")),
                "until": (self.until_parameter, self.used_parameters.get(self.until_parameter, "")),
                "keep": kept_parameters(changelist, self.expected_parameters()),
                "clear": changelist.get_query_string(remove=self.expected_parameters()),
                "active": any(self.dates.values()),
            }

    DateRangeFilter.title = title
    return DateRangeFilter
