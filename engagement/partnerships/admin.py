"""Partnerships in admin: partners with their contacts, contracts with their social value commitments,
what was delivered against each, the list of commitments due and overdue, and its export."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone

from engagement.admin.actions import WEB_ADDRESSES, date_input
from engagement.admin.inlines import LabelledTabularInline
from engagement.exports import csv_response, xlsx_response
from engagement.partnerships.models import (
    Commitment,
    CommitmentStatus,
    Contract,
    Delivery,
    FundedProject,
    Partner,
    PartnerContact,
    PartnerFunding,
    ResidentGroup,
)
from engagement.partnerships.services import commitment_rows, delivery_rows, social_value_totals
from engagement.partnerships.templatetags.pounds import pounds

# Dates as the browser's own date picker: one labelled box each.
DATES = {models.DateField: {"widget": date_input()}}


class PartnerContactInline(LabelledTabularInline):
    model = PartnerContact
    fields = ["name", "role", "email", "phone"]
    extra = 0
    verbose_name_plural = "contacts (officers only: never shown on the site)"


class ContractInline(LabelledTabularInline):
    """The partner's contracts, to read: each is changed on its own page, with its commitments."""

    model = Contract
    fields = ["title", "reference", "starts_on", "ends_on"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "started_on", "ended_on", "listed"]
    list_filter = ["kind", "listed", "follows_hact_roadmap"]
    search_fields = ["name", "contacts__name"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {**DATES, **WEB_ADDRESSES}
    fields = ["name", "slug", "kind", "about", "website", "started_on", "ended_on", "listed", "follows_hact_roadmap"]
    inlines = [PartnerContactInline, ContractInline]


class CommitmentInline(LabelledTabularInline):
    model = Commitment
    fields = ["theme", "what", "quantity", "unit", "value", "due_on", "progress"]
    readonly_fields = ["progress"]
    extra = 0
    show_change_link = True
    formfield_overrides = DATES
    verbose_name_plural = "social value commitments (record what was delivered on each commitment's own page)"

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    @admin.display(description="delivered so far")
    def progress(self, commitment):
        if commitment.pk is None:
            return "-"
        status = CommitmentStatus(commitment.status).label
        return f"{commitment.delivered_quantity.normalize():f} of {commitment.quantity.normalize():f}: {status}"


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "reference", "starts_on", "ends_on"]
    list_select_related = ["partner"]
    list_filter = ["partner__kind", "partner"]
    search_fields = ["title", "reference", "partner__name"]
    autocomplete_fields = ["partner"]
    filter_horizontal = ["estates"]
    formfield_overrides = DATES
    fields = ["partner", "title", "reference", "starts_on", "ends_on", "contract_value", "estates", "social_value"]
    readonly_fields = ["social_value"]
    inlines = [CommitmentInline]

    @admin.display(description="social value")
    def social_value(self, contract):
        if contract.pk is None:
            return "-"
        totals = social_value_totals(contract)
        return f"{pounds(totals.committed)} committed, {pounds(totals.delivered)} delivered so far"


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("due", "Due soon or overdue"), *CommitmentStatus.choices]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(status__in=[CommitmentStatus.DUE_SOON, CommitmentStatus.OVERDUE])
        if self.value() in CommitmentStatus.values:
            return queryset.filter(status=self.value())
        return queryset


class DeliveryInline(LabelledTabularInline):
    model = Delivery
    fields = ["delivered_on", "quantity", "value", "evidence", "recorded_by"]
    readonly_fields = ["recorded_by"]
    extra = 1
    formfield_overrides = {
        **DATES,
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by")


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["contract", "theme", "what", "quantity", "unit", "value", "due_on"]
        widgets = {"due_on": date_input()}


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    """Every commitment, soonest due first; the "Due soon or overdue" filter is the list officers chase."""

    form = CommitmentForm
    list_display = ["what", "partner", "contract_title", "due_on", "amount", "value_pounds", "delivered", "status"]
    list_select_related = ["contract__partner"]
    list_filter = [StatusFilter, "theme", "contract__partner"]
    search_fields = ["what", "contract__title", "contract__partner__name"]
    ordering = ["due_on", "pk"]
    autocomplete_fields = ["contract"]
    date_hierarchy = "due_on"
    readonly_fields = ["status_now"]
    fields = ["contract", "theme", "what", "quantity", "unit", "value", "due_on", "status_now"]
    inlines = [DeliveryInline]
    actions = ["export_csv", "export_xlsx"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    def save_formset(self, request, form, formset, change):
        for delivery in formset.save(commit=False):
            # Whoever adds a row recorded it; a later save never claims a row someone else added.
            if delivery.pk is None:
                delivery.recorded_by = request.user
            delivery.save()
        for deleted in formset.deleted_objects:
            deleted.delete()

    @admin.display(description="partner", ordering="contract__partner__name")
    def partner(self, commitment):
        return commitment.contract.partner

    @admin.display(description="contract", ordering="contract__title")
    def contract_title(self, commitment):
        return commitment.contract.title

    @admin.display(description="how much")
    def amount(self, commitment):
        return f"{commitment.quantity.normalize():f} {commitment.unit}"

    @admin.display(description="social value", ordering="value")
    def value_pounds(self, commitment):
        return pounds(commitment.value)

    @admin.display(description="delivered so far", ordering="delivered_quantity")
    def delivered(self, commitment):
        return f"{commitment.delivered_quantity.normalize():f} ({pounds(commitment.delivered_value)})"

    @admin.display(description="status")
    def status(self, commitment):
        return CommitmentStatus(commitment.status).label

    @admin.display(description="status today")
    def status_now(self, commitment):
        if commitment.pk is None:
            return "-"
        return f"{self.status(commitment)}: {self.delivered(commitment)} delivered"

    @admin.action(description="Export the selected commitments (CSV)", permissions=["view"])
    def export_csv(self, request, queryset):
        return csv_response(commitment_rows(queryset), f"social-value-commitments-{timezone.localdate()}.csv")

    @admin.action(description="Export the selected commitments with what was delivered (Excel)", permissions=["view"])
    def export_xlsx(self, request, queryset):
        return xlsx_response(
            {"Commitments": commitment_rows(queryset), "Deliveries": delivery_rows(queryset)},
            f"social-value-commitments-{timezone.localdate()}.xlsx",
        )


class PartnerFundingInline(LabelledTabularInline):
    model = PartnerFunding
    fields = ["partner", "amount", "commitment", "agreed_on"]
    autocomplete_fields = ["partner", "commitment"]
    extra = 1
    formfield_overrides = DATES


@admin.register(FundedProject)
class FundedProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "listed", "funders"]
    list_filter = ["listed", "partners"]
    search_fields = ["name"]
    filter_horizontal = ["estates"]
    formfield_overrides = DATES
    fields = ["name", "about", "estates", "starts_on", "ends_on", "listed"]
    inlines = [PartnerFundingInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("partners")

    @admin.display(description="funded by")
    def funders(self, project):
        return ", ".join(partner.name for partner in project.partners.all())


@admin.register(ResidentGroup)
class ResidentGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "tenants_association", "listed"]
    list_select_related = ["tenants_association"]
    list_filter = ["kind", "listed"]
    search_fields = ["name"]
    autocomplete_fields = ["tenants_association"]
    filter_horizontal = ["estates"]
    fields = ["name", "kind", "tenants_association", "estates", "about", "listed"]
