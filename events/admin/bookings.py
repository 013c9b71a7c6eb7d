from datetime import datetime, time, timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from engagement.admin.filters import SelectListFilter, date_range_filter
from engagement.admin.pagination import LargeListAdmin
from engagement.dates import date_text
from engagement.models import Estate
from engagement.versions import kept
from events.admin.forms import LinkWalkInForm
from events.models import Booking, Event
from events.services.attendance import WalkInLinkError, walk_in_link
from events.services.bookings import booking_cancel


def _event_choices(events) -> list[tuple]:
    return [
        (pk, f"{title} ({date_text(starts_at)})", starts_at)
        for pk, title, starts_at in events.order_by("starts_at").values_list("pk", "title", "starts_at")
    ]


def _events_around(today) -> list[tuple]:
    """Events from a month before `today` to three months after it, soonest first."""
    starts = timezone.make_aware(datetime.combine(today - timedelta(days=31), time.min))
    ends = timezone.make_aware(datetime.combine(today + timedelta(days=93), time.min))
    return _event_choices(Event.objects.filter(starts_at__range=(starts, ends)))


class EventFilter(SelectListFilter):
    """Events from a month ago to three months ahead are listed; any event's bookings open from its "places" link."""

    title = "event"
    parameter_name = "event"

    def lookups(self, request, model_admin):
        # Kept until an event changes (engagement.versions): a large landlord has hundreds in the window, and
        # writing them out on every visit to the bookings list cost more than the rest of the page.
        today = timezone.localdate()
        events = kept("admin_booking_event_choices", lambda: _events_around(today), Event, key=(today,))
        chosen = self.value()
        if chosen and chosen.isascii() and chosen.isdigit() and int(chosen) not in {pk for pk, *_ in events}:
            events = sorted([*events, *_event_choices(Event.objects.filter(pk=chosen))], key=lambda event: event[2])
        return [(pk, label) for pk, label, _starts_at in events]

    def queryset(self, request, queryset):
        value = self.value()
        if value:
            return queryset.filter(event_id=value) if value.isascii() and value.isdigit() else queryset.none()
        return queryset


class PersonEstateFilter(SelectListFilter):
    """Where the person lives: a resident's tenancy, or the estate a walk-in gave."""

    title = "estate they live on"
    parameter_name = "estate"

    def lookups(self, request, model_admin):
        return Estate.objects.values_list("id", "name")

    def queryset(self, request, queryset):
        value = self.value()
        if value:
            if not (value.isascii() and value.isdigit()):
                return queryset.none()
            return queryset.filter(Q(resident__tenancy__home__block__estate_id=value) | Q(walk_in_estate_id=value))
        return queryset


@admin.register(Booking)
class BookingAdmin(LargeListAdmin, admin.ModelAdmin):
    """Who booked: for officers only, never public."""

    list_display = ["code", "event", "person", "status", "source", "how_asked", "places", "attendance", "created_at"]
    list_filter = [
        EventFilter,
        PersonEstateFilter,
        date_range_filter("event__starts_at", "event date", "event"),
        "status",
        "source",
        "how_asked",
        "attendance",
        "event__kind",
    ]
    list_select_related = ["event", "resident"]
    search_fields = ["code", "resident__last_name", "resident__email", "walk_in_name", "event__title"]
    autocomplete_fields = ["resident"]
    readonly_fields = [
        "event",
        "resident",
        "code",
        "status",
        "source",
        "how_asked",
        "booked_by",
        "places",
        "created_at",
        "offered_at",
        "offer_expires_at",
        "cancelled_at",
        "checked_in_at",
        "attendance_recorded_by",
        # Recorded on the opportunity's attendance register, where hours given also mark the volunteer as come.
        "volunteer_hours",
    ]
    exclude = ["offer_token"]
    actions = ["cancel_bookings"]
    change_form_template = "admin/events/booking/change_form.html"

    @admin.display(ordering="resident__last_name")
    def person(self, booking):
        return booking.person_name

    @admin.action(
        description="Cancel the selected bookings (each resident is told; the place goes to the next in line)",
        permissions=["change"],
    )
    def cancel_bookings(self, request, queryset):
        # Officers cancel rather than delete: the booking stays in the event's history.
        active = queryset.filter(status__in=Booking.ACTIVE)
        cancelled = [booking_cancel(booking=booking, by_officer=True) for booking in active.select_related("event")]
        self.message_user(request, f"{len(cancelled)} booking(s) cancelled.", messages.SUCCESS)
        skipped = queryset.count() - len(cancelled)
        if skipped:
            self.message_user(request, f"{skipped} were already cancelled or lapsed.", messages.WARNING)

    def has_add_permission(self, request):
        # Residents book online; officers book for them from the event ("Book a resident") and add
        # walk-ins on the attendance register, where the event's rules are applied.
        return False

    def get_urls(self):
        return [
            path(
                "<int:booking_id>/link-resident/",
                self.admin_site.admin_view(self.link_resident_view),
                name="events_booking_link_resident",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        booking = self.get_object(request, object_id)
        linkable = (
            booking is not None
            and booking.source == Booking.Source.WALK_IN
            and booking.resident_id is None
            and self.has_change_permission(request, booking)
        )
        extra_context = {**(extra_context or {}), "can_link_resident": linkable}
        return super().change_view(request, object_id, form_url, extra_context)

    def link_resident_view(self, request, booking_id):
        """Link a walk-in known only by name to the resident's record, once they are found."""
        booking = get_object_or_404(Booking.objects.select_related("event", "walk_in_estate"), pk=booking_id)
        if not self.has_change_permission(request, booking):
            raise PermissionDenied
        form = LinkWalkInForm(request.POST or None, admin_site=self.admin_site)
        if request.method == "POST" and form.is_valid():
            try:
                walk_in_link(booking=booking, resident=form.cleaned_data["resident"])
            except WalkInLinkError as error:
                form.add_error("resident", str(error))
            else:
                self.message_user(
                    request,
                    f"{booking.walk_in_name} is now linked to {form.cleaned_data['resident'].full_name}'s record.",
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:events_booking_change", args=[booking.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Link the walk-in {booking.walk_in_name} to a resident record",
            "booking": booking,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/events/booking/link_resident.html", context)
