"""The resident's events data for "download my data": bookings (training courses and volunteering, with the hours
given, among them), invitations, walkabout requests, issues
(with their photos), suggestions, door-knocking visits and their private calendar link."""

from engagement.models import Resident
from events.models import (
    Booking,
    CalendarFeed,
    Invitation,
    Issue,
    Visit,
    WalkaboutRequest,
    WorkshopSuggestion,
    WorkshopSupport,
)
from events.services.training import hours_text


def bookings(resident: Resident) -> list[dict]:
    return [
        {
            "event": booking.event.title,
            "starts_at": booking.event.starts_at,
            "status": booking.get_status_display(),
            "booking_code": booking.code,
            "people_coming": booking.places,
            "how_you_booked": booking.get_how_asked_display(),
            "access_needs": "; ".join(need.label for need in booking.access_needs.all()),
            "interpreter_language": booking.interpreter_language,
            "other_access_needs": booking.access_needs_other,
            "attendance": booking.get_attendance_display(),
            "hours_volunteered": hours_text(booking.volunteer_hours),
            "booked_at": booking.created_at,
        }
        for booking in Booking.objects.filter(resident=resident)
        .select_related("event")
        .prefetch_related("access_needs")
    ]


def walkabout_requests(resident: Resident) -> list[dict]:
    return [
        {
            "estate": request.estate.name,
            "resident_group": request.group_name,
            "what_to_look_at": request.what_to_look_at,
            "suggested_dates": request.suggested_dates,
            "status": request.get_status_display(),
            "asked_at": request.created_at,
        }
        for request in WalkaboutRequest.objects.filter(resident=resident).select_related("estate")
    ]


def issues(resident: Resident) -> list[dict]:
    return [
        {
            "reference": issue.reference,
            "category": issue.category.name,
            "where": issue.location,
            "what": issue.description,
            "status": issue.get_status_display(),
            "target_date": issue.target_date,
            "raised_at": issue.created_at,
            "photo": issue.photo,
            "updates": " | ".join(update.text for update in issue.updates.all() if update.tell_resident),
        }
        for issue in Issue.objects.filter(raised_by=resident).select_related("category").prefetch_related("updates")
    ]


def workshop_suggestions(resident: Resident) -> list[dict]:
    suggested = [
        {"topic": s.topic, "details": s.details, "you": "suggested", "when": s.created_at}
        for s in WorkshopSuggestion.objects.filter(suggested_by=resident)
    ]
    supported = [
        {"topic": support.suggestion.topic, "details": "", "you": "supported", "when": support.created_at}
        for support in WorkshopSupport.objects.filter(resident=resident)
        .exclude(suggestion__suggested_by=resident)
        .select_related("suggestion")
    ]
    return suggested + supported


def invitations(resident: Resident) -> list[dict]:
    return [
        {"event": invitation.event.title, "starts_at": invitation.event.starts_at, "invited_at": invitation.invited_at}
        for invitation in Invitation.objects.filter(resident=resident).select_related("event").order_by("invited_at")
    ]


def visits(resident: Resident) -> list[dict]:
    """Door-knocking visits: when and what happened (officers' notes are left out, as on the account)."""
    return [
        {"round": visit.round.title, "visited_at": visit.recorded_at, "outcome": visit.get_outcome_display()}
        for visit in Visit.objects.filter(resident=resident).select_related("round").order_by("recorded_at")
    ]


def calendar_link(resident: Resident) -> list[dict]:
    return [
        {"private_calendar_link_made_at": feed.created_at} for feed in CalendarFeed.objects.filter(resident=resident)
    ]
