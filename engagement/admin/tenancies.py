from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from engagement.admin.filters import estate_filter, ward_filter
from engagement.dates import date_text
from engagement.models import Tenancy, TenancyClaim, TenancyImport, TenancyVerificationAttempt
from engagement.protected_files import protected_file_response
from engagement.services.residents import tenancy_claim_decide
from engagement.services.tenancy_import import tenancy_import_confirm, tenancy_import_run
from engagement.tenancy_csv import COLUMNS


@admin.register(Tenancy)
class TenancyAdmin(admin.ModelAdmin):
    list_display = ["reference", "home", "estate", "tenure_type", "start_date"]
    list_filter = ["tenure_type", estate_filter("home__block__"), ward_filter("home__block__")]
    list_select_related = ["home__block__estate"]
    search_fields = ["reference", "home__address_line_1", "home__postcode"]
    autocomplete_fields = ["home"]
    date_hierarchy = "start_date"
    change_list_template = "admin/engagement/tenancy/change_list.html"

    @admin.display(ordering="home__block__estate__name")
    def estate(self, tenancy):
        return tenancy.home.block.estate


class TenancyFileForm(forms.Form):
    file = forms.FileField(label="Tenancy list (CSV)")


@admin.register(TenancyImport)
class TenancyImportAdmin(admin.ModelAdmin):
    """Adding an import is uploading a file: it is checked, previewed, then confirmed."""

    list_display = ["original_name", "uploaded_at", "uploaded_by", "status", "rows", "created", "updated", "unchanged"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    readonly_fields = [
        "uploaded_file" if f.name == "file" else f.name for f in TenancyImport._meta.fields if f.name != "errors"
    ] + ["error_list"]

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="file")
    def uploaded_file(self, record):
        if record.file:
            return format_html('<a href="{}">{}</a>', record.file.url, record.original_name)
        if record.file_deleted_at:
            return f"Deleted on {date_text(record.file_deleted_at)}, after its retention period"
        return "–"

    @admin.display(description="errors")
    def error_list(self, record):
        more = [(f"and {record.errors_not_listed:,} more",)] if record.errors_not_listed else []
        return format_html_join("", "<div>{}</div>", [(error,) for error in record.errors] + more)

    def get_urls(self):
        return [
            path(
                "<int:import_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="engagement_tenancyimport_preview",
            ),
            path(
                "<int:import_id>/file/",
                self.admin_site.admin_view(self.file_view),
                name="engagement_tenancyimport_file",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = TenancyFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            record = tenancy_import_run(form.cleaned_data["file"], apply=False, uploaded_by=request.user)
            return redirect("admin:engagement_tenancyimport_preview", record.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import tenancies",
            "form": form,
            "columns": COLUMNS,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/engagement/tenancyimport/upload.html", context)

    def file_view(self, request, import_id):
        """The uploaded list holds household names: only those who may import tenancies see it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        record = get_object_or_404(TenancyImport, pk=import_id)
        return protected_file_response(record.file, filename=record.original_name)

    def preview_view(self, request, import_id):
        """What the checked file would change, or why it cannot be imported; POST applies it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        record = get_object_or_404(TenancyImport, pk=import_id)
        if request.method == "POST":
            record = tenancy_import_confirm(record)
            if record.status == TenancyImport.Status.APPLIED:
                self.message_user(request, f"Tenancies imported. {record.summary()}", messages.SUCCESS)
                return redirect("admin:engagement_tenancy_changelist")
            if not record.file:
                self.message_user(
                    request,
                    "Nothing was imported: the uploaded file has been deleted after its retention period. "
                    "Upload it again.",
                    messages.ERROR,
                )
                return redirect("admin:engagement_tenancyimport_add")
            self.message_user(request, "Nothing was imported: the file no longer passes its checks.", messages.ERROR)
            return redirect("admin:engagement_tenancyimport_preview", record.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import tenancies: {record.original_name}",
            "record": record,
            "upload_url": reverse("admin:engagement_tenancyimport_add"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/engagement/tenancyimport/preview.html", context)


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


def _decide(modeladmin, request, queryset, *, link: bool, done: str):
    if not request.user.has_perm("engagement.link_tenancy"):
        modeladmin.message_user(request, "Only staff who can link tenancies can decide claims.", messages.ERROR)
        return
    decided = sum(tenancy_claim_decide(claim, link=link, officer=request.user) for claim in queryset)
    modeladmin.message_user(request, done.format(count=decided, s="" if decided == 1 else "s"), messages.SUCCESS)


@admin.register(TenancyClaim)
class TenancyClaimAdmin(admin.ModelAdmin):
    """Second accounts asking for a tenancy another account holds. Check who they are before linking."""

    list_display = ["resident", "tenancy", "home", "claimed_at", "status", "held_by"]
    list_filter = ["status"]
    list_select_related = ["resident", "tenancy__home"]
    search_fields = ["tenancy__reference", "resident__first_name", "resident__last_name", "resident__email"]
    readonly_fields = ["resident", "tenancy", "home", "household_members", "held_by", "claimed_at", "status"]
    readonly_fields += ["decided_by", "decided_at"]
    fields = readonly_fields
    actions = ["link_tenancies", "refuse_claims"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tenancy__residents")

    @admin.display(description="home")
    def home(self, claim):
        return claim.tenancy.home

    @admin.display(description="household members (housing system)")
    def household_members(self, claim):
        return ", ".join(claim.tenancy.household_members) or "–"

    @admin.display(description="already linked to")
    def held_by(self, claim):
        holders = [r.full_name for r in claim.tenancy.residents.all() if r.tenancy_verified_at and r != claim.resident]
        return ", ".join(holders) or "–"

    @admin.action(description="Link the tenancy to the claiming account, and tell them", permissions=["change"])
    def link_tenancies(self, request, queryset):
        _decide(self, request, queryset, link=True, done="{count} claim{s} linked; the residents have been told.")

    @admin.action(description="Refuse the selected claims, and tell the residents", permissions=["change"])
    def refuse_claims(self, request, queryset):
        _decide(self, request, queryset, link=False, done="{count} claim{s} refused; the residents have been told.")
