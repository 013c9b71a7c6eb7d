from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from engagement.admin.actions import ChangePageActions, date_input, form_action
from engagement.admin.filters import estate_filter, tenure_filter, ward_filter
from engagement.dates import date_text
from events.services.training import training_completed
from panels.models import Membership, PanelApplication, TrainingRecord
from panels.services import PanelError
from panels.services.applications import application_accept, application_decline, application_shortlist

MESSAGE_HELP = "Sent to the resident with the decision, and shown in their account."


class ShortlistForm(forms.Form):
    message = forms.CharField(
        label="Message to the resident (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MESSAGE_HELP + " For example, the date of an informal chat.",
    )


class AcceptForm(forms.Form):
    role = forms.ChoiceField(
        choices=[choice for choice in Membership.Role.choices if choice[0] != Membership.Role.STAFF_MEMBER]
    )
    starts_on = forms.DateField(label="Member from", initial=timezone.localdate, widget=date_input())
    term_ends_on = forms.DateField(
        label="Term ends on",
        required=False,
        widget=date_input(),
        help_text="Leave empty for a task and finish panel that ends when its task does.",
    )
    message = forms.CharField(
        label="Message to the resident (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MESSAGE_HELP + " For example, the date of the first meeting.",
    )


class DeclineForm(forms.Form):
    message = forms.CharField(
        label="Message to the resident",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MESSAGE_HELP + " Say why, kindly, and what else they might join.",
    )


shortlist = form_action(
    name="shortlist",
    description="Shortlist the selected applications",
    form_class=ShortlistForm,
    run=lambda application, data, user: application_shortlist(
        application=application, message=data["message"], decided_by=user
    ),
    refused=PanelError,
    done="{count} application(s) shortlisted; the residents have been told.",
    button="Shortlist and tell the residents",
)

accept = form_action(
    name="accept",
    description="Accept the selected applications",
    form_class=AcceptForm,
    run=lambda application, data, user: application_accept(
        application=application,
        role=data["role"],
        starts_on=data["starts_on"],
        term_ends_on=data["term_ends_on"],
        message=data["message"],
        decided_by=user,
    ),
    refused=PanelError,
    done="{count} application(s) accepted; the residents are now members and have been told.",
    intro="Each resident becomes a member of the panel with this role and term.",
    button="Accept and tell the residents",
)

decline = form_action(
    name="decline",
    description="Decline the selected applications",
    form_class=DeclineForm,
    run=lambda application, data, user: application_decline(
        application=application, message=data["message"], decided_by=user
    ),
    refused=PanelError,
    done="{count} application(s) declined; the residents have been told.",
    button="Decline and tell the residents",
)


class TrainingRecordInline(admin.TabularInline):
    model = TrainingRecord
    extra = 0
    fields = ["course", "given_on", "given_by", "notes", "recorded_by"]
    readonly_fields = ["recorded_by"]
    verbose_name_plural = "training given"


@admin.register(PanelApplication)
class PanelApplicationAdmin(ChangePageActions, admin.ModelAdmin):
    list_display = ["resident_name", "panel", "seat", "status", "submitted_at", "wants_training", "estate", "tenure"]
    list_filter = [
        "panel",
        "status",
        "seat",
        "wants_training",
        estate_filter("resident__tenancy__home__block__"),
        ward_filter("resident__tenancy__home__block__"),
        tenure_filter("resident__tenancy__"),
    ]
    list_select_related = ["panel", "resident__tenancy__home__block__estate__ward"]
    search_fields = ["resident__first_name", "resident__last_name", "resident__email", "panel__name"]
    date_hierarchy = "submitted_at"
    actions = [shortlist, accept, decline]
    change_actions = {"shortlist": "Shortlist", "accept": "Accept", "decline": "Decline"}
    inlines = [TrainingRecordInline]
    fieldsets = [
        (None, {"fields": ["panel", "resident", "seat", "status", "submitted_at"]}),
        ("Their answers", {"fields": ["why_join", "experience", "availability", "access_needs", "wants_training"]}),
        ("Training programme", {"fields": ["training_completed"]}),
        ("Decision", {"fields": ["decided_at", "decided_by", "decision_message", "withdrawn_at"]}),
    ]
    # The resident's words and the decision are a record: officers act through the actions above.
    readonly_fields = [
        "panel",
        "resident",
        "seat",
        "status",
        "submitted_at",
        "why_join",
        "experience",
        "availability",
        "access_needs",
        "wants_training",
        "decided_at",
        "decided_by",
        "decision_message",
        "withdrawn_at",
        "training_completed",
    ]

    def get_queryset(self, request):
        # A draft is the resident's own unfinished work, not yet sent to anyone.
        return super().get_queryset(request).exclude(status=PanelApplication.Status.DRAFT)

    def has_add_permission(self, request):
        return False

    def change_actions_for(self, request, obj):
        if obj.status == PanelApplication.Status.SUBMITTED:
            return ["shortlist", "accept", "decline"]
        if obj.status == PanelApplication.Status.SHORTLISTED:
            return ["accept", "decline"]
        return []  # decided or withdrawn

    @admin.display(description="courses completed")
    def training_completed(self, application):
        """What the applicant completed on the residents' training programme, beside the training given below."""
        courses = [
            f"{booking.event.title} ({booking.event.get_training_topic_display()}), {date_text(booking.event.starts_at)}"
            for booking in training_completed(application.resident_id)
        ]
        if not courses:
            return "None yet"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((course,) for course in courses)))

    @admin.display(description="resident", ordering="resident__last_name")
    def resident_name(self, application):
        return application.resident.full_name

    @admin.display(ordering="resident__tenancy__home__block__estate__name")
    def estate(self, application):
        tenancy = application.resident.tenancy
        return tenancy.home.block.estate if tenancy else "–"

    @admin.display(ordering="resident__tenancy__tenure_type")
    def tenure(self, application):
        tenancy = application.resident.tenancy
        return tenancy.get_tenure_type_display() if tenancy else "–"

    def save_formset(self, request, form, formset, change):
        for record in formset.save(commit=False):
            if record.pk is None:
                record.recorded_by = request.user
            record.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
