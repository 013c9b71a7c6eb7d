"""Support given to TRAs and Tenant Fund grants, listed across all TRAs for reporting."""

from django.contrib import admin

from tenants_associations.models import SupportGiven, TenantFundGrant


class _Recorded(admin.ModelAdmin):
    readonly_fields = ["recorded_by"]
    autocomplete_fields = ["tra"]
    list_select_related = ["tra__ward"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SupportGiven)
class SupportGivenAdmin(_Recorded):
    list_display = ["given_on", "tra", "kind", "summary", "given_by"]
    list_filter = ["kind", "tra__ward"]
    search_fields = ["tra__name", "summary", "given_by"]
    date_hierarchy = "given_on"


@admin.register(TenantFundGrant)
class TenantFundGrantAdmin(_Recorded):
    list_display = ["applied_on", "tra", "amount", "purpose", "status", "paid_on"]
    list_filter = ["status", "tra__ward"]
    search_fields = ["tra__name", "purpose"]
    date_hierarchy = "applied_on"
