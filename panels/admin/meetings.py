from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from engagement.admin.actions import ChangePageActions, for_each_row, form_action
from engagement.dates import time_on_date_text
from events.admin.forms import MeetingEventForm
from events.models import Event
from events.rules import meeting_deletion
from panels.models import ActionLogItem, MeetingDocument, PanelMeeting
from panels.services import PanelError
from panels.services.meetings import (
    MeetingDetails,
    panel_meeting_cancel,
    panel_meeting_change,
    panel_meeting_delete,
    panel_meeting_schedule,
)
from panels.services.records import meeting_minutes_approve

# The form fields that are the meeting's event: changing any goes through the service.
EVENT_FIELDS = ["starts_at", "ends_at", "format", "venue", "joining_link", "publish"]


class PanelMeetingForm(MeetingEventForm):
    """The meeting and its event's when and where, edited together; the event is saved by the service."""

    event_kind = Event.Kind.PANEL_MEETING
    publish = forms.BooleanField(
        required=False,
        initial=True,
        label="Published",
        help_text="The panel's current members are sent their invitation when the meeting is published.",
    )

    class Meta:
        model = PanelMeeting
        fields = ["panel", "agenda", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance.event if self.instance.pk else None
        if event is None:
            return
        self.show_event(event, editable=EVENT_FIELDS)
        self.initial["publish"] = event.status != Event.Status.DRAFT
        # Published is for good (cancel instead); a cancelled meeting stays as it was.
        self.fields["publish"].disabled = event.status != Event.Status.DRAFT

    def event_fields(self) -> dict:
        return self.details().as_fields()

    def details(self) -> MeetingDetails:
        data = self.cleaned_data
        return MeetingDetails(
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            format=data["format"],
            venue=data.get("venue"),
            joining_link=data.get("joining_link", ""),
        )


class MeetingDocumentInline(admin.TabularInline):
    model = MeetingDocument
    extra = 0
    fields = ["title", "file", "size_bytes", "uploaded_by", "uploaded_at"]
    readonly_fields = ["size_bytes", "uploaded_by", "uploaded_at"]
    verbose_name_plural = "papers (PDF or Office files; public for panels that publish, else members only)"


@admin.action(description="Approve the minutes of the selected meetings", permissions=["approve_minutes"])
def approve_minutes(modeladmin, request, queryset):
    for_each_row(
        modeladmin,
        request,
        queryset,
        lambda meeting: meeting_minutes_approve(meeting=meeting, approved_by=request.user),
        refused=PanelError,
        done="Minutes approved for {count} meeting(s).",
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent to every member who has said they are coming, and shown on the meeting's page.",
    )


cancel_meetings = form_action(
    name="cancel_meetings",
    description="Cancel the selected meetings (tells members who said they are coming)",
    form_class=CancelForm,
    run=lambda meeting, data, user: panel_meeting_cancel(meeting=meeting, reason=data["reason"], by=user),
    refused=PanelError,
    done="{count} meeting(s) cancelled. Members who had said they were coming have been told.",
    button="Cancel the meetings",
)


@admin.register(PanelMeeting)
class PanelMeetingAdmin(ChangePageActions, admin.ModelAdmin):
    form = PanelMeetingForm
    list_display = ["__str__", "panel", "starts", "held", "state", "minutes_state", "papers"]
    list_filter = [
        "panel",
        "event__status",
        "event__format",
        ("minutes_approved_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["panel", "event"]
    date_hierarchy = "event__starts_at"
    search_fields = ["panel__name", "agenda", "minutes"]
    actions = [approve_minutes, cancel_meetings]
    change_actions = {"approve_minutes": "Approve the minutes", "cancel_meetings": "Cancel the meeting"}
    inlines = [MeetingDocumentInline]
    fieldsets = [
        (None, {"fields": ["panel"]}),
        (
            "When and where",
            {
                "fields": EVENT_FIELDS,
                "description": "Kept on the meeting's event. A new time is sent to members who said they are coming.",
            },
        ),
        ("Agenda and minutes", {"fields": ["agenda", "minutes", "minutes_approved_at", "minutes_approved_by"]}),
        ("Invitations, places and attendance", {"fields": ["event_page"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(paper_count=Count("documents"))

    def get_readonly_fields(self, request, obj=None):
        readonly = ["minutes_approved_at", "minutes_approved_by", "event_page"]
        if obj is not None:
            # Its invitation list is the panel's members: a meeting stays with its panel.
            readonly.append("panel")
        if obj is not None and obj.minutes_approved:
            # Approved minutes are the record residents read: they do not change afterwards.
            readonly.append("minutes")
        return readonly

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Deleting goes one meeting at a time, so a published meeting is cancelled rather than deleted.
        actions.pop("delete_selected", None)
        return actions

    def change_actions_for(self, request, obj):
        actions = []
        if obj.minutes and not obj.minutes_approved:
            actions.append("approve_minutes")
        if obj.event.status == Event.Status.PUBLISHED:
            actions.append("cancel_meetings")
        return actions

    def has_approve_minutes_permission(self, request):
        return request.user.has_perm("panels.approve_minutes")

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not meeting_deletion(event=obj.event).allowed:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="starts", ordering="event__starts_at")
    def starts(self, meeting):
        return time_on_date_text(meeting.event.starts_at)

    @admin.display(description="format", ordering="event__format")
    def held(self, meeting):
        return meeting.event.get_format_display()

    @admin.display(description="status", ordering="event__status")
    def state(self, meeting):
        return meeting.event.get_status_display()

    @admin.display(description="minutes")
    def minutes_state(self, meeting):
        if meeting.minutes_approved:
            return "Approved"
        return "Awaiting approval" if meeting.minutes else "Not written yet"

    @admin.display(ordering="paper_count")
    def papers(self, meeting):
        return meeting.paper_count

    @admin.display(description="event")
    def event_page(self, meeting):
        if meeting.pk is None:
            return "Made when you save: the meeting's event, with the panel's members on its invitation list."
        return format_html(
            '<a href="{}">{}</a>: who is invited and coming, reminders, and attendance on the day.',
            reverse("admin:events_event_change", args=[meeting.event_id]),
            meeting.event.title,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            panel_meeting_schedule(
                meeting=obj, details=form.details(), publish=form.cleaned_data["publish"], by=request.user
            )
            return
        super().save_model(request, obj, form, change)
        if set(EVENT_FIELDS) & set(form.changed_data):
            told = panel_meeting_change(meeting=obj, details=form.details(), publish=form.cleaned_data["publish"])
            if told:
                self.message_user(request, f"The time has changed: {told} member(s) told.", messages.SUCCESS)

    def delete_model(self, request, obj):
        panel_meeting_delete(meeting=obj)

    def save_formset(self, request, form, formset, change):
        for document in formset.save(commit=False):
            if document.pk is None:
                document.uploaded_by = request.user
            document.save()
        for deleted in formset.deleted_objects:
            deleted.delete()


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue(timezone.localdate())
        return queryset


@admin.register(ActionLogItem)
class ActionLogItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "panel", "owner", "due_date", "status", "overdue"]
    list_filter = ["panel", "status", OverdueFilter]
    list_select_related = ["panel"]
    search_fields = ["action", "owner", "update_notes"]
    date_hierarchy = "due_date"
    fields = ["panel", "meeting", "action", "owner", "due_date", "status", "update_notes"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            kwargs["queryset"] = PanelMeeting.objects.select_related("panel", "event")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(boolean=True)
    def overdue(self, item):
        return item.is_overdue()
