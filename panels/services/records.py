"""Memberships ending and changing, minutes approved, and outcomes published."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.dates import date_text
from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import Resident
from engagement.services.involvement import involvement_changed
from panels.models import Membership, Panel, PanelMeeting, Recommendation
from panels.services import PanelError
from panels.services.meetings import member_meetings_uninvite


def _check_end_date(membership: Membership, on: date) -> None:
    if on > timezone.localdate():
        raise PanelError(_("A membership can only be ended today or on a date in the past."))
    if on < membership.started_on:
        raise PanelError(
            _("The membership started on %(day)s: it cannot end before that.")
            % {"day": date_text(membership.started_on)}
        )


@transaction.atomic
def membership_end(*, membership: Membership, on: date, reason: str) -> Membership:
    """End a membership. It is kept, with its dates, as part of the panel's history."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_current:
        raise PanelError(_("This membership has already ended."))
    _check_end_date(membership, on)
    membership.ended_on = on
    membership.end_reason = reason
    membership.save(update_fields=["ended_on", "end_reason"])
    involvement_changed([membership.resident_id])
    member_meetings_uninvite(membership=membership)
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, on: date) -> Membership:
    """End the current membership and start another with the new role, so the history shows both."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_current:
        raise PanelError(_("This membership has ended. Add a new membership instead."))
    if role == membership.role:
        raise PanelError(
            _("%(name)s is already %(role)s.")
            % {"name": membership.member_name, "role": membership.get_role_display().lower()}
        )
    if (role == Membership.Role.STAFF_MEMBER) != (membership.staff_user_id is not None):
        raise PanelError(_("Only members of staff hold staff member seats."))
    _check_end_date(membership, on)
    membership.ended_on = on
    membership.end_reason = f"Became {Membership.Role(role).label.lower()}"
    membership.save(update_fields=["ended_on", "end_reason"])
    return Membership.objects.create(
        panel=membership.panel,
        resident=membership.resident,
        staff_user=membership.staff_user,
        role=role,
        started_on=on,
        term_ends_on=membership.term_ends_on,
        application=None,
    )


@transaction.atomic
def meeting_minutes_approve(*, meeting: PanelMeeting, approved_by) -> PanelMeeting:
    """Approve the minutes: from now on they are shown (publicly, for panels that publish)."""
    meeting = PanelMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_approved:
        raise PanelError(_("These minutes are already approved."))
    if not meeting.minutes.strip():
        raise PanelError(_("There are no minutes to approve yet. Add them first."))
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = approved_by
    meeting.save(update_fields=["minutes_approved_at", "minutes_approved_by"])
    return meeting


@transaction.atomic
def recommendations_publish(*, panel: Panel) -> int:
    """Publish the recommendations the council has responded to, and tell everyone who sat on the panel.

    Past members are told too: a task and finish panel has often finished, and its members'
    seats ended, by the time the council responds. Returns how many were published.
    """
    ready = list(
        Recommendation.objects.select_for_update()
        .filter(panel=panel, published_at__isnull=True)
        .exclude(response=Recommendation.Response.AWAITING)
        .order_by("number")
    )
    if not ready:
        return 0
    now = timezone.now()
    Recommendation.objects.filter(pk__in=[r.pk for r in ready]).update(published_at=now)
    latest = max(r.pk for r in ready)
    members = Resident.objects.with_home().filter(panel_memberships__panel=panel).distinct()
    for resident in members:
        message_queue(
            template="panels.outcomes_published",
            # One message per resident per publication; publishing nothing new sends nothing.
            key=f"panel-outcomes-published:{panel.pk}:{latest}:{resident.pk}",
            resident=resident,
            personalisation={
                "panel_name": panel.name,
                "published_count": len(ready),
                "accepted_count": sum(r.response == Recommendation.Response.ACCEPTED for r in ready),
                "panel_url": site_url("panels:detail", slug=panel.slug) + "#outcomes",
            },
        )
    return len(ready)
