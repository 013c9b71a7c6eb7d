"""The resident's events data for "download my data": bookings, walkabout requests, issues, suggestions."""

from engagement.models import Resident
from events.models import (
    Booking,
    Issue,
    WalkaboutRequest,
    WorkshopSuggestion,
    WorkshopSupport,
)


def bookings(resident: Resident) -> list[dict]:
    return [
        {
            "event": booking.event.title,
            "starts_at": booking.event.starts_at,
            "status": booking.get_status_display(),
            "booking_code": booking.code,
            "people_coming": booking.places,
            "access_needs": "; ".join(need.label for need in booking.access_needs.all()),
            "interpreter_language": booking.interpreter_language,
            "other_access_needs": booking.access_needs_other,
            "attendance": booking.get_attendance_display(),
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
            "has_photo": bool(issue.photo),
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
