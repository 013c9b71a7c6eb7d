"""Erasing a resident from events: bookings, invitations and attendance stay (they are the counts);
what they wrote loses what identifies them; their photos and calendar link go."""

from engagement.models import Resident
from engagement.redaction import Redactor
from events.models import (
    Booking,
    CalendarFeed,
    Issue,
    IssueUpdate,
    Visit,
    WalkaboutRequest,
    WorkshopSuggestion,
)


def events_erase(resident: Resident, redact: Redactor) -> None:
    for booking in Booking.objects.filter(resident=resident):
        booking.access_needs.clear()
    Booking.objects.filter(resident=resident).update(interpreter_language="", access_needs_other="")
    CalendarFeed.objects.filter(resident=resident).delete()
    for issue in Issue.objects.filter(raised_by=resident).exclude(photo=""):
        issue.photo.delete(save=False)
        issue.save(update_fields=["photo"])
    redact.redact_rows(Issue.objects.all(), "location", "description")
    redact.redact_rows(IssueUpdate.objects.all(), "text")
    redact.redact_rows(
        WalkaboutRequest.objects.all(), "group_name", "what_to_look_at", "suggested_dates", "officer_reply"
    )
    redact.redact_rows(WorkshopSuggestion.objects.all(), "topic", "details")
    redact.redact_rows(Visit.objects.all(), "notes")
    redact.redact_rows(Booking.objects.all(), "walk_in_name")
