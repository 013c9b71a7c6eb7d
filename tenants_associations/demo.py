"""Demo TRAs: one on most demo estates (engagement/demo.py ESTATES), committees and members from
the demo residents who live there, one TRA covering just one block, and one estate (Whitefoot
Lane) with no TRA where residents have registered interest in starting one.

Meetings are events (a general meeting and the AGM in What's on, a committee meeting for the
committee), made so that nobody is sent anything. Keyed on natural keys with dates counted from
today, so loading twice changes nothing.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from engagement.models import Block, Estate, Resident
from events.models import Event, Invitation
from events.services.events import event_create
from tenants_associations.models import (
    CommitteeRole,
    Membership,
    RecognitionStatus,
    StartingInterest,
    SupportGiven,
    TenantFundGrant,
    TenantsAssociation,
    TRADocument,
    TRAMeeting,
)
from tenants_associations.services.meetings import MeetingDetails, event_fields, tra_meeting_schedule
from tenants_associations.services.messages import committee_members

NO_TRA_ESTATE = "Whitefoot Lane"
# estate, status, days since last recognised (None: never), days to next AGM (None: not set)
TRAS = [
    ("Evelyn Gardens", RecognitionStatus.RECOGNISED, 200, 120),
    ("Crossfields", RecognitionStatus.RECOGNISED, 380, 20),  # review overdue, AGM due soon
    ("Honor Oak Rise", RecognitionStatus.RECOGNISED, 90, 250),
    ("Ladywell Fields", RecognitionStatus.RECOGNISED, 300, -10),  # AGM overdue
    ("Rushey Mead", RecognitionStatus.RECOGNISED, 150, 200),
    ("Bellingham Green", RecognitionStatus.RECOGNISED, 340, 60),  # review due soon
    ("Downham Fields", RecognitionStatus.RECOGNISED, 60, 300),
    ("Grove Park Close", RecognitionStatus.IN_FORMATION, None, 45),
    ("Sydenham Hill", RecognitionStatus.RECOGNISED, 30, 330),
    ("Perry Vale Court", RecognitionStatus.IN_FORMATION, None, None),
    ("Lee Manor", RecognitionStatus.LAPSED, 900, None),
]
# A TRA for one block only, beside the estate-wide ones.
BLOCK_TRA = ("Moorside House Residents", "Downham Fields", "Moorside House")
ROLES = [CommitteeRole.Role.CHAIR, CommitteeRole.Role.SECRETARY, CommitteeRole.Role.TREASURER]
DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _residents_on(estate: Estate) -> list[Resident]:
    return list(
        Resident.objects.filter(tenancy__home__block__estate=estate, user__isnull=False)
        .select_related("tenancy__home__block")
        .order_by("pk")
    )


def _tra(name: str, estate: Estate, status: str, recognised_days, agm_days) -> TenantsAssociation:
    today = timezone.localdate()
    tra, _ = TenantsAssociation.objects.get_or_create(
        slug=slugify(name),
        defaults={
            "name": name,
            "ward": estate.ward,
            "status": status,
            "recognised_on": today - timedelta(days=recognised_days) if recognised_days is not None else None,
            "next_agm_on": today + timedelta(days=agm_days) if agm_days is not None else None,
            "about": f"Residents of {estate.name} working together on repairs, safety and community events.",
        },
    )
    return tra


def _people(tra: TenantsAssociation, residents: list[Resident]) -> Resident | None:
    """Committee from the first three residents; about half the rest members; one asking to join."""
    today = timezone.localdate()
    now = timezone.now()
    committee, rest = residents[:3], residents[3:]
    for role, resident in zip(ROLES, committee, strict=False):
        Membership.objects.get_or_create(
            tra=tra, resident=resident, status=Membership.Status.MEMBER, defaults={"decided_at": now}
        )
        CommitteeRole.objects.get_or_create(
            tra=tra,
            role=role,
            defaults={
                "resident": resident,
                "term_starts_on": today - timedelta(days=200),
                "term_ends_on": today + timedelta(days=165),
            },
        )
    for resident in rest[: len(rest) // 2]:
        Membership.objects.get_or_create(
            tra=tra, resident=resident, status=Membership.Status.MEMBER, defaults={"decided_at": now}
        )
    if len(rest) > len(rest) // 2:
        Membership.objects.get_or_create(
            tra=tra, resident=rest[-1], status=Membership.Status.REQUESTED, defaults={"note": "I'd like to help."}
        )
    if committee and tra.status == RecognitionStatus.RECOGNISED:
        Membership.objects.filter(tra=tra, resident=committee[0]).update(is_representative=True)
    return committee[1] if len(committee) > 1 else None


def _seven_pm(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(19, 0)))


def _calendar_and_papers(tra: TenantsAssociation, estate: Estate) -> None:
    """A general meeting, the AGM and a committee meeting, as events. Nobody is sent anything."""
    place = f"{estate.blocks.order_by('name').first().name} community room"
    today = timezone.localdate()
    if not tra.meetings.filter(kind=TRAMeeting.Kind.GENERAL).exists():
        tra_meeting_schedule(
            tra=tra,
            kind=TRAMeeting.Kind.GENERAL,
            details=MeetingDetails(
                starts_at=_seven_pm(today + timedelta(days=21)), place=place, notes="All residents welcome."
            ),
        )
    if tra.next_agm_on and tra.next_agm_on >= today and not tra.meetings.filter(kind=TRAMeeting.Kind.AGM).exists():
        tra_meeting_schedule(
            tra=tra, kind=TRAMeeting.Kind.AGM, details=MeetingDetails(starts_at=_seven_pm(tra.next_agm_on), place=place)
        )
    committee = committee_members(tra)
    if committee and not tra.meetings.filter(kind=TRAMeeting.Kind.COMMITTEE).exists():
        # Made directly, with the committee marked as invited already: the demo sends no invitations.
        event = event_create(
            kind=Event.Kind.TRA_MEETING,
            title=f"{tra.name} committee meeting",
            organiser=tra.name,
            estate=estate,
            invitation_only=True,
            listed=False,
            publish=True,
            **event_fields(MeetingDetails(starts_at=_seven_pm(today + timedelta(days=10)), place=place), estate),
        )
        TRAMeeting.objects.create(tra=tra, kind=TRAMeeting.Kind.COMMITTEE, event=event)
        Invitation.objects.bulk_create(
            [Invitation(event=event, resident=resident, notified_at=timezone.now()) for resident in committee]
        )
    if (
        tra.status != RecognitionStatus.IN_FORMATION
        and not tra.documents.filter(kind=TRADocument.Kind.CONSTITUTION).exists()
    ):
        TRADocument.objects.create(
            tra=tra,
            kind=TRADocument.Kind.CONSTITUTION,
            title=f"{tra.name} constitution",
            file=ContentFile(DEMO_PDF, name="constitution.pdf"),
            original_name="constitution.pdf",
        )


def _support(tra: TenantsAssociation) -> None:
    today = timezone.localdate()
    SupportGiven.objects.get_or_create(
        tra=tra,
        kind=SupportGiven.Kind.TRAINING,
        defaults={
            "given_on": today - timedelta(days=75),
            "summary": "Committee skills training",
            "given_by": "Lewisham Tenants Fund",
        },
    )
    if tra.status == RecognitionStatus.IN_FORMATION:
        SupportGiven.objects.get_or_create(
            tra=tra,
            kind=SupportGiven.Kind.CONSTITUTION,
            defaults={
                "given_on": today - timedelta(days=20),
                "summary": "Model constitution explained",
                "given_by": "Engagement officer",
            },
        )
    else:
        TenantFundGrant.objects.get_or_create(
            tra=tra,
            purpose="Summer fun day",
            defaults={
                "amount": Decimal("450.00"),
                "status": TenantFundGrant.Status.PAID,
                "applied_on": today - timedelta(days=120),
                "decided_on": today - timedelta(days=100),
                "paid_on": today - timedelta(days=90),
            },
        )


@transaction.atomic
def load() -> list[str]:
    secretaries = []
    for estate_name, status, recognised_days, agm_days in TRAS:
        estate = Estate.objects.get(name=estate_name)
        tra = _tra(f"{estate_name} TRA", estate, status, recognised_days, agm_days)
        tra.estates.add(estate)
        if estate_name == BLOCK_TRA[1]:
            # The block TRA takes Moorside House's residents; the estate TRA the rest.
            residents = [r for r in _residents_on(estate) if r.tenancy.home.block.name != BLOCK_TRA[2]]
        else:
            residents = _residents_on(estate)
        secretary = _people(tra, residents)
        _calendar_and_papers(tra, estate)
        _support(tra)
        if secretary:
            secretaries.append((tra.name, secretary))

    name, estate_name, block_name = BLOCK_TRA
    estate = Estate.objects.get(name=estate_name)
    block = Block.objects.get(estate=estate, name=block_name)
    block_tra = _tra(name, estate, RecognitionStatus.IN_FORMATION, None, 60)
    block_tra.blocks.add(block)
    _people(block_tra, [r for r in _residents_on(estate) if r.tenancy.home.block_id == block.pk])
    _support(block_tra)

    no_tra = Estate.objects.get(name=NO_TRA_ESTATE)
    interested = _residents_on(no_tra)
    for number, resident in enumerate(interested):
        StartingInterest.objects.get_or_create(
            estate=no_tra,
            resident=resident,
            withdrawn_at=None,
            defaults={"could_help": number % 2 == 0, "note": "Somewhere for the children to play."},
        )

    lines = [
        f"{TenantsAssociation.objects.count()} TRAs, {Membership.objects.filter(status='member').count()} members; "
        f"{len(interested)} residents of {NO_TRA_ESTATE} (no TRA) want to start one.",
        "TRA secretaries sign in at /account/login/ (resident password) to manage their TRA:",
        *[f"  {tra_name:<28} {secretary.email}" for tra_name, secretary in secretaries[:3]],
    ]
    return lines
