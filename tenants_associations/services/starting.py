"""Starting a TRA where there is none: residents register interest, officers are told when
enough have, and invite them all to a first meeting in one step."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement import roles
from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import Estate, Resident, User
from events.models import Event
from events.services.events import event_create, staff_or_none
from tenants_associations.models import StartingInterest, TenantsAssociation, TRAMeeting, TRASettings
from tenants_associations.services.meetings import MeetingDetails, event_fields, meeting_personalisation


class InterestRefused(Exception):
    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.code = code


def _estate_of(resident: Resident) -> Estate:
    if not resident.has_verified_tenancy or resident.home is None:
        raise InterestRefused(_("Confirm your tenancy so we know which estate you live on"), code="no_tenancy")
    return resident.home.block.estate


@transaction.atomic
def starting_interest_register(*, resident: Resident, could_help: bool, note: str = "") -> StartingInterest:
    """Record that a resident would like a TRA on their estate; tell officers if that makes enough."""
    estate = _estate_of(resident)
    if TenantsAssociation.objects.covering_home(resident.home).active().exists():
        raise InterestRefused(_("There is already a TRA for your home"), code="covered")
    try:
        with transaction.atomic():
            interest = StartingInterest.objects.create(
                estate=estate, resident=resident, could_help=could_help, note=note.strip()
            )
    except IntegrityError:
        raise InterestRefused(_("You have already registered interest"), code="already_registered") from None
    _tell_officers_if_enough(estate)
    return interest


def starting_interest_withdraw(*, interest: StartingInterest) -> StartingInterest:
    if interest.withdrawn_at is None:
        interest.withdrawn_at = timezone.now()
        interest.save(update_fields=["withdrawn_at"])
    return interest


def _tell_officers_if_enough(estate: Estate) -> None:
    """Email every engagement officer once the estate's waiting interest reaches the threshold.

    Once per round: after a first meeting invitation the count starts again, and a new
    round can tell officers again. The idempotency key makes a second call a no-op.
    """
    waiting = StartingInterest.objects.waiting().filter(estate=estate).count()
    threshold = TRASettings.current().interest_threshold
    if waiting < threshold:
        return
    round_number = TRAMeeting.objects.filter(kind=TRAMeeting.Kind.FIRST, event__estate=estate).count() + 1
    officers = User.objects.filter(groups__name=roles.ENGAGEMENT_OFFICER, is_active=True).exclude(email="")
    for officer in officers.order_by("pk"):
        message_queue(
            template="tenants_associations.interest_threshold_reached",
            key=f"tra-interest-threshold:{estate.pk}:{round_number}:{officer.pk}",
            to_address=officer.email,
            personalisation={
                "estate": estate.name,
                "waiting": waiting,
                "threshold": threshold,
                "interest_url": site_url("admin:tenants_associations_startinginterest_by_estate"),
            },
        )


@dataclass(frozen=True)
class EstateInterest:
    estate: Estate
    waiting: int
    could_help: int
    invited: int
    threshold_reached: bool


def interest_by_estate() -> list[EstateInterest]:
    """Per estate with any interest registered: how many are waiting, could help, were invited."""
    threshold = TRASettings.current().interest_threshold
    live = Q(tra_starting_interests__withdrawn_at__isnull=True)
    waiting = live & Q(tra_starting_interests__invited_to__isnull=True)
    estates = (
        Estate.objects.select_related("ward")
        .annotate(
            waiting=Count("tra_starting_interests", filter=waiting),
            could_help=Count("tra_starting_interests", filter=waiting & Q(tra_starting_interests__could_help=True)),
            invited=Count("tra_starting_interests", filter=live & Q(tra_starting_interests__invited_to__isnull=False)),
        )
        .filter(Q(waiting__gt=0) | Q(invited__gt=0))
        .order_by("-waiting", "name")
    )
    return [
        EstateInterest(
            estate=estate,
            waiting=estate.waiting,
            could_help=estate.could_help,
            invited=estate.invited,
            threshold_reached=estate.waiting >= threshold,
        )
        for estate in estates
    ]


@transaction.atomic
def first_meeting_invite(*, estate: Estate, details: MeetingDetails, invited_by) -> TRAMeeting:
    """Schedule a first meeting for the estate and invite everyone whose interest is waiting, in one step.

    The meeting is an event in What's on, open to the estate's residents: each invitation carries
    its link, where residents say they are coming (and any neighbour can too).
    """
    event = event_create(
        kind=Event.Kind.TRA_MEETING,
        title=f"First meeting of a new TRA for {estate.name}",
        estate=estate,
        eligible_estates=[estate],
        lead_officer=staff_or_none(invited_by),
        created_by=invited_by,
        publish=True,
        **event_fields(details, estate),
    )
    meeting = TRAMeeting.objects.create(kind=TRAMeeting.Kind.FIRST, event=event)
    waiting = list(
        StartingInterest.objects.waiting()
        .filter(estate=estate)
        .select_for_update(of=("self",))
        .select_related("resident__tenancy__home")
    )
    personalisation = {"estate": estate.name, **meeting_personalisation(meeting)}
    for interest in waiting:
        message_queue(
            template="tenants_associations.first_meeting_invitation",
            key=f"tra-first-meeting:{meeting.pk}:{interest.resident_id}",
            resident=interest.resident,
            personalisation=personalisation,
        )
    StartingInterest.objects.filter(pk__in=[interest.pk for interest in waiting]).update(invited_to=meeting)
    return meeting
