"""Demo events: the year's four roadshows (with drop-ins), repairs open days on different estates,
a walkabout asked for by a resident, surgeries, a workshop from a suggestion, a door-knocking round,
and bookings (with attendance for the ones already held).

Keyed on titles and natural keys, with a fixed random seed, so loading twice changes nothing.
Bookings are written directly rather than through the booking service, so loading the demo
sends no messages.
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from engagement.models import Estate, Home, Resident, User
from events.models import (
    Booking,
    Event,
    IssueCategory,
    RoundEstate,
    Venue,
    Visit,
    WalkaboutRequest,
    WorkshopSuggestion,
)
from events.models.bookings import new_booking_code
from events.services.door_knocking import DoorstepIssue, visit_record

VENUES = [
    (
        "Evelyn Community Centre",
        "Evelyn Gardens",
        "50 Evelyn Street\nLondon",
        "SE8 5DD",
        "Buses 47, 188 and 199. Deptford station is a 10 minute walk.",
        "Step-free entrance and accessible toilet. Hearing loop in the main hall.",
    ),
    (
        "Crossfields TRA Hall",
        "Crossfields",
        "Frankham Street\nLondon",
        "SE8 4RN",
        "Buses 53 and 453. Deptford Bridge DLR is 5 minutes away.",
        "Two steps at the entrance; a portable ramp is available. No hearing loop.",
    ),
    (
        "Catford Civic Suite",
        None,
        "Catford Road\nLondon",
        "SE6 4RU",
        "Catford and Catford Bridge stations are 3 minutes away. Many buses stop outside.",
        "Step-free throughout, accessible toilets, hearing loop, BSL interpreters on request.",
    ),
    (
        "Downham Fields Library",
        "Downham Fields",
        "7–9 Moorside Road\nBromley",
        "BR1 5EP",
        "Buses 136, 181 and 284.",
        "Step-free entrance. Accessible toilet.",
    ),
]


def _at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _event(title: str, **fields) -> Event:
    event, _ = Event.objects.get_or_create(title=title, defaults=fields)
    return event


def _venues() -> dict[str, Venue]:
    venues = {}
    for name, estate, address, postcode, travel, access in VENUES:
        venues[name], _ = Venue.objects.get_or_create(
            name=name,
            defaults={
                "estate": Estate.objects.filter(name=estate).first() if estate else None,
                "address": address,
                "postcode": postcode,
                "how_to_get_there": travel,
                "accessibility_notes": access,
            },
        )
    return venues


def _last_door_knocking_round(today, estate: Estate, community) -> None:
    """Last month's round on Whitefoot Lane: who answered, a damp report logged as an issue, and the
    homes where nobody answered, which this month's round starts from."""
    day = today.replace(day=1) - timedelta(days=20)
    last_round = _event(
        f"Door knocking: {day:%B %Y}",
        kind=Event.Kind.DOOR_KNOCKING,
        starts_at=_at(day, 10),
        ends_at=_at(day, 16),
        lead_officer=community,
        listed=False,
        status=Event.Status.COMPLETED,
    )
    RoundEstate.objects.get_or_create(round=last_round, estate=estate, defaults={"position": 0})
    if last_round.visits.exists():
        return
    homes = list(Home.objects.filter(block__estate=estate).order_by("block__name", "pk")[:6])
    repairs = IssueCategory.objects.filter(code="repairs").first()
    outcomes = [Visit.Outcome.NO_ANSWER, Visit.Outcome.SPOKE, Visit.Outcome.NO_ANSWER, Visit.Outcome.LEFT_LETTER]
    for home, outcome in zip(homes, outcomes, strict=False):
        visit_record(round_event=last_round, estate=estate, home=home, outcome=outcome, by=community)
    if repairs is not None and len(homes) > 4:
        resident = Resident.objects.filter(tenancy__home=homes[4]).first()
        visit_record(
            round_event=last_round,
            estate=estate,
            home=homes[4],
            resident=resident,
            outcome=Visit.Outcome.ISSUE_RAISED,
            issue=DoorstepIssue(
                category=repairs, description="Black mould in the bathroom, coming back after cleaning"
            ),
            by=community,
        )


@transaction.atomic
def load() -> list[str]:
    estates = {estate.name: estate for estate in Estate.objects.all()}
    if "Crossfields" not in estates:
        return ["Events demo skipped: load the engagement demo (estates and residents) first."]
    rng = random.Random(4)
    officer = User.objects.filter(email="officer@example.gov.uk").first()
    community = User.objects.filter(email="community@example.gov.uk").first()
    venues = _venues()
    today = timezone.localdate()
    year = today.year

    roadshows = []
    plan = [(3, 4, "online"), (6, 10, "online"), (9, 16, "in_person"), (12, 2, "in_person")]
    for number, (month, day, fmt) in enumerate(plan, start=1):
        day = today.replace(year=year, month=month, day=day)
        where = "online" if fmt == "online" else "in person"
        roadshow = _event(
            f"Housing roadshow {year} ({number} of 4, {where})",
            description="An update from the housing services senior leadership team on our services, the "
            "transformation programme and changes in staff and structure. For common issues.",
            kind=Event.Kind.ROADSHOW,
            format=fmt,
            starts_at=_at(day, 18),
            ends_at=_at(day, 19, 30),
            venue=venues["Catford Civic Suite"] if fmt == "in_person" else None,
            joining_link="https://meet.example.gov.uk/roadshow" if fmt == "online" else "",
            senior_leader="Jo Adebayo, Director of Housing Services",
            lead_officer=officer,
            capacity=80,
            status=Event.Status.PUBLISHED,
        )
        roadshows.append(roadshow)
        _event(
            f"Drop-in before the housing roadshow {year} ({number} of 4)",
            description="Bring an individual issue to talk over one to one before the roadshow.",
            kind=Event.Kind.DROP_IN,
            format=fmt,
            starts_at=roadshow.starts_at - timedelta(hours=1),
            ends_at=roadshow.starts_at,
            venue=roadshow.venue,
            joining_link=roadshow.joining_link,
            drop_in_for=roadshow,
            capacity=12,
            lead_officer=officer,
            status=Event.Status.PUBLISHED,
        )

    open_days = []
    for weeks, estate_name, venue_name in (
        (-6, "Evelyn Gardens", "Evelyn Community Centre"),
        (2, "Crossfields", "Crossfields TRA Hall"),
        (7, "Downham Fields", "Downham Fields Library"),
    ):
        day = today + timedelta(weeks=weeks)
        open_days.append(
            _event(
                f"Repairs open day: {estate_name}",
                description="Meet the repairs team and report repairs and asset management issues.",
                kind=Event.Kind.REPAIRS_OPEN_DAY,
                starts_at=_at(day, 10),
                ends_at=_at(day, 14),
                venue=venues[venue_name],
                estate=estates[estate_name],
                capacity=40,
                lead_officer=officer,
                status=Event.Status.COMPLETED if weeks < 0 else Event.Status.PUBLISHED,
            )
        )

    requester = Resident.objects.filter(tenancy__home__block__estate=estates["Honor Oak Rise"]).first()
    walkabout_day = today + timedelta(weeks=3)
    walkabout = _event(
        "Estate walkabout: Honor Oak Rise",
        description="Walk round the estate with staff. Residents asked us to look at: lighting on the paths "
        "and the bin stores.",
        kind=Event.Kind.WALKABOUT,
        starts_at=_at(walkabout_day, 11),
        ends_at=_at(walkabout_day, 12, 30),
        estate=estates["Honor Oak Rise"],
        designated_contact=officer,
        lead_officer=officer,
        organiser="Honor Oak Rise TRA",
        status=Event.Status.PUBLISHED,
    )
    if requester is not None:
        WalkaboutRequest.objects.get_or_create(
            resident=requester,
            estate=estates["Honor Oak Rise"],
            defaults={
                "what_to_look_at": "Lighting on the paths and the bin stores",
                "group_name": "Honor Oak Rise TRA",
                "status": WalkaboutRequest.Status.SCHEDULED,
                "walkabout": walkabout,
            },
        )
        WalkaboutRequest.objects.get_or_create(
            resident=requester,
            estate=estates["Ladywell Fields"],
            defaults={"what_to_look_at": "The play area and the car park", "suggested_dates": "Saturday mornings"},
        )

    surgeries = []
    for weeks in (-2, 1, 5):
        day = today + timedelta(weeks=weeks)
        surgeries.append(
            _event(
                f"Housing officer surgery: Crossfields ({day:%d %B})",
                description="Drop in to talk to your housing officer about your tenancy, your home or your estate.",
                kind=Event.Kind.SURGERY,
                starts_at=_at(day, 14),
                ends_at=_at(day, 16),
                venue=venues["Crossfields TRA Hall"],
                estate=estates["Crossfields"],
                housing_officer=officer,
                capacity=15,
                lead_officer=officer,
                status=Event.Status.COMPLETED if weeks < 0 else Event.Status.PUBLISHED,
            )
        )

    suggestion, _ = WorkshopSuggestion.objects.get_or_create(
        topic="Damp and mould: what works",
        defaults={"details": "Share what has helped and plan how to report it early."},
    )
    workshop_day = today + timedelta(weeks=4)
    workshop = _event(
        "Workshop: Damp and mould, what works",
        description="Residents, repairs staff and partners plan together how to tackle damp and mould.",
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.HYBRID,
        starts_at=_at(workshop_day, 18),
        ends_at=_at(workshop_day, 20),
        venue=venues["Evelyn Community Centre"],
        joining_link="https://meet.example.gov.uk/workshop",
        capacity=30,
        lead_officer=officer,
        status=Event.Status.PUBLISHED,
    )
    if suggestion.workshop_id is None:
        suggestion.workshop, suggestion.status = workshop, WorkshopSuggestion.Status.SCHEDULED
        suggestion.save(update_fields=["workshop", "status"])
    WorkshopSuggestion.objects.get_or_create(
        topic="Understanding your service charges", defaults={"details": "For leaseholders: what each line means."}
    )

    round_day = today.replace(day=1) + timedelta(days=40)
    door_knocking = _event(
        f"Door knocking: {round_day:%B %Y}",
        kind=Event.Kind.DOOR_KNOCKING,
        starts_at=_at(round_day, 10),
        ends_at=_at(round_day, 16),
        lead_officer=community,
        listed=False,
        status=Event.Status.PUBLISHED,
    )
    for position, name in enumerate(("Whitefoot Lane", "Grove Park Close")):
        RoundEstate.objects.get_or_create(round=door_knocking, estate=estates[name], defaults={"position": position})

    residents = list(Resident.objects.filter(tenancy_verified_at__isnull=False).order_by("pk")[:60])
    bookable = [*roadshows, *open_days, walkabout, *surgeries, workshop]
    bookings = 0
    for event in bookable:
        for resident in rng.sample(residents, min(len(residents), rng.randint(4, 12))):
            held = event.ends_at < timezone.now()
            attendance = rng.choice(["attended", "attended", "attended", "no_show"]) if held else ""
            _, created = Booking.objects.get_or_create(
                event=event,
                resident=resident,
                defaults={"code": new_booking_code(), "places": rng.choice([1, 1, 1, 2]), "attendance": attendance},
            )
            bookings += created
    IssueCategory.objects.filter(designated_contact__isnull=True).update(designated_contact=officer)
    _last_door_knocking_round(today, estates["Whitefoot Lane"], community)

    return [
        f"{Event.objects.count()} events (roadshows, open days, a walkabout, surgeries, a workshop, door knocking), "
        f"{Booking.objects.count()} bookings."
    ]
