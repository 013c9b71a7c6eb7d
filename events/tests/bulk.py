"""Many rows at once, for the tests that list pages make the same number of queries with 50 rows as
with 500: bulk_create rather than factories, so 500 rows take a fraction of a second to build."""

from collections.abc import Callable
from datetime import date, timedelta
from itertools import count

from django.db.models import Model
from django.utils import timezone

from engagement.models import AccessNeed, Block, Estate, Home, Resident, Tenancy, TenureType, Ward
from events.models import (
    Booking,
    Event,
    Issue,
    IssueCategory,
    IssueUpdate,
    Venue,
    Visit,
    WalkaboutRequest,
    WorkshopSuggestion,
    WorkshopSupport,
)

_serial = count(1)

# The sizes every query-count test compares.
SMALL, LARGE = 50, 500


def queries_stay_the_same(
    assert_max_num_queries, add: Callable[[int], object], visit: Callable[[], object], *, ceiling: int
) -> None:
    """Visit the page with SMALL rows (within `ceiling` queries), then with LARGE: no more queries."""
    add(SMALL)
    with assert_max_num_queries(ceiling) as small:
        visit()
    add(LARGE - SMALL)
    with assert_max_num_queries(len(small.captured_queries)):
        visit()


def _cycle(items: list, number: int) -> list:
    return [items[index % len(items)] for index in range(number)]


def estates(number: int) -> list[Estate]:
    ward = Ward.objects.create(name=f"Bulk ward {next(_serial)}")
    return Estate.objects.bulk_create([Estate(name=f"Bulk estate {next(_serial)}", ward=ward) for _ in range(number)])


def tenancies(on: list[Estate]) -> list[Tenancy]:
    """A home with a tenancy on each estate in `on` (name an estate again for more homes on it)."""
    blocks = {}
    for estate in on:
        blocks.setdefault(estate.pk, Block(name=f"Bulk block {next(_serial)}", estate=estate))
    Block.objects.bulk_create(blocks.values())
    homes = Home.objects.bulk_create(
        [
            Home(block=blocks[estate.pk], address_line_1=f"Flat {next(_serial)}, Bulk House", postcode="SE8 3AB")
            for estate in on
        ]
    )
    return Tenancy.objects.bulk_create(
        [
            Tenancy(
                reference=f"BULK-{next(_serial):07d}",
                home=home,
                tenure_type=TenureType.COUNCIL_TENANT,
                start_date=date(2015, 4, 1),
            )
            for home in homes
        ]
    )


def residents(on: list[Estate], **fields) -> list[Resident]:
    """A resident (without an account, tenancy confirmed) in a home of their own on each estate in `on`."""
    rows = []
    for tenancy in tenancies(on):
        serial = next(_serial)
        values = {
            "first_name": f"Bulk{serial}",
            "last_name": "Resident",
            "email": f"bulk{serial}@example.com",
            "tenancy": tenancy,
            "tenancy_verified_at": timezone.now(),
            **fields,
        }
        rows.append(Resident(**values))
    return Resident.objects.bulk_create(rows)


def venues(number: int, estate: Estate) -> list[Venue]:
    return Venue.objects.bulk_create(
        [
            Venue(name=f"Bulk hall {next(_serial)}", address="1 High Street\nLondon", postcode="SE8 3AB", estate=estate)
            for _ in range(number)
        ]
    )


def events(
    number: int,
    *,
    estates: list[Estate] = (),
    venues: list[Venue] = (),
    eligible: list[Estate] = (),
    starts_at=None,
    **fields,
) -> list[Event]:
    """Published events, ten days away unless `starts_at` says otherwise; estates and venues go round."""
    starts_at = starts_at or timezone.now().replace(second=0, microsecond=0) + timedelta(days=10)
    rows = []
    for index in range(number):
        venue = venues[index % len(venues)] if venues else None
        estate = estates[index % len(estates)] if estates else (venue.estate if venue else None)
        values = {
            "title": f"Bulk event {next(_serial)}",
            "kind": Event.Kind.REPAIRS_OPEN_DAY,
            "format": Event.Format.IN_PERSON if venue else Event.Format.ONLINE,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "status": Event.Status.PUBLISHED,
            "venue": venue,
            "estate": estate,
            "capacity": 20,
            **fields,
        }
        rows.append(Event(**values))
    made = Event.objects.bulk_create(rows)
    Event.eligible_estates.through.objects.bulk_create(
        [Event.eligible_estates.through(event=event, estate=estate) for event in made for estate in eligible]
    )
    return made


def bookings(
    *, events: list[Event], residents: list[Resident], access_needs: list[AccessNeed] = (), **fields
) -> list[Booking]:
    """A booking for each (event, resident) pair; a single event or resident goes with every one of the other."""
    number = max(len(events), len(residents))
    made = Booking.objects.bulk_create(
        [
            Booking(event=event, resident=resident, **fields)
            for event, resident in zip(_cycle(events, number), _cycle(residents, number), strict=True)
        ]
    )
    _through(
        Booking.access_needs.through,
        [{"booking": booking, "accessneed": need} for booking in made for need in access_needs],
    )
    return made


def walk_ins(number: int, *, event: Event, estate: Estate) -> list[Booking]:
    return Booking.objects.bulk_create(
        [
            Booking(
                event=event,
                walk_in_name=f"Walk-in {next(_serial)}",
                walk_in_estate=estate,
                source=Booking.Source.WALK_IN,
                attendance=Booking.Attendance.ATTENDED,
            )
            for _ in range(number)
        ]
    )


def issues(
    number: int,
    *,
    category: IssueCategory,
    raised_by: Resident | None = None,
    estate: Estate | None = None,
    target_date: date | None = None,
    update: str = "",
) -> list[Issue]:
    """Open issues; with `update`, each has that update, meant for the resident."""
    target_date = target_date or timezone.localdate() + timedelta(days=category.timescale_days)
    made = Issue.objects.bulk_create(
        [
            Issue(
                category=category,
                raised_by=raised_by,
                estate=estate,
                location=f"Stairwell {next(_serial)}",
                description="Light out",
                target_date=target_date,
                owner=category.designated_contact,
            )
            for _ in range(number)
        ]
    )
    if update:
        IssueUpdate.objects.bulk_create([IssueUpdate(issue=issue, text=update, tell_resident=True) for issue in made])
    return made


def suggestions(number: int) -> list[WorkshopSuggestion]:
    """Published topics, each suggested by one resident and supported by another."""
    people = residents(estates(1) * (2 * number))
    made = WorkshopSuggestion.objects.bulk_create(
        [
            WorkshopSuggestion(topic=f"Topic {next(_serial)}", suggested_by=people[2 * index], published=True)
            for index in range(number)
        ]
    )
    WorkshopSupport.objects.bulk_create(
        [
            WorkshopSupport(suggestion=suggestion, resident=people[2 * index + offset])
            for index, suggestion in enumerate(made)
            for offset in (0, 1)
        ]
    )
    return made


def walkabout_requests(number: int) -> list[WalkaboutRequest]:
    people = residents(estates(1) * number)
    return WalkaboutRequest.objects.bulk_create(
        [
            WalkaboutRequest(resident=person, estate=person.tenancy.home.block.estate, what_to_look_at="Bins")
            for person in people
        ]
    )


def visits(number: int, *, round_event: Event, estate: Estate, recorded_by=None) -> list[Visit]:
    people = residents([estate] * number)
    return Visit.objects.bulk_create(
        [
            Visit(
                round=round_event,
                estate=estate,
                home=person.tenancy.home,
                resident=person,
                outcome=Visit.Outcome.SPOKE,
                recorded_by=recorded_by,
            )
            for person in people
        ]
    )


def _through(model: type[Model], rows: list[dict]) -> None:
    model.objects.bulk_create([model(**row) for row in rows])
