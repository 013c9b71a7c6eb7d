"""Joining and leaving a TRA, and the committee's answer to a request to join."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import Resident
from engagement.services.involvement import involvement_changed
from tenants_associations.models import CommitteeRole, Membership, TenantsAssociation
from tenants_associations.rules import lives_in_area_of
from tenants_associations.services.meetings import committee_invitations_refresh
from tenants_associations.services.messages import membership_contacts, tra_personalisation


class MembershipRefused(Exception):
    """Why this cannot happen, in words we can show the resident or committee member."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.code = code


def _where(resident: Resident) -> str:
    home = resident.home
    return home.block.name if home else ""


@transaction.atomic
def membership_request(*, tra: TenantsAssociation, resident: Resident, note: str = "") -> Membership:
    """Ask to join. The secretary (or the TRA's officers) are told and answer on the site."""
    if not resident.has_verified_tenancy:
        raise MembershipRefused(_("Confirm your tenancy before you ask to join a TRA"), code="no_tenancy")
    if not lives_in_area_of(resident, tra):
        raise MembershipRefused(_("%(tra)s does not cover your home") % {"tra": tra.name}, code="not_covered")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(tra=tra, resident=resident, note=note.strip())
    except IntegrityError:
        raise MembershipRefused(
            _("You have already asked to join %(tra)s") % {"tra": tra.name}, code="already_open"
        ) from None

    personalisation = {
        **tra_personalisation(tra),
        "resident_name": resident.full_name,
        "block": _where(resident),
        "note": membership.note,
        "review_url": site_url("tenants_associations:committee_request", slug=tra.slug, membership_id=membership.pk),
    }
    contacts = membership_contacts(tra)
    for contact in contacts:
        message_queue(
            template="tenants_associations.membership_requested",
            key=f"tra-membership-requested:{membership.pk}:{contact.pk}",
            resident=contact,
            personalisation=personalisation,
        )
    if not contacts:
        # A TRA with no committee on record yet: officers answer from admin.
        message_queue(
            template="tenants_associations.membership_requested",
            key=f"tra-membership-requested:{membership.pk}:community-relations",
            to_address=settings.COMMUNITY_RELATIONS_EMAIL,
            personalisation={
                **personalisation,
                "review_url": site_url("admin:tenants_associations_membership_changelist"),
            },
        )
    return membership


def _lock_request(membership: Membership) -> Membership:
    locked = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("tra", "resident__tenancy__home")
        .get(pk=membership.pk)
    )
    if locked.status != Membership.Status.REQUESTED:
        raise MembershipRefused(
            f"This request has already been answered: {locked.get_status_display().lower()}", code="already_decided"
        )
    return locked


@transaction.atomic
def membership_accept(*, membership: Membership, decided_by) -> Membership:
    membership = _lock_request(membership)
    membership.status = Membership.Status.MEMBER
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    involvement_changed([membership.resident_id])
    message_queue(
        template="tenants_associations.membership_accepted",
        key=f"tra-membership-accepted:{membership.pk}",
        resident=membership.resident,
        personalisation=tra_personalisation(membership.tra),
    )
    return membership


@transaction.atomic
def membership_decline(*, membership: Membership, decided_by, reason: str = "") -> Membership:
    membership = _lock_request(membership)
    membership.status = Membership.Status.DECLINED
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.decline_reason = reason.strip()
    membership.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    message_queue(
        template="tenants_associations.membership_declined",
        key=f"tra-membership-declined:{membership.pk}",
        resident=membership.resident,
        personalisation={**tra_personalisation(membership.tra), "reason": membership.decline_reason},
    )
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership) -> Membership:
    """Leave (or withdraw a request). Leaving also ends any seat on the committee."""
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("tra", "resident__tenancy__home")
        .get(pk=membership.pk)
    )
    if membership.status not in Membership.OPEN:
        raise MembershipRefused(_("You are not a member of %(tra)s") % {"tra": membership.tra.name}, code="not_open")
    was_member = membership.status == Membership.Status.MEMBER
    membership.status = Membership.Status.LEFT
    membership.left_at = timezone.now()
    membership.is_representative = False
    membership.save(update_fields=["status", "left_at", "is_representative"])
    _end_committee_roles(membership)
    involvement_changed([membership.resident_id])

    tra = membership.tra
    message_queue(
        template="tenants_associations.membership_left",
        key=f"tra-membership-left:{membership.pk}",
        resident=membership.resident,
        personalisation={**tra_personalisation(tra), "was_member": was_member},
    )
    if was_member:
        for contact in membership_contacts(tra):
            message_queue(
                template="tenants_associations.member_left",
                key=f"tra-member-left:{membership.pk}:{contact.pk}",
                resident=contact,
                personalisation={
                    **tra_personalisation(tra),
                    "resident_name": membership.resident.full_name,
                    "members_url": site_url("tenants_associations:committee_members", slug=tra.slug),
                },
            )
    return membership


def _end_committee_roles(membership: Membership) -> None:
    today = timezone.localdate()
    roles = CommitteeRole.objects.filter(tra=membership.tra, resident=membership.resident)
    removed, _by_model = roles.filter(term_starts_on__gte=today).delete()
    ended = roles.current(today).update(term_ends_on=today - timedelta(days=1))
    if removed or ended:
        # Off the committee, so off its meetings still to come.
        committee_invitations_refresh(tra=membership.tra)


@transaction.atomic
def membership_representative_set(*, membership: Membership, is_representative: bool) -> Membership:
    """Mark (or unmark) a member as representing the TRA on panels."""
    membership = Membership.objects.select_for_update(of=("self",)).get(pk=membership.pk)
    if is_representative and membership.status != Membership.Status.MEMBER:
        raise MembershipRefused(_("Only members can represent the TRA"), code="not_member")
    membership.is_representative = is_representative
    membership.save(update_fields=["is_representative"])
    return membership


def membership_ensure(*, tra: TenantsAssociation, resident: Resident, decided_by=None) -> Membership:
    """Make the resident a member without a request (officers setting up a committee in admin)."""
    membership = Membership.objects.open().filter(tra=tra, resident=resident).first()
    if membership is None:
        membership = Membership.objects.create(
            tra=tra,
            resident=resident,
            status=Membership.Status.MEMBER,
            decided_at=timezone.now(),
            decided_by=decided_by,
        )
    elif membership.status == Membership.Status.REQUESTED:
        membership.status = Membership.Status.MEMBER
        membership.decided_at = timezone.now()
        membership.decided_by = decided_by
        membership.save(update_fields=["status", "decided_at", "decided_by"])
    involvement_changed([resident.pk])
    return membership
