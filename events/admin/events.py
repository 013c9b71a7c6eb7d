"""Scheduling events in admin: the event, copying, cancelling, moving it, the year's roadshows, and the
attendance register. Door-knocking pages live in door_knocking.py."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify

from engagement.admin.actions import ChangePageActions
from engagement.admin.filters import date_range_filter, estate_filter, ward_filter
from engagement.admin.pagination import LargeListAdmin
from engagement.dates import time_text, when_text
from engagement.exports import csv_response, xlsx_response
from events.admin.check_in import CheckInPages
from events.admin.door_knocking import DoorKnockingPages
from events.admin.forms import (
    BookOnBehalfForm,
    CancelEventForm,
    CheckInForm,
    EventAdminForm,
    RoadshowPlanForm,
    RoadshowSessionFormSet,
    WalkInForm,
)
from events.admin.staff_calendar import StaffCalendarPage
from events.models import Booking, Event, Invitation, StaffInvitation, Venue
from events.rules import attendance_recording
from events.services.attendance import (
    CheckInError,
    attendance_check_in,
    attendance_mark,
    walk_in_add,
)
from events.services.bookings import AlreadyBooked, BookingError, booking_create, places_left
from events.services.events import (
    RoadshowSession,
    drop_in_add,
    event_cancel,
    event_capacity_change,
    event_copy,
    event_reschedule,
    event_uninvite,
    invitations_send,
    previous_repairs_open_day,
    repairs_open_day_repeats_estate,
    roadshows_plan_year,
    staff_invitations_send,
)
from events.services.reports import ReportFilters, attendance_rows, register_rows
from events.services.support_needed import event_support_needed
from events.services.surgeries import (
    SERIES_MONTHS,
    SLOT_MINUTES,
    slots_with_bookings,
    surgery_series,
    surgery_series_chart,
    surgery_series_create,
    surgery_slots_add,
)
from events.services.training import (
    HoursError,
    hours_text,
    opportunity_promote,
    parse_hours,
    training_completion_rows,
    volunteer_hours_record,
    volunteering_hours_rows,
)
from events.services.walkabouts import walkabout_promote

# Empty lines on the printed sign-in sheet for people who turn up without booking.
SIGN_IN_BLANK_ROWS = 10

# The box officers tick to record attendance for an event that has not started (see attendance_recording).
RECORD_EARLY = "record_early"


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "estate", "postcode"]
    list_filter = [estate_filter(""), ward_filter("")]
    list_select_related = ["estate"]
    search_fields = ["name", "address", "postcode", "estate__name"]
    autocomplete_fields = ["estate"]


class StaffInvitationInline(admin.TabularInline):
    model = StaffInvitation
    extra = 0
    fields = ["name", "organisation", "email", "sent_at"]
    readonly_fields = ["sent_at"]
    verbose_name_plural = "staff and stakeholders invited (send with the “Send invitations” action)"


class InvitationInline(admin.TabularInline):
    """Who is on the invitation list, read-only (tick "delete" to take someone off): a panel's list can
    be long, and a row to edit would cost queries per resident. New names go in the inline below."""

    model = Invitation
    extra = 0
    fields = ["resident", "invited_by", "invited_at", "notified_at"]
    readonly_fields = fields
    verbose_name_plural = "invitation list (for invitation-only events)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("resident", "event", "invited_by")


class InvitationAddInline(admin.TabularInline):
    model = Invitation
    extra = 1
    fields = ["resident"]
    autocomplete_fields = ["resident"]
    verbose_name = "resident to invite"
    verbose_name_plural = "add residents to the invitation list (they are sent an invitation once it is published)"

    def get_queryset(self, request):
        return super().get_queryset(request).none()


@admin.register(Event)
class EventAdmin(
    LargeListAdmin, ChangePageActions, CheckInPages, DoorKnockingPages, StaffCalendarPage, admin.ModelAdmin
):
    form = EventAdminForm
    # Kept to what fits at 1280 px: the ward is a filter, not a column.
    list_display = ["title", "kind", "when", "estate", "format", "status", "places", "attended"]
    list_filter = [
        date_range_filter("starts_at", "date", "starts"),
        "kind",
        "status",
        "format",
        "training_topic",
        "volunteering_activity",
        estate_filter(""),
        ward_filter(""),
        "listed",
        "invitation_only",
    ]
    list_select_related = ["estate", "venue"]
    search_fields = ["title", "description", "organiser", "venue__name", "estate__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["venue", "estate"]
    filter_horizontal = ["eligible_estates"]
    readonly_fields = [
        "closing_report_link",
        "previous_open_day",
        "drop_in_for",
        "copied_from",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [StaffInvitationInline, InvitationInline, InvitationAddInline]
    change_form_template = "admin/events/event/change_form.html"
    change_list_template = "admin/events/event/change_list.html"
    actions = [
        "copy_events",
        "repeat_surgeries_monthly",
        "offer_surgery_slots",
        "export_attendance",
        "export_training_completions",
        "export_volunteering_hours",
        "send_staff_invitations",
        "promote_walkabouts",
        "promote_to_interested",
        "add_drop_ins",
    ]
    change_actions = {
        "send_staff_invitations": "Send invitations to staff and stakeholders",
        "promote_walkabouts": "Promote to the estate's residents",
        "promote_to_interested": "Tell residents interested in it",
        "offer_surgery_slots": f"Offer one-to-one appointments ({SLOT_MINUTES} minutes each)",
    }
    fieldsets = [
        (None, {"fields": ["title", "kind", "status", "description", "organiser"]}),
        ("Training and volunteering", {"fields": ["training_topic", "volunteering_activity"]}),
        ("When and where", {"fields": ["format", "starts_at", "ends_at", "venue", "estate", "joining_link"]}),
        ("People", {"fields": ["lead_officer", "designated_contact", "senior_leader", "housing_officer"]}),
        (
            "Places and who may register",
            {
                "fields": [
                    "capacity",
                    "eligible_estates",
                    "eligible_tenure_types",
                    "invitation_only",
                    "listed",
                ]
            },
        ),
        ("Reminders", {"fields": ["reminder_enabled", "reminder_hours_before", "reminder_note"]}),
        ("After the event", {"fields": ["closing_report_link"]}),
        (
            "History",
            {
                "fields": ["previous_open_day", "drop_in_for", "copied_from", "created_by", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_places_taken().with_attended()

    def get_ordering(self, request):
        """Upcoming events first, soonest at the top (including any under way), then past ones, latest first."""
        upcoming = Q(ends_at__gte=timezone.now())
        return [
            Case(When(upcoming, then=Value(0)), default=Value(1)).asc(),
            Case(When(upcoming, then=F("starts_at"))).asc(nulls_last=True),
            F("starts_at").desc(),
        ]

    def change_actions_for(self, request, event):
        actions = []
        if event.status != Event.Status.CANCELLED and event.staff_invitations.filter(sent_at__isnull=True).exists():
            actions.append("send_staff_invitations")
        if event.kind == Event.Kind.WALKABOUT and event.status == Event.Status.PUBLISHED and event.estate_id:
            actions.append("promote_walkabouts")
        if event.kind == Event.Kind.SURGERY and not event.slots.exists():
            actions.append("offer_surgery_slots")
        if event.kind in (Event.Kind.TRAINING, Event.Kind.VOLUNTEERING) and event.status == Event.Status.PUBLISHED:
            actions.append("promote_to_interested")
        return actions

    @admin.display(description="closing report")
    def closing_report_link(self, event):
        """What came of it is written once, in its closing report, and shown on the past event's page."""
        if event.pk is None:
            return "Save the event first."
        report = getattr(event, "closing_report", None)
        if report is not None:
            return format_html(
                '<a href="{}">Change its closing report and action plan</a>',
                reverse("admin:decisions_closingreport_change", args=[report.pk]),
            )
        return format_html(
            '<a href="{}?event={}">Write its closing report</a> (how many came, what was raised, what happens next)',
            reverse("admin:decisions_closingreport_add"),
            event.pk,
        )

    @admin.display(description="when", ordering="starts_at")
    def when(self, event):
        # Short, so the columns after it fit at 1280 px: "Thu 3 Dec 2026, 6pm".
        start = timezone.localtime(event.starts_at)
        return f"{start:%a} {start.day} {start:%b %Y}, {time_text(start)}"

    @admin.display(description="places", ordering="taken")
    def places(self, event):
        taken = f"{event.taken} of {event.capacity}" if event.capacity else f"{event.taken}, no limit"
        link = reverse("admin:events_booking_changelist") + f"?event={event.pk}"
        return format_html('<a href="{}" title="Bookings for this event">{}</a>', link, taken)

    @admin.display(description="attended", ordering="came")
    def attended(self, event):
        return event.came

    @admin.display(description="previous repairs open day")
    def previous_open_day(self, event):
        if event.kind != Event.Kind.REPAIRS_OPEN_DAY or not event.pk:
            return "–"
        previous = previous_repairs_open_day(event)
        if previous is None:
            return "None before this one"
        warning = (
            " – the same estate: open days should move round the estates"
            if previous.estate_id == event.estate_id
            else ""
        )
        return f"{previous} on {previous.estate}{warning}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
        else:
            moved = {"starts_at", "ends_at"} & set(form.changed_data)
            new_times = (obj.starts_at, obj.ends_at)
            if moved:
                obj.starts_at, obj.ends_at = form.initial["starts_at"], form.initial["ends_at"]
            super().save_model(request, obj, form, change)
            if moved:
                told = event_reschedule(event=obj, starts_at=new_times[0], ends_at=new_times[1])
                obj.refresh_from_db()
                if told:
                    self.message_user(request, f"The time has changed: {told} resident(s) told.", messages.SUCCESS)
            if "capacity" in form.changed_data:
                offers = event_capacity_change(event=obj, capacity=obj.capacity)
                if offers:
                    self.message_user(request, f"{len(offers)} place(s) offered to the waiting list.", messages.SUCCESS)
        repeated = repairs_open_day_repeats_estate(obj)
        if repeated is not None:
            self.message_user(
                request,
                f"The previous repairs open day ({repeated}) was also on {obj.estate}. Open days should go to a "
                "different estate each time.",
                messages.WARNING,
            )

    def save_formset(self, request, form, formset, change):
        for invitation in formset.save(commit=False):
            if isinstance(invitation, Invitation) and invitation.pk is None:
                invitation.invited_by = request.user
            invitation.save()
        taken_off = [deleted.resident for deleted in formset.deleted_objects if isinstance(deleted, Invitation)]
        if taken_off:
            # Off the invitation list means off the meeting: their booking is cancelled and they are told.
            event_uninvite(event=form.instance, residents=taken_off)
        for deleted in formset.deleted_objects:
            if not isinstance(deleted, Invitation):
                deleted.delete()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Residents added to the invitation list (or waiting for the event to be published) are told now.
        sent = invitations_send(event=form.instance)
        if sent:
            self.message_user(request, f"{sent} invitation(s) sent to residents.", messages.SUCCESS)

    # --- Actions -----------------------------------------------------------------

    @admin.action(description="Copy the selected events (as drafts)", permissions=["add"])
    def copy_events(self, request, queryset):
        copies = [event_copy(event=event, by=request.user) for event in queryset]
        if len(copies) == 1:
            self.message_user(request, "Copied. Change the date and details, then publish.", messages.SUCCESS)
            return redirect(reverse("admin:events_event_change", args=[copies[0].pk]))
        self.message_user(request, f"{len(copies)} events copied as drafts.", messages.SUCCESS)

    @admin.action(
        description=f"Repeat the selected surgeries monthly for {SERIES_MONTHS} months (same weekday, as drafts)",
        permissions=["add"],
    )
    def repeat_surgeries_monthly(self, request, queryset):
        made = [
            copy
            for surgery in queryset.filter(kind=Event.Kind.SURGERY)
            for copy in surgery_series_create(surgery=surgery, by=request.user)
        ]
        self.message_user(
            request, f"{len(made)} surgeries added as drafts. Check each, then publish.", messages.SUCCESS
        )

    @admin.action(
        description=f"Offer one-to-one appointments of {SLOT_MINUTES} minutes at the selected surgeries",
        permissions=["change"],
    )
    def offer_surgery_slots(self, request, queryset):
        made = [
            slot for surgery in queryset.filter(kind=Event.Kind.SURGERY) for slot in surgery_slots_add(surgery=surgery)
        ]
        self.message_user(
            request,
            f"{len(made)} one-to-one appointment(s) added. Residents choose one when they book.",
            messages.SUCCESS,
        )

    @admin.action(description="Export attendance for the selected events (CSV)", permissions=["view"])
    def export_attendance(self, request, queryset):
        if not request.user.has_perm("events.view_attendance_report"):
            self.message_user(request, "Only community relations can export attendance.", messages.ERROR)
            return None
        filters = ReportFilters(event_ids=tuple(queryset.values_list("pk", flat=True)))
        return csv_response(attendance_rows(filters), "attendance.csv")

    def _may_export_names(self, request) -> bool:
        if request.user.has_perm("events.view_attendance_report") and request.user.has_perm("engagement.view_resident"):
            return True
        self.message_user(request, "Only community relations can export who took part, with names.", messages.ERROR)
        return False

    @admin.action(description="Export who completed the selected training courses (CSV)", permissions=["view"])
    def export_training_completions(self, request, queryset):
        if self._may_export_names(request):
            return csv_response(training_completion_rows(queryset), "training-completed.csv")
        return None

    @admin.action(description="Export volunteers' hours at the selected opportunities (CSV)", permissions=["view"])
    def export_volunteering_hours(self, request, queryset):
        if self._may_export_names(request):
            return csv_response(volunteering_hours_rows(queryset), "volunteering-hours.csv")
        return None

    @admin.action(description="Send invitations to staff and stakeholders not yet invited", permissions=["change"])
    def send_staff_invitations(self, request, queryset):
        sent = sum(staff_invitations_send(event=event) for event in queryset.select_related("designated_contact"))
        self.message_user(request, f"{sent} invitation(s) sent.", messages.SUCCESS)

    @admin.action(
        description="Promote walkabouts to their estate's residents (who agreed to hear)", permissions=["change"]
    )
    def promote_walkabouts(self, request, queryset):
        ready = queryset.filter(kind=Event.Kind.WALKABOUT, status=Event.Status.PUBLISHED, estate__isnull=False)
        sends = [walkabout_promote(event=event, by=request.user) for event in ready]
        residents = sum(send.recorded for send in sends if send is not None)
        notes = [f"Invitations to {residents} resident(s) are on their way."]
        if already := sum(send is None for send in sends):
            notes.append(f"{already} walkabout(s) had no one new to invite: everyone who can be told has been.")
        if skipped := queryset.count() - len(sends):
            notes.append(f"{skipped} skipped: only published walkabouts on an estate can be promoted.")
        self.message_user(request, " ".join(notes), messages.SUCCESS)

    @admin.action(
        description="Tell residents interested in training or volunteering about the selected courses and sessions",
        permissions=["change"],
    )
    def promote_to_interested(self, request, queryset):
        sends = [opportunity_promote(event=event, by=request.user) for event in queryset]
        residents = sum(send.recorded for send in sends if send is not None)
        notes = [f"Messages to {residents} resident(s) are on their way."]
        if nobody := sum(send is None for send in sends):
            notes.append(
                f"{nobody} had nobody new to tell: only published courses and volunteering sessions still to come "
                "are promoted, once to each interested resident."
            )
        self.message_user(request, " ".join(notes), messages.SUCCESS)

    @admin.action(description="Add a drop-in before the selected roadshows", permissions=["add"])
    def add_drop_ins(self, request, queryset):
        roadshows = queryset.filter(kind=Event.Kind.ROADSHOW)
        for roadshow in roadshows:
            drop_in_add(roadshow=roadshow, by=request.user)
        self.message_user(request, f"{roadshows.count()} roadshow(s) now have a drop-in.", messages.SUCCESS)

    # --- Pages -------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("plan-roadshows/", view(self.plan_roadshows_view), name="events_event_plan_roadshows"),
            path("<int:event_id>/cancel/", view(self.cancel_view), name="events_event_cancel"),
            path("<int:event_id>/attendance/", view(self.attendance_view), name="events_event_attendance"),
            path("<int:event_id>/book/", view(self.book_view), name="events_event_book"),
            path("<int:event_id>/register.<str:fmt>", view(self.register_view), name="events_event_register"),
            path("<int:event_id>/sign-in-sheet/", view(self.sign_in_sheet_view), name="events_event_sign_in_sheet"),
            *self.staff_calendar_urls(),
            *self.check_in_urls(),
            *self.door_knocking_urls(),
            *super().get_urls(),
        ]

    def _page(self, request, template, **context):
        return TemplateResponse(
            request, template, {**self.admin_site.each_context(request), "opts": self.model._meta, **context}
        )

    def cancel_view(self, request, event_id):
        event = get_object_or_404(Event, pk=event_id)
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        form = CancelEventForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            told = event_cancel(event=event, reason=form.cleaned_data["reason"], by=request.user)
            self.message_user(request, f"Cancelled. {told} resident(s) told.", messages.SUCCESS)
            return redirect(reverse("admin:events_event_change", args=[event.pk]))
        active = event.bookings.filter(status__in=Booking.ACTIVE).count()
        return self._page(
            request,
            "admin/events/action_page.html",
            title=f"Cancel {event}",
            object=event,
            form=form,
            intro=f"{active} resident(s) are booked, offered a place or waiting. Each will be told, with your reason.",
            submit="Cancel the event and tell residents",
        )

    def plan_roadshows_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        plan = RoadshowPlanForm(request.POST or None, prefix="plan")
        initial = [
            {"format": fmt}
            for fmt in (Event.Format.ONLINE, Event.Format.ONLINE, Event.Format.IN_PERSON, Event.Format.IN_PERSON)
        ]
        sessions = RoadshowSessionFormSet(request.POST or None, prefix="session", initial=initial)
        if request.method == "POST" and plan.is_valid() and sessions.is_valid():
            created = roadshows_plan_year(
                year=plan.cleaned_data["year"],
                senior_leader=plan.cleaned_data["senior_leader"],
                lead_officer=plan.cleaned_data["lead_officer"],
                capacity=plan.cleaned_data["capacity"],
                sessions=[RoadshowSession(**form.cleaned_data) for form in sessions],
                by=request.user,
            )
            self.message_user(
                request, f"{len(created)} events created as drafts. Check each, then publish.", messages.SUCCESS
            )
            return redirect(reverse("admin:events_event_changelist") + "?kind__exact=roadshow")
        return self._page(
            request, "admin/events/plan_roadshows.html", title="Plan the year's roadshows", plan=plan, sessions=sessions
        )

    def attendance_view(self, request, event_id):
        event = get_object_or_404(Event.objects.select_related("estate"), pk=event_id)
        if not request.user.has_perm("events.record_attendance"):
            raise PermissionDenied
        check_in, walk_in = CheckInForm(prefix="check_in"), WalkInForm(prefix="walk_in")
        recording = attendance_recording(event=event)
        marks_posted, hours_posted, hours_errors = {}, {}, {}
        if request.method == "POST" and event.kind == Event.Kind.VOLUNTEERING:
            hours_posted = {key: value for key, value in request.POST.items() if key.startswith("hours-")}
        if request.method == "POST" and not recording.allowed and RECORD_EARLY not in request.POST:
            # Not recorded: said at the top, with what was typed kept, until the officer confirms.
            self.message_user(
                request,
                f"{recording.reason} Nothing was recorded. If it has started early, tick “Record it anyway” "
                "and try again.",
                messages.WARNING,
            )
            check_in = CheckInForm(
                request.POST if request.POST.get("action") == "check_in" else None, prefix="check_in"
            )
            walk_in = WalkInForm(request.POST if request.POST.get("action") == "walk_in" else None, prefix="walk_in")
            marks_posted = _attendance_marks(request.POST)
        elif request.method == "POST":
            action = request.POST.get("action")
            if action == "check_in":
                check_in = CheckInForm(request.POST, prefix="check_in")
                if check_in.is_valid():
                    try:
                        booking = attendance_check_in(event=event, code=check_in.cleaned_data["code"], by=request.user)
                    except CheckInError as error:
                        check_in.add_error("code", str(error))
                    else:
                        self.message_user(request, f"{booking.person_name} checked in.", messages.SUCCESS)
                        return redirect(request.path)
            elif action == "walk_in":
                walk_in = WalkInForm(request.POST, prefix="walk_in")
                if walk_in.is_valid():
                    data = walk_in.cleaned_data
                    booking = walk_in_add(
                        event=event,
                        resident=data["resident"],
                        name=data["name"],
                        estate=data["estate"],
                        by=request.user,
                    )
                    self.message_user(request, f"{booking.person_name} added as attended.", messages.SUCCESS)
                    return redirect(request.path)
            elif action in ("save", "all_attended"):
                marks = _attendance_marks(request.POST)
                hours, hours_errors = _hours_given(request.POST) if event.kind == Event.Kind.VOLUNTEERING else ({}, {})
                if hours_errors:
                    # Nothing saved: the register is shown again as typed, each wrong figure explained at its box.
                    self.message_user(request, "Nothing was saved: check the hours marked below.", messages.ERROR)
                    marks_posted = marks
                else:
                    if action == "all_attended":
                        marks = {pk: Booking.Attendance.ATTENDED for pk, value in marks.items() if not value}
                    changed = attendance_mark(event=event, marks=marks, by=request.user)
                    recorded = volunteer_hours_record(event=event, hours=hours, by=request.user) if hours else 0
                    saved = f"Attendance saved ({changed} changed)."
                    if event.kind == Event.Kind.VOLUNTEERING:
                        saved += f" Hours saved ({recorded} changed)."
                    self.message_user(request, saved, messages.SUCCESS)
                    return redirect(request.path)
        bookings = (
            event.bookings.filter(status=Booking.Status.CONFIRMED)
            .select_related("resident__tenancy__home__block__estate", "walk_in_estate")
            .prefetch_related("access_needs")
            .order_by("resident__last_name", "walk_in_name", "pk")
        )
        if marks_posted or hours_posted:
            bookings = list(bookings)
            for booking in bookings:
                booking.attendance = marks_posted.get(booking.pk, booking.attendance)
        if event.kind == Event.Kind.VOLUNTEERING:
            bookings = list(bookings)
            for booking in bookings:
                typed = hours_posted.get(f"hours-{booking.pk}")
                booking.hours_typed = typed if typed is not None else hours_text(booking.volunteer_hours)
                booking.hours_error = hours_errors.get(booking.pk, "")
        return self._page(
            request,
            "admin/events/attendance.html",
            title=f"Attendance: {event}",
            object=event,
            bookings=bookings,
            check_in=check_in,
            walk_in=walk_in,
            choices=Booking.Attendance.choices,
            not_started=None if recording.allowed else recording.reason,
            record_early=RECORD_EARLY,
            show_names=request.user.has_perm("engagement.view_resident"),
            volunteering=event.kind == Event.Kind.VOLUNTEERING,
            training=event.kind == Event.Kind.TRAINING,
        )

    def book_view(self, request, event_id):
        """Book a place for a resident who phoned, sent a paper form or asked in person."""
        event = get_object_or_404(Event, pk=event_id)
        if not request.user.has_perm("events.add_booking"):
            raise PermissionDenied
        form = BookOnBehalfForm(request.POST or None, admin_site=self.admin_site)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            resident = data["resident"]
            try:
                booking = booking_create(
                    event=event,
                    resident=resident,
                    places=data["places"],
                    access_needs=data["access_needs"],
                    interpreter_language=data["interpreter_language"],
                    access_needs_other=data["access_needs_other"],
                    waiting_list=data["waiting_list"],
                    booked_by=request.user,
                    how_asked=data["how_asked"],
                )
            except AlreadyBooked as error:
                form.add_error(
                    "resident", f"{resident.full_name} already has a booking for this event ({error.booking.code})."
                )
            except BookingError as error:
                form.add_error(None, f"Not booked: {error.message}")
            else:
                outcome = "booked" if booking.status == Booking.Status.CONFIRMED else "put on the waiting list"
                self.message_user(
                    request,
                    f"{resident.full_name} {outcome} (booking {booking.code}). They have been told.",
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:events_event_change", args=[event.pk]))
        left = places_left(event)
        return self._page(
            request,
            "admin/events/book_on_behalf.html",
            title=f"Book a place for a resident: {event}",
            object=event,
            form=form,
            media=self.media + form.media,
            places_left="no limit" if left is None else f"{left} place{'' if left == 1 else 's'} left",
        )

    def _named_event(self, request, event_id):
        """The event, for staff who record attendance and may see residents' names; refused to anyone else."""
        event = get_object_or_404(Event.objects.select_related("estate", "venue"), pk=event_id)
        allowed = request.user.has_perm("events.record_attendance") and request.user.has_perm(
            "engagement.view_resident"
        )
        if not allowed:
            raise PermissionDenied
        return event

    def register_view(self, request, event_id, fmt):
        event = self._named_event(request, event_id)
        rows = register_rows(ReportFilters(event_ids=(event.pk,)))
        name = f"register-{slugify(event.title)[:40]}-{timezone.localdate(event.starts_at).isoformat()}"
        if fmt == "csv":
            return csv_response(rows, f"{name}.csv")
        if fmt == "xlsx":
            return xlsx_response({"Register": rows}, f"{name}.xlsx")
        raise Http404("No such format")

    def sign_in_sheet_view(self, request, event_id):
        event = self._named_event(request, event_id)
        bookings = list(
            event.bookings.filter(status=Booking.Status.CONFIRMED)
            .select_related("resident__tenancy__home__block__estate", "walk_in_estate")
            .prefetch_related("access_needs")
            .order_by("resident__last_name", "resident__first_name", "walk_in_name", "pk")
        )
        return self._page(
            request,
            "admin/events/sign_in_sheet.html",
            title=f"Sign-in sheet: {event.title}",
            object=event,
            when=when_text(event.starts_at, event.ends_at),
            bookings=bookings,
            blank_rows=range(max(SIGN_IN_BLANK_ROWS, 25 - len(bookings))),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_attendance": request.user.has_perm("events.record_attendance"),
            "show_names": request.user.has_perm("events.record_attendance")
            and request.user.has_perm("engagement.view_resident"),
        }
        event = Event.objects.filter(pk=object_id if str(object_id).isdigit() else None).first()
        if event is not None:
            extra_context["support_needed"] = event_support_needed(event)
        if event is not None and event.kind == Event.Kind.SURGERY:
            series = list(surgery_series(event))
            if len(series) > 1:
                extra_context["surgery_series"] = series
                extra_context["surgery_series_chart"] = surgery_series_chart(series, title="this surgery series")
            extra_context["surgery_slots"] = slots_with_bookings(event)
        return super().change_view(request, object_id, form_url, extra_context)


def event_admin_link(event) -> str:
    return format_html('<a href="{}">{}</a>', reverse("admin:events_event_change", args=[event.pk]), event)


def _attendance_marks(posted) -> dict[int, str]:
    """{booking id: mark} from the register's radio buttons, named attendance-<booking id>.

    Anything else posted under that name (not a whole number) names no booking here and is left out.
    """
    marks = {}
    for key, value in posted.items():
        number = key.removeprefix("attendance-")
        if key.startswith("attendance-") and number.isascii() and number.isdigit():
            marks[int(number)] = value
    return marks


def _hours_given(posted) -> tuple[dict, dict]:
    """({booking id: hours or None}, {booking id: error}) from the register's boxes, named hours-<booking id>."""
    hours, errors = {}, {}
    for key, value in posted.items():
        number = key.removeprefix("hours-")
        if key.startswith("hours-") and number.isascii() and number.isdigit():
            try:
                hours[int(number)] = parse_hours(value)
            except HoursError as error:
                errors[int(number)] = str(error)
    return hours, errors
