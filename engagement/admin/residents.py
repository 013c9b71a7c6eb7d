from auditlog.mixins import AuditlogHistoryAdminMixin
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from engagement.admin.filters import estate_filter, tenure_filter, ward_filter
from engagement.admin.pagination import LargeListAdmin
from engagement.admin.resident_history import ResidentHistoryPage
from engagement.admin.resident_selection import ResidentSelectionActions
from engagement.models import (
    AccessNeed,
    Channel,
    Consent,
    ConsentChange,
    ConsentSource,
    EqualityMonitoring,
    Interest,
    OfficerNote,
    Purpose,
    Resident,
)
from engagement.phones import normalise_uk_mobile
from engagement.services.consent import consent_record
from engagement.services.erasure import resident_erase

# Ways an officer hears a resident's consent; the resident's own ways are recorded by the portal.
OFFICER_SOURCES = [
    (ConsentSource.PHONE.value, ConsentSource.PHONE.label),
    (ConsentSource.PAPER_FORM.value, ConsentSource.PAPER_FORM.label),
    (ConsentSource.IN_PERSON.value, ConsentSource.IN_PERSON.label),
    (ConsentSource.OFFICER.value, ConsentSource.OFFICER.label),
]


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ["channel", "purpose", "given", "changed_at", "source"]
    readonly_fields = fields
    can_delete = False
    verbose_name = "current contact consent"
    verbose_name_plural = "current contact consent (use “Record consent” above to change)"

    def has_add_permission(self, request, obj=None):
        return False


class ConsentChangeInline(admin.TabularInline):
    model = ConsentChange
    extra = 0
    fields = ["changed_at", "channel", "purpose", "given", "source", "recorded_by"]
    readonly_fields = fields
    can_delete = False
    classes = ["collapse"]
    verbose_name_plural = "consent history"

    def has_add_permission(self, request, obj=None):
        return False


class OfficerNoteInline(admin.StackedInline):
    model = OfficerNote
    extra = 0
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    verbose_name_plural = "officer notes (never shown to the resident)"


class EqualityMonitoringInline(admin.StackedInline):
    """Shown only to staff whose role has view_equalitymonitoring; Django checks that per inline."""

    model = EqualityMonitoring
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in EqualityMonitoring._meta.fields if f.name not in ("id", "resident")]
    classes = ["collapse"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ResidentAdminForm(forms.ModelForm):
    class Meta:
        model = Resident
        fields = "__all__"

    def clean_mobile(self):
        mobile = self.cleaned_data.get("mobile", "")
        return normalise_uk_mobile(mobile) if mobile else ""


class RecordConsentForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices, widget=forms.RadioSelect)
    purpose = forms.ChoiceField(choices=Purpose.choices, widget=forms.RadioSelect)
    given = forms.TypedChoiceField(
        label="The resident",
        choices=[("yes", "Agreed"), ("no", "Does not agree / withdrew")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    source = forms.ChoiceField(label="How they told us", choices=OFFICER_SOURCES, widget=forms.RadioSelect)
    given_on = forms.DateTimeField(
        label="When",
        help_text="When the resident told us (for a paper form, the date on the form).",
        initial=timezone.now,
    )


@admin.register(Resident)
class ResidentAdmin(
    LargeListAdmin, ResidentHistoryPage, ResidentSelectionActions, AuditlogHistoryAdminMixin, admin.ModelAdmin
):
    form = ResidentAdminForm
    list_display = ["full_name", "email", "mobile", "estate", "ward", "tenure", "verified", "has_account"]
    list_filter = [
        estate_filter("tenancy__home__block__"),
        ward_filter("tenancy__home__block__"),
        tenure_filter("tenancy__"),
        ("tenancy_verified_at", admin.EmptyFieldListFilter),
        ("closure_requested_at", admin.EmptyFieldListFilter),
        ("erased_at", admin.EmptyFieldListFilter),
        "interests",
        "access_needs",
        "is_vulnerable",
    ]
    list_select_related = ["tenancy__home__block__estate__ward", "user"]
    search_fields = [
        "first_name",
        "last_name",
        "email",
        "mobile",
        "tenancy__reference",
        "tenancy__home__postcode",
        "tenancy__home__address_line_1",
        "tenancy__home__block__name",
        "tenancy__home__block__estate__name",
    ]
    autocomplete_fields = ["tenancy"]
    readonly_fields = [
        "user",
        "tenancy_verified_at",
        "tenancy_verified_by",
        "closure_requested_at",
        "erased_at",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["access_needs", "interests"]
    fieldsets = [
        (
            "Name and contact",
            {"fields": ["first_name", "last_name", "email", "mobile", "preferred_language", "date_of_birth"]},
        ),
        (
            "Deliverability",
            {
                "fields": ["email_undeliverable", "mobile_undeliverable"],
                "description": "Set when messages fail. Fix the detail, then clear the flag.",
            },
        ),
        ("Tenancy", {"fields": ["tenancy", "tenancy_verified_at", "tenancy_verified_by"]}),
        ("Access needs", {"fields": ["access_needs", "interpreter_language", "access_needs_other"]}),
        ("Interests", {"fields": ["interests"]}),
        ("Officers only", {"fields": ["is_vulnerable"]}),
        ("Account", {"fields": ["user", "closure_requested_at", "erased_at", "created_at", "updated_at"]}),
    ]
    actions = ["send_message_to_selected", "export_selected", "erase_selected"]
    inlines = [ConsentInline, ConsentChangeInline, OfficerNoteInline, EqualityMonitoringInline]
    change_form_template = "admin/engagement/resident/change_form.html"

    @admin.display(ordering="last_name")
    def full_name(self, resident):
        return resident.full_name

    @admin.display(ordering="tenancy__home__block__estate__name")
    def estate(self, resident):
        return resident.tenancy.home.block.estate if resident.tenancy_id else "–"

    @admin.display(ordering="tenancy__home__block__estate__ward__name")
    def ward(self, resident):
        return resident.tenancy.home.block.estate.ward if resident.tenancy_id else "–"

    @admin.display(ordering="tenancy__tenure_type")
    def tenure(self, resident):
        return resident.tenancy.get_tenure_type_display() if resident.tenancy_id else "–"

    @admin.display(boolean=True, description="tenancy verified")
    def verified(self, resident):
        return resident.tenancy_verified_at is not None

    @admin.display(boolean=True, description="account")
    def has_account(self, resident):
        return resident.user_id is not None

    def has_delete_permission(self, request, obj=None):
        # Others' records depend on residents (bookings, answers, messages): they are erased instead.
        return False

    def has_erase_permission(self, request) -> bool:
        return request.user.has_perm("engagement.erase_resident")

    @admin.action(permissions=["erase"], description="Erase the selected residents and close their accounts")
    def erase_selected(self, request, queryset):
        """One action: personal data erased, counts kept, sign-in ended. Asks to be sure first."""
        residents = list(queryset.filter(erased_at__isnull=True))
        if request.POST.get("confirmed") == "yes":
            for resident in residents:
                resident_erase(resident, by=request.user)
            self.message_user(
                request,
                f"Erased {len(residents)} resident{'' if len(residents) == 1 else 's'}. Their sign-in has ended.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Erase these residents?",
            "residents": residents,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/engagement/resident/erase_confirmation.html", context)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("engagement.link_tenancy"):
            fields.append("tenancy")
        return fields

    def save_model(self, request, obj, form, change):
        if "tenancy" in form.changed_data:
            # An officer linking a tenancy by hand vouches for it.
            obj.tenancy_verified_at = timezone.now() if obj.tenancy_id else None
            obj.tenancy_verified_by = request.user if obj.tenancy_id else None
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for note in formset.save(commit=False):
            if isinstance(note, OfficerNote) and note.pk is None:
                note.author = request.user
            note.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()

    def auditlog_history_view(self, request, object_id, extra_context=None):
        """Every change to the resident with old and new values, who and when: for administrators."""
        if not request.user.has_perm("auditlog.view_logentry"):
            raise PermissionDenied
        return super().auditlog_history_view(request, object_id, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:resident_id>/record-consent/",
                self.admin_site.admin_view(self.record_consent_view),
                name="engagement_resident_record_consent",
            ),
            *self.timeline_urls(),
            *super().get_urls(),
        ]

    def record_consent_view(self, request, resident_id):
        resident = get_object_or_404(Resident, pk=resident_id)
        if not self.has_change_permission(request, resident):
            raise PermissionDenied
        form = RecordConsentForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            changed = consent_record(
                resident,
                channel=form.cleaned_data["channel"],
                purpose=form.cleaned_data["purpose"],
                given=form.cleaned_data["given"],
                source=form.cleaned_data["source"],
                recorded_by=request.user,
                at=form.cleaned_data["given_on"],
            )
            if changed:
                self.message_user(request, "Consent recorded.", messages.SUCCESS)
            else:
                self.message_user(
                    request, "Nothing changed: we already hold that answer or a later one.", messages.WARNING
                )
            return redirect(reverse("admin:engagement_resident_change", args=[resident.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Record contact consent for {resident.full_name}",
            "resident": resident,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/engagement/resident/record_consent.html", context)


@admin.register(AccessNeed)
class AccessNeedAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "position"]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "position"]
