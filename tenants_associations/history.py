"""TRAs' part of a resident's history: asking to join, membership, and committee roles."""

from engagement.dates import date_text
from engagement.services.resident_history import HistoryEntry, admin_link, at_start_of
from tenants_associations.models import CommitteeRole, Membership


def memberships(resident, *, limit):
    found = Membership.objects.filter(resident=resident).select_related("tra").order_by("-requested_at")
    entries = [
        HistoryEntry(
            at=membership.requested_at,
            what=f"Asked to join {membership.tra.name}",
            detail=membership.get_status_display(),
            link=admin_link(membership),
        )
        for membership in found[:limit]
    ]
    roles = CommitteeRole.objects.filter(resident=resident).select_related("tra").order_by("-term_starts_on")
    entries += [
        HistoryEntry(
            at=at_start_of(role.term_starts_on),
            what=f"{role.title or role.get_role_display()} of {role.tra.name}",
            detail=f"Until {date_text(role.term_ends_on)}" if role.term_ends_on else "Committee",
            link=admin_link(role),
        )
        for role in roles[:limit]
    ]
    return entries
