"""Events' part of a resident's history: bookings and whether they came (courses completed, hours volunteered), walkabouts asked for, issues raised,
and door-knocking visits to them."""

from engagement.dates import date_text
from engagement.services.resident_history import HistoryEntry, admin_link
from events.models import Booking, Event, Issue, Visit, WalkaboutRequest
from events.services.training import hours_text


def bookings(resident, *, limit):
    found = Booking.objects.filter(resident=resident).select_related("event").order_by("-created_at")
    entries = []
    for booking in found[:limit]:
        detail = booking.get_status_display()
        if booking.status == Booking.Status.CONFIRMED and booking.attendance:
            detail = booking.get_attendance_display()
        if booking.source == Booking.Source.WALK_IN:
            detail += " (walk-in)"
        if booking.event.kind == Event.Kind.TRAINING and booking.attendance == Booking.Attendance.ATTENDED:
            detail += ": course completed"
        if booking.volunteer_hours:
            detail += f" · {hours_text(booking.volunteer_hours)} hours volunteered"
        entries.append(
            HistoryEntry(
                at=booking.created_at,
                what=f"{booking.event.title}, {date_text(booking.event.starts_at, weekday=True)}",
                detail=f"{detail} · {booking.places} place{'s' if booking.places != 1 else ''} · code {booking.code}",
                link=admin_link(booking),
            )
        )
    return entries


def walkabout_requests(resident, *, limit):
    found = WalkaboutRequest.objects.filter(resident=resident).select_related("estate").order_by("-created_at")
    return [
        HistoryEntry(
            at=request.created_at,
            what=f"Asked for a walkabout on {request.estate.name}",
            detail=request.get_status_display(),
            link=admin_link(request),
        )
        for request in found[:limit]
    ]


def issues(resident, *, limit):
    found = Issue.objects.filter(raised_by=resident).select_related("category").order_by("-created_at")
    return [
        HistoryEntry(
            at=issue.created_at,
            what=f"{issue.reference}: {issue.category.name} at {issue.location}",
            detail=issue.get_status_display(),
            link=admin_link(issue),
        )
        for issue in found[:limit]
    ]


def visits(resident, *, limit):
    found = Visit.objects.filter(resident=resident).select_related("round", "recorded_by").order_by("-recorded_at")
    return [
        HistoryEntry(
            at=visit.recorded_at,
            what=f"Door-knocking: {visit.round.title}",
            detail=visit.get_outcome_display() + (f" · {visit.notes}" if visit.notes else ""),
            link=admin_link(visit.round),
        )
        for visit in found[:limit]
    ]
