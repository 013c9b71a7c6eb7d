"""Check-in at the door, on a tablet: find someone by name, booking code or address (or scan the QR code
on their confirmation), tap once to mark them arrived, and see how many have come. A plain form; the
page's script only makes the search answer as you type."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.http import urlencode

from events.admin.forms import CheckInSearchForm
from events.models import Event
from events.rules import attendance_recording
from events.services.attendance import (
    CHECK_IN_MATCHES_SHOWN,
    CheckInError,
    attendance_check_in,
    check_in_counts,
    check_in_find,
    check_in_undo,
)

# Ticked (or carried in the link) when the officer has confirmed the event started early.
EARLY = "early"


class CheckInPages:
    """Mixed into EventAdmin (needs its `_page` and `message_user`)."""

    def check_in_urls(self):
        view = self.admin_site.admin_view
        return [path("<int:event_id>/check-in/", view(self.check_in_view), name="events_event_check_in")]

    def check_in_view(self, request, event_id):
        event = get_object_or_404(Event.objects.select_related("venue", "estate"), pk=event_id)
        if not request.user.has_perm("events.record_attendance"):
            raise PermissionDenied
        recording = attendance_recording(event=event)
        early = not recording.allowed and request.POST.get(EARLY, request.GET.get(EARLY)) == "1"
        if request.method == "POST":
            return self._check_in_tap(request, event, may_record=recording.allowed or early)
        search = CheckInSearchForm(request.GET)
        typed = search.cleaned_data["q"] if search.is_valid() else ""
        found = list(check_in_find(event=event, typed=typed)[: CHECK_IN_MATCHES_SHOWN + 1])
        return self._page(
            request,
            "admin/events/check_in.html",
            title=f"Check-in: {event}",
            object=event,
            search=search,
            typed=typed,
            bookings=found[:CHECK_IN_MATCHES_SHOWN],
            more=len(found) > CHECK_IN_MATCHES_SHOWN,
            counts=check_in_counts(event),
            not_started=None if recording.allowed else recording.reason,
            early=early,
        )

    def _check_in_tap(self, request, event, *, may_record: bool):
        typed = request.POST.get("q", "")[:100]
        back = request.path + "?" + urlencode({"q": typed, **({EARLY: "1"} if request.POST.get(EARLY) else {})})
        code = request.POST.get("code", "")[:10]
        if not may_record:
            self.message_user(request, "Nothing was recorded: this event has not started yet.", messages.WARNING)
        elif request.POST.get("action") == "undo":
            booking = check_in_undo(event=event, code=code, by=request.user)
            if booking is not None:
                self.message_user(request, f"{booking.person_name} is no longer marked as arrived.", messages.INFO)
        else:
            try:
                booking = attendance_check_in(event=event, code=code, by=request.user)
            except CheckInError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, f"{booking.person_name} checked in.", messages.SUCCESS)
        return redirect(back)
