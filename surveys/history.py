"""Surveys' part of a resident's history: their answers to named surveys (anonymous answers never name them)."""

from engagement.services.resident_history import HistoryEntry, admin_link
from surveys.models import Response


def named_responses(resident, *, limit):
    found = (
        Response.objects.filter(resident=resident, submitted_at__isnull=False)
        .select_related("survey")
        .order_by("-submitted_at")
    )
    return [
        HistoryEntry(
            at=response.submitted_at,
            what=f"Answered “{response.survey.title}”",
            detail=response.get_channel_display(),
            link=admin_link(response.survey),
        )
        for response in found[:limit]
    ]
