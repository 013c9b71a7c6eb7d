from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils import timezone

from panels.models import ActionLogItem, MeetingDocument, PanelMeeting
from panels.services import PanelError
from panels.services.records import meeting_minutes_approve


class MeetingDocumentInline(admin.TabularInline):
    model = MeetingDocument
    extra = 0
    fields = ["title", "file", "size_bytes", "uploaded_by", "uploaded_at"]
    readonly_fields = ["size_bytes", "uploaded_by", "uploaded_at"]
    verbose_name_plural = "papers (PDF or Office files; public for panels that publish, else members only)"


@admin.action(description="Approve the minutes of the selected meetings", permissions=["approve_minutes"])
def approve_minutes(modeladmin, request, queryset):
    for meeting in queryset:
        try:
            meeting_minutes_approve(meeting=meeting, approved_by=request.user)
        except PanelError as error:
            modeladmin.message_user(request, f"{meeting}: {error}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{meeting}: minutes approved.", messages.SUCCESS)


@admin.register(PanelMeeting)
class PanelMeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "panel", "starts_at", "format", "minutes_state", "papers"]
    list_filter = ["panel", "format", ("minutes_approved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["panel"]
    date_hierarchy = "starts_at"
    search_fields = ["panel__name", "agenda", "minutes"]
    actions = [approve_minutes]
    inlines = [MeetingDocumentInline]
    # Joining links are https; an officer pasting "meet.example.gov.uk/…" means that.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["panel", "starts_at", "ends_at", "format", "place", "online_joining_link"]}),
        ("Agenda and minutes", {"fields": ["agenda", "minutes", "minutes_approved_at", "minutes_approved_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(paper_count=Count("documents"))

    def get_readonly_fields(self, request, obj=None):
        readonly = ["minutes_approved_at", "minutes_approved_by"]
        if obj is not None and obj.minutes_approved:
            # Approved minutes are the record residents read: they do not change afterwards.
            readonly.append("minutes")
        return readonly

    def has_approve_minutes_permission(self, request):
        return request.user.has_perm("panels.approve_minutes")

    @admin.display(description="minutes")
    def minutes_state(self, meeting):
        if meeting.minutes_approved:
            return "Approved"
        return "Awaiting approval" if meeting.minutes else "Not written yet"

    @admin.display(ordering="paper_count")
    def papers(self, meeting):
        return meeting.paper_count

    def save_formset(self, request, form, formset, change):
        for document in formset.save(commit=False):
            if document.uploaded_by_id is None:
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
            kwargs["queryset"] = PanelMeeting.objects.select_related("panel")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(boolean=True)
    def overdue(self, item):
        return item.is_overdue()
