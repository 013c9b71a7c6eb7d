"""Residents and homes' part of a resident's history: consent given or withdrawn, and officers' notes."""

from engagement.models import ConsentChange, OfficerNote
from engagement.services.resident_history import HistoryEntry


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
