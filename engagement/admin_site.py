"""The admin site every app registers with: Django's, with lists that cannot be broken from the address bar.

Installed in place of `django.contrib.admin` (see INSTALLED_APPS), so `admin.site` and
`@admin.register` are this site, and every list gets the guard below without each app
remembering it.
"""

from functools import cache

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters


@cache
def _with_safe_dates(changelist_class):
    class SafeDatesChangeList(changelist_class):
        def get_filters(self, request):
            # Django checks a date filter's year and month but not their bounds: a year link for
            # an event saved in 9999, or a year too big for a date, raised a 500. Refuse it as
            # Django does any other bad filter (the list is shown again, unfiltered).
            try:
                return super().get_filters(request)
            except (ValueError, OverflowError) as error:
                raise IncorrectLookupParameters(error) from error

    return SafeDatesChangeList


class _SafeDates:
    def get_changelist(self, request, **kwargs):
        return _with_safe_dates(super().get_changelist(request, **kwargs))


class ResidentVoiceAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        guarded = type(admin_class.__name__, (_SafeDates, admin_class), {"__module__": admin_class.__module__})
        super().register(model_or_iterable, guarded, **options)


class ResidentVoiceAdminConfig(AdminConfig):
    default_site = "engagement.admin_site.ResidentVoiceAdminSite"
