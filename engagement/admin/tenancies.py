from django.contrib import admin

from engagement.admin.filters import estate_filter, ward_filter
from engagement.models import Tenancy, TenancyImport, TenancyVerificationAttempt


@admin.register(Tenancy)
class TenancyAdmin(admin.ModelAdmin):
    list_display = ["reference", "home", "estate", "tenure_type", "start_date"]
    list_filter = ["tenure_type", estate_filter("home__block__"), ward_filter("home__block__")]
    list_select_related = ["home__block__estate"]
    search_fields = ["reference", "home__address_line_1", "home__postcode"]
    autocomplete_fields = ["home"]
    date_hierarchy = "start_date"

    @admin.display(ordering="home__block__estate__name")
    def estate(self, tenancy):
        return tenancy.home.block.estate


@admin.register(TenancyImport)
class TenancyImportAdmin(admin.ModelAdmin):
    list_display = ["original_name", "uploaded_at", "uploaded_by", "status", "rows", "created", "updated", "unchanged"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    readonly_fields = [f.name for f in TenancyImport._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TenancyVerificationAttempt)
class TenancyVerificationAttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "reference_tried", "postcode_tried", "succeeded", "attempted_at"]
    list_filter = ["succeeded"]
    list_select_related = ["user"]
    search_fields = ["user__email", "reference_tried"]
    readonly_fields = ["user", "reference_tried", "postcode_tried", "succeeded", "attempted_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
