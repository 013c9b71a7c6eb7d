"""The resident's panel applications and memberships, for "download my data"."""

from engagement.models import Resident
from panels.models import Membership, PanelApplication


def applications(resident: Resident) -> list[dict]:
    return [
        {
            "panel": application.panel.name,
            "seat": application.get_seat_display(),
            "status": application.get_status_display(),
            "started_at": application.created_at,
            "sent_at": application.submitted_at,
            "why_join": application.why_join,
            "experience": application.experience,
            "availability": application.availability,
            "access_needs": application.access_needs,
            "would_like_training": application.wants_training,
            "decided_at": application.decided_at,
            "message_from_us": application.decision_message,
            "withdrawn_at": application.withdrawn_at,
            "training_given": "; ".join(f"{t.course} ({t.given_on.isoformat()})" for t in application.training.all()),
        }
        for application in PanelApplication.objects.filter(resident=resident)
        .select_related("panel")
        .prefetch_related("training")
        .order_by("created_at")
    ]


def memberships(resident: Resident) -> list[dict]:
    return [
        {
            "panel": membership.panel.name,
            "role": membership.get_role_display(),
            "started_on": membership.started_on,
            "term_ends_on": membership.term_ends_on,
            "ended_on": membership.ended_on,
            "end_reason": membership.end_reason,
        }
        for membership in Membership.objects.filter(resident=resident).select_related("panel").order_by("started_on")
    ]
