"""Residents and homes' part of a resident's history: consent given or withdrawn, officers' notes,
and requests for another language or format."""

from engagement.dates import date_text
from engagement.models import ConsentChange, FormatRequest, OfficerNote
from engagement.services.resident_history import HistoryEntry, admin_link


def consent_changes(resident, *, limit):
    changes = ConsentChange.objects.filter(resident=resident).select_related("recorded_by").order_by("-changed_at")
    return [
        HistoryEntry(
            at=change.changed_at,
            what=f"{'Gave' if change.given else 'Withdrew'} consent: {change.get_purpose_display()} by "
            f"{change.get_channel_display().lower()}",
            detail=change.get_source_display()
            + (f" (recorded by {change.recorded_by.email})" if change.recorded_by_id else ""),
        )
        for change in changes[:limit]
    ]


def officer_notes(resident, *, limit):
    notes = OfficerNote.objects.filter(resident=resident).select_related("author").order_by("-created_at")
    return [
        HistoryEntry(at=note.created_at, what=note.text, detail=note.author.email if note.author_id else "")
        for note in notes[:limit]
    ]


def format_requests(resident, *, limit):
    asked = FormatRequest.objects.filter(resident=resident).order_by("-received_at")
    return [
        HistoryEntry(
            at=request.received_at,
            what=f"Asked for {request.about} in another format: {request.format_text}",
            detail=f"{request.get_status_display()}, due by {date_text(request.due_by)}",
            link=admin_link(request),
        )
        for request in asked[:limit]
    ]
