"""TRAs in admin: coverage, recognition, committee, meetings, support, and which are due an AGM or review."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q, Value
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from engagement.dates import date_text, time_on_date_text, when_text
from engagement.models import Estate
from events.admin.forms import MeetingEventForm
from events.models import Event
from events.rules import meeting_deletion
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
from tenants_associations.services.meetings import (
    MeetingDetails,
    MeetingRefused,
    committee_invitations_refresh,
    event_fields,
    tra_meeting_change,
    tra_meeting_delete,
    tra_meeting_schedule,
)
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
    """The TRA's meetings, to read: they are added and changed under TRA meetings, through the service,
    so invitations, What's on and the next AGM date follow."""

    model = TRAMeeting
    fk_name = "tra"
    extra = 0
    fields = ["kind", "when", "where", "status"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name_plural = "meetings"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("tra", "event__venue", "event__estate")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="when")
    def when(self, meeting):
        return when_text(meeting.event.starts_at, meeting.event.ends_at)

    @admin.display(description="where")
    def where(self, meeting):
        return meeting.event.venue or meeting.event.get_format_display()

    @admin.display(description="status")
    def status(self, meeting):
        return meeting.event.get_status_display()


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
        ("Meetings", {"fields": ["add_meeting"]}),
    ]
    readonly_fields = ["add_meeting"]
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
        when = date_text(reviews.agm_date) if reviews.agm_date else ""
        return " – ".join(part for part in (when, _DUE_WORDS[reviews.agm]) if part) or "–"

    @admin.display(description="recognition review")
    def recognition_review(self, tra):
        reviews = self._reviews(tra)
        when = date_text(reviews.recognition_date) if reviews.recognition_date else ""
        return " – ".join(part for part in (when, _DUE_WORDS[reviews.recognition]) if part) or "–"

    @admin.display(description="members", ordering="number_of_members")
    def members(self, tra):
        return tra.number_of_members

    @admin.display(description="add a meeting")
    def add_meeting(self, tra):
        if tra.pk is None:
            return "Save the TRA first."
        return format_html(
            '<a href="{}?tra={}">Add a meeting</a> (it goes in What\'s on; an AGM becomes the next AGM date)',
            reverse("admin:tenants_associations_trameeting_add"),
            tra.pk,
        )

    def save_formset(self, request, form, formset, change):
        saved = formset.save(commit=False)
        for obj in saved:
            # Whoever adds a row recorded it; a later save never claims a row someone else added.
            if isinstance(obj, (CommitteeRole, SupportGiven, TenantFundGrant)) and obj.pk is None:
                obj.recorded_by = request.user
            if isinstance(obj, TRADocument) and obj.pk is None:
                obj.uploaded_by = request.user
            if isinstance(obj, CommitteeRole):
                # A committee member is a member.
                membership_ensure(tra=form.instance, resident=obj.resident, decided_by=request.user)
            obj.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()
        if formset.model is CommitteeRole:
            # The committee's meetings still to come follow the committee.
            committee_invitations_refresh(tra=form.instance, by=request.user)


@admin.register(CommitteeRole)
class CommitteeRoleAdmin(admin.ModelAdmin):
    list_display = ["resident", "role", "title", "tra", "term_starts_on", "term_ends_on"]
    list_filter = ["role", "tra__ward"]
    list_select_related = ["resident", "tra"]
    search_fields = ["resident__first_name", "resident__last_name", "tra__name"]
    autocomplete_fields = ["resident", "tra"]
    readonly_fields = ["recorded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        membership_ensure(tra=obj.tra, resident=obj.resident, decided_by=request.user)
        super().save_model(request, obj, form, change)
        committee_invitations_refresh(tra=obj.tra, by=request.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        committee_invitations_refresh(tra=obj.tra, by=request.user)

    def delete_queryset(self, request, queryset):
        tras = {role.tra for role in queryset.select_related("tra")}
        super().delete_queryset(request, queryset)
        for tra in tras:
            committee_invitations_refresh(tra=tra, by=request.user)


# The form fields that are the meeting's event: changing any goes through the service.
TRA_EVENT_FIELDS = ["starts_at", "ends_at", "format", "venue", "joining_link", "notes"]


class TRAMeetingForm(MeetingEventForm):
    """The meeting and its event's when and where, edited together; the service saves the event."""

    event_kind = Event.Kind.TRA_MEETING
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown with the meeting: the agenda, step-free access, refreshments.",
    )
    tell_people = forms.BooleanField(
        required=False,
        label="Tell members",
        help_text="General meetings and AGMs: members are sent the details and the link to book. "
        "The committee is always invited to committee meetings.",
    )

    class Meta:
        model = TRAMeeting
        fields = ["tra", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance.event if self.instance.pk else None
        if event is None:
            # First meetings are made by inviting the residents waiting (Interest in starting a TRA).
            self.fields["kind"].choices = [c for c in TRAMeeting.Kind.choices if c[0] != TRAMeeting.Kind.FIRST]
            self.fields["tra"].required = True
            return
        self.show_event(event, editable=TRA_EVENT_FIELDS)
        self.initial["notes"] = event.description

    def event_fields(self) -> dict:
        return event_fields(self.details(), None)

    def details(self) -> MeetingDetails:
        data = self.cleaned_data
        return MeetingDetails(
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            format=data["format"],
            venue=data.get("venue"),
            joining_link=data.get("joining_link", ""),
            notes=data.get("notes", ""),
        )


@admin.register(TRAMeeting)
class TRAMeetingAdmin(admin.ModelAdmin):
    form = TRAMeetingForm
    list_display = ["starts", "kind", "tra", "estate", "where", "state"]
    list_filter = ["kind", "event__status", "tra__ward"]
    list_select_related = ["tra", "event__venue", "event__estate"]
    search_fields = ["tra__name", "event__estate__name", "event__venue__name"]
    autocomplete_fields = ["tra"]
    date_hierarchy = "event__starts_at"
    readonly_fields = ["event_page"]

    def get_fieldsets(self, request, obj=None):
        when_and_where = TRA_EVENT_FIELDS if obj else [*TRA_EVENT_FIELDS, "tell_people"]
        return [
            (None, {"fields": ["tra", "kind"]}),
            (
                "When and where",
                {
                    "fields": when_and_where,
                    "description": "Kept on the meeting's event. A new time is sent to everyone who said they "
                    "are coming.",
                },
            ),
            ("Places, cancelling and attendance", {"fields": ["event_page"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # Who it is for follows from its kind and TRA: those stay as they were made.
        return ["event_page", "tra", "kind"] if obj else ["event_page"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Meetings going ahead are cancelled (so residents are told), one at a time.
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not meeting_deletion(event=obj.event).allowed:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="starts", ordering="event__starts_at")
    def starts(self, meeting):
        return time_on_date_text(meeting.event.starts_at)

    @admin.display(description="estate", ordering="event__estate__name")
    def estate(self, meeting):
        return meeting.event.estate or "–"

    @admin.display(description="where")
    def where(self, meeting):
        return meeting.event.venue or meeting.event.get_format_display()

    @admin.display(description="status", ordering="event__status")
    def state(self, meeting):
        return meeting.event.get_status_display()

    @admin.display(description="event")
    def event_page(self, meeting):
        if meeting.pk is None:
            return "Made when you save: the meeting's event, in What's on unless it is a committee meeting."
        links = [(reverse("admin:events_event_change", args=[meeting.event_id]), "who is coming, reminders")]
        if meeting.event.status != Event.Status.CANCELLED:
            links.append((reverse("admin:events_event_cancel", args=[meeting.event_id]), "cancel it"))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def save_model(self, request, obj, form, change):
        if not change:
            scheduled = tra_meeting_schedule(
                tra=obj.tra,
                kind=obj.kind,
                details=form.details(),
                scheduled_by=request.user,
                tell_people=form.cleaned_data["tell_people"],
            )
            # The service made the meeting; the admin carries on with it (the log, the next page).
            obj.pk, obj.event = scheduled.pk, scheduled.event
            obj._state.adding = False
            return
        if set(TRA_EVENT_FIELDS) & set(form.changed_data):
            try:
                told = tra_meeting_change(meeting=obj, details=form.details())
            except MeetingRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
                return
            if told:
                self.message_user(request, f"The time has changed: {told} resident(s) told.", messages.SUCCESS)

    def delete_model(self, request, obj):
        tra_meeting_delete(meeting=obj)


@admin.register(TRADocument)
class TRADocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "tra", "kind", "visibility", "uploaded_at"]
    list_filter = ["kind", "visibility"]
    list_select_related = ["tra"]
    search_fields = ["title", "tra__name"]
    autocomplete_fields = ["tra"]
    readonly_fields = ["original_name", "uploaded_by", "uploaded_at"]

    def save_model(self, request, obj, form, change):
        if not change:
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
