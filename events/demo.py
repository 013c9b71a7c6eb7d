"""Demo events, dated from the day the demo is loaded: the year's four roadshows (with drop-ins, at
least two still to come), repairs open days on different estates either side of the next change of
the clocks, a walkabout asked for by a resident, surgeries, a workshop from a suggestion, a
door-knocking round, and bookings (with attendance and what happened for the ones already held).

Each kind is made only if the demo has none yet, so loading twice (or on a later day) changes
nothing. Bookings are written directly rather than through the booking service, so loading the
demo sends no messages.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engagement.dates import date_text, month_text
from engagement.models import AccessNeed, Estate, Home, Resident, TenureType, User
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
from events.services.events import RoadshowSession, roadshows_plan_year

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
        "Ladywell Fields Community Room",
        "Ladywell Fields",
        "Elmira Court, Elmira Street\nLondon",
        "SE13 7BN",
        "Ladywell station is 5 minutes away. Buses 122, 136 and 284.",
        "Step-free entrance from the car park. Accessible toilet. No hearing loop.",
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


def next_clock_change(after: date) -> date:
    """The first day after `after` on which UK clocks go forward or back (the change is at 1am)."""
    london = ZoneInfo(settings.TIME_ZONE)

    def offset(day: date):
        return datetime.combine(day, time(12), tzinfo=london).utcoffset()

    day = after
    while offset(day + timedelta(days=1)) == offset(day):
        day += timedelta(days=1)
    return day + timedelta(days=1)


def _tuesday_on_or_after(day: date) -> date:
    return day + timedelta(days=(1 - day.weekday()) % 7)


def roadshow_days(today: date) -> tuple[int, list[date]]:
    """The year's four roadshows, about a quarter apart, at least two of them still to come.

    From October the year to show is next year's (this year's are nearly all held). Earlier in
    the year, when fewer than two are left, the last two move into what remains of it.
    """
    year = today.year if today <= date(today.year, 9, 30) else today.year + 1
    days = [_tuesday_on_or_after(date(year, month, 1)) for month in (3, 6, 9, 11)]
    if sum(day > today + timedelta(days=7) for day in days) < 2:
        left = (date(year, 12, 10) - today).days
        days[2] = _tuesday_on_or_after(today + timedelta(days=left // 3))
        days[3] = _tuesday_on_or_after(today + timedelta(days=2 * left // 3))
    return year, days


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
        f"Door knocking: {month_text(day)}",
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


def _roadshows(today: date, officer, venues) -> list[Event]:
    if Event.objects.filter(kind=Event.Kind.ROADSHOW).exists():
        return list(Event.objects.filter(kind=Event.Kind.ROADSHOW).order_by("starts_at"))
    year, days = roadshow_days(today)
    formats = [Event.Format.ONLINE, Event.Format.IN_PERSON, Event.Format.ONLINE, Event.Format.IN_PERSON]
    made = roadshows_plan_year(
        year=year,
        sessions=[
            RoadshowSession(
                day=day,
                starts=time(18),
                ends=time(19, 30),
                format=fmt,
                venue=venues["Catford Civic Suite"] if fmt == Event.Format.IN_PERSON else None,
                joining_link="https://meet.example.gov.uk/roadshow" if fmt == Event.Format.ONLINE else "",
                drop_in=True,
            )
            for day, fmt in zip(days, formats, strict=True)
        ],
        senior_leader="Jo Adebayo, Director of Housing Services",
        lead_officer=officer,
        capacity=80,
    )
    # Planned as drafts; the demo's are published, and those already held are marked completed.
    for event in made:
        held = event.ends_at < timezone.now()
        event.status = Event.Status.COMPLETED if held else Event.Status.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
    return [event for event in made if event.kind == Event.Kind.ROADSHOW]


def _open_days(today: date, officer, venues, estates) -> list[Event]:
    """One held six weeks ago, one soon, and one either side of the next change of the clocks."""
    if Event.objects.filter(kind=Event.Kind.REPAIRS_OPEN_DAY).exists():
        return list(Event.objects.filter(kind=Event.Kind.REPAIRS_OPEN_DAY).order_by("starts_at"))
    # Far enough ahead that the open day before it is still to come.
    change = next_clock_change(today + timedelta(days=5))
    plan = [
        (today - timedelta(weeks=6), "Evelyn Gardens", "Evelyn Community Centre"),
        (today + timedelta(weeks=2), "Crossfields", "Crossfields TRA Hall"),
        (change - timedelta(days=4), "Ladywell Fields", "Ladywell Fields Community Room"),
        (change + timedelta(days=3), "Downham Fields", "Downham Fields Library"),
    ]
    made = []
    for day, estate_name, venue_name in sorted(plan, key=lambda item: item[0]):
        held = day < today
        made.append(
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
                status=Event.Status.COMPLETED if held else Event.Status.PUBLISHED,
            )
        )
    return made


def _surgeries(today: date, officer, venues, estates) -> list[Event]:
    # Only these: panels' demo adds a past year's series elsewhere, with its own bookings.
    ours = Event.objects.filter(kind=Event.Kind.SURGERY, title__startswith="Housing officer surgery: Crossfields")
    if ours.exists():
        return list(ours.order_by("starts_at"))
    made = []
    for weeks in (-2, 1, 5):
        day = today + timedelta(weeks=weeks)
        made.append(
            _event(
                f"Housing officer surgery: Crossfields ({day:%-d %B})",
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
    return made


# The residents' training programme: (weeks from today, title, topic, format, venue). Two held, three to come.
COURSES = [
    (-6, "Being on your TRA committee", Event.TrainingTopic.TRA_COMMITTEE, "Catford Civic Suite"),
    (-3, "Getting online: email, video calls and staying safe", Event.TrainingTopic.DIGITAL, "Evelyn Community Centre"),
    (2, "Chairing a meeting well", Event.TrainingTopic.CHAIRING, "Catford Civic Suite"),
    (4, "Money matters for TRA treasurers", Event.TrainingTopic.FINANCE, None),
    (7, "Scrutiny: asking the right questions", Event.TrainingTopic.SCRUTINY, "Catford Civic Suite"),
]
# Practical volunteering: (weeks from today, title, activity, estate, venue). One held, three to come.
OPPORTUNITIES = [
    (-2, "Litter pick: Crossfields", Event.VolunteeringActivity.LITTER_PICK, "Crossfields", None),
    (
        1,
        "Community garden: planting day at Ladywell Fields",
        Event.VolunteeringActivity.COMMUNITY_GARDENING,
        "Ladywell Fields",
        "Ladywell Fields Community Room",
    ),
    (3, "Litter pick: Evelyn Gardens", Event.VolunteeringActivity.LITTER_PICK, "Evelyn Gardens", None),
    (
        5,
        "Helping at the repairs open day",
        Event.VolunteeringActivity.HELPING_AT_EVENTS,
        "Downham Fields",
        "Downham Fields Library",
    ),
]


def _training_and_volunteering(today: date, officer, venues, estates) -> tuple[list[Event], list[Event]]:
    """The programme's courses and the volunteering sessions, with who came and the hours they gave."""
    # Its own random numbers: what the other events' bookings draw stays the same whether this runs or not.
    rng = random.Random(18)
    if Event.objects.filter(kind__in=[Event.Kind.TRAINING, Event.Kind.VOLUNTEERING]).exists():
        return (
            list(Event.objects.filter(kind=Event.Kind.TRAINING)),
            list(Event.objects.filter(kind=Event.Kind.VOLUNTEERING)),
        )
    courses = []
    for weeks, title, topic, venue in COURSES:
        day = today + timedelta(weeks=weeks)
        courses.append(
            _event(
                title,
                description="A free course for residents, run with Lewisham Tenants Fund. Tea and biscuits provided.",
                kind=Event.Kind.TRAINING,
                training_topic=topic,
                format=Event.Format.IN_PERSON if venue else Event.Format.ONLINE,
                venue=venues[venue] if venue else None,
                joining_link="" if venue else "https://meet.example.gov.uk/training",
                starts_at=_at(day, 18),
                ends_at=_at(day, 20, 30),
                capacity=16,
                lead_officer=officer,
                status=Event.Status.COMPLETED if weeks < 0 else Event.Status.PUBLISHED,
            )
        )
    opportunities = []
    for weeks, title, activity, estate, venue in OPPORTUNITIES:
        day = today + timedelta(weeks=weeks)
        opportunities.append(
            _event(
                title,
                description="Gloves, tools and refreshments provided. Wear clothes you do not mind getting dirty.",
                kind=Event.Kind.VOLUNTEERING,
                volunteering_activity=activity,
                venue=venues[venue] if venue else None,
                estate=estates[estate],
                starts_at=_at(day, 10),
                ends_at=_at(day, 13),
                capacity=20,
                lead_officer=officer,
                status=Event.Status.COMPLETED if weeks < 0 else Event.Status.PUBLISHED,
            )
        )
    # The first demo resident, and the leaseholders applying to a panel, have done some training and volunteering,
    # so Your training, Your volunteering and the panel applications in admin have something to show.
    with_accounts = Resident.objects.filter(user__email__endswith="@example.com", tenancy_verified_at__isnull=False)
    learners = [
        *with_accounts.order_by("user__email")[:1],
        *with_accounts.filter(tenancy__tenure_type=TenureType.RESIDENT_LEASEHOLDER).order_by("user__email")[:2],
        *rng.sample(list(with_accounts.order_by("pk")[:60]), 6),
    ]
    for event in [*courses, *opportunities]:
        held = event.ends_at < timezone.now()
        for resident in dict.fromkeys(learners):
            hours = Decimal(rng.choice(["2", "2.5", "3"])) if held and event.kind == Event.Kind.VOLUNTEERING else None
            Booking.objects.get_or_create(
                event=event,
                resident=resident,
                defaults={
                    "code": new_booking_code(),
                    "attendance": Booking.Attendance.ATTENDED if held else "",
                    "volunteer_hours": hours,
                },
            )
    return courses, opportunities


def _door_knocking(today: date, community, estates) -> None:
    if Event.objects.filter(kind=Event.Kind.DOOR_KNOCKING).exists():
        return
    round_day = today.replace(day=1) + timedelta(days=40)
    door_knocking = _event(
        f"Door knocking: {month_text(round_day)}",
        kind=Event.Kind.DOOR_KNOCKING,
        starts_at=_at(round_day, 10),
        ends_at=_at(round_day, 16),
        lead_officer=community,
        listed=False,
        status=Event.Status.PUBLISHED,
    )
    for position, name in enumerate(("Whitefoot Lane", "Grove Park Close")):
        RoundEstate.objects.get_or_create(round=door_knocking, estate=estates[name], defaults={"position": position})


@transaction.atomic
def _support_needed(event: Event) -> None:
    """Bookings asking for interpreters and support, so the event's admin page has something to count."""
    needs = {need.code: need for need in AccessNeed.objects.all()}
    asked = [
        (["bsl_interpreter"], ""),
        (["bsl_interpreter", "step_free_access"], ""),
        (["language_interpreter"], "Somali"),
        (["hearing_loop"], ""),
    ]
    bookings = event.bookings.filter(status=Booking.Status.CONFIRMED).order_by("pk")
    for booking, (codes, language) in zip(bookings, asked, strict=False):
        if not booking.access_needs.exists():
            booking.access_needs.set([needs[code] for code in codes if code in needs])
            if language:
                booking.interpreter_language = language
                booking.save(update_fields=["interpreter_language"])


def load() -> list[str]:
    estates = {estate.name: estate for estate in Estate.objects.all()}
    if "Crossfields" not in estates:
        return ["Events demo skipped: load the engagement demo (estates and residents) first."]
    rng = random.Random(4)
    officer = User.objects.filter(email="officer@example.gov.uk").first()
    community = User.objects.filter(email="community@example.gov.uk").first()
    venues = _venues()
    today = timezone.localdate()

    roadshows = _roadshows(today, officer, venues)
    open_days = _open_days(today, officer, venues, estates)

    requester = Resident.objects.filter(tenancy__home__block__estate=estates["Honor Oak Rise"]).order_by("pk").first()
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

    surgeries = _surgeries(today, officer, venues, estates)

    suggestion, _ = WorkshopSuggestion.objects.get_or_create(
        topic="Damp and mould: what works",
        defaults={"details": "Share what has helped and plan how to report it early.", "published": True},
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
        topic="Understanding your service charges",
        defaults={"details": "For leaseholders: what each line means.", "published": True},
    )
    WorkshopSuggestion.objects.get_or_create(
        topic="Starting a community garden",
        defaults={"details": "Waiting for a moderator: not shown until an officer approves it."},
    )
    _door_knocking(today, community, estates)

    courses, opportunities = _training_and_volunteering(today, officer, venues, estates)

    residents = list(Resident.objects.filter(tenancy_verified_at__isnull=False).order_by("pk")[:60])
    bookable = [*roadshows, *open_days, walkabout, *surgeries, workshop]
    for event in bookable:
        for resident in rng.sample(residents, min(len(residents), rng.randint(4, 12))):
            held = event.ends_at < timezone.now()
            attendance = rng.choice(["attended", "attended", "attended", "no_show"]) if held else ""
            Booking.objects.get_or_create(
                event=event,
                resident=resident,
                defaults={"code": new_booking_code(), "places": rng.choice([1, 1, 1, 2]), "attendance": attendance},
            )
    _support_needed(workshop)
    IssueCategory.objects.filter(designated_contact__isnull=True).update(designated_contact=officer)
    _last_door_knocking_round(today, estates["Whitefoot Lane"], community)

    now = timezone.now()
    to_come = [event for event in roadshows if event.starts_at > now]
    change = next_clock_change(today + timedelta(days=5))
    return [
        f"Events: {len(roadshows)} roadshows ({len(to_come)} still to come), {len(open_days)} repairs open days "
        f"(either side of the clocks changing on {date_text(change)}), a walkabout, {len(surgeries)} surgeries, "
        f"a workshop and a door-knocking round; see /whats-on/.",
        f"Training and volunteering: {len(courses)} courses and {len(opportunities)} volunteering sessions, some "
        "held (with who completed them and the hours given); see /whats-on/type/training/ and "
        "/whats-on/type/volunteering/.",
    ]


def summary() -> list[str]:
    """What's on as a visitor sees it once every app has loaded its demo: the same on every load."""
    listed = Event.objects.whats_on().exclude(kind=Event.Kind.DOOR_KNOCKING)
    return [
        f"What's on lists {listed.count()} events, {listed.upcoming().count()} still to come; "
        f"{Booking.objects.count()} bookings in all."
    ]
