"""TRAs in admin: coverage, recognition, committee, support, and which are due an AGM or review."""

from django import forms
from django.contrib import admin
from django.db.models import Count, Q, Value
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from engagement.models import Estate
from tenants_associations.models import (
    CommitteeRole,
    SupportGiven,
    TenantFundGrant,
    TenantsAssociation,
    TRADocument,
    TRAMeeting,
    TRASettings,
)
from tenants_associations.models.associations import Due
from tenants_associations.services.membership import membership_ensure


class EstateCoveredFilter(admin.SimpleListFilter):
    title = "estate"
    parameter_name = "estate"

    def lookups(self, request, model_admin):
        return Estate.objects.values_list("id", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(Q(estates=self.value()) | Q(blocks__estate=self.value())).distinct()
        return queryset


class ReviewsDueFilter(admin.SimpleListFilter):
    title = "due"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("agm", "AGM due or overdue"), ("recognition", "Recognition review due or overdue")]

    def queryset(self, request, queryset):
        tra_settings = TRASettings.current()
        today = timezone.localdate()
        if self.value() == "agm":
            return queryset.agm_due(today=today, notice_days=tra_settings.agm_notice_days)
        if self.value() == "recognition":
            return queryset.recognition_review_due(
                today=today,
                notice_days=tra_settings.agm_notice_days,
                review_months=tra_settings.recognition_review_months,
            )
        return queryset


class CommitteeRoleInline(admin.TabularInline):
    model = CommitteeRole
    extra = 0
    fields = ["resident", "role", "title", "term_starts_on", "term_ends_on"]
    autocomplete_fields = ["resident"]
    verbose_name_plural = "committee (people added here become members)"


class TRAMeetingInline(admin.TabularInline):
    model = TRAMeeting
    fk_name = "tra"
    extra = 0
    fields = ["kind", "starts_at", "place", "notes", "cancelled_at"]
    verbose_name_plural = "meetings"


class TRADocumentInline(admin.TabularInline):
    model = TRADocument
    extra = 0
    fields = ["title", "kind", "visibility", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


class SupportGivenInline(admin.TabularInline):
    model = SupportGiven
    extra = 0
    fields = ["kind", "given_on", "summary", "given_by"]


class TenantFundGrantInline(admin.TabularInline):
    model = TenantFundGrant
    extra = 0
    fields = ["amount", "purpose", "status", "applied_on", "decided_on", "paid_on"]


class TenantsAssociationForm(forms.ModelForm):
    class Meta:
        model = TenantsAssociation
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("estates") and not cleaned.get("blocks"):
            raise forms.ValidationError("Choose the estates (or blocks) the TRA covers.")
        return cleaned


_DUE_WORDS = {Due.DUE: "Due", Due.OVERDUE: "Overdue", Due.NO_DATE: "No date set", Due.NOT_DUE: ""}


@admin.register(TenantsAssociation)
class TenantsAssociationAdmin(admin.ModelAdmin):
    form = TenantsAssociationForm
    list_display = ["name", "ward", "status", "recognised_on", "agm", "recognition_review", "members"]
    list_filter = ["status", ReviewsDueFilter, "ward", EstateCoveredFilter]
    list_select_related = ["ward"]
    search_fields = ["name", "estates__name", "blocks__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["ward", "estates", "blocks"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "about"]}),
        ("Where", {"fields": ["ward", "estates", "blocks"]}),
        ("Recognition", {"fields": ["status", "recognised_on", "next_agm_on"]}),
    ]
    inlines = [CommitteeRoleInline, TRAMeetingInline, TRADocumentInline, SupportGivenInline, TenantFundGrantInline]

    def get_queryset(self, request):
        # The settings ride along on each row, so the due columns need no query per row.
        tra_settings = TRASettings.current()
        return (
            super()
            .get_queryset(request)
            .annotate(
                number_of_members=Count("memberships", filter=Q(memberships__status="member")),
                agm_notice_days=Value(tra_settings.agm_notice_days),
                review_months=Value(tra_settings.recognition_review_months),
            )
        )

    def _reviews(self, tra):
        return tra.reviews(today=timezone.localdate(), notice_days=tra.agm_notice_days, review_months=tra.review_months)

    @admin.display(description="next AGM", ordering="next_agm_on")
    def agm(self, tra):
        reviews = self._reviews(tra)
        when = f"{reviews.agm_date:%d %b %Y}" if reviews.agm_date else ""
        return " – ".join(part for part in (when, _DUE_WORDS[reviews.agm]) if part) or "–"

    @admin.display(description="recognition review")
    def recognition_review(self, tra):
        reviews = self._reviews(tra)
        when = f"{reviews.recognition_date:%d %b %Y}" if reviews.recognition_date else ""
        return " – ".join(part for part in (when, _DUE_WORDS[reviews.recognition]) if part) or "–"

    @admin.display(description="members", ordering="number_of_members")
    def members(self, tra):
        return tra.number_of_members

    def save_formset(self, request, form, formset, change):
        saved = formset.save(commit=False)
        for obj in saved:
            if isinstance(obj, (CommitteeRole, SupportGiven, TenantFundGrant)) and obj.recorded_by_id is None:
                obj.recorded_by = request.user
            if isinstance(obj, TRADocument) and obj.uploaded_by_id is None:
                obj.uploaded_by = request.user
            if isinstance(obj, TRAMeeting) and obj.created_by_id is None:
                obj.created_by = request.user
            if isinstance(obj, CommitteeRole):
                # A committee member is a member.
                membership_ensure(tra=form.instance, resident=obj.resident, decided_by=request.user)
            obj.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()


@admin.register(CommitteeRole)
class CommitteeRoleAdmin(admin.ModelAdmin):
    list_display = ["resident", "role", "title", "tra", "term_starts_on", "term_ends_on"]
    list_filter = ["role", "tra__ward"]
    list_select_related = ["resident", "tra"]
    search_fields = ["resident__first_name", "resident__last_name", "tra__name"]
    autocomplete_fields = ["resident", "tra"]
    readonly_fields = ["recorded_by"]

    def save_model(self, request, obj, form, change):
        if obj.recorded_by_id is None:
            obj.recorded_by = request.user
        membership_ensure(tra=obj.tra, resident=obj.resident, decided_by=request.user)
        super().save_model(request, obj, form, change)


@admin.register(TRAMeeting)
class TRAMeetingAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "kind", "tra", "estate", "place", "cancelled_at"]
    list_filter = ["kind", ("cancelled_at", admin.EmptyFieldListFilter), "tra__ward"]
    list_select_related = ["tra", "estate"]
    search_fields = ["tra__name", "estate__name", "place"]
    autocomplete_fields = ["tra", "estate"]
    date_hierarchy = "starts_at"
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TRADocument)
class TRADocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "tra", "kind", "visibility", "uploaded_at"]
    list_filter = ["kind", "visibility"]
    list_select_related = ["tra"]
    search_fields = ["title", "tra__name"]
    autocomplete_fields = ["tra"]
    readonly_fields = ["original_name", "uploaded_by", "uploaded_at"]

    def save_model(self, request, obj, form, change):
        if obj.uploaded_by_id is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TRASettings)
class TRASettingsAdmin(admin.ModelAdmin):
    """One row of settings: the list goes straight to it."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect(reverse("admin:tenants_associations_trasettings_change", args=[TRASettings.current().pk]))
