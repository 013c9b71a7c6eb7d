"""Panels' part of a resident's history: applications to join, and memberships."""

from engagement.dates import date_text
from engagement.services.resident_history import HistoryEntry, admin_link, at_start_of
from panels.models import Membership, PanelApplication


def applications(resident, *, limit):
    found = PanelApplication.objects.filter(resident=resident).select_related("panel").order_by("-created_at")
    return [
        HistoryEntry(
            at=application.submitted_at or application.created_at,
            what=f"Applied to join {application.panel.name}",
            detail=application.get_status_display(),
            link=admin_link(application),
        )
        for application in found[:limit]
    ]


def memberships(resident, *, limit):
    found = Membership.objects.filter(resident=resident).select_related("panel").order_by("-started_on")
    return [
        HistoryEntry(
            at=at_start_of(membership.started_on),
            what=f"{membership.get_role_display()} of {membership.panel.name}",
            detail=f"Ended {date_text(membership.ended_on)}" if membership.ended_on else "Current",
            link=admin_link(membership),
        )
        for membership in found[:limit]
    ]
