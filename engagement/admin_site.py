"""The admin site every app registers with: Django's, with lists that cannot be broken from the address bar.

Installed in place of `django.contrib.admin` (see INSTALLED_APPS), so `admin.site` and
`@admin.register` are this site, and every list gets the guard below without each app
remembering it.
"""

from functools import cache

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.autocomplete import AutocompleteJsonView


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


class _ResidentPickers:
    """Every resident field is a search box whose choices say estate, address and tenancy reference.

    Names alone let an officer pick the wrong one of two residents who share a name.
    """

    def get_autocomplete_fields(self, request):
        from engagement.admin.resident_picker import resident_fields

        fields = list(super().get_autocomplete_fields(request))
        return fields + [name for name in resident_fields(self.model) if name not in fields + list(self.raw_id_fields)]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from engagement.admin.resident_picker import ResidentChoiceField, residents_to_pick
        from engagement.models import Resident

        if db_field.related_model is Resident:
            kwargs.setdefault("form_class", ResidentChoiceField)
            kwargs.setdefault("queryset", residents_to_pick())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@cache
def _inline_with_resident_pickers(inline_class):
    return type(inline_class.__name__, (_ResidentPickers, inline_class), {"__module__": inline_class.__module__})


class _ResidentPickersInInlines:
    def get_inlines(self, request, obj):
        return [_inline_with_resident_pickers(inline) for inline in super().get_inlines(request, obj)]


class _ResidentAutocomplete(AutocompleteJsonView):
    """The resident search answers with the same label as the pickers, read in one query."""

    def get_queryset(self):
        from engagement.admin.resident_picker import LABEL_RELATED
        from engagement.models import Resident

        queryset = super().get_queryset()
        if queryset.model is Resident:
            queryset = queryset.select_related(LABEL_RELATED)
        return queryset

    def serialize_result(self, obj, to_field_name):
        from engagement.admin.resident_picker import resident_label
        from engagement.models import Resident

        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Resident):
            result["text"] = resident_label(obj)
        return result


class ResidentVoiceAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        guarded = type(
            admin_class.__name__,
            (_SafeDates, _ResidentPickersInInlines, _ResidentPickers, admin_class),
            {"__module__": admin_class.__module__},
        )
        super().register(model_or_iterable, guarded, **options)

    def autocomplete_view(self, request):
        return _ResidentAutocomplete.as_view(admin_site=self)(request)


class ResidentVoiceAdminConfig(AdminConfig):
    default_site = "engagement.admin_site.ResidentVoiceAdminSite"
