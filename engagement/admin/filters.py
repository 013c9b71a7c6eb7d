"""List filters officers use everywhere: by estate, ward and tenure, however far away the tenancy is."""

from django.contrib import admin

from engagement.models import Estate, TenureType, Ward


def _path_filter(title: str, parameter: str, lookup: str, choices):
    class PathFilter(admin.SimpleListFilter):
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
    return _path_filter("estate", "estate", f"{path}estate_id", lambda: Estate.objects.values_list("id", "name"))


def ward_filter(path: str):
    return _path_filter("ward", "ward", f"{path}estate__ward_id", lambda: Ward.objects.values_list("id", "name"))


def tenure_filter(path: str):
    return _path_filter("tenure", "tenure", f"{path}tenure_type", lambda: TenureType.choices)
