"""Demo TRAs: one on most demo estates (engagement/demo.py ESTATES), committees and members from
the demo residents who live there, one TRA covering just one block, and one estate (Whitefoot
Lane) with no TRA where residents have registered interest in starting one.

Meetings are events (a general meeting and the AGM in What's on, a committee meeting for the
committee), made so that nobody is sent anything. Keyed on natural keys with dates counted from
today, so loading twice changes nothing.
"""

import contextlib
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from engagement.models import Block, Estate, Resident
from events.models import Event, Invitation, Venue
from events.services.events import event_create
from tenants_associations.models import (
    CommitteeRole,
    CommunityRoom,
    Membership,
    OpeningHours,
    RecognitionStatus,
    ResourceCentre,
    RoomBooking,
    StartingInterest,
    SupportGiven,
    TenantFundGrant,
    TenantManagementOrganisation,
    TenantsAssociation,
    TRADocument,
    TRAMeeting,
)
from tenants_associations.services.meetings import MeetingDetails, event_fields, tra_meeting_schedule
from tenants_associations.services.messages import committee_members
from tenants_associations.services.rooms import RoomBookingRefused, RoomRequest, room_book

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


# Like the council's two resource centres (Taplow in Walworth, Albrighton in East Dulwich), with a community
# room on an estate beside them: name, kind, estate, address, postcode, about, facilities, hours, rooms.
WEEKDAYS, SATURDAY = range(5), 5
CENTRES = [
    {
        "name": "Taplow Resource Centre",
        "kind": ResourceCentre.Kind.RESOURCE_CENTRE,
        "estate": "Evelyn Gardens",
        "address": "Taplow House\nThurlow Street\nLondon",
        "postcode": "SE8 3TA",
        "about": "Computers, free internet access and printing for residents and residents' groups, and rooms "
        "TRAs can book for meetings. Staff from the Resident Involvement team are here to help.",
        "facilities": {"computers": True, "free_internet": True, "printing": True, "step_free_access": True},
        "hours": [(day, time(9), time(20)) for day in WEEKDAYS] + [(SATURDAY, time(10), time(14))],
        "rooms": [("Meeting room 1", 20, True, True, True), ("Main hall", 80, True, True, True)],
    },
    {
        "name": "Albrighton Resource Centre",
        "kind": ResourceCentre.Kind.RESOURCE_CENTRE,
        "estate": "Honor Oak Rise",
        "address": "Albrighton Road\nLondon",
        "postcode": "SE4 1AB",
        "about": "Computers, free internet access and printing, and a meeting room for TRAs and residents' groups.",
        "facilities": {"computers": True, "free_internet": True, "printing": True, "step_free_access": False},
        "hours": [(day, time(10), time(13)) for day in WEEKDAYS] + [(day, time(14), time(18)) for day in WEEKDAYS],
        "rooms": [("Meeting room", 15, False, True, True), ("Office", 4, False, False, False)],
    },
    {
        "name": "Foreshore House community room",
        "kind": ResourceCentre.Kind.COMMUNITY_ROOM,
        "estate": "Evelyn Gardens",
        "address": "Foreshore House\nEvelyn Gardens\nLondon",
        "postcode": "SE8 3AA",
        "about": "The estate's own room, on the ground floor of Foreshore House.",
        "facilities": {"step_free_access": True},
        "hours": [(day, time(10), time(21)) for day in range(7)],
        "rooms": [("Community room", 30, True, True, True)],
    },
]
TMO = ("Sydenham Hill Tenant Management Organisation", "Sydenham Hill")


def _centres() -> list[CommunityRoom]:
    """The demo centres with their hours and rooms; the first room of each (for bookings)."""
    first_rooms = []
    for spec in CENTRES:
        estate = Estate.objects.get(name=spec["estate"])
        venue, _ = Venue.objects.get_or_create(
            name=spec["name"],
            defaults={
                "address": spec["address"],
                "postcode": spec["postcode"],
                "estate": estate,
                "accessibility_notes": "Step-free entrance, accessible toilet."
                if spec["facilities"].get("step_free_access")
                else "Steps at the entrance: ring the bell and staff will help.",
            },
        )
        centre, _ = ResourceCentre.objects.get_or_create(
            slug=slugify(spec["name"]),
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "venue": venue,
                "about": spec["about"],
                **spec["facilities"],
            },
        )
        for weekday, opens, closes in spec["hours"]:
            OpeningHours.objects.get_or_create(centre=centre, weekday=weekday, opens=opens, defaults={"closes": closes})
        rooms = [
            CommunityRoom.objects.get_or_create(
                centre=centre,
                name=name,
                defaults={"capacity": capacity, "hearing_loop": loop, "kitchen": kitchen, "bookable_by_tras": bookable},
            )[0]
            for name, capacity, loop, kitchen, bookable in spec["rooms"]
        ]
        first_rooms.append(rooms[0])
    name, estate_name = TMO
    tmo, _ = TenantManagementOrganisation.objects.get_or_create(
        name=name,
        defaults={
            "about": "A company led by residents that manages the estate's homes for the council: repairs, "
            "caretaking and tenancy matters.",
            "phone": "020 7946 0123",
            "email": "office@sydenham-hill-tmo.example.org",
            "website": "https://sydenham-hill-tmo.example.org/",
        },
    )
    tmo.estates.add(Estate.objects.get(name=estate_name))
    return first_rooms


def _booked_meeting(tra: TenantsAssociation, room: CommunityRoom) -> None:
    """A general meeting of the TRA in a room it booked, three weeks on (a weekday), telling nobody."""
    if RoomBooking.objects.filter(tra=tra).exists():
        return
    secretary = CommitteeRole.objects.current().filter(tra=tra, role=CommitteeRole.Role.SECRETARY).first()
    if secretary is None:
        return
    day = timezone.localdate() + timedelta(days=22)
    if day.weekday() > 3:  # Monday to Thursday
        day += timedelta(days=7 - day.weekday())
    request = RoomRequest(
        room=room,
        kind=TRAMeeting.Kind.GENERAL,
        starts_at=timezone.make_aware(datetime.combine(day, time(18))),
        ends_at=timezone.make_aware(datetime.combine(day, time(19, 30))),
        notes="Repairs and the estate's spring clean-up.",
    )
    # Someone may have booked that time on this demo site since: theirs stays.
    with contextlib.suppress(RoomBookingRefused):
        room_book(tra=tra, request=request, booked_by=secretary.resident)


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

    taplow_room = _centres()[0]
    _booked_meeting(TenantsAssociation.objects.get(slug=slugify("Evelyn Gardens TRA")), taplow_room)

    lines = [
        f"{ResourceCentre.objects.count()} resource centres and community rooms, "
        f"{RoomBooking.objects.booked().count()} room booked by a TRA; "
        f"{TenantManagementOrganisation.objects.count()} TMO.",
        f"{TenantsAssociation.objects.count()} TRAs, {Membership.objects.filter(status='member').count()} members; "
        f"{len(interested)} residents of {NO_TRA_ESTATE} (no TRA) want to start one.",
        "TRA secretaries sign in at /account/login/ (resident password) to manage their TRA:",
        *[f"  {tra_name:<28} {secretary.email}" for tra_name, secretary in secretaries[:3]],
    ]
    return lines
